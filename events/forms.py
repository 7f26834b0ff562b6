"""The public forms: signing up for a meet-up, and filtering the meet-up listing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import SignUp
from movement.spam import HoneypotFormMixin
from movement.validators import PlainTextFormMixin, SendableEmailField
from streams.models import PROVINCES


class AccessibleErrorsMixin:
    """Fields with errors point at their error message (aria-describedby), next to their help
    text, matching the ids in templates/includes/form_field.html. Django adds aria-invalid."""

    def full_clean(self):
        super().full_clean()
        for _name, bound in ((name, self[name]) for name in self.errors if name in self.fields):
            ids = [f"{bound.auto_id}_error"]
            if bound.help_text:
                ids.append(f"{bound.auto_id}_helptext")
            bound.field.widget.attrs["aria-describedby"] = " ".join(ids)


class SignUpForm(AccessibleErrorsMixin, PlainTextFormMixin, HoneypotFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Naam"),
        max_length=SignUp._meta.get_field("name").max_length,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = SendableEmailField(
        label=_("E-mailadres"),
        max_length=254,
        help_text=_("Hier sturen we de bevestiging en de link om af te melden naartoe."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = forms.CharField(
        label=_("Organisatie (niet verplicht)"),
        required=False,
        max_length=SignUp._meta.get_field("organisation").max_length,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    role = forms.ChoiceField(
        label=_("Ik kom als"),
        choices=[("", _("Maak een keuze")), *SignUp.Role.choices],
    )
    access_needs = forms.CharField(
        label=_("Toegankelijkheid (niet verplicht)"),
        required=False,
        max_length=1000,
        help_text=_("Bijvoorbeeld rolstoeltoegankelijk, een tolk of een rustige plek."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    remarks = forms.CharField(
        label=_("Opmerkingen (niet verplicht)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=_("Ik ga akkoord met de privacyverklaring"),
        error_messages={"required": _("Vink aan dat u akkoord gaat met de privacyverklaring.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = _("Vul uw naam in.")
        self.fields["email"].error_messages["required"] = _("Vul uw e-mailadres in.")
        self.fields["email"].error_messages["invalid"] = _(
            "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."
        )
        self.fields["role"].error_messages["required"] = _("Kies hoe u komt.")

    def clean_email(self):
        email = self.cleaned_data["email"]  # normalised by SendableEmailField
        if len(email) > 254:
            raise forms.ValidationError(_("Dit e-mailadres is te lang."))
        return email


MODES = [("in_person", _("Op locatie")), ("online", _("Online"))]


class MeetupFilterForm(AccessibleErrorsMixin, forms.Form):
    """GET filters: every combination is a shareable URL that works without JavaScript."""

    stream = forms.ChoiceField(label=_("Stroom"), required=False)
    theme = forms.ChoiceField(label=_("Thema"), required=False)
    province = forms.ChoiceField(
        label=_("Provincie"), required=False, choices=[("", _("Alle provincies")), *PROVINCES]
    )
    month = forms.ChoiceField(label=_("Maand"), required=False)
    mode = forms.ChoiceField(
        label=_("Vorm"), required=False, choices=[("", _("Op locatie en online")), *MODES]
    )

    def __init__(self, data, *, streams, themes, months):
        super().__init__(data, auto_id="filter-%s")
        self.fields["stream"].choices = [("", _("Alle stromen"))] + [
            (stream.slug, stream.title) for stream in streams
        ]
        self.fields["theme"].choices = [("", _("Alle thema's"))] + [
            (theme.slug, theme.name) for theme in themes
        ]
        self.fields["month"].choices = [("", _("Alle maanden"))] + months
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = _(
                "Deze keuze bestaat niet (meer). Kies een andere."
            )

"""The public form for signing up for a meet-up (the listing's filters: events/listings.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import SignUp
from movement.spam import HoneypotFormMixin
from movement.validators import PlainTextFormMixin, SendableEmailField


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

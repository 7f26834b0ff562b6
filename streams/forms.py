from django import forms
from django.utils.translation import gettext_lazy as _

from movement.forms import AccessibleFormMixin
from movement.spam import HoneypotFormMixin
from movement.validators import PlainTextFormMixin, SendableEmailField
from streams.models import JoinApplication


class JoinForm(AccessibleFormMixin, PlainTextFormMixin, HoneypotFormMixin, forms.ModelForm):
    consent = forms.BooleanField(
        label=_(
            "Ik geef toestemming om deze gegevens te gebruiken voor het beoordelen van de aanmelding"
        ),
        help_text=_(
            "Zie de privacyverklaring. We bewaren de gegevens tot de aanmelding is beoordeeld."
        ),
        error_messages={
            "required": _("Zonder uw toestemming kunnen we de aanmelding niet verwerken.")
        },
    )

    class Meta:
        model = JoinApplication
        fields = ["organisation", "contact_name", "email", "city", "motivation"]
        labels = {
            "organisation": _("Naam van uw organisatie"),
            "contact_name": _("Uw naam"),
            "email": _("Uw e-mailadres"),
            "city": _("Plaats"),
            "motivation": _("Waarom wilt u meedoen?"),
        }
        field_classes = {"email": SendableEmailField}
        widgets = {
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "motivation": forms.Textarea(attrs={"rows": 5}),
        }

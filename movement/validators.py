"""What the forms accept from visitors, shared by every form that takes it.

- Single-line fields (names, organisations, places) reject line breaks and other control
  characters with a clear message: such a value could end up in a page title or a mail header.
- E-mail addresses are normalised once (here) and accepted only when the mail backend can
  actually deliver to them: an ASCII local part without RFC 2047 encoded words, a host name
  (no IP literal like user@[192.0.2.1]) that IDNA can encode.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from movement.spam import HONEYPOT_FIELD

CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Multi-line text may hold line breaks and tabs, nothing else below the space.
MULTILINE_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
ENCODED_WORD = re.compile(r"=\?.*\?=")


def normalise_email(address):
    """The one normal form of an address: no surrounding spaces, lower case."""
    return address.strip().lower()


def validate_single_line(value):
    if CONTROL_CHARACTERS.search(value or ""):
        raise ValidationError(
            _("Gebruik één regel, zonder regeleinden, tabs of andere onzichtbare tekens."),
            code="single_line",
        )


def validate_plain_text(value):
    if MULTILINE_CONTROL_CHARACTERS.search(value or ""):
        raise ValidationError(
            _("Deze tekst bevat onzichtbare tekens die we niet kunnen bewaren. Haal ze weg."),
            code="control_characters",
        )


def validate_sendable_email(value):
    """An address our mail server can send to (Django's EmailValidator accepts more)."""
    local, _at, domain = (value or "").rpartition("@")
    unusable = _(
        "Naar dit e-mailadres kunnen we geen e-mail sturen. Gebruik een gewoon adres, "
        "zoals naam@voorbeeld.nl."
    )
    if not local or not domain:
        return  # EmailValidator reports it
    if not local.isascii() or ENCODED_WORD.search(local) or CONTROL_CHARACTERS.search(value):
        raise ValidationError(unusable, code="unsendable")
    if domain.startswith("[") or domain.replace(".", "").isdigit():
        raise ValidationError(unusable, code="unsendable")
    try:
        domain.encode("idna")
    except UnicodeError:
        raise ValidationError(unusable, code="unsendable") from None


class SendableEmailField(forms.EmailField):
    """An e-mail field that normalises once and accepts only addresses we can send to."""

    default_validators = [*forms.EmailField.default_validators, validate_sendable_email]

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_email(value) if value else value


class PlainTextFormMixin(forms.BaseForm):
    """Every one-line text input rejects control characters; text areas keep line breaks only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if not isinstance(field, forms.CharField) or isinstance(field, forms.EmailField):
                continue
            if name == HONEYPOT_FIELD:  # what a bot types there is never stored
                continue
            if isinstance(field.widget, forms.Textarea):
                field.validators.append(validate_plain_text)
            elif isinstance(field.widget, forms.TextInput):
                field.validators.append(validate_single_line)

"""The living style page (/stijlgids/, /en/style-guide/): every component of the site's design system,
rendered with the real templates and the real stylesheet, for editors and developers."""

from django import forms
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from events.models import MeetupPage
from streams.models import ArticlePage, ParticipantPage, StreamPage

# The stream colours in movement/static/movement/css/site.css: (name, accent, soft tint).
ACCENTS = [
    ("red", "#a3262a", "#fbeeee"),
    ("teal", "#00695c", "#e6f3f1"),
    ("blue", "#1f4e9c", "#eaf0fa"),
    ("plum", "#6a1b9a", "#f4ecf8"),
    ("green", "#2e6b30", "#ebf4ea"),
    ("ochre", "#8a4b00", "#f9f0e3"),
]
INK = "#1b1d1f"
WHITE = "#ffffff"
TYPE_SCALE = [
    ("h1", "--text-3xl", "28–44 px"),
    ("h2", "--text-2xl", "24–32 px"),
    ("h3", "--text-xl", "22–24 px"),
    ("lead", "--text-l", "21–23 px"),
    ("body", "--text-m", "18 px phone, 20 px from 768 px"),
    ("meta", "--text-s", "18 px"),
]
SPACES = [
    ("3xs", "4 px"),
    ("2xs", "8 px"),
    ("xs", "12 px"),
    ("s", "16 px"),
    ("m", "24 px"),
    ("l", "32 px"),
    ("xl", "48 px"),
    ("2xl", "64 px"),
]


def _luminance(colour):
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first, second):
    """WCAG 2 contrast ratio of two #rrggbb colours."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return round((light + 0.05) / (dark + 0.05), 1)


class ExampleForm(forms.Form):
    name = forms.CharField(label=_("Naam"), help_text=_("Zoals op uw naambordje."))
    email = forms.EmailField(label=_("E-mailadres"))
    role = forms.ChoiceField(
        label=_("Ik kom als"),
        choices=[("", _("Maak een keuze")), ("client", _("cliënt of naaste"))],
    )
    remarks = forms.CharField(label=_("Opmerkingen"), required=False, widget=forms.Textarea)
    consent = forms.BooleanField(label=_("Ik ga akkoord met de privacyverklaring"))


def style_guide(request):
    errors = ExampleForm({"err-name": "", "err-email": "geen-adres", "err-role": ""}, prefix="err")
    errors.is_valid()
    swatches = [
        {
            "name": name,
            "accent": accent,
            "soft": soft,
            "on_white": contrast(accent, WHITE),
            "ink_on_soft": contrast(INK, soft),
        }
        for name, accent, soft in ACCENTS
    ]
    language = getattr(request, "LANGUAGE_CODE", "nl")
    live = {"live": True, "locale__language_code": language}
    context = {
        "swatches": swatches,
        "type_scale": TYPE_SCALE,
        "spaces": SPACES,
        "form": ExampleForm(prefix="ok"),
        "error_form": errors,
        "stream": StreamPage.objects.filter(**live).first(),
        "meetup": MeetupPage.objects.filter(**live).first(),
        "article": ArticlePage.objects.filter(**live).first(),
        "participant": ParticipantPage.objects.filter(**live).first(),
    }
    response = TemplateResponse(request, "home/style_guide.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response

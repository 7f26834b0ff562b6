"""What every app shares: themes, site settings."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Locale, Orderable, Page, TranslatableMixin
from wagtail.search import index

from movement import pagecache
from movement.outbox import OutgoingEmail  # noqa: F401  (the outbox's model lives there)


class Theme(TranslatableMixin, index.Indexed, models.Model):
    """A curated theme (Thema). Content links to the Dutch theme; the English one is its translation."""

    name = models.CharField(_("naam"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=False,
        help_text=_("Het laatste deel van het webadres."),
    )
    description = models.TextField(
        _("korte omschrijving"), blank=True, max_length=500, help_text=_("Eén of twee zinnen.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("afbeelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sort_order = models.PositiveIntegerField(
        _("volgorde"), default=0, help_text=_("Lager getal staat eerder.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("image"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("description")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_theme_slug_per_locale")
        ]

    def __str__(self):
        return self.name

    @cached_property
    def url(self):
        return theme_url(self.locale.language_code, self.slug)


_SLUG = "slug-placeholder"


def theme_url(language_code, slug):
    """A theme's page in that language: one URL reversal per language per request (pages list
    up to forty theme chips), the slug put in its place."""

    def pattern():
        with translation.override(language_code):
            return reverse("theme_detail", kwargs={"slug": _SLUG})

    return pagecache.memoise("theme-url", pattern, language_code).replace(_SLUG, slug)


def in_active_locale(objects):
    """The active-language versions of translatable objects, in one query.

    Content links to the Dutch originals (see docs/architecture.md); an object without a
    translation is shown as it is."""
    objects = list(objects)
    if not objects:
        return []
    locale = Locale.get_active()
    if all(obj.locale_id == locale.pk for obj in objects):
        return objects
    model = type(objects[0])
    manager = model.objects.live() if issubclass(model, Page) else model.objects
    translated = {
        obj.translation_key: obj
        for obj in manager.filter(
            translation_key__in=[obj.translation_key for obj in objects], locale=locale
        ).select_related("locale")
    }
    return [translated.get(obj.translation_key, obj) for obj in objects]


class VocabularyMixin:
    """For page types with `themes` and `keywords`: theme names in the page's own language,
    so an English page is found by the English name of its (Dutch-linked) themes."""

    def theme_names(self):
        keys = [theme.translation_key for theme in self.themes.all()]
        names = Theme.objects.filter(translation_key__in=keys, locale_id=self.locale_id)
        return " ".join(names.values_list("name", flat=True))


# What a card of any page type reads of the page itself: its title and link, and what tree and
# language code needs. Card querysets fetch only these and their type's `card_fields` (columns a
# query selects are built, compiled and read one by one); tests/site/test_cards.py checks that a
# card never reads a field left out (it would cost a query per card).
PAGE_CARD_FIELDS = (
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "locale",
    "translation_key",
    "live",
    "content_type",
)

# What every tagged page type indexes for its themes and keywords.
VOCABULARY_SEARCH_FIELDS = [
    index.SearchField("theme_names"),
    index.RelatedFields("themes", [index.SearchField("name")]),
    index.RelatedFields("keywords", [index.SearchField("name")]),
]


def vocabulary_panel():
    from django import forms

    return MultiFieldPanel(
        [FieldPanel("themes", widget=forms.CheckboxSelectMultiple), FieldPanel("keywords")],
        heading=_("Thema's en trefwoorden"),
    )


def default_locale_themes():
    return {"locale__language_code": settings.LANGUAGE_CODE}


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting, ClusterableModel):
    """Contact details and the statement pages, editable by site administrators."""

    contact_email = models.EmailField(
        _("e-mailadres voor contact"),
        blank=True,
        help_text=_("Staat in de footer en krijgt meldingen van nieuwe deelnemers."),
    )
    contact_phone = models.CharField(_("telefoonnummer"), max_length=40, blank=True)
    organisation = models.CharField(
        _("organisatie"), max_length=120, default="LOC Waardevolle zorg", blank=True
    )
    privacy_page = models.ForeignKey(
        Page,
        verbose_name=_("privacyverklaring"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        Page,
        verbose_name=_("toegankelijkheidsverklaring"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    mastodon_url = models.URLField(_("Mastodon"), blank=True)
    sharing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("standaard deelafbeelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Getoond bij delen op sociale media als een pagina zelf geen afbeelding heeft."
        ),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("privacy_page"), FieldPanel("accessibility_page")],
            heading=_("Verklaringen in de footer"),
        ),
        InlinePanel("footer_links", label=_("Links in de footer"), heading=_("Footermenu")),
        MultiFieldPanel(
            [FieldPanel("linkedin_url"), FieldPanel("mastodon_url"), FieldPanel("sharing_image")],
            heading=_("Delen en sociale media"),
        ),
    ]

    class Meta:
        verbose_name = _("website-instellingen")


class FooterLink(Orderable):
    """A page in the footer menu; shown in the visitor's language when translated."""

    settings = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="footer_links")
    page = models.ForeignKey(
        Page,
        verbose_name=_("pagina"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Kies de Nederlandse pagina; bezoekers zien de vertaling als die er is."),
    )

    panels = [FieldPanel("page")]

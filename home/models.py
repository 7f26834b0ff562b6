from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail.search import index

from events.models import upcoming_meetup_cards
from movement.blocks import BodyBlock
from movement.models import Theme
from movement.pagecache.pages import kept_links
from streams.models import ArticlePage, StreamPage


class HomePage(Page):
    hero_title = models.CharField(_("titel in de kop"), max_length=120)
    hero_text = models.TextField(_("tekst in de kop"), max_length=400, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("afbeelding in de kop"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(
        _("alt-tekst van de afbeelding"),
        max_length=200,
        blank=True,
        help_text=_(
            "Beschrijf wat er op de afbeelding te zien is. Leeg: de afbeelding is decoratief."
        ),
    )
    hero_cta_page = models.ForeignKey(
        Page,
        verbose_name=_("knop naar pagina"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_cta_label = models.CharField(_("tekst op de knop"), max_length=60, blank=True)
    intro = StreamField(BodyBlock(), verbose_name=_("introductie"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_image_alt"),
                FieldPanel("hero_cta_page"),
                FieldPanel("hero_cta_label"),
            ],
            heading=_("Kop"),
        ),
        FieldPanel("intro"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("hero_text"),
        index.SearchField("intro"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("startpagina")

    @property
    def sharing_image(self):
        return self.hero_image

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        locale = Locale.get_active()
        context["streams"] = StreamPage.in_locale(locale)  # kept under the content generation
        context["meetups"] = upcoming_meetup_cards(limit=3)
        context.update(kept_links(self, request, lambda: self.links(locale)))
        return context

    def links(self, locale):
        """What the page shows of other content: the newest articles and the themes."""
        return {
            "articles": list(ArticlePage.listing(locale).only(*ArticlePage.card_fields)[:3]),
            "themes": list(Theme.objects.filter(locale=locale).select_related("locale")),
        }


class StandardPage(Page):
    """About, privacy statement, accessibility statement: plain content."""

    intro = models.TextField(_("inleiding"), max_length=500, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("inhoud"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("inhoudspagina")

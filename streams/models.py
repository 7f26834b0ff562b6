import functools
import math
import secrets

from django import forms
from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PreviewableMixin, Site
from wagtail.search import index

from movement import blocks as body_blocks
from movement import i18n, pagecache
from movement.blocks import BodyBlock, plain_text_of
from movement.listing import redirect_old_names
from movement.models import (
    PAGE_CARD_FIELDS,
    VOCABULARY_SEARCH_FIELDS,
    VocabularyMixin,
    default_locale_themes,
    in_active_locale,
    vocabulary_panel,
)
from movement.pagecache.pages import kept_html, kept_links
from movement.providers import upcoming_meetup_cards, upcoming_meetups
from streams import listings, pdf

WORDS_PER_MINUTE = 200

PROVINCES = [
    ("groningen", "Groningen"),
    ("friesland", "Fryslân"),
    ("drenthe", "Drenthe"),
    ("overijssel", "Overijssel"),
    ("flevoland", "Flevoland"),
    ("gelderland", "Gelderland"),
    ("utrecht", "Utrecht"),
    ("noord-holland", "Noord-Holland"),
    ("zuid-holland", "Zuid-Holland"),
    ("zeeland", "Zeeland"),
    ("noord-brabant", "Noord-Brabant"),
    ("limburg", "Limburg"),
]

# Each colour keeps at least 4.5:1 contrast with white (see .accent-* in site.css).
ACCENT_COLOURS = [
    ("red", _("rood")),
    ("teal", _("zeegroen")),
    ("blue", _("blauw")),
    ("plum", _("paars")),
    ("green", _("groen")),
    ("ochre", _("oker")),
]
ICONS = [
    ("home", _("huis")),
    ("heart", _("hart")),
    ("sprout", _("kiem")),
    ("book", _("boek")),
    ("people", _("mensen")),
]


def themes_field():
    return ParentalManyToManyField(
        "movement.Theme",
        verbose_name=_("thema's"),
        blank=True,
        related_name="+",
        limit_choices_to=default_locale_themes,
        help_text=_("Kies de thema's waar deze inhoud over gaat."),
    )


class StreamKeyword(TaggedItemBase):
    content_object = ParentalKey(
        "streams.StreamPage", on_delete=models.CASCADE, related_name="keyword_items"
    )


class ArticleKeyword(TaggedItemBase):
    content_object = ParentalKey(
        "streams.ArticlePage", on_delete=models.CASCADE, related_name="keyword_items"
    )


class ParticipantKeyword(TaggedItemBase):
    content_object = ParentalKey(
        "streams.ParticipantPage", on_delete=models.CASCADE, related_name="keyword_items"
    )


def keywords_field(through):
    return ClusterTaggableManager(
        through=through,
        blank=True,
        verbose_name=_("trefwoorden"),
        help_text=_("Vrije trefwoorden, gescheiden door komma's."),
    )


class StreamIndexPage(Page):
    intro = models.TextField(_("inleiding"), max_length=600, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["streams.StreamPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("overzicht van stromen")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["streams"] = StreamPage.objects.child_of(self).live().public().order_by("path")
        return context


class StreamPage(VocabularyMixin, Page):
    intro = models.TextField(_("inleiding"), max_length=600)
    start_year = models.PositiveSmallIntegerField(_("gestart in"), null=True, blank=True)
    accent_colour = models.CharField(
        _("accentkleur"),
        max_length=12,
        choices=ACCENT_COLOURS,
        default="red",
        help_text=_("Alle kleuren zijn goed leesbaar met witte tekst."),
    )
    icon = models.CharField(_("pictogram"), max_length=12, choices=ICONS, default="people")
    spearheads = StreamField(
        [("spearhead", body_blocks.SpearheadBlock())],
        verbose_name=_("speerpunten"),
        blank=True,
    )
    body = StreamField(BodyBlock(), verbose_name=_("inhoud"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("afbeelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    themes = themes_field()
    keywords = keywords_field(StreamKeyword)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("start_year"), FieldPanel("accent_colour"), FieldPanel("icon")]),
        FieldPanel("image"),
        FieldPanel("spearheads"),
        FieldPanel("body"),
        vocabulary_panel(),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("spearheads"),
        index.SearchField("body"),
        *VOCABULARY_SEARCH_FIELDS,
    ]
    parent_page_types = ["streams.StreamIndexPage"]
    subpage_types = ["streams.ArticlePage"]

    # The join form and its handling (streams/forms.py, streams/join.py) import this module;
    # StreamsConfig.ready hands them to the page, so the models import neither.
    join_form_class = None
    handle_join = None

    has_article_feed = True  # includes/social_meta.html advertises streams/feeds.py's feed
    card_fields = (*PAGE_CARD_FIELDS, "intro", "start_year", "accent_colour")  # stream_card.html

    class Meta:
        verbose_name = _("stroom")
        verbose_name_plural = _("stromen")

    @property
    def sharing_image(self):
        return self.image

    @classmethod
    def in_locale(cls, locale):
        """The published streams of one language, in the tree's order (for filters; kept under
        the content generation)."""
        return pagecache.cached(
            "streams-in-locale",
            lambda: list(
                cls.objects.live()
                .public()
                .filter(locale=locale)
                .defer_streamfields()
                .order_by("path")
            ),
            locale.pk,
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(kept_links(self, request, self.links))
        context["meetups"] = upcoming_meetup_cards(stream=self, limit=4)
        context["participant_index_url"] = self.participant_index_url(request)
        context["blank_join_form"] = self.blank_join_form(request)
        context["joined"] = request.GET.get("aangemeld") == "1"
        return context

    def links(self):
        """What the page shows of other content: its newest articles, its first twelve
        participants and how many there are in all (one query), its themes in the active
        language."""
        participants = list(
            ParticipantPage.for_stream(self).annotate(total=models.Window(models.Count("pk")))[:12]
        )
        return {
            "participants": participants,
            "participant_count": participants[0].total if participants else 0,
            "articles": list(
                ArticlePage.listing(self.locale)
                .only(*ArticlePage.card_fields)
                .descendant_of(self)[:6]
            ),
            "themes": in_active_locale(self.themes.all()),
        }

    def blank_join_form(self, request):
        """The empty join form's HTML, kept (``kept_html``): it changes only with the page and
        the site settings (the privacy statement's link). A form sent back with errors is
        rendered as usual (streams/join.py)."""
        return kept_html(
            "join-form",
            "streams/includes/join_form.html",
            lambda: {"form": self.join_form_class(), "page": self},
            self,
            request,
        )

    def participant_index_url(self, request):
        """The participant list in this page's language ("" if there is none), kept under the
        content generation."""
        site = Site.find_for_request(request)

        def build():
            index = ParticipantIndexPage.objects.live().filter(locale=self.locale).first()
            return index.get_url(request) if index else ""

        return pagecache.cached(
            "participant-index-url", build, site.pk if site else 0, self.locale_id
        )

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            return self.handle_join(self, request)
        return super().serve(request, *args, **kwargs)


class ArticleIndexPage(Page):
    """The general news index ("Nieuws"): articles that belong to no single stream, and all articles."""

    intro = models.TextField(_("inleiding"), max_length=600, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["streams.ArticlePage"]

    class Meta:
        verbose_name = _("nieuwsoverzicht")

    def serve(self, request, *args, **kwargs):
        return redirect_old_names(request) or super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        streams = StreamPage.in_locale(self.locale)
        listing = listings.article_listing(
            request.GET,
            ArticlePage.listing(self.locale).defer_streamfields(),
            streams=streams,
            kinds=ArticlePage.Kind.choices,
            locale=self.locale,
        )
        # The order kept with the counts; the page shown read by id.
        listing.show(listing.results, fetch=functools.partial(ArticlePage.cards, self.locale))
        context.update(listing.context())
        stream_of = stream_lookup(streams)
        for article in context["results"]:
            article.stream_page = stream_of(article)
        return context


class ArticlePage(VocabularyMixin, Page):
    class Kind(models.TextChoices):
        NEWS = "news", _("Nieuws")
        REPORT = "report", _("Terugblik")
        POSITION = "position", _("Standpunt of brief")
        STORY = "story", _("Verhaal")

    date = models.DateField(_("datum"), default=timezone.localdate)
    kind = models.CharField(_("soort"), max_length=12, choices=Kind.choices, default=Kind.NEWS)
    authors = models.CharField(
        _("auteurs"), max_length=200, blank=True, help_text=_("Namen, gescheiden door komma's.")
    )
    summary = models.TextField(
        _("samenvatting"),
        max_length=400,
        help_text=_("Eén tot drie zinnen, voor overzichten en zoekresultaten."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("afbeelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("alt-tekst van de afbeelding"),
        max_length=200,
        blank=True,
        help_text=_("Beschrijf wat er te zien is. Leeg: de afbeelding is decoratief."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("inhoud"))
    reading_minutes = models.PositiveSmallIntegerField(
        _("leestijd in minuten"), default=1, editable=False
    )
    themes = themes_field()
    keywords = keywords_field(ArticleKeyword)
    participants = ParentalManyToManyField(
        "streams.ParticipantPage",
        verbose_name=_("genoemde deelnemers"),
        blank=True,
        related_name="+",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
        help_text=_("Organisaties waar dit artikel over gaat; het verschijnt op hun pagina."),
    )
    reactions_open = models.BooleanField(
        _("reacties open"),
        default=True,
        help_text=_("Uitvinken sluit het reactieformulier; goedgekeurde reacties blijven staan."),
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("kind")]),
        FieldPanel("authors"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Afbeelding")),
        FieldPanel("body"),
        vocabulary_panel(),
        FieldPanel("participants"),
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("reactions_open")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("authors"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.FilterField("kind"),
        *VOCABULARY_SEARCH_FIELDS,
    ]
    parent_page_types = ["streams.StreamPage", "streams.ArticleIndexPage"]
    subpage_types = []

    og_type = "article"  # Open Graph type, read by includes/social_meta.html
    # The stream a card names, when the listing attached it (stream_lookup); none by default,
    # so a card's template never fails a lookup (Django's failed lookups are slow).
    stream_page = None
    card_fields = (*PAGE_CARD_FIELDS, "date", "kind", "summary", "image", "image_alt")
    # Reactions (streams/reactions.py): StreamsConfig.ready hands the form and its handling over.
    reaction_form_class = None
    handle_reaction = None

    class Meta:
        verbose_name = _("artikel")
        verbose_name_plural = _("artikelen")
        # Listings show the newest first (ArticlePage.listing): with this index the database
        # reads the few rows a page shows instead of sorting every article.
        indexes = [models.Index(fields=["date", "page_ptr"], name="streams_article_date_idx")]

    def save(self, *args, **kwargs):
        words = len(plain_text_of(self.body).split()) + len(self.summary.split())
        self.reading_minutes = max(1, math.ceil(words / WORDS_PER_MINUTE))
        super().save(*args, **kwargs)

    @property
    def sharing_image(self):
        return self.image

    @classmethod
    def listing(cls, locale):
        """Published articles of one language, newest first, with what a card shows."""
        return (
            cls.objects.live()
            .public()
            .filter(locale=locale)
            .select_related("image")
            .annotate(reaction_count=Coalesce(approved_reaction_count(), 0))
            .order_by("-date", "-pk")
        )

    @classmethod
    def cards(cls, locale, pks):
        """These articles as cards, in this order (a listing's page), kept under the content
        generation (an approved reaction, a card's count, starts a new one too)."""

        def build():
            found = cls.listing(locale).only(*cls.card_fields).filter(pk__in=pks)
            return in_order(found, pks)

        return pagecache.cached("article-cards", build, locale.pk, *pks)

    def related_articles(self, limit=3):
        """Cards of the articles sharing most themes with this one, newest first."""
        theme_keys = [theme.translation_key for theme in self.themes.all()]
        if not theme_keys:
            return ArticlePage.objects.none()
        return (
            ArticlePage.listing(self.locale)
            .only(*ArticlePage.card_fields)
            .filter(themes__translation_key__in=theme_keys)
            .exclude(pk=self.pk)
            .annotate(shared=models.Count("themes", distinct=True))
            .order_by("-shared", "-date")[:limit]
        )

    def stream(self):
        """The stream this article sits under, if any."""
        return StreamPage.objects.live().ancestor_of(self).first()

    def links(self):
        """What the page shows of other content: related articles, its themes in the active
        language, its keywords and its approved reactions (approving or removing one is a
        watched change)."""
        return {
            "related_articles": list(self.related_articles()),
            "themes": in_active_locale(self.themes.select_related("locale")),
            "keywords": list(self.keywords.all()),
            "reactions": list(self.reactions.approved().order_by("approved_at", "pk")),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(kept_links(self, request, self.links))
        # The kept streams, not a query (a card's stream comes from them too).
        context["stream"] = stream_lookup(StreamPage.in_locale(self.locale))(self)
        context["pdf_available"] = pdf.available()
        if self.reactions_open:
            # The empty form's HTML is kept; one sent back with errors is rendered
            # (streams/reactions.py puts it in "reaction_form").
            context["blank_reaction_form"] = kept_html(
                "reaction-form",
                "streams/includes/reaction_form.html",
                lambda: {"form": self.reaction_form_class(), "page": self},
                self,
                request,
            )
        context["reaction_sent"] = request.GET.get("reactie") == "ontvangen"
        return context

    def serve(self, request, *args, **kwargs):
        if request.method == "POST" and self.reactions_open:
            return self.handle_reaction(self, request)
        return super().serve(request, *args, **kwargs)


class ParticipantIndexPage(Page):
    intro = models.TextField(_("inleiding"), max_length=600, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["streams.ParticipantPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("overzicht van deelnemers")

    def serve(self, request, *args, **kwargs):
        return redirect_old_names(request) or super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listing = listings.participant_listing(
            request.GET,
            ParticipantPage.listing(self.locale),
            streams=StreamPage.in_locale(self.locale),
            provinces=PROVINCES,
            locale=self.locale,
        )
        # The order kept with the counts; the page shown read by id.
        listing.show(listing.results, fetch=functools.partial(ParticipantPage.cards, self.locale))
        context.update(listing.context())
        return context


class ParticipantPage(VocabularyMixin, Page):
    """An organisation that takes part. A page, not a snippet: it has a public URL,
    drafts, moderation and translation like every other page (see docs/architecture.md)."""

    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    city = models.CharField(_("plaats"), max_length=100)
    province = models.CharField(_("provincie"), max_length=20, choices=PROVINCES, blank=True)
    website = models.URLField(_("website"), blank=True)
    streams = ParentalManyToManyField(
        "streams.StreamPage",
        verbose_name=_("stromen"),
        blank=True,
        related_name="+",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
    )
    year_joined = models.PositiveSmallIntegerField(_("deelnemer sinds"), null=True, blank=True)
    description = models.TextField(_("beschrijving"), max_length=2000, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("meer informatie"), blank=True)
    contact_name = models.CharField(_("contactpersoon"), max_length=120, blank=True)
    contact_email = models.EmailField(_("e-mailadres contactpersoon"), blank=True)
    contact_public = models.BooleanField(
        _("contactgegevens tonen"),
        default=False,
        help_text=_("Alleen aanvinken als de contactpersoon daar toestemming voor gaf."),
    )
    themes = themes_field()
    keywords = keywords_field(ParticipantKeyword)

    content_panels = [
        *Page.content_panels,
        FieldPanel("logo"),
        FieldRowPanel([FieldPanel("city"), FieldPanel("province")]),
        FieldPanel("website"),
        FieldPanel("streams", widget=forms.CheckboxSelectMultiple),
        FieldPanel("year_joined"),
        FieldPanel("description"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_public")],
            heading=_("Contact"),
        ),
        vocabulary_panel(),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("city"),
        index.SearchField("description"),
        index.SearchField("body"),
        index.FilterField("province"),
        *VOCABULARY_SEARCH_FIELDS,
    ]
    parent_page_types = ["streams.ParticipantIndexPage"]
    subpage_types = []

    stream_pages = ()  # the streams a card shows, when attached (attach_streams)
    card_fields = (*PAGE_CARD_FIELDS, "city", "province", "logo")  # participant_card.html

    class Meta:
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")

    @property
    def sharing_image(self):
        return self.logo

    @classmethod
    def listing(cls, locale):
        return (
            cls.objects.live()
            .public()
            .filter(locale=locale)
            .select_related("logo")
            .order_by("title")
        )

    @classmethod
    def cards(cls, locale, pks):
        """These participants as cards with their streams, in this order (a listing's page),
        kept under the content generation."""

        def build():
            cards = in_order(cls.listing(locale).only(*cls.card_fields).filter(pk__in=pks), pks)
            attach_streams(cards, StreamPage.in_locale(locale))
            return cards

        return pagecache.cached("participant-cards", build, locale.pk, *pks)

    def mentioned_in(self):
        """Published articles in this page's language that mention this organisation."""
        return ArticlePage.listing(self.locale).filter(
            participants__translation_key=self.translation_key
        )

    @classmethod
    def for_stream(cls, stream):
        return (
            cls.listing(stream.locale)
            .only(*cls.card_fields)
            .filter(streams__in=i18n.translation_ids(stream))
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["streams"] = in_active_locale(self.streams.all())
        context["themes"] = in_active_locale(self.themes.select_related("locale"))
        context["articles"] = list(self.mentioned_in()[:6])
        context["meetups"] = list(
            upcoming_meetups(locale=self.locale).filter(host__translation_key=self.translation_key)[
                :4
            ]
        )
        return context


class JoinApplication(models.Model):
    """An organisation's request to take part. Holds personal data: purged with the rest."""

    participant = models.ForeignKey(
        ParticipantPage,
        verbose_name=_("deelnemer (concept)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    stream = models.ForeignKey(
        StreamPage, verbose_name=_("stroom"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.CharField(_("organisatie"), max_length=150)
    contact_name = models.CharField(_("contactpersoon"), max_length=120)
    email = models.EmailField(_("e-mailadres"), max_length=254)
    city = models.CharField(_("plaats"), max_length=100)
    motivation = models.TextField(_("motivatie"), max_length=2000)
    created_at = models.DateTimeField(_("ontvangen op"), auto_now_add=True)

    class Meta:
        verbose_name = _("aanmelding als deelnemer")
        verbose_name_plural = _("aanmeldingen als deelnemer")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.organisation} ({self.created_at:%d-%m-%Y})"


class StreamCoordinators(models.Model):
    """A stream's coordinators' group, tied to the stream by its translation key (shared by every
    language version), never by its title: the group's name only follows the title."""

    stream_key = models.UUIDField(_("vertaalsleutel van de stroom"), unique=True)
    group = models.OneToOneField(
        "auth.Group", on_delete=models.CASCADE, related_name="stream_coordinators"
    )

    class Meta:
        verbose_name = _("coördinatoren van een stroom")
        verbose_name_plural = _("coördinatoren van stromen")

    def __str__(self):
        return self.group.name


@functools.cache
def approved_reaction_count():
    """An article's approved reactions, counted in a subquery. Built once: a query that uses an
    expression works on a copy of it, and building this one cost more than the rest of a
    listing's queryset."""
    return models.Subquery(
        Reaction.objects.approved()
        .filter(article=models.OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(n=models.Count("pk"))
        .values("n")
    )


def in_order(objects, pks):
    """`objects` in the order of `pks` (those found)."""
    by_pk = {obj.pk: obj for obj in objects}
    return [by_pk[pk] for pk in pks if pk in by_pk]


def attach_streams(participants, streams):
    """Give each participant `stream_pages`: its streams in the listing's language (one query)."""
    by_key = {stream.translation_key: stream for stream in streams}
    ids = [participant.pk for participant in participants]
    links = ParticipantPage.streams.through.objects.filter(participantpage_id__in=ids).values_list(
        "participantpage_id", "streampage__translation_key"
    )
    of = {}
    for participant_id, key in links:
        if key in by_key:
            of.setdefault(participant_id, []).append(by_key[key])
    for participant in participants:
        participant.stream_pages = sorted(of.get(participant.pk, []), key=lambda s: s.path)


def stream_lookup(streams):
    """A function from an article to the stream it sits under, without a query per article."""
    by_path = {stream.path: stream for stream in streams}
    length = len(streams[0].path) if streams else 0

    def stream_of(article):
        return by_path.get(article.path[:length])

    return stream_of


class ReactionQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Reaction.Status.APPROVED)

    def pending(self):
        return self.filter(status=Reaction.Status.PENDING)


class Reaction(models.Model):
    """A reader's reaction under an article ("Praat mee!"). Pre-moderated: shown only once an
    editor of the article's stream (or a LOC editor) approves it. Personal data: the e-mail
    address is never shown and everything is purged after the retention period."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Wacht op beoordeling")
        APPROVED = "approved", _("Goedgekeurd")
        REJECTED = "rejected", _("Afgewezen")

    article = models.ForeignKey(
        ArticlePage, verbose_name=_("artikel"), on_delete=models.CASCADE, related_name="reactions"
    )
    name = models.CharField(_("naam"), max_length=80)
    email = models.EmailField(_("e-mailadres"), max_length=254)
    body = models.TextField(_("reactie"), max_length=3000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("ontvangen op"), auto_now_add=True)
    approved_at = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    removal_token = models.CharField(max_length=64, unique=True, editable=False)

    objects = ReactionQuerySet.as_manager()

    class Meta:
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["article", "status"])]

    def __str__(self):
        return f"{self.name} – {self.article.title}"[:120]

    def save(self, *args, **kwargs):
        if not self.removal_token:
            self.removal_token = secrets.token_urlsafe(32)
        if self.status == self.Status.APPROVED and self.approved_at is None:
            self.approved_at = timezone.now()
        super().save(*args, **kwargs)


class NewsletterSubscriber(models.Model):
    """A newsletter address. Stored as pending at sign-up; subscribed only once the confirmation
    link is followed (double opt-in). Unconfirmed rows are purged after a few days."""

    email = models.EmailField(_("e-mailadres"), max_length=254, unique=True)
    language = models.CharField(
        _("taal"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    stream_keys = models.JSONField(
        _("interesses (stromen)"),
        default=list,
        blank=True,
        help_text=_("Leeg: alle stromen."),
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("aangemeld op"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("abonnee nieuwsbrief")
        verbose_name_plural = _("abonnees nieuwsbrief")
        ordering = ["email"]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        if not self.token:
            self.token = secrets.token_urlsafe(32)
        super().save(*args, **kwargs)

    @property
    def confirmed(self):
        return self.confirmed_at is not None

    def wants(self, issue_stream_keys):
        """Whether this subscriber's interests cover an issue about these streams."""
        if not issue_stream_keys or not self.stream_keys:
            return True
        return bool(set(map(str, issue_stream_keys)) & set(self.stream_keys))


class NewsletterIssue(PreviewableMixin, models.Model):
    """One newsletter, composed in the admin and sent through the outbox by the worker."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Concept")
        SENDING = "sending", _("Wordt verzonden")
        SENT = "sent", _("Verzonden")

    subject = models.CharField(_("onderwerp"), max_length=150)
    language = models.CharField(
        _("taal"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    intro = models.TextField(_("inleiding"), max_length=1000, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("inhoud"), blank=True)
    streams = models.ManyToManyField(
        StreamPage,
        verbose_name=_("stromen"),
        blank=True,
        related_name="+",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
        help_text=_("Naar abonnees met interesse in deze stromen. Leeg: naar iedereen."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("nieuwsbrief")
        verbose_name_plural = _("nieuwsbrieven")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject

    def get_preview_template(self, request, mode_name):
        return "streams/newsletter/email/issue.html"

    def get_preview_context(self, request, mode_name):
        return {"issue": self, "unsubscribe_url": "#"}


class NewsletterDelivery(models.Model):
    """That an issue went to an address: at most once (unique), written in the same
    transaction as the outbox row, so a send that stops half-way resumes where it stopped."""

    issue = models.ForeignKey(NewsletterIssue, on_delete=models.CASCADE, related_name="deliveries")
    email = models.EmailField(max_length=254)
    queued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issue", "email"], name="one_delivery_per_address")
        ]

    def __str__(self):
        return f"{self.issue} → {self.email}"

import functools
import secrets
from functools import cached_property

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from movement import i18n, pagecache
from movement.blocks import BodyBlock
from movement.models import (
    PAGE_CARD_FIELDS,
    VOCABULARY_SEARCH_FIELDS,
    VocabularyMixin,
    default_locale_themes,
)
from movement.outbox import OutgoingEmail
from streams.models import PROVINCES, in_order


@register_snippet
class MeetupSeries(TranslatableMixin, models.Model):
    """A recurring format, e.g. the yearly "Week van de Radicale vernieuwing"."""

    name = models.CharField(_("naam"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120)
    description = models.TextField(_("omschrijving"), blank=True, max_length=600)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("reeks")
        verbose_name_plural = _("reeksen")
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_series_slug_per_locale")
        ]

    def __str__(self):
        return self.name


class MeetupKeyword(TaggedItemBase):
    content_object = ParentalKey(
        "events.MeetupPage", on_delete=models.CASCADE, related_name="keyword_items"
    )


class MeetupIndexPage(RoutablePageMixin, Page):
    """The meet-ups listing, with the archive, series, iCal feeds and cancel links as sub-routes."""

    intro = models.TextField(_("inleiding"), max_length=600, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.MeetupPage"]
    max_count_per_parent = 1

    # The views (events/views.py) import this module: EventsConfig.ready hands them to the
    # pages, so the models never import the views.
    views = None

    class Meta:
        verbose_name = _("overzicht van meet-ups")

    @path("")
    def upcoming_view(self, request):
        return self.views.meetup_listing(self, request, archive=False)

    @path("archief/", name="archive")
    @path("archive/", name="archive_en")
    def archive_view(self, request):
        return self.views.meetup_listing(self, request, archive=True)

    @path("reeks/<slug:slug>/", name="series")
    @path("series/<slug:slug>/", name="series_en")
    def series_view(self, request, slug):
        return self.views.series_listing(self, request, slug)

    @path("ical/", name="feed")
    def feed_view(self, request):
        return self.views.ical_feed(self, request)

    @path("ical/<slug:stream>/", name="stream_feed")
    def stream_feed_view(self, request, stream):
        return self.views.ical_feed(self, request, stream_slug=stream)

    @path("afmelden/<str:token>/", name="cancel")
    @path("cancel/<str:token>/", name="cancel_en")
    def cancel_view(self, request, token):
        return self.views.cancel_signup(self, request, token)

    def subpage_url(self, name, *args, request=None, full=False):
        base = self.get_full_url(request) if full else self.get_url(request)
        return base + self.reverse_subpage(name, args=args)


class MeetupPage(VocabularyMixin, RoutablePageMixin, Page):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Gaat door")
        CANCELLED = "cancelled", _("Geannuleerd")
        MOVED_ONLINE = "moved_online", _("Verplaatst naar online")

    summary = models.TextField(_("samenvatting"), max_length=400)
    start = models.DateTimeField(_("begint"))
    end = models.DateTimeField(_("eindigt"))
    venue_name = models.CharField(_("locatie"), max_length=150, blank=True)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    province = models.CharField(_("provincie"), max_length=20, choices=PROVINCES, blank=True)
    online_url = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("Alleen zichtbaar voor aangemelde deelnemers, in hun e-mail."),
    )
    host = models.ForeignKey(
        "streams.ParticipantPage",
        verbose_name=_("gastheer of gastvrouw"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    streams = ParentalManyToManyField(
        "streams.StreamPage",
        verbose_name=_("stromen"),
        blank=True,
        related_name="+",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
    )
    themes = ParentalManyToManyField(
        "movement.Theme",
        verbose_name=_("thema's"),
        blank=True,
        related_name="+",
        limit_choices_to=default_locale_themes,
    )
    keywords = ClusterTaggableManager(
        through=MeetupKeyword, blank=True, verbose_name=_("trefwoorden")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("afbeelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    programme = StreamField(BodyBlock(), verbose_name=_("programma"), blank=True)
    capacity = models.PositiveIntegerField(
        _("aantal plaatsen"), null=True, blank=True, help_text=_("Leeg: onbeperkt.")
    )
    registration_opens = models.DateTimeField(_("aanmelden kan vanaf"), null=True, blank=True)
    registration_closes = models.DateTimeField(
        _("aanmelden kan tot"), null=True, blank=True, help_text=_("Leeg: tot het begin.")
    )
    waiting_list = models.BooleanField(_("wachtlijst als het vol is"), default=True)
    contact_email = models.EmailField(_("e-mailadres voor vragen"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SCHEDULED
    )
    series = models.ForeignKey(
        MeetupSeries,
        verbose_name=_("reeks"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    report = models.ForeignKey(
        "streams.ArticlePage",
        verbose_name=_("terugblik"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Het verslag van deze meet-up, als het er is."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("Wanneer")),
        FieldPanel("status"),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
                FieldPanel("province"),
                FieldPanel("online_url"),
            ],
            heading=_("Waar"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldRowPanel(
                    [FieldPanel("registration_opens"), FieldPanel("registration_closes")]
                ),
                FieldPanel("waiting_list"),
                FieldPanel("contact_email"),
            ],
            heading=_("Aanmelden"),
        ),
        FieldPanel("host"),
        FieldPanel("image"),
        FieldPanel("programme"),
        MultiFieldPanel(
            [
                FieldPanel("streams", widget=forms.CheckboxSelectMultiple),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("keywords"),
                FieldPanel("series"),
            ],
            heading=_("Stromen, thema's en reeks"),
        ),
        FieldPanel("report"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("venue_name"),
        index.SearchField("city"),
        index.SearchField("programme"),
        index.FilterField("start"),
        *VOCABULARY_SEARCH_FIELDS,
    ]
    parent_page_types = ["events.MeetupIndexPage"]
    subpage_types = []
    views = None  # events/views.py, from EventsConfig.ready (see MeetupIndexPage)
    # What a card reads (meetup_card.html, search suggestions); upcoming_meetups fetches no more.
    card_fields = (
        *PAGE_CARD_FIELDS,
        "summary",
        "start",
        "end",
        "venue_name",
        "city",
        "online_url",
        "status",
        "capacity",
        "waiting_list",
    )

    class Meta:
        verbose_name = _("meet-up")
        verbose_name_plural = _("meet-ups")
        # Upcoming meet-ups come soonest first (upcoming_meetups): read in this order, the
        # database stops after the few a section shows instead of sorting them all.
        indexes = [models.Index(fields=["start", "page_ptr"], name="events_meetup_start_idx")]

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("Het einde ligt voor het begin.")})
        if not self.online_url and not (self.venue_name or self.city):
            raise ValidationError({"venue_name": _("Vul een locatie in, of een online link.")})

    @property
    def sharing_image(self):
        return self.image

    @property
    def is_online(self):
        return (
            bool(self.online_url) and not self.venue_name or self.status == self.Status.MOVED_ONLINE
        )

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def listing_full(self):
        """On cards: no places left (needs `confirmed_count` from with_signup_counts)."""
        confirmed = getattr(self, "confirmed_count", None)
        return self.capacity is not None and confirmed is not None and confirmed >= self.capacity

    @property
    def card_variant(self):
        """What its card shows that changes without a new content generation ({% cards %}):
        "full" while it is full and has not ended (its places are counted on every rendering)."""
        return "full" if self.listing_full and not self.is_past else ""

    @property
    def is_hybrid(self):
        return bool(self.online_url and self.venue_name) and not self.is_online

    @cached_property
    def source(self):
        """The Dutch original: sign-ups, capacity and status live there (docs/architecture.md)."""
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return self
        original = (
            MeetupPage.objects.filter(
                translation_key=self.translation_key,
                locale__language_code=settings.LANGUAGE_CODE,
            )
            .select_related("locale")
            .first()
        )
        return original or self

    def in_language(self, language_code):
        """This meet-up as a visitor of that language sees it: the live translation, else the original."""
        if self.locale.language_code == language_code:
            return self
        translated = (
            MeetupPage.objects.live()
            .filter(translation_key=self.translation_key, locale__language_code=language_code)
            .first()
        )
        return translated or self

    @path("")
    def meetup_view(self, request):
        return self.views.meetup_detail(self, request)

    @path("ical/", name="ics")
    def ics_view(self, request):
        return self.views.meetup_ics(self, request)


class SignUp(models.Model):
    class Role(models.TextChoices):
        CLIENT = "client", _("Cliënt of bewoner")
        RELATIVE = "relative", _("Naaste of familielid")
        CARE_WORKER = "care_worker", _("Zorgmedewerker")
        MANAGER = "manager", _("Leidinggevende of bestuurder")
        EXPERIENCE_EXPERT = "experience_expert", _("Ervaringsdeskundige")
        EDUCATION = "education", _("Student of docent")
        POLICY = "policy", _("Beleidsmaker")
        OTHER = "other", _("Anders")

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Aangemeld")
        WAITING = "waiting", _("Op de wachtlijst")
        CANCELLED = "cancelled", _("Afgemeld")

    meetup = models.ForeignKey(MeetupPage, on_delete=models.CASCADE, related_name="signups")
    name = models.CharField(_("naam"), max_length=120)
    email = models.EmailField(_("e-mailadres"), max_length=254)
    organisation = models.CharField(_("organisatie"), max_length=150, blank=True)
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    access_needs = models.TextField(_("toegankelijkheid"), max_length=1000, blank=True)
    remarks = models.TextField(_("opmerkingen"), max_length=1000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    language = models.CharField(_("taal"), max_length=8, default=settings.LANGUAGE_CODE)
    cancel_token = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("aangemeld op"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meetup", "email"], name="one_signup_per_email_per_meetup"
            )
        ]
        indexes = [models.Index(fields=["meetup", "status"], name="signup_meetup_status")]
        permissions = [("view_personal_data", _("Kan persoonsgegevens van aanmeldingen zien"))]

    def __str__(self):
        return f"{self.name} – {self.meetup}"

    def save(self, *args, **kwargs):
        if not self.cancel_token:
            self.cancel_token = new_cancel_token()
        super().save(*args, **kwargs)

    @property
    def confirmation_sent_at(self):
        """When the latest confirmation or waiting-list e-mail actually went out (None: not yet)."""
        kinds = [EmailKind.CONFIRMATION, EmailKind.WAITING]
        latest = (
            OutgoingEmail.objects.for_object(self)
            .filter(kind__in=kinds)
            .order_by("-created_at", "-pk")
            .first()
        )
        return latest.sent_at if latest else None


def new_cancel_token():
    return secrets.token_urlsafe(32)


class EmailKind(models.TextChoices):
    """The e-mails a signed-up person gets (events/emails.py writes them into movement.outbox)."""

    CONFIRMATION = "confirmation", _("Bevestiging")
    WAITING = "waiting", _("Wachtlijst")
    PROMOTED = "promoted", _("Plaats vrijgekomen")
    REMINDER = "reminder", _("Herinnering")
    MEETUP_CANCELLED = "meetup_cancelled", _("Meet-up geannuleerd")
    MOVED_ONLINE = "moved_online", _("Meet-up verplaatst naar online")


@functools.cache
def confirmed_signups():
    """A meet-up's confirmed sign-ups, counted in a subquery. Built once: a query that uses an
    expression works on a copy of it, and building this one cost as much as the rest of a
    card queryset."""
    return Subquery(
        SignUp.objects.filter(
            meetup__translation_key=OuterRef("translation_key"), status=SignUp.Status.CONFIRMED
        )
        .order_by()
        .values("meetup__translation_key")
        .annotate(n=Count("pk"))
        .values("n")
    )


def with_signup_counts(meetups):
    """Annotate `confirmed_count` (sign-ups live on the Dutch original: match translation_key)."""
    return meetups.annotate(confirmed_count=Coalesce(confirmed_signups(), 0))


def upcoming_meetups(stream=None, limit=None, locale=None):
    """Published meet-ups that have not ended, soonest first, in the active language."""
    locale = locale or Locale.get_active()
    meetups = with_signup_counts(
        MeetupPage.objects.live()
        .public()
        .filter(locale=locale, end__gte=timezone.now())
        .only(*MeetupPage.card_fields)
        .order_by("start", "pk")
    )
    if stream is not None:
        meetups = meetups.filter(streams__in=i18n.translation_ids(stream))
    return meetups[:limit] if limit else meetups


def upcoming_meetup_cards(stream=None, limit=3, locale=None):
    """The first `limit` upcoming meet-ups as cards (home, stream page, the block). Which ones,
    in which order, is kept under the content generation until the first of them ends (then it
    leaves the list); their places taken are read every time, as sign-ups change them without a
    new generation."""
    locale = locale or Locale.get_active()

    def build():
        found = list(upcoming_meetups(stream, limit, locale).values_list("pk", "end"))
        return {
            "pks": [pk for pk, _end in found],
            "until": min((e for _pk, e in found), default=None),
        }

    kept = pagecache.cached(
        "upcoming-meetups",
        build,
        locale.pk,
        stream.pk if stream is not None else 0,
        limit,
        fresh=lambda kept: kept["until"] is None or timezone.now() < kept["until"],
    )
    return meetup_cards(kept["pks"])


def meetup_cards(pks):
    """The meet-ups of a listing's page, in that order, with their places taken. The cards are
    kept under the content generation; the places taken are counted every time (sign-ups
    change them without a new generation)."""

    def build():
        cards = in_order(MeetupPage.objects.filter(pk__in=pks).only(*MeetupPage.card_fields), pks)
        # Sign-ups live on the Dutch original: count them on every version of each card.
        versions = Page.objects.filter(translation_key__in=[card.translation_key for card in cards])
        return cards, dict(versions.values_list("pk", "translation_key"))

    cards, key_of = pagecache.cached("meetup-cards", build, *pks)
    taken = dict.fromkeys(key_of.values(), 0)
    for meetup_id, count in confirmed_counts(list(key_of)):
        taken[key_of[meetup_id]] += count
    for card in cards:
        card.confirmed_count = taken[card.translation_key]
    return cards


def confirmed_counts(meetup_ids):
    """(meet-up id, confirmed sign-ups) of these meet-ups, in one query (by the sign-ups'
    meet-up and status index)."""
    if not meetup_ids:
        return []
    return (
        SignUp.objects.filter(meetup_id__in=meetup_ids, status=SignUp.Status.CONFIRMED)
        .order_by()
        .values_list("meetup_id")
        .annotate(n=Count("pk"))
    )

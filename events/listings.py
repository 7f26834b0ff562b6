"""The meet-up listing's facets, on the one listing engine (movement.listing)."""

from django.db.models import Min, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from events.models import MeetupPage
from movement import pagecache
from movement.kinds import Kind, register
from movement.listing import Facet, Listing
from streams.listings import province_facet, stream_facet_by_link, theme_facet, themes_in
from streams.models import PROVINCES

PER_PAGE = 24
ONLINE = Q(status=MeetupPage.Status.MOVED_ONLINE) | ~Q(online_url="")
IN_PERSON = ~Q(venue_name="") & ~Q(status=MeetupPage.Status.MOVED_ONLINE)
MODES = {"in_person": (_("Op locatie"), IN_PERSON), "online": (_("Online"), ONLINE)}


def months_of(meetups):
    """([first day of each month with meet-ups], the earliest end among them)."""
    rows = (
        meetups.order_by()
        .annotate(month=TruncMonth("start"))
        .values("month")
        .annotate(until=Min("end"))
        .order_by("month")
    )
    months = [row["month"] for row in rows]
    return months, min((row["until"] for row in rows), default=None)


def month_facet(months):
    return Facet(
        "maand",
        _("Maand"),
        [(month.strftime("%Y-%m"), date_format(month, "F Y"), month) for month in months],
        condition=lambda month: Q(start__year=month.year, start__month=month.month),
        all_label=_("Alle maanden"),
    )


def mode_facet():
    return Facet(
        "vorm",
        _("Vorm"),
        [(value, label, value) for value, (label, _condition) in MODES.items()],
        condition=lambda value: MODES[value][1],
        all_label=_("Op locatie en online"),
    )


def still_upcoming(found):
    """A kept value about upcoming meet-ups holds until the first of them ends."""
    return found[1] is None or timezone.now() < found[1]


def meetup_filters(params, meetups, streams, locale, cache_as=None):
    """Meet-ups by stream, theme, province, month and form (on location or online).

    With `cache_as` (upcoming meet-ups only: rows leave as they end, none arrive without a
    publish), the months and counts are kept under the content generation until the first of
    the meet-ups counted ends."""
    if cache_as is None:
        months, _until = months_of(meetups)
    else:
        months, _until = pagecache.cached(
            "meetup-months", lambda: months_of(meetups), *cache_as, fresh=still_upcoming
        )
    facets = [
        stream_facet_by_link(streams),
        theme_facet(themes_in(locale)),
        province_facet(PROVINCES),
        month_facet(months),
        mode_facet(),
    ]
    return Listing(
        params,
        meetups,
        facets,
        per_page=PER_PAGE,
        cache_as=cache_as,
        expires=Min("end") if cache_as is not None else None,
    )


def register_kinds():
    """Meet-ups in the one kinds registry (from EventsConfig.ready)."""
    register(
        Kind(
            "meetup",
            _("Meet-up"),
            _("Meet-ups"),
            "events.MeetupPage",
            date_field="start",
            stream_field="streams",
            order=20,
        )
    )

"""The meet-up listing's facets, on the one listing engine (movement.listing)."""

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from events.models import MeetupPage
from movement.kinds import Kind, register
from movement.listing import Facet, Listing
from streams.listings import province_facet, stream_facet_by_link, theme_facet, themes_in
from streams.models import PROVINCES

PER_PAGE = 24
ONLINE = Q(status=MeetupPage.Status.MOVED_ONLINE) | ~Q(online_url="")
IN_PERSON = ~Q(venue_name="") & ~Q(status=MeetupPage.Status.MOVED_ONLINE)
MODES = {"in_person": (_("Op locatie"), IN_PERSON), "online": (_("Online"), ONLINE)}


def month_facet(meetups):
    months = meetups.order_by().datetimes("start", "month")
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


def meetup_filters(params, meetups, streams, locale):
    """Meet-ups by stream, theme, province, month and form (on location or online)."""
    facets = [
        stream_facet_by_link(streams),
        theme_facet(themes_in(locale)),
        province_facet(PROVINCES),
        month_facet(meetups),
        mode_facet(),
    ]
    return Listing(params, meetups, facets, per_page=PER_PAGE)


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

"""Calendar files (RFC 5545) for meet-ups: one event, or a feed of many, with a VTIMEZONE."""

import datetime as dt
from urllib.parse import urlparse

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vText

from events.models import MeetupPage

STATUS = {
    MeetupPage.Status.SCHEDULED: "CONFIRMED",
    MeetupPage.Status.MOVED_ONLINE: "CONFIRMED",
    MeetupPage.Status.CANCELLED: "CANCELLED",
}


def uid_for(meetup):
    """The same UID for every language version, so calendars recognise updates."""
    host = urlparse(settings.WAGTAILADMIN_BASE_URL).hostname or "radicalevernieuwing.nl"
    return f"meetup-{meetup.translation_key}@{host}"


def location_of(meetup, online_url=None):
    if meetup.status == MeetupPage.Status.MOVED_ONLINE or not (meetup.venue_name or meetup.city):
        return online_url or "Online"
    parts = [meetup.venue_name, meetup.address, f"{meetup.postcode} {meetup.city}".strip()]
    return ", ".join(part for part in parts if part)


def event_for(meetup, *, url, online_url=None, description_extra=""):
    event = Event()
    event.add("uid", uid_for(meetup))
    event.add("dtstamp", timezone.now().astimezone(dt.UTC))
    event.add("dtstart", timezone.localtime(meetup.start))
    event.add("dtend", timezone.localtime(meetup.end))
    event.add("summary", meetup.title)
    description = meetup.summary
    if description_extra:
        description = f"{description}\n\n{description_extra}"
    event.add("description", f"{description}\n\n{url}")
    event.add("location", vText(location_of(meetup, online_url)))
    event.add("url", url)
    event.add("status", STATUS.get(meetup.status, "CONFIRMED"))
    published = meetup.last_published_at or meetup.first_published_at
    if published:
        event.add("last-modified", published.astimezone(dt.UTC))
        event.add("sequence", int(published.timestamp()) // 60 % 2_000_000_000)
    if meetup.contact_email:
        event.add("organizer", f"mailto:{meetup.contact_email}", parameters={"CN": meetup.title})
    return event


def calendar_for(events, name=None):
    calendar = Calendar()
    calendar.add("prodid", "-//Radicale vernieuwing//Meet-ups//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", settings.TIME_ZONE)
    starts = []
    for event in events:
        calendar.add_component(event)
        starts.append(event.decoded("dtstart"))
    if starts:
        # A VTIMEZONE that covers these events (and a year either side), not the whole history.
        first = min(starts).replace(tzinfo=None) - dt.timedelta(days=366)
        last = max(starts).replace(tzinfo=None) + dt.timedelta(days=366)
        calendar.add_missing_timezones(first_date=first.date(), last_date=last.date())
    return calendar.to_ical()

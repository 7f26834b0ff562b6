"""The e-mails to signed-up people, written in their own language and put in the outbox.

The flow runs one way: events.registration decides, this module writes the message, and
movement.outbox stores it in the same transaction and sends it after commit (with retries)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from events import ics
from events.models import EmailKind, MeetupIndexPage, SignUp
from movement.outbox import cancel_pending, for_object, queue_mail, rewrite_mail
from movement.urls_public import page_url

SUBJECTS = {
    EmailKind.CONFIRMATION: lambda title: _("Aangemeld: %(title)s") % {"title": title},
    EmailKind.WAITING: lambda title: _("Op de wachtlijst: %(title)s") % {"title": title},
    EmailKind.PROMOTED: lambda title: _("Er is een plaats voor u: %(title)s") % {"title": title},
    EmailKind.REMINDER: lambda title: _("Herinnering: %(title)s") % {"title": title},
    EmailKind.MEETUP_CANCELLED: lambda title: _("Gaat niet door: %(title)s") % {"title": title},
    EmailKind.MOVED_ONLINE: lambda title: _("Nu online: %(title)s") % {"title": title},
}
WITH_CALENDAR_FILE = {
    EmailKind.CONFIRMATION,
    EmailKind.PROMOTED,
    EmailKind.REMINDER,
    EmailKind.MEETUP_CANCELLED,
    EmailKind.MOVED_ONLINE,
}


def cancel_url(signup, meetup, meetup_url):
    """The personal cancel link, on the public base URL (never a localhost Site record): a route
    of the meet-ups index, the meet-up's parent page, whose URL is the meet-up's (`meetup_url`)
    without its slug, so no page needs to be read."""
    route = MeetupIndexPage.get_resolver().reverse("cancel", signup.cancel_token)
    slug = f"/{meetup.slug}/"
    if meetup_url.endswith(slug):
        return meetup_url[: -len(slug) + 1] + route
    index = signup.meetup.get_parent().specific  # a slug that the URL percent-encodes
    return page_url(index) + route


def compose(signup, kind, meetup=None):
    """The keyword arguments of movement.outbox.queue_mail for this sign-up and kind, rendered in
    the sign-up's language. The subject holds the meet-up's title (editors' text), never what a
    visitor typed. `meetup`: the page the visitor signed up on, if the caller has it (it is the
    one in the sign-up's language)."""
    with translation.override(signup.language), timezone.override(settings.TIME_ZONE):
        if meetup is None or meetup.locale.language_code != signup.language:
            meetup = signup.meetup.in_language(signup.language)
        has_place = signup.status == SignUp.Status.CONFIRMED
        online_url = signup.meetup.online_url if has_place else ""
        meetup_url = page_url(meetup)
        context = {
            "signup": signup,
            "meetup": meetup,
            "kind": kind,
            "has_place": has_place,
            "online_url": online_url,
            "page_url": meetup_url,
            "cancel_url": cancel_url(signup, meetup, meetup_url),
            "contact_email": meetup.contact_email,
            "is_online": meetup.is_online,
        }
        mail = {
            "to": signup.email,
            "subject": SUBJECTS[kind](meetup.title),
            "body": render_to_string("events/email/message.txt", context),
            "headers": {"Reply-To": meetup.contact_email} if meetup.contact_email else {},
            "attachments": [],
        }
        if kind in WITH_CALENDAR_FILE:
            event = ics.event_for(
                meetup,
                url=meetup_url,
                online_url=online_url or None,
                description_extra=_("Afmelden: %(url)s") % {"url": context["cancel_url"]},
            )
            mail["attachments"].append(("meet-up.ics", ics.calendar_for([event]), "text/calendar"))
    return mail


def send(signup, kind, meetup=None):
    """Put the e-mail of this kind for this sign-up in the outbox (sent after commit)."""
    return queue_mail(**compose(signup, kind, meetup), kind=str(kind), related_object=signup)


def rewrite(queued, signup, kind, meetup=None):
    """Before the commit: the e-mail queued by `send` becomes one of this kind (the sign-up
    turned out to have a place after all, or not)."""
    return rewrite_mail(queued, **compose(signup, kind, meetup), kind=str(kind))


def withdraw(signup):
    """The sign-up was cancelled: unsent e-mails about it are no longer needed."""
    return cancel_pending(signup)


def for_signup(signup):
    """The outbox rows about this sign-up."""
    return for_object(signup)

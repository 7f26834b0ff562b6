"""Writing and sending the e-mails to signed-up people, in their own language."""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from events import ics
from events.models import MeetupIndexPage, SignUp, SignUpEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8


def retry_delay(attempts):
    """1, 2, 4, ... minutes, at most six hours between tries."""
    return dt.timedelta(minutes=min(2 ** (attempts - 1), 360))


SUBJECTS = {
    SignUpEmail.Kind.CONFIRMATION: lambda title: _("Aangemeld: %(title)s") % {"title": title},
    SignUpEmail.Kind.WAITING: lambda title: _("Op de wachtlijst: %(title)s") % {"title": title},
    SignUpEmail.Kind.PROMOTED: lambda title: (
        _("Er is een plaats voor u: %(title)s") % {"title": title}
    ),
    SignUpEmail.Kind.REMINDER: lambda title: _("Herinnering: %(title)s") % {"title": title},
    SignUpEmail.Kind.MEETUP_CANCELLED: lambda title: (
        _("Gaat niet door: %(title)s") % {"title": title}
    ),
    SignUpEmail.Kind.MOVED_ONLINE: lambda title: _("Nu online: %(title)s") % {"title": title},
}
WITH_CALENDAR_FILE = {
    SignUpEmail.Kind.CONFIRMATION,
    SignUpEmail.Kind.PROMOTED,
    SignUpEmail.Kind.REMINDER,
    SignUpEmail.Kind.MEETUP_CANCELLED,
    SignUpEmail.Kind.MOVED_ONLINE,
}


def cancel_url(signup, meetup):
    index = meetup.get_parent().specific
    if not isinstance(index, MeetupIndexPage):  # pragma: no cover - page tree rules forbid it
        index = signup.meetup.get_parent().specific
    return index.subpage_url("cancel", signup.cancel_token, full=True)


def build_message(email):
    """The EmailMessage for an outbox row, rendered in the sign-up's language."""
    signup = email.signup
    with translation.override(signup.language), timezone.override(settings.TIME_ZONE):
        meetup = signup.meetup.in_language(signup.language)
        has_place = signup.status == SignUp.Status.CONFIRMED
        online_url = signup.meetup.online_url if has_place else ""
        page_url = meetup.get_full_url()
        context = {
            "signup": signup,
            "meetup": meetup,
            "kind": email.kind,
            "has_place": has_place,
            "online_url": online_url,
            "page_url": page_url,
            "cancel_url": cancel_url(signup, meetup),
            "contact_email": meetup.contact_email,
            "is_online": meetup.is_online,
        }
        subject = SUBJECTS[email.kind](meetup.title)
        body = render_to_string("events/email/message.txt", context)
        message = EmailMessage(
            subject=subject,
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[signup.email],
            reply_to=[meetup.contact_email] if meetup.contact_email else None,
        )
        if email.kind in WITH_CALENDAR_FILE:
            event = ics.event_for(
                meetup,
                url=page_url,
                online_url=online_url or None,
                description_extra=_("Afmelden: %(url)s") % {"url": context["cancel_url"]},
            )
            message.attach("meet-up.ics", ics.calendar_for([event]), "text/calendar")
    return message


def deliver(email_id):
    """Send one outbox e-mail. Never raises: a failure is logged, counted and retried later.
    Returns True when the e-mail was sent (now or before)."""
    with transaction.atomic():
        email = (
            SignUpEmail.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("signup__meetup")
            .filter(pk=email_id)
            .first()
        )
        if email is None:  # deleted (purged) or being sent by another worker right now
            return False
        if email.sent_at:
            return True
        if email.signup.status == SignUp.Status.CANCELLED:
            # Nothing to tell someone who cancelled meanwhile; mark it done.
            email.sent_at = timezone.now()
            email.last_error = "skipped: sign-up cancelled"
            email.save(update_fields=["sent_at", "last_error"])
            return True
        try:
            build_message(email).send()
        except Exception as error:
            email.attempts += 1
            email.last_error = f"{type(error).__name__}: {error}"[:300]
            email.save(update_fields=["attempts", "last_error"])
            logger.exception(
                "Sending %s e-mail %s failed (attempt %s)", email.kind, email.pk, email.attempts
            )
            retry_later(email)
            return False
        email.sent_at = timezone.now()
        email.save(update_fields=["sent_at"])
        return True


def retry_later(email):
    """Re-enqueue with a delay when the task backend can defer (the database worker can);
    otherwise (or after MAX_ATTEMPTS) `manage.py send_pending_emails` picks it up."""
    from events.tasks import send_signup_email

    if email.attempts >= MAX_ATTEMPTS:
        logger.error("Giving up on e-mail %s after %s attempts", email.pk, email.attempts)
        return
    if not send_signup_email.get_backend().supports_defer:
        return
    run_after = timezone.now() + retry_delay(email.attempts)
    transaction.on_commit(
        lambda: send_signup_email.using(run_after=run_after).enqueue(email.pk), robust=True
    )

"""The sign-up rules: who gets a place, who waits, who moves up. One transaction each.

Every decision is taken holding the meet-up's row lock (SELECT ... FOR NO KEY UPDATE on
PostgreSQL), so two visitors who submit at the same moment for the last place are served one
after the other and capacity is never exceeded. SQLite serialises writers on its own. Sign-ups,
capacity and status live on the Dutch original of a meet-up; a sign-up on the English page
counts there too.

A new address (nearly every sign-up) writes its rows first, the sign-up with the status the
places suggested and its e-mail with its task, and only then waits for the lock, to count the
places and commit: the lock is held for two statements and the commit, not for the whole
sign-up, so a busy meet-up serves its sign-ups one after another quickly. The rows are invisible to others until
the commit; when the count under the lock says otherwise (the last places went meanwhile), the
status and the e-mail are corrected before the commit.
"""

import datetime as dt
import logging
from dataclasses import dataclass
from types import SimpleNamespace

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events import emails
from events.models import EmailKind, MeetupPage, SignUp, new_cancel_token
from movement import pagecache
from movement.pagecache import holes

logger = logging.getLogger(__name__)

RESEND_INTERVAL = dt.timedelta(hours=1)


@dataclass(frozen=True)
class RegistrationState:
    code: str  # open, waiting_list, full, not_yet_open, closed, past, cancelled
    places_left: int | None = None
    opens_at: object = None

    @property
    def accepts_signups(self):
        return self.code in {"open", "waiting_list"}

    @property
    def message(self):
        if self.code == "open":
            if self.places_left is None:
                return _("U kunt zich aanmelden.")
            return ngettext(
                "Er is nog %(n)s plaats vrij.", "Er zijn nog %(n)s plaatsen vrij.", self.places_left
            ) % {"n": self.places_left}
        if self.code == "waiting_list":
            return _(
                "Deze meet-up is vol. U kunt zich aanmelden voor de wachtlijst: "
                "komt er een plaats vrij, dan krijgt u meteen bericht."
            )
        if self.code == "full":
            return _("Deze meet-up is vol. Aanmelden kan niet meer.")
        if self.code == "not_yet_open":
            return _("Aanmelden kan vanaf %(date)s.") % {
                "date": date_format(timezone.localtime(self.opens_at), "j F Y, H:i")
            }
        if self.code == "closed":
            return _("Aanmelden is gesloten.")
        if self.code == "past":
            return _("Deze meet-up is geweest.")
        return _("Deze meet-up gaat niet door.")


def signup_counts(meetup):
    """{'confirmed': n, 'waiting': n, 'cancelled': n} for a meet-up (any language), in one query."""
    source = meetup.source if isinstance(meetup, MeetupPage) else meetup
    rows = SignUp.objects.filter(meetup=source).values("status").annotate(n=Count("pk"))
    counts = dict.fromkeys(SignUp.Status.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def registration_state(meetup, confirmed=None, now=None):
    """What a visitor can do now. `meetup` should be the source page; `confirmed` saves a query."""
    now = now or timezone.now()
    if meetup.status == MeetupPage.Status.CANCELLED:
        return RegistrationState("cancelled")
    if meetup.end < now:
        return RegistrationState("past")
    if meetup.registration_opens and now < meetup.registration_opens:
        return RegistrationState("not_yet_open", opens_at=meetup.registration_opens)
    closes = meetup.registration_closes or meetup.start
    if now >= closes:
        return RegistrationState("closed")
    if meetup.capacity is None:
        return RegistrationState("open")
    if confirmed is None:
        confirmed = SignUp.objects.filter(meetup=meetup, status=SignUp.Status.CONFIRMED).count()
    left = max(0, meetup.capacity - confirmed)
    if left:
        return RegistrationState("open", places_left=left)
    return RegistrationState("waiting_list" if meetup.waiting_list else "full", places_left=0)


class RegistrationClosed(Exception):
    def __init__(self, state):
        super().__init__(state.code)
        self.state = state


# What registration_state reads of a meet-up: all on the meet-up's own row.
DECISION_FIELDS = (
    "status",
    "start",
    "end",
    "registration_opens",
    "registration_closes",
    "capacity",
    "waiting_list",
)


def _lock(meetup):
    """The source meet-up, re-read under a row lock that lasts until the transaction ends.

    FOR NO KEY UPDATE: it excludes every other decision (and an editor's save of the page),
    but not the key-share lock a new sign-up's foreign key takes while it waits its turn."""
    return MeetupPage.objects.select_for_update(of=("self",), no_key=True).get(pk=meetup.source.pk)


def _lock_for_decision(meetup):
    """Like _lock, for a sign-up: only what registration_state reads (one narrow row)."""
    row = (
        MeetupPage.objects.select_for_update(no_key=True)
        .filter(pk=meetup.source.pk)
        .values(*DECISION_FIELDS)
        .get()
    )
    return SimpleNamespace(**row)


def _status_for(state):
    return SignUp.Status.CONFIRMED if state.code == "open" else SignUp.Status.WAITING


def sign_up(meetup, *, name, email, role, organisation="", access_needs="", remarks="", language):
    """Sign someone up. Returns the SignUp; raises RegistrationClosed when that is not possible.

    `email` is normalised already (the form does it: movement.validators.normalise_email).
    The same address twice for one meet-up makes no second sign-up: the confirmation (or
    waiting-list e-mail) goes out again and the caller cannot tell the difference.
    `meetup` is the page the visitor used (either language)."""
    fields = {
        "name": name,
        "role": role,
        "organisation": organisation,
        "access_needs": access_needs,
        "remarks": remarks,
        "language": language,
    }
    try:
        return _sign_up(meetup, email, fields)
    except MeetupPage.DoesNotExist:  # deleted by an editor while this request was on its way
        raise RegistrationClosed(RegistrationState("cancelled")) from None


def _sign_up(meetup, email, fields):
    source = meetup.source
    seen = SignUp.objects.filter(meetup=source).aggregate(
        confirmed=Count("pk", filter=Q(status=SignUp.Status.CONFIRMED)),
        mine=Count("pk", filter=Q(email=email)),
    )
    if not seen["mine"]:
        guess = registration_state(source, confirmed=seen["confirmed"])
        if guess.accepts_signups:
            try:
                return _sign_up_new(meetup, email, fields, guess)
            except IntegrityError:
                pass  # the same address from another request at the same moment: see below
            except DatabaseError:  # e.g. the commit failed: the places shown may be wrong now
                holes.forget(_places_holes(source.translation_key).values())
                raise
    return _sign_up_again(meetup, email, fields)


@transaction.atomic
def _sign_up_new(meetup, email, fields, guess):
    """A new address: its rows first, then the lock, only to count and decide (module doc)."""
    source = meetup.source
    signup = SignUp(meetup=source, email=email, status=_status_for(guess), **fields)
    signup.pages_refreshed_by_registration = True  # below, once the places are known
    signup.save()  # a second request with this address waits here, then fails: IntegrityError
    queued = emails.send(signup, _email_kind_for(signup), meetup=meetup)
    locked = _lock_for_decision(source)
    confirmed = None  # others with a place, committed before this request got the lock
    if locked.capacity is not None:
        confirmed = (
            SignUp.objects.filter(meetup=source, status=SignUp.Status.CONFIRMED)
            .exclude(pk=signup.pk)
            .count()
        )
    state = registration_state(locked, confirmed=confirmed)
    if not state.accepts_signups:
        raise RegistrationClosed(state)  # and nothing written above is kept
    if _status_for(state) != signup.status:  # the places went (or came back) meanwhile
        signup.status = _status_for(state)
        signup.save(update_fields=["status"])
        emails.rewrite(queued, signup, _email_kind_for(signup), meetup=meetup)
    if signup.status == SignUp.Status.CONFIRMED and locked.capacity is not None:
        left = locked.capacity - confirmed - 1
        if left > 0:  # only the number on its pages changes: they stay kept
            show_places_left(source.translation_key, left)
        else:
            refresh_cached_pages(source.translation_key, locked.capacity, confirmed + 1)
    del signup.pages_refreshed_by_registration  # later saves of this object refresh as usual
    return signup


def _places_holes(translation_key):
    return {
        language: holes.name("meetup-places", translation_key, language=language)
        for language, _ in settings.LANGUAGES
    }


def show_places_left(translation_key, left):
    """The meet-up's kept pages (both languages) show `left` places from now on, without being
    rendered again (movement.pagecache.holes). Called under the meet-up's lock: the texts are
    written in the order the decisions are taken. The transaction commits right after; should
    the commit fail, ``sign_up`` forgets the texts again."""
    texts = {}
    for language, hole in _places_holes(translation_key).items():
        with translation.override(language):
            texts[hole] = escape(RegistrationState("open", places_left=left).message)
    holes.write(texts)


def refresh_cached_pages(translation_key, capacity, confirmed=None):
    """A meet-up's confirmed places changed (`confirmed` now, if known) and the new number is not
    put in its kept pages: once committed, its page in both languages is rendered again, and the
    listings and home page sections whose cards say "Full" only when it turned full or no longer
    full. Nothing else. A number put in before (``show_places_left``) is forgotten now."""
    holes.forget(_places_holes(translation_key).values())
    pagecache.invalidate_tag_on_commit("meetup-places", translation_key)
    if capacity is not None and confirmed is not None and capacity - 1 <= confirmed <= capacity:
        pagecache.invalidate_tag_on_commit("meetup-full", translation_key)


@transaction.atomic
def _sign_up_again(meetup, email, fields):
    """An address that signed up before (or a meet-up that takes no sign-ups now): the lock
    first, then the decision, as for every other change."""
    locked = _lock(meetup)
    state = registration_state(locked)
    existing = SignUp.objects.select_for_update().filter(meetup=locked, email=email).first()
    if existing is not None and existing.status != SignUp.Status.CANCELLED:
        if state.accepts_signups:
            resend_confirmation(existing)
            return existing
        raise RegistrationClosed(state)
    if not state.accepts_signups:
        raise RegistrationClosed(state)
    fields = {**fields, "status": _status_for(state)}
    if existing is not None:  # signed up before and cancelled: a fresh sign-up at the back
        for field, value in fields.items():
            setattr(existing, field, value)
        existing.cancel_token = new_cancel_token()
        existing.cancelled_at = None
        existing.reminder_sent_at = None
        existing.created_at = timezone.now()
        existing.save()
        signup = existing
    else:
        signup = SignUp.objects.create(meetup=locked, email=email, **fields)
    emails.send(signup, _email_kind_for(signup), meetup=meetup)
    return signup


def resend_confirmation(signup):
    """Signing up again with the same address sends the confirmation (or waiting-list e-mail)
    again, so the form never reveals who is signed up; at most once per hour per sign-up, so
    nobody can flood someone else's mailbox through the form."""
    kind = _email_kind_for(signup)
    recent = (
        emails.for_signup(signup)
        .filter(kind=kind, created_at__gte=timezone.now() - RESEND_INTERVAL)
        .exists()
    )
    if not recent:
        emails.send(signup, kind)


def _email_kind_for(signup):
    if signup.status == SignUp.Status.CONFIRMED:
        return EmailKind.CONFIRMATION
    return EmailKind.WAITING


@transaction.atomic
def cancel(signup):
    """Cancel a sign-up and give a freed place to the first on the waiting list.
    Returns False when it was already cancelled."""
    locked = _lock(signup.meetup)
    current = SignUp.objects.select_for_update().get(pk=signup.pk)
    if current.status == SignUp.Status.CANCELLED:
        return False
    current.status = SignUp.Status.CANCELLED
    current.cancelled_at = timezone.now()
    current.save(update_fields=["status", "cancelled_at"])
    emails.withdraw(current)
    promote_waiting(locked)
    signup.status, signup.cancelled_at = current.status, current.cancelled_at
    return True


def promote_waiting(meetup):
    """Move people up from the waiting list while there is room. Call inside a transaction
    holding the meet-up's lock (cancel, publish). Returns the promoted sign-ups."""
    if meetup.status == MeetupPage.Status.CANCELLED or meetup.start <= timezone.now():
        return []
    waiting = (
        SignUp.objects.select_for_update()
        .filter(meetup=meetup, status=SignUp.Status.WAITING)
        .order_by("created_at", "pk")
    )
    if meetup.capacity is not None:
        confirmed = SignUp.objects.filter(meetup=meetup, status=SignUp.Status.CONFIRMED).count()
        room = meetup.capacity - confirmed
        if room <= 0:
            return []
        waiting = waiting[:room]
    promoted = list(waiting)
    for signup in promoted:
        signup.status = SignUp.Status.CONFIRMED
        signup.save(update_fields=["status"])
        emails.send(signup, EmailKind.PROMOTED)
    return promoted


@transaction.atomic
def promote(signup):
    """An organiser gives this person a place, even over capacity. False if not waiting."""
    _lock(signup.meetup)
    current = SignUp.objects.select_for_update().get(pk=signup.pk)
    if current.status != SignUp.Status.WAITING:
        return False
    current.status = SignUp.Status.CONFIRMED
    current.save(update_fields=["status"])
    emails.send(current, EmailKind.PROMOTED)
    signup.status = current.status
    return True


@transaction.atomic
def after_publish(meetup, previous_status):
    """An editor published the (source) meet-up: tell everyone about a cancellation or a move
    online, and fill places that a higher capacity opened up."""
    locked = _lock(meetup)
    if locked.pk != meetup.pk:  # a translation was published; the original decides
        return
    if previous_status is not None and previous_status != locked.status:
        kind = {
            MeetupPage.Status.CANCELLED: EmailKind.MEETUP_CANCELLED,
            MeetupPage.Status.MOVED_ONLINE: EmailKind.MOVED_ONLINE,
        }.get(locked.status)
        if kind and locked.end > timezone.now():
            active = SignUp.objects.filter(meetup=locked).filter(
                Q(status=SignUp.Status.CONFIRMED) | Q(status=SignUp.Status.WAITING)
            )
            for signup in active:
                emails.send(signup, kind)
    promote_waiting(locked)

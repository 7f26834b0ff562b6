"""The one outbox for every e-mail the site sends.

A caller writes the finished message with `queue_mail` inside its own transaction; once that
commits, a background task (django-tasks, the database worker in production) sends it. With the
database worker the task row is written in the same transaction (one commit for both). A failure
is recorded on the row and retried with back-off; `manage.py send_pending_emails` (scheduled)
sends whatever is left, e.g. after the mail server or the worker was down. Nothing is lost: a row
is only marked sent after the mail backend accepted it. Editors see failures on the dashboard.

Public API (other apps code against this):

    queue_mail(to, subject, body, *, html_body=None, headers=None, attachments=None,
               kind="", related_object=None) -> OutgoingEmail
    rewrite_mail(email, to, subject, body, ...) -> OutgoingEmail  # before the commit only
    cancel_pending(related_object, kinds=None) -> int   # e.g. a sign-up was cancelled
    for_object(related_object) -> QuerySet[OutgoingEmail]
    deliver(email_id) -> bool                           # send one row now
    send_pending(min_age_seconds=60) -> (sent, failed)
"""

import base64
import datetime as dt
import logging
import re

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import models, router, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult
from wagtail.admin.ui.components import Component

logger = logging.getLogger(__name__)

# 1, 2, 4, ... 256 minutes, then every six hours: 20 attempts cover about three days.
MAX_ATTEMPTS = 20
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]")


def retry_delay(attempts):
    """1, 2, 4, ... minutes after the n-th failed attempt, at most six hours between tries."""
    return dt.timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


class OutgoingEmailQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=OutgoingEmail.Status.PENDING)

    def failed(self):
        return self.filter(status=OutgoingEmail.Status.FAILED)

    def for_object(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
        )


class OutgoingEmail(models.Model):
    """One e-mail to one address, rendered completely when it was queued."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Wacht op verzending")
        SENT = "sent", _("Verstuurd")
        FAILED = "failed", _("Mislukt, opgegeven")
        CANCELLED = "cancelled", _("Niet meer nodig")

    to = models.CharField(_("aan"), max_length=254)
    subject = models.CharField(_("onderwerp"), max_length=255)
    body = models.TextField(_("tekst"))
    html_body = models.TextField(_("HTML"), blank=True)
    headers = models.JSONField(_("kopregels"), default=dict, blank=True)
    # [{"filename": ..., "content": base64, "mimetype": ...}]
    attachments = models.JSONField(_("bijlagen"), default=list, blank=True)
    kind = models.CharField(_("soort"), max_length=50, blank=True, db_index=True)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    related_object = GenericForeignKey("content_type", "object_id")

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    next_attempt_at = models.DateTimeField(_("volgende poging"), null=True, blank=True)
    last_error = models.CharField(_("laatste fout"), max_length=300, blank=True)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        app_label = "movement"
        verbose_name = _("uitgaande e-mail")
        verbose_name_plural = _("uitgaande e-mails")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["status", "created_at"], name="outbox_status_created"),
            models.Index(fields=["content_type", "object_id"], name="outbox_related"),
        ]

    def __str__(self):
        return f"{self.kind or 'e-mail'} → {self.to} ({self.get_status_display()})"

    def as_message(self):
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=self.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[self.to],
            headers=dict(self.headers or {}),
            connection=delivery_connection(),
        )
        if self.html_body:
            message.attach_alternative(self.html_body, "text/html")
        for attachment in self.attachments or []:
            message.attach(
                attachment["filename"],
                base64.b64decode(attachment["content"]),
                attachment.get("mimetype") or "application/octet-stream",
            )
        return message


OUTBOX_BACKEND = "movement.outbox.OutboxBackend"


def delivery_connection():
    """The mail backend that really sends: settings.OUTBOX_DELIVERY_BACKEND, else EMAIL_BACKEND
    (unless that is the outbox itself, see OutboxBackend)."""
    backend = getattr(settings, "OUTBOX_DELIVERY_BACKEND", None) or settings.EMAIL_BACKEND
    if backend == OUTBOX_BACKEND:
        backend = "django.core.mail.backends.smtp.EmailBackend"
    return get_connection(backend)


class OutboxBackend(BaseEmailBackend):
    """EMAIL_BACKEND for the mails the site does not write itself (Wagtail's moderation notices
    to organisers and editors, password resets): each goes into the outbox, one row per
    recipient, and is sent like every other mail, with retries. Production uses it."""

    def send_messages(self, email_messages):
        for message in email_messages:
            html = next(
                (
                    content
                    for content, mimetype in getattr(message, "alternatives", [])
                    if mimetype == "text/html"
                ),
                None,
            )
            attachments = [
                attachment
                for attachment in message.attachments
                if isinstance(attachment, tuple) and attachment[1] is not None
            ]
            headers = {
                name: value
                for name, value in message.extra_headers.items()
                if name.lower() not in {"to", "cc", "bcc", "from", "subject"}
            }
            if message.reply_to:
                headers["Reply-To"] = ", ".join(message.reply_to)
            for recipient in message.recipients():
                queue_mail(
                    recipient,
                    message.subject,
                    message.body,
                    html_body=html,
                    headers=headers,
                    attachments=[tuple(attachment) for attachment in attachments],
                    kind="system",
                )
        return len(email_messages)


def single_line(value):
    """A header value on one line: control characters (CR, LF, tab, ...) become spaces."""
    return " ".join(CONTROL_CHARACTERS.sub(" ", str(value)).split())


def queue_mail(
    to,
    subject,
    body,
    *,
    html_body=None,
    headers=None,
    attachments=None,
    kind="",
    related_object=None,
):
    """Write one e-mail to the outbox in the caller's transaction; it is sent after commit.

    `to` is one address (validated by the form that took it); a header with a line break is a
    programming error and raises ValueError. The subject is folded onto one line."""
    fields = _message_fields(to, subject, body, html_body, headers, attachments)
    email = OutgoingEmail(**fields, kind=kind)
    if related_object is not None:
        email.content_type = ContentType.objects.get_for_model(
            related_object, for_concrete_model=False
        )
        email.object_id = str(related_object.pk)
    email.save()
    if tasks_share_the_transaction():
        enqueue(email.pk)  # the task row commits with the mail, or rolls back with it
    else:
        transaction.on_commit(lambda: enqueue(email.pk), robust=True)
    return email


def rewrite_mail(
    email, to, subject, body, *, html_body=None, headers=None, attachments=None, kind=""
):
    """Replace the message of a mail queued earlier in the same transaction (its task stays):
    the caller learnt something before committing, e.g. a sign-up is on the waiting list after
    all. Same rules as queue_mail."""
    fields = _message_fields(to, subject, body, html_body, headers, attachments)
    for name, value in {**fields, "kind": kind}.items():
        setattr(email, name, value)
    email.save(update_fields=[*fields, "kind"])
    return email


def _message_fields(to, subject, body, html_body, headers, attachments):
    if not to or CONTROL_CHARACTERS.search(to):
        raise ValueError(f"Not a single e-mail address: {to!r}")
    for name, value in (headers or {}).items():
        if CONTROL_CHARACTERS.search(f"{name}{value}"):
            raise ValueError(f"Header {name!r} has a control character")
    return {
        "to": to,
        "subject": single_line(subject)[:255],
        "body": body,
        "html_body": html_body or "",
        "headers": dict(headers or {}),
        "attachments": [
            {
                "filename": filename,
                "content": base64.b64encode(
                    content.encode() if isinstance(content, str) else content
                ).decode("ascii"),
                "mimetype": mimetype,
            }
            for filename, content, mimetype in (attachments or [])
        ],
    }


def tasks_share_the_transaction():
    """Does the task queue live in the outbox's own database (django-tasks-db, production)?
    Then a mail's task is written in the caller's transaction: one commit for both, the worker
    cannot see the task before the mail, and a process that stops right after the commit leaves
    nothing unqueued. Other backends (the immediate one in development and tests, a broker)
    are handed the task after the commit."""
    backend = send_outgoing_email.get_backend()
    return isinstance(backend, DatabaseBackend) and router.db_for_write(
        DBTaskResult
    ) == router.db_for_write(OutgoingEmail)


def for_object(obj):
    return OutgoingEmail.objects.for_object(obj)


def cancel_pending(related_object, kinds=None):
    """Unsent mails about this object are no longer needed (e.g. the sign-up was cancelled)."""
    pending = OutgoingEmail.objects.for_object(related_object).pending()
    if kinds is not None:
        pending = pending.filter(kind__in=kinds)
    return pending.update(status=OutgoingEmail.Status.CANCELLED, next_attempt_at=None)


@task()
def send_outgoing_email(email_id):
    """Send one e-mail from the outbox; failures are recorded and retried, never raised."""
    return deliver(email_id)


def enqueue(email_id, run_after=None):
    """Hand a row to the worker. Never raises: a broken task queue must not break the request
    that wrote the mail (send_pending_emails sends it later)."""
    try:
        if run_after is not None and send_outgoing_email.get_backend().supports_defer:
            send_outgoing_email.using(run_after=run_after).enqueue(email_id)
        elif run_after is None:
            send_outgoing_email.enqueue(email_id)
    except Exception:
        logger.exception("Could not enqueue e-mail %s; send_pending_emails will retry", email_id)


def deliver(email_id):
    """Send one outbox e-mail. Never raises: a failure is logged, counted and retried later.
    Returns True when the e-mail was sent (now or before) or is no longer needed."""
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True).filter(pk=email_id).first()
        )
        if email is None:  # purged, or being sent by another worker right now
            return False
        if email.status != OutgoingEmail.Status.PENDING:
            return email.status in (OutgoingEmail.Status.SENT, OutgoingEmail.Status.CANCELLED)
        try:
            email.as_message().send()  # through delivery_connection(), see as_message
        except Exception as error:
            email.attempts += 1
            email.last_error = f"{type(error).__name__}: {error}"[:300]
            if email.attempts >= MAX_ATTEMPTS:
                email.status = OutgoingEmail.Status.FAILED
                email.next_attempt_at = None
                logger.error("Giving up on e-mail %s after %s attempts", email.pk, email.attempts)
            else:
                email.next_attempt_at = timezone.now() + retry_delay(email.attempts)
                logger.warning(
                    "Sending %s e-mail %s failed (attempt %s): %s",
                    email.kind or "an",
                    email.pk,
                    email.attempts,
                    email.last_error,
                )
                run_after = email.next_attempt_at
                transaction.on_commit(lambda: enqueue(email_id, run_after), robust=True)
            email.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            return False
        email.status = OutgoingEmail.Status.SENT
        email.sent_at = timezone.now()
        email.next_attempt_at = None
        email.save(update_fields=["status", "sent_at", "next_attempt_at"])
        return True


def send_pending(min_age_seconds=60, *, retry_failed=False):
    """Send every pending e-mail older than `min_age_seconds` whose back-off has passed.
    With `retry_failed`, e-mails that were given up on get a fresh set of attempts first.
    Returns (sent, failed)."""
    now = timezone.now()
    if retry_failed:
        OutgoingEmail.objects.failed().update(
            status=OutgoingEmail.Status.PENDING, attempts=0, next_attempt_at=None
        )
    due = (
        OutgoingEmail.objects.pending()
        .filter(created_at__lte=now - dt.timedelta(seconds=min_age_seconds))
        .filter(models.Q(next_attempt_at=None) | models.Q(next_attempt_at__lte=now))
    )
    sent = failed = 0
    for pk in due.values_list("pk", flat=True):
        if deliver(pk):
            sent += 1
        else:
            failed += 1
    return sent, failed


def stuck_emails():
    """Given up on, or still not sent an hour after they were written."""
    return OutgoingEmail.objects.filter(
        models.Q(status=OutgoingEmail.Status.FAILED)
        | models.Q(
            status=OutgoingEmail.Status.PENDING,
            created_at__lt=timezone.now() - dt.timedelta(hours=1),
        )
    )


class OutboxPanel(Component):
    """Dashboard: e-mails that could not be sent (given up) or have waited for over an hour."""

    name = "outbox"
    template_name = "movement/admin/panels/outbox.html"
    order = 40

    def __init__(self, show_addresses=False):
        self.show_addresses = show_addresses

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        stuck = stuck_emails().order_by("-created_at")
        context["count"] = stuck.count()
        context["emails"] = list(stuck[:10])
        context["show_addresses"] = self.show_addresses
        return context

    def render_html(self, parent_context=None):
        if not stuck_emails().exists():
            return ""
        return super().render_html(parent_context)


def add_outbox_panel(request, panels):
    """construct_homepage_panels hook (movement/wagtail_hooks.py)."""
    panels.append(OutboxPanel(show_addresses=request.user.has_perm("movement.view_outgoingemail")))

"""The newsletter, in-house: sign-up with double opt-in, interests per stream, unsubscribe by
link and by RFC 8058 one-click, and issues sent through the outbox in batches by the worker.

No mail service and no tracking: an issue is rendered once per language and queued per address
with `movement.outbox.queue_mail`. Each address gets an issue at most once: a NewsletterDelivery
row (unique per issue and address) is written in the same transaction as the outbox row, so a
send that stops half-way (worker killed, server restarted) resumes with the addresses left."""

import datetime as dt
import logging
import re

from django import forms
from django.conf import settings
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django_tasks import task
from wagtail.models import Locale

from movement.forms import AccessibleFormMixin
from movement.outbox import queue_mail
from movement.spam import HoneypotFormMixin, is_rate_limited, too_many_requests
from movement.urls_public import absolute_links, absolute_url
from movement.validators import SendableEmailField
from streams.models import (
    NewsletterDelivery,
    NewsletterIssue,
    NewsletterSubscriber,
    StreamPage,
)

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
UNCONFIRMED_DAYS = 3
CONFIRMATION = "newsletter_confirmation"
ISSUE = "newsletter_issue"


class SignUpForm(AccessibleFormMixin, HoneypotFormMixin, forms.Form):
    email = SendableEmailField(
        label=gettext_lazy("Uw e-mailadres"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    streams = forms.MultipleChoiceField(
        label=gettext_lazy("Waar wilt u over lezen?"),
        help_text=gettext_lazy("Niets aangevinkt: over alle stromen."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consent = forms.BooleanField(
        label=gettext_lazy(
            "Ik wil de nieuwsbrief ontvangen; mijn e-mailadres wordt alleen daarvoor gebruikt"
        ),
        error_messages={
            "required": gettext_lazy("Zonder uw toestemming kunnen we u niet aanmelden.")
        },
    )

    def __init__(self, *args, streams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["streams"].choices = [(str(s.translation_key), s.title) for s in streams]


def signup(request):
    streams = StreamPage.in_locale(Locale.get_active())
    if request.method == "POST":
        form = SignUpForm(request.POST, streams=streams)
        if is_rate_limited(request, "newsletter"):
            return too_many_requests(request, "newsletter", form=form)
        if form.is_valid():
            if not form.is_spam():
                register(form.cleaned_data["email"], form.cleaned_data["streams"])
            return redirect(reverse("newsletter_signup") + "?aangemeld=1")
        status = 400
    else:
        form, status = SignUpForm(streams=streams), 200
    context = {"form": form, "sent": request.GET.get("aangemeld") == "1"}
    return TemplateResponse(request, "streams/newsletter/signup.html", context, status=status)


@transaction.atomic
def register(email, stream_keys):
    """A pending sign-up and its confirmation mail. An address already subscribed learns
    nothing new here (no mail is sent, so nobody can find out who subscribed)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    subscriber = NewsletterSubscriber.objects.filter(email__iexact=email).first()
    if subscriber is not None and subscriber.confirmed:
        return subscriber
    if subscriber is None:
        subscriber = NewsletterSubscriber(email=email)
    subscriber.language = language
    subscriber.stream_keys = list(stream_keys)
    subscriber.save()
    link = absolute_url(reverse("newsletter_confirm", args=[subscriber.token]))
    body = render_to_string(
        "streams/newsletter/email/confirm.txt", {"link": link, "days": UNCONFIRMED_DAYS}
    )
    queue_mail(
        subscriber.email,
        _("Bevestig uw aanmelding voor de nieuwsbrief"),
        body,
        kind=CONFIRMATION,
        related_object=subscriber,
    )
    return subscriber


def confirm(request, token):
    subscriber = NewsletterSubscriber.objects.filter(token=token).first()
    if subscriber is None:
        return TemplateResponse(
            request, "streams/newsletter/confirm.html", {"outcome": "invalid"}, status=404
        )
    if request.method == "POST" or subscriber.confirmed:
        if not subscriber.confirmed:
            subscriber.confirmed_at = timezone.now()
            subscriber.save(update_fields=["confirmed_at"])
        return TemplateResponse(request, "streams/newsletter/confirm.html", {"outcome": "done"})
    return TemplateResponse(request, "streams/newsletter/confirm.html", {"outcome": "ask"})


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" without a session
def unsubscribe(request, token):
    subscriber = NewsletterSubscriber.objects.filter(token=token).first()
    if request.method == "POST":
        if subscriber is not None:
            subscriber.delete()
        return TemplateResponse(request, "streams/newsletter/unsubscribe.html", {"outcome": "done"})
    if subscriber is None:
        return TemplateResponse(
            request, "streams/newsletter/unsubscribe.html", {"outcome": "invalid"}, status=404
        )
    return TemplateResponse(request, "streams/newsletter/unsubscribe.html", {"outcome": "ask"})


# --- Sending ---------------------------------------------------------------------------------


def render_issue(issue, subscriber_token=None):
    """(subject, text body, html body, headers) of an issue for one address."""
    with translation.override(issue.language):
        unsubscribe_url = absolute_url(
            reverse("newsletter_unsubscribe", args=[subscriber_token or "voorbeeld"])
        )
        context = {
            "issue": issue,
            "unsubscribe_url": unsubscribe_url,
            "body_text": "\n\n".join(
                plain_text(absolute_links(str(block.render()))) for block in issue.body
            ),
        }
        html = absolute_links(render_to_string("streams/newsletter/email/issue.html", context))
        text = render_to_string("streams/newsletter/email/issue.txt", context)
    headers = {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return issue.subject, text, html, headers


_LINK = re.compile(r'<a\b[^>]*\bhref="([^"]+)"[^>]*>(.*?)</a>', re.S)


def plain_text(html):
    """Readable text of a block; a link keeps its address after its words."""
    html = _LINK.sub(lambda m: f"{m.group(2)} ({m.group(1)})", html.replace("</p>", "</p>\n"))
    return "\n\n".join(line.strip() for line in strip_tags(html).splitlines() if line)


def send_test(issue, address):
    subject, text, html, headers = render_issue(issue)
    return queue_mail(
        address,
        f"[{_('Test')}] {subject}",
        text,
        html_body=html,
        headers=headers,
        kind="newsletter_test",
        related_object=issue,
    )


def recipients(issue):
    keys = [str(key) for key in issue.streams.values_list("translation_key", flat=True)]
    subscribers = NewsletterSubscriber.objects.filter(
        confirmed_at__isnull=False, language=issue.language
    ).exclude(email__in=NewsletterDelivery.objects.filter(issue=issue).values("email"))
    return [subscriber for subscriber in subscribers.order_by("pk") if subscriber.wants(keys)]


def send_batch(issue, batch_size=BATCH_SIZE):
    """Queue the issue for up to `batch_size` addresses that have not had it. Returns how many."""
    sent = 0
    for subscriber in recipients(issue)[:batch_size]:
        subject, text, html, headers = render_issue(issue, subscriber.token)
        try:
            with transaction.atomic():
                NewsletterDelivery.objects.create(issue=issue, email=subscriber.email)
                queue_mail(
                    subscriber.email,
                    subject,
                    text,
                    html_body=html,
                    headers=headers,
                    kind=ISSUE,
                    related_object=issue,
                )
        except IntegrityError:  # another worker got there first: it has been sent
            continue
        sent += 1
    return sent


def start_sending(issue):
    NewsletterIssue.objects.filter(pk=issue.pk, status=NewsletterIssue.Status.DRAFT).update(
        status=NewsletterIssue.Status.SENDING
    )
    transaction.on_commit(lambda: send_issue.enqueue(issue.pk), robust=True)


@task()
def send_issue(issue_id, batch_size=BATCH_SIZE):
    """Queue every remaining address in batches; safe to run again (resumes) at any time."""
    issue = NewsletterIssue.objects.filter(pk=issue_id).first()
    if issue is None or issue.status == NewsletterIssue.Status.DRAFT:
        return 0
    total = 0
    while sent := send_batch(issue, batch_size):
        total += sent
    NewsletterIssue.objects.filter(pk=issue.pk).update(
        status=NewsletterIssue.Status.SENT, sent_at=timezone.now()
    )
    return total


def resume_unfinished():
    """For the scheduler (manage.py send_newsletters): finish issues a stopped worker left."""
    issues = NewsletterIssue.objects.filter(status=NewsletterIssue.Status.SENDING)
    return sum(send_issue.call(issue.pk) for issue in issues)


def purge_unconfirmed(now=None):
    """Sign-ups whose confirmation link was not followed within a few days are forgotten."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=UNCONFIRMED_DAYS)
    deleted, _per_model = NewsletterSubscriber.objects.filter(
        confirmed_at__isnull=True, created_at__lt=cutoff
    ).delete()
    return deleted

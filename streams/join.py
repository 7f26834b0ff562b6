"""Join the movement: an organisation applies to take part in a stream."""

import logging

from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from movement.models import SiteSettings
from movement.outbox import queue_mail
from movement.spam import is_rate_limited, too_many_requests
from movement.urls_public import base_url
from streams.coordinators import coordinator_addresses
from streams.forms import JoinForm
from streams.models import ParticipantIndexPage, ParticipantPage

logger = logging.getLogger(__name__)


def handle_join(stream, request):
    form = JoinForm(request.POST)
    if is_rate_limited(request, "join"):
        return too_many_requests(request, "join", form=form, page=stream)
    if form.is_valid():
        if not form.is_spam():
            create_application(stream, form)
        # A bot that filled the honeypot sees the same thanks and learns nothing.
        return redirect(stream.url + "?aangemeld=1#meedoen")
    context = stream.get_context(request)
    context["join_form"] = form
    return TemplateResponse(request, stream.get_template(request), context, status=400)


@transaction.atomic
def create_application(stream, form):
    """An unpublished participant page for editors to review, and the application behind it."""
    source_stream = stream.get_translation_or_none(stream.locale.get_default()) or stream
    index = ParticipantIndexPage.objects.filter(locale=source_stream.locale).first()
    participant = None
    if index is not None:
        data = form.cleaned_data
        participant = ParticipantPage(
            title=data["organisation"],
            slug=unique_slug(index, data["organisation"]),
            city=data["city"],
            province="",
            live=False,
            contact_name=data["contact_name"],
            contact_email=data["email"],
        )
        participant.streams = [source_stream]
        index.add_child(instance=participant)
        participant.save_revision(log_action=True)
    application = form.save(commit=False)
    application.stream = source_stream
    application.participant = participant
    application.save()
    notify_editors(application, source_stream)
    return application


def unique_slug(parent, name):
    base = slugify(name)[:60] or "deelnemer"
    slug, number = base, 1
    siblings = set(parent.get_children().values_list("slug", flat=True))
    while slug in siblings:
        number += 1
        slug = f"{base}-{number}"
    return slug


def editor_addresses(stream):
    addresses = set(coordinator_addresses(stream))
    site = stream.get_site()
    if site is not None and (contact := SiteSettings.for_site(site).contact_email):
        addresses.add(contact)
    return sorted(addresses)


JOIN_NOTICE = "join_notice"


def notify_editors(application, stream):
    """Tell the stream's coordinators and the site's contact address, through the outbox in the
    same transaction as the application: if the mail server is down, the notice waits.
    The subject names the stream (editors' text), never what the applicant typed."""
    recipients = editor_addresses(stream)
    if not recipients:
        logger.warning("No editors to notify of join application %s", application.pk)
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Nieuwe aanmelding als deelnemer voor %(stream)s") % {"stream": stream.title}
        body = render_to_string(
            "streams/email/join_notification.txt",
            {
                "application": application,
                "stream": stream,
                "admin_url": base_url(),
            },
        )
    for address in recipients:
        queue_mail(address, subject, body, kind=JOIN_NOTICE, related_object=application)

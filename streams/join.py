"""Join the movement: an organisation applies to take part in a stream."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_tasks import task

from movement.spam import is_rate_limited
from streams.coordinators import coordinator_group_name
from streams.forms import JoinForm
from streams.models import JoinApplication, ParticipantIndexPage, ParticipantPage, StreamPage

logger = logging.getLogger(__name__)

JOIN_LIMIT_PER_HOUR = 5


def handle_join(stream, request):
    if is_rate_limited(request, "join", JOIN_LIMIT_PER_HOUR, 60 * 60):
        return TemplateResponse(request, "429.html", {"page": stream}, status=429)
    form = JoinForm(request.POST)
    if form.is_valid():
        if not form.is_spam():
            application = create_application(stream, form)
            transaction.on_commit(lambda: notify_editors.enqueue(application.pk))
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
    User = get_user_model()
    addresses = set(
        User.objects.filter(groups__name=coordinator_group_name(stream), is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    from movement.models import SiteSettings

    site = stream.get_site()
    if site is not None and (contact := SiteSettings.for_site(site).contact_email):
        addresses.add(contact)
    return sorted(addresses)


@task()
def notify_editors(application_id):
    application = (
        JoinApplication.objects.select_related("stream", "participant")
        .filter(pk=application_id)
        .first()
    )
    if application is None or application.stream is None:
        return
    stream = StreamPage.objects.get(pk=application.stream_id)
    recipients = editor_addresses(stream)
    if not recipients:
        logger.warning("No editors to notify of join application %s", application_id)
        return
    body = render_to_string(
        "streams/email/join_notification.txt",
        {"application": application, "stream": stream, "admin_url": settings.WAGTAILADMIN_BASE_URL},
    )
    send_mail(
        _("Nieuwe aanmelding voor %(stream)s: %(organisation)s")
        % {"stream": stream.title, "organisation": application.organisation},
        body,
        None,
        recipients,
    )

"""Meet-ups a participating organisation hosted, for its page (templates/streams/participant_page.html).
A template tag, so streams/ (below events/) need not know about meet-ups."""

from django import template
from django.utils import timezone

from events.models import MeetupPage

register = template.Library()


@register.simple_tag
def past_meetups_hosted_by(participant, limit=6):
    """Published meet-ups at this organisation that have ended, most recent first."""
    return list(
        MeetupPage.objects.live()
        .public()
        .filter(
            locale_id=participant.locale_id,
            host__translation_key=participant.translation_key,
            end__lt=timezone.now(),
        )
        .select_related("image")
        .order_by("-start", "-pk")[:limit]
    )

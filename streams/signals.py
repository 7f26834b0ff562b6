from django.db.models.signals import post_save
from django.dispatch import receiver

from streams.coordinators import ensure_coordinator_group
from streams.models import StreamPage


@receiver(post_save, sender=StreamPage)
def give_new_stream_a_coordinator_group(sender, instance, created, raw=False, **kwargs):
    """A new stream gets its coordinators' group; a new translation joins the original's group."""
    if not created or raw:
        return
    default_locale = instance.locale.get_default()
    original = (
        instance
        if instance.locale_id == default_locale.pk
        else instance.get_translation_or_none(default_locale)
    )
    if original is not None:
        ensure_coordinator_group(original)

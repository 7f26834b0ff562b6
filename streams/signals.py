from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from streams.coordinators import ensure_coordinator_group
from streams.models import StreamPage


@receiver(post_save, sender=StreamPage)
def give_new_stream_a_coordinator_group(sender, instance, created, raw=False, **kwargs):
    """A new stream gets its coordinators' group; a new translation joins the original's group."""
    if created and not raw:
        ensure_coordinator_group(instance)


@receiver(page_published, sender=StreamPage)
def keep_coordinator_group_named_after_its_stream(sender, instance, **kwargs):
    """The group belongs to the stream by its translation key; its name follows the title."""
    ensure_coordinator_group(instance)

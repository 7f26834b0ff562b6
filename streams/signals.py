from django.db.models.signals import post_save
from django.dispatch import receiver

from streams.coordinators import ensure_coordinator_group
from streams.models import StreamPage


@receiver(post_save, sender=StreamPage)
def give_new_stream_a_coordinator_group(sender, instance, created, raw=False, **kwargs):
    if (
        created
        and not raw
        and instance.locale.language_code == instance.locale.get_default().language_code
    ):
        ensure_coordinator_group(instance)

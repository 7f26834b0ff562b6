"""Editors' actions that concern signed-up people: a meet-up cancelled, moved online, enlarged."""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from wagtail.signals import page_published

from events.models import MeetupPage


@receiver(pre_save, sender=MeetupPage)
def remember_previous_status(sender, instance, update_fields=None, **kwargs):
    """Publishing saves the page with the new content: note what the status was before."""
    if instance.pk is None or (update_fields is not None and "status" not in update_fields):
        return
    instance._previous_status = (
        MeetupPage.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
    )


@receiver(page_published, sender=MeetupPage)
def notify_on_publish(sender, instance, **kwargs):
    from events import registration

    previous = getattr(instance, "_previous_status", None)
    instance._previous_status = instance.status
    registration.after_publish(instance, previous)

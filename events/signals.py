"""Editors' actions that concern signed-up people: a meet-up cancelled, moved online, enlarged."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.signals import page_published

from events import registration
from events.models import MeetupPage, MeetupSeries, SignUp
from movement import pagecache

# A series' name shows on its meet-ups' pages: a change refreshes every cached page.
pagecache.watch(MeetupSeries)


@receiver(post_save, sender=SignUp)
@receiver(post_delete, sender=SignUp)
def refresh_places_left(sender, instance, raw=False, created=False, **kwargs):
    """A sign-up, cancellation or move off the waiting list changes that meet-up's places left:
    refresh its page (both languages), and, only when it turns full or no longer full, the
    listings and home page sections whose cards say "Full". Nothing else."""
    if raw or (created and instance.status == SignUp.Status.WAITING):
        return  # one more on the waiting list: no page shows how many
    if getattr(instance, "pages_refreshed_by_registration", False):
        return  # a new sign-up: registration.sign_up refreshes them once it knows the places
    meetup = MeetupPage.objects.filter(pk=instance.meetup_id).values("translation_key", "capacity")
    meetup = meetup.first()
    if meetup is None:
        return
    confirmed = None
    if meetup["capacity"] is not None and instance.status != SignUp.Status.WAITING:
        confirmed = SignUp.objects.filter(
            meetup_id=instance.meetup_id, status=SignUp.Status.CONFIRMED
        ).count()
    registration.refresh_cached_pages(meetup["translation_key"], meetup["capacity"], confirmed)


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
    previous = getattr(instance, "_previous_status", None)
    instance._previous_status = instance.status
    registration.after_publish(instance, previous)

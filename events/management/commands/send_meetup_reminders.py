"""Send the day-before reminders. Run from cron, e.g. daily at 10:00; each reminder goes once."""

import datetime as dt

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from events import emails
from events.models import EmailKind, MeetupPage, SignUp


class Command(BaseCommand):
    help = "Remind everyone with a place of a meet-up that starts tomorrow (or later today)."

    def handle(self, *args, **options):
        now = timezone.now()
        tomorrow = timezone.localdate() + dt.timedelta(days=1)
        until = timezone.make_aware(dt.datetime.combine(tomorrow + dt.timedelta(days=1), dt.time()))
        signups = SignUp.objects.filter(
            status=SignUp.Status.CONFIRMED,
            reminder_sent_at__isnull=True,
            meetup__start__gt=now,
            meetup__start__lt=until,
            meetup__live=True,
        ).exclude(meetup__status=MeetupPage.Status.CANCELLED)
        count = 0
        for pk in signups.values_list("pk", flat=True):
            with transaction.atomic():
                # Marked in the same transaction as the outbox row: never twice, never lost.
                signup = SignUp.objects.select_for_update().get(pk=pk)
                if signup.reminder_sent_at or signup.status != SignUp.Status.CONFIRMED:
                    continue
                signup.reminder_sent_at = now
                signup.save(update_fields=["reminder_sent_at"])
                emails.send(signup, EmailKind.REMINDER)
                count += 1
        self.stdout.write(f"{count} reminder(s) queued.")

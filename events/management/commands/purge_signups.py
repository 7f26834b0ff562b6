"""Delete sign-ups some days after their meet-up ended (privacy: keep no longer than needed)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from events.models import SignUp


class Command(BaseCommand):
    help = "Delete sign-ups (and their e-mail records) N days after the meet-up ended."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30, help="days after the end (30)")

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days cannot be negative")
        cutoff = timezone.now() - dt.timedelta(days=days)
        deleted, per_model = SignUp.objects.filter(meetup__end__lt=cutoff).delete()
        self.stdout.write(f"{per_model.get('events.SignUp', 0)} sign-up(s) deleted.")

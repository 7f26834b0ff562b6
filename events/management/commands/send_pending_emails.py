"""Send e-mails that are still in the outbox: for cron, after a mail server outage."""

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from events.emails import deliver
from events.models import SignUpEmail


class Command(BaseCommand):
    help = "Send every unsent meet-up e-mail older than --min-age seconds (default 60)."

    def add_arguments(self, parser):
        parser.add_argument("--min-age", type=int, default=60)

    def handle(self, *args, min_age, **options):
        cutoff = timezone.now() - dt.timedelta(seconds=min_age)
        pending = SignUpEmail.objects.filter(sent_at=None, created_at__lte=cutoff)
        sent = failed = 0
        for pk in pending.values_list("pk", flat=True):
            if deliver(pk):
                sent += 1
            else:
                failed += 1
        self.stdout.write(f"{sent} sent, {failed} failed.")
        if failed:
            self.stderr.write(f"{failed} e-mail(s) could not be sent; see the log.")

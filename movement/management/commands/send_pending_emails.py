"""Send what is still in the outbox: scheduled (see docs/deployment.md), and after an outage of
the mail server or the worker."""

from django.core.management.base import BaseCommand

from movement.outbox import send_pending


class Command(BaseCommand):
    help = (
        "Send every unsent e-mail in the outbox older than --min-age seconds (default 60) whose "
        "back-off has passed; --retry-failed also retries e-mails that were given up on."
    )

    def add_arguments(self, parser):
        parser.add_argument("--min-age", type=int, default=60)
        parser.add_argument("--retry-failed", action="store_true")

    def handle(self, *args, min_age, retry_failed, **options):
        sent, failed = send_pending(min_age, retry_failed=retry_failed)
        self.stdout.write(f"{sent} sent, {failed} failed.")
        if failed:
            self.stderr.write(f"{failed} e-mail(s) could not be sent; see the log.")

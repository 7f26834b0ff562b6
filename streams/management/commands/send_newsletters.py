"""Scheduled (like send_pending_emails): finish newsletter issues a stopped worker left half-way
and forget newsletter sign-ups whose confirmation link was not followed in time."""

from django.core.management.base import BaseCommand

from streams import newsletter


class Command(BaseCommand):
    help = "Resume unfinished newsletter sends; purge unconfirmed sign-ups."

    def handle(self, *args, **options):
        queued = newsletter.resume_unfinished()
        purged = newsletter.purge_unconfirmed()
        self.stdout.write(f"Newsletter: {queued} queued, {purged} unconfirmed sign-ups purged.")

"""Apply the retention policy (movement/retention.py): remove every kind of personal data that
is past its time. Idempotent; schedule it daily (compose.yaml's scheduler, docs/deployment.md)."""

from django.core.management.base import BaseCommand

from movement import retention


class Command(BaseCommand):
    help = "Remove personal data past its retention period; --dry-run only counts."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count, change nothing")

    def handle(self, *args, dry_run, **options):
        counts = retention.apply(dry_run=dry_run)
        verb = "would be removed" if dry_run else "removed"
        for label, count in counts.items():
            self.stdout.write(f"{label}: {count} {verb}")

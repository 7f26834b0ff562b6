"""The site's scheduled jobs in one long-running process (compose.yaml's `scheduler` service).

On a plain server use cron instead; the same jobs as cron lines are in docs/deployment.md.
Each job runs in its own try: one failing job is logged and the others go on."""

import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection
from django.utils import timezone

logger = logging.getLogger(__name__)

# (command, kwargs, run when: every N minutes, or daily at HH:MM local time)
JOBS = [
    ("send_pending_emails", {}, {"every_minutes": 5}),
    ("send_meetup_reminders", {}, {"daily_at": "10:00"}),
    ("purge_personal_data", {}, {"daily_at": "03:30"}),
]


def due(when, now, last_run):
    if "every_minutes" in when:
        return last_run is None or (now - last_run).total_seconds() >= when["every_minutes"] * 60
    hour, minute = (int(part) for part in when["daily_at"].split(":"))
    local = timezone.localtime(now)
    today = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
    return local >= today and (last_run is None or timezone.localtime(last_run) < today)


class Command(BaseCommand):
    help = "Run the scheduled jobs (mail retries, reminders, the retention purge) forever."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run what is due now, then stop")

    def handle(self, *args, once, **options):
        last_run = dict.fromkeys(name for name, _kwargs, _when in JOBS)
        while True:
            now = timezone.now()
            for name, kwargs, when in JOBS:
                if not due(when, now, last_run[name]):
                    continue
                last_run[name] = now
                if not connection.in_atomic_block:  # a long-lived process: fresh connections
                    close_old_connections()
                try:
                    call_command(name, **kwargs)
                except Exception:
                    logger.exception("Scheduled job %s failed", name)
            if once:
                return
            time.sleep(30)

"""How long the site keeps personal data: one policy, in one place.

Every kind of personal data has a rule: what it is, why it is kept, how long, and a function that
removes what is past its time. The ground floor's own data (the outbox, task results, search
queries) is registered here; the apps register theirs (events: sign-ups and their audit-log
entries; streams: join applications and the contact details on drafts made from them) from their
AppConfig.ready. `manage.py purge_personal_data` applies every rule (idempotent; --dry-run
prints the counts), it is scheduled (compose.yaml's scheduler, the cron lines in
docs/deployment.md), and the privacy page lists the same rules as a table (policy_rows).

The number of days per rule comes from settings.RETENTION_DAYS.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.html import escape
from django_tasks_db.models import DBTaskResult
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from movement.outbox import OutgoingEmail

DEFAULT_DAYS = {
    "signups": 30,
    "join_applications": 30,
    "outbox": 30,
    "task_results": 14,
    "search_queries": 30,
}


def days(key):
    return int(getattr(settings, "RETENTION_DAYS", {}).get(key, DEFAULT_DAYS[key]))


@dataclass(frozen=True)
class Rule:
    key: str  # also the settings.RETENTION_DAYS key, when the rule has a number of days
    what: dict  # {"nl": ..., "en": ...}
    why: dict
    how_long: Callable[[], dict]  # computed, so it follows the configured number of days
    purge: Callable[[dt.datetime, bool], dict]  # (now, dry_run) -> {"label": count}


RULES: list[Rule] = []


def register(rule):
    """Add (or replace, by key) a rule; apps call this from AppConfig.ready."""
    RULES[:] = [existing for existing in RULES if existing.key != rule.key]
    RULES.append(rule)
    return rule


def apply(dry_run=False, now=None):
    """Apply every rule. Returns {label: count} of what was (or, dry run, would be) removed."""
    now = now or timezone.now()
    counts = {}
    for rule in RULES:
        with transaction.atomic():
            counts.update(rule.purge(now, dry_run))
    return counts


def policy_rows(language):
    """(what, why, how long) per rule, for the privacy page."""
    return [(rule.what[language], rule.why[language], rule.how_long()[language]) for rule in RULES]


def policy_table_html(language):
    headers = {"nl": ("Wat", "Waarom", "Hoe lang"), "en": ("What", "Why", "How long")}[language]
    head = "".join(f"<th scope='col'>{escape(text)}</th>" for text in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>"
        for row in policy_rows(language)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def delete(queryset, dry_run):
    """Count, and unless this is a dry run, delete; the count is of rows of the queryset's model."""
    if dry_run:
        return queryset.count()
    _total, per_model = queryset.delete()
    return per_model.get(queryset.model._meta.label, 0)


def for_days(key, nl, en):
    """A how_long callable: '{n} dagen ...' in both languages, with the configured days."""
    return lambda: {"nl": nl.format(n=days(key)), "en": en.format(n=days(key))}


# --- The ground floor's own data -------------------------------------------------------------


def purge_outbox(now, dry_run):
    old = OutgoingEmail.objects.filter(created_at__lt=now - dt.timedelta(days=days("outbox")))
    return {"outgoing e-mails": delete(old, dry_run)}


def purge_task_results(now, dry_run):
    finished = DBTaskResult.objects.finished().filter(
        finished_at__lt=now - dt.timedelta(days=days("task_results"))
    )
    return {"task results": delete(finished, dry_run)}


def purge_search_queries(now, dry_run):
    cutoff = (now - dt.timedelta(days=days("search_queries"))).date()
    hits = QueryDailyHits.objects.filter(date__lt=cutoff)
    # Queries without recent hits and without a promotion an editor made for them.
    recent = QueryDailyHits.objects.filter(date__gte=cutoff, query=models.OuterRef("pk"))
    unused = Query.objects.exclude(models.Exists(recent)).filter(editors_picks__isnull=True)
    counts = {"search query days": delete(hits, dry_run)}
    counts["search queries"] = delete(unused, dry_run)
    return counts


register(
    Rule(
        key="outbox",
        what={
            "nl": "Verstuurde e-mails (adres, onderwerp, tekst)",
            "en": "E-mails sent (address, subject, text)",
        },
        why={
            "nl": "Om een e-mail opnieuw te kunnen sturen als de mailserver storing had",
            "en": "To send an e-mail again when the mail server was down",
        },
        how_long=for_days("outbox", "{n} dagen na het schrijven", "{n} days after writing"),
        purge=purge_outbox,
    )
)
register(
    Rule(
        key="task_results",
        what={
            "nl": "Verslagen van achtergrondtaken (kunnen ingevulde gegevens bevatten)",
            "en": "Records of background tasks (may contain what was filled in)",
        },
        why={"nl": "Om storingen op te sporen", "en": "To trace faults"},
        how_long=for_days("task_results", "{n} dagen", "{n} days"),
        purge=purge_task_results,
    )
)
register(
    Rule(
        key="search_queries",
        what={
            "nl": "Zoekopdrachten op de website (zonder wie ze deed)",
            "en": "Searches on the site (without who made them)",
        },
        why={
            "nl": "Om te zien wat bezoekers zoeken en de website te verbeteren",
            "en": "To see what visitors look for and improve the site",
        },
        how_long=for_days("search_queries", "{n} dagen", "{n} days"),
        purge=purge_search_queries,
    )
)

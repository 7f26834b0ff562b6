"""The meet-ups' part of the retention policy (movement.retention): sign-ups, the e-mails
written to them, and the names in the audit log."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Concat
from wagtail.models import ModelLogEntry

from events.models import SignUp
from movement import retention
from movement.outbox import OutgoingEmail

ANONYMOUS_LABEL = "Aanmelding #"


def purge_signups(now, dry_run):
    ended = SignUp.objects.filter(
        meetup__end__lt=now - dt.timedelta(days=retention.days("signups"))
    )
    signup_type = ContentType.objects.get_for_model(SignUp)
    emails = OutgoingEmail.objects.filter(
        content_type=signup_type,
        object_id__in=ended.annotate(key=Cast("pk", CharField())).values("key"),
    )
    counts = {"sign-up e-mails": retention.delete(emails, dry_run)}
    counts["sign-ups"] = retention.delete(ended, dry_run)
    return counts


def anonymise_signup_log_entries(now, dry_run):
    """Audit-log entries about sign-ups (cancelled or moved up by an organiser) keep what
    happened and when, not who: the label becomes 'Aanmelding #<id>' and the data goes."""
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(SignUp)
    ).exclude(label__startswith=ANONYMOUS_LABEL)
    if dry_run:
        return {"names in sign-up audit-log entries": entries.count()}
    updated = entries.update(label=Concat(Value(ANONYMOUS_LABEL), F("object_id")), data={})
    return {"names in sign-up audit-log entries": updated}


def register():
    retention.register(
        retention.Rule(
            key="signups",
            what={
                "nl": "Aanmeldingen voor meet-ups (naam, e-mailadres, rol, organisatie, "
                "toegankelijkheid, opmerkingen) en de e-mails daarover",
                "en": "Meet-up sign-ups (name, e-mail address, role, organisation, access "
                "needs, remarks) and the e-mails about them",
            },
            why={
                "nl": "Om u een plaats te geven, te informeren en de meet-up voor te bereiden",
                "en": "To give you a place, keep you informed and prepare the meet-up",
            },
            how_long=retention.for_days(
                "signups", "{n} dagen na afloop van de meet-up", "{n} days after the meet-up"
            ),
            purge=purge_signups,
        )
    )
    retention.register(
        retention.Rule(
            key="signup_log",
            what={
                "nl": "Het logboek van wijzigingen aan aanmeldingen",
                "en": "The log of changes to sign-ups",
            },
            why={
                "nl": "Om te kunnen nagaan wie van de organisatoren wat deed",
                "en": "To trace which organiser did what",
            },
            how_long=lambda: {
                "nl": "Zonder namen: de naam wordt binnen een dag verwijderd",
                "en": "Without names: the name is removed within a day",
            },
            purge=anonymise_signup_log_entries,
        )
    )

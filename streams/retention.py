"""The streams' part of the retention policy (movement.retention): applications to join, and
the contact details copied from them onto draft participant pages (and their revisions)."""

import datetime as dt

from django.db.models import Q
from django.db.models.functions import Coalesce
from wagtail.models import Revision

from movement import retention
from streams.models import (
    JoinApplication,
    NewsletterDelivery,
    NewsletterIssue,
    NewsletterSubscriber,
    ParticipantPage,
    Reaction,
)

CONTACT_FIELDS = ("contact_name", "contact_email")
UNREVIEWED_MAX_DAYS = 180
# Reactions: not approved (waiting or rejected) after this many days; approved ones at most this long.
REACTION_UNAPPROVED_DAYS = 30
REACTION_MAX_DAYS = 730
NEWSLETTER_UNCONFIRMED_DAYS = 3
NEWSLETTER_DELIVERY_DAYS = 30


def reviewed(applications):
    """Reviewed: the participant page made from it was published, or deleted (turned down)."""
    return applications.filter(
        Q(participant__isnull=True) | Q(participant__first_published_at__isnull=False)
    )


def purge_applications(now, dry_run):
    cutoff = now - dt.timedelta(days=retention.days("join_applications"))
    done = (
        reviewed(JoinApplication.objects.all())
        .annotate(reviewed_at=Coalesce("participant__first_published_at", "created_at"))
        .filter(reviewed_at__lt=cutoff)
    )
    forgotten = JoinApplication.objects.filter(
        created_at__lt=now - dt.timedelta(days=UNREVIEWED_MAX_DAYS)
    )
    expired = JoinApplication.objects.filter(Q(pk__in=done.values("pk")) | Q(pk__in=forgotten))
    # First the contact details on the pages made from them, while the link still exists.
    pages, revisions = scrub_contact_details(
        ParticipantPage.objects.filter(
            Q(applications__in=reviewed(JoinApplication.objects.all()))
            | Q(applications__in=expired)
        ),
        dry_run,
    )
    return {
        "participant pages with contact details from an application": pages,
        "participant page revisions with those contact details": revisions,
        "join applications": retention.delete(expired, dry_run),
    }


def scrub_contact_details(participants, dry_run):
    """Blank the contact fields on these pages and in every revision of them, unless the
    organisation agreed to show them (contact_public). Returns (pages, revisions) changed."""
    pages = revisions_changed = 0
    for page in participants.filter(contact_public=False).distinct():
        if any(getattr(page, field) for field in CONTACT_FIELDS):
            pages += 1
            if not dry_run:
                ParticipantPage.objects.filter(pk=page.pk).update(
                    **dict.fromkeys(CONTACT_FIELDS, "")
                )
        for revision in Revision.page_revisions.filter(object_id=str(page.pk)):
            if any(revision.content.get(field) for field in CONTACT_FIELDS):
                revisions_changed += 1
                if not dry_run:
                    revision.content.update(dict.fromkeys(CONTACT_FIELDS, ""))
                    revision.save(update_fields=["content"])
    return pages, revisions_changed


def register():
    register_reactions_and_newsletter()
    retention.register(
        retention.Rule(
            key="join_applications",
            what={
                "nl": "Aanmeldingen als deelnemer (organisatie, naam, e-mailadres, plaats, "
                "motivatie) en de contactgegevens op de conceptpagina die ervan gemaakt is",
                "en": "Applications to take part (organisation, name, e-mail address, place, "
                "motivation) and the contact details on the draft page made from them",
            },
            why={
                "nl": "Om de aanmelding te beoordelen en contact op te nemen",
                "en": "To review the application and get in touch",
            },
            how_long=lambda: {
                "nl": f"{retention.days('join_applications')} dagen na de beoordeling, "
                f"hoogstens {UNREVIEWED_MAX_DAYS} dagen; de contactgegevens op de pagina "
                "verdwijnen na de beoordeling, tenzij u toestemming gaf ze te tonen",
                "en": f"{retention.days('join_applications')} days after the review, at most "
                f"{UNREVIEWED_MAX_DAYS} days; the contact details on the page go after the "
                "review, unless you agreed to show them",
            },
            purge=purge_applications,
        )
    )


def purge_reactions(now, dry_run):
    unapproved = Reaction.objects.exclude(status=Reaction.Status.APPROVED).filter(
        created_at__lt=now - dt.timedelta(days=REACTION_UNAPPROVED_DAYS)
    )
    too_old = Reaction.objects.filter(created_at__lt=now - dt.timedelta(days=REACTION_MAX_DAYS))
    return {
        "reactions not approved": retention.delete(unapproved, dry_run),
        "reactions past their time": retention.delete(too_old, dry_run),
    }


def purge_newsletter(now, dry_run):
    unconfirmed = NewsletterSubscriber.objects.filter(
        confirmed_at__isnull=True,
        created_at__lt=now - dt.timedelta(days=NEWSLETTER_UNCONFIRMED_DAYS),
    )
    deliveries = NewsletterDelivery.objects.filter(
        issue__status=NewsletterIssue.Status.SENT,
        issue__sent_at__lt=now - dt.timedelta(days=NEWSLETTER_DELIVERY_DAYS),
    )
    return {
        "unconfirmed newsletter sign-ups": retention.delete(unconfirmed, dry_run),
        "newsletter delivery records": retention.delete(deliveries, dry_run),
    }


def register_reactions_and_newsletter():
    retention.register(
        retention.Rule(
            key="reactions",
            what={
                "nl": "Reacties onder artikelen (naam, e-mailadres, tekst)",
                "en": "Reactions under articles (name, e-mail address, text)",
            },
            why={
                "nl": "Om de reactie na beoordeling met uw naam te tonen en u een link te sturen "
                "om haar te verwijderen; het e-mailadres wordt nooit getoond",
                "en": "To show the reaction with your name once reviewed and to send you a link "
                "to remove it; the e-mail address is never shown",
            },
            how_long=lambda: {
                "nl": f"Niet goedgekeurd: {REACTION_UNAPPROVED_DAYS} dagen; goedgekeurd: tot u "
                f"de reactie verwijdert, hoogstens {REACTION_MAX_DAYS} dagen",
                "en": f"Not approved: {REACTION_UNAPPROVED_DAYS} days; approved: until you "
                f"remove it, at most {REACTION_MAX_DAYS} days",
            },
            purge=purge_reactions,
        )
    )
    retention.register(
        retention.Rule(
            key="newsletter",
            what={
                "nl": "Abonnees van de nieuwsbrief (e-mailadres, taal, gekozen stromen) en "
                "welke nieuwsbrief naar welk adres ging",
                "en": "Newsletter subscribers (e-mail address, language, chosen streams) and "
                "which issue went to which address",
            },
            why={
                "nl": "Om de nieuwsbrief te sturen, ieder adres één keer",
                "en": "To send the newsletter, once to each address",
            },
            how_long=lambda: {
                "nl": f"Tot u zich afmeldt; niet bevestigde aanmeldingen "
                f"{NEWSLETTER_UNCONFIRMED_DAYS} dagen; de verzendlijst "
                f"{NEWSLETTER_DELIVERY_DAYS} dagen na het versturen",
                "en": f"Until you unsubscribe; unconfirmed sign-ups "
                f"{NEWSLETTER_UNCONFIRMED_DAYS} days; the delivery list "
                f"{NEWSLETTER_DELIVERY_DAYS} days after sending",
            },
            purge=purge_newsletter,
        )
    )

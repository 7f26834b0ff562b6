"""Reactions under articles ("Praat mee!"): the form, its handling, the notices and the
writer's personal removal link. Pre-moderated: a reaction is stored as pending and shown only
after an editor of the article's stream (or a LOC editor) approves it in the admin."""

import logging

from django import forms
from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from movement import pagecache
from movement.forms import AccessibleFormMixin
from movement.outbox import queue_mail
from movement.spam import HoneypotFormMixin, is_rate_limited, too_many_requests
from movement.urls_public import absolute_url, base_url
from movement.validators import PlainTextFormMixin, SendableEmailField
from streams.join import editor_addresses
from streams.models import Reaction

logger = logging.getLogger(__name__)

REACTION_NOTICE = "reaction_notice"
REACTION_RECEIPT = "reaction_receipt"

# An approved reaction, or one removed, changes the article page; a pending one does not.
pagecache.watch(Reaction, on_create=False)


class ReactionForm(AccessibleFormMixin, PlainTextFormMixin, HoneypotFormMixin, forms.ModelForm):
    consent = forms.BooleanField(
        label=gettext_lazy(
            "Ik geef toestemming om mijn naam bij mijn reactie te tonen en mijn e-mailadres "
            "te bewaren zolang de reactie online staat"
        ),
        error_messages={
            "required": gettext_lazy("Zonder uw toestemming kunnen we de reactie niet plaatsen.")
        },
    )

    class Meta:
        model = Reaction
        fields = ["name", "email", "body"]
        labels = {
            "name": gettext_lazy("Naam"),
            "email": gettext_lazy("E-mailadres"),
            "body": gettext_lazy("Reactie"),
        }
        help_texts = {
            "name": gettext_lazy("Wordt getoond bij uw reactie."),
            "email": gettext_lazy("Wordt niet gepubliceerd."),
        }
        field_classes = {"email": SendableEmailField}
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "body": forms.Textarea(attrs={"rows": 5}),
        }


def handle_reaction(article, request):
    form = ReactionForm(request.POST)
    if is_rate_limited(request, "reaction"):
        return too_many_requests(request, "reaction", form=form, page=article)
    if form.is_valid():
        if not form.is_spam():
            create_reaction(article, form, request)
        # A bot that filled the honeypot sees the same thanks and learns nothing.
        return redirect(article.url + "?reactie=ontvangen#reacties")
    context = article.get_context(request)
    context["reaction_form"] = form
    return TemplateResponse(request, article.get_template(request), context, status=400)


@transaction.atomic
def create_reaction(article, form, request):
    reaction = form.save(commit=False)
    reaction.article = article
    reaction.save()
    notify_editors(reaction)
    send_receipt(reaction)
    return reaction


def removal_url(reaction):
    with translation.override(reaction.article.locale.language_code):
        return absolute_url(reverse("reaction_remove", args=[reaction.removal_token]))


def notify_editors(reaction):
    """The stream's coordinators and the site's contact address hear that a reaction waits."""
    article = reaction.article
    recipients = editor_addresses(article.stream() or article)
    if not recipients:
        logger.warning("No editors to notify of reaction %s", reaction.pk)
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Nieuwe reactie om te beoordelen bij %(title)s") % {"title": article.title}
        body = render_to_string(
            "streams/email/reaction_notice.txt",
            {"reaction": reaction, "article": article, "admin_url": base_url()},
        )
    for address in recipients:
        queue_mail(address, subject, body, kind=REACTION_NOTICE, related_object=reaction)


def send_receipt(reaction):
    """The writer gets their personal removal link."""
    with translation.override(reaction.article.locale.language_code):
        subject = _("Uw reactie bij %(title)s") % {"title": reaction.article.title}
        body = render_to_string(
            "streams/email/reaction_receipt.txt",
            {
                "reaction": reaction,
                "article_url": absolute_url(reaction.article.url),
                "removal_url": removal_url(reaction),
            },
        )
    queue_mail(reaction.email, subject, body, kind=REACTION_RECEIPT, related_object=reaction)


def approve(reaction):
    reaction.status = Reaction.Status.APPROVED
    reaction.save()


def remove(request, token):
    """The writer's personal link: confirm, then the reaction is gone. Works once."""
    reaction = Reaction.objects.select_related("article").filter(removal_token=token).first()
    if reaction is None:
        return TemplateResponse(
            request, "streams/reaction_remove.html", {"outcome": "invalid"}, status=404
        )
    if request.method == "POST":
        article = reaction.article
        reaction.delete()
        return TemplateResponse(
            request, "streams/reaction_remove.html", {"outcome": "removed", "article": article}
        )
    return TemplateResponse(
        request, "streams/reaction_remove.html", {"outcome": "confirm", "reaction": reaction}
    )

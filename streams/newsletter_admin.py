"""The newsletter in the admin: issues (compose with a StreamField body, preview, test mail to
yourself, send) for editors; subscribers (view, export) only for those with the permission."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets.button import ListingButton
from wagtail.snippets.views.snippets import SnippetViewSet

from streams import newsletter
from streams.models import NewsletterIssue, NewsletterSubscriber


class NewsletterIssueViewSet(SnippetViewSet):
    model = NewsletterIssue
    icon = "mail"
    menu_label = gettext_lazy("Nieuwsbrieven")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["subject", "language", "status", "sent_at"]
    list_filter = ["status", "language"]
    panels = [
        FieldPanel("subject"),
        FieldPanel("language"),
        FieldPanel("streams", widget=forms.CheckboxSelectMultiple),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]


class NewsletterSubscriberViewSet(SnippetViewSet):
    """Personal data: only users with streams.view_newslettersubscriber see or export it."""

    model = NewsletterSubscriber
    icon = "user"
    menu_label = gettext_lazy("Abonnees nieuwsbrief")
    menu_order = 261
    add_to_admin_menu = True
    list_display = ["email", "language", "confirmed_at", "created_at"]
    list_filter = ["language"]
    list_export = ["email", "language", "stream_keys", "confirmed_at", "created_at"]
    export_filename = "nieuwsbrief-abonnees"
    panels = [FieldPanel("email", read_only=True), FieldPanel("language")]

    def get_queryset(self, request):
        return NewsletterSubscriber.objects.filter(confirmed_at__isnull=False)


def issue_buttons(instance, user, next_url=None):
    if not isinstance(instance, NewsletterIssue) or not user.has_perm(
        "streams.change_newsletterissue"
    ):
        return []
    buttons = [
        ListingButton(
            _("Test naar mijzelf"), url=reverse("newsletter_send_test", args=[instance.pk])
        )
    ]
    if instance.status == NewsletterIssue.Status.DRAFT:
        buttons.append(
            ListingButton(_("Versturen"), url=reverse("newsletter_send", args=[instance.pk]))
        )
    return buttons


@permission_required("streams.change_newsletterissue")
def send_test_view(request, pk):
    issue = get_object_or_404(NewsletterIssue, pk=pk)
    if request.method == "POST":
        if request.user.email:
            with transaction.atomic():
                newsletter.send_test(issue, request.user.email)
            messages.success(request, _("Testmail verstuurd naar %s.") % request.user.email)
        else:
            messages.error(request, _("Uw account heeft geen e-mailadres."))
        return redirect("wagtailsnippets_streams_newsletterissue:list")
    return TemplateResponse(
        request, "streams/admin/newsletter_confirm.html", {"issue": issue, "action": "test"}
    )


@permission_required("streams.change_newsletterissue")
def send_view(request, pk):
    issue = get_object_or_404(NewsletterIssue, pk=pk)
    if request.method == "POST" and issue.status == NewsletterIssue.Status.DRAFT:
        with transaction.atomic():
            newsletter.start_sending(issue)
        messages.success(request, _("De nieuwsbrief wordt verstuurd."))
        return redirect("wagtailsnippets_streams_newsletterissue:list")
    count = len(newsletter.recipients(issue))
    return TemplateResponse(
        request,
        "streams/admin/newsletter_confirm.html",
        {"issue": issue, "action": "send", "count": count},
    )


def admin_urls():
    return [
        path("newsletter/<int:pk>/test/", send_test_view, name="newsletter_send_test"),
        path("newsletter/<int:pk>/send/", send_view, name="newsletter_send"),
    ]

"""Dashboard panels: what an editor of this site needs to see first."""

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page


class UpcomingMeetupsPanel(Component):
    name = "upcoming_meetups"
    template_name = "movement/admin/panels/upcoming_meetups.html"
    order = 50

    def get_context_data(self, parent_context):
        from events.models import MeetupPage, SignUp

        context = super().get_context_data(parent_context)
        meetups = (
            MeetupPage.objects.filter(
                end__gte=timezone.now(), locale__language_code=settings.LANGUAGE_CODE
            )
            .annotate(
                confirmed=Count("signups", filter=Q(signups__status=SignUp.Status.CONFIRMED)),
                waiting=Count("signups", filter=Q(signups__status=SignUp.Status.WAITING)),
            )
            .order_by("start")[:8]
        )
        for meetup in meetups:
            meetup.places_left = (
                None if meetup.capacity is None else max(meetup.capacity - meetup.confirmed, 0)
            )
        context["meetups"] = meetups
        return context


class JoinApplicationsPanel(Component):
    name = "join_applications"
    template_name = "movement/admin/panels/join_applications.html"
    order = 60

    def get_context_data(self, parent_context):
        from streams.models import JoinApplication

        context = super().get_context_data(parent_context)
        context["applications"] = JoinApplication.objects.select_related("stream", "participant")[
            :6
        ]
        return context


class UntranslatedPagesPanel(Component):
    name = "untranslated_pages"
    template_name = "movement/admin/panels/untranslated_pages.html"
    order = 70

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        translated = Page.objects.filter(
            translation_key=OuterRef("translation_key"), live=True
        ).exclude(locale__language_code=settings.LANGUAGE_CODE)
        untranslated = (
            Page.objects.live()
            .filter(locale__language_code=settings.LANGUAGE_CODE, depth__gt=1)
            .exclude(Exists(translated))
            .order_by("-last_published_at")
        )
        context["count"] = untranslated.count()
        context["pages"] = untranslated.specific(defer=True)[:8]
        return context


def panels_for(request):
    user = request.user
    panels = []
    if user.has_perm("events.view_signup") or user.has_perm("wagtailadmin.access_admin"):
        panels.append(UpcomingMeetupsPanel())
    if user.has_perm("streams.view_joinapplication"):
        panels.append(JoinApplicationsPanel())
    if user.has_perm("wagtail_localize.submit_translation"):
        panels.append(UntranslatedPagesPanel())
    return panels

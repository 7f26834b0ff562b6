"""The meet-ups' dashboard panel, registered by events/wagtail_hooks.py."""

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from wagtail.admin.ui.components import Component

from events.models import MeetupPage, SignUp


class UpcomingMeetupsPanel(Component):
    name = "upcoming_meetups"
    template_name = "events/admin/panels/upcoming_meetups.html"
    order = 50

    def get_context_data(self, parent_context):
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


def add_upcoming_meetups_panel(request, panels):
    user = request.user
    if user.has_perm("events.view_signup") or user.has_perm("wagtailadmin.access_admin"):
        panels.append(UpcomingMeetupsPanel())

"""The Wagtail admin for sign-ups: a listing with search, filters and CSV export; manual cancel
and promote; counts per meet-up. Personal data is for the "Meet-up organisers" group only
(the events.view_personal_data permission), not for every editor."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.listing import IndexView as PageIndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from events import registration
from events.dashboard import add_upcoming_meetups_panel
from events.models import MeetupPage, SignUp

PERSONAL_DATA = "events.view_personal_data"


def local_timestamp(value):
    """A spreadsheet cell for a date and time: local time to the minute ("2026-12-06 14:00")."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%Y-%m-%d %H:%M")


def local_naive(value):
    """XLSX cells cannot hold a time zone: local wall-clock time, to the minute."""
    if timezone.is_aware(value):
        value = timezone.make_naive(timezone.localtime(value))
    return value.replace(second=0, microsecond=0)


class SignUpPermissionPolicy(ModelPermissionPolicy):
    """The model permissions, and on top of them the personal-data permission. Sign-ups are
    made by visitors through the form, never added in the admin."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return user.has_perm(PERSONAL_DATA) and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(SignUp, SignUpPermissionPolicy(SignUp), exact_class=True)


class SignUpIndexView(IndexView):
    custom_value_preprocess = {
        **IndexView.custom_value_preprocess,
        datetime.datetime: {
            IndexView.FORMAT_CSV: local_timestamp,
            IndexView.FORMAT_XLSX: local_naive,
        },
    }

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("meetup")

    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        if not self.permission_policy.user_has_permission(self.request.user, "change"):
            return buttons
        if instance.status != SignUp.Status.CANCELLED:
            buttons.append(
                ListingButton(
                    _("Afmelden"),
                    url=reverse("events_signup:cancel", args=[instance.pk]),
                    icon_name="cross",
                    priority=50,
                )
            )
        if instance.status == SignUp.Status.WAITING:
            buttons.append(
                ListingButton(
                    _("Plaats geven"),
                    url=reverse("events_signup:promote", args=[instance.pk]),
                    icon_name="arrow-up",
                    priority=40,
                )
            )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meetup_id = self.request.GET.get("meetup")
        if meetup_id and meetup_id.isdigit():
            meetup = MeetupPage.objects.filter(pk=meetup_id).first()
            if meetup is not None:
                context["meetup_counts"] = registration.signup_counts(meetup)
        return context


class SignUpActionView(WagtailAdminTemplateMixin, TemplateView):
    """A confirmation page (GET) and the action itself (POST) for one sign-up."""

    template_name = "events/admin/signup_action.html"
    permission_policy = SignUpPermissionPolicy(SignUp)
    header_icon = "user"
    action = None

    def dispatch(self, request, pk):
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        self.signup = get_object_or_404(SignUp.objects.select_related("meetup"), pk=pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("Afmelden") if self.action == "cancel" else _("Plaats geven")

    def get_page_subtitle(self):
        return str(self.signup)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = registration.signup_counts(self.signup.meetup)
        context.update(
            signup=self.signup,
            action=self.action,
            counts=counts,
            over_capacity=self.signup.meetup.capacity is not None
            and counts["confirmed"] >= self.signup.meetup.capacity,
            back_url=reverse("events_signup:index") + f"?meetup={self.signup.meetup_id}",
        )
        return context

    def post(self, request, pk):
        if self.action == "cancel":
            done = registration.cancel(self.signup)
            text = _("%(name)s is afgemeld.") if done else _("%(name)s was al afgemeld.")
        else:
            done = registration.promote(self.signup)
            text = (
                _("%(name)s heeft een plaats en krijgt daarover een e-mail.")
                if done
                else _("%(name)s stond niet op de wachtlijst.")
            )
        (messages.success if done else messages.warning)(request, text % {"name": self.signup.name})
        return redirect(reverse("events_signup:index") + f"?meetup={self.signup.meetup_id}")


class SignUpViewSet(ModelViewSet):
    model = SignUp
    icon = "user"
    menu_label = gettext_lazy("Aanmeldingen")
    name = "events_signup"
    url_prefix = "meetup-signups"
    index_view_class = SignUpIndexView
    index_template_name = "events/admin/signup_index.html"
    list_display = [
        "name",
        "email",
        Column("meetup", label=gettext_lazy("Meet-up"), accessor="meetup.title"),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        Column("role", label=gettext_lazy("Rol"), accessor="get_role_display"),
        "organisation",
        DateColumn("created_at", label=gettext_lazy("Aangemeld op"), sort_key="created_at"),
    ]
    list_filter = ["meetup", "status", "role"]
    search_fields = ["name", "email", "organisation"]
    search_backend_name = None
    list_export = [
        "meetup",
        "name",
        "email",
        "organisation",
        "get_role_display",
        "access_needs",
        "remarks",
        "get_status_display",
        "language",
        "created_at",
        "cancelled_at",
    ]
    export_headings = {
        "meetup": gettext_lazy("Meet-up"),
        "name": gettext_lazy("Naam"),
        "email": gettext_lazy("E-mailadres"),
        "organisation": gettext_lazy("Organisatie"),
        "get_role_display": gettext_lazy("Rol"),
        "access_needs": gettext_lazy("Toegankelijkheid"),
        "remarks": gettext_lazy("Opmerkingen"),
        "get_status_display": gettext_lazy("Status"),
        "language": gettext_lazy("Taal"),
        "created_at": gettext_lazy("Aangemeld op"),
        "cancelled_at": gettext_lazy("Afgemeld op"),
    }
    export_filename = "aanmeldingen"
    form_fields = ["name", "email", "organisation", "role", "access_needs", "remarks"]
    inspect_view_enabled = True
    copy_view_enabled = False
    # Wagtail's usage index is about content: a page's usage must not list the people signed up
    # for it, and indexing every sign-up queued a task per sign-up.
    add_to_reference_index = False

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "<int:pk>/cancel/",
                SignUpActionView.as_view(action="cancel"),
                name="cancel",
            ),
            path(
                "<int:pk>/promote/",
                SignUpActionView.as_view(action="promote"),
                name="promote",
            ),
        ]


def _count(status):
    counted = (
        SignUp.objects.filter(meetup__translation_key=OuterRef("translation_key"), status=status)
        .order_by()
        .values("meetup__translation_key")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


class MeetupCountsIndexView(PageIndexView):
    default_ordering = "-start"

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .annotate(
                confirmed_total=_count(SignUp.Status.CONFIRMED),
                waiting_total=_count(SignUp.Status.WAITING),
                cancelled_total=_count(SignUp.Status.CANCELLED),
            )
        )


class MeetupStartColumn(DateColumn):
    """The meet-up's own date and time ("6 december 2026, 14:00"), not "just now": Wagtail's
    DateColumn shows time since, which reads "just now" for any date in the future."""

    cell_template_name = "events/admin/start_cell.html"


class SignUpsLinkColumn(Column):
    cell_template_name = "events/admin/signups_link_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["show_link"] = request is not None and request.user.has_perm(PERSONAL_DATA)
        context["meetup_pk"] = getattr(instance, "source", instance).pk
        return context


class MeetupCountsViewSet(PageListingViewSet):
    """Every meet-up with its sign-up counts: for all editors (counts are not personal data)."""

    model = MeetupPage
    icon = "date"
    menu_label = gettext_lazy("Meet-ups en aanmeldingen")
    name = "events_meetups"
    url_prefix = "meetups"
    index_view_class = MeetupCountsIndexView
    columns = [
        # Left out so that the table fits 1280 px: the parent (every meet-up sits under the one
        # meet-ups page) and the revision date (the page explorer has it; here "Begint" matters).
        *(
            column
            for column in PageListingViewSet.columns
            if column.name not in {"parent", "latest_revision_created_at"}
        ),
        MeetupStartColumn(
            "start", label=gettext_lazy("Begint"), sort_key="start", classname="start"
        ),
        Column("capacity", label=gettext_lazy("Plaatsen"), classname="numeric"),
        Column(
            "confirmed_total",
            label=gettext_lazy("Aangemeld"),
            sort_key="confirmed_total",
            classname="numeric",
        ),
        Column(
            "waiting_total",
            label=gettext_lazy("Wachtlijst"),
            sort_key="waiting_total",
            classname="numeric",
        ),
        Column("cancelled_total", label=gettext_lazy("Afgemeld"), classname="numeric"),
        SignUpsLinkColumn(
            "signups", label=gettext_lazy("Aanmeldingen"), accessor="pk", classname="numeric"
        ),
    ]


class MeetupsGroup(ViewSetGroup):
    menu_label = gettext_lazy("Meet-ups")
    menu_icon = "date"
    menu_order = 250
    items = (MeetupCountsViewSet, SignUpViewSet)


@hooks.register("register_admin_viewset")
def register_meetup_viewsets():
    return MeetupsGroup()


@hooks.register("register_permissions")
def personal_data_permission():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="events", codename="view_personal_data"
    )


hooks.register("construct_homepage_panels", add_upcoming_meetups_panel)


@hooks.register("insert_global_admin_css")
def admin_css():
    """Readable listings (column widths, no mid-word breaks) and padded dashboard panels."""
    return format_html('<link rel="stylesheet" href="{}">', static("movement/css/admin.css"))

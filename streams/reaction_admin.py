"""Moderating reactions in the admin: a snippet listing each editor sees for their own streams
(LOC editors and administrators: all), and a dashboard panel with the number waiting."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import (
    DeleteView,
    EditView,
    HistoryView,
    SnippetViewSet,
    UsageView,
)

from movement import roles
from streams.models import Reaction, StreamCoordinators, StreamPage


def reactions_for(user):
    """The reactions this user may moderate: all for LOC editors, else their streams' articles."""
    reactions = Reaction.objects.select_related("article")
    if user.is_superuser or user.groups.filter(name=roles.LOC_EDITORS).exists():
        return reactions
    keys = StreamCoordinators.objects.filter(group__user=user).values_list("stream_key", flat=True)
    paths = StreamPage.objects.filter(translation_key__in=list(keys)).values_list("path", flat=True)
    under = Q()
    for path in paths:
        under |= Q(article__path__startswith=path)
    return reactions.filter(under) if paths else reactions.none()


class ReadersWriteReactions(ModelPermissionPolicy):
    """Reactions are moderated in the admin, never written there: no one may add one."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [a for a in actions if a != "add"])

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a != "add"])


register_permission_policy(Reaction, ReadersWriteReactions(Reaction))


class OwnStreamsOnly:
    """A reaction opened by its URL must be one the editor may moderate (else 404), as in the list."""

    def get_queryset(self):  # edit and delete views look the reaction up here
        return reactions_for(self.request.user)


class OwnStreamsObjectOnly:
    def get_base_object_queryset(self):  # history and usage views (their get_queryset lists rows)
        return reactions_for(self.request.user)


class ReactionEditView(OwnStreamsOnly, EditView):
    pass


class ReactionDeleteView(OwnStreamsOnly, DeleteView):
    pass


class ReactionHistoryView(OwnStreamsObjectOnly, HistoryView):
    pass


class ReactionUsageView(OwnStreamsObjectOnly, UsageView):
    pass


class ReactionViewSet(SnippetViewSet):
    model = Reaction
    icon = "comment"
    menu_label = _("Reacties")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "article", "status", "created_at"]
    list_filter = ["status"]
    ordering = ["status", "-created_at"]
    edit_view_class = ReactionEditView
    delete_view_class = ReactionDeleteView
    history_view_class = ReactionHistoryView
    usage_view_class = ReactionUsageView
    panels = [
        FieldPanel("status"),
        FieldPanel("article", read_only=True),
        FieldPanel("name", read_only=True),
        FieldPanel("body", read_only=True),
        FieldPanel("email", read_only=True),
    ]

    def get_queryset(self, request):
        return reactions_for(request.user)


class WaitingReactionsPanel(Component):
    name = "waiting_reactions"
    template_name = "streams/admin/panels/waiting_reactions.html"
    order = 55

    def __init__(self, reactions):
        self.reactions = reactions

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        waiting = self.reactions.pending()
        context["count"] = waiting.count()
        context["reactions"] = list(waiting.order_by("created_at")[:6])
        context["listing_url"] = (
            reverse("wagtailsnippets_streams_reaction:list") + "?status=pending"
        )
        return context


def add_waiting_reactions_panel(request, panels):
    if request.user.has_perm("streams.change_reaction"):
        panels.append(WaitingReactionsPanel(reactions_for(request.user)))

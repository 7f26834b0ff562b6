"""The join applications' dashboard panel, registered by streams/wagtail_hooks.py."""

from wagtail.admin.ui.components import Component

from streams.models import JoinApplication


class JoinApplicationsPanel(Component):
    name = "join_applications"
    template_name = "streams/admin/panels/join_applications.html"
    order = 60

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["applications"] = JoinApplication.objects.select_related("stream", "participant")[
            :6
        ]
        return context


def add_join_applications_panel(request, panels):
    if request.user.has_perm("streams.view_joinapplication"):
        panels.append(JoinApplicationsPanel())

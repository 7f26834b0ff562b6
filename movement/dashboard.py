"""The core's dashboard panels: what an editor of any part of this site needs to see first.
The apps add their own panels from their wagtail_hooks.py (construct_homepage_panels)."""

from django.conf import settings
from django.db.models import Exists, OuterRef
from wagtail.admin.ui.components import Component
from wagtail.models import Page


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


def add_dashboard_panels(request, panels):
    if request.user.has_perm("wagtail_localize.submit_translation"):
        panels.append(UntranslatedPagesPanel())

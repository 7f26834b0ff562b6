"""Admin for the shared vocabularies: themes (curated, translatable) and keywords (free tags)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from taggit.models import Tag
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from movement.dashboard import add_dashboard_panels
from movement.keywords import keyword_usage, merge_keywords
from movement.models import Theme
from movement.outbox import add_outbox_panel
from movement.themes import KINDS


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Thema's")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name", "description"]


def theme_usage(theme):
    """How much published and draft content links to this theme, per kind."""
    return {
        kind.plural: kind.model.objects.filter(
            themes__translation_key=theme.translation_key
        ).count()
        for kind in KINDS
    }


class KeywordViewSet(SnippetViewSet):
    model = Tag
    icon = "tag"
    menu_label = _("Trefwoorden")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]
    panels = [FieldPanel("name"), FieldPanel("slug")]


register_snippet(ThemeViewSet)
keyword_viewset = KeywordViewSet()
register_snippet(keyword_viewset)


class MergeKeywordsForm(forms.Form):
    sources = forms.ModelMultipleChoiceField(
        queryset=Tag.objects.order_by("name"),
        label=_("Samen te voegen trefwoorden"),
        help_text=_(
            "Deze trefwoorden verdwijnen; alles wat ermee getagd is, krijgt het doel-trefwoord."
        ),
        widget=forms.CheckboxSelectMultiple,
    )
    target = forms.ModelChoiceField(
        queryset=Tag.objects.order_by("name"), label=_("Samenvoegen tot")
    )

    def clean(self):
        cleaned = super().clean()
        sources, target = cleaned.get("sources"), cleaned.get("target")
        if sources is not None and target is not None and list(sources) == [target]:
            raise forms.ValidationError(_("Kies minstens één ander trefwoord dan het doel."))
        return cleaned


def merge_keywords_view(request):
    if not request.user.has_perm("taggit.change_tag") or not request.user.has_perm(
        "taggit.delete_tag"
    ):
        return redirect("wagtailadmin_home")
    form = MergeKeywordsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        moved = merge_keywords(list(form.cleaned_data["sources"]), target)
        messages.success(
            request,
            ngettext(
                "%(count)d tagging is verplaatst naar '%(target)s'.",
                "%(count)d taggings zijn verplaatst naar '%(target)s'.",
                moved,
            )
            % {"count": moved, "target": target.name},
        )
        return redirect(keyword_viewset.get_url_name("list"))
    usage = keyword_usage()
    return TemplateResponse(
        request,
        "movement/admin/merge_keywords.html",
        {"form": form, "usage": usage, "page_title": _("Trefwoorden samenvoegen")},
    )


@hooks.register("register_admin_urls")
def register_merge_url():
    return [path("trefwoorden/samenvoegen/", merge_keywords_view, name="merge_keywords")]


@hooks.register("register_admin_menu_item")
def merge_keywords_menu_item():
    from wagtail.admin.menu import MenuItem

    class MergeMenuItem(MenuItem):
        def is_shown(self, request):
            return request.user.has_perm("taggit.delete_tag")

    return MergeMenuItem(
        _("Trefwoorden samenvoegen"), reverse("merge_keywords"), icon_name="tag", order=221
    )


@hooks.register("before_delete_snippet")
def protect_vocabularies(request, instances):
    """A keyword in use is merged, not deleted; a theme in use is deleted only after a warning."""
    model = type(instances[0])
    if model is Tag:
        usage = keyword_usage([tag.pk for tag in instances])
        in_use = [tag for tag in instances if usage.get(tag.pk)]
        if in_use:
            messages.error(
                request,
                _(
                    "'%(name)s' is nog in gebruik. Voeg het samen met een ander trefwoord in plaats van het te verwijderen."
                )
                % {"name": in_use[0].name},
            )
            return redirect("merge_keywords")
    if model is Theme and request.method == "POST" and not request.POST.get("confirm_in_use"):
        used = {theme: theme_usage(theme) for theme in instances}
        used = {theme: counts for theme, counts in used.items() if any(counts.values())}
        if used:
            return TemplateResponse(
                request,
                "movement/admin/theme_in_use.html",
                {
                    "used": used,
                    "page_title": _("Thema in gebruik"),
                    "action_url": request.get_full_path(),
                },
            )
    return None


hooks.register("construct_homepage_panels", add_dashboard_panels)


hooks.register("construct_homepage_panels", add_outbox_panel)

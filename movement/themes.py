"""Theme (Thema) and keyword (Trefwoord) pages: everything on one subject, across content types."""

from functools import reduce
from operator import or_

from django.db.models import Count, DateTimeField, F, Q
from django.db.models.functions import Cast, Coalesce
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.models import Locale, Page

from movement import pagecache
from movement.kinds import registry
from movement.listing import NEVER, Facet, Listing, redirect_old_names
from movement.models import PAGE_CARD_FIELDS, Theme

PER_PAGE = 20
KINDS = registry  # the one kinds registry (the apps register theirs in AppConfig.ready)


def published(kind, locale):
    return kind.model.objects.live().public().filter(locale=locale)


def streams_in(locale):
    """The published streams of one language, in the tree's order (kept under the content
    generation)."""
    stream_kind = registry.stream_kind
    if stream_kind is None:
        return []
    return pagecache.cached(
        "theme-streams",
        lambda: list(published(stream_kind, locale).defer_streamfields().order_by("path")),
        locale.pk,
    )


def of_kind(kind, queryset):
    """A condition on wagtailcore Pages: the pages of `kind` that are in `queryset` (its model)."""
    return Q(pk__in=queryset.values("pk"))


def in_stream(stream):
    """A condition on Pages: what belongs to `stream` — the pages under it (its articles, and
    the stream itself) and pages of any kind linked to it."""
    condition = Q(path__startswith=stream.path)
    for kind in registry:
        if kind.stream_field:
            linked = kind.model.objects.filter(
                **{f"{kind.stream_field}__translation_key": stream.translation_key}
            )
            condition |= of_kind(kind, linked)
    return condition


def kind_facet(kinds, extra=()):
    """Soort: one option per registered kind (and `extra` options: (value, label, condition))."""
    choices = [(kind.slug, kind.plural, Q(content_type=kind.content_type)) for kind in kinds]
    choices += list(extra)
    return Facet(
        "soort",
        _("Soort"),
        choices,
        condition=lambda condition: condition,
        all_label=_("Alle soorten"),
    )


def stream_facet(streams):
    return Facet(
        "stroom",
        _("Stroom"),
        [(stream.slug, stream.title, stream) for stream in streams],
        condition=in_stream,
        all_label=_("Alle stromen"),
    )


def newest_first(pages):
    """Pages of mixed kinds by each kind's own date (an article's date, a meet-up's start)."""
    dates = [
        Cast(F(f"{kind.relation}__{kind.date_field}"), DateTimeField())
        for kind in registry
        if kind.date_field != "first_published_at"
    ]
    return pages.annotate(sort_date=Coalesce(*dates, "first_published_at")).order_by(
        F("sort_date").desc(nulls_last=True), "-pk"
    )


def tagged_items(request, locale, tag_filter, name):
    """Everything published in `locale` that `tag_filter(queryset, kind)` selects, newest first,
    filtered by kind and stream and paged by the one listing engine (movement.listing).

    One Page queryset covers every kind. Its counts and its order (ids and types, newest first)
    change only with content: both are kept under the content generation, named by `name` (the
    subject) and the selection. Only the pages on screen are fetched, one query per kind among
    them, so the number of queries does not grow with the amount of content."""
    # Each kind's rows by the subject alone (its own table and links, no join back to the
    # pages): the outer query asks for live, public pages of the language.
    conditions = [of_kind(kind, tag_filter(kind.model.objects.all(), kind)) for kind in registry]
    pages = (
        Page.objects.live().public().filter(locale=locale).filter(reduce(or_, conditions, NEVER))
    )
    listing = Listing(
        request.GET,
        pages,
        [kind_facet(registry), stream_facet(streams_in(locale))],
        per_page=PER_PAGE,
        cache_as=("tagged", locale.pk, *name),
    )
    kinds = {kind.content_type.pk: kind for kind in registry}
    listing.show(
        newest_first(listing.results),
        fetch=lambda rows: specific_pages(rows, kinds),
        fields=("pk", "content_type_id"),
    )
    context = listing.context()
    context["items"] = [
        {"kind": kinds[page.content_type_id], "page": page, "text": summary_of(page)}
        for page in context["results"].object_list
    ]
    return context


SUMMARY_FIELDS = ("summary", "intro", "description")


def summary_of(page):
    """What a listing shows under the title: the summary, else the intro, else the description
    (kinds have one of these; looked up here, since a template's failed lookup is slow)."""
    for name in SUMMARY_FIELDS:
        if text := getattr(page, name, ""):
            return text
    return ""


def specific_pages(rows, kinds):
    """The pages of (pk, content type id) rows of registered kinds, in their order, with what
    the listing shows of them: one query per kind, kept under the content generation."""

    def build():
        by_kind = {}
        for pk, type_id in rows:
            by_kind.setdefault(type_id, []).append(pk)
        found = {}
        for type_id, pks in by_kind.items():
            model = kinds[type_id].model
            fields = {field.name for field in model._meta.concrete_fields}
            shown = [*PAGE_CARD_FIELDS, *(name for name in SUMMARY_FIELDS if name in fields)]
            found.update(model.objects.filter(pk__in=pks).only(*shown).in_bulk())
        return [found[pk] for pk, _type_id in rows if pk in found]

    return pagecache.cached("tagged-pages", build, *(pk for pk, _type_id in rows))


def theme_index(request):
    locale = Locale.get_active()
    themes = list(Theme.objects.filter(locale=locale).select_related("locale", "image"))
    counts = {theme.translation_key: {} for theme in themes}
    for kind in KINDS:
        rows = (
            published(kind, locale)
            .filter(themes__isnull=False)
            .order_by()
            .values(key=F("themes__translation_key"))
            .annotate(n=Count("pk", distinct=True))
        )
        for row in rows:
            if row["key"] in counts:
                counts[row["key"]][kind.slug] = row["n"]
    overview = [
        {
            "theme": theme,
            "counts": [(kind, counts[theme.translation_key].get(kind.slug, 0)) for kind in KINDS],
            "total": sum(counts[theme.translation_key].values()),
        }
        for theme in themes
    ]
    return render(request, "movement/theme_index.html", {"overview": overview})


def theme_detail(request, slug):
    if redirect := redirect_old_names(request):
        return redirect
    locale = Locale.get_active()
    found = pagecache.cached("theme-page", lambda: theme_and_urls(locale, slug), locale.pk, slug)
    if found is None:
        raise Http404(_("Dit thema bestaat niet."))
    theme, alternate_urls = found
    context = tagged_items(
        request,
        locale,
        lambda qs, kind: qs.filter(themes__translation_key=theme.translation_key),
        ("theme", theme.translation_key),
    )
    context.update({"theme": theme, "alternate_urls": alternate_urls})
    return render(request, "movement/theme_detail.html", context)


def theme_and_urls(locale, slug):
    """(the theme, its pages in every language) or None (kept: themes are a watched model)."""
    theme = Theme.objects.filter(locale=locale, slug=slug).select_related("locale", "image").first()
    return None if theme is None else (theme, theme_translation_urls(theme))


def theme_translation_urls(theme):
    """For the language switch: the same theme in the other language, where it exists."""
    translations = theme.get_translations(inclusive=True).select_related("locale")
    return {t.locale.language_code: t.url for t in translations}


def keyword_index(request):
    locale = Locale.get_active()
    totals = {}
    for kind in KINDS:
        if not hasattr(kind.model, "keywords"):
            continue
        rows = (
            published(kind, locale)
            .filter(keywords__isnull=False)
            .order_by()
            .values(tag_id=F("keywords__id"))
            .annotate(n=Count("pk", distinct=True))
        )
        for row in rows:
            totals[row["tag_id"]] = totals.get(row["tag_id"], 0) + row["n"]
    keywords = [
        {"keyword": tag, "count": totals[tag.pk]}
        for tag in Tag.objects.filter(pk__in=totals).order_by("name")
    ]
    return render(request, "movement/keyword_index.html", {"keywords": keywords})


def keyword_detail(request, slug):
    if redirect := redirect_old_names(request):
        return redirect
    locale = Locale.get_active()
    keyword = Tag.objects.filter(slug=slug).first()
    if keyword is None:
        raise Http404(_("Dit trefwoord bestaat niet."))
    context = tagged_items(
        request,
        locale,
        lambda qs, kind: qs.filter(keywords__slug=keyword.slug),
        ("keyword", keyword.slug),
    )
    context["keyword"] = keyword
    return render(request, "movement/keyword_detail.html", context)

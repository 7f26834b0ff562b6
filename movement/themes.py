"""Theme (Thema) and keyword (Trefwoord) pages: everything on one subject, across content types."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, F
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.models import Locale

from movement.models import Theme

PER_PAGE = 20


@dataclass(frozen=True)
class Kind:
    param: str
    label: str
    plural: str
    model_path: str
    date_field: str

    @property
    def model(self):
        from django.apps import apps

        return apps.get_model(self.model_path)


KINDS = [
    Kind("artikel", _("Artikel"), _("Artikelen"), "streams.ArticlePage", "date"),
    Kind("meetup", _("Meet-up"), _("Meet-ups"), "events.MeetupPage", "start"),
    Kind(
        "deelnemer",
        _("Deelnemer"),
        _("Deelnemers"),
        "streams.ParticipantPage",
        "first_published_at",
    ),
    Kind("stroom", _("Stroom"), _("Stromen"), "streams.StreamPage", "first_published_at"),
]
KINDS_BY_PARAM = {kind.param: kind for kind in KINDS}


def published(kind, locale):
    return kind.model.objects.live().public().filter(locale=locale)


def in_stream(queryset, kind, stream):
    """Narrow a kind's queryset to one stream: articles under it, others linked to it."""
    if kind.param == "artikel":
        return queryset.filter(path__startswith=stream.path)
    if kind.param == "stroom":
        return queryset.filter(translation_key=stream.translation_key)
    return queryset.filter(streams__translation_key=stream.translation_key)


def tagged_items(request, locale, tag_filter):
    """Everything published in `locale` that `tag_filter` selects, newest first, filtered and paged.

    Only (kind, pk, date) rows are merged across kinds; the pages on screen are fetched per kind,
    so the number of queries does not grow with the amount of content."""
    from streams.models import StreamPage

    streams = list(StreamPage.objects.live().public().filter(locale=locale).order_by("path"))
    selected_kind = request.GET.get("soort", "")
    selected_stream = request.GET.get("stroom", "")
    stream = next((s for s in streams if s.slug == selected_stream), None)
    invalid = (selected_kind and selected_kind not in KINDS_BY_PARAM) or (
        selected_stream and stream is None
    )

    rows, kind_counts = [], {}
    for kind in KINDS:
        queryset = tag_filter(published(kind, locale), kind)
        if stream is not None:
            queryset = in_stream(queryset, kind, stream)
        keys = list(queryset.order_by().values_list("pk", kind.date_field).distinct())
        kind_counts[kind.param] = len(keys)
        if not invalid and selected_kind in ("", kind.param):
            rows.extend((date, pk, kind.param) for pk, date in keys)
    rows.sort(key=lambda row: (row[0] is not None, str(row[0] or "")), reverse=True)

    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    wanted = {}
    for _date, pk, param in page.object_list:
        wanted.setdefault(param, []).append(pk)
    fetched = {}
    for param, pks in wanted.items():
        model = KINDS_BY_PARAM[param].model
        related = ["image"] if param != "deelnemer" else ["logo"]
        for obj in model.objects.filter(pk__in=pks).select_related(*related):
            fetched[(param, obj.pk)] = obj
    items = [
        {"kind": KINDS_BY_PARAM[param], "page": fetched[(param, pk)]}
        for _date, pk, param in page.object_list
        if (param, pk) in fetched
    ]
    return {
        "items": items,
        "results": page,
        "page_range": list(
            page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
        ),
        "kinds": [(kind, kind_counts[kind.param]) for kind in KINDS],
        "streams": streams,
        "selected_kind": selected_kind,
        "selected_stream": selected_stream,
        "invalid_filter": invalid,
        "filter_query": "&".join(
            f"{name}={value}"
            for name, value in (("soort", selected_kind), ("stroom", selected_stream))
            if value and not invalid
        ),
    }


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
                counts[row["key"]][kind.param] = row["n"]
    overview = [
        {
            "theme": theme,
            "counts": [(kind, counts[theme.translation_key].get(kind.param, 0)) for kind in KINDS],
            "total": sum(counts[theme.translation_key].values()),
        }
        for theme in themes
    ]
    return render(request, "movement/theme_index.html", {"overview": overview})


def theme_detail(request, slug):
    locale = Locale.get_active()
    theme = Theme.objects.filter(locale=locale, slug=slug).select_related("locale", "image").first()
    if theme is None:
        raise Http404(_("Dit thema bestaat niet."))
    context = tagged_items(
        request, locale, lambda qs, kind: qs.filter(themes__translation_key=theme.translation_key)
    )
    context.update({"theme": theme, "alternate_urls": theme_translation_urls(theme)})
    return render(request, "movement/theme_detail.html", context)


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
    locale = Locale.get_active()
    keyword = Tag.objects.filter(slug=slug).first()
    if keyword is None:
        raise Http404(_("Dit trefwoord bestaat niet."))
    context = tagged_items(request, locale, lambda qs, kind: qs.filter(keywords__slug=keyword.slug))
    context["keyword"] = keyword
    return render(request, "movement/keyword_detail.html", context)

"""The facets of the site's listings that filter on streams, themes, provinces and dates.

Built on movement.listing (the one listing engine). Nothing here imports the page models, so
streams/models.py and events/ can use these without an import circle: callers pass the streams,
choices and querysets in.
"""

from django.db.models.functions import ExtractYear, Substr
from django.utils.translation import gettext_lazy as _

from movement import pagecache
from movement.kinds import Kind, register
from movement.listing import Facet, Listing
from movement.models import Theme


def stream_facet_by_path(streams):
    """Stroom for pages that sit under a stream (articles): their path starts with its path."""
    path_length = len(streams[0].path) if streams else 0
    return Facet(
        "stroom",
        _("Stroom"),
        [(stream.slug, stream.title, stream.path) for stream in streams],
        lookup="stream_path",
        annotate={"stream_path": Substr("path", 1, path_length)},
        all_label=_("Alle stromen"),
    )


def stream_facet_by_link(streams):
    """Stroom for pages linked to streams (participants, meet-ups)."""
    return Facet(
        "stroom",
        _("Stroom"),
        [(stream.slug, stream.title, stream.translation_key) for stream in streams],
        lookup="streams__translation_key",
        all_label=_("Alle stromen"),
    )


def theme_facet(themes):
    return Facet(
        "thema",
        _("Thema"),
        [(theme.slug, theme.name, theme.translation_key) for theme in themes],
        lookup="themes__translation_key",
        all_label=_("Alle thema's"),
    )


def themes_in(locale):
    """The themes of one language, for filters (kept under the content generation: themes are
    a watched model)."""
    return pagecache.cached(
        "themes-in",
        lambda: list(Theme.objects.filter(locale=locale).only("name", "slug", "translation_key")),
        locale.pk,
    )


def choice_facet(param, label, choices, lookup, all_label=None):
    """A facet on a field with fixed choices: [(value, label)]."""
    return Facet(
        param,
        label,
        [(value, choice_label, value) for value, choice_label in choices],
        lookup=lookup,
        all_label=all_label,
    )


def province_facet(provinces):
    return choice_facet(
        "provincie", _("Provincie"), provinces, "province", all_label=_("Alle provincies")
    )


def year_facet(years):
    return Facet(
        "jaar",
        _("Jaar"),
        [(str(year), str(year), year) for year in years],
        lookup="year",
        annotate={"year": ExtractYear("date")},
    )


def article_years(queryset):
    years = queryset.annotate(year=ExtractYear("date")).order_by().values_list("year", flat=True)
    return sorted(set(years.distinct()), reverse=True)


def article_listing(params, articles, *, streams, kinds, locale):
    """Articles by stream, kind (news, report, ...), theme and year. `articles` are all published
    articles in `locale`: their years and counts change only with content (pagecache.cached)."""
    years = pagecache.cached("article-years", lambda: article_years(articles), locale.pk)
    facets = [
        stream_facet_by_path(streams),
        choice_facet("soort", _("Soort"), kinds, "kind", all_label=_("Alle soorten")),
        theme_facet(themes_in(locale)),
        year_facet(years),
    ]
    return Listing(params, articles, facets, cache_as=("articles", locale.pk))


def participant_listing(params, participants, *, streams, provinces, locale):
    """Participants by stream and province. `participants` are all published participants in
    `locale`: their counts change only with content (pagecache.cached)."""
    facets = [stream_facet_by_link(streams), province_facet(provinces)]
    return Listing(params, participants, facets, per_page=24, cache_as=("participants", locale.pk))


def register_kinds():
    """Articles, participants and streams in the one kinds registry (from StreamsConfig.ready)."""
    register(
        Kind(
            "artikel",
            _("Artikel"),
            _("Artikelen"),
            "streams.ArticlePage",
            date_field="date",
            order=10,
            aliases=("article",),
        )
    )
    register(
        Kind(
            "deelnemer",
            _("Deelnemer"),
            _("Deelnemers"),
            "streams.ParticipantPage",
            stream_field="streams",
            order=30,
            aliases=("participant",),
        )
    )
    register(
        Kind(
            "stroom",
            _("Stroom"),
            _("Stromen"),
            "streams.StreamPage",
            order=40,
            aliases=("stream",),
            is_stream=True,
        )
    )

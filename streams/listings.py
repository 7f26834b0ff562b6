"""The facets of the article and participant listings."""

from django.db.models.functions import ExtractYear, Substr
from django.utils.translation import gettext_lazy as _

from movement.listing import Facet
from movement.models import Theme
from streams.models import PROVINCES, ArticlePage


def streams_in(locale):
    from streams.models import StreamPage

    return list(StreamPage.objects.live().public().filter(locale=locale).order_by("path"))


def article_stream_facet(streams):
    # An article belongs to the stream it sits under: its path starts with the stream's path.
    path_length = len(streams[0].path) if streams else 0
    return Facet(
        param="stroom",
        label=_("Stroom"),
        lookup="stream_path",
        annotate={"stream_path": Substr("path", 1, path_length)},
        choices=[(stream.slug, stream.title, stream.path) for stream in streams],
    )


def kind_facet():
    return Facet(
        param="soort",
        label=_("Soort"),
        lookup="kind",
        choices=[(value, label, value) for value, label in ArticlePage.Kind.choices],
    )


def year_facet(years):
    return Facet(
        param="jaar",
        label=_("Jaar"),
        lookup="year",
        annotate={"year": ExtractYear("date")},
        choices=[(str(year), str(year), year) for year in years],
    )


def theme_facet(locale):
    themes = Theme.objects.filter(locale=locale)
    return Facet(
        param="thema",
        label=_("Thema"),
        lookup="themes__translation_key",
        choices=[(theme.slug, theme.name, theme.translation_key) for theme in themes],
    )


def participant_stream_facet(streams):
    return Facet(
        param="stroom",
        label=_("Stroom"),
        lookup="streams__translation_key",
        choices=[(stream.slug, stream.title, stream.translation_key) for stream in streams],
    )


def province_facet():
    return Facet(
        param="provincie",
        label=_("Provincie"),
        lookup="province",
        choices=[(value, label, value) for value, label in PROVINCES],
    )


def article_years(queryset):
    years = queryset.annotate(year=ExtractYear("date")).order_by().values_list("year", flat=True)
    return sorted(set(years), reverse=True)

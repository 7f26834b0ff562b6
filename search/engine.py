"""Site search: one full-text search, then filters and counts over its matches.

The search backend ranks the matching pages of the active language (live and public only);
editors' promotions for the query go first. Kind, stream and theme of every match are looked up
with a fixed number of queries, so the filters and their counts are exact and the number of
queries does not grow with the number of matches.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db.models import ManyToManyField
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale, Page
from wagtail.search.utils import normalise_query_string

from events.models import MeetupPage
from movement.blocks import plain_text_of
from movement.models import Theme
from search.backend import distinct_forms, search_backend_for
from search.query import backend_query, terms_of
from streams.models import ArticlePage, ParticipantPage, StreamPage

RESULTS_PER_PAGE = 10
EXCERPT_LENGTH = 220

# (value in the URL, model or None for "everything else", label of the filter)
KINDS = [
    ("article", ArticlePage, _("Artikelen")),
    ("meetup", MeetupPage, _("Meet-ups")),
    ("participant", ParticipantPage, _("Deelnemers")),
    ("stream", StreamPage, _("Stromen")),
    ("page", None, _("Overige pagina's")),
]
FILTER_NAMES = ("kind", "stream", "theme")


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class Facet:
    name: str
    label: str
    options: list
    all_url: str
    any_selected: bool


@dataclass
class Result:
    page: Page
    kind: str
    kind_label: str
    streams: list = field(default_factory=list)
    excerpt: list = field(default_factory=list)
    promoted: bool = False


@dataclass
class _Match:
    pk: int
    kind: str
    streams: set = field(default_factory=set)
    themes: set = field(default_factory=set)


def _m2m_field(model, name):
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return found if isinstance(found, ManyToManyField) else None


def excerpt(text, terms, length=EXCERPT_LENGTH):
    """A short piece of text around the first searched word, as (text, is_match) parts."""
    text = " ".join(text.split())
    if not text:
        return []
    # A term matches a word that starts like it (stemming: "gemeenschap" in "gemeenschappen").
    roots = [re.escape(term[: max(4, len(term) - 2)]) for term in terms if len(term) > 1]
    pattern = re.compile(r"\b(?:" + "|".join(roots) + r")\w*", re.IGNORECASE) if roots else None
    start = 0
    first = pattern.search(text) if pattern else None
    if first and first.start() > length // 3:
        start = text.rfind(" ", 0, first.start() - length // 3) + 1
    end = start + length
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    piece = ("… " if start else "") + text[start:end].strip() + (" …" if end < len(text) else "")
    if not pattern:
        return [(piece, False)]
    parts, position = [], 0
    for match in pattern.finditer(piece):
        if match.start() > position:
            parts.append((piece[position : match.start()], False))
        parts.append((match.group(), True))
        position = match.end()
    if position < len(piece):
        parts.append((piece[position:], False))
    return parts


def text_of(page):
    """The readable text of a page for its excerpt: its summary, then its body."""
    texts = []
    for name in ("search_description", "summary", "intro", "description", "hero_text"):
        value = getattr(page, name, "")
        if isinstance(value, str) and value.strip():
            texts.append(value)
            break
    for name in ("body", "programme", "intro"):
        value = getattr(page, name, None)
        if value is not None and hasattr(value, "stream_block"):
            texts.append(plain_text_of(value))
            break
    return " ".join(texts)


class SiteSearch:
    def __init__(self, query, filters=None, locale=None):
        self.query = query
        self.locale = locale or Locale.get_active()
        self.language = self.locale.language_code
        self.terms = terms_of(query)
        self.filters = {name: (filters or {}).get(name, "") for name in FILTER_NAMES}
        self.streams = list(
            StreamPage.objects.live().public().filter(locale=self.locale).order_by("path")
        )
        self.themes = list(Theme.objects.filter(locale=self.locale))
        self._kind_of_content_type = {
            ContentType.objects.get_for_model(model).pk: value
            for value, model, _label in KINDS
            if model is not None
        }
        self.selected = self._selected_filters()
        self.matches = []
        self.promoted_pks = set()
        self.promotion_descriptions = {}
        self.external_promotions = []

    # Filters --------------------------------------------------------------------------------

    def _selected_filters(self):
        """Filter values that exist; unknown ones are ignored rather than finding nothing."""
        kinds = {value for value, _model, _label in KINDS}
        streams = {stream.slug: stream.translation_key for stream in self.streams}
        themes = {theme.slug: theme.translation_key for theme in self.themes}
        return {
            "kind": self.filters["kind"] if self.filters["kind"] in kinds else None,
            "stream": streams.get(self.filters["stream"]),
            "theme": themes.get(self.filters["theme"]),
        }

    def _passes(self, match, skip=None):
        kind, stream, theme = (self.selected[name] for name in FILTER_NAMES)
        return (
            (skip == "kind" or kind is None or match.kind == kind)
            and (skip == "stream" or stream is None or stream in match.streams)
            and (skip == "theme" or theme is None or theme in match.themes)
        )

    def url(self, page=None, **changes):
        params = {"q": self.query}
        for name in FILTER_NAMES:
            if self.selected[name] is not None:
                params[name] = self.filters[name]
        params.update(changes)
        if page and page > 1:
            params["page"] = page
        return "?" + urlencode({key: value for key, value in params.items() if value})

    def facets(self):
        def facet(name, label, choices):
            counts = {}
            for match in self.matches:
                if self._passes(match, skip=name):
                    for value in self._values_of(match, name):
                        counts[value] = counts.get(value, 0) + 1
            options = []
            for value, key, option_label in choices:
                selected = self.selected[name] is not None and self.selected[name] == key
                count = counts.get(key, 0)
                if count or selected:
                    options.append(
                        Option(value, option_label, count, selected, self.url(**{name: value}))
                    )
            return Facet(
                name,
                label,
                options,
                self.url(**{name: ""}),
                self.selected[name] is not None,
            )

        return [
            facet("kind", _("Soort"), [(value, value, label) for value, _m, label in KINDS]),
            facet(
                "stream",
                _("Stroom"),
                [(s.slug, s.translation_key, s.title) for s in self.streams],
            ),
            facet(
                "theme",
                _("Thema"),
                [(t.slug, t.translation_key, t.name) for t in self.themes],
            ),
        ]

    @staticmethod
    def _values_of(match, name):
        if name == "kind":
            return [match.kind]
        return match.streams if name == "stream" else match.themes

    # Searching ------------------------------------------------------------------------------

    def base_queryset(self):
        """Every page a visitor may see in this language (not the tree's root)."""
        return Page.objects.live().public().filter(locale=self.locale, depth__gt=1)

    def run(self):
        if not self.terms and not self.query:
            return self
        ranked = []
        backend = search_backend_for(self.language)
        search_query = backend_query(self.query, self.language, distinct_forms(backend))
        if search_query is not None:
            results = backend.search(search_query, self.base_queryset())
            # Only what the filters need, in the backend's order (not whole pages, nor the
            # text search vectors PostgreSQL's backend adds to each row).
            ranked = list(results.get_queryset().values_list("pk", "content_type", "path"))
        promoted = self._promoted()
        self.promoted_pks = {pk for pk, _ct, _path in promoted}
        rows = promoted + [row for row in ranked if row[0] not in self.promoted_pks]
        self.matches = self._describe(rows)
        return self

    def record_hit(self):
        """Count the query for the admin's search-terms report."""
        if self.query:
            Query.get(self.query).add_hit()

    def _promoted(self):
        """Pages editors promoted for this query, in their order, in this language."""
        normalised = normalise_query_string(self.query)
        if not normalised:
            return []
        promotions = list(
            SearchPromotion.objects.filter(query__query_string=normalised)
            .select_related("page")
            .order_by("sort_order", "pk")
        )
        self.external_promotions = [p for p in promotions if not p.page and p.external_link_url]
        keys = [p.page.translation_key for p in promotions if p.page]
        self.promotion_descriptions = {
            p.page.translation_key: p.description for p in promotions if p.page
        }
        rows = {
            key: (pk, ct, path)
            for pk, ct, path, key in self.base_queryset()
            .filter(translation_key__in=keys)
            .values_list("pk", "content_type", "path", "translation_key")
        }
        return [rows[key] for key in dict.fromkeys(keys) if key in rows]

    def _describe(self, rows):
        """Kind, streams and themes of every match, in a fixed number of queries."""
        matches = []
        by_model = {}
        stream_by_path = {stream.path: stream.translation_key for stream in self.streams}
        for pk, content_type_id, path in rows:
            match = _Match(pk, self._kind_of_content_type.get(content_type_id, "page"))
            # A page under a stream (an article) belongs to it; a stream belongs to itself.
            for depth in range(len(path), 0, -Page.steplen):
                if path[:depth] in stream_by_path:
                    match.streams.add(stream_by_path[path[:depth]])
            matches.append(match)
            by_model.setdefault(content_type_id, []).append(match)
        for content_type_id, group in by_model.items():
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if model is None:
                continue
            lookup = {match.pk: match for match in group}
            for name, attribute in (("streams", "streams"), ("themes", "themes")):
                if _m2m_field(model, name) is None:
                    continue
                pairs = model.objects.filter(pk__in=lookup).values_list(
                    "pk", f"{name}__translation_key"
                )
                for pk, key in pairs:
                    if key is not None:
                        getattr(lookup[pk], attribute).add(key)
        return matches

    # Results --------------------------------------------------------------------------------

    def filtered(self):
        return [match for match in self.matches if self._passes(match)]

    def paginate(self, number):
        paginator = Paginator(self.filtered(), RESULTS_PER_PAGE)
        page_obj = paginator.get_page(number)
        page_obj.object_list = self._results(list(page_obj.object_list))
        return paginator, page_obj

    def _results(self, matches):
        pages = Page.objects.filter(pk__in=[m.pk for m in matches]).specific()
        pages = {page.pk: page for page in pages}
        streams = {stream.translation_key: stream for stream in self.streams}
        results = []
        for match in matches:
            page = pages.get(match.pk)
            if page is None:
                continue
            results.append(
                Result(
                    page=page,
                    kind=match.kind,
                    kind_label=capfirst(page._meta.verbose_name),
                    streams=[
                        streams[key]
                        for key in streams
                        if key in match.streams and match.kind != "stream"
                    ],
                    excerpt=excerpt(self.promotion_description(page) or text_of(page), self.terms),
                    promoted=match.pk in self.promoted_pks,
                )
            )
        return results

    def promotion_description(self, page):
        if page.pk in self.promoted_pks:
            return self.promotion_descriptions.get(page.translation_key, "")
        return ""

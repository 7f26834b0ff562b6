"""Site search: one full-text search, then filters and counts over its matches, all in SQL.

The search backend finds the matching pages of the active language (live and public only);
editors' promotions for the query go first. The filters (soort, stroom, thema) and their counts
come from the one listing engine (movement.listing) as aggregates over the matching set; only
the page of results shown is ranked out of the database (LIMIT) and fetched whole. The number of
queries and the rows Python sees do not grow with the number of matches.
"""

import re
from dataclasses import dataclass, field

from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale, Page
from wagtail.search.utils import normalise_query_string

from movement.blocks import plain_text_of
from movement.kinds import registry
from movement.listing import NEVER, Facet, Listing
from movement.models import Theme
from movement.themes import kind_facet, stream_facet, streams_in
from search.backend import distinct_forms, search_backend_for
from search.query import backend_query, terms_of

RESULTS_PER_PAGE = 10
EXCERPT_LENGTH = 220
OTHER_KIND = "overig"  # pages of no registered kind (home, about, index pages)
FILTER_NAMES = ("soort", "stroom", "thema")
# Values of the old ?kind= parameter -> the kinds' slugs (movement.listing.redirect_old_names).
OLD_KIND_VALUES = {"page": OTHER_KIND}


def old_value_aliases():
    return {"soort": {**registry.aliases(), **OLD_KIND_VALUES}}


@dataclass
class Result:
    page: Page
    kind: str
    kind_label: str
    streams: list = field(default_factory=list)
    excerpt: list = field(default_factory=list)
    promoted: bool = False


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


class Ranked:
    """The promoted pages, then the ranked matches, as a sequence Django's Paginator can page
    through: slicing it asks the database for just that slice of the ranking (LIMIT/OFFSET)."""

    def __init__(self, promoted, ranked, total=None):
        self.promoted = promoted  # pks, in the editors' order
        self.ranked = ranked  # a queryset of pks, best first, without the promoted ones
        self.total = total  # when known (counted with the facets), no query to count

    def count(self):
        if self.total is not None:
            return self.total
        return len(self.promoted) + (self.ranked.count() if self.ranked is not None else 0)

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        start, stop = key.start or 0, key.stop
        pks = self.promoted[start:stop]
        if self.ranked is not None and (stop is None or stop > len(self.promoted)):
            offset = max(0, start - len(self.promoted))
            end = None if stop is None else stop - len(self.promoted)
            pks += list(self.ranked[offset:end])
        return pks


def theme_facet(themes):
    """Thema over pages of every kind: a page's themes, whichever kind's table holds them."""
    with_themes = [kind for kind in registry if kind.has_field("themes")]
    keys = [F(f"{kind.relation}__themes__translation_key") for kind in with_themes]
    return Facet(
        "thema",
        _("Thema"),
        [(theme.slug, theme.name, theme.translation_key) for theme in themes],
        lookup="theme_key",
        annotate={"theme_key": Coalesce(*keys) if len(keys) > 1 else keys[0]} if keys else {},
        all_label=_("Alle thema's"),
        hide_empty=True,
    )


class SiteSearch:
    def __init__(self, query, params=None, locale=None):
        self.query = query
        self.params = params if params is not None else {}
        self.locale = locale or Locale.get_active()
        self.language = self.locale.language_code
        self.terms = terms_of(query)
        self.streams = streams_in(self.locale)
        self.themes = list(Theme.objects.filter(locale=self.locale))
        self.kinds = {kind.content_type.pk: kind for kind in registry}
        self.listing = None
        self.promoted_pks = []
        self.promotion_descriptions = {}
        self.external_promotions = []

    def facets(self):
        other = ~Q(content_type__in=list(self.kinds))
        soort = kind_facet(registry, extra=[(OTHER_KIND, _("Overige pagina's"), other)])
        stroom = stream_facet(self.streams)
        for facet in (soort, stroom):
            facet.hide_empty = True
        return [soort, stroom, theme_facet(self.themes)]

    @property
    def selected(self):
        return self.listing.selection() if self.listing else {}

    # Searching ------------------------------------------------------------------------------

    def base_queryset(self):
        """Every page a visitor may see in this language (not the tree's root)."""
        return Page.objects.live().public().filter(locale=self.locale, depth__gt=1)

    def run(self):
        if not self.terms and not self.query:
            return self
        base = self.base_queryset()
        ranked = None
        backend = search_backend_for(self.language)
        search_query = backend_query(self.query, self.language, distinct_forms(backend))
        matching = NEVER
        if search_query is not None:
            # The backend's ranking as a queryset: best first, not yet evaluated.
            ranked = backend.search(search_query, base).get_queryset()
            matching = Q(pk__in=ranked.order_by().values("pk"))
        self.promoted_pks = self._promoted()
        if self.promoted_pks:
            matching |= Q(pk__in=self.promoted_pks)
        if ranked is not None and not self.promoted_pks:
            # The matches themselves (the text match in this query's WHERE, not a subquery):
            # the planner then starts from the matching rows and joins only what they need.
            matches = ranked.order_by()
        else:
            matches = base.filter(matching)
        self.listing = Listing(
            self.params,
            matches,
            self.facets(),
            per_page=RESULTS_PER_PAGE,
            fixed={"q": self.query},
            ignore_invalid=True,
        )
        promoted = self.promoted_pks
        if self.listing.active and promoted:
            kept = set(self.listing.results.filter(pk__in=promoted).values_list("pk", flat=True))
            promoted = [pk for pk in promoted if pk in kept]
        if ranked is not None:
            # The filters narrow the ranked query itself (no second text match in a subquery).
            for facet in self.listing.facets:
                ranked = facet.apply(ranked)
            if self.promoted_pks:
                ranked = ranked.exclude(pk__in=self.promoted_pks)
            ranked = ranked.values_list("pk", flat=True)
        self.listing.objects = Ranked(promoted, ranked)
        return self

    def record_hit(self):
        """Count the query for the admin's search-terms report."""
        if self.query:
            Query.get(self.query).add_hit()

    def _promoted(self):
        """Pks of the pages editors promoted for this query, in their order, in this language."""
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
        if not keys:
            return []
        self.promotion_descriptions = {
            p.page.translation_key: p.description for p in promotions if p.page
        }
        rows = dict(
            self.base_queryset()
            .filter(translation_key__in=keys)
            .values_list("translation_key", "pk")
        )
        return [rows[key] for key in dict.fromkeys(keys) if key in rows]

    # Results --------------------------------------------------------------------------------

    def paginate(self):
        """Facet counts and the page of results asked for (?pagina=)."""
        self.listing.count_facets()
        self.listing.objects.total = self.listing.total
        page_obj = self.listing.page
        page_obj.object_list = self._results(list(page_obj.object_list))
        return page_obj.paginator, page_obj

    def _streams_of(self, pages):
        """{pk: stream translation keys} for the pages shown: under a stream, or linked to one."""
        found = {page.pk: set() for page in pages}
        for page in pages:
            for stream in self.streams:
                if page.path.startswith(stream.path):
                    found[page.pk].add(stream.translation_key)
        for kind in registry:
            if not kind.stream_field:
                continue
            pks = [page.pk for page in pages if page.content_type_id == kind.content_type.pk]
            if pks:
                pairs = kind.model.objects.filter(pk__in=pks).values_list(
                    "pk", f"{kind.stream_field}__translation_key"
                )
                for pk, key in pairs:
                    if key is not None:
                        found[pk].add(key)
        return found

    def _results(self, pks):
        pages = Page.objects.filter(pk__in=pks).specific()  # bodies too: the excerpts need them
        pages = {page.pk: page for page in pages}
        shown = [pages[pk] for pk in pks if pk in pages]
        streams_of = self._streams_of(shown)
        promoted = set(self.promoted_pks)
        results = []
        for page in shown:
            kind = self.kinds.get(page.content_type_id)
            results.append(
                Result(
                    page=page,
                    kind=kind.slug if kind else OTHER_KIND,
                    kind_label=capfirst(page._meta.verbose_name),
                    streams=[
                        stream
                        for stream in self.streams
                        if stream.translation_key in streams_of[page.pk]
                        and not (kind and kind.is_stream)
                    ],
                    excerpt=excerpt(self.promotion_description(page) or text_of(page), self.terms),
                    promoted=page.pk in promoted,
                )
            )
        return results

    def promotion_description(self, page):
        if page.pk in self.promoted_pks:
            return self.promotion_descriptions.get(page.translation_key, "")
        return ""

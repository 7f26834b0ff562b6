"""Site search: one full-text search, then filters and counts over its matches.

The search backend finds the matching pages of the active language (live and public only),
best first, in one query that returns their ids; editors' promotions for the query go first.
The filters (soort, stroom, thema) are those of the one listing engine (movement.listing), but
they are counted here without another query: which pages each option selects is kept, per
language, as a set of bits over the pages a visitor may see (``OptionSets``), built in one query
and kept under the content generation (``pagecache.cached``: publishing, moving or unpublishing
a page, a view restriction or saving a theme changes it). Counting an option is then
intersecting its set with the matches and counting bits; the results' kinds and streams come
from the same sets, and the ranking needs no join to the pages. Only the page of results shown
is fetched whole, one query per kind among it.
"""

import re
import uuid
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, F, Q
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import Locale, Page
from wagtail.search.utils import normalise_query_string

from movement import pagecache
from movement.blocks import plain_text_of
from movement.kinds import registry
from movement.listing import Facet, Listing, Option
from movement.models import Theme
from movement.themes import kind_facet, stream_facet, streams_in
from search.backend import distinct_forms, ranked_pks, search_backend_for
from search.query import backend_query, terms_of

RESULTS_PER_PAGE = 10
EXCERPT_LENGTH = 220
OTHER_KIND = "overig"  # pages of no registered kind (home, about, index pages)
FILTER_NAMES = ("soort", "stroom", "thema")
# Values of the old ?kind= parameter -> the kinds' slugs (movement.listing.redirect_old_names).
OLD_KIND_VALUES = {"page": OTHER_KIND}


def old_value_aliases():
    return {"soort": {**registry.aliases(), **OLD_KIND_VALUES}}


@dataclass(frozen=True)
class Card:
    """What a result shows of its page, whatever was searched for: kept per page, language and
    site under the content generation, so a page of results reads no page and parses no body
    once its pages have been shown before."""

    pk: int
    translation_key: uuid.UUID
    title: str
    url: str
    kind: str
    kind_label: str
    streams: tuple  # StreamRef: under it, or linked to it
    meta: str  # the line under the title (safe HTML): date, place, streams
    text: str  # its readable text, for the excerpt


@dataclass
class Result:
    pk: int
    title: str
    url: str
    kind: str
    kind_label: str
    meta: str
    streams: tuple = ()
    excerpt: list = field(default_factory=list)
    promoted: bool = False


@dataclass(frozen=True)
class StreamRef:
    """What search needs of a stream: its place in the tree, its key and names."""

    pk: int
    path: str
    translation_key: uuid.UUID
    slug: str
    title: str


@dataclass(frozen=True)
class ThemeRef:
    slug: str
    name: str
    translation_key: uuid.UUID


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


class OptionSets:
    """Which of the pages a visitor may see in a language each filter option selects, as sets of
    bits (bit i for the page at position i among them): intersected and counted without a query.
    Positions, not pks, so the sets grow with the pages there are, not with their ids."""

    def __init__(self, pks, selected):
        """`pks`: every page a visitor may see in the language; `selected`: {option: its pks}."""
        self.position = {pk: number for number, pk in enumerate(sorted(set(pks)))}
        self.options = {name: self.bits(option_pks) for name, option_pks in selected.items()}

    def bits(self, pks):
        """The pages `pks` (those among the visible pages) as bits."""
        table = bytearray((len(self.position) >> 3) + 1)
        position = self.position
        for pk in pks:
            number = position.get(pk)
            if number is not None:
                table[number >> 3] |= 1 << (number & 7)
        return int.from_bytes(table, "little")

    def keep(self, bits, pks):
        """The pks of `pks` (in their order) whose bit is set in `bits`."""
        table = bits.to_bytes((len(self.position) >> 3) + 1, "little")
        position = self.position
        kept = []
        for pk in pks:
            number = position.get(pk)
            if number is not None and table[number >> 3] >> (number & 7) & 1:
                kept.append(pk)
        return kept

    def __getitem__(self, name):
        return self.options[name]


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
    def __init__(self, query, params=None, locale=None, site=None):
        self.query = query
        self.site = site  # where the results' links lead from (relative there)
        self.params = params if params is not None else {}
        self.locale = locale or Locale.get_active()
        self.language = self.locale.language_code
        self.terms = terms_of(query)
        self.kinds = {kind.content_type.pk: kind for kind in registry}
        setup = pagecache.cached("search-setup", self._build_setup, self.locale.pk)
        self.streams, self.themes, self.option_sets = setup
        self.listing = None
        self.ranked_pks = []  # every match but the promoted ones, best first
        self.promoted_pks = []
        self.promotion_descriptions = {}
        self.external_promotions = []

    def _build_setup(self):
        """(streams, themes, option sets) of this language, kept under the content generation:
        only publishing, moving or unpublishing pages, or saving a theme, changes them."""
        streams = [
            StreamRef(s.pk, s.path, s.translation_key, s.slug, s.title)
            for s in streams_in(self.locale)
        ]
        themes = [
            ThemeRef(t.slug, t.name, t.translation_key)
            for t in Theme.objects.filter(locale=self.locale)
        ]
        return streams, themes, self._build_option_sets(self.facets(streams, themes))

    def facets(self, streams=None, themes=None):
        other = ~Q(content_type__in=list(self.kinds))
        soort = kind_facet(registry, extra=[(OTHER_KIND, _("Overige pagina's"), other)])
        stroom = stream_facet(self.streams if streams is None else streams)
        for facet in (soort, stroom):
            facet.hide_empty = True
        return [soort, stroom, theme_facet(self.themes if themes is None else themes)]

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
        backend = search_backend_for(self.language)
        search_query = backend_query(self.query, self.language, distinct_forms(backend))
        self.promoted_pks = self._promoted()
        if search_query is not None:
            # Every match, best first, as ids: one query, ranked in the database.
            promoted = set(self.promoted_pks)
            # The option sets hold exactly `base`'s pages: the ranking needs no join to them.
            ranked = ranked_pks(backend, search_query, base, among=self.option_sets.position)
            self.ranked_pks = [pk for pk in ranked if pk not in promoted]
        self.listing = Listing(
            self.params,
            # No queryset: the matches are counted and ordered here (`count`), not by the listing.
            base.none(),
            self.facets(),
            per_page=RESULTS_PER_PAGE,
            fixed={"q": self.query},
            ignore_invalid=True,
        )
        return self

    def _build_option_sets(self, facets):
        """`OptionSets` of the pages a visitor may see in this language (``base_queryset``)
        for every option of `facets` (named "<param>_<n>"), in one query (see the module's
        docstring). View restrictions are watched: a change makes new sets."""
        annotations, flags = {}, {}
        for facet in facets:
            annotations.update(facet.annotate)
            for number, (_value, _label, key) in enumerate(facet.choices):
                flags[f"{facet.param}_{number}"] = ExpressionWrapper(
                    facet.condition_for(key), output_field=BooleanField()
                )
        rows = list(
            self.base_queryset()
            .annotate(**annotations)
            .annotate(**flags)
            .order_by()
            .values_list("pk", *flags)
        )
        # A page's row repeats per theme: it is in an option's set if any of its rows is.
        members = {
            name: [row[0] for row in rows if row[column]]
            for column, name in enumerate(flags, start=1)
        }
        return OptionSets([row[0] for row in rows], members)

    def count(self):
        """Facet counts, the total and the ordered results (promoted, then ranked) for the
        selection: each facet counted with the other facets' selections applied, as the
        listing engine counts them."""
        listing = self.listing
        sets = self.option_sets
        matches = sets.bits(self.ranked_pks + self.promoted_pks)
        chosen = {}
        for facet in listing.facets:
            for number, (value, _label, _key) in enumerate(facet.choices):
                if facet.selected and value == facet.selected:
                    chosen[facet.param] = sets[f"{facet.param}_{number}"]
        results = matches
        for bits in chosen.values():
            results &= bits
        for facet in listing.facets:
            scope = matches
            for param, bits in chosen.items():
                if param != facet.param:
                    scope &= bits
            facet.options = [
                Option(
                    value,
                    label,
                    (scope & sets[f"{facet.param}_{number}"]).bit_count(),
                    value == facet.selected,
                    listing=listing,  # its link, built when asked
                    param=facet.param,
                )
                for number, (value, label, _key) in enumerate(facet.choices)
            ]
        listing.total = results.bit_count()
        if chosen:
            listing.objects = sets.keep(results, self.promoted_pks + self.ranked_pks)
        else:
            listing.objects = self.promoted_pks + self.ranked_pks
        return self

    def record_hit(self):
        """Count the query for the admin's search-terms report (Wagtail's Query and its daily
        hits) with upserts: one statement on PostgreSQL, two on SQLite (Wagtail's own
        ``Query.get(...).add_hit()`` takes three to six, with savepoints)."""
        if not self.query:
            return
        normalised = normalise_query_string(self.query)
        today = timezone.now().date()
        queries, hits = Query._meta.db_table, QueryDailyHits._meta.db_table
        count_today = (
            f"INSERT INTO {hits} (query_id, date, hits) SELECT id, %s, 1 FROM {{found}}"  # noqa: S608
            f" ON CONFLICT (query_id, date) DO UPDATE SET hits = {hits}.hits + 1"
        )
        # Table names come from the models; the values are parameters.
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # A count for a report is not worth waiting for the disk on every search: a
                # crash may lose the last moment's counts (set_config(..., true) holds for this
                # statement's own transaction only, where nothing else is written).
                cursor.execute(
                    f"""
                    WITH durability AS (SELECT set_config('synchronous_commit', 'off', true)),
                    new AS (
                        INSERT INTO {queries} (query_string) VALUES (%s)
                        ON CONFLICT (query_string) DO NOTHING RETURNING id
                    ), found AS (
                        SELECT id FROM new UNION ALL SELECT id FROM {queries}
                        WHERE query_string = %s LIMIT 1
                    )
                    """  # noqa: S608
                    + count_today.format(found="found, durability"),
                    [normalised, normalised, today],
                )
            else:  # SQLite (3.24+ upserts)
                cursor.execute(
                    f"INSERT INTO {queries} (query_string) VALUES (%s)"  # noqa: S608
                    " ON CONFLICT (query_string) DO NOTHING",
                    [normalised],
                )
                cursor.execute(
                    count_today.format(found=f"{queries} WHERE query_string = %s"),
                    [today.isoformat(), normalised],
                )

    def _promoted(self):
        """Pks of the pages editors promoted for this query, in their order, in this language."""
        normalised = normalise_query_string(self.query)
        if not normalised:
            return []
        # Kept under the content generation: saving or deleting a promotion changes it.
        promotions = pagecache.cached(
            "search-promotions",
            lambda: list(
                SearchPromotion.objects.filter(query__query_string=normalised)
                .select_related("page")
                .order_by("sort_order", "pk")
            ),
            normalised,
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
        self.count()
        page_obj = self.listing.page
        page_obj.object_list = self._results(list(page_obj.object_list))
        return page_obj.paginator, page_obj

    def _in_options(self, param, pks):
        """[(option value, the pks of `pks` that option selects)] for facet `param`."""
        facet = next(facet for facet in self.listing.facets if facet.param == param)
        return [
            (value, set(self.option_sets.keep(self.option_sets[f"{param}_{number}"], pks)))
            for number, (value, _label, _key) in enumerate(facet.choices)
        ]

    def _results(self, pks):
        """The results shown, in the order of `pks`, from their pages' kept cards."""
        site = self.site.pk if self.site else None
        cards = pagecache.cached_many("search-card", pks, self._cards, self.locale.pk, site)
        promoted = set(self.promoted_pks)
        return [
            Result(
                pk=card.pk,
                title=card.title,
                url=card.url,
                kind=card.kind,
                kind_label=card.kind_label,
                meta=card.meta,
                streams=card.streams,
                excerpt=excerpt(self.promotion_description(card) or card.text, self.terms),
                promoted=card.pk in promoted,
            )
            for card in (cards[pk] for pk in pks if pk in cards)
        ]

    def _cards(self, pks):
        """{pk: Card} of the pages `pks`, read whole (their bodies give the text): one query per
        kind among them. Their kind and streams come from the option sets, as the filters see
        them."""
        kinds = {kind.slug: kind for kind in registry}
        kind_of = {}
        for value, pks_of_kind in self._in_options("soort", pks):
            for pk in pks_of_kind:
                kind_of[pk] = kinds.get(value)  # None: other pages
        pages = {}
        for kind in {kind for kind in kind_of.values() if kind is not None}:
            of_kind = [pk for pk in pks if kind_of.get(pk) is kind]
            pages.update((page.pk, page) for page in kind.model.objects.filter(pk__in=of_kind))
        others = [pk for pk in pks if pk not in pages]
        if others:
            pages.update((page.pk, page) for page in Page.objects.filter(pk__in=others).specific())
        streams_of = {pk: set() for pk in pks}  # stream slugs: under it, or linked to it
        for value, pks_in_stream in self._in_options("stroom", pks):
            for pk in pks_in_stream:
                streams_of[pk].add(value)
        cards = {}
        for page in pages.values():
            kind = self.kinds.get(page.content_type_id)
            streams = tuple(
                stream
                for stream in self.streams
                if stream.slug in streams_of[page.pk] and not (kind and kind.is_stream)
            )
            slug = kind.slug if kind else OTHER_KIND
            label = str(capfirst(page._meta.verbose_name))  # in this language, not lazily
            cards[page.pk] = Card(
                pk=page.pk,
                translation_key=page.translation_key,
                title=page.title,
                url=page.get_url(current_site=self.site),
                kind=slug,
                kind_label=label,
                streams=streams,
                meta=render_to_string(
                    "search/includes/result_meta.html",
                    {"page": page, "kind": slug, "kind_label": label, "streams": streams},
                ),
                text=text_of(page),
            )
        return cards

    def promotion_description(self, card):
        if card.pk in self.promoted_pks:
            return self.promotion_descriptions.get(card.translation_key, "")
        return ""

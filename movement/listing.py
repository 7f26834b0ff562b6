"""Filtered, counted, paginated listings as plain GET URLs (shareable, no JS needed).

The one listing engine of the site: articles, participants, meet-ups, theme and keyword pages and
the search page's filters all use it. A listing has facets (stroom, soort, thema, ...). Each facet
reads one GET parameter, knows its options, narrows the queryset, and counts its options with
every *other* facet applied (conditional SQL aggregates: one query, plus one per selected
facet), so a count says what choosing that option would give.

One vocabulary, on both languages' pages: the Dutch names below. Old names (``?stream=``,
``?page=``, ...) answer with a permanent redirect to the same selection under the new names
(``redirect_old_names``), so shared links keep working.
"""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponsePermanentRedirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from movement import pagecache

PER_PAGE = 12
PAGE_PARAM = "pagina"
QUERY_PARAM = "q"
# Every parameter a listing reads, in the order its URLs write them.
PARAMS = ("q", "stroom", "soort", "thema", "provincie", "maand", "jaar", "vorm", "pagina")
# Names used by earlier versions of the site -> the names above.
OLD_NAMES = {
    "kind": "soort",
    "stream": "stroom",
    "theme": "thema",
    "province": "provincie",
    "month": "maand",
    "year": "jaar",
    "mode": "vorm",
    "page": "pagina",
}
NEVER = Q(pk__isnull=True)  # a condition no row meets


def renamed_query(params, value_aliases=None):
    """The query string under the current names, or None when no old name is in `params`.

    A current name wins over its old name; `value_aliases` ({name: {old value: value}}) renames
    values that came in under an old name (e.g. ``kind=article`` -> ``soort=artikel``)."""
    if not any(name in params for name in OLD_NAMES):
        return None
    value_aliases = value_aliases or {}
    pairs = []
    for name in params:
        new = OLD_NAMES.get(name)
        if new is None:
            pairs.extend((name, value) for value in params.getlist(name))
        elif new not in params:
            aliases = value_aliases.get(new, {})
            pairs.extend((new, aliases.get(value, value)) for value in params.getlist(name))
    return urlencode(pairs)


def redirect_old_names(request, value_aliases=None):
    """A permanent redirect to the same listing under the current parameter names, or None."""
    if request.method not in ("GET", "HEAD"):
        return None
    query = renamed_query(request.GET, value_aliases)
    if query is None:
        return None
    return HttpResponsePermanentRedirect(request.path + ("?" + query if query else ""))


class Option:
    def __init__(self, value, label, count=0, selected=False, url="", listing=None, param=None):
        self.value, self.label, self.count, self.selected = value, label, count, selected
        self._url, self._listing, self._param = url, listing, param

    @property
    def url(self):
        """The listing with this option chosen (built when asked: the form does not need it)."""
        if not self._url and self._listing is not None:
            self._url = self._listing.url(**{self._param: self.value})
        return self._url

    @url.setter
    def url(self, value):
        self._url = value

    def __repr__(self):
        return f"Option({self.value!r}, {self.label!r}, {self.count})"


class Facet:
    """One filter: a GET parameter and its options.

    `choices` are (value in the URL, label, key). An option selects the rows whose `lookup` (a
    field, or an annotation from `annotate`) equals its key, or, with `condition`, the rows that
    meet ``condition(key)`` (a Q) when an option is not one column's value.
    """

    def __init__(
        self,
        param,
        label,
        choices,
        *,
        lookup=None,
        annotate=None,
        condition=None,
        all_label=None,
        hide_empty=False,
        grouped=False,
    ):
        self.param = param
        self.label = label
        self.choices = list(choices)
        self.lookup = lookup
        self.annotate = annotate or {}
        self.condition_for = condition or (lambda key: Q(**{lookup: key}))
        self.all_label = all_label or _("Alle")
        self.hide_empty = hide_empty
        # Counted with its own GROUP BY on `lookup` (one query) rather than in the shared
        # aggregate: better for many options behind joins (themes across kinds in search).
        self.grouped = grouped
        self.options = []
        self.selected = ""
        self.invalid = False

    def read(self, params):
        raw = params.get(self.param, "")
        self.selected = raw if isinstance(raw, str) else ""
        self.invalid = bool(self.selected) and self.key() is None
        return self

    def key(self):
        for value, _label, key in self.choices:
            if value == self.selected:
                return key
        return None

    def condition(self):
        """The Q this facet's selection adds (None: no selection)."""
        if not self.selected:
            return None
        return NEVER if self.invalid else self.condition_for(self.key())

    def apply(self, queryset):
        if not self.selected:
            return queryset
        if self.invalid:
            return queryset.none()
        return queryset.annotate(**self.annotate).filter(self.condition())

    def set_counts(self, counts, listing=None):
        """`counts`: one number per choice, in the choices' order; `listing` makes the links."""
        self.options = [
            Option(value, label, count, value == self.selected, listing=listing, param=self.param)
            for (value, label, _key), count in zip(self.choices, counts, strict=True)
        ]

    def signature(self):
        """What the counts of this facet depend on besides the rows: its options and selection."""
        return (self.param, self.selected, tuple(value for value, _label, _key in self.choices))

    @property
    def visible_options(self):
        if not self.hide_empty:
            return self.options
        return [option for option in self.options if option.count or option.selected]

    @property
    def shown(self):
        return bool(self.visible_options) or bool(self.selected)


class Listing:
    """Facets over a queryset, read from GET parameters, with counts and one page of results.

    `fixed` are parameters every link of the listing keeps (the search words). `objects`, when
    given, is what gets paginated instead of the filtered queryset (the search page pages through
    its ranked matches, and sets `total` and the facets' options itself); `show()` sets it to the
    results' own rows, ordered and annotated for display, so the total counted with the facets is
    their count. `results`, the filtered queryset, is built only when asked.

    `cache_as` (parts that name the unfiltered queryset, e.g. ``("articles", locale.pk)``) keeps
    the counts under the content generation (``pagecache.cached``), per selection and options,
    and with ``show(objects, fetch=...)`` the order of the results too: then only the page shown
    is read, by `fetch`. Only for rows that change with content: a publish, unpublish, move or a
    watched model's save (not sign-ups, not time). `expires`, an aggregate such as
    ``Min("end")``, names the moment the rows may change on their own (a meet-up that ends leaves
    the upcoming list): kept counts and order are used only before it."""

    def __init__(
        self,
        params,
        queryset,
        facets,
        *,
        per_page=PER_PAGE,
        fixed=None,
        ignore_invalid=False,
        cache_as=None,
        expires=None,
    ):
        self.params = params
        self.fixed = {name: value for name, value in (fixed or {}).items() if value}
        self.facets = [facet.read(params) for facet in facets]
        if ignore_invalid:  # an unknown value filters nothing (rather than finding nothing)
            for facet in self.facets:
                if facet.invalid:
                    facet.selected, facet.invalid = "", False
        self.base = queryset
        self.per_page = per_page
        self.objects = None
        self.objects_are_results = False
        self.fetch, self.fields = None, ("pk",)
        self.cache_as = cache_as
        self.expires = expires
        self.total = None  # set by count_facets()
        self.order = None  # the kept order: `fields` of every result, in `objects`' order

    def show(self, objects, fetch=None, fields=("pk",)):
        """Page through `objects`: the results' rows, ordered and annotated for display.

        With `fetch` (and `cache_as`), the listing keeps `fields` of every row in this order
        with its counts, pages through those and reads the rows of the page shown with
        ``fetch(rows)`` (which returns them, in that order, as they are shown): a simple query
        by primary key instead of the filtered, ordered one."""
        self.objects = objects
        self.objects_are_results = True
        self.fetch, self.fields = fetch, fields
        return self

    @cached_property
    def results(self):
        """The queryset with every selection applied (built when first asked)."""
        return self.filtered()

    @property
    def keeps_order(self):
        return self.fetch is not None and self.cache_as is not None

    def filtered(self, skip=None):
        queryset = self.base
        for facet in self.facets:
            if facet is not skip:
                queryset = facet.apply(queryset)
        return queryset

    def count_facets(self):
        """Count the options of every facet, each with the other facets applied (see `counts`),
        from the cache when the listing says what it is (`cache_as`). A selection with an
        unknown value is counted every time: made-up values must not fill the cache."""
        if self.cache_as is None or self.invalid_filters:
            found = self.counts()
        else:
            found = pagecache.cached(
                "listing-counts",
                self.counts,
                *self.cache_as,
                *(facet.signature() for facet in self.facets),
                fresh=lambda found: found["until"] is None or timezone.now() < found["until"],
            )
        self.total = found["total"]
        self.order = found.get("order")
        for facet in self.facets:
            facet.set_counts(found["facets"][facet.param], listing=self)
        return self

    def counts(self):
        """{"total": n, "facets": {param: [count per choice]}, "until": when they may change}.

        Facets share queries by what they must be counted over: the unselected facets are all
        counted over the results (every selection applied) in one query, which also counts the
        results; each selected facet is counted over the results of the other selections. So:
        one query without a selection, one more per selected facet. Every option is a
        conditional COUNT(DISTINCT pk); a `grouped` facet uses one GROUP BY query instead."""
        selected = [facet for facet in self.facets if facet.selected]
        scopes = [(None, [facet for facet in self.facets if not facet.selected])]
        scopes += [(facet, [facet]) for facet in selected]
        found = {"total": 0, "facets": {f.param: [0] * len(f.choices) for f in self.facets}}
        untils = []
        for skip, facets in scopes:
            queryset = self.results if skip is None else self.filtered(skip=skip)
            annotations, aggregates = {}, {}
            if skip is None:
                aggregates["total"] = Count("pk", distinct=True)
            for facet in facets:
                if facet.grouped:
                    counts, until = self.grouped_counts(facet)
                    found["facets"][facet.param] = counts
                    untils.append(until)
                    continue
                annotations.update(facet.annotate)
                for number, (_value, _label, key) in enumerate(facet.choices):
                    aggregates[f"{facet.param}_{number}"] = Count(
                        "pk", filter=facet.condition_for(key), distinct=True
                    )
            if not aggregates:
                continue
            if self.expires is not None:
                aggregates["_until"] = self.expires
            row = queryset.annotate(**annotations).order_by().aggregate(**aggregates)
            untils.append(row.get("_until"))
            if skip is None:
                found["total"] = row["total"] or 0
            for facet in facets:
                if not facet.grouped:
                    found["facets"][facet.param] = [
                        row[f"{facet.param}_{number}"] or 0 for number in range(len(facet.choices))
                    ]
        untils = [until for until in untils if until is not None]
        found["until"] = min(untils, default=None)
        if self.keeps_order:  # the results' rows: valid as long as the counts are
            if len(self.fields) == 1:
                found["order"] = list(self.objects.values_list(self.fields[0], flat=True))
            else:
                found["order"] = list(self.objects.values_list(*self.fields))
        return found

    def grouped_counts(self, facet):
        """(count per choice, `expires` over the rows) with one GROUP BY query."""
        extra = {"_until": self.expires} if self.expires is not None else {}
        rows = (
            self.filtered(skip=facet)
            .annotate(**facet.annotate)
            .order_by()
            .values(facet.lookup)
            .annotate(n=Count("pk", distinct=True), **extra)
        )
        by_key, untils = {}, []
        for row in rows:
            by_key[row[facet.lookup]] = row["n"]
            if row.get("_until") is not None:
                untils.append(row["_until"])
        counts = [by_key.get(key, 0) for _value, _label, key in facet.choices]
        return counts, min(untils, default=None)

    @property
    def invalid_filters(self):
        return [facet for facet in self.facets if facet.invalid]

    @property
    def active(self):
        return any(facet.selected for facet in self.facets)

    def selection(self):
        return {facet.param: facet.selected for facet in self.facets if facet.selected}

    def url(self, page=None, **changes):
        """A link to this listing with `changes` to the selection (on its first page)."""
        params = {**self.fixed, **self.selection(), **changes}
        pairs = [(name, params[name]) for name in PARAMS if params.get(name)]
        pairs += [(name, value) for name, value in params.items() if value and name not in PARAMS]
        if page and page > 1:
            pairs.append((PAGE_PARAM, page))
        return "?" + urlencode(pairs)

    @property
    def clear_url(self):
        return self.url(**{facet.param: "" for facet in self.facets})

    @property
    def fixed_items(self):
        return list(self.fixed.items())

    @cached_property
    def page(self):
        objects = self.results if self.objects is None else self.objects
        if self.order is not None:
            objects = self.order
        paginator = Paginator(objects, self.per_page)
        if self.total is not None and (self.objects is None or self.objects_are_results):
            paginator.count = self.total  # counted with the facets: no COUNT query
        raw = self.params.get(PAGE_PARAM, "1")
        page = paginator.get_page(raw[:10] if isinstance(raw, str) else 1)
        if self.order is not None:
            page.object_list = self.fetch(list(page.object_list))
        return page

    def pagination(self):
        """Links to the other pages, keeping the selection; None when there is one page."""
        page = self.page
        paginator = page.paginator
        if paginator.num_pages < 2:
            return None
        numbers = paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
        return {
            "previous": self.url(page=page.number - 1) if page.has_previous() else None,
            "next": self.url(page=page.number + 1) if page.has_next() else None,
            "pages": [
                {
                    "number": number,
                    "url": None if number == paginator.ELLIPSIS else self.url(page=number),
                    "current": number == page.number,
                }
                for number in numbers
            ],
        }

    def context(self):
        self.count_facets()
        return {
            "listing": self,
            "facets": self.facets,
            "results": self.page,
            "pagination": self.pagination(),
        }

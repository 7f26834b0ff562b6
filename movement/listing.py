"""Filtered, counted, paginated listings as plain GET URLs (shareable, no JS needed).

A listing has facets (stream, kind, year, ...). Each facet reads one GET parameter, knows its
options with a count, and narrows the queryset. Counts for a facet are computed with every
*other* facet applied, so they say what choosing that option would give.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count

PER_PAGE = 12


@dataclass
class Option:
    value: str
    label: str
    count: int = 0
    selected: bool = False


@dataclass
class Facet:
    param: str
    label: str
    lookup: str  # the field (or annotation) to filter and count on
    choices: list  # [(value, label, lookup_value)]
    annotate: dict = field(default_factory=dict)
    options: list = field(default_factory=list)
    selected: str = ""
    invalid: bool = False

    def read(self, params):
        raw = params.get(self.param, "")
        self.selected = raw if isinstance(raw, str) else ""
        known = {value for value, _label, _lookup in self.choices}
        self.invalid = bool(self.selected) and self.selected not in known
        return self

    def lookup_value(self):
        for value, _label, lookup_value in self.choices:
            if value == self.selected:
                return lookup_value
        return None

    def apply(self, queryset):
        if not self.selected:
            return queryset
        if self.invalid:
            return queryset.none()
        return queryset.annotate(**self.annotate).filter(**{self.lookup: self.lookup_value()})

    def count(self, queryset):
        rows = (
            queryset.annotate(**self.annotate)
            .order_by()
            .values(self.lookup)
            .annotate(n=Count("pk", distinct=True))
        )
        counts = {row[self.lookup]: row["n"] for row in rows}
        self.options = [
            Option(value, label, counts.get(lookup_value, 0), value == self.selected)
            for value, label, lookup_value in self.choices
        ]


class Listing:
    def __init__(self, request, queryset, facets, per_page=PER_PAGE):
        self.request = request
        params = request.GET
        self.facets = [facet.read(params) for facet in facets]
        self.base = queryset
        filtered = queryset
        for facet in self.facets:
            filtered = facet.apply(filtered)
        self.results = filtered
        for facet in self.facets:
            others = queryset
            for other in self.facets:
                if other is not facet:
                    others = other.apply(others)
            facet.count(others)
        from django.core.paginator import Paginator

        self.paginator = Paginator(self.results, per_page)
        self.page = self.paginator.get_page(params.get("page"))

    @property
    def invalid_filters(self):
        return [facet for facet in self.facets if facet.invalid]

    @property
    def active(self):
        return any(facet.selected for facet in self.facets)

    def query_without_page(self):
        return urlencode([(f.param, f.selected) for f in self.facets if f.selected])

    def context(self):
        return {
            "listing": self,
            "facets": self.facets,
            "results": self.page,
            "filter_query": self.query_without_page(),
            "page_range": list(
                self.paginator.get_elided_page_range(self.page.number, on_each_side=2, on_ends=1)
            ),
        }

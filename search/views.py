from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.cache import never_cache
from wagtail.models import Locale

from events.models import upcoming_meetups
from movement.models import Theme
from search.engine import FILTER_NAMES, SiteSearch
from search.query import MAX_QUERY_LENGTH, clean_query


def _theme_links(locale):
    """Themes of this language with where they lead: their theme page, else a search."""
    links = []
    for theme in Theme.objects.filter(locale=locale):
        try:
            url = reverse("theme_detail", kwargs={"slug": theme.slug})
        except NoReverseMatch:
            url = reverse("search") + "?" + urlencode({"q": theme.name})
        links.append((theme, url))
    return links


def _pagination(site_search, paginator, results):
    """Links to the pages of results, keeping the query and the filters."""
    if paginator.num_pages < 2:
        return None
    numbers = paginator.get_elided_page_range(results.number, on_each_side=2, on_ends=1)
    return {
        "previous": site_search.url(page=results.number - 1) if results.has_previous() else None,
        "next": site_search.url(page=results.number + 1) if results.has_next() else None,
        "pages": [
            {
                "number": number,
                "url": None if number == paginator.ELLIPSIS else site_search.url(page=number),
                "current": number == results.number,
            }
            for number in numbers
        ],
    }


def suggestions(locale):
    """What the page offers when there is nothing (or nothing found) to show."""
    return {"theme_links": _theme_links(locale), "meetups": upcoming_meetups(limit=3)}


@never_cache  # one page per query: no shared cache, and every search reaches the report
def search(request):
    query = clean_query(request.GET.get("q", ""))
    filters = {name: request.GET.get(name, "")[:100] for name in FILTER_NAMES}
    page_number = request.GET.get("page", "1")[:10]
    locale = Locale.get_active()
    # The page has its own search box; a second one in the header would only confuse.
    context = {
        "search_query": query,
        "max_query_length": MAX_QUERY_LENGTH,
        "hide_header_search": True,
    }

    if query:
        site_search = SiteSearch(query, filters, locale).run()
        if page_number in ("", "1") and not any(filters.values()):
            site_search.record_hit()  # a new search, not paging or filtering through one
        paginator, results = site_search.paginate(page_number)
        context.update(
            search=site_search,
            search_results=results,
            paginator=paginator,
            facets=site_search.facets(),
            pagination=_pagination(site_search, paginator, results),
            external_promotions=site_search.external_promotions
            if results.number == 1 and not any(site_search.selected.values())
            else [],
        )
        if not paginator.count:
            context.update(suggestions(locale))
    else:
        context.update(suggestions(locale))
    return render(request, "search/search.html", context)

from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.cache import never_cache
from wagtail.models import Locale, Site

from events.models import upcoming_meetups
from movement.listing import PAGE_PARAM, redirect_old_names
from movement.models import Theme
from search.engine import FILTER_NAMES, SiteSearch, old_value_aliases
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


def suggestions(locale):
    """What the page offers when there is nothing (or nothing found) to show."""
    return {"theme_links": _theme_links(locale), "meetups": upcoming_meetups(limit=3)}


@never_cache  # one page per query: no shared cache, and every search reaches the report
def search(request):
    if redirect := redirect_old_names(request, old_value_aliases()):
        return redirect
    query = clean_query(request.GET.get("q", ""))
    params = {name: request.GET.get(name, "")[:100] for name in (*FILTER_NAMES, PAGE_PARAM)}
    locale = Locale.get_active()
    # The page has its own search box; a second one in the header would only confuse.
    context = {
        "search_query": query,
        "max_query_length": MAX_QUERY_LENGTH,
        "hide_header_search": True,
    }

    if query:
        site_search = SiteSearch(query, params, locale, Site.find_for_request(request)).run()
        if params[PAGE_PARAM] in ("", "1") and not any(params[name] for name in FILTER_NAMES):
            site_search.record_hit()  # a new search, not paging or filtering through one
        paginator, results = site_search.paginate()
        listing = site_search.listing
        context.update(
            search=site_search,
            listing=listing,
            search_results=results,
            paginator=paginator,
            facets=listing.facets,
            pagination=listing.pagination(),
            external_promotions=site_search.external_promotions
            if results.number == 1 and not listing.active
            else [],
        )
        if not paginator.count:
            context.update(suggestions(locale))
    else:
        context.update(suggestions(locale))
    return render(request, "search/search.html", context)

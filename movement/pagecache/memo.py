"""Fewer queries for an uncached page: what every page asks Wagtail for again and again.

Installed once (``PageCacheConfig.ready``), each a thin wrapper around Wagtail's own method:

* ``Locale.objects.get_for_language``: once per language per request (a page asked 4-7 times).
* ``PageQuerySet.private_q``: the view restrictions read once per request, however many
  ``.public()`` listings the page shows.
* ``Page.route_for_request``: the page a path leads to is remembered under the content
  generation (site, language, path -> page id, type and the part of the path that page routes
  itself), so routing costs one query instead of two per level of the tree. Only found pages
  are remembered; a publish, unpublish, move or slug change starts a new generation; the page is
  routed by Wagtail as before (it still checks it is live and routes its own sub-paths).
"""

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.utils import translation
from wagtail.models import Page, Site
from wagtail.models.i18n import LocaleManager
from wagtail.query import PageQuerySet

from movement import pagecache

_installed = False


def install():
    global _installed
    if _installed:
        return
    _installed = True

    get_for_language = LocaleManager.get_for_language

    def memoised_get_for_language(self, language_code):
        return pagecache.memoise(
            "locale", lambda: get_for_language(self, language_code), language_code
        )

    LocaleManager.get_for_language = memoised_get_for_language

    private_q = PageQuerySet.private_q

    def memoised_private_q(self):
        return pagecache.memoise("private_q", lambda: private_q(self))

    PageQuerySet.private_q = memoised_private_q

    route_for_request = Page.route_for_request

    def remembered_route_for_request(request, path):
        if hasattr(request, "_wagtail_route_for_request"):
            return request._wagtail_route_for_request
        site = Site.find_for_request(request)
        if site is None:
            return route_for_request(request, path)
        components = [component for component in path.split("/") if component]
        key = "derived:{}:route:{}".format(
            pagecache.generation(),
            pagecache.key(site.pk, translation.get_language(), "/".join(components)),
        )
        remembered = cache.get(key)
        if remembered is not None:
            page_id, label, consumed = remembered
            page = apps.get_model(label).objects.filter(pk=page_id).first()
            if page is not None:
                try:
                    result = page.route(request, components[consumed:])
                except Http404:
                    result = None
                request._wagtail_route_for_request = result
                return result
        result = route_for_request(request, path)
        if result is not None:
            page = result[0]
            consumed = page.depth - site.root_page.depth
            cache.set(key, (page.pk, page._meta.label_lower, consumed), settings.PAGE_CACHE_SECONDS)
        return result

    Page.route_for_request = staticmethod(remembered_route_for_request)

"""Fewer queries for an uncached page: what every page asks Wagtail for again and again.

Installed once (``PageCacheConfig.ready``), each a thin wrapper around Wagtail's own method:

* ``Locale.objects.get_for_language``: kept under the content generation during a request (a
  page asked 4-7 times; a saved locale starts a new generation).
* ``PageQuerySet.private_q`` and ``Page.get_view_restrictions``: the view restrictions kept under
  the content generation, however many ``.public()`` listings the page shows (a saved or deleted
  restriction, or a page moved, starts a new one); with none on the site (the usual case)
  serving a page asks nothing more (Wagtail would look up its ancestors twice), and
  ``.public()`` adds no clause to a listing's query.
* ``Site.find_for_request`` and watched site settings (``BaseSiteSetting.for_site``): kept under
  the content generation (saving a site or its settings starts a new one).
* the ``locale`` of every translatable object: kept under the content generation during a
  request, not asked once per object (a page, its parent, its host, its series, ... each asked
  for theirs).
* ``Page.route_for_request``: the page a path leads to is remembered under the content
  generation (site, language, path -> page id, type and the part of the path that page routes
  itself), so routing costs one query instead of two per level of the tree. Only found pages
  are remembered; a publish, unpublish, move or slug change starts a new generation; the page is
  routed by Wagtail as before (it still checks it is live and routes its own sub-paths).
"""

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.db.models.fields.related_descriptors import ForwardManyToOneDescriptor
from django.http import Http404
from django.utils import translation
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.models.i18n import LocaleManager
from wagtail.query import PageQuerySet

from movement import pagecache

_installed = False


def in_request(name, build, *parts):
    """During a request: kept under the content generation (``pagecache.cached``; locales and
    view restrictions are watched models, pages move only with a new generation). Outside one
    (commands, tasks, the shell): asked every time."""
    if pagecache._memo.get() is None:
        return build()
    return pagecache.cached(name, build, *parts)


class MemoisedLocaleDescriptor(ForwardManyToOneDescriptor):
    """`obj.locale`, kept under the content generation during a request."""

    def get_object(self, instance):
        parent = super()
        return in_request(
            "locale-pk", lambda: parent.get_object(instance), getattr(instance, self.field.attname)
        )


def install():
    global _installed
    if _installed:
        return
    _installed = True

    get_for_language = LocaleManager.get_for_language

    def memoised_get_for_language(self, language_code):
        return in_request("locale", lambda: get_for_language(self, language_code), language_code)

    LocaleManager.get_for_language = memoised_get_for_language

    def restrictions():
        return in_request(
            "view-restrictions",
            lambda: list(PageViewRestriction.objects.select_related("page")),
        )

    def memoised_private_q(self):
        q = Q()
        for restriction in restrictions():
            q |= self.descendant_of_q(restriction.page, inclusive=True)
        return q if q else Q(pk__in=[])  # as Wagtail's: no private section matches nothing

    PageQuerySet.private_q = memoised_private_q

    public = PageQuerySet.public

    def public_without_restrictions(self):
        # With no private section (the usual case) every page is public: no clause to add,
        # build and compile on each listing (Wagtail's would exclude "pk IN ()").
        return public(self) if restrictions() else self.all()

    PageQuerySet.public = public_without_restrictions

    get_view_restrictions = Page.get_view_restrictions

    def fewer_view_restriction_queries(self):
        if not restrictions():
            return PageViewRestriction.objects.none()
        return get_view_restrictions(self)

    Page.get_view_restrictions = fewer_view_restriction_queries

    def remembered_find_for_request(request):
        if request is None:
            return None
        if not hasattr(request, "_wagtail_site"):
            request._wagtail_site = pagecache.cached(
                "site",
                lambda: Site._find_for_request(request),
                request._get_raw_host(),
                request.get_port(),
            )
        return request._wagtail_site

    Site.find_for_request = staticmethod(remembered_find_for_request)

    for_site = BaseSiteSetting.for_site.__func__

    def remembered_for_site(cls, site):
        if site is None or not pagecache.is_watched(cls):  # only what a save makes stale
            return for_site(cls, site)
        key = f"setting:{cls._meta.label_lower}"
        return pagecache.cached(key, lambda: for_site(cls, site), site.pk)

    BaseSiteSetting.for_site = classmethod(remembered_for_site)

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

    for model in apps.get_models():
        for field in model._meta.local_fields:
            if field.many_to_one and field.related_model is Locale:
                setattr(model, field.name, MemoisedLocaleDescriptor(field))

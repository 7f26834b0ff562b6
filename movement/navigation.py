"""Main and footer navigation, cached per site and language, invalidated when pages or settings change."""

from django.core.cache import cache
from wagtail.models import Locale, Site

VERSION_KEY = "navigation:version"
TIMEOUT = 60 * 60


def _version():
    return cache.get_or_set(VERSION_KEY, 1, None)


def invalidate_navigation(sender=None, created=False, **kwargs):
    from movement.models import SiteSettings

    if created and sender is SiteSettings:
        return  # a fresh settings row (made on a site's first request) changes no link
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def _key(kind, site, locale):
    return f"navigation:{_version()}:{kind}:{site.pk}:{locale.pk}"


def _links(pages, request):
    return [
        {
            "pk": page.pk,
            "title": page.title,
            "url": page.get_url(request),
            "url_path": page.url_path,
        }
        for page in pages
    ]


def main_navigation(request):
    site = Site.find_for_request(request)
    if site is None:
        return []
    locale = Locale.get_active()
    key = _key("main", site, locale)
    links = cache.get(key)
    if links is None:
        home = site.root_page.localized
        links = _links(home.get_children().live().public().in_menu(), request)
        cache.set(key, links, TIMEOUT)
    return links


def footer_navigation(request):
    """The privacy and accessibility statements, then the footer menu, in the active language."""
    from movement.models import SiteSettings, in_active_locale

    site = Site.find_for_request(request)
    if site is None:
        return []
    locale = Locale.get_active()
    key = _key("footer", site, locale)
    links = cache.get(key)
    if links is None:
        site_settings = SiteSettings.for_site(site)
        pages = [site_settings.privacy_page, site_settings.accessibility_page]
        pages += [link.page for link in site_settings.footer_links.select_related("page")]
        pages = [page for page in pages if page is not None and page.live]
        links = _links(in_active_locale(pages), request)
        cache.set(key, links, TIMEOUT)
    return links

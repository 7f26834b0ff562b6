"""Main and footer navigation, cached per site and language under the content generation
(movement.pagecache: publishing a page or saving the site settings refreshes them)."""

from wagtail.models import Locale, Site

from movement import pagecache
from movement.models import SiteSettings, in_active_locale


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

    def build():
        home = site.root_page.localized
        return _links(home.get_children().live().public().in_menu(), request)

    return pagecache.cached("navigation-main", build, site.pk, locale.language_code)


def footer_navigation(request):
    """The privacy and accessibility statements, then the footer menu, in the active language."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    locale = Locale.get_active()

    def build():
        site_settings = SiteSettings.for_site(site)
        pages = [site_settings.privacy_page, site_settings.accessibility_page]
        pages += [link.page for link in site_settings.footer_links.select_related("page")]
        pages = [page for page in pages if page is not None and page.live]
        return _links(in_active_locale(pages), request)

    return pagecache.cached("navigation-footer", build, site.pk, locale.language_code)

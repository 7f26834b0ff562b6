"""Language links and alternates: which URL each language has for the page being shown.

One memoised, cached lookup for everything that needs it (the header's language switch, the
canonical and hreflang links in <head>): at most one query per page per content generation,
and none on a second use in the same request (movement.pagecache).
"""

from wagtail.models import Page, Site

from movement import pagecache


def _translation_urls(pages, request):
    return {page.locale.language_code: page.get_url(request) for page in pages}


def page_alternates(page, request):
    """{language code: URL} of the live translations of `page`, itself included (relative URLs
    when the page is on the request's site; ``request.build_absolute_uri`` makes them full)."""
    if not isinstance(page, Page) or not page.pk:
        return {}
    site = Site.find_for_request(request) if request is not None else None

    def build():
        translations = page.get_translations(inclusive=True).live().select_related("locale")
        return _translation_urls(translations, request)

    return pagecache.cached(
        "alternates", build, site.pk if site else 0, page.translation_key, page.pk
    )


def home_alternates(request):
    """{language code: URL} of the site's home page in every language it is published in."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return {}

    def build():
        homes = site.root_page.get_translations(inclusive=True).live().select_related("locale")
        return _translation_urls(homes, request)

    return pagecache.cached("home-alternates", build, site.pk)


def translation_ids(page):
    """The ids of `page` and of its translations, drafts included, kept under the content
    generation. Cross-references are stored against the Dutch original and matched on
    `translation_key`; matching on these ids instead spares the database joining the page
    table again (a new translation that nothing can link to yet needs no new generation:
    linking a page to it means publishing that page)."""

    def build():
        return list(
            Page.objects.filter(translation_key=page.translation_key)
            .order_by("pk")
            .values_list("pk", flat=True)
        )

    return pagecache.cached("translation-ids", build, page.translation_key)

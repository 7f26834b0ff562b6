"""What search engines and link previews read in a page's <head>: canonical URL, hreflang
alternates (live translations plus x-default), the meta description. See includes/social_meta.html."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.models import Page, Site

from movement.i18n import page_alternates
from movement.urls_public import base_url

register = template.Library()

DESCRIPTION_FIELDS = ("search_description", "summary", "intro", "description", "hero_text")
DESCRIPTION_LENGTH = 200


def site_root(request):
    """The one configured public base URL (movement.urls_public), else this request's site."""
    configured = base_url()
    if configured:
        return configured
    site = Site.find_for_request(request) if request is not None else None
    if site is not None:
        return site.root_url.rstrip("/")
    return request.build_absolute_uri("/").rstrip("/") if request is not None else ""


def absolute(request, url):
    if not url or url.startswith(("http://", "https://")):
        return url
    return site_root(request) + url


def description_of(page):
    """The page's search description, else the first text field it has that says what it is."""
    for name in DESCRIPTION_FIELDS:
        value = getattr(page, name, "")
        if isinstance(value, str) and value.strip():
            return Truncator(" ".join(strip_tags(value).split())).chars(DESCRIPTION_LENGTH)
    return ""


@register.simple_tag(takes_context=True)
def page_meta(context):
    """{"canonical", "alternates": [(code, url)], "x_default", "description"} for this page or view."""
    request = context.get("request")
    page = context.get("page")
    if request is None:
        return {}
    memo = request.__dict__.setdefault("_page_meta", {})
    key = page.pk if isinstance(page, Page) else request.path
    if key not in memo:
        memo[key] = _page_meta(context, request, page)
    return memo[key]


def _page_meta(context, request, page):
    alternates = {}
    if isinstance(page, Page) and page.pk:
        canonical = absolute(request, page.get_url(request))
        if page.live:
            for code, url in page_alternates(page, request).items():
                alternates[code] = absolute(request, url)
        description = description_of(page)
    else:
        canonical = absolute(request, request.path)
        given = context.get("alternate_urls")
        if given:
            alternates = {code: absolute(request, url) for code, url in given.items()}
        else:
            for code, _name in settings.LANGUAGES:
                alternates[code] = absolute(request, translate_url(request.path, code))
        description = context.get("meta_description", "")
    ordered = [(code, alternates[code]) for code, _name in settings.LANGUAGES if code in alternates]
    x_default = alternates.get(settings.LANGUAGE_CODE) or canonical
    return {
        "site_root": site_root(request),
        "canonical": canonical,
        "alternates": ordered,
        "x_default": x_default,
        "description": description,
        "og_type": getattr(page, "og_type", "website"),
        # The stream whose article feed this page advertises: the stream page, or an article's.
        "feed_stream": page if getattr(page, "has_article_feed", False) else context.get("stream"),
    }

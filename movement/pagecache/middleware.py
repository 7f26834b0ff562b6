"""Cache-Control for the public site, and the optional full-page cache for anonymous visitors.

Placed right after WhiteNoise, so a hit skips sessions, CSRF, the URL resolver and the view;
SecurityMiddleware still adds its headers to it, and the stored response already carries ours.

A response is stored only when nothing in it belongs to one visitor:
* the request was an anonymous GET (no session or messages cookie);
* the response is a 200 without Set-Cookie, without a CSRF token in the page (a page with a
  form, such as a meet-up's sign-up or a stream's join form, sets the CSRF cookie and is never
  stored), without `private`/`no-store`/`no-cache`, and varying on nothing but Cookie or
  Accept-Language (which the key covers, see below).
Hits are served only to requests that could have produced the stored page: anonymous GET or
HEAD requests, by scheme, host, path, query string and the language the URL selects.
"""

import re

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language_from_path

from movement import pagecache

EXCLUDED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/healthz/",
    "/static/",
    "/media/",
)
# Public, but not kept whole: every search is recorded for the editors' search-terms report.
NOT_STORED_PREFIXES = ("/zoeken/", "/en/search/")
ALLOWED_VARY = {"cookie", "accept-language"}
MAX_QUERY_LENGTH = 300
CSRF_MARKER = b'name="csrfmiddlewaretoken"'
UNCACHEABLE = re.compile(r"\b(private|no-store|no-cache)\b|max-age=0\b")


def is_public_path(path):
    return not path.startswith(EXCLUDED_PREFIXES)


def is_anonymous_get(request):
    cookies = request.COOKIES
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in cookies
        and getattr(settings, "MESSAGE_COOKIE_NAME", "messages") not in cookies
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_LENGTH
    )


def vary_headers(response):
    if not response.has_header("Vary"):
        return set()
    return {part.strip().lower() for part in response["Vary"].split(",") if part.strip()}


def shareable(request, response):
    """May this response be given to any anonymous visitor (and kept by a shared cache)?"""
    user = getattr(request, "user", None)
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and getattr(response, "is_rendered", True)
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (user is not None and user.is_authenticated)
        and not UNCACHEABLE.search(response.get("Cache-Control", ""))
        and vary_headers(response) <= ALLOWED_VARY
        and CSRF_MARKER not in response.content
    )


def cache_key(request):
    language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    return "page:{}:{}".format(
        pagecache.generation(),
        pagecache.key(
            request.scheme,
            request.get_host(),
            request.path,
            request.META.get("QUERY_STRING", ""),
            language,
        ),
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_public_path(request.path):
            return self.get_response(request)
        anonymous = is_anonymous_get(request)
        key = None
        if (
            anonymous
            and settings.PAGE_CACHE_ENABLED
            and not request.path.startswith(NOT_STORED_PREFIXES)
        ):
            try:
                key = cache_key(request)
            except Exception:  # e.g. a disallowed Host header: let Django answer it
                key = None
            if key is not None:
                cached = cache.get(key)
                if cached is not None:
                    cached["X-Page-Cache"] = "hit"
                    return cached

        response = self.get_response(request)

        if anonymous and shareable(request, response):
            self.mark_public(response)
            if key is not None:
                cache.set(key, response, settings.PAGE_CACHE_SECONDS)
                response["X-Page-Cache"] = "miss"
        elif not response.has_header("Cache-Control") and response.status_code < 500:
            # A form with this visitor's token, a logged-in view, a visitor's messages.
            patch_cache_control(response, private=True, no_cache=True)
        return response

    @staticmethod
    def mark_public(response):
        if response.has_header("Cache-Control"):
            return  # the view decided (e.g. robots.txt: a day)
        directives = {"public": True, "max_age": settings.PAGE_CACHE_BROWSER_SECONDS}
        if settings.PAGE_CACHE_CDN_SECONDS:
            # A CDN may keep pages longer: publishing purges them (wagtail.contrib.frontend_cache).
            directives["s_maxage"] = settings.PAGE_CACHE_CDN_SECONDS
        patch_cache_control(response, **directives)

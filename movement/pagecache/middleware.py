"""Cache-Control for the public site, and the optional full-page cache for anonymous visitors.

The first middleware: what it stores carries every other middleware's headers, so a hit can be
served as it is, by this middleware or, before Django's request handling, by the WSGI wrapper
(``pagecache.wsgi``), which does the same lookup with the same key. Every request also gets its
memo scope here (``pagecache.begin_request``): the generation, the tags the rendering used.

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
import time
from http import HTTPStatus

from django.conf import settings
from django.core.cache import cache
from django.core.handlers.wsgi import get_path_info, get_script_name, get_str_from_wsgi
from django.core.signals import setting_changed
from django.http import HttpRequest, HttpResponse
from django.http.cookie import parse_cookie
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import get_language_from_path, trans_real

from movement import pagecache
from movement.pagecache import holes

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
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_LENGTH
        and not (
            cookies
            and (
                settings.SESSION_COOKIE_NAME in cookies
                or getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in cookies
            )
        )
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


# Set by the WSGI wrapper after a miss: the generation it read, so the lookup is not repeated.
GENERATION_ENVIRON = "movement.pagecache.generation"
NOT_STORED_HEADERS = {"x-page-cache", "set-cookie"}


# The language a path's first segment selects: Django's answer (get_language_from_path), kept
# for every segment, where Django's own cache keeps only those that are languages. The segment is
# found with Django's own pattern (compiled here: Django's is a lazy object, slower to call).
_path_languages = {}
_LANGUAGE_PREFIX = re.compile(
    trans_real.language_code_prefix_re.pattern, trans_real.language_code_prefix_re.flags
)


def path_language(path_info):
    match = _LANGUAGE_PREFIX.match(path_info)
    if match is None:
        return settings.LANGUAGE_CODE
    try:
        language = _path_languages[match[1]]
    except KeyError:
        if len(_path_languages) >= 1000:
            _path_languages.clear()
        language = _path_languages[match[1]] = get_language_from_path(path_info)
    return language or settings.LANGUAGE_CODE


def _forget_languages(*, setting, **kwargs):
    if setting in ("LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"):
        _path_languages.clear()


setting_changed.connect(_forget_languages, dispatch_uid="pagecache-path-languages")


def cache_key(request):
    """The same for every request that may get the same page (no generation: the stored entry
    carries it, so one round trip fetches the current generation and the page together)."""
    language = path_language(request.path_info)
    return "page:" + pagecache.key(
        request.scheme,
        request.get_host(),
        request.path,
        request.META.get("QUERY_STRING", ""),
        language,
    )


class EnvironRequest(HttpRequest):
    """What ``storable_key`` reads of a request, straight from the WSGI environ, for the front
    door (``pagecache.wsgi``): method, path and path_info as Django's ``WSGIRequest`` computes
    them, and Django's own ``scheme`` (SECURE_PROXY_SSL_HEADER) and ``get_host()`` (validated
    against ALLOWED_HOSTS), so the key is the same. Nothing else is parsed (no query dict, no
    body) and, unlike ``WSGIRequest``, the environ is left as it came."""

    def __init__(self, environ):  # not HttpRequest.__init__: its empty QueryDicts are not needed
        script_name = get_script_name(environ)
        self.path_info = get_path_info(environ) or "/"
        self.path = f"{script_name.rstrip('/')}/{self.path_info.replace('/', '', 1)}"
        self.META = environ
        self.method = environ["REQUEST_METHOD"].upper()

    def _get_scheme(self):
        return self.META.get("wsgi.url_scheme")

    @cached_property
    def COOKIES(self):  # noqa: N802 (Django's name)
        if "HTTP_COOKIE" not in self.META:
            return {}
        return parse_cookie(get_str_from_wsgi(self.META, "HTTP_COOKIE", ""))


def storable_key(request):
    """The cache key when this request may be answered from (and stored in) the page cache."""
    if not (
        settings.PAGE_CACHE_ENABLED
        and is_public_path(request.path)
        and not request.path.startswith(NOT_STORED_PREFIXES)
        and is_anonymous_get(request)
    ):
        return None
    try:
        return cache_key(request)
    except Exception:  # e.g. a disallowed Host header: let Django answer it
        return None


def lookup(key):
    """(current generation, stored entry or None), in one round trip to the cache."""
    found = cache.get_many([pagecache.GENERATION_KEY, key])
    generation = found.get(pagecache.GENERATION_KEY)
    if generation is None:
        return pagecache._fresh_generation(), None
    entry = found.get(key)
    # (An entry of another shape was stored by an older release: it is rendered again.)
    if entry is not None and (entry[0] != generation or len(entry) != 5):
        entry = None
    return generation, entry


def entry_for(generation, response):
    headers = [(k, v) for k, v in response.items() if k.lower() not in NOT_STORED_HEADERS]
    body = response.content
    return (generation, response.status_code, headers, body, holes.find(body))


def served(entry):
    """(status, headers, body, names of its holes) of a stored entry as a hit sends it: with
    the current text in each hole (``pagecache.holes``)."""
    generation, status, headers, body, spots = entry
    if spots:
        body = holes.fill(generation, body, spots)
        length = str(len(body))
        headers = [(k, length if k.lower() == "content-length" else v) for k, v in headers]
    return status, headers, body, frozenset(hole for hole, _, _ in spots)


def response_for(entry):
    status, headers, body, _ = served(entry)
    response = HttpResponse(body, status=status)
    for name, value in headers:
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


def status_line(status):
    return f"{status} {HTTPStatus(status).phrase}"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_public_path(request.path):
            return self.get_response(request)
        key = storable_key(request)
        generation = request.META.get(GENERATION_ENVIRON)
        if key is not None and generation is None:
            generation, entry = lookup(key)
            if entry is not None:
                return response_for(entry)

        tokens = pagecache.begin_request(generation)
        started = time.time()
        try:
            response = self.get_response(request)
            tags = pagecache.rendered_tags()
        finally:
            pagecache.end_request(tokens)

        if is_anonymous_get(request) and shareable(request, response):
            self.mark_public(response)
            if key is not None:
                if pagecache.file_under_tags(key, tags, started):
                    cache.set(key, entry_for(generation, response), settings.PAGE_CACHE_SECONDS)
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

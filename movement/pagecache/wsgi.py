"""The page cache's front door: answers a hit before Django's request handling runs.

Wraps the WSGI application (movement/wsgi.py). For an anonymous GET or HEAD of a public page it
computes the same key as ``middleware.cache_key`` straight from the environ
(``middleware.EnvironRequest``: Django's own scheme, host validation, path and language rules,
without building Django's request), then looks in this process's short memory
(``pagecache.local``, ``PAGE_CACHE_LOCAL_SECONDS``), and else fetches the current generation and
the page from the shared cache in one round trip (``middleware.lookup``). A hit writes the
stored status, headers and body, with the current text in its holes (``pagecache.holes``).
Anything else, and every miss, goes to Django; the generation
read here travels in the environ so the middleware does not look again.
"""

import time

from django.conf import settings

from movement.pagecache import local, middleware

HIT = ("X-Page-Cache", "hit")


class PageCacheApplication:
    def __init__(self, application):
        self.application = application
        self.pages = local.pages

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD", "").upper()
        if method in ("GET", "HEAD"):
            try:
                page = self.page(environ)
            except Exception:  # the cache is down or the request is odd: Django answers
                environ.pop(middleware.GENERATION_ENVIRON, None)
                page = None
            if page is not None:
                _, status, headers, body, _ = page
                start_response(status, list(headers))  # a server may add to the list it gets
                return [b""] if method == "HEAD" else [body]
        return self.application(environ, start_response)

    def page(self, environ):
        """(expires, status line, headers, body, hole names) of the stored page, with the
        current text in its holes, or None (then the generation read, if any, is left in the
        environ for the middleware)."""
        key = middleware.storable_key(middleware.EnvironRequest(environ))
        if key is None:
            return None
        seconds = settings.PAGE_CACHE_LOCAL_SECONDS
        if seconds > 0:
            now = time.monotonic()
            page = self.pages.get(key, now)
            if page is not None:
                return page
        generation, entry = middleware.lookup(key)
        if entry is None:
            environ[middleware.GENERATION_ENVIRON] = generation
            return None
        status, headers, body, hole_names = middleware.served(entry)
        page = (0, middleware.status_line(status), [*headers, HIT], body, hole_names)
        if seconds > 0:
            page = (now + seconds, *page[1:])
            self.pages.put(key, page, now)
        return page

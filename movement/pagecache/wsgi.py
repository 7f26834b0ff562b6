"""The page cache's front door: answers a hit before Django's request handling runs.

Wraps the WSGI application (movement/wsgi.py). For an anonymous GET or HEAD of a public page it
builds Django's request object only to compute the same key as ``middleware.cache_key`` (same
scheme, host validation, path and language rules), fetches the current generation and the page
in one round trip (``middleware.lookup``) and, on a hit, writes the stored status, headers and
body. Anything else, and every miss, goes to Django; the generation read here travels in the
environ so the middleware does not look again.
"""

from django.core.handlers.wsgi import WSGIRequest

from movement.pagecache import middleware


class PageCacheApplication:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD")
        if method in ("GET", "HEAD"):
            try:
                key = middleware.storable_key(WSGIRequest(environ))
                if key is not None:
                    generation, entry = middleware.lookup(key)
                    if entry is not None:
                        _, status, headers, body = entry
                        start_response(
                            middleware.status_line(status), [*headers, ("X-Page-Cache", "hit")]
                        )
                        return [b""] if method == "HEAD" else [body]
                    environ[middleware.GENERATION_ENVIRON] = generation
            except Exception:  # the cache is down or the request is odd: Django answers
                environ.pop(middleware.GENERATION_ENVIRON, None)
        return self.application(environ, start_response)

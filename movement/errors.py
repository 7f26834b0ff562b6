"""The site's own error pages (400, 403, 413, 500, 503), bilingual and in the site's layout.

They never touch the request body or the database: a body that could not be read, or a database
that is down, is why they are shown. They carry the same security headers as every other page
(movement.middleware.security_headers), also when the error happened before the middleware
that adds them ran."""

import logging

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers

from movement.middleware import add_security_headers

logger = logging.getLogger(__name__)

REASONS = {
    TooManyFieldsSent: {
        "nl": "er zaten te veel velden in",
        "en": "it had too many fields",
    },
    UnicodeDecodeError: {
        "nl": "de tekens waren anders gecodeerd dan verwacht",
        "en": "its characters were encoded differently than expected",
        "hint_nl": "het liefst met een andere browser",
        "hint_en": "preferably with another browser",
    },
}


def error_page(request, template, status, context=None):
    response = HttpResponse(loader.render_to_string(template, context or {}), status=status)
    add_never_cache_headers(response)
    add_security_headers(request, response)
    return response


def bad_request(request, exception=None):
    """handler400: a body too large (413), too many fields, an unreadable encoding (400)."""
    if isinstance(exception, RequestDataTooBig):
        return error_page(request, "413.html", 413)
    reason = next(
        (text for kind, text in REASONS.items() if isinstance(exception, kind)),
        None,
    )
    if reason is None and isinstance(getattr(exception, "__cause__", None), UnicodeDecodeError):
        reason = REASONS[UnicodeDecodeError]
    return error_page(request, "400.html", 400, {"reason": reason})


def permission_denied(request, exception=None):
    return error_page(request, "403.html", 403)


def server_error(request):
    return error_page(request, "500.html", 500)


class DatabaseUnavailableMiddleware:
    """A view that cannot reach the database answers 503 with the static page (and
    Retry-After), not a 500: nothing is wrong with the request, try again shortly."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DatabaseError) and not _database_reachable():
            logger.error("Database unreachable: %s", exception)
            response = error_page(request, "503.html", 503)
            response["Retry-After"] = "60"
            return response
        return None


def _database_reachable():
    try:
        connection.close_if_unusable_or_obsolete()
        connection.ensure_connection()
    except DatabaseError:
        return False
    return True

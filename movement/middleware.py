"""Security headers that Django 5.2 does not set by itself, and the admin login rate limit."""

from django.db import DatabaseError
from wagtail.contrib.redirects.middleware import RedirectMiddleware

from movement.spam import is_rate_limited, too_many_requests

PUBLIC_CSP = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self'",
        "script-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        # Embedded video and podcasts, loaded only when the visitor asks for them.
        "frame-src https://www.youtube-nocookie.com https://www.youtube.com https://player.vimeo.com"
        " https://w.soundcloud.com https://open.spotify.com",
        "media-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return add_security_headers(request, self.get_response(request))


ADMIN_PREFIXES = ("/admin/", "/django-admin/", "/documents/")


def add_security_headers(request, response):
    """The headers every response gets (also the error pages, which may be made before this
    middleware runs: movement/errors.py calls it itself)."""
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    # The Wagtail admin and its previews use inline scripts; the public site never does.
    if not request.path.startswith(ADMIN_PREFIXES) and not getattr(request, "is_preview", False):
        response.headers.setdefault("Content-Security-Policy", PUBLIC_CSP)
    return response


class DocumentDownloadMiddleware:
    """Uploaded documents are always downloads, never rendered by the browser on our origin.

    Wagtail's serve view already sends nosniff and a `default-src 'none'` CSP; this makes sure
    of `Content-Disposition: attachment` whatever the file type (an HTML or SVG file that slipped
    in, e.g. through an import, must not run as a page of this site)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/documents/") and response.status_code == 200:
            disposition = response.headers.get("Content-Disposition", "")
            if not disposition.lower().startswith("attachment"):
                filename = disposition.partition(";")[2].strip()
                response.headers["Content-Disposition"] = (
                    f"attachment; {filename}" if filename else "attachment"
                )
            response.headers["X-Content-Type-Options"] = "nosniff"
            response.headers.setdefault("Content-Security-Policy", "default-src 'none'")
        return response


class LoginRateLimitMiddleware:
    """Per-IP limit on POSTs to the login and password-reset forms of both admins
    (settings.RATE_LIMITS["admin-login"]; the one 429 page from movement.spam)."""

    paths = (
        "/admin/login/",
        "/admin/password_reset/",
        "/django-admin/login/",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method == "POST"
            and request.path.startswith(self.paths)
            and is_rate_limited(request, "admin-login")
        ):
            return too_many_requests(request, "admin-login").render()
        return self.get_response(request)


class DatabaseSafeRedirectMiddleware:
    """Wagtail's redirects, looked up on a 404, without turning a 404 into a 500 when the
    database is down."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.redirects = RedirectMiddleware(get_response)

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        try:
            return self.redirects.process_response(request, response)
        except DatabaseError:
            return response

"""Security headers that Django 5.2 does not set by itself."""

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
        self.admin_prefixes = ("/admin/", "/django-admin/", "/documents/")

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        # The Wagtail admin and its previews use inline scripts; the public site never does.
        if not request.path.startswith(self.admin_prefixes) and not getattr(
            request, "is_preview", False
        ):
            response.headers.setdefault("Content-Security-Policy", PUBLIC_CSP)
        return response

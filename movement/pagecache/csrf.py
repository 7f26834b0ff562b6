"""Cross-site request forgery protection that lets forms live on cached pages.

The sign-up and join forms sit on pages kept whole for every anonymous visitor, so they carry no
per-visitor token. A browser says where a POST comes from: every current browser sends `Origin`
on a form POST, and `Sec-Fetch-Site` besides. So, for an unsafe request:

* `Origin` present: accepted only when it is the site's own origin (or in
  CSRF_TRUSTED_ORIGINS), exactly Django's own origin check; anything else is refused (403).
* no `Origin` but `Sec-Fetch-Site`: accepted for `same-origin` (and `none`: typed by the user),
  refused otherwise.
* neither (an old or stripped-down browser, a privacy proxy): Django's token check as before.
  A form from a cached page has no token, so instead of a bare 403 the visitor gets an uncached
  page that keeps what they typed and asks them to send it once more, now with a token.

A cross-site attacker cannot choose the `Origin` or `Sec-Fetch-Site` a victim's browser sends,
and a browser that sends neither still needs the token. See docs/architecture.md, "Caching".
"""

from django.middleware.csrf import REASON_BAD_ORIGIN, CsrfViewMiddleware
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from movement.pagecache.middleware import is_public_path

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")
SAME_SITE_FETCHES = ("same-origin", "none")
HIDDEN_FIELDS = ("csrfmiddlewaretoken",)


class OriginCsrfViewMiddleware(CsrfViewMiddleware):
    def process_view(self, request, callback, callback_args, callback_kwargs):
        if (
            request.method in SAFE_METHODS
            or getattr(request, "csrf_processing_done", False)
            or getattr(callback, "csrf_exempt", False)
            or getattr(request, "_dont_enforce_csrf_checks", False)
        ):
            return super().process_view(request, callback, callback_args, callback_kwargs)
        origin = request.META.get("HTTP_ORIGIN")
        if origin is not None:
            if self._origin_verified(request):
                return self._accept(request)
            return self._reject(request, REASON_BAD_ORIGIN % origin)
        fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
        if fetch_site is not None:
            if fetch_site in SAME_SITE_FETCHES:
                return self._accept(request)
            return self._reject(request, f"Sec-Fetch-Site is {fetch_site}.")
        refused = super().process_view(request, callback, callback_args, callback_kwargs)
        if refused is not None and is_public_path(request.path):
            return confirm_page(request)
        return refused


def confirm_page(request):
    """The form as it was sent, with a token: one more click sends it (403, never cached)."""
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in HIDDEN_FIELDS
        for value in values
    ]
    response = TemplateResponse(
        request,
        "pagecache/confirm_post.html",
        {"fields": fields, "action": request.path},
        status=403,
    )
    add_never_cache_headers(response)
    return response.render()

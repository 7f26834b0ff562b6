"""Spam and abuse resistance without third parties: a honeypot field and a per-IP rate limit.

The rate limit counts in the default cache, so with Redis configured it holds across web servers.
One configuration style (settings.RATE_LIMITS: scope -> (count, seconds)) and one 429 page
(templates/429.html, in the site's layout). When the cache is down the limit fails open and
logs it once: a visitor's sign-up matters more than a missed count.
"""

import hashlib
import logging
import time

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

HONEYPOT_FIELD = "website_url"


class HoneypotFormMixin(forms.Form):
    """A field people never see or fill in; bots that fill every field reveal themselves."""

    website_url = forms.CharField(
        required=False,
        label=_("Laat dit veld leeg"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self):
        return bool(self.data.get(self.add_prefix(HONEYPOT_FIELD), "").strip())


def client_ip(request):
    """The visitor's address. Behind a proxy, the proxy must set REMOTE_ADDR correctly
    (e.g. gunicorn --forwarded-allow-ips); X-Forwarded-For is not trusted here on purpose."""
    return request.META.get("REMOTE_ADDR", "unknown")


def rate_limit(scope):
    """(count, seconds) for a scope, from settings.RATE_LIMITS: the one place to configure them."""
    limits = getattr(settings, "RATE_LIMITS", {})
    if scope not in limits:
        raise ImproperlyConfigured(f"Add a rate limit for {scope!r} to settings.RATE_LIMITS")
    count, seconds = limits[scope]
    return int(count), int(seconds)


_cache_down = False


def _redis():
    """The Redis client behind the default cache (django-redis), or None for another cache."""
    get_client = getattr(getattr(cache, "client", None), "get_client", None)
    return get_client(write=True) if get_client else None


def _add_one(key, timeout):
    redis = _redis()
    if redis is not None:
        # One round trip: the counter is made with its expiry if new, and counted, atomically.
        raw = cache.make_key(key)
        pipe = redis.pipeline(transaction=True)
        pipe.set(raw, 0, ex=timeout, nx=True)
        pipe.incr(raw)
        return pipe.execute()[1]
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # evicted between add and incr
        return 1 if cache.add(key, 1, timeout=timeout) else None


def _count(key, window_seconds):
    """Add one to the counter; None when the cache cannot count (Redis down)."""
    global _cache_down  # noqa: PLW0603 - one flag per process, to log an outage once
    try:
        count = _add_one(key, window_seconds + 5)
    except Exception:  # noqa: BLE001 - a broken cache must never break a form
        count = None
    if count is None:
        if not _cache_down:
            logger.warning("Rate limit not counted: the cache is unreachable; requests pass")
        _cache_down = True
        return None
    if _cache_down:
        logger.warning("Rate limit counting again: the cache is back")
    _cache_down = False
    return count


def is_rate_limited(request, scope):
    """Count this request for (scope, IP) and say whether it goes over the scope's limit.
    Fails open: when the cache (Redis) is down, nothing is counted and nobody is limited."""
    limit, window_seconds = rate_limit(scope)
    window = int(time.time() // window_seconds)
    ip_hash = hashlib.sha256(client_ip(request).encode()).hexdigest()[:16]
    count = _count(f"ratelimit:{scope}:{ip_hash}:{window}", window_seconds)
    return count is not None and count > limit


TITLES = {
    "admin-login": _("Te veel inlogpogingen"),
}


def too_many_requests(request, scope, *, form=None, page=None):
    """The one 429 page: in the site's layout and language, with when to try again and, for a
    public form, what the visitor typed (so nothing is lost)."""
    _limit, window_seconds = rate_limit(scope)
    response = TemplateResponse(
        request,
        "429.html",
        {
            "title": TITLES.get(scope, _("Even geduld")),
            "minutes": max(1, window_seconds // 60),
            "form": form,
            "page": page,
            "scope": scope,
        },
        status=429,
    )
    response["Retry-After"] = str(window_seconds)
    response["Cache-Control"] = "no-store"
    return response

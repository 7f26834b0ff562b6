"""Spam and abuse resistance without third parties: a honeypot field and a per-IP rate limit.

The rate limit counts in the default cache, so with Redis configured it holds across web servers.
"""

import hashlib
import time

from django import forms
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

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


def is_rate_limited(request, scope, limit, window_seconds):
    """Count this request for (scope, IP) and say whether it goes over `limit` per window."""
    window = int(time.time() // window_seconds)
    ip_hash = hashlib.sha256(client_ip(request).encode()).hexdigest()[:16]
    key = f"ratelimit:{scope}:{ip_hash}:{window}"
    cache.add(key, 0, timeout=window_seconds + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=window_seconds + 5)
        count = 1
    return count > limit

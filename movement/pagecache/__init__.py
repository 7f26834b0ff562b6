"""Caching for anonymous visitors, safe with several web servers.

* Every public page gets a Cache-Control header: `public` with a short max-age when it may be
  shared, `private, no-cache` when it carries a form token, a cookie or a logged-in user's view.
* With ``PAGE_CACHE_ENABLED`` (production turns it on when REDIS_URL is set) whole pages are kept
  in the shared cache for anonymous GET requests (``middleware.PageCacheMiddleware``).
* ``cached(name, build)`` keeps an expensive listing in the same cache.

Everything lives under one *generation* number. Publishing, unpublishing, moving or deleting a
page, and saving a theme, a site setting, an image or a sign-up, bump it (``invalidate``):
every web server sees the new number in Redis at once, so no stale page or listing is served
after a change. Entries of old generations simply expire.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

GENERATION_KEY = "pagecache:generation"


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        # A fresh number after a cache flush or eviction, so old entries are never reused.
        cache.add(GENERATION_KEY, time.time_ns() // 1000, timeout=None)
        value = cache.get(GENERATION_KEY, 0)
    return value


def invalidate(**kwargs):
    """Forget every cached page and listing (on every server sharing the cache)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet (or evicted): start a new one
        cache.set(GENERATION_KEY, time.time_ns() // 1000, timeout=None)


def key(*parts):
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()
    return digest[:40]


def cached(name, build, *parts, timeout=None):
    """The result of `build()` for (name, parts), kept until the next change of content."""
    timeout = settings.PAGE_CACHE_SECONDS if timeout is None else timeout
    cache_key = f"listing:{generation()}:{name}:{key(*parts)}"
    value = cache.get(cache_key)
    if value is None:
        value = build()
        cache.set(cache_key, value, timeout)
    return value

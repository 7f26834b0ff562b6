"""The one cache story: what anonymous visitors see is cached, and this module alone decides when
it is stale (docs/architecture.md, "Caching").

* Every public page gets a Cache-Control header: `public` with a short max-age when it may be
  shared, `private, no-cache` when it carries a form token, a cookie or a logged-in user's view.
* With ``PAGE_CACHE_ENABLED`` (production turns it on when REDIS_URL is set) whole pages are kept
  in the shared cache for anonymous GET requests: ``wsgi.PageCacheApplication`` answers a hit
  before Django's request handling, from this process's memory (``local``, a second) or with one
  round trip to the cache; ``middleware`` stores.
* ``cached(name, build, *parts)`` keeps anything derived from content (menus, language links,
  facet counts) under the same rule.

Two ways an entry goes stale:

* The *content generation* (one number in the shared cache) changes when something every page
  may show changes: a live page published, unpublished, moved or deleted, or a save of a model
  registered with ``watch()`` (site settings, themes, footer links, images, ...). Draft saves,
  revisions, log entries, sign-ups and outgoing e-mail do not count. Every stored page carries
  the generation it was rendered under, and a hit needs the stored number to equal the current
  one; the lookup fetches both in one round trip (``get_many``).
* A *tag* names one small fact a page shows, such as a meet-up's places left. Rendering records
  the tags it used (``depends_on``); storing a page files its key under each tag;
  ``invalidate_tag`` deletes exactly those pages (a sign-up refreshes its meet-up's page,
  the listings and the home page section that show it, and nothing else).
"""

import contextlib
import contextvars
import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from movement.pagecache import local

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
TAG_TIMEOUT = 24 * 60 * 60
# A page whose tag changed less than this before its rendering began is not kept either: room
# for the clocks of several servers (NTP keeps them within milliseconds).
CLOCK_MARGIN = 0.05

# Per request (set by the middleware): the generation read with the page lookup, the tags the
# rendering used, and small memoised values (site, settings, locale, ...).
_generation = contextvars.ContextVar("pagecache_generation", default=None)
_tags = contextvars.ContextVar("pagecache_tags", default=None)
_memo = contextvars.ContextVar("pagecache_memo", default=None)

_watched = {}  # model label -> react to newly created rows too?


def _fresh_generation():
    # A fresh number after a cache flush or eviction, so old entries are never reused.
    cache.add(GENERATION_KEY, time.time_ns() // 1000, timeout=None)
    return cache.get(GENERATION_KEY, 0)


def generation():
    """The content generation, read once per request."""
    value = _generation.get()
    if value is None:
        value = cache.get(GENERATION_KEY)
        if value is None:
            value = _fresh_generation()
        _generation.set(value)
    return value


def invalidate(**kwargs):
    """Forget every cached page and derived value (on every server sharing the cache)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet (or evicted): start a new one
        cache.set(GENERATION_KEY, time.time_ns() // 1000, timeout=None)
    if _generation.get() is not None:
        _generation.set(None)
    local.pages.clear()  # this process at once; the others within PAGE_CACHE_LOCAL_SECONDS


def invalidate_now_and_on_commit(**kwargs):
    # Now, for this process; and again when the transaction commits, so that a request on
    # another server that read the old rows in between cannot keep them cached.
    invalidate()
    transaction.on_commit(invalidate)


# --- Requests ------------------------------------------------------------------------------


def begin_request(generation_value=None):
    """Start a request's scope: returns tokens for ``end_request``."""
    return (
        _generation.set(generation_value),
        _tags.set(set()),
        _memo.set({}),
    )


def end_request(tokens):
    for var, token in zip((_generation, _tags, _memo), tokens, strict=True):
        var.reset(token)


def memoise(name, build, *parts):
    """`build()` once per request for (name, parts); outside a request, every time."""
    memo = _memo.get()
    if memo is None:
        return build()
    key = (name, *parts)
    if key not in memo:
        memo[key] = build()
    return memo[key]


# --- Derived values ------------------------------------------------------------------------


def key(*parts):
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()
    return digest[:40]


def cached(name, build, *parts, timeout=None, fresh=None):
    """The result of `build()` for (name, parts), kept until the content generation changes;
    memoised for the rest of the request. `fresh(value)`, when given, says whether a kept value
    still holds (one that can also change with time, e.g. until a meet-up ends): if not, it is
    built again."""

    def fetch():
        lifetime = settings.PAGE_CACHE_SECONDS if timeout is None else timeout
        cache_key = f"derived:{generation()}:{name}:{key(*parts)}"
        value = cache.get(cache_key)
        if value is None or (fresh is not None and not fresh(value)):
            value = build()
            cache.set(cache_key, value, lifetime)
        return value

    return memoise(f"cached:{name}", fetch, *parts)


def cached_many(name, items, build, *parts, timeout=None):
    """{item: value} for each of `items`, each kept as ``cached`` keeps one value (for the item
    and `parts`), all looked up in one round trip. `build(missing)` returns {item: value} for the
    items not kept; an item it leaves out is not kept either."""
    if not items:
        return {}
    prefix = f"derived:{generation()}:{name}"
    keys = {item: f"{prefix}:{key(item, *parts)}" for item in items}
    found = cache.get_many(list(keys.values()))
    values = {item: found[cache_key] for item, cache_key in keys.items() if cache_key in found}
    missing = [item for item in items if item not in values]
    if missing:
        built = build(missing)
        lifetime = settings.PAGE_CACHE_SECONDS if timeout is None else timeout
        cache.set_many({keys[item]: value for item, value in built.items()}, lifetime)
        values.update(built)
    return values


# --- Tags ----------------------------------------------------------------------------------


def depends_on(*tag):
    """The page being rendered shows this fact (e.g. ``depends_on("meetup", key)``)."""
    tags = _tags.get()
    if tags is not None:
        tags.add(":".join(str(part) for part in tag))


def rendered_tags():
    return set(_tags.get() or ())


@contextlib.contextmanager
def recording_tags():
    """The tags recorded inside the block, as a set (they count for the request too): what a
    piece of HTML kept on its own shows, to record again wherever it is used."""
    outer = _tags.get()
    inner = set()
    token = _tags.set(inner)
    try:
        yield inner
    finally:
        _tags.reset(token)
        if outer is not None:
            outer.update(inner)


def _tag_key(tag):
    return f"pagecache:tag:{tag}"


def _stamp_key(tag):
    return f"pagecache:tagstamp:{tag}"


def _redis(cache_backend):
    client = getattr(cache_backend, "client", None)
    get_client = getattr(client, "get_client", None)
    return get_client(write=True) if get_client else None


def file_under_tags(page_key, tags, started):
    """Remember that `page_key` shows `tags`. False when one of them changed after `started`
    (the rendering may have read the old value): the caller must not keep the page then."""
    if not tags:
        return True
    stamps = cache.get_many([_stamp_key(tag) for tag in tags])
    if any(stamp >= started - CLOCK_MARGIN for stamp in stamps.values()):
        return False
    redis = _redis(cache)
    if redis is not None:
        pipe = redis.pipeline(transaction=False)
        for tag in tags:
            raw = cache.make_key(_tag_key(tag))
            pipe.sadd(raw, page_key)
            pipe.expire(raw, TAG_TIMEOUT)
        try:
            pipe.execute()
        except Exception:  # noqa: BLE001 - Redis down: keep nothing, break nothing
            logger.warning("Page cache: Redis unreachable, page not kept")
            return False
    else:  # the in-process cache (tests, one server): no concurrent writers to lose
        for tag in tags:
            members = cache.get(_tag_key(tag)) or set()
            members.add(page_key)
            cache.set(_tag_key(tag), members, TAG_TIMEOUT)
    return True


def invalidate_tag(*tag):
    """Delete every stored page that shows this fact, on every server."""
    tag = ":".join(str(part) for part in tag)
    redis = _redis(cache)
    if redis is not None:
        raw = cache.make_key(_tag_key(tag))
        stamp = cache.client.encode(time.time())  # as cache.set stores it
        pipe = redis.pipeline(transaction=True)  # one round trip: new stamp, the pages, forgotten
        pipe.set(cache.make_key(_stamp_key(tag)), stamp, ex=TAG_TIMEOUT)
        pipe.smembers(raw)
        pipe.delete(raw)
        try:
            _, members, _ = pipe.execute()
        except Exception:  # noqa: BLE001 - Redis down: nothing stored can be served either
            logger.warning("Page cache: Redis unreachable, tag %s not invalidated", tag)
            local.pages.clear()
            return
        keys = [member.decode() if isinstance(member, bytes) else member for member in members]
    else:
        cache.set(_stamp_key(tag), time.time(), TAG_TIMEOUT)
        keys = list(cache.get(_tag_key(tag)) or ())
        cache.delete(_tag_key(tag))
    if keys:
        cache.delete_many(keys)
        local.pages.forget(keys)


def invalidate_tag_on_commit(*tag):
    """When the change is committed. A page rendered from the old rows and stored after that
    is refused by ``file_under_tags`` (its rendering began before the tag's new stamp)."""
    transaction.on_commit(lambda: invalidate_tag(*tag))


# --- What counts as visible ----------------------------------------------------------------


def watch(model, *, on_create=True):
    """Saves and deletions of `model` change what visitors see (apps register their own)."""
    _watched[model._meta.label_lower] = on_create


def is_watched(model, created=False):
    on_create = _watched.get(model._meta.label_lower)
    return on_create is not None and (on_create or not created)

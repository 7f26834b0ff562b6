"""Each process's short memory of hot pages: the front door (``pagecache.wsgi``) looks here
before it asks the shared cache.

A page is kept for ``PAGE_CACHE_LOCAL_SECONDS`` after it was fetched from the shared cache (where
it was current: the lookup checks the generation), so a change made on another server or worker
reaches this process's visitors at most that long after it is committed. The process that makes
a change forgets what it changed at once (``pagecache.invalidate`` and ``invalidate_tag``). Off
(0) unless the settings turn it on: production keeps 1 second.

Bounded in bytes too: oldest first out. Every page lives only a second or so, so the oldest fill
is (almost) the least recently used one, and hits need no bookkeeping.
"""

import threading
from collections import OrderedDict

MAX_BYTES = 16 * 1024 * 1024  # per process; a page is 20-100 kB


class LocalPages:
    def __init__(self, max_bytes=MAX_BYTES):
        self.max_bytes = max_bytes
        self._pages = (
            OrderedDict()
        )  # key -> (expires, status, headers, body, hole names), oldest first
        self._bytes = 0
        self._lock = threading.Lock()  # gthread workers: fills and evictions one at a time

    def get(self, key, now):
        """The page kept for `key` if it has not expired by `now` (time.monotonic())."""
        page = self._pages.get(key)
        if page is not None and page[0] > now:
            return page
        return None

    def put(self, key, page, now):
        size = len(page[3])
        if size > self.max_bytes // 4:
            return
        with self._lock:
            old = self._pages.pop(key, None)
            if old is not None:
                self._bytes -= len(old[3])
            self._pages[key] = page
            self._bytes += size
            pages = self._pages
            while pages:
                oldest = next(iter(pages.values()))
                if self._bytes <= self.max_bytes and oldest[0] > now:
                    break
                _, oldest = pages.popitem(last=False)
                self._bytes -= len(oldest[3])

    def forget(self, keys):
        with self._lock:
            for key in keys:
                page = self._pages.pop(key, None)
                if page is not None:
                    self._bytes -= len(page[3])

    def forget_holes(self, hole_names):
        """Pages with any of these holes: their texts changed (``pagecache.holes``)."""
        names = set(hole_names)
        with self._lock:
            changed = [key for key, page in self._pages.items() if names & page[4]]
        self.forget(changed)

    def clear(self):
        with self._lock:
            self._pages.clear()
            self._bytes = 0

    def __len__(self):
        return len(self._pages)


pages = LocalPages()

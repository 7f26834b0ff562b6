"""Bulk loads (the demo content, the benchmark's seeding) index once, after the last save.

Each save of an indexed object updates the search index at once (or through a task); a load
that saves hundreds of pages, most of them twice (created, then published), spent half its time
there."""

import contextlib

from django.conf import settings
from django.test.utils import override_settings


@contextlib.contextmanager
def updates_paused():
    """Saves inside the block leave the search index alone: run ``update_index`` after it."""
    paused = {
        name: {**backend, "AUTO_UPDATE": False}
        for name, backend in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=paused):
        yield

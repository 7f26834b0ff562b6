"""The search backend: Wagtail's database backend, with each language stemmed as itself.

On PostgreSQL, Wagtail's backend indexes and searches every object with one text search
configuration (``SEARCH_CONFIG``). This site has Dutch and English pages in the same index
table, so this backend picks the configuration per object from its locale when indexing
(``LANGUAGE_SEARCH_CONFIGS``, e.g. ``{"nl": "dutch", "en": "english"}``), and the search view
asks for the configuration of the active language (``search_backend_for``). Objects without a
locale (images, documents) use ``SEARCH_CONFIG``.

On SQLite (and any other database) this falls through to Wagtail's own choice: FTS5 when
SQLite has it, which matches whole words without stemming.
"""

import copy
from collections import defaultdict

from django.db import connection
from modelsearch.backends.database import SearchBackend as database_search_backend
from modelsearch.backends.database.postgres.postgres import PostgresIndex, PostgresSearchBackend
from wagtail.search.backends import get_search_backend


class LocalisedPostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        """Index each object with the text search configuration of its language."""
        groups = defaultdict(list)
        for config, obj in self.backend.configs_for(objs):
            groups[config].append(obj)
        backend = self.backend
        try:
            for config, group in groups.items():
                # PostgresIndex.add_items reads the configuration from self.backend.
                self.backend = backend.with_config(config)
                super().add_items(model, group)
        finally:
            self.backend = backend


class LocalisedPostgresSearchBackend(PostgresSearchBackend):
    index_class = LocalisedPostgresIndex

    def __init__(self, params):
        super().__init__(params)
        self.language_configs = dict(params.get("LANGUAGE_SEARCH_CONFIGS", {}))

    def with_config(self, config):
        clone = copy.copy(self)
        clone.config = config
        return clone

    def for_language(self, language_code):
        return self.with_config(self.language_configs.get(language_code, self.config))

    def distinct_forms(self, forms):
        """The forms of a word that stem differently in this backend's language.

        Forms that stem alike would only make PostgreSQL rank the same word twice."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT form, to_tsvector(%s::regconfig, form)::text FROM unnest(%s::text[]) form",
                [self.config, list(forms)],
            )
            stems = dict(cursor.fetchall())
        seen, kept = set(), []
        for form in forms:
            if stems.get(form) not in seen:
                seen.add(stems.get(form))
                kept.append(form)
        return kept

    def configs_for(self, objs):
        """(config, obj) for each object, looking each locale up once."""
        from wagtail.models import Locale

        objs = list(objs)
        locale_ids = {getattr(obj, "locale_id", None) for obj in objs} - {None}
        languages = dict(
            Locale.objects.filter(pk__in=locale_ids).values_list("pk", "language_code")
        )
        for obj in objs:
            language = languages.get(getattr(obj, "locale_id", None))
            yield self.language_configs.get(language, self.config), obj


def SearchBackend(params):  # noqa: N802 (Wagtail looks a backend module's SearchBackend up)
    if connection.vendor == "postgresql":
        return LocalisedPostgresSearchBackend(params)
    return database_search_backend(params)


def distinct_forms(backend):
    """A function that drops forms of a word that this backend would search for alike."""
    return getattr(backend, "distinct_forms", None)


def search_backend_for(language_code):
    """The default backend, set to search in the given language where the backend can."""
    backend = get_search_backend()
    if isinstance(backend, LocalisedPostgresSearchBackend):
        return backend.for_language(language_code)
    return backend

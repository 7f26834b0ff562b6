"""The search backend: Wagtail's database backend, with each language stemmed as itself.

On PostgreSQL, Wagtail's backend indexes and searches every object with one text search
configuration (``SEARCH_CONFIG``). This site has Dutch and English pages in the same index
table, so this backend picks the configuration per object from its locale when indexing
(``LANGUAGE_SEARCH_CONFIGS``, e.g. ``{"nl": "dutch", "en": "english"}``), and the search view
asks for the configuration of the active language (``search_backend_for``). Objects without a
locale (images, documents) use ``SEARCH_CONFIG``.

Wagtail's backend matches ``(title || body) @@ query``: concatenating two vectors for every row
costs more than the match itself. ``search/migrations/0002`` stores that concatenation as a
generated column of the index table (``title_body``, with a GIN index), and this backend matches
on it; the ranking is Wagtail's own (title and body ranked apart). ``ranked_pks`` ranks all
matches in one query that ranks the index rows first and then joins the pages by their integer
key (Wagtail joins first, carrying every row's vectors through the join, and compares text keys).

On SQLite (and any other database) this falls through to Wagtail's own choice: FTS5 when
SQLite has it, which matches whole words without stemming.
"""

import copy
from collections import defaultdict

from django.contrib.postgres.search import SearchVectorField
from django.db import connection
from django.db.models import Expression, F, IntegerField
from django.db.models.functions import Cast
from modelsearch.backends.database import SearchBackend as database_search_backend
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.query import And, Fuzzy, MatchAll, Not, Or, PlainText
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.search.backends import get_search_backend

STORED_VECTOR = "title_body"  # search/migrations/0002: title || body, generated and indexed


class StoredVector(Expression):
    """The index entry's stored ``title || body``: the column beside ``index_entries__title``,
    through the same join."""

    output_field = SearchVectorField()

    def __init__(self, sibling="index_entries__title", column=STORED_VECTOR):
        super().__init__()
        self.sibling, self.column, self.col = sibling, column, None

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        clone = self.copy()
        clone.col = F(self.sibling).resolve_expression(query, allow_joins, reuse, summarize)
        return clone

    def get_source_expressions(self):
        return [self.col] if self.col is not None else []

    def set_source_expressions(self, exprs):
        self.col = exprs[0] if exprs else None

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(self.col.alias)
        return f"{table}.{connection.ops.quote_name(self.column)}", []


class StoredVectorQueryCompiler(PostgresSearchQueryCompiler):
    def search(self, config, start, stop, score_field=None, backend=None):
        """Wagtail's search (same ranking), matched on the stored vector instead of
        ``title || body`` computed per row. Only for searches over the index (no ``fields``)."""
        if self.fields is not None or isinstance(self.query, (MatchAll, Fuzzy)):
            return super().search(config, start, stop, score_field, backend)
        if isinstance(self.query, Not) and isinstance(self.query.subquery, MatchAll):
            return super().search(config, start, stop, score_field, backend)
        search_query = self.build_tsquery(self.query, config=config)
        vectors = self.get_search_vectors(search_query)
        rank_expression = self._build_rank_expression(vectors, config)
        queryset = self.queryset.annotate(_vector_=StoredVector()).filter(_vector_=search_query)
        return self._apply_ordering_and_scoring(queryset, rank_expression, start, stop, score_field)


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


# (text search configuration, form) -> its stems, as to_tsvector gives them; per process.
_stems = {}
MAX_KEPT_STEMS = 20_000
# (configuration, content types, plain query) -> the ranking SQL and parameters; per process.
_rankings = {}
MAX_KEPT_RANKINGS = 1_000


class LocalisedPostgresSearchBackend(PostgresSearchBackend):
    index_class = LocalisedPostgresIndex
    query_compiler_class = StoredVectorQueryCompiler

    def __init__(self, params):
        super().__init__(params)
        self.language_configs = dict(params.get("LANGUAGE_SEARCH_CONFIGS", {}))

    def with_config(self, config):
        clone = copy.copy(self)
        clone.config = config
        return clone

    def for_language(self, language_code):
        return self.with_config(self.language_configs.get(language_code, self.config))

    def distinct_forms(self, terms):
        """For each term (its forms, the word as typed first), the forms that stem differently
        in this backend's language. A term whose typed word the language ignores (a stop word
        such as "naar" or "over") is left out with its forms: PostgreSQL drops the word itself,
        and its look-alike plurals ("naren", "overs") are words no page needs to have.

        Forms that stem alike would only make PostgreSQL rank the same word twice. A form's
        stem never changes: each process asks PostgreSQL once per form (a round trip less on
        most searches)."""
        stems = self._stems_of([form for forms in terms for form in forms])
        kept_terms = []
        for forms in terms:
            if not stems.get(forms[0]):
                continue
            seen, kept = set(), []
            for form in forms:
                stem = stems.get(form)
                if stem and stem not in seen:
                    seen.add(stem)
                    kept.append(form)
            kept_terms.append(kept)
        return kept_terms

    def _stems_of(self, forms):
        """{form: its to_tsvector text ('' for a word the language ignores)}."""
        stems = {form: _stems[self.config, form] for form in forms if (self.config, form) in _stems}
        unknown = [form for form in forms if form not in stems]
        if unknown:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT form, to_tsvector(%s::regconfig, form)::text"
                    " FROM unnest(%s::text[]) form",
                    [self.config, unknown],
                )
                found = dict(cursor.fetchall())
            if len(_stems) > MAX_KEPT_STEMS:
                _stems.clear()
            _stems.update(((self.config, form), stem) for form, stem in found.items())
            stems.update(found)
        return stems

    def ranked_pks(self, query, queryset, among=None):
        """The pks of the objects of `queryset` (a model with integer keys) that match `query`,
        best first, as Wagtail's ``search(query, queryset)`` orders them, in one query: the index
        rows are matched and ranked on their own, then joined to `queryset` by key. `among`, when
        the caller knows the pks of `queryset` already (a set or dict): no join, the ranked keys
        not among them are left out here."""
        if not _plain(query):
            return [obj.pk for obj in self.search(query, queryset)]
        entries_sql, entries_params = self._ranking_sql(query, queryset)
        if among is not None:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT e._key FROM ({entries_sql}) e ORDER BY e._rank DESC, e._key DESC",  # noqa: S608
                    entries_params,
                )
                return [pk for (pk,) in cursor.fetchall() if pk in among]
        objects_sql, objects_params = queryset.order_by().values_list("pk").query.sql_with_params()
        # OFFSET 0 keeps the ranking inside the index rows' subquery (computed before the join).
        # Both parts are Django's SQL with their parameters apart: nothing typed is in the text.
        sql = (
            f"SELECT o.pk FROM ({objects_sql}) o(pk)"  # noqa: S608
            f" JOIN ({entries_sql} OFFSET 0) e ON e._key = o.pk"
            " ORDER BY e._rank DESC, o.pk DESC"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, (*objects_params, *entries_params))
            return [pk for (pk,) in cursor.fetchall()]

    def _ranking_sql(self, query, queryset):
        """The SQL (and parameters) that matches and ranks the index rows of `queryset`'s model
        for `query`. Building Wagtail's rank expression costs a quarter of a short search, and
        the SQL follows from the language, the model's content types and the query alone: each
        process builds it once per query."""
        content_types = tuple(get_descendants_content_types_pks(queryset.model))
        key = (self.config, content_types, repr(query))  # a plain query's repr says it all
        found = _rankings.get(key)
        if found is None:
            compiler = self.query_compiler_class(queryset, query)
            config = compiler.get_config(self)
            rank = compiler._build_rank_expression(
                [(F("title"), F("title_norm")), (F("body"), 1.0)], config
            )
            entries = (
                IndexEntry._default_manager.filter(content_type_id__in=content_types)
                .annotate(_vector_=StoredVector(sibling="title"))
                .filter(_vector_=compiler.build_tsquery(query, config=config))
                .annotate(_key=Cast("object_id", IntegerField()), _rank=rank)
                .values_list("_key", "_rank")
            )
            found = entries.query.sql_with_params()
            if len(_rankings) >= MAX_KEPT_RANKINGS:
                _rankings.clear()
            _rankings[key] = found
        return found

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


def _plain(query):
    """Only words, all and any (what search.query builds): ``ranked_pks`` handles these."""
    if isinstance(query, PlainText):
        return True
    return isinstance(query, (And, Or)) and all(_plain(sub) for sub in query.subqueries)


def ranked_pks(backend, query, queryset, among=None):
    """The pks of `queryset`'s objects that match `query`, best first, with any backend
    (`among`: see ``LocalisedPostgresSearchBackend.ranked_pks``)."""
    if hasattr(backend, "ranked_pks"):
        return backend.ranked_pks(query, queryset, among)
    return list(backend.search(query, queryset).get_queryset().values_list("pk", flat=True))


def distinct_forms(backend):
    """A function that drops, per term, the forms this backend would search for alike and the
    terms it ignores (``LocalisedPostgresSearchBackend.distinct_forms``)."""
    return getattr(backend, "distinct_forms", None)


def search_backend_for(language_code):
    """The default backend, set to search in the given language where the backend can."""
    backend = get_search_backend()
    if isinstance(backend, LocalisedPostgresSearchBackend):
        return backend.for_language(language_code)
    return backend

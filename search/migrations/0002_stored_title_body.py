"""The index table's ``title || body`` stored, indexed, and its rows kept whole in the table.

The search backend (search/backend.py) matches on ``title || body``. Computed per row, that
concatenation cost more than the match itself; as a generated column (``title_body``, written
whenever Wagtail writes an entry) the match reads it, and a GIN index serves the rarer words. It
replaces 0001's index on the expression.

``toast_tuple_target``: PostgreSQL moves a row's longest values out of the table (TOAST) once the
row passes about 2 kB. With the vectors and plain texts of a page, most rows did, so ranking
fetched each page's body vector from the TOAST table. Rows now stay whole up to 8 kB (a page of
text); longer ones are still moved out. Adding the column rewrites the table, so existing rows
follow at once. Other databases: nothing to do.
"""

from django.db import migrations

TABLE = "wagtailsearch_indexentry"
COLUMN = "title_body"
INDEX = "search_indexentry_title_body_stored_gin"
OLD_INDEX = "search_indexentry_title_body_gin"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    for statement in (
        f'ALTER TABLE "{table}" SET (toast_tuple_target = 8160)',
        f'ALTER TABLE "{table}" ADD COLUMN IF NOT EXISTS "{COLUMN}" tsvector'
        ' GENERATED ALWAYS AS ("title" || "body") STORED',
        f'CREATE INDEX IF NOT EXISTS {INDEX} ON "{table}" USING gin ("{COLUMN}")',
        f"DROP INDEX IF EXISTS {OLD_INDEX}",
        f'ANALYZE "{table}"',
    ):
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    for statement in (
        f'CREATE INDEX IF NOT EXISTS {OLD_INDEX} ON "{table}" USING gin (("title" || "body"))',
        f"DROP INDEX IF EXISTS {INDEX}",
        f'ALTER TABLE "{table}" DROP COLUMN IF EXISTS "{COLUMN}"',
        f'ALTER TABLE "{table}" RESET (toast_tuple_target)',
    ):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_index_title_and_body_together")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]

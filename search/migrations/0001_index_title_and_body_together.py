"""A GIN index on the expression PostgreSQL's database search backend filters on.

Wagtail's backend matches ``(title || body) @@ query`` on wagtailsearch_indexentry, but only
indexes ``title`` and ``body`` separately, so every search read and decompressed every row's
vectors. With this index the matching set comes from the index (see docs/architecture.md,
"Search"). Other databases: nothing to do.
"""

from django.db import migrations

INDEX = "search_indexentry_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS {INDEX} ON "{table}" USING gin (("title" || "body"))'
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]

"""The index table's vectors stay uncompressed in the row as long as the row allows.

0002 keeps rows up to 8 kB whole. A longer row (a long page) is shrunk by PostgreSQL, which first
compresses its largest compressible values: often the body vector, which the search then
decompresses for every match. With the vectors stored MAIN, the plain texts (only Wagtail's
fuzzy search reads them) are compressed and moved out first; the vectors only when that is not
enough. Applies to rows written from now on. Other databases: nothing to do.
"""

from django.db import migrations

VECTORS = ("title", "body", "title_body")


def storage(kind):
    def change(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
        columns = ", ".join(f'ALTER COLUMN "{column}" SET STORAGE {kind}' for column in VECTORS)
        schema_editor.execute(f'ALTER TABLE "{table}" {columns}')

    return change


class Migration(migrations.Migration):
    dependencies = [("search", "0002_stored_title_body")]

    operations = [
        migrations.RunPython(storage("MAIN"), storage("EXTENDED"), elidable=False),
    ]

"""Sign-ups are no longer in Wagtail's reference index (events/wagtail_hooks.py): forget the
rows the worker wrote for them, so a meet-up's usage in the admin lists no one's name."""

from django.db import migrations


def forget(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    signup_type = ContentType.objects.filter(app_label="events", model="signup").first()
    if signup_type is not None:
        ReferenceIndex.objects.filter(base_content_type=signup_type).delete()
        ReferenceIndex.objects.filter(content_type=signup_type).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0007_meetup_start_index"),
        ("wagtailcore", "0078_referenceindex"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forget, migrations.RunPython.noop)]

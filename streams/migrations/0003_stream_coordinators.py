"""Coordinator groups were found by the stream's title; link each existing one to its stream's
translation key once, so that renaming a stream no longer loses its coordinators."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def link_existing_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    StreamPage = apps.get_model("streams", "StreamPage")
    StreamCoordinators = apps.get_model("streams", "StreamCoordinators")
    streams = StreamPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    for stream in streams:
        group = Group.objects.filter(name=f"Coördinatoren {stream.title}"[:150]).first()
        if group is not None:
            StreamCoordinators.objects.get_or_create(
                stream_key=stream.translation_key, defaults={"group": group}
            )


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('streams', '0002_participant_province_optional'),
    ]

    operations = [
        migrations.CreateModel(
            name='StreamCoordinators',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('stream_key', models.UUIDField(unique=True, verbose_name='vertaalsleutel van de stroom')),
                ('group', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='stream_coordinators', to='auth.group')),
            ],
            options={
                'verbose_name': 'coördinatoren van een stroom',
                'verbose_name_plural': 'coördinatoren van stromen',
            },
        ),
        migrations.RunPython(link_existing_groups, migrations.RunPython.noop),
    ]

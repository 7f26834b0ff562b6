import modelcluster.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("streams", "0003_stream_coordinators"),
    ]

    operations = [
        migrations.AddField(
            model_name="articlepage",
            name="participants",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True,
                help_text="Organisaties waar dit artikel over gaat; het verschijnt op hun pagina.",
                limit_choices_to={"locale__language_code": "nl"},
                related_name="+",
                to="streams.participantpage",
                verbose_name="genoemde deelnemers",
            ),
        ),
    ]

"""The editors' role groups, as movement.roles.ROLES names them. Their permissions are set (and
kept) by movement.roles.ensure_roles, which runs after every migrate, once every permission
exists."""

from django.db import migrations

from movement.roles import MEETUP_ORGANISERS, ROLES

GROUPS = [role.name for role in ROLES]


WAGTAIL_DEFAULT_GROUPS = ["Editors", "Moderators"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in GROUPS:
        Group.objects.get_or_create(name=name)
    # Wagtail's example groups would be a second, undocumented set of roles.
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS, user__isnull=True).delete()


def remove_groups(apps, schema_editor):
    # The meet-up organisers' group is events 0004's to remove.
    names = [name for name in GROUPS if name != MEETUP_ORGANISERS]
    apps.get_model("auth", "Group").objects.filter(name__in=names).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("movement", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0048_add_default_workflows"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]

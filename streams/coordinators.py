"""One group of coordinators per stream: they edit only their own stream's pages, and what they
publish goes through the LOC editors' moderation (movement.roles)."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from movement.roles import grant_collections

COORDINATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page", "unlock_page"]


def coordinator_group_name(stream):
    return f"Coördinatoren {stream.title}"[:150]


def ensure_coordinator_group(stream):
    group, _ = Group.objects.get_or_create(name=coordinator_group_name(stream))
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    grant_collections(group)
    pages = [stream, *stream.get_translations()]
    for page in pages:
        for codename in COORDINATOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    return group

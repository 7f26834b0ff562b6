"""One group of coordinators per stream: they edit only their own stream's pages, and what they
publish goes through the LOC editors' moderation. Their permissions are movement.roles.COORDINATORS.

A group belongs to its stream by the stream's translation key (StreamCoordinators), shared by all
its language versions; the group's name ("Coördinatoren <title>") only follows the title."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from movement import roles
from streams.models import StreamCoordinators


def coordinator_group_name(stream):
    return f"{roles.COORDINATORS.name} {stream.title}"[:150]


def original_of(stream):
    """The stream in the site's default language (the one its coordinators' group is named after)."""
    return stream.get_translation_or_none(stream.locale.get_default()) or stream


def coordinator_group(stream):
    link = (
        StreamCoordinators.objects.select_related("group")
        .filter(stream_key=stream.translation_key)
        .first()
    )
    return link.group if link is not None else None


def _free_name(name, stream):
    if not Group.objects.filter(name=name).exists():
        return name
    return f"{name[:140]} ({stream.pk})"


def ensure_coordinator_group(stream):
    """The stream's coordinators' group (created if needed), named after its current title, with
    the coordinators' rights on the stream in every language. Idempotent."""
    original = original_of(stream)
    name = coordinator_group_name(original)
    group = coordinator_group(original)
    if group is None:
        group = Group.objects.create(name=_free_name(name, original))
        StreamCoordinators.objects.create(stream_key=original.translation_key, group=group)
    elif group.name != name:
        group.name = _free_name(name, original)
        group.save(update_fields=["name"])
    roles.apply_role(group, roles.COORDINATORS, [original, *original.get_translations()])
    return group


def coordinator_addresses(stream):
    """The e-mail addresses of the stream's active coordinators, sorted."""
    return sorted(
        set(
            get_user_model()
            .objects.filter(
                groups__stream_coordinators__stream_key=stream.translation_key, is_active=True
            )
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )

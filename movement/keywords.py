"""Keyword (Trefwoord) housekeeping: how often a keyword is used, and merging one into another."""

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from taggit.models import ItemBase, Tag
from wagtail.models import Revision


def _tags_with_a_foreign_key(model):
    try:
        content_object = model._meta.get_field("content_object")
    except FieldDoesNotExist:
        return False
    return content_object.concrete and model._meta.get_field("tag").related_model is Tag


def keyword_through_models():
    """Every through model that tags content with a taggit Tag (one per page type)."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, ItemBase) and _tags_with_a_foreign_key(model)
    ]


def keyword_usage(tag_ids=None):
    """{tag id: number of taggings}, over all content types."""
    from django.db.models import Count

    usage = {}
    for through in keyword_through_models():
        rows = through.objects.all()
        if tag_ids is not None:
            rows = rows.filter(tag_id__in=tag_ids)
        for row in rows.values("tag_id").annotate(n=Count("pk")).order_by():
            usage[row["tag_id"]] = usage.get(row["tag_id"], 0) + row["n"]
    return usage


@transaction.atomic
def merge_keywords(sources, target):
    """Move every tagging of `sources` to `target`, then delete the sources.

    Drafts keep their keywords too: the tag ids inside page revisions are rewritten."""
    source_ids = [tag.pk for tag in sources if tag.pk != target.pk]
    if not source_ids:
        return 0
    moved = 0
    for through in keyword_through_models():
        already = set(
            through.objects.filter(tag=target).values_list("content_object_id", flat=True)
        )
        duplicates = through.objects.filter(tag_id__in=source_ids, content_object_id__in=already)
        duplicates.delete()
        seen = set()
        for item in through.objects.filter(tag_id__in=source_ids).order_by("pk"):
            if item.content_object_id in seen:
                item.delete()
                continue
            seen.add(item.content_object_id)
            item.tag = target
            item.save(update_fields=["tag"])
            moved += 1
    rewrite_revisions(source_ids, target)
    Tag.objects.filter(pk__in=source_ids).delete()
    return moved


def rewrite_revisions(source_ids, target):
    """Page revisions store taggings as {"tag": id}; point those at the target keyword."""
    for revision in Revision.objects.filter(content__has_key="keyword_items").iterator():
        items = revision.content.get("keyword_items") or []
        changed = False
        for item in items:
            if item.get("tag") in source_ids:
                item["tag"] = target.pk
                changed = True
        if changed:
            revision.save(update_fields=["content"])

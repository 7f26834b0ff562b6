"""The one place that decides which changes make cached pages stale (see ``pagecache``).

Counts: a live page published, unpublished, moved or deleted (and a page created live, as code
and imports do); a save or deletion of a watched model. Not: draft saves (Wagtail saves the page
row with ``update_fields`` for its draft bookkeeping), revisions, log entries, search index rows,
sessions, tasks, e-mails. Sign-ups change one meet-up's places: events invalidate that tag.
"""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from movement import pagecache

# Models whose changes show on public pages: Wagtail's, the libraries', and the shared core's
# own (site settings, footer menu, themes). The apps above register theirs with watch().
WATCHED = (
    "movement.theme",
    "movement.footerlink",
    "wagtailcore.site",
    "wagtailcore.locale",
    "wagtailcore.pageviewrestriction",
    "wagtailimages.image",
    "wagtaildocs.document",
    "wagtailsearchpromotions.searchpromotion",
    "taggit.tag",
)
# A fresh settings row (made on a site's first request) changes nothing visible.
WATCHED_EXCEPT_NEW = ("movement.sitesettings",)


def on_page_save(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    if raw or not instance.live:
        return
    if created or update_fields is None:
        pagecache.invalidate_now_and_on_commit()


def on_page_delete(sender, instance, **kwargs):
    if instance.live:
        pagecache.invalidate_now_and_on_commit()


def on_page_event(sender, **kwargs):
    pagecache.invalidate_now_and_on_commit()


def on_move(sender, instance, **kwargs):
    if instance.live:
        pagecache.invalidate_now_and_on_commit()


def on_change(sender, raw=False, created=False, **kwargs):
    if not raw and pagecache.is_watched(sender, created):
        pagecache.invalidate_now_and_on_commit()


def on_m2m(sender, instance, action, **kwargs):
    if action.startswith("post_") and pagecache.is_watched(type(instance)):
        pagecache.invalidate_now_and_on_commit()


def connect():
    for labels, on_create in ((WATCHED, True), (WATCHED_EXCEPT_NEW, False)):
        for label in labels:
            try:
                pagecache.watch(apps.get_model(label), on_create=on_create)
            except LookupError:  # an optional Wagtail app that is not installed
                continue
    for model in apps.get_models():
        if issubclass(model, Page):
            post_save.connect(on_page_save, sender=model, dispatch_uid=f"pagecache-page-{model}")
            post_delete.connect(on_page_delete, sender=model, dispatch_uid=f"pagecache-del-{model}")
    post_save.connect(on_change, dispatch_uid="pagecache-save")
    post_delete.connect(on_change, dispatch_uid="pagecache-delete")
    m2m_changed.connect(on_m2m, dispatch_uid="pagecache-m2m")
    for signal in (page_published, page_unpublished, page_slug_changed):
        signal.connect(on_page_event, dispatch_uid=f"pagecache-{id(signal)}")
    post_page_move.connect(on_move, dispatch_uid="pagecache-move")

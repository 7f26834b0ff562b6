"""What invalidates the page cache: any change to what an anonymous visitor can see."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from movement.pagecache import invalidate

# Models (besides every page type) whose changes show on public pages. Not: revisions, log
# entries, search index rows, search-term statistics, renditions, sessions, tasks, e-mails.
RELEVANT = {
    "wagtailcore.site",
    "wagtailcore.locale",
    "wagtailcore.pageviewrestriction",
    "wagtailimages.image",
    "wagtaildocs.document",
    "wagtailsearchpromotions.searchpromotion",
    "taggit.tag",
    "events.meetupseries",
    "events.signup",  # places left, "full" on cards
}


def is_relevant(model):
    from wagtail.models import Page

    meta = model._meta
    return issubclass(model, Page) or meta.app_label == "movement" or meta.label_lower in RELEVANT


def invalidate_now_and_on_commit():
    # Now, for this process; and again when the transaction commits, so that a request on
    # another server that read the old rows in between cannot keep them cached.
    invalidate()
    transaction.on_commit(invalidate)


def on_change(sender, raw=False, **kwargs):
    if not raw and is_relevant(sender):
        invalidate_now_and_on_commit()


def on_page_event(sender, **kwargs):
    invalidate_now_and_on_commit()


def connect():
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    post_save.connect(on_change, dispatch_uid="pagecache-save")
    post_delete.connect(on_change, dispatch_uid="pagecache-delete")
    m2m_changed.connect(on_m2m, dispatch_uid="pagecache-m2m")
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(on_page_event, dispatch_uid=f"pagecache-{id(signal)}")


def on_m2m(sender, instance, action, **kwargs):
    if action.startswith("post_") and is_relevant(type(instance)):
        invalidate_now_and_on_commit()

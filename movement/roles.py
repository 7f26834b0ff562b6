"""The editors' roles, as Django groups with Wagtail page and collection permissions.

| group                | may                                                                  |
|----------------------|----------------------------------------------------------------------|
| Site administrators  | everything (all permissions, all pages)                              |
| LOC editors          | all content in both languages, themes, keywords, images, documents;  |
|                      | approve what others submit; not the sign-ups' personal data          |
| Coördinatoren <x>    | edit their own stream's pages; publishing goes through moderation    |
| Meet-up organisers   | prepare meet-ups (published after moderation), the sign-ups' data    |
| Translators          | translate into English (wagtail-localize), publish English pages     |

Created by a data migration (movement 0002) and kept in place after every migrate/flush, since
page permissions need pages that only exist once content does (see movement/signals.py).
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

SITE_ADMINISTRATORS = "Site administrators"
LOC_EDITORS = "LOC editors"
TRANSLATORS = "Translators"
MEETUP_ORGANISERS = "Meet-up organisers"
WORKFLOW_NAME = "Redactiecontrole"
TASK_NAME = "Akkoord van de LOC-redactie"

ALL_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
]
EDITOR_MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("movement", "add_theme"),
    ("movement", "change_theme"),
    ("movement", "delete_theme"),
    ("taggit", "add_tag"),
    ("taggit", "change_tag"),
    ("taggit", "delete_tag"),
    ("events", "add_meetupseries"),
    ("events", "change_meetupseries"),
    ("events", "delete_meetupseries"),
    ("streams", "view_joinapplication"),
    ("streams", "delete_joinapplication"),
    ("wagtail_localize", "submit_translation"),
    ("wagtailsearchpromotions", "add_searchpromotion"),
    ("wagtailsearchpromotions", "change_searchpromotion"),
    ("wagtailsearchpromotions", "delete_searchpromotion"),
    ("wagtailredirects", "add_redirect"),
    ("wagtailredirects", "change_redirect"),
    ("wagtailredirects", "delete_redirect"),
]
TRANSLATOR_MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtail_localize", "submit_translation"),
    ("movement", "change_theme"),
    ("events", "change_meetupseries"),
]
COLLECTION_PERMISSIONS = [
    "add_image",
    "change_image",
    "choose_image",
    "add_document",
    "change_document",
    "choose_document",
]


def _permissions(pairs):
    query = Q(pk__in=[])
    for app_label, codename in pairs:
        query |= Q(content_type__app_label=app_label, codename=codename)
    return list(Permission.objects.filter(query))


def _page_permissions(codenames):
    return list(
        Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames)
    )


def grant_pages(group, page, codenames):
    for permission in _page_permissions(codenames):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def grant_collections(group, codenames=COLLECTION_PERMISSIONS):
    root = Collection.get_first_root_node()
    if root is None:
        return
    for permission in Permission.objects.filter(codename__in=codenames):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )


def ensure_roles():
    """Create or complete every role group and the moderation workflow. Idempotent."""
    root = Page.get_first_root_node()

    admins, _ = Group.objects.get_or_create(name=SITE_ADMINISTRATORS)
    admins.permissions.set(Permission.objects.all())

    editors, _ = Group.objects.get_or_create(name=LOC_EDITORS)
    editors.permissions.add(*_permissions(EDITOR_MODEL_PERMISSIONS))
    grant_collections(editors)

    translators, _ = Group.objects.get_or_create(name=TRANSLATORS)
    translators.permissions.add(*_permissions(TRANSLATOR_MODEL_PERMISSIONS))
    grant_collections(translators, ["choose_image", "choose_document"])

    organisers, _ = Group.objects.get_or_create(name=MEETUP_ORGANISERS)
    organisers.permissions.add(
        *_permissions(
            [
                ("wagtailadmin", "access_admin"),
                ("events", "view_signup"),
                ("events", "change_signup"),
                ("events", "view_personal_data"),
            ]
        )
    )
    grant_collections(organisers)

    if root is not None:
        grant_pages(admins, root, ALL_PAGE_PERMISSIONS)
        grant_pages(editors, root, ALL_PAGE_PERMISSIONS)
        ensure_moderation_workflow(root, editors)
    grant_section_pages()


def ensure_moderation_workflow(root, editors):
    """Everyone without publish rights submits to the LOC editors, who approve or reject."""
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.set([editors])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


def grant_section_pages():
    """Page permissions that hang on content: English pages for translators, meet-ups for organisers."""
    from django.conf import settings

    from events.models import MeetupIndexPage
    from home.models import HomePage

    translators = Group.objects.filter(name=TRANSLATORS).first()
    organisers = Group.objects.filter(name=MEETUP_ORGANISERS).first()
    if translators is not None:
        for home in HomePage.objects.exclude(locale__language_code=settings.LANGUAGE_CODE):
            grant_pages(
                translators,
                home,
                ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
            )
    if organisers is not None:
        # Organisers prepare meet-ups; the LOC editors approve them for publication.
        for index in MeetupIndexPage.objects.all():
            grant_pages(organisers, index, ["add_page", "change_page", "lock_page", "unlock_page"])

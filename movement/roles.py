"""The editors' roles: every group's permissions are defined here, once, in ROLES.

| group                | may                                                                  |
|----------------------|----------------------------------------------------------------------|
| Site administrators  | everything (all permissions, all pages)                              |
| LOC editors          | all content in both languages, themes, keywords, images, documents;  |
|                      | approve what others submit; not the sign-ups' personal data          |
| Coördinatoren <x>    | edit their own stream's pages; publishing goes through moderation    |
| Meet-up organisers   | prepare meet-ups (published after moderation), the sign-ups' data    |
| Translators          | translate into English (wagtail-localize), publish English pages     |

The pages a role works on belong to the apps above this core: each app registers them with
register_section() from its AppConfig.ready (the translators' English home pages from home, the
meet-up indexes from events). One group of coordinators per stream is made by streams from the
COORDINATORS definition (streams/coordinators.py).

The groups are created by a data migration (movement 0002) from ROLES and completed after every
migrate/flush (movement/signals.py), since page permissions need pages that only exist once
content does; a new section page gets its permissions when it is created.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.db.models.signals import post_save
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
COLLECTION_PERMISSIONS = [
    "add_image",
    "change_image",
    "choose_image",
    "add_document",
    "change_document",
    "choose_document",
]


@dataclass(frozen=True)
class Role:
    """One group's permissions. model_permissions=None means every permission there is;
    root_page_permissions hang on the page tree's root, section_page_permissions on the pages
    the apps register for the role (register_section)."""

    name: str
    model_permissions: list | None = field(default_factory=list)
    collection_permissions: list = field(default_factory=list)
    root_page_permissions: list = field(default_factory=list)
    section_page_permissions: list = field(default_factory=list)
    moderates: bool = False


ROLES = [
    Role(
        SITE_ADMINISTRATORS,
        model_permissions=None,
        root_page_permissions=ALL_PAGE_PERMISSIONS,
    ),
    Role(
        LOC_EDITORS,
        model_permissions=[
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
            ("streams", "view_reaction"),
            ("streams", "change_reaction"),
            ("streams", "delete_reaction"),
            # Newsletter issues, not the subscribers (personal data: site administrators).
            ("streams", "add_newsletterissue"),
            ("streams", "change_newsletterissue"),
            ("streams", "view_newsletterissue"),
            ("wagtail_localize", "submit_translation"),
            ("wagtailsearchpromotions", "add_searchpromotion"),
            ("wagtailsearchpromotions", "change_searchpromotion"),
            ("wagtailsearchpromotions", "delete_searchpromotion"),
            ("wagtailredirects", "add_redirect"),
            ("wagtailredirects", "change_redirect"),
            ("wagtailredirects", "delete_redirect"),
        ],
        collection_permissions=COLLECTION_PERMISSIONS,
        root_page_permissions=ALL_PAGE_PERMISSIONS,
        moderates=True,
    ),
    Role(
        TRANSLATORS,
        model_permissions=[
            ("wagtailadmin", "access_admin"),
            ("wagtail_localize", "submit_translation"),
            ("movement", "change_theme"),
            ("events", "change_meetupseries"),
        ],
        collection_permissions=["choose_image", "choose_document"],
        # On the home pages of the other languages: English pages, published by translators.
        section_page_permissions=[
            "add_page",
            "change_page",
            "publish_page",
            "lock_page",
            "unlock_page",
        ],
    ),
    Role(
        MEETUP_ORGANISERS,
        model_permissions=[
            ("wagtailadmin", "access_admin"),
            ("events", "view_signup"),
            ("events", "change_signup"),
            ("events", "view_personal_data"),
        ],
        collection_permissions=COLLECTION_PERMISSIONS,
        # Organisers prepare meet-ups; the LOC editors approve them for publication.
        section_page_permissions=["add_page", "change_page", "lock_page", "unlock_page"],
    ),
]

# The template of every stream's coordinators' group ("Coördinatoren <stream>"), applied per
# stream by streams/coordinators.py on the stream's pages in every language.
COORDINATORS = Role(
    "Coördinatoren",
    model_permissions=[
        ("wagtailadmin", "access_admin"),
        # Only their own streams' reactions (streams/reaction_admin.py narrows the listing).
        ("streams", "view_reaction"),
        ("streams", "change_reaction"),
    ],
    collection_permissions=COLLECTION_PERMISSIONS,
    section_page_permissions=["add_page", "change_page", "lock_page", "unlock_page"],
)


def role(name):
    return next(candidate for candidate in ROLES if candidate.name == name)


@dataclass(frozen=True)
class Section:
    role: str
    model: type
    pages: object  # a callable returning the pages, or None for every page of the model

    def all_pages(self):
        return self.pages() if self.pages is not None else self.model.objects.all()


_sections = []


def register_section(role_name, model, pages=None):
    """The pages of `model` (or those `pages()` returns) are where the role `role_name` works: its
    section_page_permissions are granted on them now and whenever such a page is created."""
    _sections.append(Section(role_name, model, pages))
    post_save.connect(
        grant_on_new_section, sender=model, dispatch_uid=f"roles-{role_name}-{model._meta.label}"
    )


def grant_on_new_section(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        grant_section_pages()


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


def apply_role(group, definition, pages=()):
    """Give `group` what `definition` says: model and collection permissions, page permissions
    on the root and on `pages` (its section). Adds, never removes. Idempotent."""
    if definition.model_permissions is None:
        group.permissions.set(Permission.objects.all())
    else:
        group.permissions.add(*_permissions(definition.model_permissions))
    if definition.collection_permissions:
        grant_collections(group, definition.collection_permissions)
    root = Page.get_first_root_node()
    if root is not None and definition.root_page_permissions:
        grant_pages(group, root, definition.root_page_permissions)
    for page in pages:
        grant_pages(group, page, definition.section_page_permissions)


def ensure_roles():
    """Create or complete every role group and the moderation workflow. Idempotent."""
    for definition in ROLES:
        group, _ = Group.objects.get_or_create(name=definition.name)
        apply_role(group, definition)
    root = Page.get_first_root_node()
    if root is not None:
        moderators = [
            Group.objects.get(name=definition.name) for definition in ROLES if definition.moderates
        ]
        ensure_moderation_workflow(root, moderators)
    grant_section_pages()


def ensure_moderation_workflow(root, moderators):
    """Everyone without publish rights submits to the LOC editors, who approve or reject."""
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.set(moderators)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


def grant_section_pages():
    """Page permissions that hang on content, on the sections the apps registered."""
    for section in _sections:
        group = Group.objects.filter(name=section.role).first()
        if group is not None:
            for page in section.all_pages():
                grant_pages(group, page, role(section.role).section_page_permissions)

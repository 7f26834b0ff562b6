"""The kinds of content a visitor can filter on: one registry, fed by the apps.

The ground floor knows no page models; each app registers its own kinds in its
``AppConfig.ready`` (``movement.kinds.register(Kind(...))``). Theme and keyword pages, the site
search and the admin's theme usage all read this one list, so a kind has one slug in every URL
(``?soort=artikel``). Old slugs from earlier URLs are kept as ``aliases``.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType


@dataclass(frozen=True)
class Kind:
    slug: str  # the value in the URL (?soort=...)
    label: str
    plural: str
    model_label: str  # "app_label.ModelName"
    date_field: str = "first_published_at"  # newest first on theme and keyword pages
    stream_field: str = ""  # a many-to-many to streams; pages under a stream belong to it too
    order: int = 0
    aliases: tuple = ()  # slugs this kind had in older URLs
    is_stream: bool = False  # the streams themselves (the "stroom" filter lists these)

    @property
    def model(self):
        return apps.get_model(self.model_label)

    @property
    def relation(self):
        """The name that leads from a wagtailcore Page to this kind's own table."""
        return self.model._meta.model_name

    @property
    def content_type(self):
        return ContentType.objects.get_for_model(self.model)

    def has_field(self, name):
        return any(field.name == name for field in self.model._meta.get_fields())


class KindRegistry:
    def __init__(self):
        self._kinds = {}

    def register(self, kind):
        self._kinds[kind.slug] = kind
        return kind

    def __iter__(self):
        return iter(sorted(self._kinds.values(), key=lambda kind: (kind.order, kind.slug)))

    def __len__(self):
        return len(self._kinds)

    def get(self, slug):
        """The kind with this slug (or one of its old slugs), else None."""
        if slug in self._kinds:
            return self._kinds[slug]
        return next((kind for kind in self if slug in kind.aliases), None)

    @property
    def stream_kind(self):
        return next((kind for kind in self if kind.is_stream), None)

    def aliases(self):
        """{old slug: slug} for every kind."""
        return {alias: kind.slug for kind in self for alias in kind.aliases}


registry = KindRegistry()
register = registry.register

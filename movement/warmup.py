"""What every web worker would otherwise do on its first requests, done before it serves any.

gunicorn.conf.py calls ``warm_up()`` once in the master when the app is preloaded (the default),
so the workers it forks start with it done and share it; otherwise each worker calls it before
it takes requests. On a cold worker the first requests paid about a second for this: importing
the cache backend (django-redis imports redis and its asyncio client), building the URL
resolvers of each language, compiling the site's templates and the validators' expressions.

Nothing here opens a connection: workers forked from the master must not share one.
"""

import logging
import sys
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.validators import URLValidator, validate_email
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation

logger = logging.getLogger(__name__)

TEMPLATE_SUFFIXES = (".html", ".txt", ".xml")


def warm_up():
    for alias in settings.CACHES:
        caches[alias]  # imports and configures the backend; connects on first use only
    for code, _name in settings.LANGUAGES:
        with translation.override(code):  # also loads that language's catalogs
            reverse("wagtail_serve", args=[""])
    # Django's e-mail and URL validators compile their large regular expressions on first use
    # (a worker's first form post paid ~70 ms for it).
    validate_email("warm-up@example.org")
    URLValidator()("https://example.org/")
    for directory in site_template_dirs():
        for path in sorted(directory.rglob("*")):
            if path.suffix in TEMPLATE_SUFFIXES and path.is_file():
                try:
                    get_template(path.relative_to(directory).as_posix())
                except (TemplateDoesNotExist, TemplateSyntaxError):  # e.g. a partial of a theme
                    logger.debug("Warm-up: %s not compiled", path)


def site_template_dirs():
    """The site's own templates (settings' DIRS and this project's apps), not the admin's."""
    base, installed = Path(settings.BASE_DIR).resolve(), Path(sys.prefix).resolve()
    dirs = [Path(d) for engine in settings.TEMPLATES for d in engine.get("DIRS", [])]
    for app in apps.get_app_configs():
        path = Path(app.path).resolve()
        if path.is_relative_to(base) and not path.is_relative_to(installed):
            dirs.append(path / "templates")
    return [d for d in dirs if d.is_dir()]

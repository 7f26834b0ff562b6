"""System checks for a deployment (`manage.py check --deploy`); imported in MovementConfig.ready."""

from urllib.parse import urlsplit

from django.core.checks import Tags, Warning, register  # noqa: A004 - Django's name
from django.db import DatabaseError
from wagtail.models import Site

from movement.urls_public import base_url, site_host_and_port

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "testserver", ""}


@register(Tags.security, deploy=True)
def public_base_url_configured(app_configs=None, **kwargs):
    """Links in e-mails (cancel links!), feeds, the sitemap and Open Graph need the public base
    URL; a default left at localhost sends dead links."""
    url = base_url()
    parts = urlsplit(url)
    if not url or parts.hostname in LOCAL_HOSTS or parts.scheme not in ("http", "https"):
        return [
            Warning(
                f"WAGTAILADMIN_BASE_URL is {url or 'not set'!r}: links in e-mails, feeds, the "
                "sitemap and Open Graph would not reach the public site.",
                hint="Set WAGTAILADMIN_BASE_URL to the public address, e.g. "
                "https://radicalevernieuwing.nl, then run manage.py set_site_from_base_url.",
                id="movement.W001",
            )
        ]
    warnings = []
    if parts.scheme != "https":
        warnings.append(
            Warning(
                f"WAGTAILADMIN_BASE_URL {url!r} is not https.",
                hint="The public site is served over HTTPS; links should be too.",
                id="movement.W002",
            )
        )
    try:
        site = Site.objects.filter(is_default_site=True).first()
    except DatabaseError:
        site = None  # no database yet (a build step): nothing to compare
    if site is not None and (site.hostname, site.port) != site_host_and_port():
        warnings.append(
            Warning(
                f"The default Site is {site.root_url}, the base URL is {url}.",
                hint="Run manage.py set_site_from_base_url.",
                id="movement.W003",
            )
        )
    return warnings

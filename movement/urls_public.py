"""The one public base URL of the site, for every link that leaves it: e-mails, feeds, the
sitemap, Open Graph, calendar files.

It is WAGTAILADMIN_BASE_URL (e.g. https://radicalevernieuwing.nl), never the hostname of a
default Site record that `migrate` or `load_demo` left at localhost:80. `manage.py
set_site_from_base_url` makes the Site record agree (for Wagtail's own full URLs), and
`check --deploy` warns when the base URL is not configured (movement/checks.py).
"""

import re
from urllib.parse import urlsplit

from django.conf import settings


def base_url():
    """The configured public base URL, without a trailing slash ('' when not configured)."""
    return (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")


def absolute_url(path):
    """`path` ('/meet-ups/...') on the public site. A full URL is returned as it is."""
    if not path or path.startswith(("http://", "https://")):
        return path
    if not path.startswith("/"):
        path = "/" + path
    return base_url() + path


_SITE_ADDRESS = re.compile(r'\b(href|src|srcset)="(/[^/"][^"]*|/)"')


def absolute_links(html):
    """`html` with every site-relative href, src and srcset address made full (for e-mail)."""

    def full(match):
        attribute, value = match.groups()
        if attribute == "srcset":
            value = ", ".join(absolute_url(part.strip()) for part in value.split(","))
        else:
            value = absolute_url(value)
        return f'{attribute}="{value}"'

    return _SITE_ADDRESS.sub(full, html)


def page_url(page):
    """The public full URL of a Wagtail page, whatever the Site record says its host is."""
    parts = page.get_url_parts()
    if parts is None:  # not routable (no site)
        return ""
    _site_id, _root_url, page_path = parts
    return absolute_url(page_path)


def site_host_and_port():
    """(hostname, port) for a Wagtail Site record that serves the base URL."""
    parts = urlsplit(base_url())
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return parts.hostname or "", port

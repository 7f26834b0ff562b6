"""Articles as PDF, rendered on the server with WeasyPrint and cached per page revision.

WeasyPrint needs Pango (Debian: libpango-1.0-0, libpangoft2-1.0-0). Where it cannot be loaded
the site keeps working: `available()` is False, article pages hide the link, and the PDF URL
answers 503 with a page that says so. WeasyPrint fetches nothing over the network here: images
and styles are read from this site's own storage (see `LocalOnlyFetcher`)."""

import logging
import mimetypes
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.template.loader import render_to_string

from movement.urls_public import page_url

logger = logging.getLogger(__name__)
logging.getLogger("weasyprint").setLevel(logging.WARNING)  # its INFO is a line per step

try:
    import weasyprint
except (ImportError, OSError) as error:  # OSError: the Pango libraries are missing
    weasyprint = None
    logger.warning("Article PDFs are off: WeasyPrint cannot be loaded (%s)", error)

BASE_URL = "https://pdf.invalid/"  # resolves relative URLs; never fetched
CACHE_SECONDS = 60 * 60 * 24 * 7


def available():
    return weasyprint is not None


def read_local(url):
    """(bytes, content type) of a media or static file named by `url`; ValueError otherwise."""
    parts = urlsplit(url)
    path = parts.path
    if url.startswith(BASE_URL) or parts.netloc == "":
        if path.startswith(settings.MEDIA_URL):
            name = path[len(settings.MEDIA_URL) :]
            with default_storage.open(name) as handle:
                return handle.read(), mimetypes.guess_type(name)[0]
        if path.startswith(settings.STATIC_URL):
            found = finders.find(path[len(settings.STATIC_URL) :])
            if found:
                with open(found, "rb") as handle:
                    return handle.read(), mimetypes.guess_type(found)[0]
    raise ValueError(f"Not fetched for a PDF: {url}")


if weasyprint is not None:

    class LocalOnlyFetcher(weasyprint.urls.URLFetcher):
        """Serve media and static files from storage; refuse everything else (no outside
        requests). A refused or missing file is left out of the PDF, with a warning."""

        def fetch(self, url, headers=None):
            body, content_type = read_local(url)
            return weasyprint.urls.URLFetcherResponse(
                url, body, {"Content-Type": content_type or "application/octet-stream"}
            )


def cache_key(article):
    return f"article-pdf:{article.pk}:{article.live_revision_id}"


def render_pdf(article, request):
    html = render_to_string(
        "streams/article_pdf.html",
        {"page": article, "page_url": page_url(article)},
        request=request,
    )
    document = weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=LocalOnlyFetcher())
    return document.write_pdf()

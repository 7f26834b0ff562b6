"""What a page shows that changes only with content, kept per page, site and language under the
content generation (``pagecache.cached``): the cards, themes and keywords it links to
(``kept_links``), and the HTML of its empty forms (``kept_html``), which cost a page more to
render than anything else on it.

A preview shows the draft's own and keeps nothing: a draft's themes, title or URL may differ
from the live page's.
"""

from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Site

from movement import pagecache


def kept_for_page(name, build, page, request, *parts):
    """`build()` for `page` as `request` shows it, kept under the content generation per page,
    site, language and `parts`; in a preview, built every time and never kept."""
    if getattr(request, "is_preview", False):
        return build()
    site = Site.find_for_request(request)
    language = translation.get_language()
    label = page._meta.label_lower
    return pagecache.cached(
        f"{name}:{label}", build, page.pk, site.pk if site else 0, language, *parts
    )


def kept_links(page, request, links):
    """`links()`, what `page` shows of other content (cards, themes, keywords, reactions, ...):
    a publish, unpublish or move, or a saved theme, keyword, image, meet-up series or reaction
    starts a new generation."""
    return kept_for_page("links", links, page, request)


def kept_html(name, template, context, page, request, *parts):
    """`template` rendered with `context()` (the HTML of an empty form, say: no token, nothing a
    visitor typed), kept as ``kept_for_page`` keeps values. `parts` name whatever else the
    context depends on beyond the page, site and language (site settings and the page's content
    are covered by the generation)."""

    def build():
        return render_to_string(template, context(), request)  # a SafeString, kept as such

    return kept_for_page(f"html:{name}", build, page, request, *parts)

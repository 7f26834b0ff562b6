from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale, Page, Site

from movement import i18n, navigation, pagecache
from movement.pagecache import holes

register = template.Library()


def _current_site(request):
    return Site.find_for_request(request) if request else None


def localized_home(request):
    """The home page in the active language, falling back to the site's root page."""
    site = _current_site(request)
    if site is None:
        return None
    return site.root_page.localized


@register.simple_tag(takes_context=True)
def home_page(context):
    return localized_home(context.get("request"))


@register.simple_tag(takes_context=True)
def main_navigation(context):
    request = context.get("request")
    return navigation.main_navigation(request) if request else []


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language: the translation of this page where it exists, else that language's home."""
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    translations = i18n.page_alternates(page, request)  # memoised, cached: no query on a hit
    homes = i18n.home_alternates(request)
    alternates = context.get("alternate_urls") or {}
    links = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code)
        untranslated = False
        if code in alternates:
            url = alternates[code]
        elif target is not None:
            url = target
        elif not isinstance(page, Page) and not alternates and request is not None:
            url = translate_url(request.get_full_path(), code)
        else:
            # This page has no (live) translation: say so, in that language, and offer its home.
            untranslated = code != current
            if code in homes:
                url = homes[code]
            else:
                url = "/" if code == settings.LANGUAGE_CODE else f"/{code}/"
        note = ""
        if untranslated:
            with translation.override(code):
                note = gettext("deze pagina is niet vertaald, naar de startpagina")
        links.append(
            {"code": code, "name": name, "url": url, "current": code == current, "note": note}
        )
    return links


@register.simple_tag(takes_context=True)
def footer_links(context):
    request = context.get("request")
    return navigation.footer_navigation(request) if request else []


@register.simple_tag
def page_shows(*tag):
    """This page shows a fact that changes on its own (e.g. a meet-up's places left): a change
    of it refreshes the cached page (movement.pagecache.invalidate_tag)."""
    pagecache.depends_on(*tag)
    return ""


@register.tag
def hole(parser, token):
    """{% hole "meetup-places" page.translation_key %}…{% endhole %}: text that changes on its
    own far more often than the page; a kept page is served with its current text
    (movement.pagecache.holes), named after these parts and the active language."""
    parts = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endhole",))
    parser.delete_first_token()
    return HoleNode(parts, nodelist)


class HoleNode(template.Node):
    def __init__(self, parts, nodelist):
        self.parts, self.nodelist = parts, nodelist

    def render(self, context):
        name = holes.name(*(part.resolve(context) for part in self.parts))
        return holes.mark(name, self.nodelist.render(context))


@register.filter
def document_size(document):
    try:
        return document.get_file_size() or 0
    except (OSError, ValueError):
        return 0


@register.simple_tag
def active_locale():
    return Locale.get_active()


@register.filter
def startswith(value, prefix):
    return str(value).startswith(str(prefix))

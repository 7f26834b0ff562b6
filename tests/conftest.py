import pytest
from django.core.cache import cache
from wagtail.models import Locale, Page, Site

from movement import search_index
from tests.support.factories import HomePageFactory, signup_form_data


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def locales(db):
    nl = Locale.objects.get_or_create(language_code="nl")[0]
    en = Locale.objects.get_or_create(language_code="en")[0]
    return {"nl": nl, "en": en}


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page, locale, **fields):
    """An English translation of a Dutch page, published, as an editor would make it."""
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return publish(translation)


@pytest.fixture
def home(locales):
    """A Dutch home page as the default site's root, with an English translation."""
    # Transactional (browser) tests flush the tree that Wagtail's migrations created.
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locales["nl"])
    )
    home = HomePageFactory(parent=root, slug="start")
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost",
        port=80,
        root_page=home,
        is_default_site=True,
        site_name="Radicale vernieuwing",
    )
    # Wagtail's own "Welcome" page would be a second root.
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    home.refresh_from_db()
    translate(home, locales["en"], title="Radical renewal", hero_title="Care about people again")
    return home


@pytest.fixture
def without_search_index():
    """Pages saved in this test are not indexed for search (Wagtail's AUTO_UPDATE): for tests that
    grow much content only to count the queries of pages that do not search."""
    with search_index.updates_paused():
        yield


@pytest.fixture
def post_signup(client, django_capture_on_commit_callbacks):
    """Submit a meet-up's sign-up form as a visitor does (following the redirect after success,
    unless follow=False); mail tasks run as they would after commit."""

    def post(page, url=None, follow=True, **overrides):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url or page.url, signup_form_data(**overrides), follow=follow)

    return post


@pytest.fixture
def english_home(home, locales):
    return home.get_translation(locales["en"]).specific

"""Caching (issue 8): Cache-Control on public pages, the full-page cache for anonymous visitors
(never one visitor's token, errors or view for another), invalidation on every change."""

import re

import pytest
from django.test import Client

from movement import pagecache
from tests.conftest import publish
from tests.support.factories import (
    ArticlePageFactory,
    MeetupIndexPageFactory,
    MeetupPageFactory,
    StreamIndexPageFactory,
    StreamPageFactory,
    ThemeFactory,
    signup_form_data,
)

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def page_cache(settings, home):
    from movement.models import SiteSettings

    SiteSettings.for_site(home.get_site())  # made by the first request on a new site
    settings.PAGE_CACHE_ENABLED = True
    return settings


@pytest.fixture
def tree(home):
    streams = StreamIndexPageFactory(parent=home)
    care = StreamPageFactory(parent=streams, title="Langdurige zorg", slug="langdurige-zorg")
    article = ArticlePageFactory(parent=care, title="Eerste versie", slug="verhaal")
    meetups = MeetupIndexPageFactory(parent=home)
    meetup = MeetupPageFactory(parent=meetups, title="Meet-up in Kampen", capacity=1)
    return {"home": home, "streams": streams, "care": care, "article": article, "meetup": meetup}


# --- Cache-Control -------------------------------------------------------------------------


def test_anonymous_pages_are_public_for_a_minute(client, tree):
    for url in ("/", tree["article"].url, "/themas/", tree["meetup"].get_parent().url):
        response = client.get(url)
        assert response.status_code == 200
        control = response["Cache-Control"]
        assert "public" in control and "max-age=60" in control, url
        assert "Set-Cookie" not in response.headers, url


def test_pages_with_a_form_token_are_private(client, tree):
    for url in (tree["meetup"].url, tree["care"].url):
        response = client.get(url)
        assert TOKEN.search(response.content.decode()), url
        control = response["Cache-Control"]
        assert "private" in control and "no-cache" in control and "public" not in control, url


def test_logged_in_pages_are_private(client, tree, admin_user):
    client.force_login(admin_user)
    response = client.get(tree["article"].url)
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_views_that_decide_keep_their_header(client, home):
    assert client.get("/robots.txt")["Cache-Control"] == "max-age=86400, public"
    assert "no-cache" in client.get("/healthz/")["Cache-Control"]


# --- The full-page cache -------------------------------------------------------------------


def test_second_anonymous_visit_is_served_from_the_cache(client, tree, page_cache):
    url = tree["article"].url
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    second = Client().get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "public" in second["Cache-Control"] and second["X-Content-Type-Options"] == "nosniff"
    # The English site is another page, not the Dutch one from the cache.
    english = client.get("/en/")
    assert english["X-Page-Cache"] == "miss" and '<html lang="en">' in english.content.decode()


def test_publish_unpublish_and_move_are_seen_at_once(client, tree, page_cache):
    article = tree["article"]
    url = article.url
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    client.get("/")
    article.title = "Tweede versie"
    article.save_revision()  # a draft changes nothing for visitors
    assert "Eerste versie" in client.get(url).content.decode()
    publish(article)
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss" and "Tweede versie" in response.content.decode()
    assert client.get("/")["X-Page-Cache"] == "miss"  # listings too

    youth = StreamPageFactory(parent=tree["streams"], title="Jeugd", slug="jeugd")
    client.get(url)
    article.move(youth, pos="last-child")
    old = client.get(url)  # not the cached page: gone, or redirected to the new address
    assert old.status_code in (301, 404) and "X-Page-Cache" not in old.headers
    moved = client.get("/stromen/jeugd/verhaal/")
    assert moved.status_code == 200 and "Tweede versie" in moved.content.decode()

    article.refresh_from_db()
    client.get(article.url)
    article.unpublish()
    assert client.get(article.url).status_code == 404


def test_theme_change_invalidates_pages(client, tree, page_cache):
    theme = ThemeFactory(name="Zorgzame gemeenschappen", slug="zorgzame-gemeenschappen")
    client.get("/themas/")
    assert client.get("/themas/")["X-Page-Cache"] == "hit"
    theme.name = "Zorgzame buurten"
    theme.save()
    response = client.get("/themas/")
    assert response["X-Page-Cache"] == "miss" and "Zorgzame buurten" in response.content.decode()


def test_csrf_token_and_form_errors_never_reach_another_visitor(tree, page_cache):
    meetup = tree["meetup"]
    anna, bert = Client(), Client()
    first = anna.get(meetup.url)
    anna_token = TOKEN.search(first.content.decode()).group(1)
    assert "X-Page-Cache" not in first.headers
    # Anna makes a mistake: her page shows the error and what she typed.
    data = signup_form_data(name="Anna Geheim", email="geen-adres", csrfmiddlewaretoken=anna_token)
    error = anna.post(meetup.url, data)
    assert error.status_code == 400 and "Anna Geheim" in error.content.decode()

    page = bert.get(meetup.url)
    html = page.content.decode()
    assert "X-Page-Cache" not in page.headers
    assert "Anna Geheim" not in html and "geen-adres" not in html
    bert_token = TOKEN.search(html).group(1)
    assert bert_token != anna_token
    assert page.cookies["csrftoken"].value != anna.cookies["csrftoken"].value
    # Nothing with a token was ever stored.
    for cached_page in (Client().get(meetup.url), Client().get(tree["care"].url)):
        assert "X-Page-Cache" not in cached_page.headers


def test_logged_in_editor_neither_reads_nor_fills_the_cache(client, tree, page_cache, admin_user):
    url = tree["article"].url
    editor = Client()
    editor.force_login(admin_user)
    seen = editor.get(url)
    assert "X-Page-Cache" not in seen.headers
    anonymous = client.get(url)
    assert anonymous["X-Page-Cache"] == "miss"
    assert "wagtail-userbar" not in anonymous.content.decode()
    assert "X-Page-Cache" not in editor.get(url).headers


def test_a_sign_up_updates_places_left_on_cached_pages(
    client, tree, page_cache, django_capture_on_commit_callbacks
):
    index_url = tree["meetup"].get_parent().url
    client.get(index_url)
    before = pagecache.generation()
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(tree["meetup"].url, signup_form_data())
    assert pagecache.generation() > before
    assert client.get(index_url)["X-Page-Cache"] == "miss"


def test_hostile_hosts_and_long_queries_are_not_cached(client, tree, page_cache):
    url = tree["article"].url
    assert client.get(url + "?x=" + "a" * 400).get("X-Page-Cache") is None
    assert client.get(url, HTTP_HOST="evil.example\r\n").status_code == 400


def test_search_is_public_but_not_kept_whole(client, home, page_cache):
    response = client.get("/zoeken/?q=zorg")
    assert response.status_code == 200 and "X-Page-Cache" not in response.headers


def test_cached_listing_helper_follows_the_generation(home):
    calls = []

    def build():
        calls.append(1)
        return [1, 2, 3]

    assert pagecache.cached("test", build, "nl") == [1, 2, 3]
    assert pagecache.cached("test", build, "nl") == [1, 2, 3]
    assert len(calls) == 1
    pagecache.invalidate()
    pagecache.cached("test", build, "nl")
    assert len(calls) == 2

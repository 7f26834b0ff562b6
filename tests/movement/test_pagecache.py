"""Caching (issues 8, 11, 15): Cache-Control on public pages, the full-page cache for anonymous
visitors (never one visitor's errors or view for another), forms on cached pages checked by
Origin, invalidation on what visitors see (not drafts), a sign-up refreshing only its places;
the front door (hits before Django, the key from the environ, each process's short memory)."""

import io
import itertools
import random
import re
import sys
import time

import pytest
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from django.utils.translation import get_language_from_path

from events import registration
from events.models import SignUp
from movement import pagecache
from movement.models import SiteSettings
from movement.pagecache import local, middleware
from movement.pagecache.wsgi import PageCacheApplication
from streams.models import JoinApplication
from tests.conftest import publish, translate
from tests.support.factories import (
    ArticlePageFactory,
    MeetupIndexPageFactory,
    MeetupPageFactory,
    StandardPageFactory,
    StreamIndexPageFactory,
    StreamPageFactory,
    ThemeFactory,
    signup_form_data,
)

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
JOIN_DATA = {
    "organisation": "Buurtzorg De Kroon",
    "contact_name": "Fatima el Amrani",
    "email": "fatima@example.org",
    "city": "Zwolle",
    "motivation": "Wij werken al jaren vanuit relaties en willen leren van anderen.",
    "consent": "on",
}
SAME_ORIGIN = {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}


@pytest.fixture
def page_cache(settings, home, monkeypatch):
    SiteSettings.for_site(home.get_site())  # made by the first request on a new site
    settings.PAGE_CACHE_ENABLED = True
    # One process, one clock: a page rendered after a sign-up may be kept at once.
    monkeypatch.setattr(pagecache, "CLOCK_MARGIN", 0)
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


def test_pages_with_a_form_carry_no_token_and_are_public(client, tree):
    for url in (tree["meetup"].url, tree["care"].url):
        response = client.get(url)
        html = response.content.decode()
        assert "<form" in html and not TOKEN.search(html), url
        assert "public" in response["Cache-Control"] and not response.cookies, url


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


def test_form_errors_never_reach_another_visitor(tree, page_cache):
    meetup = tree["meetup"]
    anna, bert = Client(enforce_csrf_checks=True), Client()
    assert anna.get(meetup.url)["X-Page-Cache"] == "miss"
    # Anna makes a mistake: her page shows the error and what she typed.
    data = signup_form_data(name="Anna Geheim", email="geen-adres")
    error = anna.post(meetup.url, data, headers=SAME_ORIGIN)
    assert error.status_code == 400 and "Anna Geheim" in error.content.decode()
    assert "X-Page-Cache" not in error.headers and "public" not in error["Cache-Control"]

    page = bert.get(meetup.url)
    html = page.content.decode()
    assert page["X-Page-Cache"] == "hit"
    assert "Anna Geheim" not in html and "geen-adres" not in html


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


def test_a_draft_save_leaves_cached_pages_in_place_and_a_publish_refreshes_them(
    client, tree, page_cache
):
    article = tree["article"]
    urls = [article.url, "/", tree["care"].url, tree["meetup"].url]
    for url in urls:
        assert client.get(url)["X-Page-Cache"] == "miss", url
    article.title = "Tweede versie"
    article.save_revision()  # an editor saves a draft: nothing changes for visitors
    for url in urls:
        assert client.get(url)["X-Page-Cache"] == "hit", url
    publish(article)
    for url in urls:
        assert client.get(url)["X-Page-Cache"] == "miss", url
    assert "Tweede versie" in client.get(article.url).content.decode()


def test_a_new_menu_page_shows_in_the_cached_menu_once_published(client, tree, page_cache):
    assert "Agenda-archief" not in client.get(tree["article"].url).content.decode()
    page = StandardPageFactory(parent=tree["home"], title="Agenda-archief", show_in_menus=True)
    page.unpublish()
    client.get(tree["article"].url)
    assert client.get(tree["article"].url)["X-Page-Cache"] == "hit"
    publish(page)
    response = client.get(tree["article"].url)
    assert response["X-Page-Cache"] == "miss" and "Agenda-archief" in response.content.decode()


def test_a_sign_up_refreshes_that_meetups_places_and_nothing_else(
    client, tree, page_cache, django_capture_on_commit_callbacks
):
    meetup = tree["meetup"]  # one place
    other = MeetupPageFactory(parent=meetup.get_parent(), title="Meet-up in Zwolle", capacity=5)
    article, index_url = tree["article"].url, meetup.get_parent().url
    for url in (article, index_url, meetup.url, other.url):
        client.get(url)
    assert "Vol" not in client.get(index_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = Client(enforce_csrf_checks=True).post(
            meetup.url, signup_form_data(), headers=SAME_ORIGIN, follow=True
        )
    assert done.status_code == 200
    assert client.get(article)["X-Page-Cache"] == "hit"
    assert client.get(other.url)["X-Page-Cache"] == "hit"
    listing = client.get(index_url)
    assert listing["X-Page-Cache"] == "miss" and "Vol" in listing.content.decode()
    page = client.get(meetup.url)
    assert page["X-Page-Cache"] == "miss" and "wachtlijst" in page.content.decode().lower()


def test_a_page_stored_with_a_kept_card_is_refreshed_when_its_meetup_turns_full(
    client, tree, page_cache, django_capture_on_commit_callbacks
):
    """Cards are kept as HTML apart from the pages that show them ({% cards %}): a page whose
    card came from there is still refreshed when that meet-up turns full."""
    meetup = tree["meetup"]  # one place
    index_url = meetup.get_parent().url
    assert client.get(index_url)["X-Page-Cache"] == "miss"  # renders the card and keeps it
    second_page = index_url + "?pagina=1"  # the same card, kept, on a page of its own
    assert client.get(second_page)["X-Page-Cache"] == "miss"
    assert client.get(second_page)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(meetup.url, signup_form_data(), headers=SAME_ORIGIN)
    listing = client.get(second_page)
    assert listing["X-Page-Cache"] == "miss" and "Vol" in listing.content.decode()


def places_left(response):
    html = re.sub(r"<!--.*?-->", "", response.content.decode())  # as a browser shows it
    return re.search(r'class="meetup-places">(.*?)<', html).group(1).strip()


def assert_whole(response):
    assert int(response["Content-Length"]) == len(response.content)


def test_a_sign_up_that_leaves_places_keeps_every_page_cached_with_the_new_places(
    client, tree, page_cache, locales, django_capture_on_commit_callbacks
):
    roomy = MeetupPageFactory(parent=tree["meetup"].get_parent(), title="Ruim", capacity=50)
    translate(roomy.get_parent().specific, locales["en"], title="Meet-ups")
    english = translate(roomy, locales["en"], title="Roomy")
    index_url = roomy.get_parent().url
    for url in (index_url, roomy.url, english.url, "/"):
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(roomy.url, signup_form_data())
    # The cards say nothing about places until a meet-up is full: the listings stay cached.
    assert client.get(index_url)["X-Page-Cache"] == "hit"
    assert client.get("/")["X-Page-Cache"] == "hit"
    # The meet-up's pages too, in both languages: each hit puts in the places left now.
    page = client.get(roomy.url)
    assert page["X-Page-Cache"] == "hit" and places_left(page) == "Er zijn nog 49 plaatsen vrij."
    shown = re.sub(r"<!--.*?-->", "", page.content.decode())
    assert "<strong>Er zijn nog 49 plaatsen vrij.</strong>" in shown
    assert_whole(page)
    page = client.get(english.url)
    assert page["X-Page-Cache"] == "hit" and "49" in places_left(page)
    assert_whole(page)


def test_places_put_in_never_outlive_a_publish_or_a_cancellation(
    client, tree, page_cache, django_capture_on_commit_callbacks
):
    roomy = MeetupPageFactory(parent=tree["meetup"].get_parent(), title="Ruim", capacity=50)
    client.get(roomy.url)
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(roomy.url, signup_form_data())
    assert "49" in places_left(client.get(roomy.url))
    roomy.capacity = 60  # the editor finds a bigger room
    publish(roomy)
    assert places_left(client.get(roomy.url)) == "Er zijn nog 59 plaatsen vrij."
    assert client.get(roomy.url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        registration.cancel(SignUp.objects.get(meetup=roomy))
    page = client.get(roomy.url)
    assert places_left(page) == "Er zijn nog 60 plaatsen vrij."
    assert places_left(client.get(roomy.url)) == "Er zijn nog 60 plaatsen vrij."


def test_a_waiting_list_sign_up_leaves_every_page_cached(
    client, tree, page_cache, django_capture_on_commit_callbacks
):
    meetup = tree["meetup"]  # one place, waiting list open
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(meetup.url, signup_form_data())
    for url in (meetup.url, meetup.get_parent().url):
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(meetup.url, signup_form_data(email="wacht@example.org"))
    assert SignUp.objects.get(email="wacht@example.org").status == SignUp.Status.WAITING
    assert client.get(meetup.url)["X-Page-Cache"] == "hit"
    assert client.get(meetup.get_parent().url)["X-Page-Cache"] == "hit"


def test_a_cancellation_refreshes_that_meetups_places(
    client, tree, page_cache, django_capture_on_commit_callbacks
):
    meetup = tree["meetup"]
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(meetup.url, signup_form_data())
    signup = SignUp.objects.get(meetup=meetup)
    index_url = meetup.get_parent().url
    assert "Vol" in client.get(index_url).content.decode()
    assert client.get(index_url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        registration.cancel(signup)
    listing = client.get(index_url)
    assert listing["X-Page-Cache"] == "miss" and "Vol" not in listing.content.decode()


# --- Forms on cached pages -----------------------------------------------------------------


def test_second_visitor_gets_the_cached_meetup_page_and_signs_up_without_javascript(
    tree, page_cache
):
    meetup = tree["meetup"]
    Client().get(meetup.url)  # the first visitor fills the cache
    browser = Client(enforce_csrf_checks=True)  # a browser: no test shortcut around CSRF
    page = browser.get(meetup.url)
    assert page["X-Page-Cache"] == "hit" and not browser.cookies
    assert not TOKEN.search(page.content.decode())
    done = browser.post(
        meetup.url, signup_form_data(email="bert@example.org"), headers=SAME_ORIGIN, follow=True
    )
    assert done.status_code == 200 and "bert@example.org" in done.content.decode()
    assert SignUp.objects.filter(meetup=meetup, email="bert@example.org").exists()


def test_a_browser_that_sends_only_sec_fetch_site_signs_up(tree, page_cache):
    browser = Client(enforce_csrf_checks=True)
    done = browser.post(
        tree["meetup"].url,
        signup_form_data(),
        headers={"Sec-Fetch-Site": "same-origin"},
        follow=True,
    )
    assert done.status_code == 200 and SignUp.objects.count() == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "https://evil.example", "Sec-Fetch-Site": "same-origin"},
    ],
)
def test_cross_site_posts_to_the_sign_up_and_join_forms_are_refused(tree, page_cache, headers):
    browser = Client(enforce_csrf_checks=True)
    signup = browser.post(tree["meetup"].url, signup_form_data(), headers=headers)
    assert signup.status_code == 403
    join = browser.post(tree["care"].url, dict(JOIN_DATA), headers=headers)
    assert join.status_code == 403
    assert not SignUp.objects.exists() and not JoinApplication.objects.exists()


def test_a_browser_that_says_nothing_confirms_on_an_uncached_page_with_a_token(tree, page_cache):
    meetup = tree["meetup"]
    browser = Client(enforce_csrf_checks=True)
    data = signup_form_data(name="Cor Zonderkop", email="cor@example.org")
    confirm = browser.post(meetup.url, data)
    html = confirm.content.decode()
    assert confirm.status_code == 403 and not SignUp.objects.exists()
    assert "private" in confirm["Cache-Control"] and "X-Page-Cache" not in confirm.headers
    assert 'value="Cor Zonderkop"' in html  # nothing typed is lost
    token = TOKEN.search(html).group(1)
    done = browser.post(meetup.url, {**data, "csrfmiddlewaretoken": token}, follow=True)
    assert done.status_code == 200
    assert SignUp.objects.filter(email="cor@example.org").exists()


def test_join_form_works_from_the_cached_stream_page(tree, page_cache):
    care = tree["care"]
    Client().get(care.url)
    browser = Client(enforce_csrf_checks=True)
    assert browser.get(care.url)["X-Page-Cache"] == "hit"
    response = browser.post(care.url, dict(JOIN_DATA), headers=SAME_ORIGIN)
    assert response.status_code == 302 and JoinApplication.objects.count() == 1


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


# --- The front door: hits before Django, from the environ ----------------------------------

HOSTS = [
    "radicalevernieuwing.nl",
    "RadicaleVernieuwing.NL",
    "radicalevernieuwing.nl:8000",
    "radicalevernieuwing.nl.",
    "www.example.org",
    "example.org:443",
    "127.0.0.1:8000",
    "[::1]:8000",
    "evil.example",
    "evil.example\r\n",
    "radicalevernieuwing.nl@evil.example",
    "",
    None,  # no Host header: SERVER_NAME and SERVER_PORT
]
PATHS = [
    "/",
    "/en/",
    "/en",
    "/en-gb/nieuws/",
    "/de/nieuws/",
    "/stromen/langdurige-zorg/verhaal/",
    "//dubbel//",
    "/café/€/",
    "/admin/",
    "/zoeken/",
    "/en/search/",
    "/static/x.css",
]
QUERIES = ["", "pagina=2&thema=zorg", "q=%C3%A9", "x=" + "a" * 296, "x=" + "a" * 297]
METHODS = ["GET", "HEAD", "get", "POST", "OPTIONS"]
FORWARDED = [None, "https", "http", "https, http", "HTTPS"]
COOKIES = [None, "", "sessionid=abc", "messages=xyz", "csrftoken=abc; other=1", "a=b; =c; d"]
SCRIPTS = ["", "/site", "/site/"]


def wsgi_environ(path="/", method="GET", query="", host="testserver", **extra):
    """As a WSGI server passes a request: PATH_INFO decoded from the wire as ISO-8859-1."""
    environ = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": "",
        "PATH_INFO": path.encode().decode("iso-8859-1"),
        "QUERY_STRING": query,
        "SERVER_NAME": "radicalevernieuwing.nl",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }
    if host is not None:
        environ["HTTP_HOST"] = host
    environ.update({name: value for name, value in extra.items() if value is not None})
    return environ


@pytest.mark.parametrize("forwarded_host", [False, True])
def test_the_front_door_computes_the_middlewares_key_from_the_environ(settings, forwarded_host):
    settings.PAGE_CACHE_ENABLED = True
    settings.ALLOWED_HOSTS = ["radicalevernieuwing.nl", ".example.org", "127.0.0.1", "[::1]"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.USE_X_FORWARDED_HOST = forwarded_host
    settings.USE_X_FORWARDED_PORT = forwarded_host
    cases = list(itertools.product(HOSTS, PATHS, QUERIES, METHODS, FORWARDED, COOKIES, SCRIPTS))
    sample = random.Random(15).sample(cases, 4000)
    kept = set()
    for host, path, query, method, proto, cookie, script in sample:
        environ = wsgi_environ(
            path,
            method,
            query,
            host,
            SCRIPT_NAME=script,
            HTTP_X_FORWARDED_PROTO=proto,
            HTTP_COOKIE=cookie,
            HTTP_X_FORWARDED_HOST="www.example.org" if host == "evil.example" else None,
            HTTP_X_FORWARDED_PORT="8443" if host is None else None,
        )
        unchanged = dict(environ)
        front = middleware.storable_key(middleware.EnvironRequest(environ))
        assert environ == unchanged  # Django gets the environ as the server sent it
        django = middleware.storable_key(WSGIRequest(dict(environ)))
        assert front == django, (host, path, query, method, proto, cookie, script)
        if front is not None:
            kept.add(front)
    assert len(kept) > 300  # not a comparison of Nones
    for path in PATHS * 2:  # the language of the key is Django's, also when remembered
        assert middleware.path_language(path) == (
            get_language_from_path(path) or settings.LANGUAGE_CODE
        )


@pytest.fixture
def front_door(page_cache):
    """movement.wsgi's application around Django's, called as a WSGI server calls it (without
    closing the test's database connection around each request, as Django's test client does)."""
    local.pages.clear()
    app = PageCacheApplication(WSGIHandler())

    def get(path, method="GET", server_adds=(), **extra):
        reply = {}

        def start_response(status, headers, exc_info=None):
            headers.extend(server_adds)  # as wsgiref adds Date and Server to the list it gets
            reply["status"], reply["headers"] = int(status.split()[0]), list(headers)

        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            result = app(wsgi_environ(path, method, **extra), start_response)
            try:
                body = b"".join(result)
            finally:
                if hasattr(result, "close"):
                    result.close()
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
        headers = {name.lower(): value for name, value in reply["headers"]}
        if server_adds:
            return reply["status"], reply["headers"], body
        return reply["status"], headers, body

    yield get
    local.pages.clear()


def test_the_front_door_answers_a_hit_with_the_stored_page(tree, front_door, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    url = tree["article"].url
    status, headers, body = front_door(url)
    assert status == 200 and headers["x-page-cache"] == "miss"
    hit_status, hit_headers, hit_body = front_door(url)
    assert hit_status == 200 and hit_headers["x-page-cache"] == "hit" and hit_body == body
    assert {k: v for k, v in hit_headers.items() if k != "x-page-cache"} == {
        k: v for k, v in headers.items() if k != "x-page-cache"
    }
    head_status, head_headers, head_body = front_door(url, "HEAD")
    assert head_status == 200 and head_headers["x-page-cache"] == "hit" and head_body == b""
    # Anything that may not share the page goes to Django.
    assert "x-page-cache" not in front_door(url, HTTP_COOKIE="sessionid=abc")[1]
    assert front_door(url, host="evil.example")[0] == 400


def test_the_front_door_hands_django_a_non_ascii_path_as_the_server_sent_it(tree, front_door):
    for _ in range(2):  # a miss, then the lookup of the page Django did not keep
        status, _, body = front_door("/café/€/")
        assert status == 404 and "/café/€/" in body.decode()  # decoded once, by Django


def test_local_memory_is_off_by_default(tree, front_door):
    url = tree["article"].url
    front_door(url)
    assert front_door(url)[1]["x-page-cache"] == "hit"
    cache.incr(pagecache.GENERATION_KEY)  # another server published something
    assert front_door(url)[1]["x-page-cache"] == "miss"


def test_local_memory_serves_a_hot_page_for_at_most_its_seconds(tree, front_door, settings):
    settings.PAGE_CACHE_LOCAL_SECONDS = 0.5
    url = tree["article"].url
    front_door(url)
    front_door(url)  # fetched from the shared cache, kept in this process
    cache.incr(pagecache.GENERATION_KEY)  # another server published something
    started = time.monotonic()
    while time.monotonic() - started < 0.4:
        status, headers, _ = front_door(url)
        assert headers["x-page-cache"] == "hit"  # from this process's memory
    time.sleep(0.15)
    assert front_door(url)[1]["x-page-cache"] == "miss"


def test_local_memory_forgets_what_this_process_changes_at_once(
    tree, front_door, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_LOCAL_SECONDS = 60
    article, meetup, roomy = tree["article"], tree["meetup"], None
    roomy = MeetupPageFactory(parent=meetup.get_parent(), title="Ruim", capacity=50)
    for url in (article.url, roomy.url, "/"):
        front_door(url)
        assert front_door(url)[1]["x-page-cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(roomy.url, signup_form_data())
    assert front_door(article.url)[1]["x-page-cache"] == "hit"
    status, headers, body = front_door(roomy.url)  # kept, with the places left now
    assert headers["x-page-cache"] == "hit" and "Er zijn nog 49 plaatsen vrij." in body.decode()
    assert int(headers["content-length"]) == len(body)

    article.title = "Tweede versie"
    publish(article)
    status, headers, body = front_door(article.url)
    assert headers["x-page-cache"] == "miss" and "Tweede versie" in body.decode()


def test_a_server_that_adds_headers_leaves_the_page_in_memory_as_it_was(tree, front_door, settings):
    settings.PAGE_CACHE_LOCAL_SECONDS = 60
    url, server = tree["article"].url, [("Server", "wsgiref")]
    front_door(url)
    _, first, _ = front_door(url, server_adds=server)
    _, second, _ = front_door(url, server_adds=server)
    assert first == second and first.count(("Server", "wsgiref")) == 1


def test_local_memory_is_bounded_in_time_and_bytes():
    pages = local.LocalPages(max_bytes=1000)
    for number in range(5):
        pages.put(f"page:{number}", (10.0 + number, "200 OK", [], b"x" * 240), now=0)
    assert len(pages) == 4 and pages.get("page:0", 0) is None and pages.get("page:4", 0)
    assert pages.get("page:2", 12.0) is None  # expired
    pages.put("page:5", (20.0, "200 OK", [], b"x" * 10), now=13.5)  # the expired ones go
    assert len(pages) == 2 and pages.get("page:4", 13.5) and pages.get("page:5", 13.5)
    pages.put("big", (30.0, "200 OK", [], b"x" * 251), now=13.5)  # too large to keep
    assert pages.get("big", 13.5) is None
    pages.forget(["page:4"])
    assert len(pages) == 1

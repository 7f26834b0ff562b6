"""Two web servers (gunicorn on two ports of 127.0.0.1) sharing PostgreSQL and Redis: a page
published through one is served fresh by the other at once without the per-process memory of hot
pages (PAGE_CACHE_LOCAL_SECONDS=0), and within its second with it (production's default); the
sign-up rate limit counts across both. PostgreSQL pass only: the servers use pytest's test
database, committed data."""

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from movement.models import SiteSettings
from tests.support.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    MeetupIndexPageFactory,
    MeetupPageFactory,
    signup_form_data,
)
from tests.support.helpers import redis_reachable

ROOT = Path(__file__).resolve().parents[2]
REDIS_DB = int(os.environ.get("TWO_SERVERS_REDIS_DB", 5))
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="two servers share one database: needs PostgreSQL (DATABASE_URL=postgres://…)",
    ),
    pytest.mark.skipif(not redis_reachable(), reason="needs Redis at 127.0.0.1:6379"),
    pytest.mark.django_db(transaction=True),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url():
    """pytest-django's test database (test_<name>, committed data with transaction=True)."""
    db = connection.settings_dict
    user = quote(db.get("USER") or "postgres")
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


@contextlib.contextmanager
def two_servers(**settings):
    prefix = f"twoservers-{uuid.uuid4().hex[:8]}"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DJANGO_SETTINGS_MODULE="movement.settings.localservers",
        DATABASE_URL=database_url(),
        REDIS_URL=f"redis://127.0.0.1:6379/{REDIS_DB}",
        CACHE_KEY_PREFIX=prefix,
        EVENTS_SIGNUP_RATE_LIMIT="3,600",
        WEB_CONCURRENCY="2",
        GUNICORN_PRELOAD="false",
        **settings,
    )
    processes, urls = [], []
    for _ in range(2):
        port = free_port()
        processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "movement.wsgi:application"],
                cwd=ROOT,
                env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
        )
        urls.append(f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 90
        for url, process in zip(urls, processes, strict=True):
            while True:
                if process.poll() is not None:
                    pytest.fail("gunicorn stopped: " + process.stderr.read().decode()[-2000:])
                try:
                    if requests.get(url + "/healthz/", timeout=15).status_code == 200:
                        break
                except (requests.ConnectionError, requests.Timeout):
                    pass
                if time.monotonic() > deadline:
                    pytest.fail(f"{url} did not become healthy")
                time.sleep(0.2)
        yield urls
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        import redis

        client = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB)
        keys = list(client.scan_iter(f"{prefix}:*"))
        if keys:
            client.delete(*keys)


@pytest.fixture
def servers():
    """Every process asks Redis for every page: what one server changes, the other shows at once."""
    with two_servers(PAGE_CACHE_LOCAL_SECONDS="0") as urls:
        yield urls


@pytest.fixture
def remembering_servers():
    """As in production: each process answers a hot page from its memory for up to a second."""
    with two_servers() as urls:
        yield urls


@pytest.fixture
def content(home):
    news = ArticleIndexPageFactory(parent=home)
    article = ArticlePageFactory(parent=news, title="Eerste versie", slug="verhaal")
    meetups = MeetupIndexPageFactory(parent=home)
    meetup = MeetupPageFactory(parent=meetups, title="Meet-up in Kampen", capacity=50)
    editor = get_user_model().objects.create_superuser("beheer", "beheer@example.org")
    # Hashed as the servers' (production) settings check it, not with the tests' fast MD5.
    editor.password = PBKDF2PasswordHasher().encode("geheim-en-lang", "twoservers-salt")
    editor.save()

    SiteSettings.for_site(home.get_site())  # else the first request creates it (a change)
    return {"article": article, "meetup": meetup}


def publish_through(base, article):
    editor = requests.Session()
    login(editor, base)
    bulk = f"{base}/admin/bulk/wagtailcore/page/publish/?id={article.pk}"
    token = TOKEN.search(editor.get(bulk).text).group(1)
    published = editor.post(
        bulk, {"csrfmiddlewaretoken": token}, headers={"Referer": bulk}, allow_redirects=False
    )
    assert published.status_code == 302, published.text[:500]


def seconds_until(url, text, limit):
    """How long until `url` shows `text` (asked every 20 ms, for at most `limit` seconds)."""
    started = time.monotonic()
    while text not in requests.get(url, timeout=30).text:
        if time.monotonic() - started > limit:
            break
        time.sleep(0.02)
    return time.monotonic() - started


def login(session, base):
    page = session.get(base + "/admin/login/")
    token = TOKEN.search(page.text).group(1)
    response = session.post(
        base + "/admin/login/",
        {"username": "beheer", "password": "geheim-en-lang", "csrfmiddlewaretoken": token},
        headers={"Referer": base + "/admin/login/"},
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:500]


def test_publish_on_one_server_is_seen_on_the_other_at_once(servers, content):
    first, second = servers
    article = content["article"]
    url = article.url
    assert requests.get(second + url, timeout=30).headers.get("X-Page-Cache") == "miss"
    cached = requests.get(second + url, timeout=30)
    assert cached.headers.get("X-Page-Cache") == "hit" and "Eerste versie" in cached.text

    article.title = "Tweede versie"
    article.save_revision()  # a draft: nothing changes for visitors yet
    assert "Eerste versie" in requests.get(second + url, timeout=30).text

    publish_through(first, article)
    fresh = requests.get(second + url, timeout=30)
    assert "Tweede versie" in fresh.text and fresh.headers.get("X-Page-Cache") == "miss"
    assert "Tweede versie" in requests.get(first + url, timeout=30).text


def test_sign_up_rate_limit_counts_across_both_servers(servers, content):
    first, second = servers
    url = content["meetup"].url
    requests.get(second + url, timeout=30)
    cached = requests.get(
        second + url, timeout=30
    )  # the cached page, as a newsletter reader gets it
    assert cached.headers.get("X-Page-Cache") == "hit" and "csrfmiddlewaretoken" not in cached.text
    statuses = []
    for number, base in enumerate([first, second, first, second]):
        visitor = requests.Session()  # the form from the cached page, sent as a browser sends it
        data = signup_form_data(email=f"bezoeker{number}@example.org")
        response = visitor.post(base + url, data, headers={"Origin": base}, timeout=30)
        statuses.append(response.status_code)
    assert statuses[:3] == [200, 200, 200], statuses  # limit 3 per window (settings above)
    assert statuses[3] == 429
    # The sign-ups through the first server show on the second, in the page it kept: 47 left.
    fresh = requests.get(second + url, timeout=30)
    assert fresh.headers.get("X-Page-Cache") == "hit" and "nog 47 plaatsen vrij" in fresh.text


def test_cross_site_post_is_refused_by_both_servers(servers, content):
    url = content["meetup"].url
    for base in servers:
        response = requests.post(
            base + url, signup_form_data(), headers={"Origin": "https://evil.example"}, timeout=30
        )
        assert response.status_code == 403


def test_with_memory_of_hot_pages_a_publish_and_a_sign_up_are_seen_within_the_second(
    remembering_servers, content
):
    """docs/architecture.md, "Caching": each process may answer a hot page from its memory for
    PAGE_CACHE_LOCAL_SECONDS (1 s) after it fetched it from Redis, so a change committed on one
    server shows on every other within that second."""
    first, second = remembering_servers
    article, meetup = content["article"], content["meetup"]
    for _ in range(6):  # hot on the second server, in both of its workers' memory
        for url in (article.url, meetup.url):
            assert requests.get(second + url, timeout=30).status_code == 200
    assert "Eerste versie" in requests.get(second + article.url, timeout=30).text
    assert "nog 50 plaatsen vrij" in requests.get(second + meetup.url, timeout=30).text

    article.title = "Tweede versie"
    article.save_revision()
    publish_through(first, article)  # committed when the admin answers
    assert seconds_until(second + article.url, "Tweede versie", limit=5) < 1.5

    visitor = requests.Session()
    done = visitor.post(
        first + meetup.url,
        signup_form_data(email="eerste@example.org"),
        headers={"Origin": first},
        timeout=30,
    )  # the 303 leads to the thank-you page, which is never kept: the visitor's own result
    assert done.status_code == 200 and "eerste@example.org" in done.text
    assert "X-Page-Cache" not in done.headers
    assert seconds_until(second + meetup.url, "nog 49 plaatsen vrij", limit=5) < 1.5

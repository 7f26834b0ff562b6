"""Hardening (issue 8): admin login rate limit, documents as downloads, hostile input never
gives a 500, 404 and 500 pages that work without the database, security headers."""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form

from tests.support.seed import Seeder, page_urls

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


# --- Admin login --------------------------------------------------------------------------


def test_admin_login_is_rate_limited_per_ip(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "admin-login": (3, 60)}
    attempt = {"username": "admin", "password": "wrong"}
    statuses = [client.post("/admin/login/", attempt).status_code for _ in range(3)]
    assert 429 not in statuses
    response = client.post("/admin/login/", attempt)
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Te veel inlogpogingen" in response.content.decode()
    # Another address is not affected; the login form itself (GET) still shows.
    assert client.post("/admin/login/", attempt, REMOTE_ADDR="10.0.0.7").status_code != 429
    assert client.get("/admin/login/").status_code == 200


def test_django_admin_login_counts_too(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "admin-login": (1, 60)}
    client.post("/admin/login/", {"username": "a", "password": "b"})
    response = client.post("/django-admin/login/", {"username": "a", "password": "b"})
    assert response.status_code == 429


# --- Documents ----------------------------------------------------------------------------


def make_document(name, content):
    Document = get_document_model()
    document = Document(title=name)
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


@pytest.mark.parametrize(
    "name, content",
    [
        ("verslag.pdf", b"%PDF-1.4 a report"),
        ("pagina.html", b"<html><script>alert(document.cookie)</script></html>"),
        ("plaatje.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("notities.txt", b"<script>alert(1)</script>"),
    ],
)
def test_documents_are_downloads_never_rendered_inline(client, home, name, content):
    document = make_document(name, content)
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert "html" not in response["Content-Type"] and "svg" not in response["Content-Type"]
    document.file.delete(save=False)


@pytest.mark.parametrize("name", ["aanval.html", "plaatje.svg", "script.js"])
def test_html_svg_and_scripts_cannot_be_uploaded(admin_user, name):
    DocumentForm = get_document_form(get_document_model())
    upload = SimpleUploadedFile(name, b"<script>alert(1)</script>")
    form = DocumentForm(data={"title": "Aanval"}, files={"file": upload}, user=admin_user)
    assert not form.is_valid()
    assert "file" in form.errors


# --- Hostile input --------------------------------------------------------------------------

PARAMETERS = [
    "q",
    "page",
    "stroom",
    "soort",
    "thema",
    "jaar",
    "provincie",
    "stream",
    "theme",
    "province",
    "month",
    "mode",
    "kind",
    "aangemeld",
]
NASTY = [
    "",
    "0",
    "-1",
    "99999999999999999999",
    "1e309",
    "NaN",
    "%00",
    "\x00",
    "' OR 1=1 --",
    '"><script>alert(1)</script>',
    "../../etc/passwd",
    "ä" * 300,
    "x" * 5000,
    "2024-13",
    "2024-02-30",
    "-",
    "\ud800".encode("utf-8", "surrogatepass").decode("latin-1"),
    "𝔷𝔬𝔯𝔤",
    "[]",
    "{}",
]
values = st.one_of(st.sampled_from(NASTY), st.text(max_size=60))
query_strings = st.lists(
    st.tuples(st.one_of(st.sampled_from(PARAMETERS), st.text(max_size=10)), values), max_size=6
)
path_suffixes = st.one_of(
    st.just(""),
    st.sampled_from(
        ["%00/", "..%2f..%2f/", "%ff%fe/", "a" * 300 + "/", "ical/", "archief/", "reeks/x/", "//"]
    ),
    st.text(min_size=1, max_size=20),
)


def encode_query(pairs):
    return "&".join(
        f"{quote(key.encode('utf-8', 'surrogatepass'), safe='')}="
        f"{quote(value.encode('utf-8', 'surrogatepass'), safe='')}"
        for key, value in pairs
    )


@pytest.fixture
def public_urls(client):
    seeder = (
        Seeder()
        .structure()
        .grow(articles=2, meetups=2, signups=3, participants=1, themes=2, keywords=3)
    )
    urls = [url.split("?")[0] for url in page_urls(seeder).values()]
    english = seeder.sections[seeder.en]
    urls += [
        "/en/",
        english["news"].url,
        english["meetups"].url,
        "/en/search/",
        "/themas/",
        "/trefwoorden/",
        f"/trefwoorden/{seeder.keywords[0].slug}/",
        seeder.sections[seeder.nl]["meetups"].url + "archief/",
        seeder.sections[seeder.nl]["meetups"].url + "ical/",
        "/robots.txt",
        "/sitemap.xml",
        "/healthz/",
    ]
    return sorted(set(urls))


@settings(
    max_examples=int(os.environ.get("HOSTILE_EXAMPLES", 60)),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_hostile_query_strings_and_paths_never_give_a_500(client, public_urls, data):
    url = data.draw(st.sampled_from(public_urls))
    suffix = data.draw(path_suffixes)
    query = encode_query(data.draw(query_strings))
    path = url + (quote(suffix.encode("utf-8", "surrogatepass"), safe="/%") if suffix else "")
    # The test client raises any exception a view lets through; a 500 would also show here.
    response = client.get(path + ("?" + query if query else ""))
    assert response.status_code < 500, (path, query, response.status_code)


def test_every_public_url_answers_a_hostile_request(client, public_urls):
    """Not left to chance: each URL once with the nastiest parameters at once."""
    query = encode_query([(name, value) for name in PARAMETERS for value in NASTY[5:9]])
    for url in public_urls:
        response = client.get(f"{url}?{query}")
        assert response.status_code < 500, url
        response = client.get(url + "%00/")
        assert response.status_code < 500, url


# --- Error pages and the database ---------------------------------------------------------

DATABASE_DOWN_SCRIPT = """
import json, django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
out = {}
for name, path in [("not_found", "/bestaat.niet"), ("page", "/"), ("health", "/healthz/")]:
    response = client.get(path, secure=True)
    out[name] = {"status": response.status_code, "body": response.content.decode(),
                 "headers": dict(response.headers)}
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def database_down():
    """Requests to a real server process whose database refuses connections (nothing listens
    on port 9 of 127.0.0.1), with the production settings (static files plain, so that no
    collectstatic manifest is needed)."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DJANGO_SETTINGS_MODULE="movement.settings.production",
        SECRET_KEY="x7#Kq9!vR2mZ$pL4wT8&nB6yH3cF1jD5sG0aE-uQ_oI+eW*rY-9fTz@Lm3Vb8Nc2Xd7Qs",
        ALLOWED_HOSTS="testserver",
        DATABASE_URL="postgres://nobody@127.0.0.1:9/none?connect_timeout=2",
        STATIC_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
    )
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", DATABASE_DOWN_SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_404_page_without_database_is_bilingual_and_not_a_500(database_down):
    response = database_down["not_found"]
    assert response["status"] == 404
    assert "Pagina niet gevonden" in response["body"] and "Page not found" in response["body"]


def test_pages_without_database_answer_the_bilingual_503(database_down):
    response = database_down["page"]
    assert response["status"] == 503
    assert response["headers"]["Retry-After"] == "60"
    assert "Even niet bereikbaar" in response["body"] and "Briefly unavailable" in response["body"]
    health = database_down["health"]
    assert health["status"] == 503 and "unreachable" in health["body"]


def test_production_sends_hsts_and_security_headers_even_on_errors(database_down):
    for response in database_down.values():
        headers = response["headers"]
        assert "max-age=31536000" in headers["Strict-Transport-Security"]
        assert "includeSubDomains" in headers["Strict-Transport-Security"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    csp = database_down["not_found"]["headers"]["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "script-src 'self'" in csp


def test_404_page_with_database_has_the_site_around_it(client, english_home):
    response = client.get("/bestaat.niet")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Pagina niet gevonden" in html and 'class="main-nav"' in html
    response = client.get("/en/does-not-exist/")
    assert response.status_code == 404 and '<html lang="en">' in response.content.decode()


# --- Security headers on every page type --------------------------------------------------


def test_security_headers_on_every_public_page_type(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", url
        assert "camera=()" in response["Permissions-Policy"], url
        csp = response["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "unsafe-inline" not in csp, url
        assert "frame-ancestors 'self'" in csp and "object-src 'none'" in csp, url
        assert response["X-Frame-Options"] in ("DENY", "SAMEORIGIN"), url

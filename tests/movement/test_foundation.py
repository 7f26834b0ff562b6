import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.models import Page

from home.models import HomePage, StandardPage
from movement.models import SiteSettings
from streams.models import Reaction
from tests.conftest import translate
from tests.support.factories import StandardPageFactory

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def test_dutch_home_is_served_at_root_with_dutch_lang(client, home):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "Zorg die weer over mensen gaat" in html
    assert 'href="#main"' in html and 'id="main"' in html


def test_english_home_is_served_under_en(client, english_home):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Care about people again" in html
    assert "Skip to content" in html


def test_language_switch_points_to_translation_else_english_home(client, home, locales):
    about = StandardPageFactory(parent=home, title="Over ons", slug="over")
    StandardPageFactory(parent=home, title="Alleen Nederlands", slug="alleen-nl")
    translate(about, locales["en"], title="About us", slug="about")

    html = client.get("/over/").content.decode()
    assert 'href="/en/about/"' in html
    html = client.get("/alleen-nl/").content.decode()
    assert 'href="/en/" lang="en"' in html
    html = client.get("/en/about/").content.decode()
    assert 'href="/over/" lang="nl"' in html


def test_footer_links_to_privacy_and_accessibility_statements(client, home):
    privacy = StandardPageFactory(parent=home, title="Privacyverklaring", slug="privacy")
    accessibility = StandardPageFactory(
        parent=home, title="Toegankelijkheid", slug="toegankelijkheid"
    )
    settings = SiteSettings.for_site(home.get_site())
    settings.privacy_page, settings.accessibility_page = privacy, accessibility
    settings.save()
    html = client.get("/").content.decode()
    footer = html[html.index("<footer") :]
    assert 'href="/privacy/"' in footer and 'href="/toegankelijkheid/"' in footer


def test_main_navigation_lists_menu_pages_in_the_active_language(client, home, locales):
    about = StandardPageFactory(parent=home, title="Over ons", slug="over", show_in_menus=True)
    StandardPageFactory(parent=home, title="Verborgen", slug="verborgen", show_in_menus=False)
    translate(about, locales["en"], title="About us", slug="about")
    nl = client.get("/").content.decode()
    nav = nl[nl.index('class="main-nav"') : nl.index("</nav>", nl.index('class="main-nav"'))]
    assert "Over ons" in nav and "Verborgen" not in nav
    en = client.get("/en/").content.decode()
    nav = en[en.index('class="main-nav"') : en.index("</nav>", en.index('class="main-nav"'))]
    assert "About us" in nav and "Over ons" not in nav


def test_home_sections_without_content_render_nothing(client, home):
    html = client.get("/").content.decode()
    assert "Komende meet-ups" not in html
    assert "Laatste artikelen" not in html


def test_page_type_rules(home):
    from wagtail.models import Page as WagtailPage

    root = WagtailPage.get_first_root_node()
    assert not HomePage.can_create_at(root), "a second home page must not be creatable"
    assert StandardPage.can_create_at(home)
    assert not StandardPage.can_create_at(root)


def test_unknown_page_gives_404_in_the_right_language(client, english_home):
    response = client.get("/en/does-not-exist/")
    assert response.status_code == 404
    assert '<html lang="en">' in response.content.decode()
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert '<html lang="nl">' in response.content.decode()


def test_robots_sitemap_and_healthz(client, home):
    robots = client.get("/robots.txt")
    assert (
        robots.status_code == 200
        and "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()
    )
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200 and b"<urlset" in sitemap.content
    health = client.get("/healthz/")
    assert health.status_code == 200 and health.json() == {"status": "ok"}


def test_public_pages_carry_security_headers(client, home):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_load_demo_is_idempotent(locales, client):
    call_command("load_demo", verbosity=0)
    counts = (Page.objects.count(), Page.objects.live().count(), Reaction.objects.count())
    call_command("load_demo", verbosity=0)
    assert (Page.objects.count(), Page.objects.live().count(), Reaction.objects.count()) == counts
    # Readers' reactions show under their article once approved; one waits for an editor.
    assert Reaction.objects.pending().count() == 1
    article = Page.objects.get(slug="rekenschap-zonder-lijstjes", locale__language_code="nl")
    html = client.get(article.url).content.decode()
    assert "Fatima" in html and "Bas uit Deventer" not in html
    assert HomePage.objects.count() == 2  # Dutch and English
    assert Page.objects.filter(locale__language_code="en").count() >= 10


def _run_manage(*args, env_extra):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "movement.settings.production",
    "SECRET_KEY": "x7#Kq9!vR2mZ$pL4wT8&nB6yH3cF1jD5sG0aE-uQ_oI+eW*rY-9fTz@Lm3Vb8Nc2Xd7Qs",
    "ALLOWED_HOSTS": "radicalevernieuwing.nl",
    "CSRF_TRUSTED_ORIGINS": "https://radicalevernieuwing.nl",
    "WAGTAILADMIN_BASE_URL": "https://radicalevernieuwing.nl",  # else movement.W001
    "DATABASE_URL": "sqlite:////tmp/unused-check-deploy.sqlite3",
}


def test_production_refuses_to_start_without_secret_key():
    env = dict(PRODUCTION_ENV, SECRET_KEY="")
    result = _run_manage("check", env_extra=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = _run_manage("check", "--deploy", "--fail-level", "WARNING", env_extra=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr


def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)

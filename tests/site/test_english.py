"""English that is English: translations start as drafts, slugs are translated, and the
language switch says when a page has no translation instead of silently jumping home."""

import pytest
from django.contrib.auth import get_user_model
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from streams.models import ArticlePage
from tests.conftest import translate
from tests.support.factories import ArticleIndexPageFactory, ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(home, locales):
    index = ArticleIndexPageFactory(parent=home)
    translate(index, locales["en"], title="News", slug="news")
    return index


@pytest.fixture
def admin_client(client):
    admin = get_user_model().objects.create_superuser("beheer", "beheer@example.org", "geheim")
    client.force_login(admin)
    return client


def test_a_translation_made_in_the_admin_is_a_draft_until_a_translator_publishes_it(
    admin_client, client, news, locales, django_capture_on_commit_callbacks
):
    article = ArticlePageFactory(
        parent=news, title="Zorg dicht bij huis", slug="zorg-dicht-bij-huis"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/localize/submit/page/{article.pk}/", {"locales": [locales["en"].pk]}
        )
    assert response.status_code == 302
    english = ArticlePage.objects.get(locale=locales["en"], translation_key=article.translation_key)
    # The draft still holds the Dutch text: it must not be served as an English page.
    assert not english.live
    client.logout()
    assert client.get("/en/news/zorg-dicht-bij-huis/").status_code == 404
    listing = client.get("/en/news/").content.decode()
    assert "Zorg dicht bij huis" not in listing

    # The translator translates title and slug and publishes: now it is live, at an English URL.
    translation = Translation.objects.get(
        source__object_id=article.translation_key, target_locale=locales["en"]
    )
    for dutch, english_text in {
        "Zorg dicht bij huis": "Care close to home",
        "zorg-dicht-bij-huis": "care-close-to-home",
    }.items():
        segment = StringSegment.objects.get(source=translation.source, string__data=dutch)
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=locales["en"],
            context=segment.context,
            data=english_text,
        )
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    response = client.get("/en/news/care-close-to-home/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html and "Care close to home" in html


def test_language_switch_says_when_a_page_has_no_translation(client, news, locales):
    ArticlePageFactory(parent=news, title="Alleen in het Nederlands", slug="alleen-nl")
    html = client.get("/nieuws/alleen-nl/").content.decode()
    switch = html[html.index('class="language-switch"') :]
    switch = switch[: switch.index("</nav>")]
    assert 'href="/en/"' in switch
    assert "this page is not translated, go to the home page" in switch


def test_language_switch_lands_on_the_translation_when_there_is_one(client, news, locales):
    article = ArticlePageFactory(parent=news, title="Vertaald", slug="vertaald")
    translate(article, locales["en"], title="Translated", slug="translated")
    html = client.get("/nieuws/vertaald/").content.decode()
    switch = html[html.index('class="language-switch"') :]
    switch = switch[: switch.index("</nav>")]
    assert 'href="/en/news/translated/"' in switch
    assert "not translated" not in switch

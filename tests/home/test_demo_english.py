"""The demo content speaks English where the issue asks: streams, at least half of the articles,
every upcoming meet-up, the participants and the themes, at English addresses."""

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale

from events.models import MeetupPage
from movement.models import Theme
from streams.models import ArticlePage, ParticipantPage, StreamPage

pytestmark = pytest.mark.django_db


def test_demo_content_has_english_versions(client, locales):
    call_command("load_demo", verbosity=0)
    en = Locale.objects.get(language_code="en")
    for model in (StreamPage, ParticipantPage):
        dutch = model.objects.live().filter(locale=locales["nl"]).count()
        assert dutch and model.objects.live().filter(locale=en).count() == dutch, model
    articles_nl = ArticlePage.objects.live().filter(locale=locales["nl"]).count()
    assert ArticlePage.objects.live().filter(locale=en).count() * 2 >= articles_nl
    upcoming = MeetupPage.objects.live().filter(end__gte=timezone.now())
    assert upcoming.filter(locale=en).count() == upcoming.filter(locale=locales["nl"]).count()
    assert (
        Theme.objects.filter(locale=en).count()
        == Theme.objects.filter(locale=locales["nl"]).count()
    )

    # English pages have English slugs and text, served as English.
    article = ArticlePage.objects.get(locale=en, slug="visiting-kampen")
    response = client.get(article.url)
    html = response.content.decode()
    assert response.status_code == 200 and '<html lang="en">' in html
    assert "government that follows the community" in html
    assert article.url == "/en/streams/long-term-care/visiting-kampen/"
    # The article names the organisation it visited, and that page lists it.
    participant = ParticipantPage.objects.get(locale=en, slug="het-8ste-werk")
    assert "Visiting Kampen" in client.get(participant.url).content.decode()
    # The English meet-up list is no longer empty.
    assert "0 meet-ups found" not in client.get("/en/meet-ups/").content.decode()


def test_every_demo_page_can_be_found_by_its_title_in_its_language(client, locales):
    """load_demo indexes once, after its last save: each live page it made is found in its own
    language, and a second run (nothing new) leaves them findable."""
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    pages = {
        "nl": ArticlePage.objects.live().filter(locale=locales["nl"]),
        "en": ArticlePage.objects.live().filter(locale__language_code="en"),
    }
    for language, search_url in (("nl", "/zoeken/"), ("en", "/en/search/")):
        for article in pages[language]:
            response = client.get(search_url, {"q": article.title})
            found = [result.pk for result in response.context["search_results"]]
            assert article.pk in found, (language, article.title)

"""The article and participant lists keep their counts, their order and the cards of the page
shown under the content generation (uncached pages ask the database less): every change a
visitor can see on a card, or in which cards are shown, must show at once."""

import pytest

from streams.models import Reaction
from tests.conftest import publish
from tests.support.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    ParticipantIndexPageFactory,
    ParticipantPageFactory,
    StreamIndexPageFactory,
    StreamPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections(home):
    streams = StreamIndexPageFactory(parent=home)
    return {
        "care": StreamPageFactory(parent=streams, title="Langdurige zorg", slug="langdurige-zorg"),
        "youth": StreamPageFactory(parent=streams, title="Jeugd", slug="jeugd"),
        "news": ArticleIndexPageFactory(parent=home),
        "participants": ParticipantIndexPageFactory(parent=home),
    }


def html_of(client, url):
    return client.get(url).content.decode()


def test_an_article_published_renamed_or_unpublished_shows_on_the_list_at_once(client, sections):
    ArticlePageFactory(parent=sections["care"], title="Eerder bericht")
    assert "Eerder bericht" in html_of(client, "/nieuws/")

    article = ArticlePageFactory(parent=sections["news"], title="Nieuw bericht")
    html = html_of(client, "/nieuws/")
    assert "Nieuw bericht" in html and "2 artikelen" in html

    article.title = "Hernoemd bericht"
    publish(article)
    assert "Hernoemd bericht" in html_of(client, "/nieuws/")

    article.unpublish()
    html = html_of(client, "/nieuws/")
    assert "Hernoemd bericht" not in html and "Eerder bericht" in html


def test_an_approved_reaction_shows_on_the_article_card_at_once(client, sections):
    article = ArticlePageFactory(parent=sections["care"], title="Bericht")
    assert "1 reactie" not in html_of(client, "/nieuws/")
    reaction = Reaction.objects.create(article=article, name="An", email="a@example.org", body="Ja")
    reaction.status = Reaction.Status.APPROVED  # as an editor approves it in the admin
    reaction.save()
    assert "1 reactie" in html_of(client, "/nieuws/")


def test_a_participant_published_or_joining_a_stream_shows_on_the_list_at_once(client, sections):
    first = ParticipantPageFactory(parent=sections["participants"], title="Zorggroep Noord")
    first.streams.set([sections["care"]])
    publish(first)
    assert "Zorggroep Noord" in html_of(client, "/deelnemers/")

    ParticipantPageFactory(parent=sections["participants"], title="Buurtzorg Zuid")
    assert "Buurtzorg Zuid" in html_of(client, "/deelnemers/")

    first.streams.add(sections["youth"])
    publish(first)
    html = html_of(client, "/deelnemers/")
    assert '<span class="chip accent-red">Jeugd</span>' in html

    youth = sections["youth"]
    youth.title = "Jeugdzorg"
    publish(youth)
    assert '<span class="chip accent-red">Jeugdzorg</span>' in html_of(client, "/deelnemers/")

"""Cards read only what their listing query fetched: card querysets select just the fields a
card shows (`card_fields`), so a card that read one more would cost a query per card. With
every kind of card showing all it can (images, logos, reactions, full, cancelled, online and
hybrid meet-ups), one card or a full section must take the same queries."""

import pytest
import wagtail_factories

from events.models import MeetupPage
from streams.models import Reaction
from tests.conftest import publish
from tests.support.factories import (
    ArticlePageFactory,
    MeetupIndexPageFactory,
    MeetupPageFactory,
    ParticipantIndexPageFactory,
    ParticipantPageFactory,
    SignUpFactory,
    StreamIndexPageFactory,
    StreamPageFactory,
)
from tests.support.helpers import count_queries

pytestmark = pytest.mark.django_db

MEETUPS = [
    {"title": "Vol", "capacity": 1, "full": True},
    {"title": "Afgelast", "status": MeetupPage.Status.CANCELLED},
    {"title": "Online", "venue_name": "", "online_url": "https://example.org/meet"},
    {"title": "Hybride", "online_url": "https://example.org/meet"},
]


@pytest.fixture
def site(home):
    streams = StreamIndexPageFactory(parent=home)
    participants = ParticipantIndexPageFactory(parent=home)
    meetups = MeetupIndexPageFactory(parent=home)
    return {"home": home, "streams": streams, "participants": participants, "meetups": meetups}


def grow(site, n):
    """`n` cards of every kind, each showing all it can."""
    stream = site.get("care") or StreamPageFactory(
        parent=site["streams"], title="Langdurige zorg", slug="langdurige-zorg", start_year=2017
    )
    site["care"] = stream
    for number in range(site.setdefault("made", 0), site["made"] + n):
        article = ArticlePageFactory(
            parent=stream,
            title=f"Artikel {number}",
            summary="Wat er gebeurde.",
            image=wagtail_factories.ImageFactory(),
            image_alt="Bewoners aan tafel",
        )
        Reaction.objects.create(
            article=article,
            name="Anna",
            email="anna@example.org",
            body="Mooi.",
            status=Reaction.Status.APPROVED,
        )
        participant = ParticipantPageFactory(
            parent=site["participants"], logo=wagtail_factories.ImageFactory()
        )
        participant.streams.set([stream])
        publish(participant)
        fields = dict(MEETUPS[number % len(MEETUPS)])
        full = fields.pop("full", False)
        fields["title"] += f" {number}"
        meetup = MeetupPageFactory(parent=site["meetups"], **fields)
        meetup.streams.set([stream])
        publish(meetup)
        if full:
            SignUpFactory(meetup=meetup)
    site["made"] += n


@pytest.mark.parametrize("url", ["/", "/stromen/langdurige-zorg/"])
def test_one_card_or_a_full_section_take_the_same_queries(client, site, url):
    grow(site, 1)
    one = count_queries(client, url)
    grow(site, 5)
    html = client.get(url).content.decode()
    assert "Vol" in html and "Afgelast" in html and "Online" in html
    if url != "/":  # the home page shows the three soonest meet-ups, the stream four
        assert "en online" in html
    assert "1 reactie" in html and 'alt="Bewoners aan tafel"' in html
    assert count_queries(client, url) == one

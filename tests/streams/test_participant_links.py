"""Participant pages connect: website, meet-ups hosted (upcoming, then past), articles that
mention the organisation, its streams and themes; the list shows each organisation's streams."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.support.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    MeetupIndexPageFactory,
    MeetupPageFactory,
    ParticipantIndexPageFactory,
    ParticipantPageFactory,
    StreamIndexPageFactory,
    StreamPageFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def participant(home):
    streams = StreamIndexPageFactory(parent=home)
    care = StreamPageFactory(parent=streams, title="Langdurige zorg", slug="langdurige-zorg")
    youth = StreamPageFactory(parent=streams, title="Jeugd", slug="jeugd")
    index = ParticipantIndexPageFactory(parent=home)
    theme = ThemeFactory(name="Zorgzame gemeenschappen")
    organisation = ParticipantPageFactory(
        parent=index,
        title="Het 8ste Werk",
        slug="het-8ste-werk",
        website="https://het8stewerk.example.org/",
    )
    organisation.streams = [care, youth]
    organisation.themes = [theme]
    organisation.save_revision().publish()
    ParticipantPageFactory(parent=index, title="Zonder stroom", slug="zonder-stroom")
    meetups = MeetupIndexPageFactory(parent=home)
    now = timezone.now()
    MeetupPageFactory(parent=meetups, title="Straks in Kampen", host=organisation)
    MeetupPageFactory(
        parent=meetups,
        title="Vorig jaar in Kampen",
        host=organisation,
        start=now - dt.timedelta(days=300),
        end=now - dt.timedelta(days=300) + dt.timedelta(hours=3),
    )
    MeetupPageFactory(parent=meetups, title="Ergens anders")
    news = ArticleIndexPageFactory(parent=home)
    mentioning = ArticlePageFactory(parent=news, title="Op bezoek in Kampen")
    mentioning.participants = [organisation]
    mentioning.save_revision().publish()
    ArticlePageFactory(parent=news, title="Over iets anders")
    return organisation


def test_a_participant_page_shows_what_connects_to_it(client, participant):
    html = client.get(participant.url).content.decode()
    assert 'href="https://het8stewerk.example.org/"' in html
    assert "Langdurige zorg" in html and "Jeugd" in html
    assert "Zorgzame gemeenschappen" in html
    assert "Op bezoek in Kampen" in html and "Over iets anders" not in html
    assert "Straks in Kampen" in html and "Vorig jaar in Kampen" in html
    assert "Ergens anders" not in html
    # Upcoming first, then past.
    assert html.index("Straks in Kampen") < html.index("Vorig jaar in Kampen")


def test_the_participant_list_shows_each_organisations_streams(client, participant):
    html = client.get("/deelnemers/").content.decode()
    card = html[html.index("Het 8ste Werk") :]
    card = card[: card.index("</article>")]
    assert "Langdurige zorg" in card and "Jeugd" in card
    other = html[html.index("Zonder stroom") :]
    other = other[: other.index("</article>")]
    assert "participant-streams" not in other

"""A meet-up page's host, series, report, streams, themes and keywords are kept under the content
generation (uncached pages ask the database less): every change a visitor can see in them must
show at once; the places left are read every time."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.conftest import publish, translate
from tests.support.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    MeetupIndexPageFactory,
    MeetupPageFactory,
    MeetupSeriesFactory,
    ParticipantIndexPageFactory,
    ParticipantPageFactory,
    SignUpFactory,
    StreamIndexPageFactory,
    StreamPageFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def meetup(home):
    care = StreamPageFactory(
        parent=StreamIndexPageFactory(parent=home), title="Langdurige zorg", slug="zorg"
    )
    host = ParticipantPageFactory(
        parent=ParticipantIndexPageFactory(parent=home), title="Zorggroep Noord"
    )
    meetup = MeetupPageFactory(
        parent=MeetupIndexPageFactory(parent=home),
        title="Zorg in de wijk",
        host=host,
        series=MeetupSeriesFactory(name="Week van de vernieuwing", slug="week"),
    )
    meetup.streams.set([care])
    meetup.themes.set([ThemeFactory(name="Zie de mens", slug="zie-de-mens")])
    meetup.keywords.add("buurt")
    return publish(meetup)


def html_of(client, meetup):
    return client.get(meetup.url).content.decode()


def test_a_renamed_host_stream_series_theme_or_keyword_shows_at_once(client, meetup):
    html = html_of(client, meetup)
    for shown in ("Zorggroep Noord", "Langdurige zorg", "Week van de vernieuwing", "zie-de-mens"):
        assert shown in html

    host = meetup.host
    host.title = "Zorggroep Noord-Oost"
    publish(host)
    stream = meetup.streams.get()
    stream.title = "Ouderenzorg"
    publish(stream)
    series = meetup.series
    series.name = "Week van de radicale vernieuwing"
    series.save()
    theme = meetup.themes.get()
    theme.slug = "mens-centraal"
    theme.save()
    meetup.keywords.add("wonen")
    publish(meetup)

    html = html_of(client, meetup)
    assert "Zorggroep Noord-Oost" in html and "Ouderenzorg" in html
    assert "Week van de radicale vernieuwing" in html
    assert 'href="/themas/mens-centraal/"' in html and "wonen" in html


def test_a_report_published_later_shows_on_the_past_meetup_at_once(client, meetup, home):
    meetup.start = timezone.now() - dt.timedelta(days=2)
    meetup.end = meetup.start + dt.timedelta(hours=3)
    publish(meetup)
    assert "Lees de terugblik" not in html_of(client, meetup)

    report = ArticlePageFactory(parent=ArticleIndexPageFactory(parent=home), title="Terugblik")
    meetup.report = report
    publish(meetup)
    assert "Lees de terugblik: Terugblik" in html_of(client, meetup)
    report.unpublish()
    assert "Lees de terugblik" not in html_of(client, meetup)


def test_the_places_left_follow_every_sign_up(client, meetup):
    assert "nog 10 plaatsen vrij" in html_of(client, meetup)
    SignUpFactory(meetup=meetup)
    assert "nog 9 plaatsen vrij" in html_of(client, meetup)


def test_a_listing_card_follows_a_rename_and_says_full_without_a_publish(client, meetup):
    index_url = meetup.get_parent().url
    assert "Zorg in de wijk" in client.get(index_url).content.decode()
    meetup.title = "Zorg om de hoek"
    publish(meetup)
    html = client.get(index_url).content.decode()
    assert "Zorg om de hoek" in html and "Vol" not in html

    for _ in range(meetup.capacity):
        SignUpFactory(meetup=meetup)
    assert "Vol" in client.get(index_url).content.decode()


def test_the_english_card_counts_the_sign_ups_of_the_dutch_original(client, meetup, locales):
    index = translate(meetup.get_parent(), locales["en"], title="Meet-ups", slug="meet-ups")
    translate(meetup, locales["en"], title="Care in the neighbourhood")
    assert "Full" not in client.get(index.url).content.decode()
    for _ in range(meetup.capacity):
        SignUpFactory(meetup=meetup)
    html = client.get(index.url).content.decode()
    assert "Care in the neighbourhood" in html and "Full" in html

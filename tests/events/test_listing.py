"""The meet-up listing: order, archive, filters, series, iCal feeds, bounded queries (issue 5)."""

import datetime as dt
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from events.models import MeetupPage
from tests.support.factories import (
    MeetupIndexPageFactory,
    MeetupPageFactory,
    MeetupSeriesFactory,
    SignUpFactory,
    StreamIndexPageFactory,
    StreamPageFactory,
    ThemeFactory,
)
from tests.support.helpers import count_queries, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home):
    return MeetupIndexPageFactory(parent=home)


@pytest.fixture
def world(home, index):
    """Two streams, two themes, and meet-ups across provinces, past and future, one online."""
    streams_index = StreamIndexPageFactory(parent=home)
    youth = StreamPageFactory(parent=streams_index, title="Jeugd", slug="jeugd")
    care = StreamPageFactory(parent=streams_index, title="Langdurige zorg", slug="langdurige-zorg")
    communities = ThemeFactory(name="Zorgzame gemeenschappen", slug="zorgzame-gemeenschappen")
    quality = ThemeFactory(name="Kwaliteit jeugdzorg", slug="kwaliteit-jeugdzorg")

    def meetup(title, days, province, stream, theme, **fields):
        page = MeetupPageFactory(
            parent=index, title=title, start=in_days(days), province=province, **fields
        )
        page.streams.set([stream])
        page.themes.set([theme])
        page.save()
        return page

    return {
        "kampen": meetup("Kampen", 20, "overijssel", care, communities, city="Kampen"),
        "tiel": meetup("Tiel", 5, "gelderland", youth, quality, city="Tiel"),
        "rotterdam": meetup("Rotterdam", 40, "zuid-holland", care, communities),
        "online": meetup(
            "Online jeugd",
            12,
            "",
            youth,
            quality,
            venue_name="",
            address="",
            postcode="",
            city="",
            online_url="https://meet.example.org/x",
        ),
        "past": meetup("Geweest", -30, "overijssel", care, communities),
        "streams": {"youth": youth, "care": care},
    }


def titles(response):
    return [meetup.title for meetup in response.context["meetups"]]


def test_upcoming_soonest_first_and_past_in_the_archive(client, index, world):
    response = client.get(index.url)
    assert response.status_code == 200
    assert titles(response) == ["Tiel", "Online jeugd", "Kampen", "Rotterdam"]
    archive = client.get(index.url + "archief/")
    assert titles(archive) == ["Geweest"]
    assert "Archief van meet-ups" in archive.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("stroom=jeugd", ["Tiel", "Online jeugd"]),
        ("thema=zorgzame-gemeenschappen", ["Kampen", "Rotterdam"]),
        ("provincie=overijssel", ["Kampen"]),
        ("vorm=online", ["Online jeugd"]),
        ("vorm=in_person", ["Tiel", "Kampen", "Rotterdam"]),
        ("stroom=langdurige-zorg&provincie=zuid-holland", ["Rotterdam"]),
        ("stroom=jeugd&vorm=in_person", ["Tiel"]),
    ],
)
def test_filters_combine_as_shareable_urls(client, index, world, query, expected):
    response = client.get(f"{index.url}?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


def test_month_filter(client, index, world):
    month = timezone.localtime(world["kampen"].start).strftime("%Y-%m")
    response = client.get(f"{index.url}?maand={month}")
    expected = [
        meetup.title
        for meetup in MeetupPage.objects.filter(end__gte=timezone.now()).order_by("start")
        if timezone.localtime(meetup.start).strftime("%Y-%m") == month
    ]
    assert titles(response) == expected
    assert f'value="{month}" selected' in response.content.decode()


def test_unknown_filter_value_is_a_clear_400(client, index, world):
    response = client.get(f"{index.url}?stroom=bestaat-niet&provincie=utrecht")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Deze keuze bestaat niet (meer)" in html
    assert titles(response) == []  # province=utrecht still applies


def test_unknown_filter_values_are_not_kept(client, index, world):
    """Counts are kept per selection; a made-up value is counted each time instead, so links
    with arbitrary values cannot fill the cache."""
    url = f"{index.url}?stroom=verzonnen&provincie=utrecht"
    assert client.get(url).status_code == 400
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 400
    assert [q for q in queries if "COUNT(DISTINCT" in q["sql"]]


def test_filter_form_is_labelled_and_works_without_javascript(client, index, world):
    html = client.get(index.url).content.decode()
    assert '<form class="filter-form" method="get">' in html
    for name in ("stroom", "thema", "provincie", "maand", "vorm"):
        assert f'<label for="filter-{name}">' in html


def test_full_meetup_card_says_so(client, index, world):
    kampen = world["kampen"]
    kampen.capacity = 1
    kampen.save()
    SignUpFactory(meetup=kampen)
    assert "Vol, wachtlijst open" in client.get(index.url).content.decode()


def test_a_card_turns_full_while_the_counts_are_kept(client, index, world):
    """Counts are kept under the content generation; a sign-up does not change it, and the cards
    (places, "full") are read from the database on every rendering."""
    kampen = world["kampen"]
    kampen.capacity = 1
    kampen.save()
    assert 'class="meetup-status"' not in client.get(index.url).content.decode()
    SignUpFactory(meetup=kampen)
    html = client.get(index.url).content.decode()
    assert "Vol, wachtlijst open" in html
    assert "4 meet-ups gevonden" in html


def test_a_meetup_leaves_the_list_and_its_counts_the_moment_it_ends(client, index, world):
    """No publish, no new generation: the kept counts and months hold only until the first
    meet-up they counted ends."""
    now = timezone.now()
    ending = MeetupPageFactory(
        parent=index, title="Bijna voorbij", start=now - dt.timedelta(hours=2), end=now
    )
    ending.end = timezone.now() + dt.timedelta(seconds=1.5)
    ending.streams.set([world["streams"]["youth"]])
    ending.save()
    html = client.get(index.url).content.decode()
    assert "Bijna voorbij" in html and "5 meet-ups gevonden" in html
    assert '<option value="jeugd">Jeugd (3)</option>' in html

    time.sleep(max(0.0, (ending.end - timezone.now()).total_seconds()) + 0.1)
    html = client.get(index.url).content.decode()
    assert "Bijna voorbij" not in html and "4 meet-ups gevonden" in html
    assert '<option value="jeugd">Jeugd (2)</option>' in html
    assert "Bijna voorbij" in client.get(index.url + "archief/").content.decode()


def test_series_has_its_own_listing(client, index, world):
    series = MeetupSeriesFactory(name="Week van de Radicale vernieuwing", slug="week")
    for key in ("kampen", "past"):
        world[key].series = series
        world[key].save()
    response = client.get(index.url + "reeks/week/")
    assert response.status_code == 200
    assert [m.title for m in response.context["upcoming"]] == ["Kampen"]
    assert [m.title for m in response.context["past"]] == ["Geweest"]
    assert client.get(index.url + "reeks/bestaat-niet/").status_code == 404
    assert 'href="/meet-ups/reeks/week/"' in client.get(world["kampen"].url).content.decode()


def test_ical_feeds_for_all_and_per_stream(client, index, world):
    response = client.get(index.url + "ical/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    summaries = [str(event["summary"]) for event in calendar.walk("VEVENT")]
    assert summaries == ["Tiel", "Online jeugd", "Kampen", "Rotterdam"]
    assert calendar.walk("VTIMEZONE")
    youth = Calendar.from_ical(client.get(index.url + "ical/jeugd/").content)
    assert [str(event["summary"]) for event in youth.walk("VEVENT")] == ["Tiel", "Online jeugd"]
    assert "meet.example.org" not in response.content.decode()
    assert client.get(index.url + "ical/bestaat-niet/").status_code == 404


def test_cancelled_meetup_is_cancelled_in_the_feed(client, index, world):
    world["tiel"].status = MeetupPage.Status.CANCELLED
    world["tiel"].save()
    calendar = Calendar.from_ical(client.get(index.url + "ical/").content)
    statuses = {str(e["summary"]): str(e["status"]) for e in calendar.walk("VEVENT")}
    assert statuses["Tiel"] == "CANCELLED" and statuses["Kampen"] == "CONFIRMED"


def make_meetups(index, first, last):
    """Many meet-ups, cheaply: only what Wagtail needs (add_child), no revisions."""
    for number in range(first, last):
        start = in_days(1 + number % 60)
        index.add_child(
            instance=MeetupPage(
                title=f"Meet-up {number}",
                slug=f"meet-up-{number}",
                summary="Samen praten.",
                start=start,
                end=start + dt.timedelta(hours=2),
                venue_name="Buurthuis",
                city="Kampen",
                province="overijssel",
                capacity=10,
            )
        )


def test_listing_and_page_queries_do_not_grow_with_the_number_of_meetups(
    client, index, without_search_index
):
    make_meetups(index, 0, 10)
    first = MeetupPage.objects.order_by("pk").first()
    SignUpFactory.create_batch(3, meetup=first)
    listing_small = count_queries(client, index.url)
    page_small = count_queries(client, first.url)
    filtered_small = count_queries(client, index.url + "?provincie=overijssel&vorm=in_person")

    make_meetups(index, 10, 200)
    SignUpFactory.create_batch(20, meetup=first)
    assert MeetupPage.objects.count() == 200
    assert count_queries(client, index.url) == listing_small
    assert count_queries(client, first.url) == page_small
    assert count_queries(client, index.url + "?provincie=overijssel&vorm=in_person") == (
        filtered_small
    )
    assert listing_small <= 25 and page_small <= 30

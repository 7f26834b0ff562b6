"""The meet-up admin reads right (issue 13): the listing's start column shows the meet-up's own
date, CSV exports give local times without microseconds, dashboard dates use Dutch month names."""

import csv
import datetime as dt
import io
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from events.models import SignUp
from tests.support.factories import MeetupIndexPageFactory, MeetupPageFactory, SignUpFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = dt.timezone(dt.timedelta(hours=1))  # winter time, as on the dates below


@pytest.fixture
def meetup(home):
    index = MeetupIndexPageFactory(parent=home)
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=200)
    start = start.astimezone(AMSTERDAM).replace(month=12, day=6, hour=14, minute=0, second=0)
    return MeetupPageFactory(parent=index, title="Kampvuurgesprek in de winter", start=start)


def row_of(html, title):
    """The listing's table row that holds this title."""
    rows = re.findall(r"<tr\b.*?</tr>", html, flags=re.S)
    matching = [row for row in rows if title in row]
    assert matching, f"no row with {title!r}"
    return matching[0]


def test_start_column_shows_the_meetup_date_not_just_now(client, admin_user, meetup):
    client.force_login(admin_user)
    html = client.get("/admin/meetups/").content.decode()
    row = row_of(html, "Kampvuurgesprek in de winter")
    expected = f"6 december {meetup.start.year}, 14:00"
    assert expected in row
    assert "Zojuist" not in row and "just now" not in row.lower()


def test_meetup_listing_fits_without_the_parent_and_revision_columns(client, admin_user, meetup):
    client.force_login(admin_user)
    html = client.get("/admin/meetups/").content.decode()
    head = re.search(r"<thead>.*?</thead>", html, flags=re.S).group(0)
    assert "Begint" in head and "Aanmeldingen" in head
    assert "Bovenliggende pagina" not in head and "Gewijzigd" not in head
    # The admin stylesheet with the column widths and panel padding is on every admin page.
    assert "movement/css/admin.css" in html
    # Wagtail's own Dutch catalogue says "1-1van 1meet-up"; the project's corrects the spaces.
    assert "van 1 meet-up" in html


def test_csv_export_times_are_local_and_to_the_minute(client, django_user_model, meetup):
    user = django_user_model.objects.create_user(username="organiser", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(Group.objects.get(name="Meet-up organisers"))
    signup = SignUpFactory(meetup=meetup, email="anna@example.org")
    created = dt.datetime(2026, 11, 24, 21, 5, 33, 123456, tzinfo=dt.UTC)
    SignUp.objects.filter(pk=signup.pk).update(created_at=created)
    client.force_login(user)
    response = client.get("/admin/meetup-signups/?export=csv")
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    heading = rows[0].index("Aangemeld op")
    assert rows[1][heading] == "2026-11-24 22:05"  # Amsterdam, UTC+1 in November


def test_dashboard_panel_dates_use_dutch_month_names(client, admin_user, meetup):
    client.force_login(admin_user)
    html = client.get("/admin/").content.decode()
    assert f"6 december {meetup.start.year}, 14:00" in html
    assert "Dec " not in html

"""The block library's "Komende meet-ups" block gets its meet-ups from the events app through
movement.providers: the ground floor never imports events."""

import pytest

from tests.support.factories import (
    MeetupIndexPageFactory,
    MeetupPageFactory,
    StandardPageFactory,
    StreamIndexPageFactory,
    StreamPageFactory,
)
from tests.support.helpers import in_days

pytestmark = pytest.mark.django_db


def test_upcoming_meetups_block_lists_the_streams_coming_meetups(client, home):
    care = StreamPageFactory(parent=StreamIndexPageFactory(parent=home), title="Langdurige zorg")
    index = MeetupIndexPageFactory(parent=home)
    soon = MeetupPageFactory(parent=index, title="Meet-up over zorg", start=in_days(3))
    soon.streams.add(care)
    soon.save()
    MeetupPageFactory(parent=index, title="Meet-up over iets anders", start=in_days(4))
    past = MeetupPageFactory(parent=index, title="Voorbije meet-up", start=in_days(-3))
    past.streams.add(care)
    past.save()
    page = StandardPageFactory(
        parent=home,
        title="Over de zorg",
        body=[("upcoming_meetups", {"title": "Binnenkort", "stream": care, "count": 3})],
    )

    html = client.get(page.url).content.decode()

    assert "Binnenkort" in html and "Meet-up over zorg" in html
    assert "Meet-up over iets anders" not in html and "Voorbije meet-up" not in html

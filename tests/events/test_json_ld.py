"""The meet-up page's schema.org data: the organiser comes from the page's context, escaped."""

import json
import re

import pytest

from tests.support.factories import (
    MeetupIndexPageFactory,
    MeetupPageFactory,
    ParticipantIndexPageFactory,
    ParticipantPageFactory,
)

pytestmark = pytest.mark.django_db


def test_organiser_is_the_host_and_cannot_break_out_of_the_script_block(client, home):
    participants = ParticipantIndexPageFactory(parent=home)
    host = ParticipantPageFactory(parent=participants, title="Zorg & Welzijn </script> Kampen")
    meetup = MeetupPageFactory(parent=MeetupIndexPageFactory(parent=home), host=host)

    html = client.get(meetup.url).content.decode()

    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    organizer = json.loads(block)["organizer"]
    assert organizer == {
        "@type": "Organization",
        "name": "Zorg & Welzijn </script> Kampen",
        "url": "http://testserver" + host.url,  # the public base URL, not the Site record
    }
    assert "Zorg &amp; Welzijn &lt;/script&gt; Kampen" in html  # shown on the page as well

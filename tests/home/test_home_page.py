"""The home page's stream cards come from the streams kept under the content generation
(StreamPage.in_locale): publishing, renaming and unpublishing a stream show at once."""

import pytest

from tests.conftest import publish
from tests.support.factories import StreamIndexPageFactory, StreamPageFactory

pytestmark = pytest.mark.django_db


def test_stream_cards_follow_publishing(client, home):
    streams = StreamIndexPageFactory(parent=home)
    StreamPageFactory(parent=streams, title="Langdurige zorg", slug="langdurige-zorg")
    assert "Langdurige zorg" in client.get("/").content.decode()

    youth = StreamPageFactory(parent=streams, title="Jeugd", slug="jeugd")
    assert "Jeugd" in client.get("/").content.decode()

    youth.title = "Jeugd en gezin"
    publish(youth)
    assert "Jeugd en gezin" in client.get("/").content.decode()

    youth.unpublish()
    assert "Jeugd en gezin" not in client.get("/").content.decode()

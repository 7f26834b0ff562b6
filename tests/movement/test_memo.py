"""What an uncached page keeps under the content generation instead of asking the database
(movement/pagecache/memo.py: locales, view restrictions) follows every change at once."""

import pytest
from wagtail.models import PageViewRestriction

from tests.support.factories import StandardPageFactory, StreamIndexPageFactory, StreamPageFactory

pytestmark = pytest.mark.django_db


def test_a_view_restriction_applies_at_once_and_lifting_it_too(client, home):
    page = StandardPageFactory(parent=home, title="Verslag", slug="verslag")
    assert b"Verslag" in client.get("/verslag/").content  # the restrictions are kept now

    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type="password", password="geheim"
    )
    response = client.get("/verslag/")
    assert b"<h1>Verslag</h1>" not in response.content
    assert b'name="password"' in response.content

    restriction.delete()
    assert b'name="password"' not in client.get("/verslag/").content


def test_a_restricted_section_leaves_the_listings_at_once(client, home):
    streams = StreamIndexPageFactory(parent=home)
    StreamPageFactory(parent=streams, title="Jeugd in beweging", slug="jeugd")
    assert "Jeugd in beweging" in client.get("/").content.decode()

    PageViewRestriction.objects.create(page=streams, restriction_type="password", password="x")
    assert "Jeugd in beweging" not in client.get("/").content.decode()


def test_a_page_moved_under_a_restricted_section_is_private_at_once(client, home):
    closed = StandardPageFactory(parent=home, title="Besloten", slug="besloten")
    PageViewRestriction.objects.create(page=closed, restriction_type="password", password="x")
    page = StandardPageFactory(parent=home, title="Verslag", slug="verslag")
    assert b'name="password"' not in client.get("/verslag/").content

    page.move(closed, pos="last-child")
    response = client.get("/besloten/verslag/")
    assert b'name="password"' in response.content

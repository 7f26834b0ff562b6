"""Coordinator groups belong to their stream by its translation key, not by its title."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail

from streams.coordinators import coordinator_group_name
from streams.join import editor_addresses
from tests.conftest import publish, translate
from tests.support.factories import ArticlePageFactory, StreamIndexPageFactory, StreamPageFactory

pytestmark = pytest.mark.django_db

JOIN_DATA = {
    "organisation": "Buurtzorg De Kroon",
    "contact_name": "Fatima el Amrani",
    "email": "fatima@example.org",
    "city": "Zwolle",
    "motivation": "Wij werken al jaren vanuit relaties en willen leren van anderen.",
    "consent": "on",
}


@pytest.fixture
def care(home):
    streams = StreamIndexPageFactory(parent=home)
    return StreamPageFactory(parent=streams, title="Langdurige zorg", slug="langdurige-zorg")


def coordinator_of(stream, username="coordinator"):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", "geheim-wachtwoord"
    )
    user.groups.add(Group.objects.get(name=coordinator_group_name(stream)))
    return user


def test_renamed_stream_keeps_its_coordinators_and_their_join_notices(
    client, care, locales, django_capture_on_commit_callbacks
):
    article = ArticlePageFactory(parent=care, title="Van de zorg")
    coordinator = coordinator_of(care)

    care.title = "Langdurige zorg en ondersteuning"
    publish(care)

    assert editor_addresses(care) == ["coordinator@example.org"]
    # The group's display name follows the title; it stays the same group.
    assert list(coordinator.groups.values_list("name", flat=True)) == [
        "Coördinatoren Langdurige zorg en ondersteuning"
    ]
    assert not Group.objects.filter(name="Coördinatoren Langdurige zorg").exists()

    client.force_login(coordinator)
    assert client.get(f"/admin/pages/{care.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{article.pk}/edit/").status_code == 200

    # A translation made after the rename joins the same group.
    translate(care.get_parent(), locales["en"], title="Streams", slug="streams")
    english = translate(care, locales["en"], title="Long-term care", slug="long-term-care")
    assert client.get(f"/admin/pages/{english.pk}/edit/").status_code == 200
    assert Group.objects.filter(name__startswith="Coördinatoren").count() == 1

    client.logout()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(care.url, JOIN_DATA)
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["coordinator@example.org"]]

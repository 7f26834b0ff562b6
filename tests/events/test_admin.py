"""Sign-ups in the Wagtail admin: only meet-up organisers see personal data (issue 5)."""

import csv
import importlib
import io

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.db import transaction
from django.urls import reverse
from wagtail.models import ReferenceIndex

from events.models import SignUp
from tests.support.factories import MeetupIndexPageFactory, MeetupPageFactory, SignUpFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meetup(home):
    index = MeetupIndexPageFactory(parent=home)
    return MeetupPageFactory(parent=index, title="Kampvuurgesprek", capacity=1)


@pytest.fixture
def signups(meetup):
    return [
        SignUpFactory(meetup=meetup, name="Anna Jansen", email="anna@example.org"),
        SignUpFactory(
            meetup=meetup, name="Bram Bakker", email="bram@example.org", status="waiting"
        ),
        SignUpFactory(
            meetup=meetup, name="Cor Visser", email="cor@example.org", status="cancelled"
        ),
    ]


def make_user(django_user_model, username, groups=()):
    user = django_user_model.objects.create_user(username=username, password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for group in groups:
        user.groups.add(group)
    return user


@pytest.fixture
def organiser(django_user_model):
    return make_user(django_user_model, "organiser", [Group.objects.get(name="Meet-up organisers")])


@pytest.fixture
def editor(django_user_model):
    """An editor with every sign-up model permission, but not the personal-data one."""
    user = make_user(django_user_model, "editor")
    for codename in ("view_signup", "change_signup", "delete_signup"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


INDEX = "/admin/meetup-signups/"


def test_organisers_group_has_the_personal_data_permission():
    group = Group.objects.get(name="Meet-up organisers")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"view_personal_data", "view_signup", "change_signup", "access_admin"} <= codenames


def test_organiser_sees_sign_ups_with_counts_and_can_search(client, organiser, signups, meetup):
    client.force_login(organiser)
    html = client.get(INDEX + f"?meetup={meetup.pk}").content.decode()
    assert "Anna Jansen" in html and "bram@example.org" in html
    assert "1 aangemeld · 1 op de wachtlijst · 1 afgemeld" in html
    found = client.get(INDEX + "?q=bram").content.decode()
    assert "Bram Bakker" in found and "Anna Jansen" not in found


def test_editor_without_the_permission_sees_no_personal_data(client, editor, signups, meetup):
    client.force_login(editor)
    response = client.get(INDEX)
    assert response.status_code in (302, 403)
    assert "anna@example.org" not in response.content.decode()
    export = client.get(INDEX + "?export=csv")
    assert export.status_code in (302, 403)
    assert b"anna@example.org" not in export.content
    assert client.get(INDEX + f"{signups[0].pk}/cancel/").status_code in (302, 403)
    assert client.post(INDEX + f"{signups[0].pk}/cancel/").status_code in (302, 403)
    assert SignUp.objects.get(pk=signups[0].pk).status == "confirmed"
    # The admin menu does not offer the listing either.
    dashboard = client.get("/admin/").content.decode()
    assert INDEX not in dashboard


def test_meetup_listing_shows_counts(client, admin_user, signups, meetup):
    client.force_login(admin_user)
    response = client.get("/admin/meetups/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kampvuurgesprek" in html
    assert "Aangemeld" in html and "Wachtlijst" in html
    assert f"/admin/meetup-signups/?meetup={meetup.pk}" in html


def test_csv_export_has_the_sign_ups(client, organiser, signups):
    client.force_login(organiser)
    response = client.get(INDEX + "?export=csv")
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0][:3] == ["Meet-up", "Naam", "E-mailadres"]
    emails = {row[2] for row in rows[1:]}
    assert emails == {"anna@example.org", "bram@example.org", "cor@example.org"}


def test_organiser_cancels_and_the_waiting_list_moves_up(
    client, organiser, signups, django_capture_on_commit_callbacks
):
    client.force_login(organiser)
    url = INDEX + f"{signups[0].pk}/cancel/"
    assert "Ja, meld af" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert SignUp.objects.get(pk=signups[0].pk).status == "cancelled"
    assert SignUp.objects.get(pk=signups[1].pk).status == "confirmed"
    (message,) = mail.outbox
    assert message.to == ["bram@example.org"]


def test_organiser_promotes_from_the_waiting_list_even_when_full(
    client, organiser, signups, django_capture_on_commit_callbacks
):
    client.force_login(organiser)
    url = INDEX + f"{signups[1].pk}/promote/"
    assert "meer mensen dan er plaatsen zijn" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert SignUp.objects.get(pk=signups[1].pk).status == "confirmed"
    assert mail.outbox[0].subject.startswith("Er is een plaats voor u")


def test_sign_ups_cannot_be_added_in_the_admin(client, admin_user):
    client.force_login(admin_user)
    assert client.get(INDEX + "new/").status_code in (302, 403)


def test_admin_urls_are_reversible():
    assert reverse("events_signup:index") == INDEX


def test_a_meetups_usage_in_the_admin_does_not_list_the_people_signed_up(
    client, admin_user, meetup, post_signup
):
    """Wagtail's usage index is about content; sign-ups are personal data (and indexing each
    one queued a task per sign-up)."""
    client.force_login(admin_user)  # the admin's URLs (and its viewsets) are loaded
    assert client.get(INDEX).status_code == 200
    post_signup(meetup, name="Dirk de Usage", email="dirk@example.org")
    assert SignUp.objects.filter(email="dirk@example.org").exists()
    usage = client.get(reverse("wagtailadmin_pages:usage", args=[meetup.pk]))
    assert usage.status_code == 200
    assert "Dirk de Usage" not in usage.content.decode()


def test_the_usage_rows_written_for_sign_ups_before_are_forgotten(meetup, signups):
    """Rows the worker wrote while sign-ups were indexed: the migration removes them."""
    migration = importlib.import_module("events.migrations.0008_forget_signup_references")
    with transaction.atomic():
        ReferenceIndex.create_or_update_for_object(signups[0])
    assert ReferenceIndex.get_references_to(meetup).exists()
    migration.forget(apps, None)
    assert not ReferenceIndex.get_references_to(meetup).exists()

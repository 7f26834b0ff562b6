"""The editor's path: an organiser prepares a meet-up, a LOC editor approves it, visitors see it."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from events.models import MeetupPage
from movement import roles
from tests.support.factories import MeetupIndexPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "een-lang-wachtwoord-voor-de-test"


def user_in(group_name, username):
    roles.ensure_roles()  # a transactional test starts from a flushed database
    user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def log_in(page, base_url, username):
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def test_organiser_submits_a_meetup_editor_approves_and_it_appears_on_home_and_in_ical(
    browser, live_server, home
):
    meetups = MeetupIndexPageFactory(parent=home)
    roles.grant_section_pages()
    user_in(roles.MEETUP_ORGANISERS, "organisator")
    user_in(roles.LOC_EDITORS, "redacteur")
    start = timezone.localtime() + dt.timedelta(days=14)

    organiser = browser.new_context(locale="nl-NL").new_page()
    log_in(organiser, live_server.url, "organisator")
    organiser.goto(f"{live_server.url}/admin/pages/add/events/meetuppage/{meetups.pk}/")
    organiser.fill("#id_title", "Kampvuurgesprek in Zwolle")
    organiser.fill("#id_summary", "Een avond rond het vuur over zorg in de buurt.")
    organiser.fill("#id_start", start.strftime("%Y-%m-%d %H:%M"))
    organiser.fill("#id_end", (start + dt.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"))
    organiser.fill("#id_venue_name", "Buurthuis De Kroon")
    organiser.fill("#id_city", "Zwolle")
    organiser.keyboard.press("Escape")  # close the date picker
    organiser.locator("footer.footer button.w-dropdown__toggle").click()  # more actions
    organiser.locator("button[name=action-submit]").click()
    organiser.wait_for_url(re.compile(r"/admin/pages/\d+/edit/|/admin/pages/\d+/$"))
    organiser.context.close()

    meetup = MeetupPage.objects.get(title="Kampvuurgesprek in Zwolle")
    assert not meetup.live
    assert meetup.workflow_in_progress

    editor = browser.new_context(locale="nl-NL").new_page()
    log_in(editor, live_server.url, "redacteur")
    assert (
        "Kampvuurgesprek in Zwolle" in editor.content()
    )  # awaiting the editor's review on the dashboard
    editor.goto(f"{live_server.url}/admin/pages/{meetup.pk}/edit/")
    approve = editor.locator("footer.footer button[data-workflow-action-name=approve]").first
    if not approve.is_visible():
        editor.locator("footer.footer button.w-dropdown__toggle").click()
    approve.click()
    editor.wait_for_url(re.compile(r"/admin/pages/\d+/"))
    editor.context.close()

    meetup.refresh_from_db()
    assert meetup.live

    visitor = browser.new_context(locale="nl-NL").new_page()
    visitor.goto(live_server.url + "/")
    assert visitor.get_by_role("link", name="Kampvuurgesprek in Zwolle").is_visible()
    feed = visitor.request.get(live_server.url + "/meet-ups/ical/")
    assert feed.ok and "Kampvuurgesprek in Zwolle" in feed.text()
    visitor.context.close()

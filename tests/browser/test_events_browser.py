"""A visitor finds a meet-up, signs up with only the keyboard, and cancels from the e-mail."""

import json
import re
import shutil
import subprocess

import pytest
from django.core import mail

from events.models import SignUp
from tests.browser.conftest import _vnu_jar, assert_no_axe_violations
from tests.support.factories import (
    MeetupIndexPageFactory,
    MeetupPageFactory,
    StreamIndexPageFactory,
    StreamPageFactory,
)
from tests.support.helpers import in_days

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def meetups(home):
    streams = StreamIndexPageFactory(parent=home)
    youth = StreamPageFactory(parent=streams, title="Jeugd", slug="jeugd")
    care = StreamPageFactory(parent=streams, title="Langdurige zorg", slug="langdurige-zorg")
    index = MeetupIndexPageFactory(parent=home)
    tiel = MeetupPageFactory(
        parent=index,
        title="Eén plan per gezin: meet-up in Tiel",
        slug="tiel",
        start=in_days(8),
        city="Tiel",
        province="gelderland",
        capacity=12,
        contact_email="meetups@example.org",
    )
    tiel.streams.set([youth])
    tiel.save()
    kampen = MeetupPageFactory(parent=index, title="Meet-up in Kampen", slug="kampen")
    kampen.streams.set([care])
    kampen.save()
    return index


def tab_to(page, element_id, limit=120):
    """Press Tab until the element has focus, as a keyboard user does."""
    for _ in range(limit):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


class Checks:
    """axe-core on the live page at once; the Nu Html Checker on every page at the end, in one
    run (starting Java once instead of once per page keeps this test fast)."""

    def __init__(self, tmp_path):
        self.tmp_path = tmp_path
        self.documents = {}

    def __call__(self, page, label, served=True):
        # GET pages: the HTML as the server sends it; answers to a POST: as the browser shows it.
        html = page.context.request.get(page.url).text() if served else page.content()
        self.documents[label] = html
        assert_no_axe_violations(page)

    def validate_html(self):
        java = shutil.which("java")
        if java is None:
            pytest.skip("Java not found: the Nu Html Checker needs it (bash .ci/run installs it)")
        files = []
        for number, (label, html) in enumerate(self.documents.items()):
            path = self.tmp_path / f"{number}.html"
            path.write_text(html)
            files.append((str(path), label))
        result = subprocess.run(
            [java, "-jar", str(_vnu_jar()), "--errors-only", "--format", "json"]
            + [path for path, _ in files],
            capture_output=True,
            timeout=180,
            check=False,
        )
        labels = dict(files)
        messages = json.loads(result.stderr or result.stdout or b'{"messages": []}')["messages"]
        errors = [
            f"{labels.get(m.get('url', '').removeprefix('file:'), m.get('url'))} "
            f"line {m.get('lastLine')}: {m['message']}"
            for m in messages
            if m.get("type") == "error"
        ]
        assert not errors, "Nu Html Checker errors:\n" + "\n".join(errors)


def test_visitor_filters_signs_up_with_the_keyboard_and_cancels(
    page, live_server, meetups, tmp_path
):
    check = Checks(tmp_path)
    page.goto(live_server.url + "/meet-ups/")
    check(page, "listing")

    page.get_by_label("Stroom").select_option("jeugd")
    page.get_by_role("button", name="Toon meet-ups").click()
    page.wait_for_url(re.compile(r".*stroom=jeugd.*"))
    cards = page.locator(".card-list .card h2")
    assert cards.all_inner_texts() == ["Eén plan per gezin: meet-up in Tiel"]
    check(page, "filtered listing")

    page.get_by_role("link", name="Eén plan per gezin: meet-up in Tiel").click()
    page.wait_for_url("**/meet-ups/tiel/")
    assert "Er zijn nog 12 plaatsen vrij." in page.inner_text("#signup-state")
    check(page, "meet-up page")

    # Keyboard only: fill in everything but forget the consent.
    tab_to(page, "id_name")
    page.keyboard.type("Sanne de Boer")
    page.keyboard.press("Tab")
    page.keyboard.type("sanne@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("Jeugdnetwerk Rivierenland")
    page.keyboard.press("Tab")
    page.keyboard.type("Naaste")  # picks "Naaste of familielid" in the select
    tab_to(page, "id_remarks")
    page.keyboard.type("Ik neem mijn zoon mee.")
    tab_to(page, "id_consent")
    page.keyboard.press("Tab")  # past the consent (the honeypot is not in the tab order)
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    assert "Vink aan dat u akkoord gaat" in page.inner_text(".error-summary")
    assert page.input_value("#id_name") == "Sanne de Boer"  # nothing typed is lost
    assert page.input_value("#id_remarks") == "Ik neem mijn zoon mee."
    assert page.get_attribute("#id_consent", "aria-invalid") == "true"
    check(page, "form with errors", served=False)
    assert not SignUp.objects.exists()

    # Tick the consent with the space bar and send.
    tab_to(page, "id_consent")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Bedankt voor uw aanmelding")
    assert "sanne@example.org" in page.inner_text("main")
    check(page, "confirmation", served=False)

    signup = SignUp.objects.get()
    assert (signup.name, signup.role, signup.status) == ("Sanne de Boer", "relative", "confirmed")
    (message,) = mail.outbox
    link = re.search(r"https?://\S+/afmelden/\S+/", message.body).group(0)
    path = link[link.index("/meet-ups/") :]

    page.goto(live_server.url + path)
    assert SignUp.objects.get().status == "confirmed"  # opening the link changes nothing
    check(page, "cancel page")
    page.get_by_role("button", name="Ja, meld mij af").click()
    page.wait_for_selector("h1:has-text('U bent afgemeld')")
    assert SignUp.objects.get().status == "cancelled"
    check(page, "cancelled", served=False)
    check.validate_html()

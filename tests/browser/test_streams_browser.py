import re

import pytest
from django.core.management import call_command

from tests.browser.conftest import check_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server):
    call_command("load_demo", verbosity=0)
    return live_server.url


def test_visitor_goes_home_stream_article_participant_and_every_page_passes_checks(page, demo):
    page.goto(demo + "/")
    page.get_by_role("link", name="Langdurige zorg").first.click()
    page.wait_for_url(re.compile(r"/stromen/langdurige-zorg/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Langdurige zorg"
    check_page(page)

    page.get_by_role(
        "link", name="Zorgvrijstaat: buurtbewoners als eigenaar van zorg en welzijn"
    ).click()
    page.wait_for_url(re.compile(r"/buurtbewoners-eigenaar/$"))
    assert "minuut lezen" in page.content() or "minuten lezen" in page.content()
    check_page(page)

    page.goto(demo + "/stromen/langdurige-zorg/")
    page.get_by_role("link", name="Zorgvrijstaat", exact=True).click()
    page.wait_for_url(re.compile(r"/deelnemers/zorgvrijstaat/$"))
    assert "Rotterdam" in page.content()
    check_page(page)

    for path in [
        "/stromen/",
        "/nieuws/",
        "/nieuws/?stroom=jeugd&soort=story",
        "/deelnemers/?provincie=utrecht",
        "/themas/",
        "/trefwoorden/",
        "/trefwoorden/samenleving/",
        "/en/streams/long-term-care/",
    ]:
        page.goto(demo + path)
        check_page(page)


def test_join_form_shows_errors_then_its_confirmation(page, demo):
    page.goto(demo + "/stromen/jeugd/")
    form = page.locator("form.join-form")
    form.get_by_label("Naam van uw organisatie").fill("Buurtteam De Brug")
    form.get_by_role("button", name="Aanmelding versturen").click()
    assert page.get_by_role("alert").is_visible()
    assert page.locator("#id_organisation").input_value() == "Buurtteam De Brug"
    check_page(page)

    form = page.locator("form.join-form")
    form.get_by_label("Uw naam").fill("Sanne Bakker")
    form.get_by_label("Uw e-mailadres").fill("sanne@example.org")
    form.get_by_label("Plaats").fill("Tiel")
    form.get_by_label("Waarom wilt u meedoen?").fill("Wij willen één plan per gezin maken.")
    form.get_by_label(re.compile("Ik geef toestemming")).check()
    form.get_by_role("button", name="Aanmelding versturen").click()
    page.wait_for_url(re.compile(r"\?aangemeld=1"))
    assert page.get_by_role("status").filter(has_text="Uw aanmelding is ontvangen").is_visible()
    check_page(page)


def test_theme_chip_leads_to_theme_page_and_on_to_a_meetup(page, demo):
    page.goto(demo + "/stromen/langdurige-zorg/van-overheid-naar-onderheid/")
    page.get_by_role("link", name="Zorgzame gemeenschappen").click()
    page.wait_for_url(re.compile(r"/themas/zorgzame-gemeenschappen/$"))
    check_page(page)
    page.get_by_label("Soort").select_option("meetup")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"soort=meetup"))
    check_page(page)
    page.get_by_role("link", name="Meet-up bij zorgcoöperatie Austerlitz Zorgt").click()
    page.wait_for_url(re.compile(r"/meet-ups/meet-up-austerlitz-zorgt/$"))
    assert (
        page.get_by_role("heading", level=1).inner_text()
        == "Meet-up bij zorgcoöperatie Austerlitz Zorgt"
    )

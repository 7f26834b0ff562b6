import pytest

from tests.browser.conftest import check_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_pages_pass_axe_and_html_checks_in_both_languages(page, live_server, home):
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.get_by_role("heading", level=1).inner_text() == "Zorg die weer over mensen gaat"
    check_page(page)

    page.goto(live_server.url + "/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Care about people again"
    check_page(page)


def test_language_switch_leads_to_the_translated_home(page, live_server, home):
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Taal").get_by_role("link", name="English").click()
    page.wait_for_url(live_server.url + "/en/")
    assert page.get_by_role("heading", level=1).inner_text() == "Care about people again"
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Nederlands").click()
    page.wait_for_url(live_server.url + "/")


def test_skip_link_is_first_on_tab_and_moves_focus_to_main(page, live_server, home):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de inhoud")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_home_fits_a_320px_screen(browser, live_server, home):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    small = context.new_page()
    small.goto(live_server.url + "/")
    overflow = small.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert overflow <= 0

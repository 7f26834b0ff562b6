import re

import pytest

from tests.browser.conftest import check_page
from tests.support.factories import (
    ArticlePageFactory,
    MeetupIndexPageFactory,
    MeetupPageFactory,
    StreamIndexPageFactory,
    StreamPageFactory,
    ThemeFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def content(home):
    theme = ThemeFactory(name="Zorgzame gemeenschappen", slug="zorgzame-gemeenschappen")
    streams = StreamIndexPageFactory(parent=home)
    care = StreamPageFactory(parent=streams, title="Langdurige zorg", slug="langdurige-zorg")
    youth = StreamPageFactory(parent=streams, title="Jeugd", slug="jeugd")
    for stream, title in [(care, "Buurt en gemeenschap"), (youth, "De gemeenschap als basis")]:
        article = ArticlePageFactory(
            parent=stream,
            title=title,
            summary="Over de gemeenschap rond de zorg.",
            body=[("paragraph", "<p>Een gemeenschap die voor elkaar zorgt.</p>")],
        )
        article.themes.set([theme])
        article.save()
    for number in range(11):
        ArticlePageFactory(parent=care, title=f"Gemeenschap in de wijk {number}")
    MeetupPageFactory(parent=MeetupIndexPageFactory(parent=home), title="Kampvuurgesprek")


def test_search_from_the_header_filter_by_stream_and_open_a_result(page, live_server, content):
    page.goto(live_server.url + "/")
    header_search = page.get_by_role("search", name="Zoeken op de website")
    header_search.get_by_label("Zoeken op de website").fill("gemeenschap")
    header_search.get_by_role("button", name="Zoek").click()
    page.wait_for_url(re.compile(r"/zoeken/\?q=gemeenschap"))
    assert "13 resultaten" in page.get_by_role("status").inner_text()
    assert page.get_by_label("Waar zoekt u naar?").input_value() == "gemeenschap"
    check_page(page)

    # Page 2 keeps the query; the current page is marked for screen readers.
    page.get_by_role("navigation", name="Pagina’s met resultaten").get_by_role(
        "link", name="Volgende"
    ).click()
    page.wait_for_url(re.compile(r"pagina=2"))
    assert page.locator("[aria-current=page]").inner_text().endswith("2")

    filters = page.get_by_role("complementary", name="Verfijn de resultaten")
    filters.get_by_label("Stroom").select_option(label="Jeugd (1)")
    filters.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"stroom=jeugd"))
    assert "pagina=" not in page.url
    assert "1 resultaat" in page.get_by_role("status").inner_text()
    assert filters.get_by_label("Stroom").input_value() == "jeugd"
    check_page(page)

    page.get_by_role("link", name="De gemeenschap als basis").click()
    page.wait_for_url(re.compile(r"/de-gemeenschap-als-basis/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "De gemeenschap als basis"


def test_empty_query_page_helps_and_passes_checks(page, live_server, content):
    page.goto(live_server.url + "/zoeken/")
    assert page.get_by_role("heading", name="Waar wilt u naar zoeken?").is_visible()
    assert page.get_by_role("link", name="Zorgzame gemeenschappen").is_visible()
    assert page.get_by_role("link", name="Kampvuurgesprek").is_visible()
    check_page(page)

    page.goto(live_server.url + "/zoeken/?q=kampvuurgesprek")
    assert page.get_by_role("link", name="Kampvuurgesprek").is_visible()
    check_page(page)

    page.goto(live_server.url + "/zoeken/?q=%22%27%3B+DROP+TABLE+x%3B--")
    assert "0 resultaten" in page.get_by_role("status").inner_text()
    check_page(page)


def test_results_fit_a_phone(phone, live_server, content):
    phone.goto(live_server.url + "/zoeken/?q=gemeenschap")
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    check_page(phone)

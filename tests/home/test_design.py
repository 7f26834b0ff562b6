"""Smaller design findings (issue 13): the home title, the stream card's "since" line, the privacy
link on the join form, the living style page, the demo's illustrations and monogram logos."""

import io
import re

import pytest
from PIL import Image

from home.demo.images import ACCENTS, draw_picture, monogram_letters
from movement.models import SiteSettings
from tests.support.factories import StandardPageFactory, StreamIndexPageFactory, StreamPageFactory

pytestmark = pytest.mark.django_db


def test_home_title_names_the_site_once(client, home):
    html = client.get("/").content.decode()
    assert "<title>Radicale vernieuwing</title>" in html
    assert "Radicale vernieuwing | Radicale vernieuwing" not in html


def test_every_stream_card_has_a_since_line(client, home):
    index = StreamIndexPageFactory(parent=home)
    StreamPageFactory(parent=index, title="Langdurige zorg", start_year=2017)
    StreamPageFactory(parent=index, title="Waarde-vol Onderwijs", start_year=None)
    html = client.get(index.url).content.decode()
    assert html.count('class="meta card-since"') == 2
    assert "Sinds 2017" in html and "Startjaar nog niet bekend" in html


def test_join_form_links_the_privacy_statement(client, home):
    privacy = StandardPageFactory(parent=home, title="Privacyverklaring", slug="privacy")
    settings = SiteSettings.for_site(home.get_site())
    settings.privacy_page = privacy
    settings.save()
    index = StreamIndexPageFactory(parent=home)
    stream = StreamPageFactory(parent=index, slug="jeugd")
    html = client.get(stream.url).content.decode()
    form = html[html.index('class="join-form"') :]
    assert 'href="/privacy/"' in form[: form.index("</form>")]


@pytest.mark.parametrize("path", ["/stijlgids/", "/en/style-guide/"])
def test_style_page_shows_every_component(client, home, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    for component in [
        'class="swatches"',
        'class="button"',
        "button-secondary",
        'class="chip',
        'class="pagination"',
        "form-field-check",
        'class="error-summary"',
        "has-error",
        'class="notice"',
        "filter-disclosure",
        "--space-m",
    ]:
        assert component in html, component
    # The measured contrast of every stream colour is at least 4.5 : 1.
    ratios = [float(r.replace(",", ".")) for r in re.findall(r"(\d+[,.]\d) : 1", html)]
    assert len(ratios) >= 2 * len(ACCENTS) and min(ratios) >= 4.5


def test_demo_pictures_use_the_stream_palette_and_logos_are_monograms():
    picture = Image.open(
        io.BytesIO(draw_picture(1, 320, 200, accent="teal", icon="heart").getvalue())
    )
    colours = {colour for _count, colour in picture.convert("RGB").getcolors(320 * 200)}
    teal = (0x00, 0x69, 0x5C)
    assert any(max(abs(a - b) for a, b in zip(c, teal, strict=True)) < 8 for c in colours)
    logo = Image.open(
        io.BytesIO(draw_picture(1, 200, 200, monogram="Zorggroep De Linde").getvalue())
    )
    assert logo.size == (200, 200)
    assert monogram_letters("Zorggroep De Linde") == "L"
    assert monogram_letters("Woonleergemeenschap Het 8ste Werk") == "W8"

"""The one listing engine: one parameter vocabulary on every listing, old links still work,
one kinds registry (issue 11)."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from movement import themes
from movement.kinds import registry
from movement.listing import OLD_NAMES, renamed_query
from tests.conftest import translate
from tests.support.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    MeetupIndexPageFactory,
    MeetupPageFactory,
    ParticipantIndexPageFactory,
    StreamIndexPageFactory,
    StreamPageFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(home):
    streams = StreamIndexPageFactory(parent=home)
    youth = StreamPageFactory(parent=streams, title="Jeugd", slug="jeugd")
    theme = ThemeFactory(name="Zorgzame gemeenschappen", slug="zorgzame-gemeenschappen")
    news = ArticleIndexPageFactory(parent=home)
    article = ArticlePageFactory(parent=youth, title="Zes punten voor de jeugd", kind="story")
    article.themes.set([theme])
    article.save_revision().publish()
    meetups = MeetupIndexPageFactory(parent=home)
    meetup = MeetupPageFactory(parent=meetups, title="Kampvuurgesprek", province="overijssel")
    meetup.streams.set([youth])
    meetup.save_revision().publish()
    return {
        "news": news,
        "participants": ParticipantIndexPageFactory(parent=home),
        "meetups": meetups,
        "youth": youth,
        "theme": theme,
    }


OLD_LINKS = [
    # (old link, where it now leads)
    ("/nieuws/?stream=jeugd&year=2024&page=2", "/nieuws/?stroom=jeugd&jaar=2024&pagina=2"),
    ("/deelnemers/?stream=jeugd&province=limburg", "/deelnemers/?stroom=jeugd&provincie=limburg"),
    (
        "/meet-ups/?stream=jeugd&theme=zorgzame-gemeenschappen&province=overijssel"
        "&month=2030-01&mode=online&page=3",
        "/meet-ups/?stroom=jeugd&thema=zorgzame-gemeenschappen&provincie=overijssel"
        "&maand=2030-01&vorm=online&pagina=3",
    ),
    ("/meet-ups/archief/?mode=in_person", "/meet-ups/archief/?vorm=in_person"),
    (
        "/themas/zorgzame-gemeenschappen/?kind=artikel&stream=jeugd&page=2",
        "/themas/zorgzame-gemeenschappen/?soort=artikel&stroom=jeugd&pagina=2",
    ),
    (
        "/zoeken/?q=jeugd&kind=article&stream=jeugd&theme=zorgzame-gemeenschappen&page=2",
        "/zoeken/?q=jeugd&soort=artikel&stroom=jeugd&thema=zorgzame-gemeenschappen&pagina=2",
    ),
    ("/zoeken/?q=jeugd&kind=participant", "/zoeken/?q=jeugd&soort=deelnemer"),
    ("/zoeken/?q=jeugd&kind=page", "/zoeken/?q=jeugd&soort=overig"),
]


@pytest.mark.parametrize(("old", "new"), OLD_LINKS)
def test_shared_links_with_old_parameter_names_still_work(client, site, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new
    assert client.get(new).status_code in (200, 400)  # 400: a month with no meet-ups


def test_old_link_lands_on_the_same_selection(client, site):
    response = client.get("/meet-ups/?stream=jeugd", follow=True)
    assert response.redirect_chain == [("/meet-ups/?stroom=jeugd", 301)]
    assert [meetup.title for meetup in response.context["meetups"]] == ["Kampvuurgesprek"]
    assert '<option value="jeugd" selected>Jeugd (1)</option>' in response.content.decode()


def test_a_current_name_wins_over_its_old_name():
    params = QueryDict("stroom=jeugd&stream=zorg&page=2&q=x")
    assert renamed_query(params) == "stroom=jeugd&pagina=2&q=x"
    assert renamed_query(QueryDict("stroom=jeugd&pagina=2")) is None


def test_english_pages_speak_the_same_vocabulary(client, site, locales):
    for page in (site["news"].get_parent(), site["news"], site["meetups"]):
        if not page.has_translation(locales["en"]):
            translate(page, locales["en"])
    english_news = site["news"].get_translation(locales["en"])
    html = client.get(english_news.url).content.decode()
    assert 'name="soort"' in html and 'name="kind"' not in html
    response = client.get(english_news.url + "?stream=jeugd")
    assert response.status_code == 301
    assert response["Location"] == english_news.url + "?stroom=jeugd"


def test_every_listing_uses_the_one_filter_form_and_pagination(client, site):
    for url in ("/nieuws/", "/deelnemers/", "/meet-ups/", "/themas/zorgzame-gemeenschappen/"):
        html = client.get(url).content.decode()
        assert '<form class="filter-form" method="get">' in html, url
        assert "<legend>" in html, url
    html = client.get("/zoeken/?q=jeugd").content.decode()
    assert '<form class="filter-form" method="get">' in html


def test_one_kinds_registry_with_one_slug_per_kind():
    assert [kind.slug for kind in registry] == ["artikel", "meetup", "deelnemer", "stroom"]
    assert themes.KINDS is registry
    assert registry.get("article").slug == "artikel"  # an old search slug still resolves
    assert set(OLD_NAMES.values()) <= {
        "soort",
        "stroom",
        "thema",
        "provincie",
        "maand",
        "jaar",
        "vorm",
        "pagina",
    }


# --- Counts kept under the content generation (issue 15) -------------------------------------


def test_article_counts_are_kept_until_an_article_is_published_or_unpublished(client, site):
    html = client.get("/nieuws/?stroom=jeugd").content.decode()
    assert '<option value="jeugd" selected>Jeugd (1)</option>' in html
    assert "1 artikel</p>" in html
    with CaptureQueriesContext(connection) as queries:
        client.get("/nieuws/?stroom=jeugd")
    counting = [q["sql"] for q in queries if "COUNT(DISTINCT" in q["sql"] or "COUNT(*)" in q["sql"]]
    assert not counting  # the counts and the total: counted once, then kept

    second = ArticlePageFactory(parent=site["youth"], title="Tweede verhaal", kind="news")
    html = client.get("/nieuws/?stroom=jeugd").content.decode()
    assert '<option value="jeugd" selected>Jeugd (2)</option>' in html
    assert '<option value="news">Nieuws (1)</option>' in html
    assert "2 artikelen</p>" in html and "Tweede verhaal" in html

    second.unpublish()
    html = client.get("/nieuws/?stroom=jeugd").content.decode()
    assert '<option value="jeugd" selected>Jeugd (1)</option>' in html
    assert "1 artikel</p>" in html and "Tweede verhaal" not in html


def test_theme_counts_follow_what_is_published_with_the_theme(client, site):
    url = "/themas/zorgzame-gemeenschappen/"
    html = client.get(url).content.decode()
    assert '<option value="artikel">Artikelen (1)</option>' in html
    assert '<option value="meetup">Meet-ups (0)</option>' in html

    site["youth"].themes.add(site["theme"])  # Kampvuurgesprek is linked to this stream
    meetup = MeetupPageFactory(parent=site["meetups"], title="Over gemeenschappen")
    meetup.themes.set([site["theme"]])
    meetup.save_revision().publish()
    html = client.get(url).content.decode()
    assert '<option value="meetup">Meet-ups (1)</option>' in html
    assert "Over gemeenschappen" in html

"""Themes and keywords: public pages, counts, filters, bad input, and the editors' housekeeping."""

import pytest
from django.contrib.auth import get_user_model
from taggit.models import Tag

from movement.keywords import keyword_usage
from movement.models import Theme
from streams.models import ArticleKeyword, ArticlePage
from tests.conftest import translate
from tests.support.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    MeetupIndexPageFactory,
    MeetupPageFactory,
    ParticipantIndexPageFactory,
    ParticipantPageFactory,
    StreamIndexPageFactory,
    StreamPageFactory,
    ThemeFactory,
)
from tests.support.helpers import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme(locales):
    dutch = ThemeFactory(name="Zorgzame gemeenschappen", slug="zorgzame-gemeenschappen")
    english = dutch.copy_for_translation(locales["en"])
    english.name, english.slug = "Caring communities", "caring-communities"
    english.save()
    return dutch


@pytest.fixture
def site(home):
    streams = StreamIndexPageFactory(parent=home)
    return {
        "home": home,
        "stream": StreamPageFactory(
            parent=streams, title="Langdurige zorg", slug="langdurige-zorg"
        ),
        "other_stream": StreamPageFactory(parent=streams, title="Jeugd", slug="jeugd"),
        "news": ArticleIndexPageFactory(parent=home),
        "participants": ParticipantIndexPageFactory(parent=home),
        "meetups": MeetupIndexPageFactory(parent=home),
    }


def tag(page, theme=None, keyword=None):
    if theme:
        page.themes.add(theme)
    if keyword:
        page.keywords.add(keyword)
    page.save_revision().publish()
    return page


def test_theme_page_lists_exactly_the_published_content_in_its_language(
    client, site, theme, locales
):
    article = tag(ArticlePageFactory(parent=site["news"], title="Gepubliceerd artikel"), theme)
    draft = tag(ArticlePageFactory(parent=site["news"], title="Concept artikel"), theme)
    draft.unpublish()
    tag(ArticlePageFactory(parent=site["news"], title="Ander onderwerp"))
    tag(MeetupPageFactory(parent=site["meetups"], title="Meet-up over buurten"), theme)
    tag(ParticipantPageFactory(parent=site["participants"], title="Zorgvrijstaat"), theme)
    translate(site["news"], locales["en"], title="News", slug="news")
    translate(article, locales["en"], title="Published article in English", slug="published")

    html = client.get("/themas/zorgzame-gemeenschappen/").content.decode()
    assert "Gepubliceerd artikel" in html
    assert "Meet-up over buurten" in html and "Zorgvrijstaat" in html
    assert "Concept artikel" not in html and "Ander onderwerp" not in html
    assert "Published article in English" not in html

    english = client.get("/en/themes/caring-communities/").content.decode()
    assert '<html lang="en">' in english and "Caring communities" in english
    assert "Published article in English" in english and "Gepubliceerd artikel" not in english


def test_theme_page_filters_by_kind_and_stream_and_survives_bad_values(client, site, theme):
    tag(ArticlePageFactory(parent=site["stream"], title="Artikel zorg"), theme)
    tag(ArticlePageFactory(parent=site["other_stream"], title="Artikel jeugd"), theme)
    meetup = MeetupPageFactory(parent=site["meetups"], title="Meet-up zorg")
    meetup.streams.add(site["stream"])
    tag(meetup, theme)

    html = client.get(
        "/themas/zorgzame-gemeenschappen/?soort=artikel&stroom=langdurige-zorg"
    ).content.decode()
    assert "Artikel zorg" in html and "Artikel jeugd" not in html and "Meet-up zorg" not in html
    html = client.get("/themas/zorgzame-gemeenschappen/?stroom=langdurige-zorg").content.decode()
    assert "Artikel zorg" in html and "Meet-up zorg" in html and "Artikel jeugd" not in html
    for query in ["?soort=onzin", "?stroom=%3Cb%3E", "?pagina=abc", "?pagina=-5", "?soort[]=x"]:
        response = client.get("/themas/zorgzame-gemeenschappen/" + query)
        assert response.status_code == 200


def test_unknown_theme_is_a_404_in_the_right_language(client, english_home, theme):
    response = client.get("/themas/bestaat-niet/")
    assert response.status_code == 404 and '<html lang="nl">' in response.content.decode()
    response = client.get("/en/themes/does-not-exist/")
    assert response.status_code == 404 and '<html lang="en">' in response.content.decode()


def test_theme_overview_counts_per_kind(client, site, theme):
    for number in range(3):
        tag(ArticlePageFactory(parent=site["news"], title=f"Artikel {number}"), theme)
    tag(MeetupPageFactory(parent=site["meetups"]), theme)
    html = client.get("/themas/").content.decode()
    assert "Zorgzame gemeenschappen" in html
    assert "3 artikelen" in html and "1 meet-up" in html


def _make_themes(site, start, count):
    """Themes with a live article and participant each, saved once: no revisions (use with
    without_search_index)."""
    for number in range(start, start + count):
        theme = ThemeFactory(name=f"Thema {number}", slug=f"thema-{number}")
        ArticlePageFactory(parent=site["news"], title=f"Artikel {number}", themes=[theme])
        ParticipantPageFactory(parent=site["participants"], title=f"Org {number}", themes=[theme])


def test_theme_overview_queries_are_bounded(client, site, without_search_index):
    _make_themes(site, 0, 5)
    five = count_queries(client, "/themas/")
    _make_themes(site, 5, 45)
    assert count_queries(client, "/themas/") == five


def test_language_switch_on_a_theme_page_leads_to_the_translated_theme(client, english_home, theme):
    html = client.get("/themas/zorgzame-gemeenschappen/").content.decode()
    assert 'href="/en/themes/caring-communities/"' in html


def test_keyword_page_lists_content_with_that_keyword(client, site):
    tag(
        ArticlePageFactory(parent=site["news"], title="Over relaties"),
        keyword="van regels naar relaties",
    )
    tag(ArticlePageFactory(parent=site["news"], title="Over iets anders"), keyword="samenleving")
    html = client.get("/trefwoorden/van-regels-naar-relaties/").content.decode()
    assert "Over relaties" in html and "Over iets anders" not in html
    assert client.get("/trefwoorden/bestaat-niet/").status_code == 404
    overview = client.get("/trefwoorden/").content.decode()
    assert "van regels naar relaties (1)" in overview


def test_chips_on_an_article_link_to_theme_and_keyword_pages(client, site, theme):
    article = tag(
        ArticlePageFactory(parent=site["stream"], title="Met chips"), theme, "samenleving"
    )
    html = client.get(article.url).content.decode()
    assert 'href="/themas/zorgzame-gemeenschappen/"' in html
    assert 'href="/trefwoorden/samenleving/"' in html


def test_article_list_accepts_a_theme_filter(client, site, theme):
    tag(ArticlePageFactory(parent=site["news"], title="Met thema"), theme)
    tag(ArticlePageFactory(parent=site["news"], title="Zonder thema"))
    html = client.get("/nieuws/?thema=zorgzame-gemeenschappen").content.decode()
    assert "Met thema" in html and "Zonder thema" not in html


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser(
        "editor", "editor@example.org", "geheim-wachtwoord"
    )
    client.force_login(user)
    return user


def test_merging_keyword_a_into_b_moves_every_tagging(client, site, editor):
    first = tag(ArticlePageFactory(parent=site["news"], title="Een"), keyword="zorg en zeggenschap")
    first.title = "Een, met een nieuwe titel in concept"
    first.save_revision()  # a draft with unpublished changes keeps its keywords in the revision
    both = ArticlePageFactory(parent=site["news"], title="Twee")
    both.keywords.add("zorg en zeggenschap", "zeggenschap")
    both.save_revision().publish()
    participant = tag(
        ParticipantPageFactory(parent=site["participants"]), keyword="zorg en zeggenschap"
    )
    source = Tag.objects.get(name="zorg en zeggenschap")
    target = Tag.objects.get(name="zeggenschap")

    response = client.post(
        "/admin/trefwoorden/samenvoegen/", {"sources": [source.pk], "target": target.pk}
    )
    assert response.status_code == 302
    assert not Tag.objects.filter(pk=source.pk).exists()
    for page in (first, both, participant):
        fresh = type(page).objects.get(pk=page.pk)
        assert [t.name for t in fresh.keywords.all()] == ["zeggenschap"]
    assert ArticleKeyword.objects.filter(tag=target).count() == 2
    # The latest revision (what an editor opens next) carries the new keyword too.
    draft = ArticlePage.objects.get(pk=first.pk).get_latest_revision_as_object()
    assert draft.title.startswith("Een, met een nieuwe titel")
    assert [t.name for t in draft.keywords.all()] == ["zeggenschap"]


def test_a_keyword_in_use_cannot_be_deleted_but_an_unused_one_can(client, site, editor):
    tag(ArticlePageFactory(parent=site["news"]), keyword="in gebruik")
    used = Tag.objects.get(name="in gebruik")
    unused = Tag.objects.create(name="ongebruikt", slug="ongebruikt")
    client.post(f"/admin/snippets/taggit/tag/delete/{used.pk}/")
    assert Tag.objects.filter(pk=used.pk).exists()
    client.post(f"/admin/snippets/taggit/tag/delete/{unused.pk}/")
    assert not Tag.objects.filter(pk=unused.pk).exists()
    assert keyword_usage()[used.pk] == 1


def test_deleting_a_theme_in_use_asks_for_confirmation(client, site, theme, editor):
    tag(ArticlePageFactory(parent=site["news"]), theme)
    response = client.post(f"/admin/snippets/movement/theme/delete/{theme.pk}/")
    assert response.status_code == 200
    assert "nog in gebruik" in response.content.decode()
    assert Theme.objects.filter(pk=theme.pk).exists()
    client.post(f"/admin/snippets/movement/theme/delete/{theme.pk}/", {"confirm_in_use": "1"})
    assert not Theme.objects.filter(pk=theme.pk).exists()


def test_an_english_page_is_found_by_the_english_name_of_its_theme(client, site, theme, locales):
    article = tag(ArticlePageFactory(parent=site["news"], title="Buurten"), theme)
    translate(site["news"], locales["en"], title="News", slug="news")
    translate(article, locales["en"], title="Neighbourhoods", slug="neighbourhoods")
    html = client.get("/en/search/?q=caring").content.decode()
    assert "Neighbourhoods" in html


def test_theme_and_keyword_pages_show_a_renamed_or_resummarised_page_at_once(client, site, theme):
    # The pages shown are kept under the content generation, with their order and counts.
    article = tag(
        ArticlePageFactory(parent=site["stream"], title="Buurtzorg", summary="Eerste versie."),
        theme=theme,
        keyword="buurt",
    )
    for url in ("/themas/zorgzame-gemeenschappen/", "/trefwoorden/buurt/"):
        assert "Eerste versie." in client.get(url).content.decode()
    article.title, article.summary = "Buurtzorg groeit", "Tweede versie."
    article.save_revision().publish()
    for url in ("/themas/zorgzame-gemeenschappen/", "/trefwoorden/buurt/"):
        html = client.get(url).content.decode()
        assert "Buurtzorg groeit" in html and "Tweede versie." in html

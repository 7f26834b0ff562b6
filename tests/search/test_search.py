"""The search page: what a visitor finds, in which language, with which filters."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from tests.conftest import publish, translate
from tests.support.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    MeetupIndexPageFactory,
    MeetupPageFactory,
    ParticipantIndexPageFactory,
    ParticipantPageFactory,
    StandardPageFactory,
    StreamIndexPageFactory,
    StreamPageFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

SEARCH_URL = "/zoeken/"


def paragraph(text):
    return [("paragraph", f"<p>{text}</p>")]


@pytest.fixture
def site(home, locales):
    """A small movement: two streams, articles, a participant, a meet-up, two themes."""
    community = ThemeFactory(name="Zorgzame gemeenschappen", slug="zorgzame-gemeenschappen")
    quality = ThemeFactory(name="Kwaliteit jeugdzorg", slug="kwaliteit-jeugdzorg")
    streams_index = StreamIndexPageFactory(parent=home)
    care = StreamPageFactory(parent=streams_index, title="Langdurige zorg", slug="langdurige-zorg")
    youth = StreamPageFactory(parent=streams_index, title="Jeugd", slug="jeugd")
    news = ArticleIndexPageFactory(parent=home)
    article = ArticlePageFactory(
        parent=care,
        title="Buurtzorg in Kampen",
        summary="Bewoners en zorgverleners werken samen.",
        body=paragraph(
            "In Kampen bouwen bewoners een zorgzame gemeenschap rond de woonleergemeenschap."
        ),
    )
    article.themes.set([community])
    article.save()
    youth_article = ArticlePageFactory(
        parent=youth,
        title="Zes punten voor de jeugd",
        summary="De gemeente als schaal, de gemeenschap als basis.",
        body=paragraph("Een analyse in zes punten over de gemeenschap en de jeugdzorg."),
    )
    youth_article.themes.set([quality])
    youth_article.save()
    loose_article = ArticlePageFactory(
        parent=news,
        title="Nieuws uit de beweging",
        summary="Kort nieuws.",
        body=paragraph("De beweging groeit, ook als gemeenschap van mensen."),
    )
    participants = ParticipantIndexPageFactory(parent=home)
    participant = ParticipantPageFactory(
        parent=participants,
        title="Zorgcoöperatie Austerlitz Zorgt",
        city="Austerlitz",
        description="Een coöperatie van dorpsbewoners.",
    )
    participant.streams.set([care])
    participant.save()
    meetups = MeetupIndexPageFactory(parent=home)
    meetup = MeetupPageFactory(
        parent=meetups,
        title="Kampvuurgesprek",
        summary="Een avond rond het vuur.",
        venue_name="Het 8ste Werk",
        city="Kampen",
    )
    meetup.streams.set([youth])
    meetup.themes.set([community])
    meetup.save()
    return {
        "care": care,
        "youth": youth,
        "article": article,
        "youth_article": youth_article,
        "loose_article": loose_article,
        "participant": participant,
        "meetup": meetup,
        "community": community,
        "quality": quality,
    }


def translate_with_parents(page, locale, **fields):
    """Translate a page as an editor would, translating its untranslated parents first."""
    for ancestor in page.get_ancestors().filter(depth__gt=2).specific():
        if not ancestor.has_translation(locale):
            translate(ancestor, locale)
    return translate(page, locale, **fields)


def titles(response):
    return [result.title for result in response.context["search_results"]]


def search(client, q="", url=SEARCH_URL, **params):
    response = client.get(url, {"q": q, **params})
    assert response.status_code == 200
    return response


def test_header_of_every_page_has_a_labelled_search_box(client, home):
    html = client.get("/").content.decode()
    assert 'role="search"' in html
    assert 'action="/zoeken/"' in html
    assert 'name="q"' in html
    english = client.get("/en/").content.decode()
    assert 'action="/en/search/"' in english


def test_finds_pages_by_title_body_theme_city_and_venue(client, site):
    assert "Buurtzorg in Kampen" in titles(search(client, "woonleergemeenschap"))  # body
    assert "Buurtzorg in Kampen" in titles(search(client, "zorgzame"))  # theme and body
    assert titles(search(client, "Austerlitz")) == ["Zorgcoöperatie Austerlitz Zorgt"]
    assert titles(search(client, "8ste Werk")) == ["Kampvuurgesprek"]  # venue
    found = titles(search(client, "Kampen"))
    assert "Kampvuurgesprek" in found  # city of the meet-up
    assert "Buurtzorg in Kampen" in found


def test_results_show_kind_stream_date_and_an_excerpt_with_the_word(client, site):
    response = search(client, "woonleergemeenschap")
    html = response.content.decode()
    result = response.context["search_results"][0]
    assert result.kind_label == "Artikel"
    assert [stream.title for stream in result.streams] == ["Langdurige zorg"]
    assert "<mark>woonleergemeenschap</mark>" in html
    assert f'datetime="{site["article"].date:%Y-%m-%d}"' in html
    meetup_html = search(client, "Kampvuurgesprek").content.decode()
    assert "Het 8ste Werk, Kampen" in meetup_html
    assert "Meet-up" in meetup_html


def test_results_are_only_in_the_language_of_the_page(client, site, locales):
    translate_with_parents(
        site["article"],
        locales["en"],
        title="Neighbourhood care in Kampen",
        summary="Residents and carers work together.",
        body=paragraph("Residents build a caring community around the learning home."),
    )
    dutch = titles(search(client, "Kampen"))
    assert "Buurtzorg in Kampen" in dutch
    assert "Neighbourhood care in Kampen" not in dutch

    english = titles(search(client, "Kampen", url="/en/search/"))
    assert english == ["Neighbourhood care in Kampen"]
    assert titles(search(client, "residents")) == []


def test_drafts_unpublished_and_private_pages_are_never_found(client, site, home):
    ArticlePageFactory(parent=site["care"], title="Geheim concept", live=False)

    published = site["loose_article"]
    published.body = paragraph("Een verborgenwoord in een concept.")
    published.save_revision()  # a draft change of a live page

    private = StandardPageFactory(parent=home, title="Besloten verslag")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")

    assert titles(search(client, "Geheim")) == []
    assert titles(search(client, "verborgenwoord")) == []
    assert titles(search(client, "Besloten")) == []

    site["participant"].unpublish()
    assert titles(search(client, "Austerlitz")) == []


def test_a_section_made_private_leaves_search_at_once_and_returns_when_opened(client, site):
    assert titles(search(client, "Austerlitz")) == ["Zorgcoöperatie Austerlitz Zorgt"]
    closed = PageViewRestriction.objects.create(
        page=site["participant"], restriction_type="password", password="x"
    )
    response = search(client, "Austerlitz")
    assert titles(response) == [] and "0 resultaten" in response.content.decode()
    closed.delete()
    assert titles(search(client, "Austerlitz")) == ["Zorgcoöperatie Austerlitz Zorgt"]


def test_index_follows_publishing(client, site):
    article = site["loose_article"]
    article.body = paragraph("Nu met het woord kampvuurlied.")
    publish(article)
    assert titles(search(client, "kampvuurlied")) == ["Nieuws uit de beweging"]


def test_a_result_shows_its_page_as_published_now(client, site):
    """What a result shows of its page is kept between searches: never after the page changed."""
    html = search(client, "Kampvuurgesprek").content.decode()
    assert "Het 8ste Werk, Kampen" in html
    assert "Een avond rond het vuur" in html
    meetup = site["meetup"]
    meetup.title = "Kampvuurgesprek aan de IJssel"
    meetup.venue_name = "De Schuur"
    meetup.summary = "Een avond aan de rivier."
    meetup.status = meetup.Status.CANCELLED
    publish(meetup)
    response = search(client, "Kampvuurgesprek")
    html = response.content.decode()
    assert titles(response) == ["Kampvuurgesprek aan de IJssel"]
    assert "De Schuur, Kampen" in html and "Het 8ste Werk" not in html
    assert "Een avond aan de rivier" in html and "rond het vuur" not in html
    assert "<strong>Geannuleerd</strong>" in html

    article = site["article"]
    assert [s.title for s in search(client, "Buurtzorg").context["search_results"][0].streams] == [
        "Langdurige zorg"
    ]
    article.move(site["youth"], pos="last-child")
    found = search(client, "Buurtzorg").context["search_results"][0]
    assert [stream.title for stream in found.streams] == ["Jeugd"]
    assert found.url == "/stromen/jeugd/buurtzorg-in-kampen/"


def test_a_page_of_results_shown_before_reads_no_page(client, site):
    search(client, "gemeenschap")
    with CaptureQueriesContext(connection) as queries:
        again = search(client, "gemeenschap")
    assert len(titles(again)) == 3
    assert not [q["sql"] for q in queries.captured_queries if "streams_articlepage" in q["sql"]]


def test_filters_by_kind_stream_and_theme_with_counts(client, site):
    response = search(client, "gemeenschap")
    everything = titles(response)
    assert set(everything) == {
        "Buurtzorg in Kampen",
        "Zes punten voor de jeugd",
        "Nieuws uit de beweging",
    }
    facets = {facet.param: facet for facet in response.context["facets"]}
    kinds = {option.value: option.count for option in facets["soort"].visible_options}
    assert kinds == {"artikel": 3}
    streams = {option.label: option.count for option in facets["stroom"].visible_options}
    assert streams == {"Langdurige zorg": 1, "Jeugd": 1}
    themes = {option.label: option.count for option in facets["thema"].visible_options}
    assert themes == {"Zorgzame gemeenschappen": 1, "Kwaliteit jeugdzorg": 1}

    assert titles(search(client, "gemeenschap", stroom="jeugd")) == ["Zes punten voor de jeugd"]
    assert titles(search(client, "gemeenschap", thema="zorgzame-gemeenschappen")) == [
        "Buurtzorg in Kampen"
    ]
    html = search(client, "gemeenschap", stroom="jeugd").content.decode()
    assert '<option value="jeugd" selected>Jeugd (1)</option>' in html
    assert "1 resultaat voor" in html


def test_stream_filter_covers_meetups_and_participants(client, site):
    response = search(client, "Kampen", stroom="jeugd")
    assert titles(response) == ["Kampvuurgesprek"]
    kinds = {o.value: o.count for o in response.context["facets"][0].visible_options}
    assert kinds == {"meetup": 1}
    assert titles(search(client, "Austerlitz", soort="deelnemer", stroom="langdurige-zorg")) == [
        "Zorgcoöperatie Austerlitz Zorgt"
    ]


def test_unknown_filter_values_are_ignored(client, site):
    assert len(titles(search(client, "gemeenschap", soort="<script>", stroom="nope"))) == 3


def test_filter_links_keep_the_query(client, site):
    response = search(client, "gemeenschap", thema="kwaliteit-jeugdzorg")
    stream_facet = response.context["facets"][1]
    assert (
        stream_facet.visible_options[0].url
        == "?q=gemeenschap&stroom=jeugd&thema=kwaliteit-jeugdzorg"
    )
    html = response.content.decode()
    assert '<input type="hidden" name="q" value="gemeenschap">' in html


def test_promoted_pages_come_first_and_searches_are_counted(client, site):
    query = Query.get("gemeenschap")
    SearchPromotion.objects.create(query=query, page=site["participant"], sort_order=0)
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://www.loc.nl/",
        external_link_text="LOC Waardevolle zorg",
        sort_order=1,
    )
    response = search(client, "Gemeenschap")
    results = list(response.context["search_results"])
    assert results[0].title == "Zorgcoöperatie Austerlitz Zorgt"
    assert results[0].promoted
    assert not results[1].promoted
    html = response.content.decode()
    assert "Aanbevolen" in html
    assert "https://www.loc.nl/" in html
    assert Query.get("gemeenschap").hits == 1
    search(client, "gemeenschap", pagina="2")  # paging and filtering are not new searches
    search(client, "gemeenschap", stroom="jeugd")
    assert Query.get("gemeenschap").hits == 1


def test_a_promotion_added_removed_or_changed_shows_in_the_next_search(client, site):
    assert not search(client, "gemeenschap").context["search_results"][0].promoted
    promotion = SearchPromotion.objects.create(
        query=Query.get("gemeenschap"), page=site["participant"], description="Eerst lezen"
    )
    response = search(client, "gemeenschap")
    first = response.context["search_results"][0]
    assert first.promoted and first.title == "Zorgcoöperatie Austerlitz Zorgt"
    assert "Eerst lezen" in response.content.decode()
    promotion.description = "Begin hier"
    promotion.save()
    assert "Begin hier" in search(client, "gemeenschap").content.decode()
    promotion.delete()
    assert not search(client, "gemeenschap").context["search_results"][0].promoted


def test_promotion_of_a_dutch_page_shows_its_translation_in_english(client, site, locales):
    english = translate_with_parents(site["participant"], locales["en"], title="Austerlitz cares")
    SearchPromotion.objects.create(query=Query.get("care"), page=site["participant"])
    response = search(client, "care", url="/en/search/")
    assert titles(response)[0] == "Austerlitz cares"
    assert response.context["search_results"][0].pk == english.pk


def test_pagination_keeps_query_and_filters(client, site):
    for number in range(23):
        ArticlePageFactory(parent=site["youth"], title=f"Jeugdverhaal {number}")
    response = search(client, "Jeugdverhaal", stroom="jeugd", pagina="2")
    assert len(titles(response)) == 10
    html = response.content.decode()
    assert 'href="?q=Jeugdverhaal&amp;stroom=jeugd&amp;pagina=3"' in html
    assert 'href="?q=Jeugdverhaal&amp;stroom=jeugd&amp;pagina=2" aria-current="page"' in html
    assert 'href="?q=Jeugdverhaal&amp;stroom=jeugd" rel="prev"' in html


def test_invalid_page_numbers_show_a_page_of_results(client, site):
    for page in ["0", "-1", "999", "abc", "1e9", "2.5", "", "9" * 40, "%00"]:
        response = search(client, "gemeenschap", pagina=page)
        assert titles(response), page


def test_empty_query_helps_with_themes_and_next_meetups(client, site):
    later = timezone.now() + dt.timedelta(days=30)
    MeetupPageFactory(
        parent=site["meetup"].get_parent(), title="Week van de Radicale vernieuwing", start=later
    )
    response = search(client, "")
    html = response.content.decode()
    assert "Waar wilt u naar zoeken?" in html
    assert "Zorgzame gemeenschappen" in html
    assert "Kampvuurgesprek" in html
    assert "Week van de Radicale vernieuwing" in html
    assert Query.objects.count() == 0  # nothing to count


def test_nothing_found_offers_the_same_help(client, site):
    html = search(client, "xylofoonconcert").content.decode()
    assert "0 resultaten" in html
    assert "Zorgzame gemeenschappen" in html
    assert "Kampvuurgesprek" in html


HOSTILE = [
    "'; DROP TABLE wagtailcore_page; --",
    '" OR 1=1 --',
    "zorg & !jeugd | (gemeenschap:*)",
    "zorg AND NOT jeugd OR NEAR(a b)",
    'gemeenschap" OR "',
    "\\",
    "*",
    "'",
    ":*",
    "!!!",
    "<script>alert(1)</script>",
    "%00",
    "zorg\x00gemeenschap",
    "\u202egemeenschap",
    "title:gemeenschap",
    "gemeenschap^3",
    "(((((",
    "-",
    "a" * 5000,
    " ".join(["gemeenschap"] * 500),
    "emoji 🙂 zorg",
    "de het een",
]


def test_hostile_queries_never_fail(client, site):
    for q in HOSTILE:
        for url in (SEARCH_URL, "/en/search/"):
            response = client.get(url, {"q": q, "soort": "artikel"})
            assert response.status_code == 200, q
            html = response.content.decode()
            assert "<script>alert(1)</script>" not in html
            assert len(response.context["search_query"]) <= 200


def test_special_characters_still_find_the_word(client, site):
    assert "Kampvuurgesprek" in titles(search(client, '"Kampvuurgesprek"!?'))
    assert "Kampvuurgesprek" in titles(search(client, "kampvuurgesprek & (vuur)"))


def test_long_query_is_truncated_between_words(client, site):
    response = search(client, "Kampen " + "x" * 500)
    assert len(response.context["search_query"]) == 200
    long_query = " ".join(["Kampvuurgesprek Kampen"] * 20)  # 459 characters
    response = search(client, long_query)
    assert response.context["search_query"].split()[-1] in {"Kampvuurgesprek", "Kampen"}
    assert titles(response) == ["Kampvuurgesprek"]


def test_hostile_filter_and_repeated_parameters(client, site):
    response = client.get(
        SEARCH_URL + "?q=zorg&q=gemeenschap&kind=article&kind=%00&stream=%27&theme=" + "x" * 5000,
        follow=True,
    )
    assert response.status_code == 200
    response = client.get(
        SEARCH_URL + "?q=zorg&q=gemeenschap&soort=artikel&soort=%00&stroom=%27&thema=" + "x" * 5000
    )
    assert response.status_code == 200


def test_query_count_does_not_grow_with_matches(client, site):
    def queries_for_search():
        with CaptureQueriesContext(connection) as queries:
            search(client, "gemeenschap", pagina="2")
        return len(queries)

    for number in range(12):
        ArticlePageFactory(parent=site["care"], title=f"Gemeenschap {number}")
    queries_for_search()  # caches content types, creates the site settings
    before = queries_for_search()
    for number in range(20):
        parent = site["youth"] if number % 2 else site["care"]
        article = ArticlePageFactory(parent=parent, title=f"Gemeenschap extra {number}")
        article.themes.set([site["community"], site["quality"]])
        article.save()
    queries_for_search()  # publishing refreshed the site's cached menus and settings
    assert queries_for_search() <= before


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Dutch stemming needs PostgreSQL (DATABASE_URL)"
)
def test_dutch_and_english_stemming_on_postgresql(client, site, locales):
    # "gemeenschappen" (plural) finds "gemeenschap" (singular) and the other way round.
    ArticlePageFactory(
        parent=site["care"],
        title="Samen sterk",
        summary="Over de straten van Kampen.",
        body=paragraph("Zorgzame gemeenschappen ontstaan in dorpen."),
    )
    plural = titles(search(client, "gemeenschappen"))
    assert "Buurtzorg in Kampen" in plural  # has "gemeenschap"
    assert "Samen sterk" in plural
    assert "Samen sterk" in titles(search(client, "gemeenschap"))
    assert "Samen sterk" in titles(search(client, "straat"))
    assert "Samen sterk" in titles(search(client, "dorp"))  # Snowball: dorpen -> dorp

    translate_with_parents(
        site["youth_article"],
        locales["en"],
        title="Six points for youth",
        body=paragraph("The municipality as scale, communities as the base."),
    )
    with translation.override("en"):
        english = titles(search(client, "community", url="/en/search/"))
    assert english == ["Six points for youth"]
    # English is stemmed as English: "communities" is not a Dutch word.
    from wagtail.search.models import IndexEntry

    entry = IndexEntry.objects.get(
        object_id=str(site["youth_article"].get_translation(locales["en"]).pk)
    )
    assert "communiti" in str(entry.body)


@pytest.mark.parametrize(
    "typed",
    [
        "Op bezoek in Kampen: van overheid naar onderheid",
        "door de buurt, over de buurt",
        "Onder de mensen, maar niet alleen",
    ],
)
def test_a_title_typed_whole_finds_its_page_whatever_small_words_it_has(client, site, typed):
    """A visitor pastes a title. Its small words ("naar", "door", "over", "maar") are words the
    Dutch search configuration ignores; their look-alike plurals ("naren", "doors") must not
    become words every result needs."""
    ArticlePageFactory(parent=site["care"], title=typed, body=paragraph("Een verslag."))
    assert typed in titles(search(client, typed))


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the stored vector is PostgreSQL's (DATABASE_URL)"
)
def test_matches_and_ranking_are_wagtails_own_on_postgresql(site, locales):
    # The backend matches on the stored title || body and ranks in one query of its own; both
    # must find and order exactly what Wagtail's backend finds and orders.
    from modelsearch.backends.database.postgres.postgres import PostgresSearchQueryCompiler
    from wagtail.models import Page

    from search.backend import distinct_forms, ranked_pks, search_backend_for
    from search.query import backend_query

    for number in range(8):
        ArticlePageFactory(
            parent=site["care" if number % 2 else "youth"],
            title=f"Gemeenschap {number}" if number % 3 else f"Verhaal {number}",
            summary="Over de gemeenschap." if number % 2 else "Over zorg in Kampen.",
            body=paragraph(" ".join(["gemeenschap"] * number + ["jeugd"] * (8 - number))),
        )
    backend = search_backend_for("nl")
    wagtail = backend.with_config(backend.config)
    wagtail.query_compiler_class = PostgresSearchQueryCompiler
    pages = Page.objects.live().public().filter(locale=locales["nl"], depth__gt=1)
    found = []
    for typed in ["gemeenschap", "zorgzame gemeenschappen", "Kampen", "jeugd gemeenschap", "zorg"]:
        query = backend_query(typed, "nl", distinct_forms(backend))
        expected = [page.pk for page in wagtail.search(query, pages)]
        assert expected, typed
        assert [page.pk for page in backend.search(query, pages)] == expected, typed
        assert ranked_pks(backend, query, pages) == expected, typed
        found.append(len(expected))
    assert max(found) >= 8  # enough to order, with ties between equal ranks


def test_admin_search_terms_report_lists_what_visitors_searched(client, site, admin_client):
    search(client, "kampvuurgesprek")
    search(client, "Kampvuurgesprek ")
    response = admin_client.get(reverse("wagtailsearchpromotions:search_terms"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "kampvuurgesprek" in html
    assert Query.get("kampvuurgesprek").hits == 2


def test_search_pages_are_not_kept_in_shared_caches(client, site):
    response = search(client, "Kampen")
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]

"""Streams, articles and participants: page rules, rendering, related content, listings, join form."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, StandardPage
from streams.coordinators import coordinator_group_name
from streams.models import (
    ArticleIndexPage,
    ArticlePage,
    JoinApplication,
    ParticipantIndexPage,
    ParticipantPage,
    StreamIndexPage,
    StreamPage,
)
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
def tree(home, locales):
    """Home with the stream, news and participant indexes, two streams and their translations."""
    streams_index = StreamIndexPageFactory(parent=home)
    news = ArticleIndexPageFactory(parent=home)
    participants = ParticipantIndexPageFactory(parent=home)
    care = StreamPageFactory(
        parent=streams_index, title="Langdurige zorg", slug="langdurige-zorg", accent_colour="red"
    )
    youth = StreamPageFactory(
        parent=streams_index, title="Jeugd", slug="jeugd", accent_colour="blue"
    )
    en_index = translate(streams_index, locales["en"], title="Streams", slug="streams")
    translate(care, locales["en"], title="Long-term care", slug="long-term-care")
    return {
        "home": home,
        "streams": streams_index,
        "news": news,
        "participants": participants,
        "care": care,
        "youth": youth,
        "en_streams": en_index,
    }


class TestPageTypeRules(WagtailPageTestCase):
    def test_parent_and_child_rules(self):
        self.assertAllowedParentPageTypes(StreamPage, {StreamIndexPage})
        self.assertAllowedParentPageTypes(ArticlePage, {StreamPage, ArticleIndexPage})
        self.assertAllowedParentPageTypes(ParticipantPage, {ParticipantIndexPage})
        self.assertAllowedSubpageTypes(ArticlePage, set())
        self.assertAllowedSubpageTypes(StreamPage, {ArticlePage})
        self.assertCanNotCreateAt(ArticlePage, StreamPage)  # no stream under an article
        self.assertCanNotCreateAt(StreamPage, StreamIndexPage)
        self.assertCanNotCreateAt(StandardPage, HomePage)
        self.assertCanCreateAt(StreamIndexPage, StreamPage)
        self.assertCanCreateAt(StreamPage, ArticlePage)
        self.assertAllowedParentPageTypes(StreamIndexPage, {HomePage})


def test_a_second_stream_index_cannot_be_created_under_home(tree):
    assert not StreamIndexPage.can_create_at(tree["home"])
    assert StreamPage.can_create_at(tree["streams"])
    assert not StreamPage.can_create_at(tree["news"])


def test_stream_page_renders_in_both_languages(client, tree):
    response = client.get("/stromen/langdurige-zorg/")
    assert response.status_code == 200
    assert "Langdurige zorg" in response.content.decode()
    response = client.get("/en/streams/long-term-care/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html and "Long-term care" in html


def test_stream_page_shows_its_participants_articles_meetups_and_themes(client, tree):
    theme = ThemeFactory(name="Zorgzame gemeenschappen", slug="zorgzame-gemeenschappen")
    care, youth = tree["care"], tree["youth"]
    care.themes.add(theme)
    care.save_revision().publish()
    member = ParticipantPageFactory(parent=tree["participants"], title="Het 8ste Werk")
    member.streams.add(care)
    member.save_revision().publish()
    other = ParticipantPageFactory(parent=tree["participants"], title="Alleen Jeugd")
    other.streams.add(youth)
    other.save_revision().publish()
    ArticlePageFactory(parent=care, title="Op bezoek in Kampen")
    ArticlePageFactory(parent=youth, title="Zes punten")
    meetups = MeetupIndexPageFactory(parent=tree["home"])
    meetup = MeetupPageFactory(parent=meetups, title="Meet-up in Kampen")
    meetup.streams.add(care)
    meetup.save_revision().publish()

    html = client.get("/stromen/langdurige-zorg/").content.decode()
    assert "Het 8ste Werk" in html and "Alleen Jeugd" not in html
    assert "Op bezoek in Kampen" in html and "Zes punten" not in html
    assert "Meet-up in Kampen" in html
    assert 'href="/themas/zorgzame-gemeenschappen/"' in html


def test_draft_content_never_shows_on_the_stream_page(client, tree):
    draft = ArticlePageFactory(parent=tree["care"], title="Nog niet klaar")
    draft.unpublish()
    assert "Nog niet klaar" not in client.get("/stromen/langdurige-zorg/").content.decode()


def _fill_stream(tree, count, start=0):
    """Participants and articles as cheaply as a visitor sees them: one save each, no revisions
    (use with without_search_index)."""
    care = tree["care"]
    for number in range(start, start + count):
        ParticipantPageFactory(
            parent=tree["participants"], title=f"Organisatie {number}", streams=[care]
        )
        ArticlePageFactory(parent=care, title=f"Artikel {number}")


def test_stream_page_queries_do_not_grow_with_content(client, tree, without_search_index):
    _fill_stream(tree, 10)
    small = count_queries(client, "/stromen/langdurige-zorg/")
    _fill_stream(tree, 90, start=10)
    large = count_queries(client, "/stromen/langdurige-zorg/")
    assert large == small


def test_listing_queries_do_not_grow_with_content(client, tree, without_search_index):
    _fill_stream(tree, 10)
    news_small = count_queries(client, "/nieuws/")
    participants_small = count_queries(client, "/deelnemers/")
    _fill_stream(tree, 90, start=10)
    assert count_queries(client, "/nieuws/") == news_small
    assert count_queries(client, "/deelnemers/") == participants_small


def test_article_page_shows_reading_time_themes_keywords_and_related(client, tree):
    theme = ThemeFactory(name="Zie de mens", slug="zie-de-mens")
    words = " ".join(["woord"] * 450)
    article = ArticlePageFactory(
        parent=tree["care"],
        title="Lang verhaal",
        body=[("paragraph", f"<p>{words}</p>")],
    )
    article.themes.add(theme)
    article.keywords.add("van regels naar relaties")
    article.save_revision().publish()
    related = ArticlePageFactory(parent=tree["news"], title="Zelfde thema")
    related.themes.add(theme)
    related.save_revision().publish()
    ArticlePageFactory(parent=tree["news"], title="Ander onderwerp")

    article.refresh_from_db()
    assert article.reading_minutes == 3
    html = client.get(article.url).content.decode()
    assert "3 minuten lezen" in html
    assert 'href="/themas/zie-de-mens/"' in html
    assert 'href="/trefwoorden/van-regels-naar-relaties/"' in html
    assert "Zelfde thema" in html and "Ander onderwerp" not in html
    assert 'href="/stromen/langdurige-zorg/"' in html


def test_related_articles_stay_in_the_same_language(tree, locales):
    theme = ThemeFactory()
    first = ArticlePageFactory(parent=tree["care"], title="Eerste")
    second = ArticlePageFactory(parent=tree["care"], title="Tweede")
    for article in (first, second):
        article.themes.add(theme)
        article.save_revision().publish()
    english_second = translate(second, locales["en"], title="Second")
    english_first = translate(first, locales["en"], title="First")
    assert list(english_first.related_articles()) == [english_second]
    assert list(first.related_articles()) == [second.specific]


def test_participant_page_shows_streams_and_contact_only_when_public(client, tree):
    participant = ParticipantPageFactory(
        parent=tree["participants"],
        title="Zorgvrijstaat",
        city="Rotterdam",
        province="zuid-holland",
        contact_name="Anna de Vries",
        contact_email="anna@example.org",
        contact_public=False,
    )
    participant.streams.add(tree["care"])
    participant.save_revision().publish()
    html = client.get(participant.url).content.decode()
    assert "Zuid-Holland" in html and 'href="/stromen/langdurige-zorg/"' in html
    assert "anna@example.org" not in html and "Anna de Vries" not in html
    participant.contact_public = True
    participant.save_revision().publish()
    assert "anna@example.org" in client.get(participant.url).content.decode()


def test_article_list_filters_combine_count_and_survive_pagination(client, tree):
    for number in range(14):
        ArticlePageFactory(parent=tree["care"], title=f"Zorg {number}", kind="story")
    ArticlePageFactory(parent=tree["care"], title="Zorg nieuws", kind="news")
    ArticlePageFactory(parent=tree["youth"], title="Jeugd verhaal", kind="story")

    html = client.get("/nieuws/?stroom=langdurige-zorg&soort=story").content.decode()
    assert "14 artikelen" in html
    assert "Jeugd verhaal" not in html and "Zorg nieuws" not in html
    # Counts per option are given with the other filters applied.
    assert '<option value="jeugd">Jeugd (1)</option>' in html
    assert '<option value="news">Nieuws (1)</option>' in html
    # The next page keeps the filters.
    assert 'href="?stroom=langdurige-zorg&amp;soort=story&amp;pagina=2"' in html
    page_two = client.get("/nieuws/?stroom=langdurige-zorg&soort=story&pagina=2").content.decode()
    assert "Zorg 0" in page_two or "Zorg 1" in page_two
    assert "Jeugd verhaal" not in page_two


@pytest.mark.parametrize(
    "query",
    [
        "?stroom=bestaat-niet",
        "?jaar=abc",
        "?soort=%00",
        "?pagina=-1",
        "?pagina=99999",
        "?thema=x&pagina=zz",
        "?stroom=%E2%80%AE%3Cscript%3E",
        "?stroom[]=1",
    ],
)
def test_odd_filter_values_give_a_clear_page_not_an_error(client, tree, query):
    ArticlePageFactory(parent=tree["care"])
    response = client.get("/nieuws/" + query)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_unknown_filter_shows_a_clear_empty_state(client, tree):
    ArticlePageFactory(parent=tree["care"])
    html = client.get("/nieuws/?stroom=bestaat-niet").content.decode()
    assert "Een van de gekozen filters bestaat niet" in html
    assert "0 artikelen" in html


def test_participant_list_filters_by_stream_and_province(client, tree):
    for title, province, stream in [
        ("Kampen", "overijssel", "care"),
        ("Venlo", "limburg", "care"),
        ("Tiel", "gelderland", "youth"),
    ]:
        participant = ParticipantPageFactory(
            parent=tree["participants"], title=f"Org {title}", province=province
        )
        participant.streams.add(tree[stream])
        participant.save_revision().publish()
    html = client.get("/deelnemers/?stroom=langdurige-zorg&provincie=limburg").content.decode()
    assert "Org Venlo" in html and "Org Kampen" not in html and "Org Tiel" not in html
    assert '<option value="overijssel">Overijssel (1)</option>' in html


JOIN_DATA = {
    "organisation": "Buurtzorg De Kroon",
    "contact_name": "Fatima el Amrani",
    "email": "fatima@example.org",
    "city": "Zwolle",
    "motivation": "Wij werken al jaren vanuit relaties en willen leren van anderen.",
    "consent": "on",
}


def _coordinator(stream, username):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", "geheim-wachtwoord"
    )
    user.groups.add(Group.objects.get(name=coordinator_group_name(stream)))
    return user


def test_join_form_creates_a_draft_participant_and_notifies_the_streams_editors(
    client, tree, django_capture_on_commit_callbacks
):
    _coordinator(tree["care"], "coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/stromen/langdurige-zorg/", JOIN_DATA)
    assert response.status_code == 302
    assert response["Location"] == "/stromen/langdurige-zorg/?aangemeld=1#meedoen"
    application = JoinApplication.objects.get()
    participant = application.participant
    assert participant.title == "Buurtzorg De Kroon" and not participant.live
    assert list(participant.streams.all()) == [tree["care"]]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["coordinator@example.org"]
    assert "Buurtzorg De Kroon" in mail.outbox[0].body  # the subject never holds what was typed
    assert mail.outbox[0].subject == "Nieuwe aanmelding als deelnemer voor Langdurige zorg"
    thanks = client.get(response["Location"]).content.decode()
    assert "Uw aanmelding is ontvangen" in thanks
    assert "Buurtzorg De Kroon" not in client.get("/deelnemers/").content.decode()


def test_join_form_errors_sit_beside_fields_and_keep_what_was_typed(client, tree):
    data = dict(JOIN_DATA, email="geen-adres", consent="")
    response = client.post("/stromen/langdurige-zorg/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Buurtzorg De Kroon"' in html and "Wij werken al jaren" in html
    assert 'id="id_email_error"' in html and 'aria-describedby="id_email_error"' in html
    assert 'aria-invalid="true"' in html
    assert "Zonder uw toestemming" in html
    assert JoinApplication.objects.count() == 0


def test_join_form_escapes_hostile_input_and_enforces_lengths(client, tree):
    data = dict(JOIN_DATA, organisation="<script>alert(1)</script>" + "x" * 200)
    response = client.post("/stromen/langdurige-zorg/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert JoinApplication.objects.count() == 0


def test_join_form_honeypot_creates_nothing_but_looks_the_same(client, tree):
    response = client.post(
        "/stromen/langdurige-zorg/", dict(JOIN_DATA, website_url="http://spam.example")
    )
    assert response.status_code == 302
    assert JoinApplication.objects.count() == 0 and not mail.outbox


def test_join_form_is_rate_limited_per_visitor(client, tree):
    for number in range(5):
        data = dict(JOIN_DATA, organisation=f"Organisatie {number}")
        assert client.post("/stromen/langdurige-zorg/", data).status_code == 302
    response = client.post("/stromen/langdurige-zorg/", JOIN_DATA)
    assert response.status_code == 429
    assert "Even geduld" in response.content.decode()


def test_each_stream_gets_a_coordinator_group(tree):
    assert Group.objects.filter(name="Coördinatoren Langdurige zorg").exists()
    assert Group.objects.filter(name="Coördinatoren Jeugd").exists()


def test_coordinator_edits_own_stream_but_not_another(client, tree):
    care_article = ArticlePageFactory(parent=tree["care"], title="Van de zorg")
    youth_article = ArticlePageFactory(parent=tree["youth"], title="Van de jeugd")
    user = _coordinator(tree["care"], "coordinator")
    client.force_login(user)

    assert client.get(f"/admin/pages/{care_article.pk}/edit/").status_code == 200
    forbidden = client.get(f"/admin/pages/{youth_article.pk}/edit/")
    assert forbidden.status_code in (302, 403)
    response = client.post(f"/admin/pages/{youth_article.pk}/unpublish/", {})
    assert response.status_code in (302, 403)
    youth_article.refresh_from_db()
    assert youth_article.live
    assert not tree["youth"].permissions_for_user(user).can_publish()
    # Coordinators edit their own stream; publishing goes through the LOC editors (see test_editors).
    assert tree["care"].permissions_for_user(user).can_edit()
    assert not tree["care"].permissions_for_user(user).can_publish()
    assert not Page.objects.get(pk=tree["news"].pk).permissions_for_user(user).can_edit()


def test_reading_time_counts_words_of_the_body(tree):
    article = ArticlePageFactory(
        parent=tree["news"], body=[("paragraph", "<p>" + "woord " * 190 + "</p>")]
    )
    assert article.reading_minutes == 1
    article.body = [("paragraph", "<p>" + "woord " * 401 + "</p>")]
    article.save()
    assert article.reading_minutes == 3


def test_article_dates_default_to_today(tree):
    article = ArticlePageFactory(parent=tree["news"])
    assert article.date - dt.date.today() <= dt.timedelta(days=1)

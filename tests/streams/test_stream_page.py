"""A stream's page shows its participants (the first twelve, how many in all, a link to the rest)
and its upcoming meet-ups, in either language: links are stored against the Dutch stream; its
join form, kept whole while empty, follows the site settings and the language."""

import datetime as dt
import time

import pytest
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import Site

from movement.models import SiteSettings
from streams.models import ParticipantPage
from tests.conftest import publish, translate
from tests.support.factories import (
    ArticlePageFactory,
    MeetupIndexPageFactory,
    MeetupPageFactory,
    ParticipantIndexPageFactory,
    ParticipantPageFactory,
    SignUpFactory,
    StandardPageFactory,
    StreamIndexPageFactory,
    StreamPageFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def care(home):
    streams = StreamIndexPageFactory(parent=home, title="Stromen", slug="stromen")
    care = StreamPageFactory(parent=streams, title="Langdurige zorg", slug="langdurige-zorg")
    youth = StreamPageFactory(parent=streams, title="Jeugd", slug="jeugd")
    participants = ParticipantIndexPageFactory(parent=home)
    for n in range(13):
        participant = ParticipantPageFactory(parent=participants, title=f"Zorgorganisatie {n:02}")
        participant.streams.set([care])
        publish(participant)
    other = ParticipantPageFactory(parent=participants, title="Alleen jeugd")
    other.streams.set([youth])
    publish(other)
    meetups = MeetupIndexPageFactory(parent=home)
    meetup = MeetupPageFactory(parent=meetups, title="Zorg in de wijk")
    meetup.streams.set([care])
    publish(meetup)
    MeetupPageFactory(parent=meetups, title="Jong in Kampen").streams.set([youth])
    return {
        "streams": streams,
        "care": care,
        "participants": participants,
        "meetups": meetups,
        "meetup": meetup,
    }


def test_a_stream_shows_twelve_participants_how_many_and_a_link_to_all(client, care):
    html = client.get("/stromen/langdurige-zorg/").content.decode()
    assert "13 deelnemende organisaties" in html
    assert "Zorgorganisatie 11" in html and "Zorgorganisatie 12" not in html
    assert "Alleen jeugd" not in html
    assert 'href="/deelnemers/?stroom=langdurige-zorg"' in html
    assert "Zorg in de wijk" in html and "Jong in Kampen" not in html


def test_the_english_stream_shows_the_translations_linked_to_the_dutch_stream(
    client, care, locales
):
    en = locales["en"]
    translate(care["streams"], en, title="Streams", slug="streams")
    translate(care["care"], en, title="Long-term care", slug="long-term-care")
    translate(care["participants"], en, title="Participants", slug="participants")
    dutch = ParticipantPage.objects.get(title="Zorgorganisatie 00")
    participant = translate(dutch, en, title="Care organisation 00")
    assert list(participant.streams.all()) == [care["care"]]  # the Dutch stream
    translate(care["meetups"], en, title="Meet-ups", slug="meet-ups")
    translate(care["meetup"], en, title="Care in the neighbourhood")

    html = client.get("/en/streams/long-term-care/").content.decode()
    assert "1 participating organisation" in html
    assert "Care organisation 00" in html and "Zorgorganisatie" not in html
    assert "Care in the neighbourhood" in html
    assert "?stroom=" not in html  # all of them are shown


def test_a_participant_that_joins_the_stream_shows_at_once(client, care):
    assert (
        "14 deelnemende organisaties"
        not in client.get("/stromen/langdurige-zorg/").content.decode()
    )
    newcomer = ParticipantPage.objects.get(title="Alleen jeugd")
    newcomer.streams.add(care["care"])
    publish(newcomer)
    assert "14 deelnemende organisaties" in client.get("/stromen/langdurige-zorg/").content.decode()


def join_form(html):
    form = html[html.rindex("<form", 0, html.index('class="join-form"')) :]
    return form[: form.index("</form>")]


def test_the_join_form_follows_the_privacy_statement_and_the_language(client, care, locales, home):
    # The empty form is kept whole (under the content generation): what it shows must follow.
    privacy = StandardPageFactory(parent=home, title="Privacyverklaring", slug="privacy")
    form = join_form(client.get("/stromen/langdurige-zorg/").content.decode())
    assert 'class="privacy-note"' not in form
    settings = SiteSettings.for_site(home.get_site())
    settings.privacy_page = privacy
    settings.save()
    form = join_form(client.get("/stromen/langdurige-zorg/").content.decode())
    assert 'href="/privacy/"' in form
    assert 'action="/stromen/langdurige-zorg/"' in form

    translate(care["streams"], locales["en"], title="Streams", slug="streams")
    translate(care["care"], locales["en"], title="Long-term care", slug="long-term-care")
    form = join_form(client.get("/en/streams/long-term-care/").content.decode())
    assert 'action="/en/streams/long-term-care/"' in form
    assert "Name of your organisation" in form and "Naam van uw organisatie" not in form


def test_a_join_form_sent_back_with_errors_shows_them_not_the_empty_form(client, care):
    client.get("/stromen/langdurige-zorg/")  # the empty form is kept
    response = client.post("/stromen/langdurige-zorg/", {"organisation": "De Kroon"})
    assert response.status_code == 400
    form = join_form(response.content.decode())
    assert 'value="De Kroon"' in form and 'aria-invalid="true"' in form
    assert 'value="De Kroon"' not in client.get("/stromen/langdurige-zorg/").content.decode()


# What the page shows of other content is kept under the content generation (uncached pages ask
# the database less); the meet-ups' places are read every time, and which meet-ups are shown
# holds only until the first of them ends.


def test_an_article_published_in_or_unpublished_from_the_stream_shows_at_once(client, care):
    assert "Nieuw uit de zorg" not in client.get("/stromen/langdurige-zorg/").content.decode()
    article = ArticlePageFactory(parent=care["care"], title="Nieuw uit de zorg")
    assert "Nieuw uit de zorg" in client.get("/stromen/langdurige-zorg/").content.decode()
    article.unpublish()
    assert "Nieuw uit de zorg" not in client.get("/stromen/langdurige-zorg/").content.decode()


def test_a_renamed_theme_of_the_stream_shows_at_once(client, care):
    theme = ThemeFactory(name="Zie de mens", slug="zie-de-mens")
    care["care"].themes.add(theme)
    publish(care["care"])
    assert 'href="/themas/zie-de-mens/"' in client.get("/stromen/langdurige-zorg/").content.decode()
    theme.slug = "mens-centraal"
    theme.save()
    assert (
        'href="/themas/mens-centraal/"' in client.get("/stromen/langdurige-zorg/").content.decode()
    )


def test_a_new_meetup_shows_at_once_and_a_full_one_says_so_without_a_publish(client, care):
    assert "Zorg in de wijk" in client.get("/stromen/langdurige-zorg/").content.decode()
    newcomer = MeetupPageFactory(parent=care["meetups"], title="Zorg en wonen")
    newcomer.streams.set([care["care"]])
    publish(newcomer)
    html = client.get("/stromen/langdurige-zorg/").content.decode()
    assert "Zorg en wonen" in html and "Vol" not in html

    for _ in range(newcomer.capacity):
        SignUpFactory(meetup=newcomer)
    assert "Vol" in client.get("/stromen/langdurige-zorg/").content.decode()


@pytest.mark.parametrize("url", ["/stromen/langdurige-zorg/", "/"])
def test_a_meetup_leaves_the_stream_and_home_pages_the_moment_it_ends(client, care, url):
    now = timezone.now()
    ending = MeetupPageFactory(
        parent=care["meetups"], title="Bijna voorbij", start=now - dt.timedelta(hours=2), end=now
    )
    ending.end = timezone.now() + dt.timedelta(seconds=1.5)
    ending.streams.set([care["care"]])
    ending.save()
    assert "Bijna voorbij" in client.get(url).content.decode()

    time.sleep(max(0.0, (ending.end - timezone.now()).total_seconds()) + 0.1)
    html = client.get(url).content.decode()
    assert "Bijna voorbij" not in html and "Zorg in de wijk" in html


def test_a_preview_of_a_draft_leaves_the_kept_join_form_to_the_live_page(client, care):
    stream, live_url = care["care"], "/stromen/langdurige-zorg/"
    draft = stream.get_latest_revision_as_object()
    draft.slug = "zorg-thuis"  # the editor renames the page and previews it
    draft.set_url_path(stream.get_parent())
    request = RequestFactory().get(live_url, SERVER_NAME="localhost")
    request._wagtail_site = Site.objects.get()
    previewed = draft.make_preview_request(original_request=request).render().content.decode()
    assert 'action="/stromen/zorg-thuis/"' in join_form(previewed)
    live = client.get(live_url).content.decode()
    assert f'action="{live_url}"' in join_form(live)

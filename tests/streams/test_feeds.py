"""RSS feeds of articles: all, per stream, per theme, in both languages, valid and absolute."""

import feedparser
import pytest

from tests.conftest import translate
from tests.support.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    StreamIndexPageFactory,
    StreamPageFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_content(home, locales):
    en = locales["en"]
    news = ArticleIndexPageFactory(parent=home)
    translate(news, en, title="News", slug="news")
    streams = StreamIndexPageFactory(parent=home)
    translate(streams, en, title="Streams", slug="streams")
    care = StreamPageFactory(parent=streams, title="Langdurige zorg", slug="langdurige-zorg")
    translate(care, en, title="Long-term care", slug="long-term-care")
    youth = StreamPageFactory(parent=streams, title="Jeugd", slug="jeugd")
    theme = ThemeFactory(name="Zorgzame gemeenschappen", slug="zorgzame-gemeenschappen")
    english_theme = theme.copy_for_translation(en)
    english_theme.name, english_theme.slug = "Caring communities", "caring-communities"
    english_theme.save()

    in_care = ArticlePageFactory(parent=care, title="Verhaal uit de zorg", slug="verhaal")
    in_care.themes = [theme]
    in_care.save_revision().publish()
    translate(in_care, en, title="A story from care", slug="a-story")
    ArticlePageFactory(parent=youth, title="Verhaal over jeugd", slug="jeugdverhaal")
    general = ArticlePageFactory(parent=news, title="Algemeen nieuws", slug="algemeen")
    general.themes = [theme]
    general.save_revision().publish()
    draft = ArticlePageFactory(parent=news, title="Nog een concept", slug="concept")
    draft.unpublish()
    return {"care": care, "youth": youth, "theme": theme}


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


def titles(feed):
    return sorted(entry.title for entry in feed.entries)


def test_the_dutch_feed_lists_exactly_the_live_dutch_articles(client, site_content):
    feed = read(client, "/rss/artikelen/")
    assert titles(feed) == ["Algemeen nieuws", "Verhaal over jeugd", "Verhaal uit de zorg"]
    assert feed.feed.language == "nl"
    for entry in feed.entries:
        assert entry.link.startswith("http://testserver/")
        assert entry.summary and entry.published
    links = {entry.title: entry.link for entry in feed.entries}
    assert links["Verhaal uit de zorg"] == "http://testserver/stromen/langdurige-zorg/verhaal/"


def test_the_english_feed_lists_only_english_articles(client, site_content):
    feed = read(client, "/en/rss/articles/")
    assert titles(feed) == ["A story from care"]
    assert feed.feed.language == "en"
    assert feed.entries[0].link == "http://testserver/en/streams/long-term-care/a-story/"


def test_a_stream_feed_lists_the_articles_of_that_stream(client, site_content):
    assert titles(read(client, "/rss/artikelen/stroom/langdurige-zorg/")) == ["Verhaal uit de zorg"]
    assert titles(read(client, "/rss/artikelen/stroom/jeugd/")) == ["Verhaal over jeugd"]
    assert titles(read(client, "/en/rss/articles/stream/long-term-care/")) == ["A story from care"]
    assert client.get("/rss/artikelen/stroom/bestaat-niet/").status_code == 404


def test_a_theme_feed_lists_the_articles_on_that_theme(client, site_content):
    feed = read(client, "/rss/artikelen/thema/zorgzame-gemeenschappen/")
    assert titles(feed) == ["Algemeen nieuws", "Verhaal uit de zorg"]
    english = read(client, "/en/rss/articles/theme/caring-communities/")
    assert titles(english) == ["A story from care"]
    assert client.get("/rss/artikelen/thema/bestaat-niet/").status_code == 404


def test_pages_advertise_their_feeds(client, site_content):
    html = client.get("/stromen/langdurige-zorg/").content.decode()
    assert 'type="application/rss+xml"' in html
    assert 'href="http://testserver/rss/artikelen/stroom/langdurige-zorg/"' in html
    html = client.get("/stromen/langdurige-zorg/verhaal/").content.decode()
    assert 'href="http://testserver/rss/artikelen/"' in html
    assert 'href="http://testserver/rss/artikelen/stroom/langdurige-zorg/"' in html
    html = client.get("/themas/zorgzame-gemeenschappen/").content.decode()
    assert 'href="http://testserver/rss/artikelen/thema/zorgzame-gemeenschappen/"' in html
    html = client.get("/en/").content.decode()
    assert 'href="http://testserver/en/rss/articles/"' in html

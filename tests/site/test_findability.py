"""Every public page tells search engines and link previews what it is: a canonical URL,
hreflang alternates for its live translations plus x-default, a meta description, and Open
Graph / Twitter card tags with an image. The sitemap lists both languages with alternates."""

import re
import xml.etree.ElementTree as ET

import pytest
import wagtail_factories
from wagtail.models import Site

from movement.models import SiteSettings
from streams.models import ArticlePage
from tests.conftest import translate
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


@pytest.fixture
def pages(home, locales):
    en = locales["en"]
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.sharing_image = wagtail_factories.ImageFactory()
    site_settings.save()
    streams = StreamIndexPageFactory(parent=home, intro="De vier stromen van de beweging.")
    translate(streams, en, title="Streams", slug="streams", intro="The four streams.")
    stream = StreamPageFactory(parent=streams, title="Jeugd", slug="jeugd")
    translate(stream, en, title="Youth", slug="youth")
    article = ArticlePageFactory(
        parent=stream, title="Een plan per gezin", slug="plan", summary="Hoe het werkt in Tiel."
    )
    translate(article, en, title="One plan per family", slug="one-plan", summary="How it works.")
    news = ArticleIndexPageFactory(parent=home, intro="Nieuws uit de beweging.")
    participants = ParticipantIndexPageFactory(parent=home, intro="Wie doet er mee.")
    participant = ParticipantPageFactory(
        parent=participants, title="Het 8ste Werk", description="Een woonleergemeenschap."
    )
    meetups = MeetupIndexPageFactory(parent=home, intro="Bijeenkomsten.")
    meetup = MeetupPageFactory(parent=meetups, title="Meet-up in Kampen")
    about = StandardPageFactory(parent=home, title="Over ons", slug="over", intro="Wie wij zijn.")
    ThemeFactory(name="Zorgzame gemeenschappen", slug="zorgzame-gemeenschappen")
    return {
        "home": ("/", "Een open beweging."),
        "stream index": (streams.url, "De vier stromen van de beweging."),
        "stream": (stream.url, "Een stroom van de beweging."),
        "article": (article.url, "Hoe het werkt in Tiel."),
        "english article": ("/en/streams/youth/one-plan/", "How it works."),
        "news": (news.url, "Nieuws uit de beweging."),
        "participant list": (participants.url, "Wie doet er mee."),
        "participant": (participant.url, "Een woonleergemeenschap."),
        "meet-up list": (meetups.url, "Bijeenkomsten."),
        "meet-up": (meetup.url, "Een middag met verhalen uit de praktijk."),
        "standard page": (about.url, "Wie wij zijn."),
        "theme": ("/themas/zorgzame-gemeenschappen/", None),
    }


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    return html[: html.index("</head>")]


def meta(head, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', head)
    return match.group(1) if match else None


def test_every_page_type_has_canonical_hreflang_description_and_sharing_tags(client, pages):
    for name, (url, description) in pages.items():
        head = head_of(client, url)
        canonical = re.search(r'<link rel="canonical" href="([^"]+)">', head)
        assert canonical, name
        assert canonical.group(1) == "http://testserver" + url, name
        assert 'hreflang="x-default"' in head, name
        assert f'hreflang="{"en" if url.startswith("/en/") else "nl"}"' in head, name
        if description:
            assert meta(head, "name", "description") == description, name
            assert meta(head, "property", "og:description") == description, name
        assert meta(head, "property", "og:title"), name
        assert meta(head, "property", "og:url").startswith("http://testserver/"), name
        assert meta(head, "name", "twitter:card") == "summary_large_image", name
        if name != "theme":
            assert meta(head, "property", "og:image").startswith("http://testserver/"), name


def test_hreflang_lists_live_translations_only(client, pages, locales):
    head = head_of(client, pages["article"][0])
    assert (
        '<link rel="alternate" hreflang="nl" href="http://testserver/stromen/jeugd/plan/">' in head
    )
    assert (
        '<link rel="alternate" hreflang="en" href="http://testserver/en/streams/youth/one-plan/">'
        in head
    )
    assert (
        '<link rel="alternate" hreflang="x-default" href="http://testserver/stromen/jeugd/plan/">'
        in head
    )
    # A participant without an English version has no English alternate.
    head = head_of(client, pages["participant"][0])
    assert 'hreflang="en"' not in head
    # An unpublished translation is no alternate either.
    ArticlePage.objects.get(locale=locales["en"], slug="one-plan").unpublish()
    head = head_of(client, pages["article"][0])
    assert 'hreflang="en"' not in head


def test_sitemap_lists_both_languages_with_alternates(client, pages):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(response.content)  # noqa: S314 (our own sitemap)
    entries = {
        url.find("s:loc", ns).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)
        }
        for url in root.findall("s:url", ns)
    }
    assert "http://testserver/en/" in entries
    assert "http://testserver/en/streams/youth/one-plan/" in entries
    assert entries["http://testserver/stromen/jeugd/plan/"] == {
        "nl": "http://testserver/stromen/jeugd/plan/",
        "en": "http://testserver/en/streams/youth/one-plan/",
        "x-default": "http://testserver/stromen/jeugd/plan/",
    }
    assert "http://testserver/en/streams/youth/one-plan/" in entries


def test_absolute_urls_come_from_the_one_configured_base_url(client, pages, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://radicalevernieuwing.example"
    head = head_of(client, pages["article"][0])
    assert (
        '<link rel="canonical" href="https://radicalevernieuwing.example/stromen/jeugd/plan/">'
        in head
    )
    assert 'href="https://radicalevernieuwing.example/rss/artikelen/"' in head
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "<loc>https://radicalevernieuwing.example/stromen/jeugd/plan/</loc>" in sitemap
    assert "localhost" not in sitemap and "testserver" not in sitemap
    feed = client.get("/rss/artikelen/").content.decode()
    assert "https://radicalevernieuwing.example/stromen/jeugd/plan/" in feed
    assert "localhost" not in feed and "testserver" not in feed

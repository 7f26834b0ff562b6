"""Around an article: the PDF download (read back with pypdf), listen and share controls."""

import io

import pypdf
import pytest
import wagtail_factories
from django.core.cache import cache

from streams import pdf
from tests.conftest import translate
from tests.support.factories import ArticleIndexPageFactory, ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(home, locales):
    news = ArticleIndexPageFactory(parent=home)
    translate(news, locales["en"], title="News", slug="news")
    return ArticlePageFactory(
        parent=news,
        title="Zeggenschap dicht bij huis",
        slug="zeggenschap",
        authors="Anna de Vries",
        summary="Waarom bewoners zelf beslissen.",
        body=[("paragraph", "<p>In Kampen besluiten bewoners samen wat er nodig is.</p>")],
    )


def pdf_text(content):
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_an_article_downloads_as_a_pdf_with_title_body_and_address(client, article):
    html = client.get(article.url).content.decode()
    assert f'href="/artikel-pdf/{article.pk}/"' in html
    assert "Download artikel als PDF" in html
    response = client.get(f"/artikel-pdf/{article.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert "Zeggenschap dicht bij huis" in text
    assert "In Kampen besluiten bewoners samen wat er nodig is." in text
    assert "Anna de Vries" in text
    assert "http://testserver/nieuws/zeggenschap/" in text


def test_the_pdf_carries_the_article_images(client, article):
    """Images are read from the site's own storage (no request leaves the server)."""
    image = wagtail_factories.ImageFactory()
    article.body = [
        *article.body.raw_data,
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "alt_text": "Bewoners", "decorative": False},
                "caption": "Aan tafel",
                "credit": "",
            },
        },
    ]
    article.save_revision().publish()
    response = client.get(f"/artikel-pdf/{article.pk}/")
    assert response.status_code == 200
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    images = [picture for page in reader.pages for picture in page.images]
    assert len(images) == 1
    assert "Aan tafel" in pdf_text(response.content)


def test_the_pdf_is_cached_per_revision(client, article):
    client.get(f"/artikel-pdf/{article.pk}/")
    assert cache.get(pdf.cache_key(article)) is not None
    article.title = "Een nieuwe titel"
    article.save_revision().publish()
    article.refresh_from_db()
    assert cache.get(pdf.cache_key(article)) is None
    text = pdf_text(client.get(f"/artikel-pdf/{article.pk}/").content)
    assert "Een nieuwe titel" in text


def test_no_pdf_of_drafts_or_other_languages(client, article, locales):
    assert client.get(f"/en/article-pdf/{article.pk}/").status_code == 404
    article.unpublish()
    assert client.get(f"/artikel-pdf/{article.pk}/").status_code == 404


def test_without_weasyprint_the_link_is_hidden_and_the_url_says_so(client, article, monkeypatch):
    monkeypatch.setattr(pdf, "weasyprint", None)
    html = client.get(article.url).content.decode()
    assert "artikel-pdf" not in html
    response = client.get(f"/artikel-pdf/{article.pk}/")
    assert response.status_code == 503
    assert "PDF niet beschikbaar" in response.content.decode()


def test_share_links_are_plain_links_to_the_article(client, article):
    html = client.get(article.url).content.decode()
    address = "http%3A%2F%2Ftestserver%2Fnieuws%2Fzeggenschap%2F"
    for start in (
        "mailto:?subject=",
        "https://wa.me/?text=",
        "https://www.linkedin.com/sharing/share-offsite/?url=",
        "https://bsky.app/intent/compose?text=",
        "https://x.com/intent/post?text=",
        "https://www.facebook.com/sharer/sharer.php?u=",
    ):
        assert f'href="{start}' in html, start
    assert html.count(address) >= 6
    # No script, image or frame from those services: only links.
    for host in ("wa.me", "linkedin.com", "bsky.app", "x.com", "facebook.com"):
        assert f'src="https://{host}' not in html and f"src='https://{host}" not in html
    # The listen controls start hidden (shown by listen.js where the browser has a voice).
    assert 'data-listen data-listen-lang="nl" hidden' in html
    assert "movement/js/listen.js" in html

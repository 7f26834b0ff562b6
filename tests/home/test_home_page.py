"""The home page's stream cards come from the streams kept under the content generation
(StreamPage.in_locale), and its article cards and themes are kept under it too: publishing,
renaming and unpublishing a stream or an article, and renaming a theme, show at once."""

import pytest

from tests.conftest import publish
from tests.support.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    StreamIndexPageFactory,
    StreamPageFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def test_stream_cards_follow_publishing(client, home):
    streams = StreamIndexPageFactory(parent=home)
    StreamPageFactory(parent=streams, title="Langdurige zorg", slug="langdurige-zorg")
    assert "Langdurige zorg" in client.get("/").content.decode()

    youth = StreamPageFactory(parent=streams, title="Jeugd", slug="jeugd")
    assert "Jeugd" in client.get("/").content.decode()

    youth.title = "Jeugd en gezin"
    publish(youth)
    assert "Jeugd en gezin" in client.get("/").content.decode()

    youth.unpublish()
    assert "Jeugd en gezin" not in client.get("/").content.decode()


def test_article_cards_and_themes_follow_publishing_and_renaming(client, home):
    news = ArticleIndexPageFactory(parent=home)
    theme = ThemeFactory(name="Zie de mens")
    assert "Zie de mens" in client.get("/").content.decode()

    article = ArticlePageFactory(parent=news, title="Nieuw bericht")
    assert "Nieuw bericht" in client.get("/").content.decode()

    article.title = "Hernoemd bericht"
    publish(article)
    theme.name = "Mens centraal"
    theme.save()
    html = client.get("/").content.decode()
    assert "Hernoemd bericht" in html and "Mens centraal" in html

    article.unpublish()
    assert "Hernoemd bericht" not in client.get("/").content.decode()

"""An article page's related articles, themes, keywords and stream are kept under the content
generation (uncached pages ask the database less): every change a visitor can see in them must
show at once, and a preview of a draft must neither show the kept ones nor fill the cache."""

import pytest
from django.test import RequestFactory
from wagtail.models import Site

from streams.models import Reaction
from tests.conftest import publish
from tests.support.factories import (
    ArticlePageFactory,
    StreamIndexPageFactory,
    StreamPageFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(home):
    streams = StreamIndexPageFactory(parent=home)
    care = StreamPageFactory(parent=streams, title="Langdurige zorg", slug="langdurige-zorg")
    theme = ThemeFactory(name="Zie de mens", slug="zie-de-mens")
    article = ArticlePageFactory(parent=care, title="Het artikel")
    article.themes.add(theme)
    article.keywords.add("van regels naar relaties")
    return publish(article)


def related_to(article, title):
    related = ArticlePageFactory(parent=article.get_parent(), title=title)
    related.themes.set(article.themes.all())
    return publish(related)


def html_of(client, article):
    return client.get(article.url).content.decode()


def test_a_related_article_published_unpublished_or_renamed_shows_at_once(client, article):
    assert "Meer over deze thema" not in html_of(client, article)

    related = related_to(article, "Zelfde thema")
    assert "Zelfde thema" in html_of(client, article)

    related.title = "Nieuwe titel"
    publish(related)
    assert "Nieuwe titel" in html_of(client, article)

    related.unpublish()
    assert "Nieuwe titel" not in html_of(client, article)


def test_an_approved_reaction_shows_in_the_related_card_at_once(client, article):
    related = related_to(article, "Zelfde thema")
    assert "1 reactie" not in html_of(client, article)
    reaction = Reaction.objects.create(
        article=related, name="Anna", email="a@example.org", body="Ja"
    )
    reaction.status = Reaction.Status.APPROVED  # as an editor approves it in the admin
    reaction.save()
    assert "1 reactie" in html_of(client, article)


def test_a_renamed_theme_or_keyword_and_new_keywords_show_at_once(client, article):
    html = html_of(client, article)
    assert 'href="/themas/zie-de-mens/"' in html
    assert 'href="/trefwoorden/van-regels-naar-relaties/"' in html

    theme = article.themes.get()
    theme.slug = "mens-centraal"
    theme.save()
    keyword = article.keywords.get()
    keyword.name, keyword.slug = "relaties eerst", "relaties-eerst"
    keyword.save()
    html = html_of(client, article)
    assert 'href="/themas/mens-centraal/"' in html
    assert 'href="/trefwoorden/relaties-eerst/"' in html

    article.keywords.add("samen")
    publish(article)
    assert 'href="/trefwoorden/samen/"' in html_of(client, article)


def test_the_stream_a_renamed_stream_and_an_article_moved_out_of_it_show_at_once(client, article):
    assert '<a href="/stromen/langdurige-zorg/">Langdurige zorg</a>' in html_of(client, article)
    stream = article.get_parent().specific
    stream.title = "Zorg voor ouderen"
    publish(stream)
    assert '<a href="/stromen/langdurige-zorg/">Zorg voor ouderen</a>' in html_of(client, article)

    youth = StreamPageFactory(parent=stream.get_parent(), title="Jeugd", slug="jeugd")
    article.move(youth, pos="last-child")
    article.refresh_from_db()
    assert '<a href="/stromen/jeugd/">Jeugd</a>' in html_of(client, article)


def preview(article):
    request = RequestFactory().get(article.url, SERVER_NAME="localhost")
    request._wagtail_site = Site.objects.get()
    return article.make_preview_request(original_request=request).render().content.decode()


def test_a_preview_of_a_draft_with_other_themes_neither_shows_nor_keeps_the_kept_links(
    client, article
):
    other = ThemeFactory(name="Anders organiseren", slug="anders-organiseren")
    elsewhere = ArticlePageFactory(parent=article.get_parent(), title="Ander thema")
    elsewhere.themes.add(other)
    publish(elsewhere)
    assert "Ander thema" not in html_of(client, article)  # the live page's links are kept

    draft = article.get_latest_revision_as_object()
    draft.themes.set([other])
    assert "Ander thema" in preview(draft)
    assert "Ander thema" not in html_of(client, article)

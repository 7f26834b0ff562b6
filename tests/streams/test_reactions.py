"""Reactions under articles ("Praat mee!"): pre-moderated, shown with name and date after an
editor of the stream approves them, a personal removal link that works once, closable per article."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext

from movement import retention, roles
from streams.coordinators import coordinator_group_name
from streams.models import NewsletterSubscriber, Reaction
from tests.conftest import translate
from tests.support.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    StreamIndexPageFactory,
    StreamPageFactory,
)

pytestmark = pytest.mark.django_db

REACTION = {
    "name": "Anna de Vries",
    "email": "anna@example.org",
    "body": "Mooi om te lezen hoe bewoners hier zelf beslissen.",
    "consent": "on",
    "website_url": "",
}


@pytest.fixture
def tree(home):
    streams = StreamIndexPageFactory(parent=home)
    care = StreamPageFactory(parent=streams, title="Langdurige zorg", slug="langdurige-zorg")
    youth = StreamPageFactory(parent=streams, title="Jeugd", slug="jeugd")
    article = ArticlePageFactory(parent=care, title="Zeggenschap in Kampen", slug="kampen")
    other = ArticlePageFactory(parent=youth, title="Een plan per gezin", slug="plan")
    coordinator = get_user_model().objects.create_user(
        "coordinator", "coordinator@example.org", "geheim-wachtwoord"
    )
    coordinator.groups.add(Group.objects.get(name=coordinator_group_name(care)))
    return {"article": article, "other": other, "coordinator": coordinator, "home": home}


def post_reaction(client, article, capture, **overrides):
    with capture(execute=True):
        return client.post(article.url, {**REACTION, **overrides})


def test_a_reaction_is_invisible_until_approved_then_shows_name_and_date(
    client, tree, django_capture_on_commit_callbacks
):
    article = tree["article"]
    response = post_reaction(client, article, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"].endswith("?reactie=ontvangen#reacties")
    reaction = Reaction.objects.get()
    assert reaction.status == Reaction.Status.PENDING
    thanks = client.get(response["Location"]).content.decode()
    assert "Uw reactie is ontvangen" in thanks
    assert "Mooi om te lezen" not in thanks

    # The stream's coordinator hears of it; the writer gets a removal link.
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["anna@example.org", "coordinator@example.org"]
    notice = next(m for m in mail.outbox if m.to == ["coordinator@example.org"])
    assert "Anna de Vries" in notice.body and "Anna" not in notice.subject

    reaction.status = Reaction.Status.APPROVED
    reaction.save()
    html = client.get(article.url).content.decode()
    assert "Mooi om te lezen hoe bewoners hier zelf beslissen." in html
    assert "Anna de Vries" in html
    assert "anna@example.org" not in html
    assert re.search(r'<time datetime="[^"]+">\d+ \w+ \d{4}</time>', html)
    # The count shows on article cards.
    listing_html = client.get("/stromen/langdurige-zorg/").content.decode()
    assert "1 reactie" in listing_html


def test_the_removal_link_works_once(client, tree, django_capture_on_commit_callbacks):
    post_reaction(client, tree["article"], django_capture_on_commit_callbacks)
    receipt = next(m for m in mail.outbox if m.to == ["anna@example.org"])
    link = re.search(r"http://testserver(/reactie/verwijderen/\S+/)", receipt.body).group(1)
    Reaction.objects.update(status=Reaction.Status.APPROVED)
    confirm = client.get(link)
    assert confirm.status_code == 200 and "Reactie verwijderen" in confirm.content.decode()
    assert Reaction.objects.count() == 1  # a GET (e.g. a mail scanner) removes nothing
    assert client.post(link).status_code == 200
    assert not Reaction.objects.exists()
    assert "Mooi om te lezen" not in client.get(tree["article"].url).content.decode()
    again = client.post(link)
    assert again.status_code == 404
    assert "Deze link werkt niet (meer)" in again.content.decode()


def test_errors_keep_what_was_typed_and_say_what_is_wrong(
    client, tree, django_capture_on_commit_callbacks
):
    response = post_reaction(
        client, tree["article"], django_capture_on_commit_callbacks, consent="", email="geen"
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "Mooi om te lezen hoe bewoners hier zelf beslissen." in html
    assert not Reaction.objects.exists()


def test_the_honeypot_stores_nothing(client, tree, django_capture_on_commit_callbacks):
    response = post_reaction(
        client, tree["article"], django_capture_on_commit_callbacks, website_url="spam"
    )
    assert response.status_code == 302
    assert not Reaction.objects.exists() and not mail.outbox


def test_editors_can_close_reactions_per_article(client, tree, django_capture_on_commit_callbacks):
    article = tree["article"]
    article.reactions_open = False
    article.save_revision().publish()
    html = client.get(article.url).content.decode()
    assert "reaction-form" not in html and "Reageren is bij dit artikel gesloten." in html
    post_reaction(client, article, django_capture_on_commit_callbacks)
    assert not Reaction.objects.exists()


def test_the_kept_reaction_form_leaves_when_reactions_close_and_speaks_the_pages_language(
    client, tree, locales, django_capture_on_commit_callbacks
):
    # The empty form's HTML is kept under the content generation: what it shows must follow.
    article = tree["article"]
    assert 'class="reaction-form"' in client.get(article.url).content.decode()
    article.reactions_open = False
    article.save_revision().publish()
    html = client.get(article.url).content.decode()
    assert "reaction-form" not in html and "Reageren is bij dit artikel gesloten." in html

    article.reactions_open = True
    article.save_revision().publish()
    care = article.get_parent()
    translate(care.get_parent(), locales["en"], title="Streams", slug="streams")
    translate(care, locales["en"], title="Long-term care", slug="long-term-care")
    english = translate(article, locales["en"], title="Voice in Kampen", slug="kampen")
    html = client.get(english.url).content.decode()
    assert f'action="{english.url}"' in html
    with translation.override("en"):
        assert gettext("Reactie plaatsen") in html


def test_coordinators_moderate_their_own_streams_reactions(
    client, tree, django_capture_on_commit_callbacks
):
    post_reaction(client, tree["article"], django_capture_on_commit_callbacks)
    post_reaction(client, tree["other"], django_capture_on_commit_callbacks, name="Bram uit Tiel")
    client.force_login(tree["coordinator"])
    dashboard = client.get("/admin/").content.decode()
    assert "1 reactie wacht op beoordeling." in dashboard
    listing = client.get("/admin/snippets/streams/reaction/").content.decode()
    assert "Anna de Vries" in listing and "Bram uit Tiel" not in listing
    reaction = Reaction.objects.get(name="Anna de Vries")
    response = client.post(
        f"/admin/snippets/streams/reaction/edit/{reaction.pk}/", {"status": "approved"}
    )
    assert response.status_code == 302
    reaction.refresh_from_db()
    assert reaction.status == Reaction.Status.APPROVED and reaction.approved_at

    editor = get_user_model().objects.create_user("loc", "loc@example.org", "geheim-wachtwoord")
    editor.groups.add(Group.objects.get(name=roles.LOC_EDITORS))
    client.force_login(editor)
    listing = client.get("/admin/snippets/streams/reaction/").content.decode()
    assert "Bram uit Tiel" in listing


def test_coordinators_cannot_open_another_streams_reactions_by_url(
    client, tree, django_capture_on_commit_callbacks
):
    post_reaction(client, tree["other"], django_capture_on_commit_callbacks, name="Bram uit Tiel")
    reaction = Reaction.objects.get(name="Bram uit Tiel")
    client.force_login(tree["coordinator"])
    base = "/admin/snippets/streams/reaction"
    assert client.get(f"{base}/edit/{reaction.pk}/").status_code == 404
    response = client.post(f"{base}/edit/{reaction.pk}/", {"status": "approved"})
    assert response.status_code == 404
    assert client.post(f"{base}/delete/{reaction.pk}/").status_code == 404
    assert client.get(f"{base}/history/{reaction.pk}/").status_code == 404
    assert client.get(f"{base}/usage/{reaction.pk}/").status_code == 404
    reaction.refresh_from_db()
    assert reaction.status == Reaction.Status.PENDING


def test_news_articles_take_reactions_too(client, home, django_capture_on_commit_callbacks):
    news = ArticleIndexPageFactory(parent=home)
    article = ArticlePageFactory(parent=news, title="Algemeen", slug="algemeen")
    assert post_reaction(client, article, django_capture_on_commit_callbacks).status_code == 302
    assert Reaction.objects.filter(article=article).exists()


def test_reactions_and_newsletter_follow_the_retention_policy(tree):
    article = tree["article"]
    now = timezone.now()
    waiting = Reaction.objects.create(article=article, name="Oud", email="o@example.org", body="x")
    kept = Reaction.objects.create(
        article=article, name="Goed", email="g@example.org", body="y", status="approved"
    )
    fresh = Reaction.objects.create(article=article, name="Nieuw", email="n@example.org", body="z")
    Reaction.objects.filter(pk__in=[waiting.pk, kept.pk]).update(
        created_at=now - dt.timedelta(days=40)
    )
    unconfirmed = NewsletterSubscriber.objects.create(email="later@example.org")
    NewsletterSubscriber.objects.filter(pk=unconfirmed.pk).update(
        created_at=now - dt.timedelta(days=5)
    )
    retention.apply()
    assert set(Reaction.objects.values_list("pk", flat=True)) == {kept.pk, fresh.pk}
    assert not NewsletterSubscriber.objects.exists()
    rows = [row[0] for row in retention.policy_rows("nl")]
    assert any("Reacties onder artikelen" in what for what in rows)
    assert any("nieuwsbrief" in what for what in rows)


def test_reactions_come_from_readers_only_not_from_the_admin(client, tree, admin_user):
    """Nobody writes a reader's words for them: the admin offers no 'add', even to an
    administrator, and the add URL is refused."""
    client.force_login(admin_user)
    listing = client.get("/admin/snippets/streams/reaction/").content.decode()
    assert "/admin/snippets/streams/reaction/add/" not in listing
    response = client.get("/admin/snippets/streams/reaction/add/")
    assert response.status_code in (302, 403)
    assert not Reaction.objects.exists()

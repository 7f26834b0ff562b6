"""The newsletter: double opt-in, interests per stream, unsubscribe by link and RFC 8058
one-click, issues composed in the admin and sent once per address through the outbox,
resumable after a stop; subscribers visible only with the permission; unconfirmed purged."""

import datetime as dt
import re

import pytest
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.utils import timezone

from movement import roles
from movement.outbox import OutgoingEmail
from streams import newsletter
from streams.models import NewsletterDelivery, NewsletterIssue, NewsletterSubscriber
from tests.support.factories import StreamIndexPageFactory, StreamPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def streams(home):
    index = StreamIndexPageFactory(parent=home)
    return {
        "care": StreamPageFactory(parent=index, title="Langdurige zorg", slug="langdurige-zorg"),
        "youth": StreamPageFactory(parent=index, title="Jeugd", slug="jeugd"),
    }


def sign_up(client, capture, email="anna@example.org", streams=(), **extra):
    data = {"email": email, "consent": "on", "website_url": "", "streams": list(streams), **extra}
    with capture(execute=True):
        return client.post("/nieuwsbrief/", data)


def confirmation_link(email):
    message = next(m for m in reversed(mail.outbox) if m.to == [email])
    return re.search(r"http://testserver(/nieuwsbrief/bevestigen/\S+/)", message.body).group(1)


def newsletter_mail(email):
    return next(m for m in reversed(mail.outbox) if m.to == [email])


def subscribed(email="anna@example.org"):
    return NewsletterSubscriber.objects.filter(email=email, confirmed_at__isnull=False).exists()


def test_an_address_is_subscribed_only_after_its_confirmation_link(
    client, streams, django_capture_on_commit_callbacks
):
    form = client.get("/nieuwsbrief/").content.decode()
    assert "Langdurige zorg" in form and "Jeugd" in form
    response = sign_up(
        client, django_capture_on_commit_callbacks, streams=[streams["care"].translation_key]
    )
    assert response.status_code == 302
    assert "Kijk in uw mailbox" in client.get(response["Location"]).content.decode()
    assert not subscribed()
    link = confirmation_link("anna@example.org")
    assert client.get(link).status_code == 200
    assert not subscribed()  # a mail scanner's GET subscribes nobody
    assert "U bent aangemeld" in client.post(link).content.decode()
    assert subscribed()
    subscriber = NewsletterSubscriber.objects.get()
    assert subscriber.stream_keys == [str(streams["care"].translation_key)]


def test_bad_input_keeps_what_was_typed(client, streams, django_capture_on_commit_callbacks):
    response = sign_up(client, django_capture_on_commit_callbacks, email="anna@", consent="")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html and 'value="anna@"' in html
    assert not NewsletterSubscriber.objects.exists()


def confirmed(email, streams=(), language="nl"):
    return NewsletterSubscriber.objects.create(
        email=email,
        language=language,
        stream_keys=[str(s.translation_key) for s in streams],
        confirmed_at=timezone.now(),
    )


def issue_about(*streams, subject="Nieuws uit de beweging"):
    issue = NewsletterIssue.objects.create(
        subject=subject,
        intro="Een korte inleiding.",
        body=[("paragraph", "<p>Verhalen uit de praktijk.</p>")],
    )
    issue.streams.set(streams)
    return issue


def test_an_issue_goes_once_to_each_interested_address_with_unsubscribe_headers(
    streams, django_capture_on_commit_callbacks
):
    confirmed("alle@example.org")
    confirmed("zorg@example.org", [streams["care"]])
    confirmed("jeugd@example.org", [streams["youth"]])
    confirmed("english@example.org", language="en")
    NewsletterSubscriber.objects.create(email="pending@example.org")  # never confirmed
    issue = issue_about(streams["care"])
    with django_capture_on_commit_callbacks(execute=True):
        newsletter.start_sending(issue)
    issue.refresh_from_db()
    assert issue.status == NewsletterIssue.Status.SENT
    assert sorted(m.to[0] for m in mail.outbox) == ["alle@example.org", "zorg@example.org"]
    message = mail.outbox[0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.fullmatch(
        r"<http://testserver(/nieuwsbrief/afmelden/\S+/)>",
        message.extra_headers["List-Unsubscribe"],
    )
    assert unsubscribe
    assert "Verhalen uit de praktijk." in message.body
    # Sending again sends nobody a second copy.
    assert newsletter.send_issue.call(issue.pk) == 0
    assert len(mail.outbox) == 2


def test_a_send_stopped_half_way_resumes_without_second_copies(streams):
    for number in range(5):
        confirmed(f"lezer{number}@example.org")
    issue = issue_about()
    NewsletterIssue.objects.filter(pk=issue.pk).update(status=NewsletterIssue.Status.SENDING)
    assert newsletter.send_batch(issue, batch_size=2) == 2  # then the worker stops
    assert NewsletterDelivery.objects.count() == 2
    assert newsletter.resume_unfinished() == 3  # the scheduler picks it up again
    issue.refresh_from_db()
    assert issue.status == NewsletterIssue.Status.SENT
    per_address = {}
    for email in OutgoingEmail.objects.filter(kind=newsletter.ISSUE):
        per_address[email.to] = per_address.get(email.to, 0) + 1
    assert per_address == {f"lezer{number}@example.org": 1 for number in range(5)}


def test_unsubscribe_by_link_and_by_one_click_post(client, streams):
    anna = confirmed("anna@example.org")
    bram = confirmed("bram@example.org")
    page = client.get(f"/nieuwsbrief/afmelden/{anna.token}/")
    assert page.status_code == 200 and subscribed("anna@example.org")
    assert client.post(f"/nieuwsbrief/afmelden/{anna.token}/").status_code == 200
    assert not NewsletterSubscriber.objects.filter(email="anna@example.org").exists()
    # RFC 8058: the mail client POSTs without a session or CSRF token.
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        f"/nieuwsbrief/afmelden/{bram.token}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not NewsletterSubscriber.objects.filter(email="bram@example.org").exists()


def test_unconfirmed_sign_ups_are_purged_after_a_few_days(streams):
    old = NewsletterSubscriber.objects.create(email="oud@example.org")
    NewsletterSubscriber.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - dt.timedelta(days=newsletter.UNCONFIRMED_DAYS + 1)
    )
    NewsletterSubscriber.objects.create(email="nieuw@example.org")
    confirmed("trouw@example.org")
    NewsletterSubscriber.objects.filter(email="trouw@example.org").update(
        created_at=timezone.now() - dt.timedelta(days=400)
    )
    assert newsletter.purge_unconfirmed() == 1
    assert set(NewsletterSubscriber.objects.values_list("email", flat=True)) == {
        "nieuw@example.org",
        "trouw@example.org",
    }


def test_editors_compose_preview_and_test_but_only_administrators_see_subscribers(
    client, streams, django_capture_on_commit_callbacks
):
    confirmed("lezer@example.org")
    editor = get_user_model().objects.create_user("loc", "loc@example.org", "geheim-wachtwoord")
    editor.groups.add(Group.objects.get(name=roles.LOC_EDITORS))
    client.force_login(editor)
    issue = issue_about(subject="Najaarsnieuws")
    listing = client.get("/admin/snippets/streams/newsletterissue/").content.decode()
    assert "Najaarsnieuws" in listing and "Test naar mijzelf" in listing
    assert (
        client.get(f"/admin/snippets/streams/newsletterissue/edit/{issue.pk}/").status_code == 200
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/newsletter/{issue.pk}/test/")
    assert [m.to for m in mail.outbox] == [["loc@example.org"]]
    assert mail.outbox[0].subject == "[Test] Najaarsnieuws"
    issue.refresh_from_db()
    assert issue.status == NewsletterIssue.Status.DRAFT
    assert client.get("/admin/snippets/streams/newslettersubscriber/").status_code in (302, 403)

    admin = get_user_model().objects.create_superuser("beheer", "beheer@example.org", "geheim")
    client.force_login(admin)
    listing = client.get("/admin/snippets/streams/newslettersubscriber/").content.decode()
    assert "lezer@example.org" in listing
    export = client.get("/admin/snippets/streams/newslettersubscriber/?export=csv")
    assert export.status_code == 200
    assert b"lezer@example.org" in b"".join(export.streaming_content)


def test_links_and_images_in_an_issue_point_at_the_public_site(
    streams, settings, django_capture_on_commit_callbacks
):
    """A mail is read outside the site: a relative link or image address would lead nowhere."""
    settings.WAGTAILADMIN_BASE_URL = "https://radicalevernieuwing.example"
    image = wagtail_factories.ImageFactory()
    care = streams["care"]
    issue = NewsletterIssue.objects.create(
        subject="Nieuws",
        body=[
            (
                "paragraph",
                f'<p>Lees over <a linktype="page" id="{care.pk}">de stroom</a>'
                ' en <a href="/nieuws/">het nieuws</a>.</p>',
            ),
            (
                "image",
                {
                    "image": image,
                    "caption": "Een bijeenkomst",
                    "credit": "",
                },
            ),
            (
                "call_to_action",
                {"title": "Doe mee", "text": "", "page": care, "url": "", "label": "Aanmelden"},
            ),
        ],
    )
    confirmed("lezer@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        newsletter.send_test(issue, "lezer@example.org")
    message = newsletter_mail("lezer@example.org")
    html = message.alternatives[0][0]
    addresses = re.findall(r'(?:href|src)="([^"]*)"', html)
    addresses += [
        part.split()[0]
        for srcset in re.findall(r'srcset="([^"]*)"', html)
        for part in srcset.split(",")
    ]
    assert any("/media/images/" in address for address in addresses)
    assert f"{care.url}" in " ".join(addresses)
    relative = [a for a in addresses if not a.startswith("https://radicalevernieuwing.example/")]
    assert relative == []
    # The plain-text part keeps where each link goes.
    assert f"https://radicalevernieuwing.example{care.url}" in message.body
    assert "https://radicalevernieuwing.example/nieuws/" in message.body

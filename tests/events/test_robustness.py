"""Meet-ups under stress: a failing mail server, reminders and notices, purging, arbitrary input,
and concurrent sign-ups for the last places (issue 5)."""

import datetime as dt
import threading

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import close_old_connections, connection
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.models import MeetupPage, SignUp
from events.views import meetup_detail
from movement.outbox import OutgoingEmail, deliver
from tests.conftest import publish
from tests.support.factories import (
    MeetupIndexPageFactory,
    MeetupPageFactory,
    SignUpFactory,
    signup_form_data,
)
from tests.support.helpers import in_days


class BrokenEmailBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server is down")


@pytest.fixture
def meetup(home):
    index = MeetupIndexPageFactory(parent=home)
    return MeetupPageFactory(parent=index, title="Meet-up in Tiel", capacity=10, start=in_days(10))


@pytest.mark.django_db
def test_a_failing_mail_server_never_fails_or_loses_a_sign_up(meetup, post_signup, settings):
    settings.EMAIL_BACKEND = "tests.events.test_robustness.BrokenEmailBackend"
    response = post_signup(meetup, follow=False)
    assert response.status_code == 303
    signup = SignUp.objects.get()
    assert signup.status == SignUp.Status.CONFIRMED
    email = OutgoingEmail.objects.get()
    assert email.sent_at is None and email.attempts == 1
    assert "ConnectionRefusedError" in email.last_error
    assert signup.confirmation_sent_at is None

    # Before its back-off has passed, the resend command leaves it alone.
    call_command("send_pending_emails", min_age=0)
    email.refresh_from_db()
    assert email.attempts == 1 and email.next_attempt_at > timezone.now()
    # A few minutes later the server is back; cron runs the resend command.
    OutgoingEmail.objects.update(next_attempt_at=timezone.now())
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_pending_emails", min_age=0)
    email.refresh_from_db()
    assert email.sent_at is not None
    (message,) = mail.outbox
    assert message.subject == "Aangemeld: Meet-up in Tiel"
    assert signup.confirmation_sent_at == email.sent_at
    call_command("send_pending_emails", min_age=0)
    assert len(mail.outbox) == 1  # nothing twice


@pytest.mark.django_db
def test_with_the_database_worker_a_failed_mail_is_retried_later(
    meetup, post_signup, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    post_signup(meetup)
    assert not mail.outbox  # the request only enqueued
    ours = DBTaskResult.objects.filter(task_path="movement.outbox.send_outgoing_email")
    (queued,) = ours

    settings.EMAIL_BACKEND = "tests.events.test_robustness.BrokenEmailBackend"
    email = OutgoingEmail.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver(email.pk) is False  # logged and counted, not raised
    retry = ours.exclude(pk=queued.pk).get()
    assert retry.run_after > timezone.now()
    assert retry.args_kwargs["args"] == [email.pk]


@pytest.mark.django_db
def test_with_the_database_worker_the_mail_and_its_task_commit_with_the_sign_up(
    meetup, client, settings, django_capture_on_commit_callbacks
):
    """Nothing is left for after the commit: a server that stops right after committing a
    sign-up still leaves its mail queued for the worker (one commit, not two)."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=False):  # the process stops after commit
        assert client.post(meetup.url, signup_form_data()).status_code == 303
    email = OutgoingEmail.objects.get()
    (task,) = DBTaskResult.objects.filter(task_path="movement.outbox.send_outgoing_email")
    assert task.args_kwargs["args"] == [email.pk]


@pytest.mark.django_db
def test_reminders_go_once_to_those_with_a_place_the_day_before(home, settings):
    index = MeetupIndexPageFactory(parent=home)
    tomorrow = MeetupPageFactory(parent=index, title="Morgen", start=in_days(1, hour=10))
    later = MeetupPageFactory(parent=index, title="Later", start=in_days(5))
    confirmed = SignUpFactory(meetup=tomorrow, email="ja@example.org")
    SignUpFactory(meetup=tomorrow, email="wacht@example.org", status="waiting")
    SignUpFactory(meetup=later, email="later@example.org")

    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("send_meetup_reminders")
    (message,) = mail.outbox
    assert message.to == ["ja@example.org"]
    assert message.subject == "Herinnering: Morgen"
    assert message.attachments  # the calendar file again
    confirmed.refresh_from_db()
    assert confirmed.reminder_sent_at is not None

    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("send_meetup_reminders")
    assert len(mail.outbox) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "subject"),
    [
        (MeetupPage.Status.CANCELLED, "Gaat niet door: Meet-up in Tiel"),
        (MeetupPage.Status.MOVED_ONLINE, "Nu online: Meet-up in Tiel"),
    ],
)
def test_editor_cancelling_or_moving_online_notifies_everyone_signed_up(
    meetup, status, subject, django_capture_on_commit_callbacks
):
    meetup.online_url = "https://meet.example.org/tiel"
    meetup.capacity = 1
    publish(meetup)
    SignUpFactory(meetup=meetup, email="ja@example.org")
    SignUpFactory(meetup=meetup, email="wacht@example.org", status="waiting")
    SignUpFactory(meetup=meetup, email="weg@example.org", status="cancelled")

    meetup.title = "Meet-up in Tiel"
    meetup.save_revision()  # a draft changes nothing
    meetup.status = status
    revision = meetup.save_revision()
    assert not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        revision.publish()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ja@example.org",
        "wacht@example.org",
    ]
    assert {message.subject for message in mail.outbox} == {subject}
    with_place = next(m for m in mail.outbox if m.to == ["ja@example.org"])
    waiting = next(m for m in mail.outbox if m.to == ["wacht@example.org"])
    if status == MeetupPage.Status.MOVED_ONLINE:
        assert "https://meet.example.org/tiel" in with_place.body
        assert "https://meet.example.org/tiel" not in waiting.body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meetup.save_revision().publish()  # published again, same status: no second notice
    assert not mail.outbox


@pytest.mark.django_db
def test_more_places_on_publish_moves_the_waiting_list_up(
    meetup, django_capture_on_commit_callbacks
):
    meetup.capacity = 1
    publish(meetup)
    SignUpFactory(meetup=meetup)
    waiting = SignUpFactory(meetup=meetup, status="waiting", email="wacht@example.org")
    meetup.capacity = 2
    with django_capture_on_commit_callbacks(execute=True):
        meetup.save_revision().publish()
    waiting.refresh_from_db()
    assert waiting.status == SignUp.Status.CONFIRMED
    assert mail.outbox[0].to == ["wacht@example.org"]


@pytest.mark.django_db
def test_purge_deletes_sign_ups_some_days_after_the_meetup(home):
    index = MeetupIndexPageFactory(parent=home)
    old = MeetupPageFactory(parent=index, start=in_days(-40), end=in_days(-40) + dt.timedelta(1))
    recent = MeetupPageFactory(parent=index, start=in_days(-10))
    coming = MeetupPageFactory(parent=index, start=in_days(3))
    for page in (old, recent, coming):
        SignUpFactory(meetup=page)
    call_command("purge_signups")
    assert set(SignUp.objects.values_list("meetup", flat=True)) == {recent.pk, coming.pk}
    call_command("purge_signups", days=5)
    assert set(SignUp.objects.values_list("meetup", flat=True)) == {coming.pk}


LIMITS = {"name": 120, "email": 254, "organisation": 150, "access_needs": 1000, "remarks": 1000}
any_text = st.text(max_size=1200) | st.sampled_from(["", " ", "\x00", "<script>", "é" * 1100])


@pytest.mark.django_db
@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=any_text,
    email=any_text | st.emails(),
    organisation=any_text,
    role=any_text | st.sampled_from(SignUp.Role.values),
    access_needs=any_text,
    remarks=any_text,
    consent=st.sampled_from(["on", "", None, "nee", "1"]),
    latin1=st.booleans(),
)
def test_arbitrary_input_never_breaks_the_form(
    meetup, name, email, organisation, role, access_needs, remarks, consent, latin1
):
    data = signup_form_data(
        name=name,
        email=email,
        organisation=organisation,
        role=role,
        access_needs=access_needs,
        remarks=remarks,
        consent=consent,
    )
    cache.clear()  # the per-IP rate limit is not what this test is about
    before = SignUp.objects.count()
    client = Client()
    if latin1:
        from urllib.parse import urlencode

        body = urlencode(data, encoding="latin-1", errors="replace")
        response = client.post(meetup.url, body, content_type="application/x-www-form-urlencoded")
    else:
        response = client.post(meetup.url, data)
    assert response.status_code in (303, 400, 409, 429)
    if consent in ("", None):
        assert response.status_code == 400
        assert SignUp.objects.count() == before
    for signup in SignUp.objects.all():
        for field, limit in LIMITS.items():
            assert len(getattr(signup, field)) <= limit
    SignUp.objects.all().delete()


CONCURRENT = 40


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Row locks (SELECT ... FOR UPDATE) need PostgreSQL: set DATABASE_URL to run this",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_sign_ups_never_exceed_capacity(home):
    index = MeetupIndexPageFactory(parent=home)
    meetup = MeetupPageFactory(parent=index, capacity=10, start=in_days(10))
    url = meetup.url
    barrier = threading.Barrier(CONCURRENT)
    statuses, errors = [], []

    def sign_up(number):
        try:
            client = Client(REMOTE_ADDR=f"10.0.0.{number}")  # people, not one spammer
            barrier.wait(timeout=30)
            response = client.post(url, signup_form_data(email=f"p{number}@example.org"))
            statuses.append(response.status_code)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(repr(error))
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=sign_up, args=(n,)) for n in range(CONCURRENT)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors
    assert statuses == [303] * CONCURRENT
    signups = SignUp.objects.filter(meetup=meetup)
    assert signups.filter(status="confirmed").count() == 10
    assert signups.filter(status="waiting").count() == 30
    assert signups.values("email").distinct().count() == CONCURRENT
    emails = OutgoingEmail.objects.filter(to__in=signups.values("email"))
    assert sorted(emails.values_list("kind", flat=True)) == ["confirmation"] * 10 + ["waiting"] * 30
    assert not emails.filter(sent_at=None).exists()
    assert len(mail.outbox) == CONCURRENT


@pytest.mark.django_db
@pytest.mark.parametrize("places", [10, 0], ids=["places left", "full"])
def test_a_meetup_deleted_while_a_sign_up_is_on_its_way_says_it_does_not_go_ahead(
    meetup, places, rf
):
    """An editor deletes the meet-up between the visitor's POST finding its page and the sign-up
    being decided: the visitor reads, in the page's layout, that their sign-up was not processed
    because the meet-up does not go ahead (409, not a server error); nothing is stored or sent."""
    meetup.capacity = places  # as the page read by the view says (no waiting list)
    request = rf.post(meetup.url, signup_form_data())
    request.site = meetup.get_site()
    MeetupPage.objects.filter(pk=meetup.pk).delete()

    response = meetup_detail(meetup, request)

    assert response.status_code == 409
    html = response.render().content.decode()
    assert "Uw aanmelding is niet verwerkt: Deze meet-up gaat niet door." in html
    assert not SignUp.objects.exists() and not OutgoingEmail.objects.exists()

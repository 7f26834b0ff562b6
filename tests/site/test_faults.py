"""When a service fails (issue 12): every path that stores what a visitor typed keeps working,
and nothing in the outbox is lost. The services are really stopped (a closed port), not mocked;
the mail server that comes back is a real SMTP server (aiosmtpd) and the worker is the real
database worker (django_tasks_db's db_worker), run in the test."""

import datetime as dt
import logging
import socket

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.checks import run_checks
from django.core.mail import send_mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import Site

from events.models import SignUp
from movement.models import SiteSettings
from movement.outbox import OutgoingEmail, queue_mail
from streams.models import JoinApplication
from tests.support.factories import (
    MeetupIndexPageFactory,
    MeetupPageFactory,
    ParticipantIndexPageFactory,
    StreamIndexPageFactory,
    StreamPageFactory,
    signup_form_data,
)
from tests.support.helpers import in_days

JOIN_DATA = {
    "organisation": "Buurtzorg De Kroon",
    "contact_name": "Fatima el Amrani",
    "email": "fatima@example.org",
    "city": "Zwolle",
    "motivation": "Wij werken al jaren vanuit relaties.",
    "consent": "on",
}


def closed_port():
    """A local port on which nothing listens (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def site_with_forms(home):
    meetups = MeetupIndexPageFactory(parent=home)
    meetup = MeetupPageFactory(parent=meetups, title="Meet-up in Tiel", start=in_days(10))
    streams = StreamIndexPageFactory(parent=home)
    ParticipantIndexPageFactory(parent=home)  # join applications become draft pages here
    stream = StreamPageFactory(parent=streams, title="Langdurige zorg", slug="langdurige-zorg")
    site_settings = SiteSettings.for_site(home.get_site())
    site_settings.contact_email = "loc@example.org"
    site_settings.save()
    return {"meetup": meetup, "stream": stream}


# --- Redis down ---------------------------------------------------------------------------


@pytest.fixture
def redis_down(settings):
    """Production's cache settings (movement/settings/production.py) with Redis unreachable."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1},
        }
    }
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False
    settings.PAGE_CACHE_ENABLED = True
    yield
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()


@pytest.mark.django_db
def test_redis_down_sign_up_join_and_admin_login_still_work_and_are_stored(
    client, site_with_forms, redis_down, caplog, django_capture_on_commit_callbacks
):
    meetup, stream = site_with_forms["meetup"], site_with_forms["stream"]
    caplog.set_level(logging.WARNING, logger="movement.spam")
    assert client.get(meetup.url).status_code == 200  # pages render without the cache
    assert client.get("/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        signed_up = client.post(meetup.url, signup_form_data(email="anna@example.org"))
        joined = client.post(stream.url, JOIN_DATA)
    assert signed_up.status_code == 303
    assert joined.status_code == 302
    assert SignUp.objects.get().email == "anna@example.org"
    assert JoinApplication.objects.get().organisation == "Buurtzorg De Kroon"

    get_user_model().objects.create_superuser("redactie", "redactie@example.org", "geheim-123")
    logged_in = client.post("/admin/login/", {"username": "redactie", "password": "geheim-123"})
    assert logged_in.status_code == 302 and Session.objects.exists()
    assert client.get("/admin/").status_code == 200

    warnings = [r for r in caplog.records if r.name == "movement.spam"]
    assert len(warnings) == 1  # logged once per outage, not on every request
    assert "unreachable" in warnings[0].getMessage()


# --- SMTP down ----------------------------------------------------------------------------


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(envelope)
        return "250 OK"


def run_worker():
    """The database worker, as `manage.py db_worker` runs it, until nothing is due."""
    call_command("db_worker", batch=True, no_startup_delay=True, interval=0, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_smtp_down_mails_are_sent_once_it_is_back_and_nothing_is_lost(
    client, site_with_forms, settings
):
    meetup, stream = site_with_forms["meetup"], site_with_forms["stream"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5

    assert client.post(meetup.url, signup_form_data(email="anna@example.org")).status_code == 303
    assert client.post(stream.url, JOIN_DATA).status_code == 302
    mail_tasks = DBTaskResult.objects.filter(task_path="movement.outbox.send_outgoing_email")
    assert mail_tasks.count() == 2, list(DBTaskResult.objects.values_list("task_path", flat=True))

    run_worker()  # the mail server is down
    pending = OutgoingEmail.objects.all()
    assert sorted(pending.values_list("to", flat=True)) == ["anna@example.org", "loc@example.org"]
    assert all(email.status == "pending" and email.attempts == 1 for email in pending)
    assert all("ConnectionRefused" in email.last_error for email in pending)

    inbox = Inbox()
    server = Controller(inbox, hostname="127.0.0.1", port=settings.EMAIL_PORT)  # back, same port
    server.start()
    try:
        # The back-off has passed: the retries the worker scheduled are due.
        later = timezone.now() - dt.timedelta(seconds=1)
        OutgoingEmail.objects.update(next_attempt_at=later)
        DBTaskResult.objects.filter(status="READY").update(run_after=later)
        run_worker()
    finally:
        server.stop()

    received = sorted((envelope.rcpt_tos[0], envelope) for envelope in inbox.messages)
    assert [to for to, _ in received] == ["anna@example.org", "loc@example.org"]
    assert b"Aangemeld: Meet-up in Tiel" in received[0][1].original_content
    assert b"Buurtzorg De Kroon" in received[1][1].original_content
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"sent"}
    call_command("send_pending_emails", min_age=0, verbosity=0)
    assert len(inbox.messages) == 2  # nothing twice


# --- Oversized and oddly encoded posts ------------------------------------------------------


def form_urls(site_with_forms):
    return {
        "sign-up": site_with_forms["meetup"].url,
        "join": site_with_forms["stream"].url,
        "admin login": "/admin/login/",
        "django admin login": "/django-admin/login/",
    }


BAD_BODIES = {
    "latin-1": (
        "naam=Jos%E9+M%FCller&email=jose%40example.org&consent=on",
        "application/x-www-form-urlencoded; charset=latin-1",
    ),
    "unknown charset": ("naam=x", "application/x-www-form-urlencoded; charset=x-nonsense"),
    "3 MB": ("remarks=" + "x" * (3 * 1024 * 1024), "application/x-www-form-urlencoded"),
    "20,000 fields": (
        "&".join(f"f{n}=1" for n in range(20_000)),
        "application/x-www-form-urlencoded",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("body", BAD_BODIES)
def test_bad_posts_to_every_form_get_a_readable_page_never_a_500(site_with_forms, body):
    client = Client(raise_request_exception=False)
    data, content_type = BAD_BODIES[body]
    for name, url in form_urls(site_with_forms).items():
        response = client.generic("POST", url, data.encode("latin-1"), content_type=content_type)
        assert response.status_code < 500, (name, response.status_code)
        if response.status_code in (400, 413):
            html = response.content.decode()
            assert 'lang="nl"' in html and 'lang="en"' in html, name  # both languages
            assert "/static/movement/css/site.css" in html, name  # the site's own style
            assert response["X-Content-Type-Options"] == "nosniff"
            if "admin" not in name:  # the admin's own pages need inline scripts
                assert "default-src 'self'" in response["Content-Security-Policy"]
            assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


# --- Bad Host headers -----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_disallowed_host_logs_one_warning_line_without_traceback(client, home, settings, caplog):
    settings.ALLOWED_HOSTS = ["radicalevernieuwing.nl"]
    caplog.set_level(logging.INFO)
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Dit verzoek kunnen we niet lezen" in response.content.decode()
    records = [record for record in caplog.records if record.levelno >= logging.WARNING]
    assert [(r.name, r.levelname) for r in records] == [
        ("django.security.DisallowedHost", "WARNING")
    ]
    assert records[0].exc_info is None and "\n" not in records[0].getMessage()
    assert "evil.example" in records[0].getMessage()


# --- Worker down ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_worker_down_the_scheduler_sends_the_outbox(
    client, site_with_forms, settings, mailoutbox, django_capture_on_commit_callbacks
):
    """With the database task backend and no worker running, the tasks just wait; the
    scheduler's send_pending_emails sends the mail without them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(site_with_forms["meetup"].url, signup_form_data())
    assert response.status_code == 303 and SignUp.objects.exists()
    waiting = DBTaskResult.objects.filter(task_path="movement.outbox.send_outgoing_email")
    assert waiting.get().status == "READY"  # nobody picks it up
    assert not mailoutbox
    # A few minutes later, the scheduler's round (it leaves mails younger than a minute to
    # the worker).
    OutgoingEmail.objects.update(created_at=timezone.now() - dt.timedelta(minutes=3))
    call_command("run_scheduler", once=True, verbosity=0)
    assert [message.to for message in mailoutbox] == [["anna@example.org"]]
    assert OutgoingEmail.objects.get().status == "sent"


# --- What the forms accept ----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field", ["organisation", "contact_name", "city"], ids=["organisation", "name", "city"]
)
def test_line_breaks_in_single_line_join_fields_are_refused_with_a_clear_message(
    client, site_with_forms, field, mailoutbox
):
    data = dict(JOIN_DATA, **{field: "Buurtzorg\r\nBcc: iedereen@example.org"})
    response = client.post(site_with_forms["stream"].url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Gebruik één regel, zonder regeleinden" in html
    assert "Wij werken al jaren vanuit relaties." in html  # what was typed is kept
    assert not JoinApplication.objects.exists() and not mailoutbox


@pytest.mark.django_db
@pytest.mark.parametrize(
    "address",
    [
        "=?utf-8?q?anna?=@example.org",
        "anna@[127.0.0.1]",
        "anna@[IPv6:::1]",
        "anna@127.0.0.1",
        "jörg@example.org",
    ],
)
def test_addresses_the_mail_server_cannot_send_to_are_refused(client, site_with_forms, address):
    response = client.post(site_with_forms["meetup"].url, signup_form_data(email=address))
    assert response.status_code == 400
    assert "Naar dit e-mailadres kunnen we geen e-mail sturen" in response.content.decode()
    assert not SignUp.objects.exists()


@pytest.mark.django_db
def test_an_international_domain_is_accepted(
    client, site_with_forms, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            site_with_forms["meetup"].url, signup_form_data(email="Anna@Zorg-Café.nl ")
        )
    assert response.status_code == 303
    assert SignUp.objects.get().email == "anna@zorg-café.nl"  # normalised once, by the form
    assert len(mailoutbox) == 1


# --- Links in e-mails ---------------------------------------------------------------------


@pytest.mark.django_db
def test_links_in_e_mails_use_the_public_base_url_not_the_site_record(
    client, site_with_forms, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.WAGTAILADMIN_BASE_URL = "https://radicalevernieuwing.nl"
    meetup = site_with_forms["meetup"]
    assert meetup.get_site().root_url == "http://localhost"  # as migrate/load_demo leave it
    with django_capture_on_commit_callbacks(execute=True):
        client.post(meetup.url, signup_form_data())
        client.post(site_with_forms["stream"].url, JOIN_DATA)
    confirmation, notice = sorted(mailoutbox, key=lambda message: message.to)
    cancel = SignUp.objects.get().cancel_token
    assert f"https://radicalevernieuwing.nl{meetup.url}" in confirmation.body
    assert f"https://radicalevernieuwing.nl{meetup.get_parent().url}afmelden/{cancel}/" in (
        confirmation.body
    )
    assert "localhost" not in confirmation.body and "localhost" not in notice.body
    assert "https://radicalevernieuwing.nl/admin/pages/" in notice.body


@pytest.mark.django_db
def test_set_site_from_base_url_and_the_deploy_check(home, settings):
    settings.WAGTAILADMIN_BASE_URL = ""
    ids = {message.id for message in run_checks(include_deployment_checks=True)}
    assert "movement.W001" in ids
    settings.WAGTAILADMIN_BASE_URL = "https://radicalevernieuwing.nl"
    ids = {message.id for message in run_checks(include_deployment_checks=True)}
    assert "movement.W003" in ids and "movement.W001" not in ids  # Site still localhost
    call_command("set_site_from_base_url", verbosity=0)
    assert Site.objects.get(is_default_site=True).root_url == "https://radicalevernieuwing.nl"
    ids = {message.id for message in run_checks(include_deployment_checks=True)}
    assert not ids & {"movement.W001", "movement.W002", "movement.W003"}


# --- The dashboard --------------------------------------------------------------------------


@pytest.mark.django_db
def test_mails_that_could_not_be_sent_show_on_the_editors_dashboard(admin_client, home):
    assert (
        "E-mails die niet verstuurd konden worden"
        not in admin_client.get("/admin/").content.decode()
    )
    stuck = queue_mail("anna@example.org", "Aangemeld", "...", kind="confirmation")
    OutgoingEmail.objects.filter(pk=stuck.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=2),
        attempts=3,
        last_error="ConnectionRefusedError: [Errno 111] Connection refused",
    )
    html = admin_client.get("/admin/").content.decode()
    assert "E-mails die niet verstuurd konden worden" in html
    assert "ConnectionRefusedError" in html and "anna@example.org" in html


@pytest.mark.django_db
def test_mails_the_site_does_not_write_itself_go_through_the_outbox_too(
    settings, mailoutbox, django_capture_on_commit_callbacks
):
    """Production's EMAIL_BACKEND is the outbox: Wagtail's moderation notices and password
    resets are kept and retried like every other mail."""
    settings.EMAIL_BACKEND = "movement.outbox.OutboxBackend"
    settings.OUTBOX_DELIVERY_BACKEND = "tests.events.test_robustness.BrokenEmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        send_mail(
            "Pagina ter goedkeuring", "Er staat een pagina klaar.", None, ["a@b.nl", "c@d.nl"]
        )
    assert sorted(OutgoingEmail.objects.values_list("to", "status")) == [
        ("a@b.nl", "pending"),
        ("c@d.nl", "pending"),
    ]
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutgoingEmail.objects.update(next_attempt_at=timezone.now())
    call_command("send_pending_emails", min_age=0, verbosity=0)
    assert sorted(message.to[0] for message in mailoutbox) == ["a@b.nl", "c@d.nl"]
    assert mailoutbox[0].subject == "Pagina ter goedkeuring"

"""Meet-ups: signing up, the waiting list, the e-mails, cancelling (issue 5)."""

import datetime as dt
import json
import os
import re
import uuid
from html import unescape
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from icalendar import Calendar

from events import registration
from events.models import MeetupPage, SignUp
from movement import pagecache
from movement.models import SiteSettings
from movement.outbox import OutgoingEmail, deliver
from tests.conftest import translate
from tests.support.factories import (
    MeetupIndexPageFactory,
    MeetupPageFactory,
    SignUpFactory,
    StandardPageFactory,
)
from tests.support.helpers import in_days, redis_reachable

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home):
    return MeetupIndexPageFactory(parent=home)


@pytest.fixture
def meetup(index):
    return MeetupPageFactory(
        parent=index,
        start=in_days(10),
        title="Meet-up bij Het 8ste Werk",
        slug="het-8ste-werk",
        capacity=2,
        contact_email="meetups@example.org",
        online_url="https://meet.example.org/geheim",
    )


TOO_MANY = (
    "Er kwamen in korte tijd te veel aanvragen vanaf uw internetverbinding. "
    "Probeer het over 10 minuten opnieuw."
)


def english_text(msgid):
    """The English interface text (Dutch until the .po is compiled; the test still checks
    that the English page asks for English, and is exact once translations are in)."""
    with translation.override("en"):
        return gettext(msgid)


def translation_of(singular, plural, n):
    with translation.override("en"):
        return ngettext(singular, plural, n)


def translate_meetup(meetup, locales):
    index = meetup.get_parent().specific
    if not index.has_translation(locales["en"]):
        translate(index, locales["en"], title="Meet-ups")
    return translate(meetup, locales["en"], title="Meet-up at Het 8ste Werk", slug="8ste-werk")


def cancel_link(message):
    return re.search(r"https?://[^/\s]+(/\S*/afmelden/[\w-]+/)", message.body).group(1)


def ics_of(message):
    (attachment,) = [a for a in message.attachments if a[0].endswith(".ics")]
    return Calendar.from_ical(attachment[1])


def test_page_shows_what_a_visitor_needs_and_places_left(client, meetup):
    html = client.get(meetup.url).content.decode()
    assert "Meet-up bij Het 8ste Werk" in html
    assert "Buurthuis De Kroon" in html and "8261 AA Kampen" in html
    assert "Er zijn nog 2 plaatsen vrij." in html
    assert 'autocomplete="email"' in html and 'autocomplete="organization"' in html
    assert "30 dagen na de meet-up" in html  # what we keep, why and how long
    assert "meet.example.org/geheim" not in html  # the online link is only for those signed up


def test_sign_up_confirms_and_mails_confirmation_with_calendar_file(client, meetup, post_signup):
    response = post_signup(meetup, name="Anna", email="Anna@Example.org ")
    assert response.redirect_chain == [(meetup.url + "?aangemeld=1", 303)]
    assert response.status_code == 200
    html = response.content.decode()
    assert "anna@example.org" in html  # check for typos; the address is not in the URL
    assert "Bedankt voor uw aanmelding" in html and "Wat gebeurt er nu?" in html
    signup = SignUp.objects.get()
    assert (signup.email, signup.status, signup.language) == ("anna@example.org", "confirmed", "nl")

    (message,) = mail.outbox
    assert message.subject == "Aangemeld: Meet-up bij Het 8ste Werk"
    assert message.to == ["anna@example.org"]
    assert "Er is een plaats voor u" in message.body
    assert "https://meet.example.org/geheim" in message.body
    calendar = ics_of(message)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == meetup.start
    assert str(event["dtstart"].params["TZID"]) == "Europe/Amsterdam"
    assert str(event["summary"]) == "Meet-up bij Het 8ste Werk"
    assert OutgoingEmail.objects.get().sent_at is not None
    # A reload of the thank-you page signs up nobody and no longer shows the address.
    reload = client.get(meetup.url + "?aangemeld=1")
    assert "Bedankt voor uw aanmelding" in reload.content.decode()
    assert "anna@example.org" not in reload.content.decode()
    assert SignUp.objects.count() == 1 and len(mail.outbox) == 1

    assert "Er is nog 1 plaats vrij." in client.get(meetup.url).content.decode()


def test_cancel_link_asks_first_then_cancels_and_then_says_it_was_used(client, meetup, post_signup):
    post_signup(meetup)
    link = cancel_link(mail.outbox[0])

    page = client.get(link)  # what a mail scanner does: nothing changes
    assert page.status_code == 200
    assert "Ja, meld mij af" in page.content.decode()
    assert SignUp.objects.get().status == SignUp.Status.CONFIRMED

    done = client.post(link)
    assert done.status_code == 200 and "U bent afgemeld" in done.content.decode()
    assert SignUp.objects.get().status == SignUp.Status.CANCELLED

    again = client.get(link)
    assert again.status_code == 410
    assert "U bent al afgemeld" in again.content.decode()
    assert client.post(link).status_code == 410


@pytest.mark.parametrize("slug", ["koffie-en-zorg", "café-de-zorg"])
def test_the_cancel_link_leads_to_the_meetups_index_whatever_the_slug(
    client, index, post_signup, slug
):
    meetup = MeetupPageFactory(parent=index, start=in_days(10), slug=slug, capacity=5)
    post_signup(meetup)
    (message,) = mail.outbox
    link = cancel_link(message)
    assert link.startswith(index.url + "afmelden/")
    assert "Ja, meld mij af" in client.get(link).content.decode()


def test_unknown_cancel_token_gets_a_friendly_404(client, index):
    response = client.get(index.url + "afmelden/bestaat-niet/")
    assert response.status_code == 404
    assert "We kennen deze link niet" in response.content.decode()
    assert client.get(index.url + "afmelden/" + "x" * 500 + "/").status_code == 404


def test_full_meetup_puts_people_on_the_waiting_list(client, meetup, post_signup):
    SignUpFactory.create_batch(2, meetup=meetup)
    html = client.get(meetup.url).content.decode()
    assert "Deze meet-up is vol." in html and "Zet mij op de wachtlijst" in html

    post_signup(meetup, email="bram@example.org")
    assert SignUp.objects.get(email="bram@example.org").status == SignUp.Status.WAITING
    (message,) = mail.outbox
    assert message.subject == "Op de wachtlijst: Meet-up bij Het 8ste Werk"
    assert not message.attachments
    assert "meet.example.org/geheim" not in message.body
    assert SignUp.objects.filter(status="confirmed").count() == 2


@pytest.mark.parametrize(
    "taken, guess, status, subject",
    [
        (2, "open", "waiting", "Op de wachtlijst: Meet-up bij Het 8ste Werk"),
        (0, "waiting_list", "confirmed", "Aangemeld: Meet-up bij Het 8ste Werk"),
    ],
)
def test_a_sign_up_that_guessed_the_places_wrong_is_corrected_before_it_commits(
    meetup, django_capture_on_commit_callbacks, taken, guess, status, subject
):
    """A new address writes its rows with the status the places suggested, then counts under
    the meet-up's lock (events/registration.py): when the places went (or came back) in
    between, the sign-up and its one e-mail say what the count decided."""
    SignUpFactory.create_batch(taken, meetup=meetup)
    fields = {"name": "Bram", "role": "relative", "organisation": "", "access_needs": ""}
    fields |= {"remarks": "", "language": "nl"}
    with django_capture_on_commit_callbacks(execute=True):
        signup = registration._sign_up_new(
            meetup, "bram@example.org", fields, registration.RegistrationState(guess)
        )
    assert SignUp.objects.get(pk=signup.pk).status == status
    assert SignUp.objects.filter(status="confirmed").count() == min(taken + 1, 2)
    (email,) = OutgoingEmail.objects.all()
    assert email.kind == {"waiting": "waiting", "confirmed": "confirmation"}[status]
    (message,) = mail.outbox
    assert message.subject == subject
    assert bool(message.attachments) == (status == "confirmed")


def test_cancelling_frees_the_place_for_the_first_on_the_waiting_list(client, meetup, post_signup):
    post_signup(meetup, email="een@example.org")
    post_signup(meetup, email="twee@example.org")
    post_signup(meetup, email="drie@example.org")
    post_signup(meetup, email="vier@example.org")
    assert list(SignUp.objects.values_list("status", flat=True)) == [
        "confirmed",
        "confirmed",
        "waiting",
        "waiting",
    ]
    mail.outbox.clear()
    first = SignUp.objects.get(email="een@example.org")
    with_callbacks = client.post(meetup.get_parent().url + f"afmelden/{first.cancel_token}/")
    assert with_callbacks.status_code == 200
    # The promotion e-mail is sent after commit; run it as the worker would.
    for email in OutgoingEmail.objects.filter(sent_at=None):
        deliver(email.pk)
    assert SignUp.objects.get(email="drie@example.org").status == SignUp.Status.CONFIRMED
    assert SignUp.objects.get(email="vier@example.org").status == SignUp.Status.WAITING
    (message,) = mail.outbox
    assert message.to == ["drie@example.org"]
    assert message.subject == "Er is een plaats voor u: Meet-up bij Het 8ste Werk"
    assert ics_of(message).walk("VEVENT")
    assert "https://meet.example.org/geheim" in message.body


def test_signing_up_twice_resends_and_does_not_reveal_it(client, meetup, post_signup):
    first = post_signup(meetup, email="anna@example.org")
    second = post_signup(meetup, email="ANNA@example.org", name="Anna tweede keer")
    assert SignUp.objects.count() == 1
    assert SignUp.objects.get().name == "Anna de Vries"
    # Sent again (so the form does not reveal who is signed up), but at most once an hour.
    assert len(mail.outbox) == 1
    OutgoingEmail.objects.update(created_at=timezone.now() - dt.timedelta(minutes=61))
    post_signup(meetup, email="anna@example.org")
    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject == mail.outbox[0].subject
    assert first.status_code == second.status_code == 200

    def without_csrf(response):
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())

    stranger = post_signup(meetup, email="nieuw@example.org")
    assert without_csrf(second).replace("anna@example.org", "X") == without_csrf(stranger).replace(
        "nieuw@example.org", "X"
    )


def test_signing_up_again_after_cancelling_is_a_new_sign_up(client, meetup, post_signup):
    post_signup(meetup)
    old = SignUp.objects.get()
    client.post(meetup.get_parent().url + f"afmelden/{old.cancel_token}/")
    post_signup(meetup)
    signup = SignUp.objects.get()
    assert signup.status == SignUp.Status.CONFIRMED
    assert signup.cancel_token != old.cancel_token
    assert client.get(meetup.get_parent().url + f"afmelden/{old.cancel_token}/").status_code == 404


def test_consent_is_required_and_errors_keep_what_was_typed(client, meetup, post_signup):
    response = post_signup(meetup, consent=None, name="Karel Appel", email="geen-adres")
    assert response.status_code == 400
    html = response.content.decode()
    assert not SignUp.objects.exists() and not mail.outbox
    assert 'class="error-summary"' in html
    assert 'href="#id_consent"' in html and 'href="#id_email"' in html
    assert "Vink aan dat u akkoord gaat met de privacyverklaring." in html
    assert 'value="Karel Appel"' in html and 'value="geen-adres"' in html
    email_input = re.search(r"<input[^>]+name=\"email\"[^>]*>", html).group(0)
    assert 'aria-invalid="true"' in email_input
    assert 'aria-describedby="id_email_error id_email_helptext"' in email_input
    assert 'id="id_email_error"' in html


def signup_form(html):
    form = html[html.rindex("<form", 0, html.index('class="signup-form"')) :]
    return form[: form.index("</form>") + len("</form>")]


def test_the_kept_sign_up_form_follows_the_places_the_privacy_statement_and_the_language(
    client, meetup, post_signup, locales, home
):
    # The empty form's HTML is kept under the content generation: what it shows must follow.
    form = signup_form(client.get(meetup.url).content.decode())
    assert "Lees de privacyverklaring" not in form and "Zet mij op de wachtlijst" not in form
    privacy = StandardPageFactory(parent=home, title="Privacyverklaring", slug="privacy")
    settings = SiteSettings.for_site(home.get_site())
    settings.privacy_page = privacy
    settings.save()
    form = signup_form(client.get(meetup.url).content.decode())
    assert '<a href="/privacy/">Lees de privacyverklaring</a>' in form

    post_signup(meetup, email="anna@example.org")
    post_signup(meetup, email="bram@example.org")  # the last of two places: a waiting list now
    form = signup_form(client.get(meetup.url).content.decode())
    assert "Zet mij op de wachtlijst" in form

    english = translate_meetup(meetup, locales)
    form = signup_form(client.get(english.url).content.decode())
    assert english_text("Velden met een * zijn verplicht.") in unescape(form)
    assert english_text("Zet mij op de wachtlijst") in unescape(form)


def test_a_sign_up_form_sent_back_shows_what_was_typed_and_the_next_visitor_an_empty_one(
    client, meetup, post_signup
):
    client.get(meetup.url)  # the empty form is kept
    response = post_signup(meetup, consent=None, name="Karel Appel")
    assert response.status_code == 400
    assert 'value="Karel Appel"' in signup_form(response.content.decode())
    form = signup_form(client.get(meetup.url).content.decode())
    assert "Karel Appel" not in form and 'aria-invalid="true"' not in form


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"status": MeetupPage.Status.CANCELLED}, "Deze meet-up gaat niet door."),
        ({"start": -3, "end": -1}, "Deze meet-up is geweest."),
        ({"registration_closes": -1}, "Aanmelden is gesloten."),
        ({"registration_opens": 5}, "Aanmelden kan vanaf"),
        ({"capacity": 0, "waiting_list": False}, "Aanmelden kan niet meer."),
    ],
)
def test_no_sign_up_when_it_is_not_possible(client, meetup, post_signup, changes, message):
    for field, value in changes.items():
        if type(value) is int and field != "capacity":
            value = timezone.now() + dt.timedelta(days=value)
        setattr(meetup, field, value)
    meetup.save()
    html = client.get(meetup.url).content.decode()
    assert message in html
    assert 'name="consent"' not in html
    response = post_signup(meetup)
    assert response.status_code == 409
    assert "Uw aanmelding is niet verwerkt" in response.content.decode()
    assert not SignUp.objects.exists() and not mail.outbox


def test_unlimited_meetup_never_fills(client, meetup, post_signup):
    meetup.capacity = None
    meetup.save()
    for number in range(5):
        post_signup(meetup, email=f"p{number}@example.org")
    assert SignUp.objects.filter(status="confirmed").count() == 5


def test_honeypot_stores_and_sends_nothing(client, meetup, post_signup):
    response = post_signup(meetup, website_url="http://spam.example")
    assert response.status_code == 200
    assert not SignUp.objects.exists() and not mail.outbox


def test_rate_limit_gives_a_readable_429_in_the_page_language(
    client, meetup, post_signup, settings, locales
):
    english = translate_meetup(meetup, locales)
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "signup": (2, 600)}
    post_signup(meetup, email="a@example.org")
    post_signup(meetup, email="b@example.org")
    blocked = post_signup(meetup, email="c@example.org", name="Carla")
    assert blocked.status_code == 429
    assert blocked["Retry-After"] == "600"
    html = blocked.content.decode()
    assert TOO_MANY in unescape(html) and 'value="Carla"' in html
    assert 'class="skip-link"' in html  # the site's layout
    english_blocked = post_signup(english, email="d@example.org")
    assert english_blocked.status_code == 429
    english_too_many = translation_of(
        TOO_MANY.replace("10 minuten", "%(minutes)s minuut"),
        TOO_MANY.replace("10 minuten", "%(minutes)s minuten"),
        10,
    ) % {"minutes": 10}
    assert english_too_many in unescape(english_blocked.content.decode())
    assert SignUp.objects.count() == 2


needs_redis = pytest.mark.skipif(not redis_reachable(), reason="needs Redis at 127.0.0.1:6379")


@pytest.fixture
def redis_cache(settings):
    """Production's cache (movement/settings/production.py) on a real Redis, under a prefix of
    its own (TEST_REDIS_DB, default 5); its keys are removed afterwards."""
    prefix = f"test-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:6379/{os.environ.get('TEST_REDIS_DB', 5)}",
            "KEY_PREFIX": prefix,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
    redis = cache.client.get_client(write=True)
    yield SimpleNamespace(redis=redis, prefix=prefix)
    if keys := redis.keys(f"{prefix}:*"):
        redis.delete(*keys)
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@needs_redis
def test_with_redis_the_rate_limit_counts_there_and_each_window_expires(
    meetup, post_signup, settings, redis_cache
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "signup": (2, 600)}
    statuses = [
        post_signup(meetup, email=f"p{n}@example.org", follow=False).status_code for n in range(3)
    ]
    assert statuses == [303, 303, 429]
    (key,) = redis_cache.redis.keys(f"{redis_cache.prefix}:*ratelimit:signup:*")
    assert int(redis_cache.redis.get(key)) == 3
    assert 600 < redis_cache.redis.ttl(key) <= 605


@needs_redis
def test_with_redis_a_sign_up_puts_the_places_in_the_kept_page_and_the_last_refreshes_it(
    client, meetup, post_signup, settings, redis_cache, monkeypatch
):
    settings.PAGE_CACHE_ENABLED = True
    monkeypatch.setattr(pagecache, "CLOCK_MARGIN", 0)  # one process, one clock
    SiteSettings.for_site(meetup.get_site())  # made by the first request on a new site
    assert client.get(meetup.url)["X-Page-Cache"] == "miss"
    assert client.get(meetup.url)["X-Page-Cache"] == "hit"
    post_signup(meetup, follow=False)
    page = client.get(meetup.url)  # kept, with the new number put in
    assert page["X-Page-Cache"] == "hit" and "Er is nog 1 plaats vrij." in page.content.decode()
    texts = redis_cache.redis.keys(f"{redis_cache.prefix}:*pagecache:hole:*")
    assert len(texts) == 2  # Dutch and English
    assert all(0 < redis_cache.redis.ttl(text) <= pagecache.TAG_TIMEOUT for text in texts)
    post_signup(meetup, email="laatste@example.org", follow=False)  # the last place
    page = client.get(meetup.url)  # rendered again: the form is for the waiting list now
    assert page["X-Page-Cache"] == "miss" and "wachtlijst" in page.content.decode()
    assert client.get(meetup.url)["X-Page-Cache"] == "hit"
    assert not redis_cache.redis.keys(f"{redis_cache.prefix}:*pagecache:hole:*")
    tag = f"{redis_cache.prefix}:*pagecache:tagstamp:meetup-places:{meetup.translation_key}"
    (stamp,) = redis_cache.redis.keys(tag)
    assert 0 < redis_cache.redis.ttl(stamp) <= pagecache.TAG_TIMEOUT


def test_signing_up_on_the_english_page_counts_on_the_dutch_meetup_and_mails_in_english(
    client, meetup, post_signup, locales
):
    english = translate_meetup(meetup, locales)
    response = post_signup(english, email="sam@example.org")
    assert response.status_code == 200
    assert english_text("Bedankt voor uw aanmelding") in unescape(response.content.decode())
    signup = SignUp.objects.get()
    assert signup.meetup_id == meetup.pk and signup.language == "en"
    (message,) = mail.outbox
    assert message.subject == english_text("Aangemeld: %(title)s") % {
        "title": "Meet-up at Het 8ste Werk"
    }
    assert "/en/" in cancel_link(message)
    places = translation_of("Er is nog %(n)s plaats vrij.", "Er zijn nog %(n)s plaatsen vrij.", 1)
    assert places % {"n": 1} in unescape(client.get(english.url).content.decode())
    assert "Er is nog 1 plaats vrij." in client.get(meetup.url).content.decode()


def test_meetup_page_has_event_json_ld(client, meetup):
    html = client.get(meetup.url).content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "Event"
    assert data["name"] == "Meet-up bij Het 8ste Werk"
    assert data["startDate"] == timezone.localtime(meetup.start).isoformat()
    assert data["endDate"] == timezone.localtime(meetup.end).isoformat()
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["address"]["postalCode"] == "8261 AA"
    assert data["offers"]["price"] == "0"
    assert data["organizer"]["name"] == "Radicale vernieuwing"
    assert "geheim" not in raw


def test_json_ld_cannot_be_broken_out_of(client, index):
    page = MeetupPageFactory(parent=index, title="</script><script>alert(1)</script>", slug="x")
    html = client.get(page.url).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block
    assert json.loads(block)["name"] == "</script><script>alert(1)</script>"


def test_online_meetup_is_a_virtual_location(client, index):
    page = MeetupPageFactory(
        parent=index,
        slug="online",
        venue_name="",
        address="",
        postcode="",
        city="",
        province="",
        online_url="https://meet.example.org/x",
        status=MeetupPage.Status.MOVED_ONLINE,
    )
    html = client.get(page.url).content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["location"]["@type"] == "VirtualLocation"
    assert data["eventStatus"] == "https://schema.org/EventMovedOnline"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"


def test_meetup_calendar_download(client, meetup):
    html = client.get(meetup.url).content.decode()
    assert f'href="{meetup.url}ical/"' in html
    response = client.get(meetup.url + "ical/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtend") == meetup.end
    assert calendar.walk("VTIMEZONE")
    assert "geheim" not in response.content.decode()

"""Factories for every content type; tests build exactly the content they need."""

import datetime as dt

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Locale

from events.models import MeetupIndexPage, MeetupPage, SignUp
from home.models import HomePage, StandardPage
from movement.models import Theme
from streams.models import (
    ArticleIndexPage,
    ArticlePage,
    ParticipantIndexPage,
    ParticipantPage,
    StreamIndexPage,
    StreamPage,
)


def dutch():
    return Locale.objects.get_or_create(language_code="nl")[0]


class ThemeFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")
    description = "Een thema om te testen."
    locale = factory.LazyFunction(dutch)

    class Meta:
        model = Theme


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Radicale vernieuwing"
    hero_title = "Zorg die weer over mensen gaat"
    hero_text = "Een open beweging."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Pagina {n}")
    intro = "Inleiding."

    class Meta:
        model = StandardPage


class StreamIndexPageFactory(wagtail_factories.PageFactory):
    title = "Stromen"
    slug = "stromen"
    show_in_menus = True

    class Meta:
        model = StreamIndexPage


class StreamPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Stroom {n}")
    intro = "Een stroom van de beweging."
    start_year = 2017

    class Meta:
        model = StreamPage


class ArticleIndexPageFactory(wagtail_factories.PageFactory):
    title = "Nieuws"
    slug = "nieuws"

    class Meta:
        model = ArticleIndexPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Artikel {n}")
    summary = "Een korte samenvatting."
    date = factory.LazyFunction(timezone.localdate)
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Tekst van het artikel.</p>")])

    class Meta:
        model = ArticlePage


class ParticipantIndexPageFactory(wagtail_factories.PageFactory):
    title = "Deelnemers"
    slug = "deelnemers"

    class Meta:
        model = ParticipantIndexPage


class ParticipantPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Organisatie {n}")
    city = "Kampen"
    province = "overijssel"

    class Meta:
        model = ParticipantPage


class MeetupIndexPageFactory(wagtail_factories.PageFactory):
    title = "Meet-ups"
    slug = "meet-ups"

    class Meta:
        model = MeetupIndexPage


class MeetupPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Meet-up {n}")
    summary = "Een middag met verhalen uit de praktijk."
    start = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=10))
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=3))
    venue_name = "Buurthuis De Kroon"
    address = "Dorpsstraat 1"
    postcode = "8261 AA"
    city = "Kampen"
    province = "overijssel"
    capacity = 10

    class Meta:
        model = MeetupPage


class SignUpFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Deelnemer {n}")
    email = factory.Sequence(lambda n: f"deelnemer{n}@example.org")
    role = SignUp.Role.CARE_WORKER
    status = SignUp.Status.CONFIRMED

    class Meta:
        model = SignUp


# --- Meet-ups (issue 5) ---


class MeetupSeriesFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Reeks {n}")
    slug = factory.Sequence(lambda n: f"reeks-{n}")
    locale = factory.LazyFunction(dutch)

    class Meta:
        model = "events.MeetupSeries"


def signup_form_data(**overrides):
    """What a visitor types into the sign-up form, valid unless overridden."""
    data = {
        "name": "Anna de Vries",
        "email": "anna@example.org",
        "organisation": "Zorgcoöperatie Austerlitz Zorgt",
        "role": "relative",
        "access_needs": "",
        "remarks": "",
        "consent": "on",
        "website_url": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}

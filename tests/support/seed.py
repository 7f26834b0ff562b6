"""Content for the benchmark and for the query-count tests: the same shapes at any size.

``Seeder(rng).structure()`` makes the Dutch and English home pages, sections and streams;
``grow(...)`` adds articles, meet-ups with sign-ups, participants, themes and keywords (in both
languages: every fifth item also gets an English translation). Pages are added with Wagtail's
``add_child`` (no revisions), sign-ups and keyword links with ``bulk_create``.

``Seeder(rng, search_words=True)`` is the search benchmark's variant (tests/bench/search_bench.py):
texts also carry what its queries look for (a rare word on every 97th item, "gemeenschappen" and
"gemeenschap" in Dutch, "communities" in English, city names), participants get a body, and
``add_named_themes(SEARCH_THEMES)`` makes the themes its filters name. By default none of that.
"""

import contextlib
import datetime as dt
import random

from django.test import override_settings
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Locale, Page, Site

from events.models import MeetupIndexPage, MeetupKeyword, MeetupPage, SignUp, new_cancel_token
from home.models import HomePage
from movement import search_index
from movement.models import Theme
from streams.models import (
    ArticleIndexPage,
    ArticleKeyword,
    ArticlePage,
    ParticipantIndexPage,
    ParticipantKeyword,
    ParticipantPage,
    StreamIndexPage,
    StreamPage,
)

WORDS = [
    "zorg",
    "bewoners",
    "mensen",
    "samen",
    "wijk",
    "dorp",
    "gemeente",
    "verpleeghuis",
    "thuis",
    "jeugd",
    "ggz",
    "onderwijs",
    "relatie",
    "regels",
    "vertrouwen",
    "ruimte",
    "medewerkers",
    "familie",
    "naasten",
    "cliënten",
    "bestuur",
    "toezicht",
    "kwaliteit",
    "leren",
    "verhalen",
    "praktijk",
    "beweging",
    "vernieuwing",
    "waarde",
    "aandacht",
    "gesprek",
    "kampvuur",
    "buurt",
    "coöperatie",
    "vrijwilligers",
    "mantelzorg",
    "zeggenschap",
    "regie",
    "gemeenschap",
]
WORDS_EN = [
    "care",
    "residents",
    "people",
    "together",
    "neighbourhood",
    "village",
    "municipality",
    "nursing",
    "home",
    "youth",
    "mental",
    "health",
    "education",
    "relationship",
    "rules",
    "trust",
    "room",
    "staff",
    "family",
    "clients",
    "board",
    "quality",
    "learning",
    "stories",
    "practice",
    "movement",
    "renewal",
    "value",
    "attention",
    "conversation",
    "community",
]
STREAMS = [
    ("Langdurige zorg", "langdurige-zorg", "Long-term care", "long-term-care"),
    ("Langdurige ggz", "langdurige-ggz", "Long-term mental health care", "mental-health"),
    ("Jeugd", "jeugd", "Youth", "youth"),
    ("Waarde-vol Onderwijs", "waarde-vol-onderwijs", "Care education", "care-education"),
]
CITIES = [
    ("Kampen", "overijssel"),
    ("Rotterdam", "zuid-holland"),
    ("Utrecht", "utrecht"),
    ("Zwolle", "overijssel"),
    ("Groningen", "groningen"),
    ("Tilburg", "noord-brabant"),
    ("Arnhem", "gelderland"),
]
SEARCH_THEMES = [  # (Dutch name, slug, English name): the themes search_bench's filters name
    ("Zorgzame gemeenschappen", "zorgzame-gemeenschappen", "Caring communities"),
    ("Organiseren en vernieuwen medezeggenschap", "medezeggenschap", "Participation"),
    ("Kwaliteit jeugdzorg", "kwaliteit-jeugdzorg", "Quality of youth care"),
    ("Van regels naar relaties", "regels-naar-relaties", "From rules to relationships"),
    ("Rekenschap geven", "rekenschap-geven", "Accountability"),
    ("Zie de mens", "zie-de-mens", "See the person"),
]
RARE_WORD = "woonleergemeenschap"  # in one item of every 97


def sentence(rng, words, length, extra=()):
    """``length`` words from ``words``, with the ``extra`` words put in at random places."""
    chosen = [rng.choice(words) for _ in range(length)]
    for word in extra:
        chosen.insert(rng.randrange(len(chosen) + 1), word)
    return " ".join(chosen).capitalize() + "."


@contextlib.contextmanager
def bulk_seeding():
    """Seed without updating the search index on every save (run ``update_index`` once after)
    and without enqueuing tasks."""
    no_tasks = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with search_index.updates_paused(), override_settings(TASKS=no_tasks):
        yield


class Seeder:
    def __init__(self, rng=None, search_words=False):
        self.rng = rng or random.Random(2017)
        self.search_words = search_words
        self.count = {"article": 0, "meetup": 0, "participant": 0, "theme": 0, "keyword": 0}

    # --- structure -------------------------------------------------------------------------

    def structure(self):
        self.nl = Locale.objects.get_or_create(language_code="nl")[0]
        self.en = Locale.objects.get_or_create(language_code="en")[0]
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=self.nl)
        )
        Page.objects.filter(depth=2).delete()  # Wagtail's welcome page
        root.refresh_from_db()
        self.home = self.add(
            root,
            HomePage(
                title="Radicale vernieuwing",
                hero_title="Zorg die weer over mensen gaat",
                hero_text="Een open beweging.",
                slug="start",
            ),
        )
        root.refresh_from_db()
        self.en_home = self.add(
            root,
            HomePage(
                title="Radical renewal",
                hero_title="Care about people again",
                slug="start-en",
                locale=self.en,
            ),
            original=self.home,
        )
        Site.objects.all().delete()
        Site.objects.create(
            hostname="localhost", port=80, root_page=self.home, is_default_site=True
        )
        self.sections = {}
        for locale, home in ((self.nl, self.home), (self.en, self.en_home)):
            english = locale == self.en
            original = self.sections.get(self.nl)
            index = self.add(
                home,
                StreamIndexPage(title="Streams" if english else "Stromen", slug="stromen"),
                original=original and original["stream_index"],
                show_in_menus=True,
            )
            streams = []
            for number, (name, slug, english_name, english_slug) in enumerate(STREAMS):
                streams.append(
                    self.stream(
                        index,
                        english_name if english else name,
                        english_slug if english else slug,
                        original=original and original["streams"][number],
                    )
                )
            self.sections[locale] = {
                "stream_index": index,
                "streams": streams,
                "news": self.add(
                    home,
                    ArticleIndexPage(title="News" if english else "Nieuws", slug="nieuws"),
                    original=original and original["news"],
                    show_in_menus=True,
                ),
                "participants": self.add(
                    home,
                    ParticipantIndexPage(
                        title="Participants" if english else "Deelnemers", slug="deelnemers"
                    ),
                    original=original and original["participants"],
                    show_in_menus=True,
                ),
                "meetups": self.add(
                    home,
                    MeetupIndexPage(title="Meet-ups", slug="meet-ups"),
                    original=original and original["meetups"],
                    show_in_menus=True,
                ),
            }
        self.themes, self.keywords = [], []
        return self

    def add(self, parent, page, original=None, **fields):
        for name, value in fields.items():
            setattr(page, name, value)
        if original is not None:
            page.translation_key = original.translation_key
        if not page.locale_id:
            page.locale = parent.locale
        page.first_published_at = page.last_published_at = timezone.now()
        parent.add_child(instance=page)
        return page

    def stream(self, index, title, slug, original=None):
        return self.add(
            index,
            StreamPage(title=title, slug=slug, intro=sentence(self.rng, WORDS, 20)),
            original=original,
        )

    # --- content ----------------------------------------------------------------------------

    def grow(self, articles=0, meetups=0, signups=0, participants=0, themes=0, keywords=0):
        """Add this much content (both languages) to the structure."""
        self.add_themes(themes)
        self.add_keywords(keywords)
        for _ in range(participants):
            self.add_participant()
        for _ in range(articles):
            self.add_article()
        new_meetups = [self.add_meetup() for _ in range(meetups)]
        self.add_signups(new_meetups, signups)
        return self

    def add_themes(self, count):
        for _ in range(count):
            number = self.count["theme"] + 1
            self.add_theme(
                f"Thema {number}: {sentence(self.rng, WORDS, 2)[:-1]}",
                f"thema-{number}",
                f"Theme {number}: {sentence(self.rng, WORDS_EN, 2)[:-1]}",
                f"theme-{number}",
            )

    def add_named_themes(self, themes):
        """Themes with these (Dutch name, slug, English name)s, e.g. ``SEARCH_THEMES``."""
        for name, slug, english_name in themes:
            self.add_theme(name, slug, english_name, slug)

    def add_theme(self, name, slug, english_name, english_slug):
        number = self.count["theme"] = self.count["theme"] + 1
        dutch = Theme.objects.create(name=name, slug=slug, locale=self.nl, sort_order=number)
        Theme.objects.create(
            name=english_name,
            slug=english_slug,
            locale=self.en,
            sort_order=number,
            translation_key=dutch.translation_key,
        )
        self.themes.append(dutch)
        return dutch

    def add_keywords(self, count):
        new = []
        for _ in range(count):
            number = self.count["keyword"] = self.count["keyword"] + 1
            new.append(Tag(name=f"trefwoord {number}", slug=f"trefwoord-{number}"))
        self.keywords.extend(Tag.objects.bulk_create(new))

    def pick(self, items, low, high):
        return self.rng.sample(items, min(len(items), self.rng.randint(low, high)))

    def link_keywords(self, through, page):
        tags = self.pick(self.keywords, 1, 3)
        through.objects.bulk_create(through(tag=tag, content_object=page) for tag in tags)

    def translated(self, number):
        return number % 5 == 1  # the first, sixth, ... item also exists in English

    def text(self, words, length, number, english=False):
        """A sentence; with ``search_words``, also the words the search benchmark asks for."""
        if not self.search_words:
            return sentence(self.rng, words, length)
        extra = [RARE_WORD] if number % 97 == 0 else []
        if english:
            extra.append("communities")
        else:
            extra.append("gemeenschappen" if number % 3 else "gemeenschap")
        if number % 7 == 0:
            extra.append(self.rng.choice(CITIES)[0])
        return sentence(self.rng, words, length, extra)

    def add_article(self):
        number = self.count["article"] = self.count["article"] + 1
        where = number % 5  # four streams and the news index
        themes = self.themes[:2] if number == 1 else self.pick(self.themes, 0, 2)
        kinds = [kind for kind, _label in ArticlePage.Kind.choices]
        date = timezone.localdate() - dt.timedelta(days=self.rng.randrange(2500))
        original = None
        for locale in (self.nl, self.en):
            english = locale == self.en
            if english and not self.translated(number):
                break
            section = self.sections[locale]
            parent = section["news"] if where == 4 else section["streams"][where]
            words = WORDS_EN if english else WORDS
            page = self.add(
                parent,
                ArticlePage(
                    title=f"{'Article' if english else 'Artikel'} {number}: "
                    + sentence(self.rng, words, 4)[:-1],
                    slug=f"artikel-{number}",
                    summary=sentence(self.rng, words, 25),
                    body=[
                        ("heading", {"text": sentence(self.rng, words, 4), "level": "h2"}),
                        ("paragraph", f"<p>{self.text(words, 120, number, english)}</p>"),
                        ("paragraph", f"<p>{sentence(self.rng, words, 80)}</p>"),
                    ],
                    date=date,
                    kind=kinds[number % len(kinds)],
                    authors="Redactie",
                    themes=themes,
                ),
                original=original,
            )
            self.link_keywords(ArticleKeyword, page)
            original = original or page
        return original

    def add_participant(self):
        number = self.count["participant"] = self.count["participant"] + 1
        city, province = CITIES[number % len(CITIES)]
        streams = self.sections[self.nl]["streams"]
        original = None
        for locale in (self.nl, self.en):
            if locale == self.en and not self.translated(number):
                break
            page = self.add(
                self.sections[locale]["participants"],
                ParticipantPage(
                    title=f"Zorgorganisatie {number}",
                    slug=f"deelnemer-{number}",
                    city=city,
                    province=province,
                    description=sentence(self.rng, WORDS, 40),
                    streams=[streams[number % 4]] + ([streams[0]] if number % 3 == 0 else []),
                    themes=self.pick(self.themes, 0, 2),
                    year_joined=2017 + number % 8,
                    body=[("paragraph", f"<p>{self.text(WORDS, 100, number)}</p>")]
                    if self.search_words
                    else [],
                ),
                original=original,
            )
            self.link_keywords(ParticipantKeyword, page)
            original = original or page
        self.participant = original
        return original

    def add_meetup(self):
        number = self.count["meetup"] = self.count["meetup"] + 1
        city, province = CITIES[number % len(CITIES)]
        # Half in the past, half to come; the first of each stream (numbers 1-4) is always to
        # come, so that every stream page shows its upcoming meet-ups however little is seeded.
        days = 10 if number == 1 else self.rng.randrange(-365, 365)
        if number <= 4:
            days = 10
        start = (timezone.now() + dt.timedelta(days=days)).replace(minute=0, second=0)
        streams = self.sections[self.nl]["streams"]
        host = getattr(self, "participant", None)
        original = None
        for locale in (self.nl, self.en):
            english = locale == self.en
            if english and not self.translated(number):
                break
            page = self.add(
                self.sections[locale]["meetups"],
                MeetupPage(
                    title=f"Meet-up {number} in {city}",
                    slug=f"meet-up-{number}",
                    summary=sentence(self.rng, WORDS_EN if english else WORDS, 20),
                    start=start,
                    end=start + dt.timedelta(hours=3),
                    venue_name="Buurthuis De Kroon",
                    address="Dorpsstraat 1",
                    postcode="8261 AA",
                    city=city,
                    province=province,
                    capacity=60,
                    host=host,
                    streams=[streams[number % 4]],
                    themes=self.themes[:2] if number == 1 else self.pick(self.themes, 0, 2),
                    programme=[("paragraph", f"<p>{self.text(WORDS, 60, number)}</p>")],
                ),
                original=original,
            )
            self.link_keywords(MeetupKeyword, page)
            original = original or page
        return original

    def add_signups(self, meetups, count):
        if not meetups or not count:
            return
        rows = []
        for number in range(count):
            meetup = meetups[number % len(meetups)]
            seat = number // len(meetups)
            status = SignUp.Status.CONFIRMED if seat < meetup.capacity else SignUp.Status.WAITING
            rows.append(
                SignUp(
                    meetup=meetup,
                    name=f"Deelnemer {meetup.pk}-{seat}",
                    email=f"deelnemer-{meetup.pk}-{seat}@example.org",
                    role=SignUp.Role.CARE_WORKER,
                    status=status,
                    cancel_token=new_cancel_token(),
                )
            )
        SignUp.objects.bulk_create(rows, batch_size=1000)


def page_urls(seeder):
    """The public page types and the URL that stands for each (Dutch)."""
    dutch = seeder.sections[seeder.nl]
    stream = dutch["streams"][0]
    meetup_stream = dutch["streams"][1]  # the first meet-up's stream
    article = ArticlePage.objects.get(locale=seeder.nl, slug="artikel-1")
    meetup = MeetupPage.objects.get(locale=seeder.nl, slug="meet-up-1")
    theme = seeder.themes[0]
    return {
        "home": "/",
        "stream": stream.url,
        "article": article.url,
        "article list": dutch["news"].url,
        "meet-up list, filtered": dutch["meetups"].url
        + f"?stroom={meetup_stream.slug}&vorm=in_person",
        "meet-up": meetup.url,
        "participant list": dutch["participants"].url,
        "theme page": f"/themas/{theme.slug}/",
        "search": "/zoeken/?q=zorg+gemeenschap&soort=artikel",
        "search, unfiltered": "/zoeken/?q=zorg+gemeenschap",
    }

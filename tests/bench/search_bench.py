"""Search latency on PostgreSQL with thousands of pages.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/radicale python -m tests.bench.search_bench

Seeds a SEPARATE database (the name from DATABASE_URL plus ``_search_bench``, or
BENCH_DATABASE_NAME) with at least --pages pages in Dutch and English, builds the search index
with ``update_index``, then times full requests to the search page (view, search, filters,
counts, template) and prints the median and 95th percentile per query and overall. The seeded
database is kept and reused on the next run; --reseed starts it again. The database named in
DATABASE_URL itself is never written to.
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
import warnings
from urllib.parse import urlsplit, urlunsplit

import django

QUERIES = [
    # (label, url, parameters)
    ("common word", "/zoeken/", {"q": "zorg"}),
    ("plural, stemmed", "/zoeken/", {"q": "gemeenschappen"}),
    ("two words", "/zoeken/", {"q": "zorgzame gemeenschappen"}),
    ("city", "/zoeken/", {"q": "Kampen"}),
    ("rare word", "/zoeken/", {"q": "woonleergemeenschap"}),
    ("nothing found", "/zoeken/", {"q": "xylofoonconcert"}),
    ("filtered, page 3", "/zoeken/", {"q": "zorg", "stroom": "jeugd", "pagina": "3"}),
    ("theme filter", "/zoeken/", {"q": "gemeenschap", "thema": "zorgzame-gemeenschappen"}),
    ("long query", "/zoeken/", {"q": " ".join(["zorg gemeenschap bewoners"] * 20)}),
    ("operators", "/zoeken/", {"q": "zorg & !jeugd | (x:*) \"'"}),
    ("English", "/en/search/", {"q": "communities"}),
    ("empty query", "/zoeken/", {"q": ""}),
]

WORDS_NL = [
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
    "verantwoording",
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
    "eigen",
    "regie",
]
WORDS_EN = [
    "care",
    "community",
    "communities",
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
]
CITIES = ["Kampen", "Rotterdam", "Austerlitz", "Utrecht", "Zwolle", "Groningen", "Tilburg"]
STREAMS = [
    ("Langdurige zorg", "langdurige-zorg", "Long-term care"),
    ("Langdurige ggz", "langdurige-ggz", "Long-term mental health care"),
    ("Jeugd", "jeugd", "Youth"),
    ("Waarde-vol Onderwijs", "waarde-vol-onderwijs", "Care education"),
]
THEMES = [
    ("Zorgzame gemeenschappen", "zorgzame-gemeenschappen", "Caring communities"),
    ("Organiseren en vernieuwen medezeggenschap", "medezeggenschap", "Participation"),
    ("Kwaliteit jeugdzorg", "kwaliteit-jeugdzorg", "Quality of youth care"),
    ("Van regels naar relaties", "regels-naar-relaties", "From rules to relationships"),
    ("Rekenschap geven", "rekenschap-geven", "Accountability"),
    ("Zie de mens", "zie-de-mens", "See the person"),
]


def bench_database_url(url):
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        sys.exit("The search benchmark needs PostgreSQL: set DATABASE_URL=postgres://…")
    name = os.environ.get("BENCH_DATABASE_NAME") or parts.path.lstrip("/") + "_search_bench"
    return urlunsplit(parts._replace(path="/" + name)), name, parts


def ensure_database(parts, name, fresh=False):
    import psycopg
    from psycopg import sql

    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if fresh:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            return True
    return False


# Django is configured here, before anything of it is imported: the benchmark's own database
# (never the one DATABASE_URL names), the test settings, persistent connections as in production.
URL, NAME, PARTS = bench_database_url(os.environ.get("DATABASE_URL", ""))
os.environ["DATABASE_URL"] = URL
os.environ["DJANGO_SETTINGS_MODULE"] = "movement.settings.test"
os.environ.setdefault("DB_CONN_MAX_AGE", "60")
warnings.filterwarnings("ignore", message="No directory at")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections, transaction  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.utils import timezone, translation  # noqa: E402
from wagtail.models import Locale, Page, Site  # noqa: E402

from events.models import MeetupIndexPage, MeetupPage  # noqa: E402
from home.models import HomePage  # noqa: E402
from movement.models import Theme  # noqa: E402
from search.engine import SiteSearch  # noqa: E402
from search.query import clean_query  # noqa: E402
from streams.models import (  # noqa: E402
    ArticleIndexPage,
    ArticlePage,
    ParticipantIndexPage,
    ParticipantPage,
    StreamIndexPage,
    StreamPage,
)


def text(rng, words, length, extra=()):
    chosen = [rng.choice(words) for _ in range(length)]
    for word in extra:
        chosen.insert(rng.randrange(len(chosen) + 1), word)
    return " ".join(chosen).capitalize() + "."


def seed(pages_wanted, rng):
    nl = Locale.objects.get_or_create(language_code="nl")[0]
    en = Locale.objects.get_or_create(language_code="en")[0]
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()  # Wagtail's welcome page
    root.refresh_from_db()

    def add(parent, page, translation_of=None):
        if translation_of is not None:
            page.translation_key = translation_of.translation_key
        if not page.locale_id:
            page.locale = parent.locale
        parent.add_child(instance=page)
        return page

    home = add(root, HomePage(title="Radicale vernieuwing", hero_title="Zorg", slug="start"))
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    en_home = home.copy_for_translation(en)
    en_home.save_revision().publish()
    en_home = en_home.specific

    themes = []
    for name, slug, english in THEMES:
        theme = Theme.objects.create(name=name, slug=slug, locale=nl)
        translation = theme.copy_for_translation(en)
        translation.name = english
        translation.save()
        themes.append(theme)

    def sections(home_page, english):
        locale = en if english else nl
        stream_index = add(
            home_page, StreamIndexPage(title="Stromen", slug="stromen", locale=locale)
        )
        streams = []
        for index, (name, slug, english_name) in enumerate(STREAMS):
            title = english_name if english else name
            page = StreamPage(
                title=title, slug=slug, intro=text(rng, WORDS_EN if english else WORDS_NL, 20)
            )
            original = dutch_streams[index] if english else None
            streams.append(add(stream_index, page, translation_of=original))
        news = add(home_page, ArticleIndexPage(title="Nieuws", slug="nieuws", locale=locale))
        people = add(
            home_page, ParticipantIndexPage(title="Deelnemers", slug="deelnemers", locale=locale)
        )
        meetups = add(home_page, MeetupIndexPage(title="Meet-ups", slug="meet-ups", locale=locale))
        return streams, news, people, meetups

    dutch_streams = []  # read by sections() for the English translations
    dutch_streams, news, people, meetup_index = sections(home, english=False)
    en_streams, en_news, en_people, en_meetups = sections(en_home, english=True)

    count = Page.objects.count()
    number = 0
    started = time.perf_counter()
    while count < pages_wanted:
        number += 1
        english = number % 5 == 0  # one page in five is English
        words = WORDS_EN if english else WORDS_NL
        streams = en_streams if english else dutch_streams
        rare = ["woonleergemeenschap"] if number % 97 == 0 else []
        plural = ["gemeenschappen" if number % 3 else "gemeenschap"] if not english else []
        kind = number % 10
        page_themes = rng.sample(themes, rng.randint(0, 2))
        page_streams = [rng.choice(dutch_streams)]
        body = [("paragraph", f"<p>{text(rng, words, 150, rare + plural)}</p>")]
        if kind < 7:
            parent = rng.choice(streams + [en_news if english else news])
            add(
                parent,
                ArticlePage(
                    title=text(rng, words, 5)[:-1],
                    summary=text(rng, words, 25),
                    body=body,
                    date=timezone.localdate() - dt.timedelta(days=rng.randrange(2000)),
                    themes=page_themes,
                ),
            )
        elif kind < 9:
            add(
                en_people if english else people,
                ParticipantPage(
                    title=f"Zorgorganisatie {number}",
                    city=rng.choice(CITIES),
                    province="overijssel",
                    description=text(rng, words, 40),
                    body=body,
                    streams=page_streams,
                    themes=page_themes,
                ),
            )
        else:
            start = timezone.now() + dt.timedelta(days=rng.randrange(-300, 300))
            add(
                en_meetups if english else meetup_index,
                MeetupPage(
                    title=f"Meet-up {number}",
                    summary=text(rng, words, 25),
                    start=start,
                    end=start + dt.timedelta(hours=3),
                    venue_name="Buurthuis De Kroon",
                    city=rng.choice(CITIES),
                    programme=body,
                    streams=page_streams,
                    themes=page_themes,
                ),
            )
        count += 1
        if number % 500 == 0:
            rate = number / (time.perf_counter() - started)
            print(f"  {count} pages ({rate:.0f} per second)", flush=True)
    return count


def count_results(path, params):
    """How many results the search page lists for these parameters (what it shows, not timed)."""
    query = clean_query(params.get("q", ""))
    if not query:
        return "–"
    with translation.override("en" if path.startswith("/en/") else "nl"):
        return SiteSearch(query, params).run().listing.objects.count()


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=5000, help="pages to seed (at least)")
    parser.add_argument("--rounds", type=int, default=30, help="timed requests per query")
    parser.add_argument(
        "--reseed", action="store_true", help="drop the seeded pages and seed again"
    )
    args = parser.parse_args()

    name, parts = NAME, PARTS
    created = ensure_database(parts, name, fresh=args.reseed)  # before the first query
    assert settings.DATABASES["default"]["NAME"] == name  # never the DATABASE_URL database
    print(f"Benchmark database: {name}{' (created)' if created else ''}")
    call_command("migrate", verbosity=0, interactive=False)

    if Page.objects.count() < args.pages and not (created or args.reseed):
        print("Too few pages: starting the benchmark database again.")
        connections.close_all()
        ensure_database(parts, name, fresh=True)
        call_command("migrate", verbosity=0, interactive=False)
    if Page.objects.count() < args.pages:
        print(f"Seeding {args.pages} pages…", flush=True)
        started = time.perf_counter()
        no_auto_update = {
            key: {**value, "AUTO_UPDATE": False}
            for key, value in settings.WAGTAILSEARCH_BACKENDS.items()
        }
        # Index once at the end (update_index), not on every save.
        no_tasks = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
        with (
            override_settings(WAGTAILSEARCH_BACKENDS=no_auto_update, TASKS=no_tasks),
            transaction.atomic(),
        ):
            total = seed(args.pages, random.Random(2017))
        print(f"  {total} pages in {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        call_command("update_index", verbosity=0)
        print(f"  update_index: {time.perf_counter() - started:.1f} s")
    with connections["default"].cursor() as cursor:
        cursor.execute("ANALYZE")  # planner statistics, as autovacuum keeps them in production
    pages = Page.objects.count()
    print(f"{pages} pages ({Page.objects.filter(locale__language_code='en').count()} English)\n")

    client = Client()
    samples = {label: [] for label, _url, _params in QUERIES}
    results = {}
    for label, path, params in QUERIES:  # warm up
        response = client.get(path, params)
        assert response.status_code == 200, (label, response.status_code)
        results[label] = count_results(path, params)
    for _round in range(args.rounds):
        for label, path, params in QUERIES:
            started = time.perf_counter()
            response = client.get(path, params)
            samples[label].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200

    print(f"{'query':<20} {'results':>8} {'median ms':>10} {'p95 ms':>8}")
    for label, _path, _params in QUERIES:
        times = samples[label]
        print(
            f"{label:<20} {results[label]!s:>8} {statistics.median(times):>10.1f}"
            f" {percentile(times, 0.95):>8.1f}"
        )
    everything = [t for times in samples.values() for t in times]
    print(
        f"{'all requests':<20} {'':>8} {statistics.median(everything):>10.1f}"
        f" {percentile(everything, 0.95):>8.1f}"
    )
    print(f"\n{len(everything)} requests, {args.rounds} per query, {pages} pages")


if __name__ == "__main__":
    main()

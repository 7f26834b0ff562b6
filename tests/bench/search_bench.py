"""Search latency on PostgreSQL with thousands of pages.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/radicale python -m tests.bench.search_bench

Seeds a SEPARATE database (the name from DATABASE_URL plus ``_search_bench``, or
BENCH_DATABASE_NAME) with at least --pages pages in Dutch and English, builds the search index
with ``update_index``, then times full requests to the search page (view, search, filters,
counts, template) and prints the SQL queries of one request and the median and 95th percentile
per query and overall. The seeded database is kept and reused on the next run; --reseed starts
it again. The database named in DATABASE_URL itself is never written to.
"""

import argparse
import os
import random
import statistics
import time
import warnings

import django

from tests.bench.database import database_name, ensure_database, require_postgresql, with_database

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

# Django is configured here, before anything of it is imported: the benchmark's own database
# (never the one DATABASE_URL names), the test settings, persistent connections as in production.
SOURCE_URL = os.environ.get("DATABASE_URL", "")
require_postgresql(
    SOURCE_URL, "The search benchmark needs PostgreSQL: set DATABASE_URL=postgres://…"
)
NAME = os.environ.get("BENCH_DATABASE_NAME") or database_name(SOURCE_URL) + "_search_bench"
URL = with_database(SOURCE_URL, NAME)
os.environ["DATABASE_URL"] = URL
os.environ["DJANGO_SETTINGS_MODULE"] = "movement.settings.test"
os.environ.setdefault("DB_CONN_MAX_AGE", "60")
warnings.filterwarnings("ignore", message="No directory at")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import translation  # noqa: E402
from wagtail.models import Page  # noqa: E402

from search.engine import SiteSearch  # noqa: E402
from search.query import clean_query  # noqa: E402
from tests.support.seed import SEARCH_THEMES, Seeder, bulk_seeding  # noqa: E402

BATCH = {"articles": 7, "participants": 2, "meetups": 1}  # the mix of page types


def seed(pages_wanted, rng):
    """The site's structure, the themes the queries name, then articles, participants and
    meet-ups (every fifth also in English) until there are ``pages_wanted`` pages."""
    seeder = Seeder(rng, search_words=True).structure()
    seeder.add_named_themes(SEARCH_THEMES)
    count = Page.objects.count()
    started = time.perf_counter()
    reported = count
    while count < pages_wanted:
        seeder.grow(**BATCH)
        count = Page.objects.count()
        if count - reported >= 500:
            reported = count
            rate = count / (time.perf_counter() - started)
            print(f"  {count} pages ({rate:.0f} per second)", flush=True)
    return count


def count_results(path, params):
    """How many results the search page lists for these parameters (what it shows, not timed)."""
    query = clean_query(params.get("q", ""))
    if not query:
        return "–"
    with translation.override("en" if path.startswith("/en/") else "nl"):
        return SiteSearch(query, params).run().count().listing.total


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

    created = ensure_database(URL, fresh=args.reseed)  # before the first query
    assert settings.DATABASES["default"]["NAME"] == NAME  # never the DATABASE_URL database
    print(f"Benchmark database: {NAME}{' (created)' if created else ''}")
    call_command("migrate", verbosity=0, interactive=False)

    if Page.objects.count() < args.pages and not (created or args.reseed):
        print("Too few pages: starting the benchmark database again.")
        connections.close_all()
        ensure_database(URL, fresh=True)
        call_command("migrate", verbosity=0, interactive=False)
    if Page.objects.count() < args.pages:
        print(f"Seeding {args.pages} pages…", flush=True)
        started = time.perf_counter()
        with bulk_seeding(), transaction.atomic():  # indexed once, below
            total = seed(args.pages, random.Random(2017))
        print(f"  {total} pages in {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        call_command("update_index", verbosity=0)
        print(f"  update_index: {time.perf_counter() - started:.1f} s")
    with connections["default"].cursor() as cursor:
        # Planner statistics and no dead rows, as autovacuum keeps them in production: seeding and
        # update_index leave two or three versions of every search index row, and a benchmark
        # machine may run without autovacuum.
        cursor.execute("VACUUM ANALYZE")
    pages = Page.objects.count()
    print(f"{pages} pages ({Page.objects.filter(locale__language_code='en').count()} English)\n")

    client = Client()
    samples = {label: [] for label, _url, _params in QUERIES}
    results, queries = {}, {}
    for label, path, params in QUERIES:  # warm up, then count the SQL queries of one request
        client.get(path, params)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, params)
        assert response.status_code == 200, (label, response.status_code)
        queries[label] = len(captured)
        results[label] = count_results(path, params)
    for _round in range(args.rounds):
        for label, path, params in QUERIES:
            started = time.perf_counter()
            response = client.get(path, params)
            samples[label].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200

    print(f"{'query':<20} {'results':>8} {'SQL':>4} {'median ms':>10} {'p95 ms':>8}")
    for label, _path, _params in QUERIES:
        times = samples[label]
        print(
            f"{label:<20} {results[label]!s:>8} {queries[label]:>4} {statistics.median(times):>10.1f}"
            f" {percentile(times, 0.95):>8.1f}"
        )
    everything = [t for times in samples.values() for t in times]
    print(
        f"{'all requests':<20} {'':>8} {'':>4} {statistics.median(everything):>10.1f}"
        f" {percentile(everything, 0.95):>8.1f}"
    )
    print(f"\n{len(everything)} requests, {args.rounds} per query, {pages} pages")


if __name__ == "__main__":
    main()

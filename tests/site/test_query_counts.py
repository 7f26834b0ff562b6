"""Every public page type runs the same number of SQL queries however much content there is, and
at most 12 (issue 15; search, which ranks and counts facets, is held to its own ceiling). The
benchmark, `make bench`, reports the same on a large dataset."""

import pytest

from tests.support.helpers import count_queries
from tests.support.seed import Seeder, page_urls

pytestmark = pytest.mark.django_db

SMALL = {"articles": 6, "meetups": 8, "signups": 40, "participants": 5, "themes": 3, "keywords": 8}
# Issue 15 allows 12 (search 16); the others are held to what they ask now (the route, and a
# meet-up's places where a page shows them), so a query that creeps back shows here.
LIMITS = {
    "home": 2,
    "stream": 2,
    "article": 2,
    "article list": 1,
    "meet-up list, filtered": 2,
    "meet-up": 2,
    "participant list": 1,
    "theme page": 0,
    "search": 16,
}
MORE = {
    "articles": 20,
    "meetups": 12,
    "signups": 300,
    "participants": 12,
    "themes": 4,
    "keywords": 20,
}


def test_every_page_type_runs_the_same_queries_with_more_content(client):
    seeder = Seeder().structure().grow(**SMALL)
    urls = page_urls(seeder)
    small = {name: count_queries(client, url) for name, url in urls.items()}
    seeder.grow(**MORE)
    large = {name: count_queries(client, url) for name, url in urls.items()}
    # Search fetches its results' specific pages with one query per page type among them, so its
    # count follows the mix of types on the page shown, not the amount of content.
    differ = {
        name: (small[name], large[name])
        for name in small
        if small[name] != large[name] and name != "search"
    }
    assert not differ, differ
    over = {
        name: n
        for counts in (small, large)
        for name, n in counts.items()
        if n > LIMITS.get(name, 12)
    }
    assert not over, (small, large)

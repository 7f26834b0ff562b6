"""Every public page type runs the same number of SQL queries however much content there is
(the benchmark, `make bench`, checks the same on a large dataset)."""

import pytest

from tests.support.helpers import count_queries
from tests.support.seed import Seeder, page_urls

pytestmark = pytest.mark.django_db

SMALL = {"articles": 6, "meetups": 8, "signups": 40, "participants": 5, "themes": 3, "keywords": 8}
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
    differ = {name: (small[name], large[name]) for name in small if small[name] != large[name]}
    assert not differ, differ
    assert max(small.values()) <= 40, small

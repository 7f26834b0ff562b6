"""The warm-up gunicorn runs before forking its workers (movement/warmup.py, gunicorn.conf.py)."""

import pytest
from django.template import engines

from movement import warmup


@pytest.mark.django_db
def test_the_warm_up_compiles_the_site_templates_and_asks_the_database_nothing(
    django_assert_num_queries,
):
    loader = engines["django"].engine.template_loaders[0]
    loader.reset()
    with django_assert_num_queries(0):  # a forked worker must not share the master's connection
        warmup.warm_up()
    compiled = {key.split(":")[0] for key in loader.get_template_cache}
    assert {"base.html", "events/meetup_page.html", "events/email/message.txt"} <= compiled

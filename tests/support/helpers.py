"""Helpers shared by the tests of every app (fixtures are in tests/conftest.py)."""

import datetime as dt
import socket

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone


def in_days(days, hour=14):
    """A whole hour, local time, `days` from today."""
    day = timezone.localtime() + dt.timedelta(days=days)
    return day.replace(hour=hour, minute=0, second=0, microsecond=0)


def count_queries(client, url):
    """The SQL queries of one GET of `url` (which must answer 200), after a first GET that warms
    what a running site has warm (per-site settings rows, content types, site root paths)."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def redis_reachable():
    """Is the local Redis (127.0.0.1:6379) up? Tests that need the real one skip without it."""
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True

"""The benchmarks' own PostgreSQL databases: named in a URL, made before Django first connects.

Used by tests/bench/run.py (`make bench`) and tests/bench/search_bench.py. Nothing here imports
Django, so the scripts can call it before ``django.setup()``.
"""

import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql


def require_postgresql(url, message):
    """Stop with ``message`` unless ``url`` points at PostgreSQL."""
    if not urlsplit(url).scheme.startswith("postgres"):
        sys.exit(message)


def database_name(url):
    return urlsplit(url).path.lstrip("/")


def with_database(url, name):
    """The same server and user, another database."""
    return urlunsplit(urlsplit(url)._replace(path="/" + name))


def ensure_database(url, fresh=False):
    """Create the database ``url`` names unless it exists (with ``fresh``, drop it first).

    Returns True when it was created now."""
    name = database_name(url)
    with psycopg.connect(with_database(url, "postgres"), autocommit=True) as conn:
        if fresh:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return False
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return True

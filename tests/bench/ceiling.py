"""The throughput ceiling: a minimal WSGI app that answers each benchmarked path with the bytes
the real page returned (read from BENCH_CEILING_FILE), under the same gunicorn settings."""

import json
import os
from pathlib import Path

PAGES = {
    path: (body.encode("utf-8"), content_type)
    for path, (body, content_type) in json.loads(
        Path(os.environ["BENCH_CEILING_FILE"]).read_text()
    ).items()
}
HEALTH = (b'{"status": "ok"}', "application/json")


def app(environ, start_response):
    path = environ.get("PATH_INFO", "/")
    if environ.get("QUERY_STRING"):
        path += "?" + environ["QUERY_STRING"]
    body, content_type = PAGES.get(path, HEALTH)
    start_response("200 OK", [("Content-Type", content_type), ("Content-Length", str(len(body)))])
    return [body]

"""Structured logs: one JSON object per line on stdout, for the platform's log collector."""

import json
import logging
from datetime import UTC, datetime

RESERVED = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "method"):
            entry["method"] = request.method
            entry["path"] = request.path
        for name, value in vars(record).items():
            if name not in RESERVED and name not in entry and name != "request":
                entry[name] = value if isinstance(value, int | float | bool | None) else str(value)
        return json.dumps(entry, ensure_ascii=False)

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


class OneLineWarning(logging.Filter):
    """For loggers of things that are the visitor's fault, not ours (a bad Host header): one
    line at WARNING, no traceback (settings.LOGGING)."""

    def filter(self, record):
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        if record.exc_info and record.exc_info[1] is not None:
            record.msg, record.args = "%s", (str(record.exc_info[1]).splitlines()[0],)
        record.exc_info = record.exc_text = None
        return True

"""Production behaviour on plain HTTP at 127.0.0.1: for the two-server test
(tests/test_two_servers.py) and the benchmark (make bench), never for a real deployment.

Everything else comes from the environment as in production (DATABASE_URL, REDIS_URL, ...)."""

import os

os.environ.setdefault("SECRET_KEY", "local-servers-only-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
os.environ.setdefault("STATIC_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage")

from .production import *  # noqa: E402

SESSION_COOKIE_SECURE = False  # plain HTTP on 127.0.0.1
CSRF_COOKIE_SECURE = False
WHITENOISE_USE_FINDERS = True  # no collectstatic needed
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
OUTBOX_DELIVERY_BACKEND = EMAIL_BACKEND
if limit := os.environ.get("EVENTS_SIGNUP_RATE_LIMIT"):  # "count,seconds"
    RATE_LIMITS = {**RATE_LIMITS, "signup": tuple(int(part) for part in limit.split(","))}  # noqa: F405
LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "WARNING")

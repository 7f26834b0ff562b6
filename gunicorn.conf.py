"""gunicorn settings, all from the environment: `gunicorn movement.wsgi:application`
(gunicorn reads this file from the working directory). See docs/deployment.md."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 30))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 5))
# Recycle workers now and then, so a slow leak never takes a server down.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 2000))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", 200))
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() in {"1", "true", "yes"}
# The load balancer's address(es): X-Forwarded-Proto from them is trusted (https detection).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Logs to stdout/stderr; the access log only when asked (the platform often has its own).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# Heartbeat files in memory, not on a possibly slow container disk.
worker_tmp_dir = os.environ.get("GUNICORN_WORKER_TMP_DIR") or (
    "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
)


# A worker's first requests would import the cache backend, build the URL resolvers and compile
# the templates (movement/warmup.py): done once in the master before it forks, when preloaded.
def when_ready(server):
    if preload_app:
        warm_up_the_site()


def post_worker_init(worker):
    if not preload_app:
        warm_up_the_site()


def warm_up_the_site():
    from django.apps import apps

    # Only when the app served is this site: the benchmark's ceiling (tests/bench/ceiling.py)
    # runs under these settings too, and never sets Django up.
    if apps.ready:
        from movement.warmup import warm_up

        warm_up()

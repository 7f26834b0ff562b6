"""gunicorn.conf.py serves this site and, under the same settings, other WSGI apps: the
benchmark's bare ceiling (tests/bench/ceiling.py) is a plain function that never sets Django up."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

HOOKS = """
import runpy
conf = runpy.run_path("gunicorn.conf.py")
conf["when_ready"](None)
conf["post_worker_init"](None)
print("ok")
"""


def test_the_hooks_leave_an_app_without_django_alone():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "movement.settings.test"}
    for preload in ("true", "false"):
        done = subprocess.run(
            [sys.executable, "-c", HOOKS],
            cwd=ROOT,
            env={**env, "GUNICORN_PRELOAD": preload},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]

# The web server image; the worker runs the same image with `python manage.py db_worker`.
# Not built in CI (no Docker there): see docs/deployment.md.
FROM python:3.11-slim AS base

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    PATH="/app/.venv/bin:$PATH" \
    DJANGO_SETTINGS_MODULE=movement.settings.production

# Pango and a font for WeasyPrint (article PDFs, streams/pdf.py).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir "uv==0.13.9" \
    && useradd --create-home --uid 1000 app
WORKDIR /app

# Dependencies first (cached layer), with the optional S3 extra.
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --extra s3 --no-install-project

COPY --chown=app:app . .
# collectstatic needs settings that import: throwaway values, only for this build step.
RUN SECRET_KEY=build-only ALLOWED_HOSTS=localhost DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    sh -c "python manage.py compile_translations && python manage.py collectstatic --noinput" \
    && rm -f /tmp/build.sqlite3 \
    && mkdir -p /app/media && chown app:app /app/media

USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz/', timeout=4).status != 200)"
CMD ["gunicorn", "movement.wsgi:application"]

"""Settings shared by every environment. Environment-specific files import * from here."""

import os
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

INSTALLED_APPS = [
    "movement",
    "movement.pagecache",
    "home",
    "streams",
    "events",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First: what it stores carries every other middleware's headers (movement/pagecache).
    "movement.pagecache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "movement.middleware.LoginRateLimitMiddleware",
    "movement.middleware.DocumentDownloadMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Django's check, answered by Origin / Sec-Fetch-Site first: forms on cached pages.
    "movement.pagecache.csrf.OriginCsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "movement.middleware.SecurityHeadersMiddleware",
    # Wagtail's RedirectMiddleware, except that a database outage leaves a 404 a 404.
    "movement.middleware.DatabaseSafeRedirectMiddleware",
    # A view that cannot reach the database answers the static 503 page (movement/errors.py).
    "movement.errors.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "movement.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "movement.wsgi.application"

# SQLite unless DATABASE_URL says otherwise (PostgreSQL with psycopg 3 in production).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Dutch first, English second.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# A translation made in the admin starts as a draft with the Dutch text: nothing is served under
# lang="en" until a translator publishes it.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "movement",
    }
}

# Mail goes out through background tasks; the database backend survives restarts and
# lets a worker (manage.py db_worker) retry what a failing mail server refused.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Radicale vernieuwing <noreply@radicalevernieuwing.nl>"
)

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Radicale vernieuwing"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Wagtail's database backend (search/backend.py): on PostgreSQL, full-text search with each page
# stemmed in its own language; on SQLite, FTS5 without stemming.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "search.backend",
        "SEARCH_CONFIG": "dutch",  # objects without a language: images, documents
        "LANGUAGE_SEARCH_CONFIGS": {"nl": "dutch", "en": "english"},
    }
}
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"webp": "webp"}
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "odt",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "xlsx",
    "zip",
    "mp3",
    "m4a",
    "ogg",
]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Every document is a download (Content-Disposition: attachment, with nosniff and a CSP from
# Wagtail's serve view); types a browser could run as a page of this site are sent as bytes.
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_CONTENT_TYPES = dict.fromkeys(
    ("htm", "html", "xhtml", "shtml", "svg", "svgz", "xml", "xsl", "js", "mjs", "swf"),
    "application/octet-stream",
)
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No third-party requests, the admin included: no avatars from Gravatar (they would leak
# editors' e-mail hashes); Wagtail shows its own default avatar or an uploaded one.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

TAGGIT_CASE_INSENSITIVE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "filters": {"one_line_warning": {"()": "movement.logs.OneLineWarning"}},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # A bad Host header is the client's doing: one line at WARNING, no traceback.
        "django.security.DisallowedHost": {"filters": ["one_line_warning"]},
    },
}

SERVE_MEDIA = False

# Caching (movement/pagecache): Cache-Control on public pages; the full-page cache for anonymous
# visitors is off unless a shared cache is configured (production: REDIS_URL).
PAGE_CACHE_ENABLED = False
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 300))
PAGE_CACHE_BROWSER_SECONDS = int(os.environ.get("PAGE_CACHE_BROWSER_SECONDS", 60))
PAGE_CACHE_CDN_SECONDS = 0  # s-maxage; production sets it when a CDN purge is configured
# Each web process may answer a page it fetched from the shared cache for this long without
# asking again (movement/pagecache/local.py): the staleness across servers. Production: 1 s.
PAGE_CACHE_LOCAL_SECONDS = 0
# The CSRF middleware is Django's, subclassed (movement/pagecache/csrf.py): the check that looks
# for Django's own class by name does not apply.
SILENCED_SYSTEM_CHECKS = ["security.W003"]

# Per IP, per scope: at most `count` POSTs per `seconds` (movement/spam.py; one 429 page).
RATE_LIMITS = {
    "admin-login": (10, 15 * 60),  # login and password reset of both admins
    "signup": (10, 10 * 60),  # meet-up sign-ups
    "join": (5, 60 * 60),  # applications to join a stream
    "reaction": (5, 10 * 60),  # reactions on articles
    "newsletter": (5, 60 * 60),  # newsletter sign-ups
}

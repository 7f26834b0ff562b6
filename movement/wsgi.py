import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "movement.settings.production")

django_application = get_wsgi_application()

# Page-cache hits are answered before Django's request handling (movement/pagecache/wsgi.py).
from movement.pagecache.wsgi import PageCacheApplication  # noqa: E402  (needs settings loaded)

application = PageCacheApplication(django_application)

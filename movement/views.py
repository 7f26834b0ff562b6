from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpResponse, HttpResponseNotFound, JsonResponse
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from movement.urls_public import absolute_url


@require_GET
@cache_control(max_age=60 * 60 * 24, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /zoeken/",
        "Disallow: /en/search/",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@never_cache
@require_GET
def healthz(request):
    """For the load balancer: 200 when this server can reach its database, else 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok"})


def page_not_found(request, exception=None):
    """The site's 404 page (in the page's language, with navigation); when the database is
    down, the same message from a static bilingual template instead of a 500."""
    try:
        body = loader.render_to_string("404.html", {"request_path": request.path}, request)
    except DatabaseError:
        body = loader.render_to_string("404_static.html")
    return HttpResponseNotFound(body)

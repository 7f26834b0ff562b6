from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import styleguide
from movement import themes, views
from movement.sitemap import TranslatedSitemap
from search import views as search_views
from streams import feeds, newsletter, reactions
from streams import views as streams_views

handler400 = "movement.errors.bad_request"
handler403 = "movement.errors.permission_denied"
handler404 = "movement.views.page_not_found"
handler500 = "movement.errors.server_error"

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": TranslatedSitemap}}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz/", views.healthz, name="healthz"),
]

if settings.SERVE_MEDIA:
    # Development and tests only; production serves media from a web server or S3.
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

# Dutch at /, English at /en/.
urlpatterns += i18n_patterns(
    path(_("zoeken/"), search_views.search, name="search"),
    path(_("themas/"), themes.theme_index, name="theme_index"),
    path(_("themas/<slug:slug>/"), themes.theme_detail, name="theme_detail"),
    path(_("stijlgids/"), styleguide.style_guide, name="style_guide"),
    path(_("trefwoorden/"), themes.keyword_index, name="keyword_index"),
    path(_("trefwoorden/<slug:slug>/"), themes.keyword_detail, name="keyword_detail"),
    path(_("artikel-pdf/<int:pk>/"), streams_views.article_pdf, name="article_pdf"),
    path(_("reactie/verwijderen/<str:token>/"), reactions.remove, name="reaction_remove"),
    path(_("nieuwsbrief/"), newsletter.signup, name="newsletter_signup"),
    path(_("nieuwsbrief/bevestigen/<str:token>/"), newsletter.confirm, name="newsletter_confirm"),
    path(
        _("nieuwsbrief/afmelden/<str:token>/"),
        newsletter.unsubscribe,
        name="newsletter_unsubscribe",
    ),
    path(_("rss/artikelen/"), feeds.all_articles, name="article_feed"),
    path(_("rss/artikelen/stroom/<slug:slug>/"), feeds.stream_articles, name="stream_article_feed"),
    path(_("rss/artikelen/thema/<slug:slug>/"), feeds.theme_articles, name="theme_article_feed"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

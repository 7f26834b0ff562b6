"""RSS 2.0 feeds of articles: all, per stream and per theme, in the active language.

Wired in movement/urls.py inside i18n_patterns, so /rss/ is Dutch and /en/rss/ English.
Links are absolute (see `absolute_url`), so feed readers can follow them anywhere."""

import datetime as dt

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.models import Locale

from movement import urls_public
from movement.models import Theme
from streams.models import ArticleIndexPage, ArticlePage, StreamPage

MAX_ITEMS = 50


def absolute_url(request, path_or_url):
    """An absolute URL on the public site (the one configured base URL)."""
    return urls_public.absolute_url(path_or_url)


class ArticleFeed(Feed):
    """All published articles of the active language, newest first."""

    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        self.locale = Locale.get_active()
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return None

    def articles(self, obj):
        return ArticlePage.listing(self.locale)

    def title(self, obj):
        return _("Radicale vernieuwing: artikelen")

    def description(self, obj):
        return _("Nieuwe verhalen, terugblikken en standpunten van de beweging.")

    def link(self, obj):
        index = ArticleIndexPage.objects.live().filter(locale=self.locale).first()
        return absolute_url(self.request, index.url if index else "/")

    def feed_url(self, obj):
        return absolute_url(self.request, self.request.path)

    def items(self, obj):
        return self.articles(obj)[:MAX_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return absolute_url(self.request, item.get_url(self.request))

    def item_guid(self, item):
        return self.item_link(item)

    def item_author_name(self, item):
        return item.authors or None

    def item_pubdate(self, item):
        return timezone.make_aware(dt.datetime.combine(item.date, dt.time(9, 0)))

    def item_updateddate(self, item):
        return item.last_published_at


class StreamArticleFeed(ArticleFeed):
    """The articles of one stream."""

    def get_object(self, request, slug):
        stream = StreamPage.objects.live().public().filter(locale=self.locale, slug=slug).first()
        if stream is None:
            raise Http404(_("Deze stroom bestaat niet."))
        return stream

    def articles(self, stream):
        return super().articles(stream).descendant_of(stream)

    def title(self, stream):
        return _("Radicale vernieuwing: artikelen over %(name)s") % {"name": stream.title}

    def description(self, stream):
        return stream.intro

    def link(self, stream):
        return absolute_url(self.request, stream.url)


class ThemeArticleFeed(ArticleFeed):
    """The articles on one theme."""

    def get_object(self, request, slug):
        theme = Theme.objects.filter(locale=self.locale, slug=slug).first()
        if theme is None:
            raise Http404(_("Dit thema bestaat niet."))
        return theme

    def articles(self, theme):
        return super().articles(theme).filter(themes__translation_key=theme.translation_key)

    def title(self, theme):
        return _("Radicale vernieuwing: artikelen over %(name)s") % {"name": theme.name}

    def description(self, theme):
        return theme.description or theme.name

    def link(self, theme):
        return absolute_url(self.request, reverse("theme_detail", args=[theme.slug]))


# A fresh feed object per request: the feed keeps the request and locale on itself.
def all_articles(request):
    return ArticleFeed()(request)


def stream_articles(request, slug):
    return StreamArticleFeed()(request, slug=slug)


def theme_articles(request, slug):
    return ThemeArticleFeed()(request, slug=slug)

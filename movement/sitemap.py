"""sitemap.xml with the pages of every language, each listing its translations as
xhtml:link alternates (plus x-default, the Dutch page)."""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page

from movement.urls_public import page_url


class TranslatedSitemap(Sitemap):
    def items(self):
        site = self.get_wagtail_site()
        roots = site.root_page.get_translations(inclusive=True).live()
        in_a_tree = Q()
        for root in roots:
            in_a_tree |= Q(path__startswith=root.path)
        return (
            Page.objects.live()
            .public()
            .filter(in_a_tree)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        codes = dict(Locale.objects.values_list("pk", "language_code"))
        entries = []
        translations = defaultdict(dict)
        for item in self.paginator.page(page).object_list:
            code = codes.get(item.locale_id, settings.LANGUAGE_CODE)
            for info in item.get_sitemap_urls(self.request):
                info["location"] = page_url(item)  # the one public base URL
                entries.append((item.translation_key, info))
                translations[item.translation_key].setdefault(code, info["location"])
        last_mods = set()
        urls = []
        for key, info in entries:
            versions = translations[key]
            alternates = [
                {"lang_code": code, "location": versions[code]}
                for code, _name in settings.LANGUAGES
                if code in versions
            ]
            if settings.LANGUAGE_CODE in versions:
                alternates.append(
                    {"lang_code": "x-default", "location": versions[settings.LANGUAGE_CODE]}
                )
            urls.append({**info, "alternates": alternates})
            last_mods.add(info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

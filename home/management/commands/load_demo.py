"""Load the demo content. Idempotent: what exists already is left alone."""

import datetime as dt

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from events.models import MeetupIndexPage, MeetupPage, MeetupSeries, SignUp
from home.demo import content
from home.demo.images import demo_image
from home.models import HomePage, StandardPage
from movement import search_index
from movement.models import SiteSettings, Theme
from streams.models import (
    ArticleIndexPage,
    ArticlePage,
    ParticipantIndexPage,
    ParticipantPage,
    Reaction,
    StreamIndexPage,
    StreamPage,
)


def publish(page):
    page.save_revision().publish()
    return page


def child(parent, model, slug, **fields):
    """The child of `parent` with this slug, created and published if it does not exist."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    return publish(page)


def translate(page, locale, **fields):
    """The page's translation in `locale`, created from the Dutch page if it does not exist."""
    existing = page.get_translation_or_none(locale)
    if existing:
        return existing.specific
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return publish(translation)


def paragraphs(*texts):
    return [("paragraph", "".join(f"<p>{text}</p>" for text in texts))]


class Command(BaseCommand):
    help = "Load the demo content (Dutch with English translations). Safe to run more than once."

    # Demo translations change their slug before their first publication: no redirects needed.
    @override_settings(WAGTAILREDIRECTS_AUTO_CREATE=False)
    @transaction.atomic
    def handle(self, *args, **options):
        with search_index.updates_paused():
            self.build()
        call_command("update_index", verbosity=0)  # every page once (and what was there before)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))

    def build(self):
        self.nl = Locale.objects.get_or_create(language_code="nl")[0]
        self.en = Locale.objects.get_or_create(language_code="en")[0]
        home = self.build_home()
        self.themes = self.build_themes()
        sections = self.build_sections(home)
        self.streams = self.build_streams(sections["streams"])
        self.participants = self.build_participants(sections["participants"])
        self.build_articles(sections["news"])
        self.build_reactions()
        self.build_meetups(sections["meetups"])
        for translation in (home, home.get_translation(self.en).specific):
            if translation.hero_cta_page_id is None:
                translation.hero_cta_page = sections["meetups"]
                publish(translation)
        self.build_standard_pages(home)

    def build_home(self):
        site = Site.objects.filter(is_default_site=True).first()
        home = HomePage.objects.filter(locale=self.nl).first()
        if home is None:
            root = Page.get_first_root_node() or Page.add_root(
                instance=Page(title="Root", slug="root", locale=self.nl)
            )
            nl = content.HOME["nl"]
            home = HomePage(
                title=nl["title"],
                slug="radicale-vernieuwing",
                hero_title=nl["hero_title"],
                hero_text=nl["hero_text"],
                hero_cta_label=nl["hero_cta_label"],
                hero_image_alt=nl["hero_image_alt"],
                hero_image=demo_image("Kleuren van de beweging", seed=1, hero=True),
                intro=[("paragraph", nl["intro"])],
                locale=self.nl,
            )
            root.add_child(instance=home)
            publish(home)
        if site is None:
            site = Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="Radicale vernieuwing",
            )
        elif site.root_page_id != home.pk:
            old_root = site.root_page
            site.root_page = home
            site.site_name = "Radicale vernieuwing"
            site.save()
            if old_root.specific_class is Page and old_root.depth == 2:
                old_root.delete()  # Wagtail's "Welcome" placeholder
        en = content.HOME["en"]
        translate(
            home,
            self.en,
            title=en["title"],
            hero_title=en["hero_title"],
            hero_text=en["hero_text"],
            hero_cta_label=en["hero_cta_label"],
            hero_image_alt=en["hero_image_alt"],
            intro=[("paragraph", en["intro"])],
        )
        return home

    def build_themes(self):
        themes = {}
        for order, (nl_name, nl_slug, en_name, en_slug, nl_desc, en_desc) in enumerate(
            content.THEMES
        ):
            theme, _ = Theme.objects.get_or_create(
                locale=self.nl,
                slug=nl_slug,
                defaults={"name": nl_name, "description": nl_desc, "sort_order": order},
            )
            if not theme.has_translation(self.en):
                english = theme.copy_for_translation(self.en)
                english.name, english.slug, english.description = en_name, en_slug, en_desc
                english.save()
            themes[nl_slug] = theme
        return themes

    def build_sections(self, home):
        models = {
            "streams": StreamIndexPage,
            "meetups": MeetupIndexPage,
            "participants": ParticipantIndexPage,
            "news": ArticleIndexPage,
        }
        sections = {}
        for key, model in models.items():
            nl_title, nl_slug, nl_intro = content.SECTIONS[key]["nl"]
            en_title, en_slug, en_intro = content.SECTIONS[key]["en"]
            page = child(home, model, nl_slug, title=nl_title, intro=nl_intro, show_in_menus=True)
            translate(page, self.en, title=en_title, slug=en_slug, intro=en_intro)
            sections[key] = page
        return sections

    def build_streams(self, index):
        streams = {}
        for number, data in enumerate(content.STREAMS, start=2):
            nl, en = data["nl"], data["en"]
            stream = index.get_children().filter(slug=nl["slug"]).first()
            if stream is None:
                stream = StreamPage(
                    slug=nl["slug"],
                    title=nl["title"],
                    intro=nl["intro"],
                    start_year=data["start_year"],
                    accent_colour=data["accent"],
                    icon=data["icon"],
                    image=demo_image(
                        f"Stroom {nl['title']}",
                        seed=number * 10,
                        accent=data["accent"],
                        icon=data["icon"],
                    ),
                    spearheads=[
                        ("spearhead", {"title": t, "description": d}) for t, d in nl["spearheads"]
                    ],
                    body=[("paragraph", nl["body"])],
                )
                stream.themes = [self.themes[slug] for slug in data["themes"]]
                stream.keywords.add(*data["keywords"])
                index.add_child(instance=stream)
                publish(stream)
            stream = stream.specific
            translate(
                stream,
                self.en,
                title=en["title"],
                slug=en["slug"],
                intro=en["intro"],
                spearheads=[
                    ("spearhead", {"title": t, "description": d}) for t, d in en["spearheads"]
                ],
                body=[("paragraph", en["body"])],
            )
            streams[data["key"]] = stream
        return streams

    def build_participants(self, index):
        participants = {}
        for number, (slug, name, city, province, streams, year, description, themes) in enumerate(
            content.PARTICIPANTS
        ):
            page = index.get_children().filter(slug=slug).first()
            if page is None:
                page = ParticipantPage(
                    slug=slug,
                    title=name,
                    city=city,
                    province=province,
                    year_joined=year,
                    description=description,
                    logo=demo_image(
                        f"Logo {name}", seed=100 + number, width=400, height=400, monogram=name
                    ),
                )
                page.streams = [self.streams[key] for key in streams]
                page.themes = [self.themes[key] for key in themes]
                index.add_child(instance=page)
                publish(page)
            page = page.specific
            if slug in content.PARTICIPANTS_EN:
                translate(page, self.en, description=content.PARTICIPANTS_EN[slug])
            participants[slug] = page
        return participants

    def build_articles(self, news_index):
        today = timezone.localdate()
        for number, (
            slug,
            stream_key,
            kind,
            days_ago,
            title,
            summary,
            texts,
            themes,
            keywords,
        ) in enumerate(content.ARTICLES):
            parent = self.streams[stream_key] if stream_key else news_index
            existing = parent.get_children().filter(slug=slug).first()
            if existing is not None:
                self.translate_article(existing.specific)
                continue
            article = ArticlePage(
                slug=slug,
                title=title,
                kind=kind,
                date=today - dt.timedelta(days=days_ago),
                summary=summary,
                authors="Redactie Radicale vernieuwing",
                body=paragraphs(*texts),
                image=demo_image(
                    f"Artikel {title}",
                    seed=200 + number,
                    accent=parent.accent_colour if stream_key else "red",
                    icon=parent.icon if stream_key else "people",
                ),
                image_alt="",
            )
            article.themes = [self.themes[key] for key in themes]
            article.participants = [
                self.participants[key] for key in content.ARTICLE_PARTICIPANTS.get(slug, [])
            ]
            article.keywords.add(*keywords)
            parent.add_child(instance=article)
            publish(article)
            self.translate_article(article)

    def build_reactions(self):
        now = timezone.now()
        for slug, reactions in content.REACTIONS.items():
            article = ArticlePage.objects.filter(slug=slug, locale=self.nl).first()
            if article is None or article.reactions.exists():
                continue
            published = dt.datetime.combine(article.date, dt.time(12), tzinfo=dt.UTC)
            for number, (name, days_after, text, approved) in enumerate(reactions):
                # A reaction still waiting is recent: older ones would be purged already.
                when = published + dt.timedelta(days=days_after) if approved else now
                reaction = Reaction.objects.create(
                    article=article,
                    name=name,
                    email=f"lezer{number + 1}.{slug[:20]}@example.org",
                    body=text,
                    status=Reaction.Status.APPROVED if approved else Reaction.Status.PENDING,
                )
                Reaction.objects.filter(pk=reaction.pk).update(
                    created_at=when, approved_at=when if approved else None
                )

    def translate_article(self, article):
        if article.slug not in content.ARTICLES_EN:
            return
        title, slug, summary, texts = content.ARTICLES_EN[article.slug]
        translate(
            article, self.en, title=title, slug=slug, summary=summary, body=paragraphs(*texts)
        )

    def build_meetups(self, index):
        series = {}
        for key, languages in content.SERIES.items():
            name, slug, description = languages["nl"]
            nl_series, _ = MeetupSeries.objects.get_or_create(
                locale=self.nl, slug=slug, defaults={"name": name, "description": description}
            )
            if not nl_series.has_translation(self.en):
                english = nl_series.copy_for_translation(self.en)
                english.name, english.slug, english.description = languages["en"]
                english.save()
            series[key] = nl_series
        start_of_today = timezone.localtime().replace(hour=14, minute=0, second=0, microsecond=0)
        for (
            slug,
            days,
            hours,
            host,
            streams,
            series_key,
            capacity,
            title,
            summary,
            venue,
            themes,
            report,
        ) in content.MEETUPS:
            existing = index.get_children().filter(slug=slug).first()
            if existing is not None:
                self.translate_meetup(existing.specific)
                continue
            start = start_of_today + dt.timedelta(days=days)
            meetup = MeetupPage(
                slug=slug,
                title=title,
                summary=summary,
                start=start,
                end=start + dt.timedelta(hours=hours),
                capacity=capacity,
                host=self.participants.get(host) if host else None,
                series=series.get(series_key),
                contact_email="meetups@radicalevernieuwing.example",
                programme=paragraphs(*content.MEETUP_PROGRAMME["nl"]),
            )
            if venue:
                meetup.venue_name, meetup.address, meetup.postcode, meetup.city, meetup.province = (
                    venue
                )
            else:
                meetup.online_url = "https://meet.example.org/radicale-vernieuwing"
            if report:
                meetup.report = ArticlePage.objects.filter(slug=report, locale=self.nl).first()
            meetup.streams = [self.streams[key] for key in streams]
            meetup.themes = [self.themes[key] for key in themes]
            index.add_child(instance=meetup)
            publish(meetup)
            self.translate_meetup(meetup)
            if capacity and capacity <= 4:
                self.fill_with_waiting_list(meetup, capacity)

    def translate_meetup(self, meetup):
        if meetup.slug not in content.MEETUPS_EN:
            return
        title, slug, summary = content.MEETUPS_EN[meetup.slug]
        translate(
            meetup,
            self.en,
            title=title,
            slug=slug,
            summary=summary,
            programme=paragraphs(*content.MEETUP_PROGRAMME["en"]),
        )

    def fill_with_waiting_list(self, meetup, capacity):
        for number in range(capacity + 2):
            SignUp.objects.create(
                meetup=meetup,
                name=f"Demo deelnemer {number + 1}",
                email=f"demo{number + 1}@example.invalid",
                role=SignUp.Role.CARE_WORKER,
                status=SignUp.Status.CONFIRMED if number < capacity else SignUp.Status.WAITING,
            )

    def build_standard_pages(self, home):
        pages = {}
        for key, languages in content.STANDARD_PAGES.items():
            nl, en = languages["nl"], languages["en"]
            page = child(
                home,
                StandardPage,
                nl["slug"],
                title=nl["title"],
                intro=nl["intro"],
                body=[("paragraph", nl["body"])],
                show_in_menus=key == "about",
            )
            translate(
                page,
                self.en,
                title=en["title"],
                slug=en["slug"],
                intro=en["intro"],
                body=[("paragraph", en["body"])],
            )
            pages[key] = page
        site = Site.objects.get(is_default_site=True)
        site_settings = SiteSettings.for_site(site)
        if site_settings.privacy_page_id is None:
            site_settings.privacy_page = pages["privacy"]
            site_settings.accessibility_page = pages["accessibility"]
            site_settings.contact_email = "info@radicalevernieuwing.example"
            site_settings.save()

"""Search facets counted in SQL equal a straightforward reference count (issue 15).

The reference takes every page the backend finds, looks at each page's kind, streams and themes
one by one in Python, and counts each option with the other filters applied. Runs on SQLite and,
with DATABASE_URL, on PostgreSQL. The search keeps which pages each option selects under the
content generation: the counts must follow publishing, moving and unpublishing at once."""

import itertools

import pytest
from wagtail.models import Locale, Page

from movement.kinds import registry
from search.backend import search_backend_for
from search.engine import OTHER_KIND, SiteSearch
from streams.models import ParticipantPage
from tests.conftest import publish
from tests.search.test_search import paragraph
from tests.support.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    MeetupIndexPageFactory,
    MeetupPageFactory,
    ParticipantIndexPageFactory,
    ParticipantPageFactory,
    StreamIndexPageFactory,
    StreamPageFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db
WORD = "buurtkracht"


@pytest.fixture
def dataset(home):
    """Every kind, in and out of streams, with zero, one or two themes; some without the word."""
    themes = [ThemeFactory(name=f"Thema {n}", slug=f"thema-{n}") for n in range(3)]
    index = StreamIndexPageFactory(parent=home, intro=f"Over {WORD}.")
    streams = [
        StreamPageFactory(parent=index, title=title, slug=slug, intro=f"{WORD} in {title}.")
        for title, slug in [("Langdurige zorg", "langdurige-zorg"), ("Jeugd", "jeugd")]
    ]
    news = ArticleIndexPageFactory(parent=home)
    participants = ParticipantIndexPageFactory(parent=home)
    meetups = MeetupIndexPageFactory(parent=home)
    pages = []
    for number in range(18):
        word = WORD if number % 5 else "iets anders"
        chosen = [themes[number % 3]] + ([themes[(number + 1) % 3]] if number % 4 == 0 else [])
        chosen = chosen if number % 6 else []
        stream = streams[number % 2]
        if number % 3 == 0:
            parent = stream if number % 2 else news
            page = ArticlePageFactory(
                parent=parent, title=f"Artikel {number}", body=paragraph(f"Over {word}.")
            )
        elif number % 3 == 1:
            page = ParticipantPageFactory(
                parent=participants, title=f"Deelnemer {number}", description=f"Over {word}."
            )
            page.streams.set([stream])
        else:
            page = MeetupPageFactory(
                parent=meetups, title=f"Meet-up {number}", summary=f"Over {word}."
            )
            page.streams.set(streams if number % 4 == 2 else [stream])
        page.themes.set(chosen)
        page.save_revision().publish()
        pages.append(page)
    return {"themes": themes, "streams": streams, "news": news}


def reference_counts(locale, selection, streams, themes):
    """Counts per option, page by page in Python, with the other filters applied."""
    backend = search_backend_for(locale.language_code)
    base = Page.objects.live().public().filter(locale=locale, depth__gt=1)
    found = [page.specific for page in backend.search(WORD, base)]
    kinds = {kind.content_type.pk: kind.slug for kind in registry}

    def describe(page):
        stream_keys = {s.translation_key for s in streams if page.path.startswith(s.path)}
        if hasattr(page, "streams"):
            stream_keys |= {s.translation_key for s in page.streams.all()}
        theme_keys = (
            {t.translation_key for t in page.themes.all()} if hasattr(page, "themes") else set()
        )
        return {
            "soort": {kinds.get(page.content_type_id, OTHER_KIND)},
            "stroom": {s.slug for s in streams if s.translation_key in stream_keys},
            "thema": {t.slug for t in themes if t.translation_key in theme_keys},
        }

    described = [describe(page) for page in found]
    counts = {}
    for name in ("soort", "stroom", "thema"):
        others = {key: value for key, value in selection.items() if key != name and value}
        for facts in described:
            if all(value in facts[key] for key, value in others.items()):
                for value in facts[name]:
                    counts[(name, value)] = counts.get((name, value), 0) + 1
    total = sum(1 for facts in described if all(v in facts[k] for k, v in selection.items() if v))
    return counts, total


SELECTIONS = [
    dict(zip(("soort", "stroom", "thema"), values, strict=True))
    for values in itertools.product(
        ["", "artikel", "meetup", "deelnemer"], ["", "jeugd"], ["", "thema-1"]
    )
]


def assert_counts_equal_the_reference(dataset, selections):
    locale = Locale.objects.get(language_code="nl")
    for selection in selections:
        search = SiteSearch(WORD, selection, locale).run()
        paginator, page = search.paginate()
        expected, total = reference_counts(locale, selection, dataset["streams"], dataset["themes"])
        counted = {
            (facet.param, option.value): option.count
            for facet in search.listing.facets
            for option in facet.options
            if option.count
        }
        assert counted == expected, selection
        assert paginator.count == total, selection
        assert len(page.object_list) == min(total, 10), selection
    return expected


def test_facet_counts_equal_a_reference_count(dataset):
    expected = assert_counts_equal_the_reference(dataset, SELECTIONS)
    assert expected  # the dataset gives counts to compare, not only zeros


def test_counts_follow_publishing_moving_and_unpublishing(dataset):
    selections = [
        {},
        {"stroom": "jeugd"},
        {"thema": "thema-2"},
        {"soort": "artikel", "stroom": "jeugd"},
    ]
    assert_counts_equal_the_reference(dataset, selections)  # and kept for what follows
    youth = dataset["streams"][1]
    article = ArticlePageFactory(
        parent=youth, title="Nieuw artikel", body=paragraph(f"Over {WORD} in de jeugdzorg.")
    )
    article.themes.set([dataset["themes"][2]])
    publish(article)
    assert_counts_equal_the_reference(dataset, selections)

    article.move(dataset["news"], pos="last-child")  # out of the stream
    assert_counts_equal_the_reference(dataset, selections)

    participant = ParticipantPage.objects.filter(streams=youth).first()
    participant.streams.set([])  # an editor unlinks it from its stream and publishes
    publish(participant)
    assert_counts_equal_the_reference(dataset, selections)

    article.unpublish()
    participant.unpublish()
    assert_counts_equal_the_reference(dataset, selections)


def test_only_the_page_shown_is_fetched(dataset):
    locale = Locale.objects.get(language_code="nl")
    search = SiteSearch(WORD, {"pagina": "2"}, locale).run()
    search.listing.per_page = 4
    paginator, page = search.paginate()
    assert paginator.count > 8 and len(page.object_list) == 4
    first = SiteSearch(WORD, {}, locale).run()
    first.listing.per_page = 4
    _paginator, first_page = first.paginate()
    shown = {result.pk for result in page.object_list}
    assert not shown & {result.pk for result in first_page.object_list}

"""The editors' side: roles, moderation, translation with wagtail-localize, settings, dashboard, redirects."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale, WorkflowState
from wagtail.test.utils import WagtailPageTestCase
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from events.models import MeetupPage
from home.models import HomePage, StandardPage
from movement import roles
from movement.models import FooterLink, SiteSettings, Theme
from streams.coordinators import coordinator_group_name
from streams.models import (
    ArticleIndexPage,
    ArticlePage,
    JoinApplication,
    ParticipantIndexPage,
    ParticipantPage,
    StreamPage,
)
from tests.conftest import translate
from tests.support.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    MeetupIndexPageFactory,
    MeetupPageFactory,
    ParticipantIndexPageFactory,
    ParticipantPageFactory,
    StandardPageFactory,
    StreamIndexPageFactory,
    StreamPageFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def member_of(*group_names, username="redacteur"):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", "geheim-wachtwoord"
    )
    for name in group_names:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def content(home, locales):
    streams = StreamIndexPageFactory(parent=home)
    stream = StreamPageFactory(parent=streams, title="Langdurige zorg", slug="langdurige-zorg")
    meetups = MeetupIndexPageFactory(parent=home)
    return {
        "home": home,
        "english_home": home.get_translation(locales["en"]),
        "streams": streams,
        "stream": stream,
        "article": ArticlePageFactory(parent=stream, title="Artikel in de stroom"),
        "meetups": meetups,
        "meetup": MeetupPageFactory(parent=meetups),
        "about": StandardPageFactory(parent=home, title="Over ons", slug="over"),
    }


def test_every_role_exists():
    for name in (
        roles.SITE_ADMINISTRATORS,
        roles.LOC_EDITORS,
        roles.TRANSLATORS,
        roles.MEETUP_ORGANISERS,
    ):
        assert Group.objects.filter(name=name).exists()


def test_loc_editors_publish_everything_but_never_see_personal_data(content):
    editor = member_of(roles.LOC_EDITORS)
    for page in (content["about"], content["article"], content["meetup"], content["english_home"]):
        assert page.permissions_for_user(editor).can_publish()
    assert editor.has_perm("movement.change_theme") and editor.has_perm("taggit.change_tag")
    assert not editor.has_perm("events.view_personal_data")


def test_translator_publishes_english_pages_but_not_dutch_ones(content):
    translator = member_of(roles.TRANSLATORS)
    assert translator.has_perm("wagtail_localize.submit_translation")
    assert not content["about"].permissions_for_user(translator).can_publish()
    assert not content["about"].permissions_for_user(translator).can_edit()
    assert content["english_home"].permissions_for_user(translator).can_publish()


def test_meetup_organisers_manage_meetups_and_see_signups(client, content):
    organiser = member_of(roles.MEETUP_ORGANISERS)
    assert content["meetup"].permissions_for_user(organiser).can_edit()
    assert content["meetups"].permissions_for_user(organiser).can_add_subpage()
    assert not content["meetup"].permissions_for_user(organiser).can_publish()
    assert not content["about"].permissions_for_user(organiser).can_edit()
    assert organiser.has_perm("events.view_personal_data")
    client.force_login(organiser)
    assert client.get("/admin/").status_code == 200


def test_a_coordinators_edit_goes_into_moderation_and_an_editor_approves_it(client, content):
    article = content["article"]
    coordinator = member_of(coordinator_group_name(content["stream"]), username="coordinator")
    editor = member_of(roles.LOC_EDITORS, username="loc")
    assert not article.permissions_for_user(coordinator).can_publish()

    client.force_login(coordinator)
    edit_page = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert roles.WORKFLOW_NAME in edit_page  # the editor offers "submit to Redactiecontrole"

    article.title = "Nieuwe titel van de coördinator"
    revision = article.save_revision(user=coordinator)
    workflow = article.get_workflow()
    assert workflow.name == roles.WORKFLOW_NAME
    state = workflow.start(article, coordinator)
    article.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert ArticlePage.objects.get(pk=article.pk).title == "Artikel in de stroom"  # not live yet

    task = state.current_task_state.task.specific
    assert [name for name, *_ in task.get_actions(article, coordinator)] == []
    assert "approve" in [name for name, *_ in task.get_actions(article, editor)]
    task.on_action(state.current_task_state, editor, "approve")
    article.refresh_from_db()
    assert article.live_revision_id == revision.pk
    assert ArticlePage.objects.get(pk=article.pk).title == "Nieuwe titel van de coördinator"


def _translate_with_localize(page, locale, translations):
    """What a translator does in wagtail-localize's editor: translate each segment and publish."""
    source, _ = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=locale)
    for dutch, english in translations.items():
        segment = StringSegment.objects.get(source=source, string__data=dutch)
        StringTranslation.objects.create(
            translation_of=segment.string, locale=locale, context=segment.context, data=english
        )
    translation.save_target(publish=True)
    return translation


def test_translating_a_stream_page_with_wagtail_localize_serves_it_under_en(
    client, content, locales, django_capture_on_commit_callbacks
):
    translate(content["streams"], locales["en"], title="Streams", slug="streams")
    stream = content["stream"]
    stream.intro = "Zorg waarin bewoners zelf meebeslissen."
    stream.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        _translate_with_localize(
            stream,
            locales["en"],
            {
                "Langdurige zorg": "Long-term care",
                "Zorg waarin bewoners zelf meebeslissen.": "Care in which residents decide.",
            },
        )
    english = StreamPage.objects.get(locale=locales["en"], translation_key=stream.translation_key)
    assert english.live and english.start_year == stream.start_year
    response = client.get(english.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html and "Care in which residents decide." in html

    # Synchronised fields follow the Dutch original when the translation is updated.
    stream.start_year = 2018
    stream.save_revision().publish()
    source = TranslationSource.objects.get(object_id=stream.translation_key)
    source.update_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        Translation.objects.get(source=source, target_locale=locales["en"]).save_target(
            publish=True
        )
    english.refresh_from_db()
    assert english.start_year == 2018


def test_a_theme_can_be_translated_with_wagtail_localize(locales):
    theme = ThemeFactory(
        name="Zorgzame gemeenschappen", slug="zorgzame-gemeenschappen", description="Buurten."
    )
    _translate_with_localize(
        theme,
        locales["en"],
        {"Zorgzame gemeenschappen": "Caring communities", "Buurten.": "Neighbourhoods."},
    )
    english = Theme.objects.get(locale=locales["en"], translation_key=theme.translation_key)
    assert english.name == "Caring communities"


def test_moving_a_page_keeps_its_old_url_working(client, content):
    about = content["about"]
    about.move(content["streams"], pos="last-child")
    response = client.get("/over/")
    assert response.status_code in (301, 302)
    assert response["Location"].endswith("/stromen/over/")


def test_footer_menu_comes_from_site_settings_and_updates_on_save(client, content):
    settings = SiteSettings.for_site(content["home"].get_site())
    html = client.get("/").content.decode()
    assert 'href="/over/"' not in html[html.index("<footer") :]
    FooterLink.objects.create(settings=settings, page=content["about"], sort_order=0)
    html = client.get("/").content.decode()
    assert 'href="/over/"' in html[html.index("<footer") :]


def test_main_menu_cache_is_invalidated_on_publish_and_unpublish(client, content):
    about = content["about"]
    about.show_in_menus = True
    about.save_revision().publish()
    assert ">Over ons<" in client.get("/").content.decode()
    about.unpublish()
    assert ">Over ons<" not in client.get("/").content.decode()


def test_dashboard_shows_meetups_applications_and_untranslated_pages(client, content):
    JoinApplication.objects.create(
        stream=content["stream"],
        organisation="Buurtteam De Brug",
        contact_name="Sanne",
        email="s@example.org",
        city="Tiel",
        motivation="Meedoen",
    )
    editor = member_of(roles.LOC_EDITORS)
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "Komende meet-ups" in html and content["meetup"].title in html
    assert "Buurtteam De Brug" in html
    assert "Nog niet vertaald" in html and "Over ons" in html


def test_admin_speaks_dutch_to_dutch_editors(client, content):
    client.force_login(member_of(roles.LOC_EDITORS))
    html = client.get("/admin/").content.decode()
    assert 'lang="nl"' in html


class TestEveryPageTypeIsEditableAndPreviewable(WagtailPageTestCase):
    """Every page type opens in the editor and renders as a draft preview."""

    def setUp(self):
        self.nl = Locale.objects.get_or_create(language_code="nl")[0]
        self.en = Locale.objects.get_or_create(language_code="en")[0]
        from wagtail.models import Page, Site

        root = Page.get_first_root_node()
        self.home = HomePage(title="Thuis", slug="thuis-test", hero_title="Zorg", locale=self.nl)
        root.add_child(instance=self.home)
        Site.objects.update(root_page=self.home)
        self.user = get_user_model().objects.create_superuser(
            "admin", "admin@example.org", "geheim-wachtwoord"
        )
        self.client.force_login(self.user)

    def test_every_page_type(self):
        streams = StreamIndexPageFactory(parent=self.home)
        stream = StreamPageFactory(parent=streams)
        news = ArticleIndexPageFactory(parent=self.home)
        participants = ParticipantIndexPageFactory(parent=self.home)
        meetups = MeetupIndexPageFactory(parent=self.home)
        pages = [
            self.home,
            StandardPageFactory(parent=self.home),
            streams,
            stream,
            ArticlePageFactory(parent=stream),
            news,
            participants,
            ParticipantPageFactory(parent=participants),
            meetups,
            MeetupPageFactory(parent=meetups),
        ]
        covered = {type(page.specific) for page in pages}
        assert covered == {
            HomePage,
            StandardPage,
            StreamPage,
            ArticlePage,
            ArticleIndexPage,
            ParticipantIndexPage,
            ParticipantPage,
            MeetupPage,
        } | {type(streams), type(meetups)}
        for page in pages:
            edit = self.client.get(f"/admin/pages/{page.pk}/edit/")
            self.assertEqual(edit.status_code, 200, type(page.specific).__name__)
            # "View draft" renders the page the way the preview panel does.
            draft = self.client.get(f"/admin/pages/{page.pk}/view_draft/")
            self.assertEqual(draft.status_code, 200, type(page.specific).__name__)

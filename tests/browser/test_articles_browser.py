"""An article in the browser: the listen button (browser speech synthesis) appears only where
the browser has a voice for the page's language and speaks when pressed; English pages and
an article with its tools pass axe-core and the Nu Html Checker."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from movement import roles
from streams.models import Reaction
from tests.browser.conftest import check_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTICLE = "/stromen/langdurige-zorg/van-overheid-naar-onderheid/"
ENGLISH_ARTICLE = "/en/streams/long-term-care/visiting-kampen/"

# A stand-in for the operating system's voices: headless Chromium has none. It records what
# the page asks to be spoken, so the test sees the real listen.js at work.
FAKE_VOICES = """
(() => {
  const voices = [{ lang: "nl-NL", name: "Test NL", default: true, localService: true, voiceURI: "nl" }];
  window.__spoken = [];
  window.__state = "idle";
  const synth = {
    getVoices: () => voices,
    speak: (u) => { window.__spoken.push(u.text); window.__state = "speaking"; },
    pause: () => { window.__state = "paused"; },
    resume: () => { window.__state = "speaking"; },
    cancel: () => { window.__state = "idle"; },
    addEventListener: () => {},
  };
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
})();
"""


@pytest.fixture
def demo(live_server):
    call_command("load_demo", verbosity=0)
    return live_server.url


def test_listen_button_is_absent_without_a_voice(page, demo):
    page.add_init_script(
        "Object.defineProperty(window, 'speechSynthesis', {value: {getVoices: () => [],"
        " addEventListener: () => {}}, configurable: true});"
    )
    page.goto(demo + ARTICLE)
    assert not page.get_by_role("button", name="Beluister artikel").is_visible()


def test_listen_button_reads_the_article_aloud_and_pauses_resumes_stops(page, demo):
    page.add_init_script(FAKE_VOICES)
    page.goto(demo + ARTICLE)
    listen = page.get_by_role("button", name="Beluister artikel")
    assert listen.is_visible()
    listen.focus()
    page.keyboard.press("Enter")
    spoken = page.evaluate("window.__spoken")
    assert spoken[0] == "Op bezoek in Kampen: van overheid naar onderheid"
    assert any("In Kampen wonen mensen" in text for text in spoken)
    assert not any("Doe, deel en denk mee" in text for text in spoken)
    page.get_by_role("button", name="Pauzeer").click()
    assert page.evaluate("window.__state") == "paused"
    page.get_by_role("button", name="Ga verder").click()
    assert page.evaluate("window.__state") == "speaking"
    page.get_by_role("button", name="Stop").click()
    assert page.evaluate("window.__state") == "idle"
    assert listen.is_visible()


def test_english_voice_only_for_english_pages(page, demo):
    page.add_init_script(FAKE_VOICES)  # a Dutch voice only
    page.goto(demo + ENGLISH_ARTICLE)
    assert not page.get_by_role("button", name="Listen to this article").is_visible()


def test_article_and_english_pages_pass_axe_and_nu(page, demo):
    page.add_init_script(FAKE_VOICES)
    for path in [
        ARTICLE,
        ENGLISH_ARTICLE,
        "/en/news/",
        "/en/participants/",
        "/en/participants/het-8ste-werk/",
        "/en/meet-ups/",
        "/deelnemers/",
        "/deelnemers/het-8ste-werk/",
        "/en/",
    ]:
        page.goto(demo + path)
        check_page(page)


PASSWORD = "een-lang-wachtwoord-voor-de-test"


def test_reader_reacts_with_the_keyboard_editor_approves_and_it_appears(browser, page, demo):
    page.goto(demo + ARTICLE)
    form = page.locator("form.reaction-form")
    form.locator("#id_name").focus()
    page.keyboard.type("Anna de Vries")
    page.keyboard.press("Tab")
    page.keyboard.type("anna@example.org")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_body"
    page.keyboard.type("Mooi om te lezen hoe bewoners hier zelf beslissen.")
    while page.evaluate("document.activeElement.id") != "id_consent":
        page.keyboard.press("Tab")  # past the link to the privacy statement
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    while page.evaluate("document.activeElement.type") != "submit":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?reactie=ontvangen#reacties$"))
    assert page.get_by_role("status").filter(has_text="Uw reactie is ontvangen").is_visible()
    assert "Mooi om te lezen hoe bewoners" not in page.locator(".reaction-list").all_inner_texts()
    check_page(page)

    roles.ensure_roles()
    editor = get_user_model().objects.create_user("redacteur", "loc@example.org", PASSWORD)
    editor.groups.add(Group.objects.get(name=roles.LOC_EDITORS))
    admin = browser.new_context(locale="nl-NL").new_page()
    admin.goto(demo + "/admin/login/")
    admin.fill("#id_username", "redacteur")
    admin.fill("#id_password", PASSWORD)
    admin.locator("form button[type=submit]").click()
    admin.wait_for_url(re.compile(r"/admin/$"))
    # The demo's own waiting reaction, and this one.
    assert "2 reacties wachten op beoordeling." in admin.content()
    reaction = Reaction.objects.get(name="Anna de Vries")
    admin.goto(f"{demo}/admin/snippets/streams/reaction/edit/{reaction.pk}/")
    admin.select_option("#id_status", "approved")
    admin.get_by_role("button", name=re.compile(r"^(Opslaan|Save)$")).click()
    admin.wait_for_url(re.compile(r"/admin/snippets/streams/reaction/(\?.*)?$"))
    admin.context.close()

    page.goto(demo + ARTICLE)
    reactions = page.locator(".reaction-list")
    assert "Mooi om te lezen hoe bewoners hier zelf beslissen." in reactions.inner_text()
    assert "Anna de Vries" in reactions.inner_text()
    check_page(page)


def test_newsletter_pages_pass_axe_and_nu(page, demo):
    for path in ["/nieuwsbrief/", "/en/newsletter/"]:
        page.goto(demo + path)
        check_page(page)
    page.goto(demo + "/nieuwsbrief/")
    page.get_by_role("button", name="Aanmelden").click()
    assert page.get_by_role("alert").is_visible()
    check_page(page)

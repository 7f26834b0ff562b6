"""Layout at every width (issue 13): every public page type, both languages and every form state, at
320, 375, 768 and 1280 px, with the demo's longest real titles. Per page and width: no sideways
scrolling, no element wider than the screen, targets of at least 24 x 24 px (or spaced, WCAG 2.2
2.5.8), body text of at least 18 px, no text clipped. A screenshot of each goes to
$LAYOUT_SCREENSHOT_DIR (default: a temporary directory) for a person to look at.

One browser and one tab: each page is loaded once and resized through the widths."""

import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.browser.conftest import check_page
from tests.support.factories import MeetupIndexPageFactory, MeetupPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [320, 375, 768, 1280]

# Public pages of the demo, Dutch and English. The longest real titles are among them: the
# participant "Woonleergemeenschap Het 8ste Werk", the meet-up "Meet-up bij Woonzorg Maasheuvel:
# wonen zonder gesloten deuren", the article "Zorgvrijstaat: buurtbewoners als eigenaar van zorg
# en welzijn", the stream "Long-term mental health care".
PAGES = [
    ("home", "/"),
    ("streams", "/stromen/"),
    ("stream", "/stromen/langdurige-zorg/"),
    ("article", "/stromen/langdurige-zorg/buurtbewoners-eigenaar/"),
    ("news", "/nieuws/"),
    ("meetups", "/meet-ups/"),
    ("meetups-filtered", "/meet-ups/?stroom=jeugd"),
    ("meetups-archive", "/meet-ups/archief/"),
    ("meetup-series", "/meet-ups/reeks/week-van-de-radicale-vernieuwing/"),
    ("meetup-longest-title", "/meet-ups/meet-up-maasheuvel/"),
    ("meetup-past", "/meet-ups/meet-up-het-8ste-werk/"),
    ("participants", "/deelnemers/"),
    ("participant-longest-title", "/deelnemers/het-8ste-werk/"),
    ("participant", "/deelnemers/zeeuwse-gronden/"),
    ("standard", "/over/"),
    ("themes", "/themas/"),
    ("theme", "/themas/zorgzame-gemeenschappen/"),
    ("keywords", "/trefwoorden/"),
    ("keyword", "/trefwoorden/samenleving/"),
    ("search", "/zoeken/?q=zorg"),
    ("style-guide", "/stijlgids/"),
    ("not-found", "/bestaat-niet/"),
    ("en-home", "/en/"),
    ("en-streams", "/en/streams/"),
    ("en-stream-longest-title", "/en/streams/long-term-mental-health-care/"),
    ("en-meetups", "/en/meet-ups/"),
    ("en-participants", "/en/participants/"),
    ("en-news", "/en/news/"),
    ("en-standard", "/en/about/"),
    ("en-search", "/en/search/?q=care"),
    ("en-style-guide", "/en/style-guide/"),
]

# Everything the checks measure, in the page: a list of problems, empty when the layout is right.
LAYOUT_PROBLEMS = r"""
() => {
  const problems = [];
  const vw = window.innerWidth;
  const hidden = (el) => el.closest('.visually-hidden, .honeypot, [hidden], template, noscript, .skip-link');
  const visible = (el) => {
    if (hidden(el)) return false;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') return false;
    const r = el.getBoundingClientRect();
    // 1 x 1 px boxes are text for screen readers only (the visually-hidden pattern).
    return r.width > 1 && r.height > 1;
  };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '') +
    ' "' + (el.innerText || el.value || '').trim().slice(0, 40) + '"';

  // 1. No sideways scrolling.
  const scrollWidth = document.documentElement.scrollWidth;
  if (scrollWidth > vw) problems.push(`page is ${scrollWidth} px wide at ${vw} px`);

  const all = [...document.body.querySelectorAll('*')].filter(visible);
  for (const el of all) {
    const r = el.getBoundingClientRect();
    // 2. No element wider than the viewport or sticking out of it.
    if (r.width > vw + 0.5 || r.right > vw + 0.5 || r.left < -0.5) {
      problems.push(`${name(el)} spans ${Math.round(r.left)}..${Math.round(r.right)} px`);
    }
    // 4. Body text of at least 18 px: every element that holds text itself.
    const ownText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (ownText && !['OPTION', 'SCRIPT', 'STYLE'].includes(el.tagName)) {
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < 17.95) problems.push(`${name(el)} has ${size} px text`);
    }
    // 5. No text clipped out of its box.
    const style = getComputedStyle(el);
    const clips = ['hidden', 'clip'].includes(style.overflowX) || ['hidden', 'clip'].includes(style.overflowY);
    if (clips && el.innerText && el.innerText.trim() && !['IMG', 'VIDEO', 'IFRAME', 'PICTURE'].includes(el.tagName)) {
      if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) {
        problems.push(`${name(el)} clips its text (${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight})`);
      }
    }
    if (style.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1) {
      problems.push(`${name(el)} cuts its text off with an ellipsis`);
    }
  }

  // 3. Targets: at least 24 x 24 px, or a link inside a sentence, or spaced so that a 24 px circle
  //    on its centre touches no other target (WCAG 2.2, 2.5.8).
  const targets = [...document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])'
  )].filter(visible).map((el) => ({ el, r: el.getBoundingClientRect() }));
  const inSentence = (el) => {
    if (el.tagName !== 'A' || getComputedStyle(el).display !== 'inline') return false;
    const block = el.parentElement.closest('p, li, dd, td, th, figcaption, blockquote, label, div, span');
    if (!block) return false;
    return block.innerText.replace(/\s+/g, ' ').trim().length > el.innerText.replace(/\s+/g, ' ').trim().length + 2;
  };
  const small = targets.filter(({ r }) => r.width < 23.95 || r.height < 23.95);
  const distance = (x, y, r) => Math.hypot(Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom));
  for (const target of small) {
    if (inSentence(target.el)) continue;
    const x = target.r.left + target.r.width / 2;
    const y = target.r.top + target.r.height / 2;
    for (const other of targets) {
      if (other.el === target.el || other.el.contains(target.el) || target.el.contains(other.el)) continue;
      const otherSmall = other.r.width < 23.95 || other.r.height < 23.95;
      const tooClose = otherSmall
        ? Math.hypot(x - (other.r.left + other.r.width / 2), y - (other.r.top + other.r.height / 2)) < 24
        : distance(x, y, other.r) < 12;
      if (tooClose) {
        problems.push(`${name(target.el)} is ${Math.round(target.r.width)}x${Math.round(target.r.height)} px and too close to ${name(other.el)}`);
        break;
      }
    }
  }
  return problems;
}
"""


def shot_dir(tmp_path_factory):
    configured = os.environ.get("LAYOUT_SCREENSHOT_DIR")
    if configured:
        path = Path(configured)
        path.mkdir(parents=True, exist_ok=True)
        return path
    return tmp_path_factory.mktemp("layout-screenshots")


class Layout:
    """Resizes the one tab through the widths, collects problems and saves screenshots."""

    def __init__(self, page, directory):
        self.page = page
        self.directory = directory
        self.problems = []

    def check(self, label):
        for width in WIDTHS:
            self.page.set_viewport_size({"width": width, "height": 800})
            for problem in self.page.evaluate(LAYOUT_PROBLEMS):
                self.problems.append(f"{label} @ {width}px: {problem}")
            self.page.screenshot(
                path=self.directory / f"{label}-{width}.jpg",
                full_page=True,
                type="jpeg",
                quality=60,
            )

    def assert_clean(self):
        assert not self.problems, f"{len(self.problems)} layout problems:\n" + "\n".join(
            self.problems[:80]
        )


@pytest.fixture
def demo(live_server):
    call_command("load_demo", verbosity=0)
    return live_server.url


def fill_signup(page, email):
    form = page.locator("form.signup-form")
    form.get_by_label("Naam").fill("Wilhelmina van Oosterhout-Brinkman")
    form.get_by_label("E-mailadres").fill(email)
    form.get_by_label("Ik kom als").select_option(index=1)
    form.get_by_label(re.compile("Ik ga akkoord")).check()


def test_every_page_type_fits_every_width(page, demo, tmp_path_factory):
    layout = Layout(page, shot_dir(tmp_path_factory))
    page.set_default_timeout(20_000)
    for label, path in PAGES:
        response = page.goto(demo + path, wait_until="load")
        expected = 404 if label == "not-found" else 200
        assert response.status == expected, f"{path} answered {response.status}"
        page.evaluate(
            "document.querySelectorAll('img[loading=lazy]').forEach((i) => i.loading = 'eager')"
        )
        page.wait_for_load_state("networkidle")
        layout.check(label)

    # The meet-up sign-up form: empty (above), with errors, and the confirmation.
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(demo + "/meet-ups/meet-up-maasheuvel/")
    page.locator("form.signup-form").get_by_role("button").click()
    page.wait_for_selector(".error-summary")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    layout.check("meetup-form-errors")
    page.set_viewport_size({"width": 375, "height": 800})
    fill_signup(page, "wilhelmina@example.org")
    page.locator("form.signup-form").get_by_role("button").click()
    page.wait_for_selector("text=Bedankt voor uw aanmelding")
    layout.check("meetup-form-confirmation")

    # The join form on a stream page: with errors, then the confirmation.
    page.goto(demo + "/stromen/jeugd/")
    page.locator("form.join-form").get_by_role("button").click()
    page.wait_for_selector(".error-summary")
    assert page.evaluate("document.activeElement.id") == "join-error-summary"
    layout.check("join-form-errors")
    form = page.locator("form.join-form")
    form.get_by_label("Naam van uw organisatie").fill("Stichting Jeugdhulpverleningsnetwerk")
    form.get_by_label("Uw naam").fill("Sanne Bakker")
    form.get_by_label("Uw e-mailadres").fill("sanne@example.org")
    form.get_by_label("Plaats").fill("Tiel")
    form.get_by_label("Waarom wilt u meedoen?").fill("Eén plan per gezin.")
    form.get_by_label(re.compile("Ik geef toestemming")).check()
    form.get_by_role("button").click()
    page.wait_for_url(re.compile(r"aangemeld=1"))
    layout.check("join-form-confirmation")

    layout.assert_clean()

    # axe-core and the Nu checker stay at zero on the pages this design added or rebuilt.
    page.set_viewport_size({"width": 375, "height": 800})
    for path in [
        "/stijlgids/",
        "/meet-ups/meet-up-maasheuvel/",
    ]:
        page.goto(demo + path)
        check_page(page)


def test_phone_menu_opens_with_and_without_javascript(browser, live_server, home):
    for javascript in (True, False):
        context = browser.new_context(
            viewport={"width": 375, "height": 800},
            java_script_enabled=javascript,
            bypass_csp=True,
        )
        page = context.new_page()
        page.goto(live_server.url + "/")
        menu = page.locator("#site-menu")
        assert not menu.is_visible()
        header = page.locator(".site-header").bounding_box()
        assert header["height"] < 100, "the phone header takes a small part of the first screen"
        search = page.get_by_role("link", name="Zoek")
        assert search.is_visible()
        if javascript:
            button = page.get_by_role("button", name="Menu")
            assert button.get_attribute("aria-expanded") == "false"
            button.click()
            assert button.get_attribute("aria-expanded") == "true"
            assert menu.is_visible()
            page.keyboard.press("Escape")
            assert not menu.is_visible()
            assert page.evaluate("document.activeElement.classList.contains('menu-button')")
        else:
            page.get_by_role("link", name="Menu").click()
            assert menu.is_visible()
            assert page.get_by_role("navigation", name="Hoofdmenu").is_visible()
        context.close()


@pytest.fixture
def open_meetup(home):
    index = MeetupIndexPageFactory(parent=home, title="Meet-ups", slug="meet-ups")
    return MeetupPageFactory(parent=index, title="Kampvuurgesprek", slug="kampvuur", capacity=5)


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_failed_signup_puts_focus_on_the_error_summary(
    browser, live_server, open_meetup, javascript
):
    context = browser.new_context(
        viewport={"width": 375, "height": 800},
        java_script_enabled=javascript,
        bypass_csp=True,
    )
    page = context.new_page()
    page.goto(live_server.url + "/meet-ups/kampvuur/")
    first_screen = page.evaluate(
        "[...document.querySelectorAll('.meetup-facts dt, .meetup-actions a')]"
        ".filter((e) => e.getBoundingClientRect().bottom <= innerHeight).map((e) => e.innerText)"
    )
    assert {"Wanneer", "Waar", "Plaatsen", "Meld u aan"} <= set(first_screen)
    form = page.locator("form.signup-form")
    form.get_by_label("Naam").fill("Sanne de Boer")
    with page.expect_response(lambda r: r.request.method == "POST") as response:
        form.get_by_role("button", name="Aanmelden").click()
    assert response.value.status == 400
    page.wait_for_selector(".error-summary")
    focused = page.evaluate("document.activeElement.id")
    assert focused == "error-summary"
    assert page.locator(".error-summary").is_visible()
    assert "#" not in page.url, "the form posts without a fragment, so autofocus works"
    # Following an error link shows the field with its label in view.
    page.locator(".error-summary a").filter(has_text="E-mailadres").click()
    label = page.locator("label[for=id_email]").bounding_box()
    field = page.locator("#id_email").bounding_box()
    assert label["y"] >= 0 and field["y"] + field["height"] <= 800
    if javascript:
        assert page.evaluate("document.activeElement.id") == "id_email"
        check_page(page)
    context.close()

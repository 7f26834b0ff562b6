"""No third-party requests, the admin included (issue 12): a crawl of the admin's main pages by
an editor with an e-mail address (what Gravatar would look up) asks nothing of any host but
the site's own. Every request is intercepted; outside ones are recorded and aborted."""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "een-lang-wachtwoord-voor-de-test"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
ADMIN_PAGES = [
    "/admin/",
    "/admin/pages/",
    "/admin/pages/{home}/",
    "/admin/pages/{home}/edit/",
    "/admin/images/",
    "/admin/documents/",
    "/admin/snippets/",
    "/admin/users/",
    "/admin/groups/",
    "/admin/account/",
    "/admin/reports/site-history/",
    "/admin/settings/movement/sitesettings/",
]


def test_admin_pages_request_nothing_outside_the_site(browser, live_server, home):
    get_user_model().objects.create_superuser("redactie", "redactie@example.org", PASSWORD)
    context = browser.new_context(locale="nl-NL")
    outside = []

    def intercept(route):
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob") or parts.hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", intercept)
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "redactie")
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    for path in ADMIN_PAGES:
        response = page.goto(live_server.url + path.format(home=home.pk))
        assert response.status < 400, (path, response.status)
        page.wait_for_load_state("networkidle")
    context.close()
    assert outside == []

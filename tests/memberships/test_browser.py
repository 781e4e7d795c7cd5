"""Joining and signing in with a real browser, which sends headers the test client does not."""

import re
import shutil

import pytest
from django.core import mail

from memberships.models import Membership

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def page(monkeypatch):
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright runs an event loop in this thread; the ORM calls in the test are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_api.sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        except Exception as error:  # no browser on this machine
            pytest.skip(f"No headless Chromium available: {error}")
        page = browser.new_page(viewport={"width": 390, "height": 900})
        page.set_default_timeout(10_000)
        yield page
        browser.close()


def test_reader_joins_pays_in_test_checkout_and_signs_in_from_the_emailed_link(
    page, live_server, settings
):
    settings.SITE_URL = live_server.url
    page.goto(f"{live_server.url}/join/")
    page.fill("#id_email", "tamar@example.org")
    page.fill("#id_name", "Tamar")
    page.check("#id_email_consent")
    page.click("text=Continue to payment")
    page.wait_for_selector("text=Test checkout — no real payment")
    page.click("text=Complete payment")
    page.wait_for_selector("text=Thank you for supporting us")
    assert Membership.objects.get(supporter__email="tamar@example.org").status == "active"

    page.goto(f"{live_server.url}/membership/sign-in/")
    page.fill("#id_email", "tamar@example.org")
    page.click("text=Email me a sign-in link")
    page.wait_for_selector("text=Check your email")
    link = re.search(r"(http://\S+/membership/sign-in/[\w-]+/)", mail.outbox[-1].body)[1]
    page.goto(link)
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Signed in as")
    assert "Next payment" in page.content()

"""A real headless Chromium driving the site through pytest-django's live server.

One browser per test module keeps these tests fast; each test gets a fresh context, so no
cookies or storage cross tests. Without Chromium these tests fail: a browser test that quietly
skips would let a broken journey through CI. ``tests/browser/chromium.py`` finds the browser
(and ``make test`` installs Debian's where it can).
"""

import os

import pytest

from tests.browser.chromium import HOW_TO_INSTALL, find_chromium

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def allow_orm_beside_playwright():
    """Playwright's sync API runs an event loop in this thread, and Django refuses ORM calls
    from a thread with a running loop unless told that this is deliberate.

    Only while a browser is open: the variable must not leak into the rest of the suite (the
    deployment check rightly fails when it is set).
    """
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


# Module-scoped rather than session-scoped: while Playwright's loop runs, every ORM call in
# the main thread needs the variable above, and tests after these must run without it.
@pytest.fixture(scope="module")
def browser(allow_orm_beside_playwright):
    try:
        chromium = find_chromium()
    except FileNotFoundError as exc:
        pytest.fail(f"{exc}; {HOW_TO_INSTALL}", pytrace=False)
    if chromium is None:
        pytest.fail(HOW_TO_INSTALL, pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale="en-GB")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(autouse=True)
def test_checkout(settings):
    """The live server runs with DEBUG off: allow the offline test checkout explicitly."""
    settings.MEMBERSHIPS_PROVIDER = "local"
    settings.MEMBERSHIPS_ALLOW_TEST_CHECKOUT = True
    settings.STRIPE_SECRET_KEY = ""

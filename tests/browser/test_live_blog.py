"""A live blog open in a reader's browser receives the updates posted after it loaded.

The page asks for new updates every ``LIVE_BLOG_POLL_SECONDS`` (a fraction of a second here)
and shows them without reloading: at the top of the list while the reader is at the top,
behind a "new updates" button once they have scrolled into the updates, so what they are
reading never moves. Playwright waits for what a reader would see; nothing sleeps.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from articles import services
from articles.models import LiveUpdate
from tests.articles.desk import desk_user
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_accessibility import BLOCKING, describe
from tests.factories import ArticleFactory, AuthorFactory, PhotoFactory, RegionFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def live_blog(settings):
    settings.LIVE_BLOG_POLL_SECONDS = 0.25
    editor = desk_user("Editor")
    story = ArticleFactory(
        headline="Landslides close the Georgian Military Road",
        slug="military-road-closed",
        primary_region=RegionFactory(name="Georgia", slug="georgia"),
    )
    services.live_blog_start(article=story, user=editor)
    story.editor = editor
    story.reporter = AuthorFactory(name="Giorgi Lomidze")
    return story


def post(story, text):
    update = LiveUpdate(article=story, text=text, author=story.reporter)
    return services.live_update_save(update=update, user=story.editor)


def open_blog(page, story):
    blocked = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(story.get_absolute_url())
    # A mark the page keeps only as long as it is not reloaded.
    page.evaluate("() => { window.stillTheSamePage = true; }")
    return blocked


def test_an_update_posted_after_the_page_loaded_appears_at_the_top_without_a_reload(
    page, live_blog
):
    post(live_blog, "<p>The road is closed between Kobi and Gudauri.</p>")
    blocked = open_blog(page, live_blog)
    updates = page.locator(".live-blog .live-update")
    expect(updates).to_have_count(1)

    newest = post(live_blog, "<p>Crews have cleared one lane near Kobi.</p>")

    expect(updates).to_have_count(2)
    expect(updates.first).to_contain_text("Crews have cleared one lane near Kobi.")
    expect(updates.first).to_have_attribute("id", newest.anchor)
    expect(updates.first.locator(".live-update__author")).to_have_text("Giorgi Lomidze")
    expect(page.locator(".live-blog__status")).to_have_text("1 new update")
    assert page.evaluate("() => window.stillTheSamePage") is True
    assert blocked == []


def test_a_reader_further_down_is_offered_the_new_update_and_stays_where_they_are(page, live_blog):
    for n in range(12):
        post(live_blog, f"<p>Update {n}: traffic is still turned back at Pasanauri.</p>" * 3)
    open_blog(page, live_blog)
    page.locator(".live-update").nth(8).scroll_into_view_if_needed()
    where = page.evaluate("() => window.scrollY")

    post(live_blog, "<p>The road reopens at six this evening.</p>")

    offer = page.get_by_role("button", name="Show 1 new update")
    expect(offer).to_be_visible()
    assert page.evaluate("() => window.scrollY") == where
    expect(page.locator(".live-update")).to_have_count(12)
    offer.click()
    expect(page.locator(".live-update")).to_have_count(13)
    expect(page.locator(".live-update").first).to_contain_text("The road reopens at six")
    assert page.evaluate("() => window.stillTheSamePage") is True


def test_the_page_tells_the_reader_when_the_editor_closes_the_live_blog(page, live_blog):
    post(live_blog, "<p>The road is closed.</p>")
    open_blog(page, live_blog)
    services.live_blog_close(article=live_blog, user=live_blog.editor)
    expect(page.locator(".live-blog__ended")).to_have_text("This live blog has ended.")
    expect(page.locator(".live-blog__status")).to_have_text("This live blog has ended.")
    expect(page.locator(".live-update")).to_have_count(1)


def test_a_live_blog_with_a_new_update_has_no_serious_accessibility_problems(page, live_blog):
    photo = PhotoFactory(caption="Mud across both lanes.", credit="Levan Maisuradze")
    update = LiveUpdate(article=live_blog, text="<p>The slide.</p>", author=live_blog.reporter)
    update.photo = photo
    services.live_update_save(update=update, user=live_blog.editor)
    post(live_blog, "<p>The road is closed.</p>")
    axe = Axe()
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        open_blog(page, live_blog)
        post(live_blog, f"<p>Traffic is turned back at Pasanauri ({viewport['width']}).</p>")
        expect(page.locator(".live-update")).to_have_count(live_blog.live_updates.count())
        violations = axe.run(page).response["violations"]
        blocking = [v for v in violations if v["impact"] in BLOCKING]
        assert not blocking, describe(blocking)

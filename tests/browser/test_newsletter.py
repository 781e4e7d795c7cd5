"""Signing up for the newsletter in a real browser: from the box under a story to the
confirmed subscription, by the link in the email; and the box fitting phones and desktops."""

import re

import pytest
from django.core import mail

from newsletter.models import Subscriber
from tests.browser.conftest import PHONE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

DESKTOP_1366 = {"width": 1366, "height": 900}


def test_reader_signs_up_under_a_story_and_confirms_from_the_emailed_link(
    page, live_server, settings
):
    from tests.factories import ArticleFactory

    settings.SITE_URL = live_server.url
    story = ArticleFactory(headline="The pass reopens")
    seen = []
    page.on("request", lambda request: seen.append(request.url))
    page.goto(story.get_absolute_url())
    page.fill(".signup-box input[name=email]", "eka.reader@example.org")
    page.check(".signup-box input[value=weekly]")
    page.click(".signup-box button[type=submit]")
    page.wait_for_selector("text=Check your inbox")
    assert Subscriber.objects.get().status == "pending"

    link = re.search(r"(http://\S+/newsletter/confirm/[^/\s]+/)", mail.outbox[-1].body)[1]
    page.goto(link)
    page.wait_for_selector("text=One more step")
    assert Subscriber.objects.get().status == "pending"  # opening the link is not confirming
    page.click("text=Confirm my subscription")
    page.wait_for_selector("text=You're subscribed")
    assert "weekly newsletter" in page.content()
    reader = Subscriber.objects.get()
    assert (reader.status, reader.frequency, reader.source_article_id) == (
        "confirmed",
        "weekly",
        story.pk,
    )
    assert not any("eka.reader" in url for url in seen)

    page.click("text=your newsletter settings")
    page.wait_for_selector("text=e•••@example.org")
    page.click("text=Unsubscribe")
    page.wait_for_selector("text=You are unsubscribed")
    assert Subscriber.objects.get().status == "unsubscribed"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP_1366], ids=["390px", "1366px"])
def test_the_box_fits_the_page_on_phones_and_desktops(page, live_server, viewport):
    from tests.factories import ArticleFactory

    story = ArticleFactory()
    page.set_viewport_size(viewport)
    for url in (story.get_absolute_url(), "/"):
        page.goto(url)
        box = page.locator(".signup-box").bounding_box()
        assert box is not None, url
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], url
        for part in ("input[name=email]", "button[type=submit]", "input[value=weekly]"):
            field = page.locator(f".signup-box {part}").bounding_box()
            assert field["width"] > 0 and field["x"] + field["width"] <= box["x"] + box["width"]
        button = page.locator(".signup-box button[type=submit]").bounding_box()
        assert button["height"] >= 36, "a button big enough to tap"
        no_sideways_scroll = page.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth"
        )
        assert no_sideways_scroll, url

"""The beacon in a real browser: loading a story counts one read, reloading does not."""

import pytest
from django.utils import timezone

from articles.models import DailyViews
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

# Headless Chromium calls itself "HeadlessChrome", which the beacon rightly treats as a bot;
# this test stands in for a reader's phone.
PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Mobile Safari/537.36"
)


def test_opening_a_story_counts_one_read_and_a_reload_does_not(live_server, browser):
    article = ArticleFactory()
    page = browser.new_page(user_agent=PHONE)
    with page.expect_response(lambda r: r.url.endswith("/beacon/")) as first:
        page.goto(live_server.url + article.get_absolute_url())
    assert first.value.status == 204
    with page.expect_response(lambda r: r.url.endswith("/beacon/")) as second:
        page.reload()
    assert second.value.status == 204
    assert DailyViews.objects.get(article=article, day=timezone.localdate()).views == 1
    assert page.context.cookies() == []

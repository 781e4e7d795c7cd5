import re

import pytest
from playwright.sync_api import expect

from tests.factories import ArticleFactory, PhotoFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_opens_a_story_sees_the_credited_photo_and_follows_join(page):
    photo = PhotoFactory(
        caption="Fishermen mend their nets at dawn in Poti harbour.",
        credit="Tamar Kurdadze",
        alt_text="Two men sitting on a quay among heaps of green fishing nets",
    )
    article = ArticleFactory(headline="Poti's fishermen count the cost", lead_photo=photo)

    page.goto("/")
    page.get_by_role("link", name=article.headline).first.click()

    expect(page).to_have_url(re.compile(re.escape(article.get_absolute_url()) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(article.headline)
    picture = page.get_by_role("img", name=photo.alt_text)
    expect(picture).to_be_visible()
    picture.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=picture.element_handle()
    )
    caption = page.locator("figure", has=picture).locator("figcaption")
    expect(caption).to_contain_text(photo.caption)
    expect(caption).to_contain_text("Tamar Kurdadze")

    page.get_by_role("link", name="Join", exact=True).first.click()

    expect(page).to_have_url(re.compile(r"/join/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()

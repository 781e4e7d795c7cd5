import re

import pytest
from playwright.sync_api import expect

from articles.models import PhotoWording, RegionWording
from memberships.models import Membership
from tests.factories import ArticleFactory, EditorsPickFactory, PhotoFactory, RegionFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_reader_opens_a_story_sees_the_credited_photo_and_joins_through_the_test_checkout(page):
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

    expect(page).to_have_url(re.compile(r"/join/\?via=header$"))  # what led them: the header
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("input[name=plan]:checked")).to_have_count(1)  # $5 a month preselected
    page.fill("#id_email", "tamar@example.org")
    page.fill("#id_name", "Tamar")
    page.check("#id_email_consent")
    page.get_by_role("button", name="Continue to payment").click()

    expect(page.get_by_text("Test checkout — no real payment").first).to_be_visible()
    page.get_by_role("button", name="Complete payment").click()

    expect(page.get_by_text("Thank you for supporting us").first).to_be_visible()
    membership = Membership.objects.get(supporter__email="tamar@example.org")
    assert membership.status == Membership.Status.ACTIVE
    assert membership.source_placement == "header"


def test_on_a_phone_the_rails_beside_a_story_line_up_with_its_text(page):
    region = RegionFactory()
    story = ArticleFactory(primary_region=region, tag_names=["wine"], headline="Harvest late")
    ArticleFactory(primary_region=region, tag_names=["wine"], headline="Grapes early")
    EditorsPickFactory(article__headline="Picked piece")

    page.goto(story.get_absolute_url())

    def left(selector):
        return page.locator(selector).first.bounding_box()["x"]

    body = left(".story-layout__main h1")
    assert body == 20  # the page's own gap on a 390-pixel screen
    for heading in ("#rail-related-heading", "#rail-picks-heading"):
        assert left(heading) == body, heading
    assert left(".rails--article .rail__item") == body


def test_a_reader_switches_a_story_to_russian_and_keeps_reading_and_searching_in_russian(page):
    region = RegionFactory(name="Georgia", slug="georgia")
    RegionWording.objects.create(region=region, language="ru", name="Грузия")
    photo = PhotoFactory(caption="Fishermen mend their nets at dawn in Poti harbour.")
    PhotoWording.objects.create(
        photo=photo, language="ru", caption="Рыбаки чинят сети на рассвете в порту Поти."
    )
    english = ArticleFactory(headline="Poti's fishermen", primary_region=region, lead_photo=photo)
    ArticleFactory(
        language="ru",
        translation_of=english,
        headline="Рыбаки Поти",
        body="<p>Сети чинят на рассвете.</p>",
        primary_region=region,
        lead_photo=photo,
    )
    page.goto(english.get_absolute_url())
    page.click(".editions a[lang=ru]")
    expect(page.locator("h1")).to_have_text("Рыбаки Поти")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator(".story__lead .caption")).to_have_text(
        "Рыбаки чинят сети на рассвете в порту Поти."
    )
    expect(page.locator(".story__lead .credit")).to_contain_text("Фото:")
    page.click(".story__header .kicker a")
    expect(page.locator("h1")).to_have_text("Грузия")
    page.click(".site-header__search")
    page.fill("#search-q", "Рыбаки")
    page.click("form[role=search] button")
    expect(page.locator(".search-summary")).to_contain_text("1 материал")
    expect(page.locator(".search-results")).to_contain_text("Рыбаки Поти")
    assert "Poti's fishermen" not in page.content()

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from articles.models import Article, Photo
from tests.browser.conftest import DESKTOP
from tests.factories import AuthorFactory, RegionFactory, image_bytes
from tests.staff.sign_in import sign_in_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

# Choose a value in a plain <select>, or in one an autocomplete widget drives, or in a raw id
# input: the admin's widgets change, the field ids stay.
CHOOSE = """(el, [value, label]) => {
  if (el.tagName === "SELECT" && !Array.from(el.options).some(o => o.value === value)) {
    el.add(new Option(label, value, true, true));
  }
  el.value = value;
  el.dispatchEvent(new Event("change", {bubbles: true}));
}"""


def choose(page, selector, value, label=""):
    field = page.locator(selector)
    field.evaluate(CHOOSE, [str(value), label])


def fill_time(page, field, moment):
    """Django's split date and time inputs, or a single datetime input."""
    if page.locator(f"#id_{field}_0").count():
        page.locator(f"#id_{field}_0").fill(moment.strftime("%Y-%m-%d"))
        page.locator(f"#id_{field}_1").fill(moment.strftime("%H:%M:%S"))
    elif page.locator(f"#id_{field}").get_attribute("type") == "datetime-local":
        page.locator(f"#id_{field}").fill(moment.strftime("%Y-%m-%dT%H:%M"))
    else:
        page.locator(f"#id_{field}").fill(moment.strftime("%Y-%m-%d %H:%M:%S"))


def save(page):
    page.locator('input[name="_save"], button[name="_save"]').first.click()
    expect(page.locator(".errornote")).to_have_count(0)
    expect(page).not_to_have_url(re.compile(r"/add/$"))


def test_editor_uploads_a_photo_writes_and_publishes_a_story_that_reaches_the_home_page(page):
    desk = get_user_model().objects.create_superuser("editor", "e@example.org", "correct horse 7")
    region = RegionFactory(name="Georgia", slug="georgia")
    author = AuthorFactory(name="Nino Beridze")
    page.set_viewport_size(DESKTOP)

    sign_in_page(page, desk, "correct horse 7")
    expect(page.locator("#user-tools")).to_contain_text("editor".upper(), ignore_case=True)

    page.goto("/admin/articles/photo/add/")
    page.locator("#id_image").set_input_files(
        files=[{"name": "vardzia.jpg", "mimeType": "image/jpeg", "buffer": image_bytes()}]
    )
    page.locator("#id_caption").fill("The cave monastery of Vardzia in autumn.")
    page.locator("#id_credit").fill("Levan Maisuradze")
    page.locator("#id_alt_text").fill("Cliff face honeycombed with cave dwellings")
    save(page)
    photo = Photo.objects.get(credit="Levan Maisuradze")
    assert (photo.width, photo.height) == (1200, 800)

    page.goto("/admin/articles/article/add/")
    headline = "Vardzia reopens to visitors after restoration"
    page.locator("#id_headline").fill(headline)
    if page.locator("#id_slug").count():
        page.locator("#id_slug").fill("vardzia-reopens")
    page.locator("#id_standfirst").fill("The cave city in Samtskhe-Javakheti welcomes tourists.")
    choose(page, "#id_lead_photo", photo.pk, str(photo))
    choose(page, "#id_primary_region", region.pk, region.name)
    editor = page.locator(".ProseMirror >> visible=true").first
    editor.click()
    editor.type("Restorers spent two summers securing the cliff face.")
    choose(page, "#id_bylines-0-author", author.pk, author.name)
    page.locator('input[name="_publish_now"]').click()
    expect(page.locator(".errornote")).to_have_count(0)
    expect(page.locator(".messagelist")).to_contain_text("is live")

    article = Article.objects.get(headline=headline)
    assert article.is_published
    assert article.lead_photo == photo

    page.goto("/")
    expect(page.get_by_role("link", name=headline).first).to_be_visible()

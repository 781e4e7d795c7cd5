"""What an editor notices on the desk's forms, in a real Chromium: the focal point set by a click
on a photo just chosen, the lead photo preview following the choice, the newsroom's own time,
and the story's one row of actions."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article, Photo
from tests.articles.desk import PASSWORD, desk_user
from tests.browser.conftest import DESKTOP
from tests.factories import AuthorFactory, PhotoFactory, RegionFactory, image_bytes
from tests.staff.sign_in import sign_in_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def editor_page(browser, live_server):
    """An editor's browser on a computer whose clock is set to New York, eight or nine hours
    from the newsroom's."""
    context = browser.new_context(
        base_url=live_server.url,
        viewport=DESKTOP,
        locale="en-GB",
        timezone_id="America/New_York",
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    sign_in_page(page, desk_user("Editor"), PASSWORD)
    yield page
    context.close()


def click_at(page, picture, fx, fy):
    picture.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=picture.element_handle()
    )
    box = picture.bounding_box()
    picture.click(position={"x": box["width"] * fx, "y": box["height"] * fy})


def test_a_new_photos_focal_point_is_set_by_a_click_on_the_chosen_file(editor_page):
    page = editor_page
    page.goto("/admin/articles/photo/add/")
    holder = page.locator(".field-focal_point_picker .focal-point-picker")
    expect(holder).to_contain_text("Choose the image above")
    page.locator("#id_image").set_input_files(
        files=[{"name": "gori.jpg", "mimeType": "image/jpeg", "buffer": image_bytes(600, 400)}]
    )
    picture = holder.locator("img[data-focal-picker]")
    expect(picture).to_be_visible()
    click_at(page, picture, 0.2, 0.7)
    expect(page.locator("#id_focal_x")).to_have_value("0.20")
    expect(page.locator("#id_focal_y")).to_have_value("0.70")
    page.locator("#id_alt_text").fill("The fortress above Gori")
    page.locator("#id_credit").fill("Ana Kvitsiani")
    page.locator('input[name="_continue"]').click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    photo = Photo.objects.get(credit="Ana Kvitsiani")
    assert (photo.focal_x, photo.focal_y) == (0.2, 0.7)

    # Its page now shows the stored picture, and a click there moves the point again.
    saved = page.locator("img[data-focal-picker]")
    click_at(page, saved, 0.8, 0.3)
    expect(page.locator("#id_focal_x")).to_have_value("0.80")
    page.locator('input[name="_continue"]').click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    photo.refresh_from_db()
    assert (photo.focal_x, photo.focal_y) == (0.8, 0.3)


def test_the_lead_photo_preview_follows_the_photo_picked_or_uploaded(editor_page):
    page = editor_page
    PhotoFactory(
        caption="Cave dwellings in a cliff face at Vardzia.",
        credit="Levan Maisuradze",
        alt_text="Cave dwellings in a cliff face",
    )
    page.goto("/admin/articles/article/add/")
    preview = page.locator(".field-lead_photo_preview .readonly")
    expect(preview).to_have_text("No lead photo chosen yet.")

    page.locator(".field-lead_photo .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("Cave")
    page.locator(".select2-results__option", has_text="Cave dwellings").click()
    expect(preview).to_contain_text("Credit: Levan Maisuradze")
    expect(preview.locator("img")).to_be_visible()

    with page.expect_popup(timeout=30_000) as opened:
        page.locator("#add_id_lead_photo").click()
    popup = opened.value
    popup.locator("#id_image").set_input_files(
        files=[{"name": "tbilisi.jpg", "mimeType": "image/jpeg", "buffer": image_bytes(320, 213)}]
    )
    popup.locator("#id_alt_text").fill("Balconies over the old town")
    popup.locator('input[name="_save"]').click()  # no credit: the preview will say so
    popup.wait_for_event("close", timeout=30_000)  # saving makes renditions: slow under load
    expect(preview).to_contain_text("Alt text: Balconies over the old town")
    expect(preview).to_contain_text("Missing credit")

    # The editor adds the credit through the pencil: the warning goes.
    with page.expect_popup(timeout=30_000) as opened:
        page.locator("#change_id_lead_photo").click()
    popup = opened.value
    popup.locator("#id_credit").fill("Tamar Chkheidze")
    popup.locator('input[name="_save"]').click()
    popup.wait_for_event("close", timeout=30_000)  # saving makes renditions: slow under load
    expect(preview).to_contain_text("Credit: Tamar Chkheidze")
    expect(preview).not_to_contain_text("Missing credit")


def test_times_are_the_newsrooms_and_now_means_newsroom_time(editor_page):
    page = editor_page
    page.goto("/admin/articles/article/add/")
    field = page.locator(".field-published_at")
    zone = timezone.get_current_timezone_name()
    offset = timezone.localtime().strftime("%z")
    expect(field.locator(".newsroom-time")).to_have_text(
        f"Newsroom time ({zone}, UTC{offset[:3]}:{offset[3:]})"
    )
    # The admin's own note ("You are 8 hours behind server time") is not shown.
    expect(page.get_by_text(re.compile("server time")).filter(visible=True)).to_have_count(0)

    field.locator(".datetimeshortcuts a", has_text="Now").click()
    shown = page.locator("#id_published_at_1").input_value()
    newsroom_now = timezone.localtime()
    hours, minutes, seconds = (int(part) for part in shown.split(":"))
    gap = abs(
        (hours * 3600 + minutes * 60 + seconds)
        - (newsroom_now.hour * 3600 + newsroom_now.minute * 60 + newsroom_now.second)
    )
    assert min(gap, 86400 - gap) < 120, (shown, newsroom_now)


def test_the_editor_publishes_with_one_button_and_sees_the_story_live(editor_page):
    page = editor_page
    region = RegionFactory(name="Georgia")
    author = AuthorFactory(name="Nino Beridze")
    PhotoFactory(caption="A bridge over the Mtkvari.", alt_text="A bridge", credit="Press service")
    page.goto("/admin/articles/article/add/")
    expect(page.locator(".desk-state")).to_contain_text("New story: not saved yet")
    expect(page.locator("#id_status")).to_have_count(0)
    page.locator("#id_headline").fill("The old bridge reopens")
    for selector, search, label in [
        (".field-lead_photo", "bridge", "A bridge over the Mtkvari"),
        (".field-primary_region", "Geo", region.name),
        ("#bylines-0", "Nino", author.name),
    ]:
        page.locator(f"{selector} .select2-selection").click()
        page.locator(".select2-container--open .select2-search__field").fill(search)
        page.locator(".select2-results__option", has_text=label).click()
    body = page.locator(".ProseMirror >> visible=true").first
    body.click()
    body.type("Traffic crosses again after two years.")
    actions = page.locator(".story-actions input[type=submit]")
    expect(actions).to_have_count(3)
    page.get_by_role("button", name="Publish now").click()
    expect(page.locator(".messagelist")).to_contain_text("is live")
    expect(page.locator(".desk-state strong")).to_contain_text("Live since")
    expect(page.get_by_role("button", name="Update live story")).to_be_visible()
    assert Article.objects.get(headline="The old bridge reopens").is_published


def test_the_members_list_fits_a_1366_pixel_screen_without_scrolling(browser, live_server):
    from django.contrib.auth.models import Group, User

    from tests.factories import MembershipFactory, SupporterFactory

    for n, name in enumerate(["Mariam Kvaratskhelia-Tsiklauri", "Levan Maisuradze", "Ani"]):
        MembershipFactory(
            supporter=SupporterFactory(
                name=name, email=f"{name.split()[0].lower()}.{n}@a-long-mail-domain.example.org"
            ),
            cancel_at_period_end=n == 1,
        )
    manager = User.objects.create_user("manager", password=PASSWORD, is_staff=True)
    manager.groups.add(Group.objects.get(name="Membership manager"))
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1366, "height": 900}, locale="en-GB"
    )
    page = context.new_page()
    try:
        sign_in_page(page, manager, PASSWORD)
        page.goto("/admin/memberships/membership/")
        expect(page.locator("#result_list tbody tr")).to_have_count(3)
        results = page.locator(".results")
        assert results.evaluate("el => el.scrollWidth <= el.clientWidth")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        last_column = page.locator("#result_list thead th").last.bounding_box()
        assert last_column["x"] + last_column["width"] <= 1366
    finally:
        context.close()

"""Every page readers, members and the desk use works under the Content-Security-Policy.

Chromium reports whatever the policy blocks as a ``securitypolicyviolation`` event and a console
message. These tests record both, in every page and popup, while people go through the site,
and fail on any, saying which page broke which directive with what. Each page visited must
also carry the policy: without it nothing would be blocked and nothing learned.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from articles import services
from articles.models import Article, Photo
from memberships.models import Membership
from tests.browser.conftest import DESKTOP
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    RegionFactory,
    image_bytes,
    shared_photo,
)
from tests.staff.sign_in import code_now, sign_in_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

# Runs in every document before its own scripts. Whatever is blocked in a document (a script,
# a style, an image, a form's target or the redirect it gets) is reported to that document.
RECORD_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.recordCspViolation({
    page: document.location.href,
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    at: event.sourceFile ? event.sourceFile + ":" + event.lineNumber : "",
    sample: event.sample,
  });
}, true);
"""
PASSWORD = "correct horse 7"


class Violations(list):
    """What the policy blocked, in the order the browser reported it."""

    def record_event(self, source, violation):
        self.append(violation)

    def record_console(self, message):
        if "Content Security Policy" in message.text:
            self.append({"page": message.page.url if message.page else "", "said": message.text})

    def assert_none(self, page):
        # One turn of the page's task queue delivers the reports already queued (no waiting).
        page.evaluate("() => new Promise(resolve => setTimeout(resolve))")
        assert not self, "The Content-Security-Policy blocked:\n" + "\n".join(
            "  " + ", ".join(f"{key}: {value}" for key, value in violation.items() if value)
            for violation in self
        )


@pytest.fixture
def violations(page):
    seen = Violations()
    page.context.expose_binding("recordCspViolation", seen.record_event)
    page.context.add_init_script(RECORD_VIOLATIONS)
    page.context.on("console", seen.record_console)
    return seen


def visit(page, violations, path):
    """Open ``path``: it must carry the policy and break none of it while it loads."""
    response = page.goto(path)
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy, f"{path} has no Content-Security-Policy: {policy!r}"
    violations.assert_none(page)
    return response


def sign_in_to_the_desk(page, violations):
    """An editor signs in, through every step the desk's sign-in asks for."""
    editor = get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)
    page.set_viewport_size(DESKTOP)
    sign_in_page(page, editor, PASSWORD)
    violations.assert_none(page)
    return editor


def test_reader_pages_keep_to_the_policy(page, violations, live_server, settings):
    settings.SITE_URL = live_server.url
    region = RegionFactory(name="Georgia", slug="georgia")
    author = AuthorFactory(name="Nino Beridze", slug="nino-beridze")
    story = ArticleFactory(
        headline="The pass reopens after the landslide",
        primary_region=region,
        authors=[author],
        tag_names=["roads"],
    )

    for path in ["/", "/region/georgia/", "/tag/roads/", "/author/nino-beridze/"]:
        visit(page, violations, path)
        expect(page.get_by_role("link", name=story.headline).first).to_be_visible()
    visit(page, violations, "/search/?q=landslide")
    expect(page.get_by_role("link", name=story.headline).first).to_be_visible()

    # The story page counts the read with a request of its own (connect-src).
    with page.expect_response(re.compile(r"/beacon/$")) as beacon:
        visit(page, violations, story.get_absolute_url())
    assert beacon.value.ok
    expect(page.get_by_role("heading", level=1)).to_have_text(story.headline)

    assert visit(page, violations, "/no-such-page/").status == 404
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    violations.assert_none(page)


def test_joining_through_the_test_checkout_and_the_members_pages_keep_to_the_policy(
    page, violations, live_server, settings
):
    settings.SITE_URL = live_server.url
    story = ArticleFactory(headline="The pass reopens")

    # The join box under a story posts to the join page, which posts on to the checkout: a
    # redirect the browser checks against form-action.
    visit(page, violations, story.get_absolute_url())
    page.fill(".join-box input[name=email]", "lela@example.org")
    page.click(".join-box button[type=submit]")
    page.fill("#id_name", "Lela")
    page.check("#id_email_consent")
    page.get_by_role("button", name="Continue to payment").click()
    expect(page.get_by_text("Test checkout — no real payment").first).to_be_visible()
    violations.assert_none(page)
    page.get_by_role("button", name="Complete payment").click()
    expect(page.get_by_text("Thank you for supporting us").first).to_be_visible()
    assert Membership.objects.get(supporter__email="lela@example.org").status == "active"
    violations.assert_none(page)

    visit(page, violations, "/membership/sign-in/")
    page.fill("#id_email", "lela@example.org")
    page.get_by_role("button", name="Email me a sign-in link").click()
    expect(page.get_by_text("Check your email").first).to_be_visible()
    link = re.search(r"(http://\S+/membership/sign-in/[\w-]+/)", mail.outbox[-1].body)[1]
    visit(page, violations, link)
    page.click("main button[type=submit]")
    expect(page.get_by_text("Signed in as").first).to_be_visible()
    violations.assert_none(page)
    visit(page, violations, "/membership/cancel/")
    expect(page.get_by_role("button", name="Yes, cancel my membership")).to_be_visible()
    violations.assert_none(page)


def test_the_desks_sign_in_steps_keep_to_the_policy(page, violations, settings):
    """A first sign-in sets up an authenticator app (its QR code is inline SVG) and shows the
    recovery codes; the sign-in methods page runs the passkey scripts; too many wrong
    passwords get the locked-out page."""
    newcomer = get_user_model().objects.create_superuser("newcomer", "n@example.org", PASSWORD)
    page.set_viewport_size(DESKTOP)
    visit(page, violations, "/admin/login/")
    page.locator("#id_username").fill("newcomer")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page.locator(".two-factor__qr-frame svg")).to_be_visible()
    violations.assert_none(page)
    app = TOTPDevice.objects.get(user=newcomer, confirmed=False)
    page.locator("#id_otp_token").fill(code_now(app))
    page.locator("#id_otp_token").press("Enter")
    expect(page.locator("#recovery-codes li").first).to_be_visible()
    violations.assert_none(page)

    visit(page, violations, reverse("staff:devices"))
    # The passkey scripts replace their placeholder with what this browser can do.
    expect(page.locator("[data-after-passkey] p").first).to_be_visible()
    violations.assert_none(page)

    page.context.clear_cookies()
    visit(page, violations, "/admin/login/")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.locator("#id_username").fill("newcomer")
        page.locator("#id_password").fill("not the password")
        with page.expect_response(lambda response: response.request.method == "POST"):
            page.locator("#id_password").press("Enter")
    expect(page.get_by_text("Too many failed sign-ins")).to_be_visible()
    violations.assert_none(page)


def test_writing_a_story_in_the_desk_keeps_to_the_policy(page, violations):
    sign_in_to_the_desk(page, violations)
    RegionFactory(name="Georgia", slug="georgia")
    AuthorFactory(name="Nino Beridze")

    visit(page, violations, "/admin/articles/article/add/")
    page.locator("#id_headline").fill("Vardzia reopens to visitors")
    # The body editor is a module loaded through an import map, the desk's one inline script.
    body = page.locator(".ProseMirror >> visible=true").first
    body.click()
    body.type("Restorers spent two summers securing the cliff face.")
    # Date and time shortcuts and the calendar.
    page.locator(".field-published_at .datetimeshortcuts a", has_text="Today").click()
    page.locator(".field-published_at .datetimeshortcuts a", has_text="Now").click()
    page.locator(".field-published_at .date-icon").click()
    calendar = page.locator(".calendarbox >> visible=true")
    calendar.locator(".calendarnav-next").click()
    calendar.locator(".calendar-cancel a").click()
    expect(calendar).to_have_count(0)
    # The "+" beside the lead photo (before any autocomplete list has opened over the form):
    # upload one in a popup, which hands it back to the story.
    with page.expect_popup(timeout=30_000) as opened:  # a busy machine opens windows slowly
        page.locator("#add_id_lead_photo").click()
    popup = opened.value
    popup.locator("#id_image").set_input_files(
        files=[{"name": "vardzia.jpg", "mimeType": "image/jpeg", "buffer": image_bytes(320, 213)}]
    )
    popup.locator("#id_alt_text").fill("Cliff face honeycombed with cave dwellings")
    popup.locator("#id_credit").fill("Levan Maisuradze")
    popup.locator('input[name="_save"]').click()
    popup.wait_for_event("close", timeout=30_000)  # saving makes renditions: slow under load
    expect(page.locator(".field-lead_photo .select2-selection")).to_contain_text("cave dwellings")
    # The preview follows the photo just added, fetched from the desk (connect-src, img-src).
    preview = page.locator(".field-lead_photo_preview .readonly")
    expect(preview).to_contain_text("Credit: Levan Maisuradze")
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0",
        arg=preview.locator("img").element_handle(),
    )
    violations.assert_none(page)
    # Autocomplete: typing asks the desk for matching regions.
    page.locator(".field-primary_region .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("Geo")
    page.locator(".select2-results__option", has_text="Georgia").click()
    page.locator("#bylines-0 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("Nino")
    page.locator(".select2-results__option", has_text="Nino Beridze").click()
    violations.assert_none(page)

    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".errornote")).to_have_count(0)
    expect(page.locator(".messagelist")).to_contain_text("is saved as a draft")
    story = Article.objects.get(headline="Vardzia reopens to visitors")
    assert "two summers" in story.body
    assert story.lead_photo == Photo.objects.get(credit="Levan Maisuradze")
    # The saved story's form shows its body in the editor again.
    expect(page.locator(".ProseMirror >> visible=true").first).to_contain_text("two summers")
    violations.assert_none(page)


def test_setting_a_photos_focal_point_by_a_click_keeps_to_the_policy(page, violations):
    sign_in_to_the_desk(page, violations)
    photo = shared_photo()

    visit(page, violations, f"/admin/articles/photo/{photo.pk}/change/")
    picker = page.locator("[data-focal-picker]")
    picker.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=picker.element_handle()
    )
    box = picker.bounding_box()
    picker.click(position={"x": box["width"] * 0.25, "y": box["height"] * 0.75})
    expect(page.locator("#id_focal_x")).to_have_value("0.25")
    expect(page.locator("#id_focal_y")).to_have_value("0.75")

    page.locator('input[name="_continue"]').click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    photo.refresh_from_db()
    assert (photo.focal_x, photo.focal_y) == (0.25, 0.75)
    violations.assert_none(page)


def test_the_story_list_its_actions_and_deleting_keep_to_the_policy(page, violations):
    sign_in_to_the_desk(page, violations)
    kept = ArticleFactory(headline="The pass reopens", draft=True)
    doomed = ArticleFactory(headline="A duplicate of the pass story", draft=True)

    visit(page, violations, "/admin/articles/article/?q=pass")
    page.locator(f"input.action-select[value='{kept.pk}']").check()
    page.locator("select[name=action]").select_option("publish_now")
    page.locator("button[name=index]").click()
    expect(page.locator(".messagelist")).to_be_visible()
    kept.refresh_from_db()
    assert kept.is_published
    violations.assert_none(page)

    page.locator(f"input.action-select[value='{doomed.pk}']").check()
    page.locator("select[name=action]").select_option("delete_selected")
    page.locator("button[name=index]").click()
    expect(page.locator("#content")).to_contain_text("Are you sure")
    violations.assert_none(page)
    page.get_by_role("button", name=re.compile("Yes, I’m sure|Yes, I'm sure")).click()
    expect(page.locator(".messagelist")).to_contain_text("Successfully deleted")
    assert not Article.objects.filter(pk=doomed.pk).exists()

    visit(page, violations, f"/admin/articles/article/{kept.pk}/delete/")
    expect(page.locator("#content")).to_contain_text("Are you sure")
    violations.assert_none(page)


def test_a_storys_history_comparing_and_restoring_keep_to_the_policy(page, violations):
    editor = sign_in_to_the_desk(page, violations)
    story = ArticleFactory(headline="The pass reopens")
    services.article_save(article=story, user=editor)
    story.headline = "The pass closes again"
    services.article_save(article=story, user=editor)

    visit(page, violations, f"/admin/articles/article/{story.pk}/history/")
    page.get_by_role("button", name="Compare the chosen revisions").click()
    expect(page.locator("tbody ins")).to_have_text(["closes again"])
    violations.assert_none(page)
    page.get_by_role("link", name="Restore this revision…").click()
    page.get_by_role("button", name="Restore this revision").click()
    expect(page.locator(".messagelist")).to_contain_text("Restored the revision of")
    violations.assert_none(page)

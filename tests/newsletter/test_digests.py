"""What a digest holds and how its email reads: the stories of its period, lead first, by region;
their photos, captions and credits; the editor's note; the join and unsubscribe links."""

from datetime import timedelta
from email import message_from_bytes
from email.policy import default as default_policy
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from articles.models import Rendition
from newsletter import digests
from newsletter.tokens import unsubscribe_url
from tests.dom import one, parse, text, texts
from tests.factories import ArticleFactory, PhotoFactory, RegionFactory
from tests.newsletter.helpers import digest, subscriber

pytestmark = pytest.mark.django_db


def ago(minutes):
    return timezone.now() - timedelta(minutes=minutes)


def email_of(issue, reader):
    """The real MIME message a reader gets, parsed back: (message, text part, html part)."""
    raw = digests.digest_message(issue, reader).message().as_bytes()
    parsed = message_from_bytes(raw, policy=default_policy)
    plain = parsed.get_body(preferencelist=("plain",)).get_content()
    html = parsed.get_body(preferencelist=("html",)).get_content()
    return parsed, plain, html


def test_drafts_scheduled_and_older_stories_are_never_in_a_digest():
    published = ArticleFactory(headline="Border crossing reopens")
    ArticleFactory(headline="Draft about the vote", draft=True)
    ArticleFactory(headline="Embargoed until tonight", scheduled=True)
    ArticleFactory(headline="Last week's story", published_at=ago(60 * 24 * 7))
    # The period reaches into the future: a story scheduled within it is still not out.
    issue = digests.build_issue(digest(covers_until=timezone.now() + timedelta(hours=3)))

    assert [issue.lead.headline] == [published.headline]
    assert issue.sections == []


def test_the_newest_story_leads_then_regions_in_navigation_order_newest_first():
    georgia = RegionFactory(name="Georgia", slug="georgia", nav_order=1)
    armenia = RegionFactory(name="Armenia", slug="armenia", nav_order=2)
    ArticleFactory(headline="Old Armenian story", primary_region=armenia, published_at=ago(50))
    ArticleFactory(headline="Older Georgian story", primary_region=georgia, published_at=ago(40))
    ArticleFactory(headline="New Armenian story", primary_region=armenia, published_at=ago(30))
    ArticleFactory(headline="New Georgian story", primary_region=georgia, published_at=ago(20))
    ArticleFactory(headline="The newest story", primary_region=armenia, published_at=ago(10))

    issue = digests.build_issue(digest())
    _message, plain, html = email_of(issue, subscriber("ana@example.org"))
    page = parse(html)

    assert text(one(page, "h1")) == "The newest story"
    assert texts(page, "h2") == ["Georgia", "Armenia"]
    assert texts(page, "h3") == [
        "New Georgian story",
        "Older Georgian story",
        "New Armenian story",
        "Old Armenian story",
    ]
    assert plain.index("The newest story") < plain.index("== Georgia ==")
    assert plain.index("New Georgian story") < plain.index("== Armenia ==")


def test_each_story_links_to_the_site_with_its_photo_caption_and_credit():
    story = ArticleFactory(headline="Crossing reopens", standfirst="Trucks wait for hours.")
    issue = digests.build_issue(digest())
    _message, plain, html = email_of(issue, subscriber("ana@example.org"))
    page = parse(html)

    link = f"{settings.SITE_URL}{story.get_absolute_url()}"
    assert one(page, "h1 a")["href"] == link
    assert [a["href"] for a in page.select("a") if text(a) == "Read the story"] == [link]
    image = one(page, "img")
    rendition = Rendition.objects.get(photo=story.lead_photo, shape="3x2", format="jpeg")
    assert image["src"] == f"{settings.SITE_URL}{rendition.file.url}"
    assert image["alt"] == story.lead_photo.alt_text
    assert "Delegates arrive for the summit." in text(page)
    assert "Photo: Press service" in text(page)
    assert "Trucks wait for hours." in plain and f"Read: {link}" in plain


def test_a_story_caption_replaces_the_photo_caption():
    ArticleFactory(lead_photo_caption="The summit's second day.")
    page = parse(email_of(digests.build_issue(digest()), subscriber("ana@example.org"))[2])

    assert "The summit's second day." in text(page)
    assert "Delegates arrive for the summit." not in text(page)


def test_a_photo_whose_renditions_are_not_ready_is_left_out_never_broken():
    ArticleFactory(headline="Photo still rendering", lead_photo=PhotoFactory(renditions=False))
    gone = ArticleFactory(headline="Rendition file lost", published_at=ago(5))
    for rendition in Rendition.objects.filter(photo=gone.lead_photo):
        rendition.file.storage.delete(rendition.file.name)

    page = parse(email_of(digests.build_issue(digest()), subscriber("ana@example.org"))[2])

    assert texts(page, "h1, h3") == ["Photo still rendering", "Rendition file lost"]
    assert page.select("img") == []


def test_the_email_has_text_and_html_parts_and_one_click_unsubscribe_headers():
    ArticleFactory(headline="Crossing reopens")
    reader = subscriber("ana@example.org")
    # The link is signed with the time it was made: the clock stands still between the two.
    with time_machine.travel(timezone.now(), tick=False):
        message, plain, html = email_of(digests.build_issue(digest()), reader)
        own_link = unsubscribe_url(reader)

    assert message["To"] == "ana@example.org"
    assert settings.SITE_NAME in message["Subject"]
    # A long header is folded onto a second line: the value is what is left of the spaces.
    assert message["List-Unsubscribe"].strip() == f"<{own_link}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Message-ID"]
    assert message.get_content_type() == "multipart/alternative"
    assert "Crossing reopens" in plain and f"Unsubscribe: {own_link}" in plain
    unsubscribe = [a for a in parse(html).select("a") if text(a) == "Unsubscribe"]
    assert [a["href"] for a in unsubscribe] == [own_link]
    assert own_link.startswith(settings.SITE_URL)


def test_each_reader_gets_their_own_unsubscribe_link():
    issue = digests.build_issue(digest())
    ana, ben = subscriber("ana@example.org"), subscriber("ben@example.org")

    assert (
        email_of(issue, ana)[0]["List-Unsubscribe"] != email_of(issue, ben)[0]["List-Unsubscribe"]
    )


def test_the_join_link_credits_the_lead_story_and_the_newsletter():
    ArticleFactory(published_at=ago(30))
    lead = ArticleFactory(published_at=ago(5))
    page = parse(email_of(digests.build_issue(digest()), subscriber("ana@example.org"))[2])

    (join,) = [a for a in page.select("a") if text(a) == "Support our journalism"]
    address = urlsplit(join["href"])
    assert f"{address.scheme}://{address.netloc}" == settings.SITE_URL
    assert address.path == "/join/"
    assert parse_qs(address.query) == {"from": [str(lead.pk)], "via": ["newsletter"]}


def test_the_editors_note_comes_first_and_is_escaped():
    ArticleFactory(headline="Crossing reopens")
    note = "Good morning. <b>Elections</b> are on Sunday."
    issue = digests.build_issue(digest(editor_note=note))
    _message, plain, html = email_of(issue, subscriber("ana@example.org"))

    assert html.index("Good morning.") < html.index("Crossing reopens")
    assert "&lt;b&gt;Elections&lt;/b&gt;" in html and "<b>" not in html
    assert plain.index(note) < plain.index("Crossing reopens")


def test_an_issue_keeps_its_frozen_stories_whatever_is_published_later():
    first = ArticleFactory(headline="In the issue")
    frozen = digest()
    digests.freeze_stories(frozen)
    frozen.save()
    ArticleFactory(headline="Published after sending started")

    issue = digests.build_issue(frozen)
    assert frozen.stories == [first.pk]
    assert issue.lead.headline == "In the issue" and issue.sections == []


def test_a_period_without_stories_says_so():
    _message, plain, html = email_of(digests.build_issue(digest()), subscriber("a@example.org"))

    assert "No new stories in this period." in plain
    assert "No new stories in this period." in text(parse(html))
    assert "via=newsletter" in html

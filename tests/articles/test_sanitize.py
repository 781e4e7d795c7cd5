"""Story bodies keep the journalism and lose anything a browser would run."""

import json

import pytest
from django.core import serializers
from django.core.management import call_command
from pytest_django.asserts import assertHTMLEqual

from articles.models import Article
from articles.sanitize import sanitize_html
from tests.dom import active_content, parse
from tests.factories import ArticleFactory, RegionFactory

pytestmark = pytest.mark.django_db


SAFE_PICTURE = '<img src="x" alt="" loading="lazy" decoding="async">'


@pytest.mark.parametrize(
    "hostile, left",
    [
        ("<script>alert(1)</script>", ""),
        ('<img src="x" onerror="alert(1)">', SAFE_PICTURE),
        ('<a href="javascript:alert(1)">click</a>', "<a>click</a>"),
        ('<a href=" JaVaScRiPt:alert(1)">click</a>', "<a>click</a>"),
        ('<a href="jav&#x09;ascript:alert(1)">click</a>', "<a>click</a>"),
        (
            '<p onclick="alert(1)" style="background:url(javascript:alert(1))">text</p>',
            "<p>text</p>",
        ),
        ('<iframe src="https://evil.example/"></iframe>', ""),
        ('<svg onload="alert(1)"></svg>', ""),
        ('<img src="data:image/svg+xml;base64,PHN2Zz4=">', ""),
        ('<form action="https://evil.example/"><input name="card"></form>', ""),
        ("<style>body{display:none}</style>", ""),
    ],
)
def test_nothing_executable_survives(hostile, left):
    clean = sanitize_html(f"<p>Before</p>{hostile}<p>After</p>")
    assert active_content(parse(clean)) == []
    # Whatever harmless text or picture it carried stays, and the story around it is untouched.
    assertHTMLEqual(clean, f"<p>Before</p>{left}<p>After</p>")


def test_photos_with_captions_quotes_lists_and_links_survive():
    body = (
        "<h2>What happened</h2>"
        '<p>Read <a href="https://example.org/report" title="The report">the report</a> and '
        '<a href="/news/earlier/">our earlier story</a>, or <a href="mailto:desk@example.org">'
        "write to us</a>.</p>"
        '<figure><img src="/media/originals/fence.jpg" alt="A fence" width="800" height="533">'
        "<figcaption>The new fence. <cite>Photo: Staff</cite></figcaption></figure>"
        "<blockquote><p>“We were not asked,” she said.</p></blockquote>"
        "<ul><li>One</li></ul><ol><li>Two</li></ol><p>H<sub>2</sub>O and 10<sup>3</sup></p><hr>"
    )
    # All of it is kept; the external link gains a safe rel and the picture loads lazily.
    assertHTMLEqual(
        sanitize_html(body),
        body.replace(
            'title="The report"', 'title="The report" rel="noopener noreferrer nofollow"'
        ).replace('height="533"', 'height="533" loading="lazy" decoding="async"'),
    )


def test_external_links_get_a_safe_rel_and_internal_ones_do_not():
    clean = sanitize_html('<a href="https://example.org/">out</a><a href="/news/x/">in</a>')
    assertHTMLEqual(
        clean,
        '<a href="https://example.org/" rel="noopener noreferrer nofollow">out</a>'
        '<a href="/news/x/">in</a>',
    )


def test_pictures_only_come_from_the_web_or_this_site():
    clean = sanitize_html('<img src="mailto:x@example.org"><img src="//cdn.example/a.png">')
    assert clean == ""  # nothing left to show, so no empty picture either


def test_pictures_without_a_description_are_marked_decorative():
    clean = sanitize_html('<img src="https://example.org/a.jpg">')
    assertHTMLEqual(
        clean, '<img src="https://example.org/a.jpg" alt="" loading="lazy" decoding="async">'
    )


def test_sanitising_twice_changes_nothing():
    once = sanitize_html('<p><a href="https://example.org/">x</a><img src="/a.jpg" alt=""></p>')
    assert sanitize_html(once) == once


def test_every_save_sanitises_the_body_even_outside_the_admin():
    article = ArticleFactory(
        body='<p>Fine</p><script>steal()</script><img src=x onerror="steal()">'
    )
    article.refresh_from_db()
    assertHTMLEqual(article.body, f"<p>Fine</p>{SAFE_PICTURE}")


def test_an_empty_editor_body_is_stored_empty():
    assert sanitize_html("<p></p>") == ""


HOSTILE_BODY = '<p>Story</p><script>alert(1)</script><p onclick="steal()">Tap</p>'


def _stored_body(pk):
    return Article.objects.values_list("body", flat=True).get(pk=pk)


def test_a_bulk_update_of_the_body_stores_only_the_allowlist():
    story = ArticleFactory()
    Article.objects.filter(pk=story.pk).update(body=HOSTILE_BODY)
    assert _stored_body(story.pk) == "<p>Story</p><p>Tap</p>"


def test_bulk_created_and_bulk_updated_bodies_store_only_the_allowlist():
    made = ArticleFactory.build(body=HOSTILE_BODY, primary_region=RegionFactory())
    made.lead_photo.save()
    made.lead_photo_id = made.lead_photo.pk
    (created,) = Article.objects.bulk_create([made])
    assert _stored_body(created.pk) == "<p>Story</p><p>Tap</p>"
    created.body = '<p>Later</p><iframe src="https://evil.example/"></iframe>'
    Article.objects.bulk_update([created], ["body"])
    assert _stored_body(created.pk) == "<p>Later</p>"


def test_a_body_loaded_from_a_fixture_stores_only_the_allowlist(tmp_path):
    story = ArticleFactory()
    fixture = tmp_path / "story.json"
    data = json.loads(serializers.serialize("json", [story]))
    data[0]["fields"]["body"] = HOSTILE_BODY
    fixture.write_text(json.dumps(data))
    call_command("loaddata", str(fixture), verbosity=0)
    assert _stored_body(story.pk) == "<p>Story</p><p>Tap</p>"


def test_protocol_relative_links_to_other_sites_are_external_too(settings):
    settings.SITE_URL = "https://news.example"
    page = parse(
        sanitize_html(
            '<a href="//evil.example/x">theirs</a>'
            '<a href="//news.example/news/y/">ours</a><a href="/news/z/">ours too</a>'
        )
    )
    rels = {a.text: a.get("rel") for a in page.find_all("a")}
    assert rels == {
        "theirs": ["noopener", "noreferrer", "nofollow"],
        "ours": None,
        "ours too": None,
    }

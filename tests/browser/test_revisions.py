"""An editor opens a story's history, compares two revisions and restores the earlier one."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from articles import services
from articles.models import Article
from tests.browser.conftest import DESKTOP, PHONE
from tests.factories import ArticleFactory, CorrectionFactory
from tests.staff.sign_in import sign_in_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "correct horse 7"


def story_rewritten_by(editor):
    """A live story whose headline and last paragraph were rewritten after it went out."""
    article = ArticleFactory(
        headline="Pass reopens after snow",
        body="<p>The Jvari pass reopened on Tuesday.</p><p>Lorries queued for hours.</p>",
    )
    CorrectionFactory(article=article, text="An earlier version named the wrong pass.")
    services.article_save(article=article, user=editor)
    article.headline = "Pass closes again after new snow"
    article.body = "<p>The Jvari pass reopened on Tuesday.</p><p>It closed again at dusk.</p>"
    services.article_save(article=article, user=editor)
    return article


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_editor_compares_two_revisions_and_restores_the_earlier_one(page, viewport):
    editor = get_user_model().objects.create_superuser("editor", "e@example.org", PASSWORD)
    article = story_rewritten_by(editor)
    page.set_viewport_size(viewport)
    sign_in_page(page, editor, PASSWORD)

    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.get_by_role("link", name="History").click()
    rows = page.locator(".revision-list tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Changed headline and body.")
    expect(rows.first).to_contain_text("Current")

    page.get_by_role("button", name="Compare the chosen revisions").click()
    headline = page.locator("tbody tr", has_text="Headline")
    expect(headline.locator("td").first.locator("del")).to_have_text("reopens")
    expect(headline.locator("td").last.locator("ins")).to_have_text(["closes again", "new"])
    body = page.locator("tbody tr", has_text="Body")
    expect(body.locator("td").first.locator("del")).to_have_text("Lorries queued for hours.")
    expect(body.locator("td").last.locator("ins")).to_have_text("It closed again at dusk.")

    page.get_by_role("link", name="Restore this revision…").click()
    expect(page.locator("#content")).to_contain_text("readers see the restored version at once")
    page.get_by_role("button", name="Restore this revision").click()

    expect(page.locator(".messagelist")).to_contain_text("Readers see the restored story now.")
    expect(page.locator("#id_headline")).to_have_value("Pass reopens after snow")
    article = Article.objects.get(pk=article.pk)
    assert article.is_published
    assert list(article.corrections.values_list("text", flat=True)) == [
        "An earlier version named the wrong pass."
    ]

    page.goto(article.get_absolute_url())
    expect(page.locator("h1")).to_have_text("Pass reopens after snow")
    expect(page.locator("main")).to_contain_text("Lorries queued for hours.")
    expect(page.locator("main")).to_contain_text("An earlier version named the wrong pass.")

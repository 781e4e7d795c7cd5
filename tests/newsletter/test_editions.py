"""Each edition's newsletter: readers sign up in the edition they read, and its digest holds its
own stories in its own words, its links to its own pages."""

from urllib.parse import urlsplit

import pytest
from django.core import mail

from articles.models import RegionWording
from newsletter import digests
from newsletter.models import Subscriber
from tests.dom import parse, text
from tests.factories import ArticleFactory, RegionFactory
from tests.newsletter.conftest import emails_to
from tests.newsletter.helpers import digest, subscriber
from tests.newsletter.test_digests import email_of

pytestmark = pytest.mark.django_db


def test_signing_up_under_a_russian_story_subscribes_to_the_russian_edition(client):
    response = client.post("/ru/newsletter/", {"email": "nino@example.org", "frequency": "daily"})
    assert response.status_code == 200
    assert Subscriber.objects.get().edition == "ru"
    [message] = emails_to("nino@example.org")
    assert "https://news.example.org/ru/newsletter/confirm/" in message.body


def test_a_reader_may_choose_the_other_edition_on_the_sign_up_page(client):
    client.post(
        "/newsletter/", {"email": "nino@example.org", "frequency": "weekly", "edition": "ru"}
    )
    assert Subscriber.objects.get().edition == "ru"
    assert mail.outbox


def test_an_editions_digest_holds_its_own_stories_in_its_own_words():
    region = RegionFactory(name="Georgia")
    RegionWording.objects.create(region=region, language="ru", name="Грузия")
    ArticleFactory(headline="Council votes", primary_region=region)
    lead = ArticleFactory(headline="Совет проголосовал", language="ru", primary_region=region)
    issue = digests.build_issue(digest(edition="ru"))
    assert issue.lead.headline == "Совет проголосовал" and issue.sections == []
    assert issue.lead.region == "Грузия"
    assert issue.lead.url == f"https://news.example.org/ru/news/{lead.slug}/"

    _message, plain, html = email_of(issue, subscriber("ana@example.org", edition="ru"))
    assert "Council votes" not in plain
    page = parse(html)
    links = [a["href"] for a in page.select("a") if "news.example.org" in a["href"]]
    assert links and all(urlsplit(link).path.startswith("/ru/") for link in links), links
    assert any(text(a) and "/ru/join/" in a["href"] for a in page.select("a"))


def test_the_english_digest_leaves_the_russian_stories_out():
    ArticleFactory(headline="Council votes")
    ArticleFactory(headline="Совет проголосовал", language="ru")
    issue = digests.build_issue(digest(edition="en"))
    assert issue.lead.headline == "Council votes" and issue.sections == []

"""What readers see: only published stories, safely escaped, in pages that hold together."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.images import get_rendition
from articles.models import Article
from articles.views import PAGE_SIZE
from tests.dom import active_content, one, parse, text, texts
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CorrectionFactory,
    PhotoFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    """A region, an author and a tag shared by one live, one draft and one scheduled story."""
    region = RegionFactory(name="Georgia", slug="georgia")
    author = AuthorFactory(name="Nino Beridze", slug="nino-beridze")
    live = ArticleFactory(
        headline="Live story", primary_region=region, authors=[author], tag_names=["borders"]
    )
    draft = ArticleFactory(
        headline="Secret draft",
        draft=True,
        primary_region=region,
        authors=[author],
        tag_names=["borders", "embargoed"],
    )
    scheduled = ArticleFactory(
        headline="Tomorrow's scoop",
        scheduled=True,
        primary_region=region,
        authors=[author],
        tag_names=["borders", "embargoed"],
    )
    return {"region": region, "author": author, "live": live, "hidden": [draft, scheduled]}


def public_pages(desk):
    return [
        reverse("articles:home"),
        reverse("articles:region", kwargs={"slug": "georgia"}),
        reverse("articles:tag", kwargs={"slug": "borders"}),
        reverse("articles:author", kwargs={"slug": "nino-beridze"}),
        desk["live"].get_absolute_url(),
    ]


def test_drafts_and_scheduled_stories_are_not_found(client, desk):
    for article in desk["hidden"]:
        assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get("/news/no-such-story/").status_code == 404


def test_drafts_and_scheduled_stories_never_appear_in_any_list(client, desk):
    for url in public_pages(desk):
        page = client.get(url)
        assert page.status_code == 200, url
        assert "Secret draft" not in page.text, url
        assert "Tomorrow" not in page.text, url


def test_lists_count_only_published_stories(client, desk):
    region = desk["region"]
    for _ in range(PAGE_SIZE - 1):
        ArticleFactory(primary_region=region)
    for _ in range(3):
        ArticleFactory(primary_region=region, draft=True)
        ArticleFactory(primary_region=region, scheduled=True)
    page = client.get(reverse("articles:region", kwargs={"slug": "georgia"}))
    assert page.context["paginator"].count == PAGE_SIZE
    assert not page.context["is_paginated"]
    assert "Page 1 of" not in page.text


def test_a_tag_used_only_on_unpublished_stories_is_not_found(client, desk):
    assert client.get(reverse("articles:tag", kwargs={"slug": "embargoed"})).status_code == 404
    assert client.get(reverse("articles:tag", kwargs={"slug": "no-such-tag"})).status_code == 404


def test_unknown_region_and_author_are_not_found(client):
    assert client.get(reverse("articles:region", kwargs={"slug": "atlantis"})).status_code == 404
    assert client.get(reverse("articles:author", kwargs={"slug": "nobody"})).status_code == 404


def test_an_old_address_of_an_unpublished_story_does_not_redirect(client, desk):
    from articles.models import SlugRedirect

    SlugRedirect.objects.create(old_slug="old-secret", article=desk["hidden"][0])
    assert client.get("/news/old-secret/").status_code == 404


def test_region_pages_are_paginated_newest_first(client):
    region = RegionFactory(slug="armenia", name="Armenia")
    now = timezone.now()
    for n in range(PAGE_SIZE + 3):
        ArticleFactory(
            primary_region=region,
            headline=f"Story {n:02d}",
            published_at=now - timedelta(hours=n + 1),
        )
    url = reverse("articles:region", kwargs={"slug": "armenia"})
    first = parse(client.get(url))
    assert texts(first, ".river .card__headline") == [f"Story {n:02d}" for n in range(PAGE_SIZE)]
    assert text(one(first, ".pagination__where")) == "Page 1 of 2"
    assert one(first, '.pagination a[rel="next"]')["href"] == "?page=2"
    second = parse(client.get(url, {"page": 2}))
    assert texts(second, ".river .card__headline") == [
        f"Story {n:02d}" for n in range(PAGE_SIZE, PAGE_SIZE + 3)
    ]
    assert one(second, '.pagination a[rel="prev"]')["href"] == "?page=1"
    assert second.select('.pagination a[rel="next"]') == []
    assert client.get(url, {"page": 3}).status_code == 404


def test_region_page_includes_stories_where_it_is_a_secondary_region(client):
    armenia = RegionFactory(slug="armenia", name="Armenia")
    story = ArticleFactory(headline="Cross-border trade resumes")
    story.regions.add(armenia)
    page = parse(client.get(reverse("articles:region", kwargs={"slug": "armenia"})))
    assert texts(page, ".river .card__headline") == ["Cross-border trade resumes"]


def test_article_page_has_everything_a_reader_expects(client):
    region = RegionFactory(name="Abkhazia", slug="abkhazia")
    other = RegionFactory(name="Georgia", slug="georgia")
    first = AuthorFactory(name="Anna Petrosyan", slug="anna")
    second = AuthorFactory(name="Giorgi Kapanadze", slug="giorgi")
    photo = PhotoFactory(
        caption="The crossing at dawn.", credit="Agency X", credit_url="https://agency.example/"
    )
    article = ArticleFactory(
        headline="Crossing reopens",
        standfirst="After two years, people can cross again.",
        primary_region=region,
        lead_photo=photo,
        lead_photo_caption="People queue at the crossing.",
        authors=[second, first],
        tag_names=["crossings"],
        updated_at=timezone.now(),
        body='<p>Text.</p><blockquote><p>Quote</p></blockquote><a href="/news/x/">link</a>',
    )
    article.regions.add(other)
    CorrectionFactory(article=article, text="An earlier version gave the wrong date.")
    response = client.get(article.get_absolute_url())
    page = parse(response)
    story = one(page, "main article.story")
    kicker = one(story, ".story__header .kicker a")
    assert (text(kicker), kicker["href"]) == ("Abkhazia", "/region/abkhazia/")
    assert text(one(page, "h1")) == "Crossing reopens"
    assert text(one(story, ".story__standfirst")) == "After two years, people can cross again."
    # Authors in byline order, linked to their pages.
    assert [(text(a), a["href"]) for a in story.select(".story__byline a")] == [
        ("Giorgi Kapanadze", "/author/giorgi/"),
        ("Anna Petrosyan", "/author/anna/"),
    ]
    assert len(story.select("time[datetime]")) == 3  # published, updated, correction
    lead = one(story, "figure.story__lead")
    assert text(one(lead, "figcaption .caption")) == "People queue at the crossing."
    assert "The crossing at dawn." not in response.text
    credit = one(lead, "figcaption .credit")
    assert text(credit) == "Photo: Agency X"
    credit_link = one(credit, "a")
    assert credit_link["href"] == "https://agency.example/"
    assert set(credit_link["rel"]) == {"nofollow", "noopener"}
    picture = one(lead, "picture img")
    assert (picture["loading"], picture["fetchpriority"]) == ("eager", "high")
    assert text(one(story, ".story__body blockquote > p")) == "Quote"
    assert [(text(a), a["href"]) for a in story.select(".story__topics a.chip")] == [
        ("crossings", "/tag/crossings/"),
        ("Abkhazia", "/region/abkhazia/"),
        ("Georgia", "/region/georgia/"),
    ]
    assert "An earlier version gave the wrong date." in text(one(story, ".corrections li"))
    assert one(page, ".join-box form")["action"] == reverse("memberships:join")
    skip_link = one(page, "a.skip-link")
    assert one(page, skip_link["href"]).name == "main"


def test_article_times_are_machine_readable(client):
    article = ArticleFactory()
    page = parse(client.get(article.get_absolute_url()))
    local = timezone.localtime(article.published_at)
    assert one(page, ".story__dates > time")["datetime"] == local.isoformat()


def test_hostile_text_is_shown_as_text_never_as_markup(client):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    region = RegionFactory(name=f"Region {payload}", slug="hostile-region")
    author = AuthorFactory(name=f"Author {payload}", slug="hostile-author", bio=payload)
    photo = PhotoFactory(caption=payload, credit=payload, credit_url="javascript:alert(1)")
    article = ArticleFactory(
        headline=f"Headline {payload}",
        standfirst=payload,
        primary_region=region,
        lead_photo=photo,
        authors=[author],
        tag_names=["hostile"],
    )
    CorrectionFactory(article=article, text=payload)
    urls = [
        reverse("articles:home"),
        article.get_absolute_url(),
        reverse("articles:region", kwargs={"slug": "hostile-region"}),
        reverse("articles:tag", kwargs={"slug": "hostile"}),
        reverse("articles:author", kwargs={"slug": "hostile-author"}),
    ]
    for url in urls:
        response = client.get(url)
        page = parse(response)
        # Nothing on the page can run but the story page's own beacon.
        assert active_content(page) == page.select('script[src="/static/js/beacon.js"]'), url
        assert f"Headline {payload}" in texts(page, "h1, .card__headline"), url
        # Not even as text inside the JSON-LD, where browsers have their own rules for "<script".
        assert "<script>alert" not in response.text, url

    story = parse(client.get(article.get_absolute_url()))
    assert text(one(story, ".story__header .kicker")) == f"Region {payload}"
    assert text(one(story, ".story__standfirst")) == payload
    assert text(one(story, ".story__byline")) == f"By Author {payload}"
    assert text(one(story, ".story__lead .caption")) == payload
    credit = one(story, ".story__lead .credit")
    assert text(credit) == f"Photo: {payload}"
    assert credit.select("a") == []  # its javascript: address is no link at all
    assert text(one(story, ".corrections li")).endswith(f": {payload}")
    author_page = parse(client.get(reverse("articles:author", kwargs={"slug": "hostile-author"})))
    assert text(one(author_page, ".author-profile__bio")) == payload


def test_lead_photo_credit_without_link_is_plain_text(client):
    article = ArticleFactory(lead_photo=PhotoFactory(credit="Staff photographer", credit_url=""))
    credit = one(parse(client.get(article.get_absolute_url())), ".story__lead .credit")
    assert text(credit) == "Photo: Staff photographer"
    assert credit.select("a") == []


def test_home_has_a_lead_story_the_latest_and_a_section_per_region(client):
    georgia = RegionFactory(name="Georgia", slug="georgia", nav_order=1)
    armenia = RegionFactory(name="Armenia", slug="armenia", nav_order=2)
    now = timezone.now()
    for n in range(12):
        ArticleFactory(
            headline=f"Georgia {n:02d}",
            primary_region=georgia,
            published_at=now - timedelta(hours=n + 1),
        )
    for n in range(6):
        ArticleFactory(
            headline=f"Armenia {n:02d}",
            primary_region=armenia,
            published_at=now - timedelta(days=1, hours=n),
        )
    home = parse(client.get(reverse("articles:home")))
    assert text(one(home, ".card--lead .card__headline")) == "Georgia 00"
    sections = home.select(".region-section")
    assert [text(one(section, "h2")) for section in sections] == ["Georgia", "Armenia"]
    # Each section carries on from the top of the page, four stories at most, newest first.
    assert texts(sections[0], ".card__headline") == [
        "Georgia 07",
        "Georgia 08",
        "Georgia 09",
        "Georgia 10",
    ]
    assert texts(sections[1], ".card__headline") == [
        "Armenia 00",
        "Armenia 01",
        "Armenia 02",
        "Armenia 03",
    ]


def test_home_with_no_stories_still_works(client):
    page = client.get(reverse("articles:home"))
    assert page.status_code == 200
    assert "No stories have been published yet." in page.text


def test_author_page_shows_bio_and_portrait(client):
    author = AuthorFactory(
        name="Leyla Aliyeva", slug="leyla", role="Baku correspondent", bio="Covers courts."
    )
    author.portrait = PhotoFactory(alt_text="Portrait of Leyla")
    author.save()
    ArticleFactory(authors=[author], headline="Court verdict")
    response = client.get(reverse("articles:author", kwargs={"slug": "leyla"}))
    page = parse(response)
    assert text(one(page, "h1")) == "Leyla Aliyeva"
    assert text(one(page, ".author-profile__role")) == "Baku correspondent"
    assert text(one(page, ".author-profile__bio")) == "Covers courts."
    portrait = get_rendition(author.portrait, shape="1x1", width=320, format="jpeg")
    assert one(page, ".author-profile__portrait picture img")["src"] == portrait.file.url
    assert author.portrait.image.name not in response.text
    assert texts(page, ".river .card__headline") == ["Court verdict"]


def test_an_author_without_published_stories_still_has_a_page(client):
    AuthorFactory(name="New Hire", slug="new-hire")
    page = client.get(reverse("articles:author", kwargs={"slug": "new-hire"}))
    assert page.status_code == 200 and "No stories here yet." in page.text
    assert Article.objects.count() == 0

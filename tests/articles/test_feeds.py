import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, AuthorFactory, PhotoFactory, RegionFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
MEDIA = "{http://search.yahoo.com/mrss/}"


def get_xml(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, ET.fromstring(response.content)


def rss_titles(root):
    return [item.findtext("title") for item in root.iter("item")]


def atom_titles(root):
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


def test_site_feed_lists_published_stories_newest_first_and_no_drafts(client):
    ArticleFactory(headline="Older story")
    ArticleFactory(headline="Newer story")
    ArticleFactory(headline="Secret draft", draft=True)
    ArticleFactory(headline="Tomorrow's story", scheduled=True)

    response, root = get_xml(client, reverse("articles:feed"))

    assert response["Content-Type"].startswith("application/rss+xml")
    assert rss_titles(root) == ["Newer story", "Older story"]
    assert b"Secret draft" not in response.content
    assert b"Tomorrow" not in response.content


def test_feed_items_link_to_the_story_and_carry_the_photo_with_caption_and_credit(client):
    photo = PhotoFactory(
        caption="Shepherds move their flocks down from Tusheti.",
        credit="Nino Beridze",
        licence="CC BY 4.0",
    )
    article = ArticleFactory(
        headline="Autumn in the mountains", lead_photo=photo, tag_names=["farming"]
    )

    _, root = get_xml(client, reverse("articles:feed"))

    item = next(root.iter("item"))
    assert item.findtext("link") == f"http://127.0.0.1:8000{article.get_absolute_url()}"
    assert item.findtext("description") == article.standfirst
    assert {c.text for c in item.findall("category")} == {article.primary_region.name, "farming"}
    media = item.find(f"{MEDIA}content")
    assert media.get("url").startswith("http://127.0.0.1:8000/media/renditions/")
    assert media.get("medium") == "image"
    assert (media.get("width"), media.get("height")) == ("1200", "675")
    assert media.findtext(f"{MEDIA}description") == photo.caption
    assert media.findtext(f"{MEDIA}credit") == "Nino Beridze"
    assert media.findtext(f"{MEDIA}copyright") == "CC BY 4.0"


def test_story_caption_override_is_used_in_the_feed(client):
    ArticleFactory(lead_photo_caption="The same square, a year later.")

    _, root = get_xml(client, reverse("articles:feed"))

    media = next(root.iter("item")).find(f"{MEDIA}content")
    assert media.findtext(f"{MEDIA}description") == "The same square, a year later."


def test_story_without_a_photo_has_no_media_element(client):
    ArticleFactory(lead_photo=None)

    _, root = get_xml(client, reverse("articles:feed"))

    assert next(root.iter("item")).find(f"{MEDIA}content") is None


def test_atom_feed_is_valid_and_has_a_self_link_and_the_photo(client):
    ArticleFactory(headline="Atom story")
    ArticleFactory(headline="Atom draft", draft=True)

    response, root = get_xml(client, reverse("articles:feed_atom"))

    assert response["Content-Type"].startswith("application/atom+xml")
    assert root.tag == f"{ATOM}feed"
    assert atom_titles(root) == ["Atom story"]
    self_link = root.find(f"{ATOM}link[@rel='self']")
    assert self_link.get("href") == "http://127.0.0.1:8000/feed/atom/"
    entry = next(root.iter(f"{ATOM}entry"))
    assert entry.find(f"{MEDIA}content/{MEDIA}credit").text == "Press service"


def test_headlines_with_markup_characters_keep_the_feed_well_formed(client):
    ArticleFactory(headline='Tom & Jerry <b>"quoted"</b> ]]> story')

    _, rss = get_xml(client, reverse("articles:feed"))
    _, atom = get_xml(client, reverse("articles:feed_atom"))

    assert rss_titles(rss) == ['Tom & Jerry <b>"quoted"</b> ]]> story']
    assert atom_titles(atom) == ['Tom & Jerry <b>"quoted"</b> ]]> story']


def test_region_feed_lists_only_that_regions_stories(client):
    georgia = RegionFactory(name="Georgia", slug="georgia")
    armenia = RegionFactory(name="Armenia", slug="armenia")
    ArticleFactory(headline="Tbilisi story", primary_region=georgia)
    also_georgia = ArticleFactory(headline="Cross-border story", primary_region=armenia)
    also_georgia.regions.add(georgia)
    ArticleFactory(headline="Yerevan story", primary_region=armenia)
    ArticleFactory(headline="Georgian draft", primary_region=georgia, draft=True)

    _, rss = get_xml(client, reverse("articles:region_feed", kwargs={"slug": "georgia"}))
    _, atom = get_xml(client, reverse("articles:region_feed_atom", kwargs={"slug": "georgia"}))

    assert sorted(rss_titles(rss)) == ["Cross-border story", "Tbilisi story"]
    assert sorted(atom_titles(atom)) == ["Cross-border story", "Tbilisi story"]
    assert rss.findtext("channel/title") == "Newsroom: Georgia"


def test_tag_and_author_feeds_list_only_their_stories(client):
    reporter = AuthorFactory(name="Lala Aliyeva", slug="lala-aliyeva")
    ArticleFactory(headline="Oil story", tag_names=["oil"], authors=[reporter])
    ArticleFactory(headline="Other story", tag_names=["wine"])
    ArticleFactory(headline="Oil draft", tag_names=["oil"], authors=[reporter], draft=True)

    _, tag_rss = get_xml(client, reverse("articles:tag_feed", kwargs={"slug": "oil"}))
    _, tag_atom = get_xml(client, reverse("articles:tag_feed_atom", kwargs={"slug": "oil"}))
    _, author_rss = get_xml(
        client, reverse("articles:author_feed", kwargs={"slug": "lala-aliyeva"})
    )
    _, author_atom = get_xml(
        client, reverse("articles:author_feed_atom", kwargs={"slug": "lala-aliyeva"})
    )

    assert rss_titles(tag_rss) == atom_titles(tag_atom) == ["Oil story"]
    assert rss_titles(author_rss) == atom_titles(author_atom) == ["Oil story"]
    item = next(author_rss.iter("item"))
    assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == "Lala Aliyeva"


@pytest.mark.parametrize("name", ["region_feed", "tag_feed", "author_feed", "region_feed_atom"])
def test_feed_of_an_unknown_subject_is_not_found(client, name):
    assert client.get(reverse(f"articles:{name}", kwargs={"slug": "nowhere"})).status_code == 404


def test_pages_announce_their_feeds(client):
    region = RegionFactory(name="Abkhazia", slug="abkhazia")
    ArticleFactory(primary_region=region)

    home = client.get(reverse("articles:home")).text
    region_page = client.get(region.get_absolute_url()).text

    site_feed = (
        '<link rel="alternate" type="application/rss+xml" '
        'title="Newsroom: latest stories (RSS)" href="http://127.0.0.1:8000/feed/">'
    )
    assert site_feed in home
    assert 'href="http://127.0.0.1:8000/feed/atom/"' in home
    assert site_feed in region_page
    assert 'href="http://127.0.0.1:8000/region/abkhazia/feed/"' in region_page
    assert 'href="http://127.0.0.1:8000/region/abkhazia/feed/atom/"' in region_page


@pytest.mark.parametrize("stories", [2, 12])
def test_feed_queries_do_not_grow_with_stories(client, django_assert_max_num_queries, stories):
    for _ in range(stories):
        ArticleFactory(tag_names=["politics", "energy"])

    # The feed itself takes five; the page cache asks once when the next story is scheduled.
    with django_assert_max_num_queries(7):
        _, root = get_xml(client, reverse("articles:feed"))

    assert len(rss_titles(root)) == stories


def test_standfirst_is_sent_as_text_even_to_readers_that_render_html(client):
    ArticleFactory(standfirst="Why <b>this</b> & that matter")

    _, rss = get_xml(client, reverse("articles:feed"))
    _, atom = get_xml(client, reverse("articles:feed_atom"))

    escaped = "Why &lt;b&gt;this&lt;/b&gt; &amp; that matter"
    assert next(rss.iter("item")).findtext("description") == escaped
    assert next(atom.iter(f"{ATOM}entry")).findtext(f"{ATOM}summary") == escaped


def test_atom_feed_names_an_author_even_for_a_story_without_byline(client):
    ArticleFactory().bylines.all().delete()

    _, atom = get_xml(client, reverse("articles:feed_atom"))

    assert atom.findtext(f"{ATOM}author/{ATOM}name") == "Newsroom"
    assert next(atom.iter(f"{ATOM}entry")).find(f"{ATOM}author") is None

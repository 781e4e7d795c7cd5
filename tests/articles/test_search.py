from datetime import timedelta
from io import StringIO
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.search import MAX_QUERY_LENGTH, RESULTS_PER_PAGE
from tests.articles.test_query_budgets import budget
from tests.dom import active_content, one, parse, text, texts
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="full-text search (stemming, stored search documents) exists only on PostgreSQL",
)


def search(client, query, **params):
    response = client.get(reverse("articles:search"), {"q": query, **params})
    assert response.status_code == 200
    return response


def result_headlines(response):
    """The headlines of the results, in order, as the reader sees them."""
    return texts(parse(response), ".search-result .card__headline")


def query_of_link(page, rel):
    """The query string of the results page's "next" or "prev" link, as a dict of lists."""
    return parse_qs(urlsplit(one(page, f'.pagination a[rel="{rel}"]')["href"]).query)


def test_search_finds_published_stories_by_words_in_headline_standfirst_or_body(client):
    ArticleFactory(headline="Wine harvest begins in Kakheti")
    ArticleFactory(headline="Border talks", standfirst="Officials met near the Kakheti line.")
    ArticleFactory(headline="Quiet week", body="<p>Farmers in <em>Kakheti</em> waited.</p>")
    ArticleFactory(headline="Nothing to do with it", body="<p>Yerevan traffic.</p>")

    headlines = result_headlines(search(client, "Kakheti"))

    assert sorted(headlines) == ["Border talks", "Quiet week", "Wine harvest begins in Kakheti"]


def test_headline_matches_rank_above_standfirst_matches_above_body_matches(client):
    now = timezone.now()
    # The body match is the newest, so ranking, not date, decides the order.
    ArticleFactory(
        headline="Quiet week",
        body="<p>Talk of a ceasefire.</p>",
        published_at=now - timedelta(minutes=1),
    )
    ArticleFactory(
        headline="Talks resume",
        standfirst="A ceasefire is discussed.",
        published_at=now - timedelta(minutes=2),
    )
    ArticleFactory(
        headline="Ceasefire agreed after long night", published_at=now - timedelta(minutes=3)
    )

    assert result_headlines(search(client, "ceasefire")) == [
        "Ceasefire agreed after long night",
        "Talks resume",
        "Quiet week",
    ]


def test_drafts_and_scheduled_stories_never_appear_in_search(client):
    ArticleFactory(headline="Published report on the dam")
    ArticleFactory(headline="Draft report on the dam", draft=True)
    ArticleFactory(headline="Scheduled report on the dam", scheduled=True)

    response = search(client, "dam")

    assert result_headlines(response) == ["Published report on the dam"]
    assert "Draft report" not in response.text
    assert "Scheduled report" not in response.text


def test_results_show_an_excerpt_with_the_match_marked_and_no_markup_from_the_story(client):
    ArticleFactory(
        headline="Mountain road reopens",
        standfirst="",
        body='<p>After weeks of work the <a href="/x">pass</a> near Stepantsminda is open '
        "to <strong>lorries</strong> again &amp; buses.</p>",
    )

    response = search(client, "lorries")

    excerpt = parse(str(response.context["page_obj"][0].excerpt))
    # The match is the only markup left: no link, no bold, no paragraph from the story.
    assert [element.name for element in excerpt.find_all(True)] == ["mark"]
    assert texts(excerpt, "mark") == ["lorries"]
    assert "Stepantsminda" in text(excerpt)
    assert "again & buses" in text(excerpt)  # its entity read once, not shown as "&amp;"
    shown = one(parse(response), ".search-result__excerpt")
    assert texts(shown, "mark") == ["lorries"]


def test_excerpt_escapes_markup_typed_into_a_story(client):
    ArticleFactory(
        headline="Hackers target ministry",
        standfirst="The message read <script>alert('owned')</script> across the homepage.",
    )

    response = search(client, "homepage")

    page = parse(response)
    assert active_content(page) == []
    excerpt = one(page, ".search-result__excerpt")
    assert {element.name for element in excerpt.find_all(True)} <= {"mark"}  # the match, no more
    # Shown as text (PostgreSQL's excerpt leaves out the tags themselves, SQLite's shows them).
    assert "alert('owned')" in text(excerpt)


@pytest.mark.parametrize(
    "query",
    [
        "!!!???...",
        "'; DROP TABLE articles_article; --",
        "' OR 1=1 --",
        "<script>alert(1)</script>",
        '"unclosed phrase',
        "-",
        "or",
        "the",
        "ceasefire & | ! :* <-> ()",
        "null\x00byte",
        "\x1b[31mred",
        "слово 言葉 كلمة",
        "%",
        "_",
    ],
)
def test_odd_queries_get_a_calm_answer(client, query):
    ArticleFactory(headline="Ceasefire holds in the north")

    response = search(client, query)

    page = parse(response)
    assert active_content(page) == []
    assert text(one(page, "h1")) == "Search"
    assert one(page, "form[role=search] input[name=q]")


def test_punctuation_only_query_asks_for_words_instead_of_searching(client):
    ArticleFactory(headline="Anything at all")

    response = search(client, "?!.,;")

    assert response.context["page_obj"] is None
    assert "nothing to search for" in response.text


def test_empty_search_page_shows_the_form_and_no_results(client, django_assert_max_num_queries):
    ArticleFactory(headline="Anything at all")

    with django_assert_max_num_queries(budget("search")):
        response = client.get(reverse("articles:search"))

    assert response.status_code == 200
    form = one(parse(response), "form[role=search]")
    label = one(form, "label[for]")
    assert text(label) == "Search our stories"
    assert one(form, f"input#{label['for']}")["name"] == "q"
    assert form.get("method") == "get"
    assert "Anything at all" not in response.text
    assert "No stories match" not in response.text


def test_query_with_no_match_says_so_calmly(client):
    ArticleFactory(headline="Ceasefire holds")

    response = search(client, "zeppelin")

    assert "No stories match “zeppelin”" in response.text


def test_very_long_query_is_shortened_and_the_reader_is_told(client):
    ArticleFactory(headline="Ceasefire holds")

    response = search(client, "ceasefire " * 1000)

    assert len(response.context["query"]) <= MAX_QUERY_LENGTH
    assert "That was a long search" in response.text
    assert result_headlines(response) == ["Ceasefire holds"]


def test_results_are_paginated_and_page_links_keep_the_query(client):
    ArticleFactory.create_batch(RESULTS_PER_PAGE + 3, headline="Election day in Batumi")

    first = search(client, "Batumi elections" if connection.vendor == "postgresql" else "Batumi")
    query = first.context["query"]
    second = search(client, query, page=2)
    beyond = search(client, query, page=99)
    nonsense = search(client, query, page="abc")

    assert len(result_headlines(first)) == RESULTS_PER_PAGE
    assert query_of_link(parse(first), "next") == {"q": [query], "page": ["2"]}
    assert len(result_headlines(second)) == 3
    assert beyond.context["page_obj"].number == 2
    assert nonsense.context["page_obj"].number == 1


@pytest.mark.parametrize("results", [3, 18])
def test_search_page_queries_do_not_grow_with_results(
    client, django_assert_max_num_queries, results
):
    ArticleFactory.create_batch(results, headline="Gas prices rise again", tag_names=["energy"])

    with django_assert_max_num_queries(budget("search")):
        response = search(client, "gas prices")

    assert len(result_headlines(response)) == results


def test_header_links_to_search(client):
    header = one(parse(client.get(reverse("articles:home"))), "header.site-header")
    search_link = one(header, f'a[href="{reverse("articles:search")}"]')
    assert text(search_link) == "Search"


@postgresql_only
def test_word_forms_find_each_other_on_postgresql(client):
    ArticleFactory(headline="Protesters return to Rustaveli Avenue")

    assert result_headlines(search(client, "protest")) == ["Protesters return to Rustaveli Avenue"]


@postgresql_only
def test_quoted_phrases_and_excluded_words_work_on_postgresql(client):
    ArticleFactory(headline="Gas pipeline opens", body="<p>The gas pipeline runs west.</p>")
    ArticleFactory(headline="Pipeline delayed", body="<p>A water pipeline, not gas.</p>")

    assert result_headlines(search(client, '"gas pipeline"')) == ["Gas pipeline opens"]
    assert result_headlines(search(client, "pipeline -water")) == ["Gas pipeline opens"]


@postgresql_only
def test_editing_a_story_updates_what_search_finds_on_postgresql(client):
    article = ArticleFactory(headline="Storm hits Poti port")

    article.headline = "Flood hits Poti port"
    article.save()

    assert result_headlines(search(client, "flood")) == ["Flood hits Poti port"]
    assert result_headlines(search(client, "storm")) == []


@postgresql_only
def test_rebuilding_the_search_index_fills_missing_documents_on_postgresql(client):
    ArticleFactory(headline="Imported story about Sukhumi")
    Article.objects.update(search_vector=None)
    assert result_headlines(search(client, "Sukhumi")) == []

    out = StringIO()
    call_command("update_search_index", stdout=out)

    assert "Updated the search document of 1 articles" in out.getvalue()

    assert result_headlines(search(client, "Sukhumi")) == ["Imported story about Sukhumi"]


@postgresql_only
def test_markup_in_the_body_is_not_searchable_on_postgresql(client):
    ArticleFactory(headline="Quiet day", body="<p><strong>Nothing</strong> happened.</p>")

    assert result_headlines(search(client, "strong")) == []


def test_reader_can_order_results_newest_first_and_pages_keep_that_order(client):
    now = timezone.now()
    ArticleFactory(headline="Wildfire near Borjomi", published_at=now - timedelta(days=3))
    ArticleFactory.create_batch(
        RESULTS_PER_PAGE,
        headline="Weather",
        body="<p>Smoke from a wildfire drifted east.</p>",
        published_at=now - timedelta(hours=1),
    )

    best = search(client, "wildfire")
    newest = search(client, "wildfire", sort="newest")

    assert result_headlines(best)[0] == "Wildfire near Borjomi"
    assert "Wildfire near Borjomi" not in result_headlines(newest)
    assert query_of_link(parse(newest), "next") == {
        "q": ["wildfire"],
        "sort": ["newest"],
        "page": ["2"],
    }
    assert result_headlines(search(client, "wildfire", sort="newest", page=2)) == [
        "Wildfire near Borjomi"
    ]


@postgresql_only
def test_full_text_search_is_answered_from_its_index_on_postgresql():
    from django.db import transaction

    with transaction.atomic(), connection.cursor() as cursor:
        # A tiny test table would otherwise always be read whole, index or not.
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = Article.objects.all().search("pipeline", "en").explain()

    assert "article_search_vector" in plan


def test_quoted_phrases_excluded_words_and_or_work_on_every_database(client):
    ArticleFactory(headline="Gas pipeline opens", body="<p>The gas pipeline runs west.</p>")
    ArticleFactory(headline="Pipeline delayed", body="<p>A water pipeline, not gas.</p>")
    ArticleFactory(headline="Wine harvest begins", body="<p>Grapes in Kakheti.</p>")

    assert result_headlines(search(client, '"gas pipeline"')) == ["Gas pipeline opens"]
    # A minus leaves the word out, as on PostgreSQL; it is not a word to look for.
    assert result_headlines(search(client, "pipeline -water")) == ["Gas pipeline opens"]
    assert result_headlines(search(client, 'pipeline -"water pipeline"')) == ["Gas pipeline opens"]
    assert sorted(result_headlines(search(client, "water or wine"))) == [
        "Pipeline delayed",
        "Wine harvest begins",
    ]
    # "or" between groups of words, as PostgreSQL reads it: (water and pipeline) or wine.
    assert sorted(result_headlines(search(client, "water pipeline or wine"))) == [
        "Pipeline delayed",
        "Wine harvest begins",
    ]
    assert result_headlines(search(client, "-pipeline")) == ["Wine harvest begins"]

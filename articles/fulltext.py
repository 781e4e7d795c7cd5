"""Finding stories by their words: the queries and excerpts (the page is ``articles.search``).

On PostgreSQL: ranked full-text search over a stored, indexed search document (headline weighs
most, then the standfirst, then the body), with highlighted excerpts. Elsewhere (SQLite in
development and tests): a plain substring match with the same interface, the same query
language (words, "quoted phrases", ``or``, ``-word`` to leave a word out) and a simpler ranking.
"""

import html
import re
from typing import NamedTuple

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import Case, F, Func, IntegerField, Q, TextField, Value, When
from django.db.models.functions import Concat
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from newsroom import editions

# Each story is searched in its edition's language (newsroom/editions.py, SEARCH_CONFIGS):
# English stemming lets "protesters" find "protest", Russian lets «выборах» find «выборы»;
# a language PostgreSQL has no stemmer for is searched word for word ("simple"). Place and
# personal names are stemmed the same way in the document and in the query, so "Tbilisi" or
# "Aliyev" still match exactly.
MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
RESULTS_PER_PAGE = 20
EXCERPT_WORDS = 35
SEARCHED_FIELDS = {"headline", "standfirst", "body"}

# Markers PostgreSQL puts around matches; private-use characters never typed by anyone, so the
# excerpt can be escaped as a whole and the markers turned into <mark> afterwards.
_START, _STOP = "\ue000", "\ue001"
_TAGS = r"<[^>]*>"
_TAGS_AND_ENTITIES = r"<[^>]*>|&[#a-zA-Z0-9]+;"


def _without_markup(expression, pattern=_TAGS_AND_ENTITIES):
    # Tags and entities are not words: a search for "strong" must not find every bold phrase.
    return Func(
        expression,
        Value(pattern),
        Value(" "),
        Value("g"),
        function="regexp_replace",
        output_field=TextField(),
    )


def search_document(config):
    """The weighted search document stored in Article.search_vector on PostgreSQL, in the
    text-search configuration ``config`` (the story's language's)."""
    return (
        SearchVector("headline", weight="A", config=config)
        + SearchVector("standfirst", weight="B", config=config)
        + SearchVector(_without_markup(F("body")), weight="C", config=config)
    )


def is_full_text(queryset):
    return connections[queryset.db].vendor == "postgresql"


def update_search_vectors(queryset):
    """Recompute the stored search document of these articles; returns how many were updated.

    One UPDATE statement per edition, so it is as cheap for one article on save as for a whole
    backfill.
    """
    if not is_full_text(queryset):
        return 0
    updated = 0
    for code in sorted(set(queryset.values_list("language", flat=True))):
        config = editions.search_config(code)
        updated += queryset.filter(language=code).update(search_vector=search_document(config))
    return updated


def clean_query(raw):
    """The query a reader meant, made safe to run: (text, was_shortened).

    Control characters (PostgreSQL refuses NUL) are dropped, runs of space collapsed, and very
    long queries cut at a word boundary.
    """
    text = "".join(ch if ch.isprintable() else " " for ch in raw or "")
    text = " ".join(text.replace(_START, " ").replace(_STOP, " ").split())
    if len(text) <= MAX_QUERY_LENGTH:
        return text, False
    cut = text[:MAX_QUERY_LENGTH]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut, True


def query_terms(query):
    """The words in a query; a query of only punctuation has none and is not run at all."""
    return re.findall(r"\w+", query)[:MAX_TERMS]


def search_articles(queryset, query, language):
    """Articles in `queryset` matching `query`, best first, annotated with `search_rank`.

    `queryset` should start from Article.objects.published().in_edition(language); this only
    narrows and orders it, reading the query in that language.
    """
    if not query_terms(query):
        return queryset.none()
    # The stored document is only for matching; no need to send it back with every row.
    queryset = queryset.defer("search_vector")
    if is_full_text(queryset):
        return _full_text(queryset, query, editions.search_config(language))
    return _substring(queryset, query)


def _full_text(queryset, query, config):
    search_query = SearchQuery(query, search_type="websearch", config=config)
    return (
        queryset.filter(search_vector=search_query)
        .annotate(search_rank=SearchRank(F("search_vector"), search_query))
        .order_by("-search_rank", "-published_at", "-pk")
    )


class _Term(NamedTuple):
    """One word, a word joined by punctuation ("e-mail": all its words) or a quoted phrase."""

    words: tuple
    phrase: bool
    left_out: bool


# A quoted phrase (the closing quote may be missing), with or without a minus, or a word.
_QUERY_PART = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def parse_query(query):
    """The query as PostgreSQL's ``websearch_to_tsquery`` reads it, for the substring search: a
    list of groups of terms, one group of which must match as a whole (``or`` starts a new
    group: "gas pipeline or oil" is (gas and pipeline) or oil). A term is a word, a "quoted
    phrase", or either after a minus, which leaves out the stories that have it."""
    groups, terms = [[]], 0
    for match in _QUERY_PART.finditer(query):
        minus, quoted, bare = match.groups()
        if bare is not None and bare.lower() == "or":
            if groups[-1]:
                groups.append([])
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            minus, bare = "-", bare[1:]
        words = tuple(re.findall(r"\w+", quoted if bare is None else bare))
        if not words or terms >= MAX_TERMS:
            continue
        groups[-1].append(_Term(words=words, phrase=bare is None, left_out=bool(minus)))
        terms += 1
    return [group for group in groups if group]


def _has(term):
    """Stories with ``term`` in their headline, standfirst or body."""
    texts = [" ".join(term.words)] if term.phrase else term.words
    found = Q()
    for text in texts:
        found &= (
            Q(headline__icontains=text) | Q(standfirst__icontains=text) | Q(body__icontains=text)
        )
    return ~found if term.left_out else found


def sought_words(query):
    """The words a query looks for (none of those it leaves out): what results are ranked by
    and what their excerpts mark."""
    return [
        word
        for group in parse_query(query)
        for term in group
        if not term.left_out
        for word in term.words
    ]


def _substring(queryset, query):
    groups = parse_query(query)
    if not groups:  # only "or"s: nothing to look for
        return queryset.none()
    any_group = Q()
    for group in groups:
        whole_group = Q()
        for term in group:
            whole_group &= _has(term)
        any_group |= whole_group
    queryset = queryset.filter(any_group)
    fields = {"headline": 4, "standfirst": 2, "body": 1}
    rank = sum(
        (
            Case(
                When(**{f"{field}__icontains": text}, then=Value(weight)),
                default=Value(0),
                output_field=IntegerField(),
            )
            for text in sought_words(query)
            for field, weight in fields.items()
        ),
        start=Value(0),
    )
    return queryset.annotate(search_rank=rank).order_by("-search_rank", "-published_at", "-pk")


def excerpts(queryset, ids, query, language):
    """``{id: excerpt}`` for the stories ``ids``: a short passage of each around the match, as
    safe HTML with the matches in <mark>. Made for the page's stories only, after ranking, so
    the ranking never carries the stories' bodies."""
    stories = queryset.filter(pk__in=ids)
    if is_full_text(queryset):
        config = editions.search_config(language)
        search_query = SearchQuery(query, search_type="websearch", config=config)
        source = Concat(
            F("standfirst"), Value(" "), _without_markup(F("body"), _TAGS), output_field=TextField()
        )
        headline = SearchHeadline(
            source,
            search_query,
            config=config,
            start_sel=_START,
            stop_sel=_STOP,
            max_words=EXCERPT_WORDS,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
        passages = {
            pk: html.unescape(text)
            for pk, text in stories.annotate(passage=headline).values_list("pk", "passage")
        }
    else:
        terms = sought_words(query) or query_terms(query)
        passages = {
            story.pk: _plain_excerpt(story, terms)
            for story in stories.only("pk", "standfirst", "body")
        }
    return {pk: _marked(text) for pk, text in passages.items()}


def _marked(text):
    text = " ".join(text.split())
    return mark_safe(  # noqa: S308 - everything but our own markers is escaped
        escape(text).replace(_START, "<mark>").replace(_STOP, "</mark>")
    )


def _plain_excerpt(article, terms):
    text = html.unescape(f"{article.standfirst} {strip_tags(article.body)}")
    words = text.replace(_START, " ").replace(_STOP, " ").split()
    alternatives = "|".join(map(re.escape, terms))
    match = re.compile(rf"\w*(?:{alternatives})\w*", re.IGNORECASE)
    first = next((i for i, word in enumerate(words) if match.search(word)), 0)
    start = max(0, first - 8)
    window = " ".join(words[start : start + EXCERPT_WORDS])
    prefix = "… " if start else ""
    suffix = " …" if start + EXCERPT_WORDS < len(words) else ""
    return prefix + match.sub(lambda m: f"{_START}{m.group(0)}{_STOP}", window) + suffix

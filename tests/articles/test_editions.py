"""Editions: one desk, one photo library, a newsroom in English at "/" and Russian at "/ru/".

Each story belongs to one edition; stories translating each other are one group, linked both
ways once published. Every reader page lists its own edition's stories, in its own words.
"""

import ast
import re
import zoneinfo
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from articles import services, wording
from articles.models import Article, PhotoWording, Region, RegionWording, TagWording
from articles.prepared import prepare
from newsroom import editions
from tests.articles.desk import desk_user
from tests.articles.test_metadata import check_schema, json_ld, meta, metas
from tests.articles.test_search import postgresql_only
from tests.dom import one, parse, text, texts
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    DailyViewsFactory,
    EditorsPickFactory,
    RegionFactory,
)
from tests.staff.sign_in import sign_in

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"


def in_russian(**fields):
    return ArticleFactory(language="ru", **fields)


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response


# --- The editions, from settings ------------------------------------------------------------


def test_the_editions_are_english_at_the_root_and_russian_under_its_prefix():
    assert editions.codes() == ["en", "ru"]
    assert editions.default() == "en"
    assert editions.name("ru") == "Русский"
    with translation.override("ru"):
        assert reverse("articles:home") == "/ru/"
    assert reverse("articles:home") == "/"


@pytest.mark.parametrize("listed", [[], ["en", "xx"], ["en", "en"]])
def test_editions_must_be_distinct_languages_django_knows(listed):
    with pytest.raises(ImproperlyConfigured):
        editions.check_codes(listed)


def test_georgian_armenian_and_azerbaijani_are_ready_to_be_added():
    assert editions.check_codes(["en", "ka", "hy", "az"]) == ["en", "ka", "hy", "az"]
    assert [editions.search_config(code) for code in ("ka", "hy", "az")] == ["simple"] * 3
    assert editions.search_config("ru") == "russian"


@pytest.mark.parametrize("address", ["/de/", "/xx/news/anything/", "/ru-ru/", "/en/"])
def test_an_unknown_language_prefix_answers_404(client, address):
    ArticleFactory(slug="anything")
    get(client, address, status=404)


def test_the_edition_comes_from_the_address_never_from_the_browser(client):
    ArticleFactory(headline="An English story")
    in_russian(headline="Русская история")
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ru")
    assert "An English story" in response.text and "Русская история" not in response.text
    assert "Accept-Language" not in response.get("Vary", "")
    assert response["Content-Language"] == "en"
    assert get(client, "/ru/")["Content-Language"] == "ru"


# --- Reader pages per edition ---------------------------------------------------------------


def test_each_edition_lists_only_its_own_stories(client):
    region = RegionFactory(slug="georgia", name="Georgia")
    english = ArticleFactory(
        headline="Council votes", slug="council-votes", primary_region=region, tag_names=["x"]
    )
    russian = in_russian(
        headline="Совет проголосовал", slug="sovet", primary_region=region, tag_names=["x"]
    )
    author = english.authors.get()
    russian.bylines.create(author=author, order=0)
    pages = {
        "home": ("/", "/ru/"),
        "region": ("/region/georgia/", "/ru/region/georgia/"),
        "tag": ("/tag/x/", "/ru/tag/x/"),
        "author": (f"/author/{author.slug}/", f"/ru/author/{author.slug}/"),
        "feed": ("/feed/", "/ru/feed/"),
        "region feed": ("/region/georgia/feed/atom/", "/ru/region/georgia/feed/atom/"),
        "sitemap": ("/sitemap-articles.xml", "/ru/sitemap-articles.xml"),
        "news sitemap": ("/news-sitemap.xml", "/ru/news-sitemap.xml"),
    }
    for page, (in_english, in_russian_) in pages.items():
        english_page, russian_page = get(client, in_english).text, get(client, in_russian_).text
        assert "/news/council-votes/" in english_page and "/sovet/" not in english_page, page
        assert "/ru/news/sovet/" in russian_page and "council-votes" not in russian_page, page


def test_a_story_asked_for_in_another_edition_is_sent_to_its_own(client):
    story = in_russian(slug="sovet")
    response = get(client, "/news/sovet/", status=301)
    assert response["Location"] == "/ru/news/sovet/"
    assert story.get_absolute_url() == "/ru/news/sovet/"
    get(client, "/ru/news/sovet/")


def test_pages_say_their_language_and_the_edition_they_belong_to(client):
    story = in_russian(headline="Совет проголосовал")
    page = parse(get(client, story.get_absolute_url()))
    assert one(page, "html")["lang"] == "ru"
    assert meta(page, "og:locale") == "ru_RU"
    assert json_ld(page)["inLanguage"] == "ru"
    assert one(parse(get(client, "/")), "html")["lang"] == "en"
    feed = get(client, "/ru/feed/").text
    assert "<language>ru</language>" in feed
    assert "<news:language>ru</news:language>" in get(client, "/ru/news-sitemap.xml").text


def test_robots_txt_names_every_editions_sitemaps_and_keeps_crawlers_off_their_searches(client):
    robots = get(client, "/robots.txt").text
    for line in (
        "Disallow: /search/",
        "Disallow: /ru/search/",
        f"Sitemap: {SITE}/sitemap.xml",
        f"Sitemap: {SITE}/ru/sitemap.xml",
        f"Sitemap: {SITE}/ru/news-sitemap.xml",
    ):
        assert line in robots.splitlines()


# --- Translations --------------------------------------------------------------------------


def translated_pair(**russian):
    original = ArticleFactory(headline="Council votes to close the street", slug="council")
    translation_ = in_russian(
        headline="Совет закрыл улицу", slug="sovet", translation_of=original, **russian
    )
    return original, translation_


def test_a_story_and_its_translation_link_to_each_other_in_every_way_readers_and_crawlers_see(
    client,
):
    original, russian = translated_pair()
    english_page = parse(get(client, original.get_absolute_url()))
    russian_page = parse(get(client, russian.get_absolute_url()))

    hreflang = {
        link["hreflang"]: link["href"]
        for link in english_page.select('link[rel="alternate"][hreflang]')
    }
    assert hreflang == {
        "en": f"{SITE}/news/council/",
        "ru": f"{SITE}/ru/news/sovet/",
        "x-default": f"{SITE}/news/council/",
    }
    assert {
        link["hreflang"]: link["href"]
        for link in russian_page.select('link[rel="alternate"][hreflang]')
    } == hreflang
    assert metas(english_page, "og:locale:alternate") == ["ru_RU"]
    assert metas(russian_page, "og:locale:alternate") == ["en_GB"]

    visible = one(english_page, ".story__translations a")
    assert visible["href"] == "/ru/news/sovet/" and text(visible) == "Русский"
    assert visible["lang"] == "ru"
    assert one(russian_page, ".story__translations a")["href"] == "/news/council/"

    english_data, russian_data = json_ld(english_page), json_ld(russian_page)
    check_schema(english_data)
    check_schema(russian_data)
    assert english_data["workTranslation"] == [
        {
            "@type": "NewsArticle",
            "url": f"{SITE}/ru/news/sovet/",
            "headline": "Совет закрыл улицу",
            "inLanguage": "ru",
        }
    ]
    assert russian_data["translationOfWork"]["url"] == f"{SITE}/news/council/"
    assert "workTranslation" not in russian_data


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_a_translation_link_never_points_at_an_unpublished_story(client, state):
    original, _russian = translated_pair(**{state: True})
    page = parse(get(client, original.get_absolute_url()))
    assert not page.select("link[hreflang]")
    assert not page.select(".story__translations")
    assert "workTranslation" not in json_ld(page)
    assert "/ru/news/sovet/" not in str(page)


def test_publishing_a_translation_reaches_the_originals_prepared_page(client):
    original, russian = translated_pair(draft=True)
    prepare(original.pk)
    assert "/ru/news/sovet/" not in get(client, original.get_absolute_url()).text
    russian.status, russian.published_at = Article.Status.PUBLISHED, timezone.now()
    russian.save()
    assert "/ru/news/sovet/" in get(client, original.get_absolute_url()).text


def test_a_scheduled_translation_is_linked_from_the_original_the_moment_it_goes_live(client, clock):
    original = ArticleFactory(headline="Council votes to close the street", slug="council")
    in_russian(
        headline="Совет закрыл улицу",
        slug="sovet",
        translation_of=original,
        published_at=timezone.now() + timedelta(hours=1),
    )
    prepare(original.pk)
    assert "/ru/news/sovet/" not in get(client, original.get_absolute_url()).text
    clock.advance(hours=1, seconds=1)  # nobody saves anything: the schedule alone
    page = parse(get(client, original.get_absolute_url()))
    assert one(page, 'link[hreflang="ru"]')["href"] == f"{SITE}/ru/news/sovet/"
    assert "Русский" in text(one(page, ".story__translations"))


def test_related_stories_stay_within_the_edition_and_never_show_a_translation(client):
    original, russian = translated_pair(tag_names=["roads"])
    original.tags.add("roads")
    other_russian = in_russian(headline="Ещё о дорогах", tag_names=["roads"])
    other_english = ArticleFactory(headline="More on roads", tag_names=["roads"])
    related = parse(get(client, russian.get_absolute_url())).select(".rail--related a")
    shown = " ".join(text(link) for link in related)
    assert "Ещё о дорогах" in shown
    assert "More on roads" not in shown and "Council" not in shown
    assert other_english.pk and other_russian.pk


def test_each_edition_has_its_own_editors_picks_and_most_popular(client, settings):
    settings.POPULAR_MIN_READS = 1
    english = ArticleFactory(headline="Picked in English")
    russian = in_russian(headline="Выбор редакции")
    read_russian = in_russian(headline="Самое читаемое")
    read_english = ArticleFactory(headline="Most read in English")
    for story in (english, russian):
        EditorsPickFactory(article=story)
    DailyViewsFactory(article=read_russian, day=timezone.localdate(), views=500)
    DailyViewsFactory(article=read_english, day=timezone.localdate(), views=900)
    russian_home = get(client, "/ru/").text
    assert "Выбор редакции" in russian_home and "Самое читаемое" in russian_home
    assert "Picked in English" not in russian_home and "Most read in English" not in russian_home
    english_home = get(client, "/").text
    assert "Выбор" not in english_home and "Самое" not in english_home


# --- The language switcher -------------------------------------------------------------------


def switcher(client, url):
    return {
        link["hreflang"]: link["href"] for link in parse(get(client, url)).select(".editions a")
    }


def test_the_switcher_leads_to_the_stories_translation_else_that_editions_front_page(client):
    original, russian = translated_pair()
    alone = ArticleFactory(slug="alone")
    assert switcher(client, "/news/council/") == {"en": "/news/council/", "ru": "/ru/news/sovet/"}
    assert switcher(client, "/ru/news/sovet/") == {"en": "/news/council/", "ru": "/ru/news/sovet/"}
    assert switcher(client, "/news/alone/") == {"en": "/news/alone/", "ru": "/ru/"}
    assert alone and russian


def test_the_switcher_keeps_the_page_where_every_edition_has_it(client):
    region = RegionFactory(slug="georgia")
    ArticleFactory(primary_region=region, tag_names=["wine"])
    assert switcher(client, "/region/georgia/") == {
        "en": "/region/georgia/",
        "ru": "/ru/region/georgia/",
    }
    searched = {
        link["hreflang"]: link["href"]
        for link in parse(client.get("/ru/search/", {"q": "вино"})).select(".editions a")
    }
    assert searched["en"] == "/search/?q=%D0%B2%D0%B8%D0%BD%D0%BE"
    # No Russian story has the tag: its Russian page is no page.
    assert switcher(client, "/tag/wine/") == {"en": "/tag/wine/", "ru": "/ru/"}
    assert one(parse(get(client, "/ru/")), '.editions a[aria-current="true"]')["hreflang"] == "ru"


# --- Words per edition -----------------------------------------------------------------------


def test_regions_tags_authors_and_captions_speak_the_editions_language(client):
    region = RegionFactory(slug="georgia", name="Georgia")
    RegionWording.objects.create(
        region=region, language="ru", name="Грузия", description="Новости Грузии."
    )
    author = AuthorFactory(name="Tamar Gelashvili", slug="tamar")
    author.wording.create(language="ru", name="Тамар Гелашвили", role="корреспондент")
    story = in_russian(primary_region=region, authors=[author], tag_names=["wine"])
    TagWording.objects.create(tag=story.tags.get(), language="ru", name="вино")
    PhotoWording.objects.create(
        photo=story.lead_photo, language="ru", caption="Делегаты прибывают.", alt_text="Делегаты"
    )

    page = parse(get(client, story.get_absolute_url()))
    assert text(one(page, ".story .kicker a")) == "Грузия"
    assert "Тамар Гелашвили" in text(one(page, ".story__byline"))
    assert text(one(page, ".story__lead .caption")) == "Делегаты прибывают."
    assert one(page, ".story__lead img")["alt"] == "Делегаты"
    assert "вино" in texts(page, ".chip")
    assert "Грузия" in texts(parse(get(client, "/ru/")), ".site-nav a")
    region_page = get(client, "/ru/region/georgia/").text
    assert "Грузия" in region_page and "Новости Грузии." in region_page
    assert "Тамар Гелашвили" in get(client, "/ru/author/tamar/").text
    # The English edition keeps its own words; the photo's credit is the same in both.
    english = parse(get(client, "/region/georgia/"))
    assert "Georgia" in texts(english, ".site-nav a") and "Грузия" not in str(english)


def test_words_an_edition_lacks_fall_back_on_the_default_editions(client):
    RegionFactory(slug="dagestan", name="Dagestan")
    in_russian(primary_region=Region.objects.get(slug="dagestan"))
    assert "Dagestan" in texts(parse(get(client, "/ru/")), ".site-nav a")


def test_new_words_reach_pages_already_prepared_and_cached(client):
    region = RegionFactory(slug="abkhazia", name="Abkhazia")
    story = in_russian(primary_region=region)
    prepare(story.pk)
    assert "Abkhazia" in get(client, story.get_absolute_url()).text
    RegionWording.objects.create(region=region, language="ru", name="Абхазия")
    assert "Абхазия" in get(client, story.get_absolute_url()).text
    assert "Абхазия" in get(client, "/ru/").text


def test_a_row_given_another_editions_words_cannot_overwrite_its_own():
    region = RegionFactory(name="Georgia")
    RegionWording.objects.create(region=region, language="ru", name="Грузия")
    (shown,) = wording.in_edition([Region.objects.get(pk=region.pk)], "ru")
    assert shown.name == "Грузия"
    with pytest.raises(ValueError):
        shown.save()
    assert Region.objects.get(pk=region.pk).name == "Georgia"


def test_the_default_editions_words_are_not_kept_twice():
    wording_row = RegionWording(region=RegionFactory(), language="en", name="Twice")
    with pytest.raises(ValidationError):
        wording_row.full_clean()


# --- The desk --------------------------------------------------------------------------------


@pytest.fixture
def editor(client):
    sign_in(client, desk_user("Editor"))
    return client


def test_an_editor_makes_a_translation_draft_with_the_storys_photo_places_tags_and_bylines(
    editor,
):
    original = ArticleFactory(headline="Council votes", slug="council", tag_names=["roads"])
    original.regions.add(RegionFactory())
    url = reverse("admin:articles_article_translate", args=[original.pk, "ru"])
    confirm = get(editor, url)
    assert "Make the Русский draft" in confirm.text
    assert not Article.objects.filter(language="ru").exists()  # asking makes nothing

    response = editor.post(url)
    draft = Article.objects.get(language="ru")
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_article_change", args=[draft.pk])
    assert draft.status == Article.Status.DRAFT and draft.translation_of == original
    assert draft.slug == "council-ru" and draft.headline == "Council votes"
    assert draft.lead_photo == original.lead_photo
    assert draft.primary_region == original.primary_region
    assert set(draft.regions.all()) == set(original.regions.all())
    assert list(draft.tags.names()) == ["roads"]
    assert list(draft.authors.all()) == list(original.authors.all())
    assert list(original.translations.all()) == [draft]

    # The group has its Russian story now: a second one is refused, from either story.
    again = editor.post(url)
    assert again.status_code == 200 and "already has" in again.text
    assert Article.objects.filter(language="ru").count() == 1


def test_a_translation_cannot_take_an_edition_its_group_already_has(editor):
    original, russian = translated_pair()
    with pytest.raises(ValidationError):
        services.article_translate(
            article=russian, language="ru", user=desk_user("Editor", username="another")
        )
    english_again = Article(
        headline="Second English", slug="second", language="en", translation_of=original
    )
    assert services.translation_problem(article=english_again)


def test_the_story_list_shows_each_storys_edition_and_translations_and_filters_by_them(editor):
    original, russian = translated_pair()
    lonely = ArticleFactory(headline="Nobody translated me")
    changelist = reverse("admin:articles_article_changelist")
    page = get(editor, changelist).text
    assert "In other editions" in page
    lacking = get(editor, changelist + "?translated=lacks-ru").text
    assert "Nobody translated me" in lacking and "Council votes" not in lacking
    russian_only = get(editor, changelist + "?language__exact=ru").text
    assert "Совет закрыл улицу" in russian_only and "Nobody translated me" not in russian_only
    form = get(editor, reverse("admin:articles_article_change", args=[lonely.pk])).text
    assert reverse("admin:articles_article_translate", args=[lonely.pk, "ru"]) in form
    assert original and russian


def test_publishing_rules_apply_to_each_translation_on_its_own(editor):
    original, russian = translated_pair(draft=True, lead_photo=None)
    user = desk_user("Editor", username="chief")
    with pytest.raises(ValidationError) as refused:
        services.article_publish(article=russian, user=user)
    assert "lead_photo" in refused.value.message_dict
    assert Article.objects.get(pk=original.pk).is_published


def test_searching_one_edition_finds_only_its_stories(client):
    ArticleFactory(headline="Pipeline talks resume", body="<p>Pipeline.</p>")
    in_russian(headline="Переговоры о трубопроводе", body="<p>Pipeline трубопровод.</p>")
    russian = get(client, "/ru/search/?q=Pipeline").text
    assert "Переговоры о трубопроводе" in russian and "Pipeline talks" not in russian
    english = get(client, "/search/?q=Pipeline").text
    assert "Pipeline talks resume" in english and "Переговоры" not in english


def test_dates_are_written_as_each_language_writes_them(client):
    moment = datetime(2026, 12, 2, 14, 5, tzinfo=zoneinfo.ZoneInfo("Asia/Tbilisi"))
    english = ArticleFactory(published_at=moment)
    russian = in_russian(published_at=moment)
    assert "2 December 2026, 14:05" in text(
        one(parse(get(client, english.get_absolute_url())), ".story__dates")
    )
    assert "2 декабря 2026, 14:05" in text(
        one(parse(get(client, russian.get_absolute_url())), ".story__dates")
    )


@postgresql_only
def test_russian_stories_are_searched_with_russian_word_forms_on_postgresql(client):
    in_russian(
        headline="Жители Гали готовятся к выборам",
        standfirst="Избирательные участки откроются в воскресенье.",
        body="<p>На выборах впервые будут наблюдатели.</p>",
    )
    found = get(client, "/ru/search/?q=выборы").text
    assert "Жители Гали готовятся к выборам" in found
    stored = Article.objects.filter(language="ru").values_list("search_vector", flat=True).get()
    assert "выбор" in str(stored)  # stemmed by the "russian" configuration, not "english"


# --- The interface in the edition's language ------------------------------------------------


def test_the_russian_edition_speaks_russian_around_its_stories(client):
    story = in_russian(headline="Жители Гали готовятся к выборам")
    page = parse(get(client, "/ru/"))
    assert text(one(page, ".skip-link")) == "Перейти к содержанию"
    assert text(one(page, ".site-header__search")) == "Поиск"
    assert "Поддержите нас" in texts(page, ".site-footer a")
    read = parse(get(client, story.get_absolute_url()))
    assert text(one(read, ".story__byline")).startswith("Текст:")
    assert text(one(read, ".story__lead .credit")).startswith("Фото:")
    assert "Регионы" in texts(read, ".story__topics-heading")
    # The English edition is untouched by the Russian one being read first.
    english = parse(get(client, "/"))
    assert text(one(english, ".skip-link")) == "Skip to content"


@pytest.mark.parametrize(
    ("found", "summary"),
    [(1, "1 материал по запросу «выборы»"), (3, "3 материала"), (5, "5 материалов")],
)
def test_search_counts_its_results_in_russian_grammar(client, found, summary):
    for number in range(found):
        in_russian(headline=f"Выборы в Гали, день {number}", body="<p>выборы</p>")
    page = parse(get(client, "/ru/search/?q=выборы"))
    assert text(one(page, ".search-summary")).startswith(summary)


def test_a_missing_page_of_the_russian_edition_says_so_in_russian(client):
    page = parse(get(client, "/ru/no-such-page/", status=404))
    assert text(one(page, "h1")) == "Мы не нашли эту страницу"
    assert one(page, ".error-page a")["href"] == "/ru/"


def po_fields(entry):
    """``[(keyword, text), ...]`` of one .po entry, its strings joined across lines as
    makemessages wraps them: ("msgid", "..."), ("msgstr[0]", "...")."""
    fields = []
    for line in entry.splitlines():
        keyword, _space, quoted = line.partition(" ")
        if line.startswith('"'):
            fields[-1] = (fields[-1][0], fields[-1][1] + ast.literal_eval(line))
        elif keyword.startswith(("msgid", "msgstr", "msgctxt")):
            fields.append((keyword, ast.literal_eval(quoted)))
    return fields


def test_the_russian_catalogue_translates_every_message_it_holds():
    """Each edition's catalogue is complete (the interface would otherwise mix languages):
    every entry gathered by ``make catalogues`` has its translation, every placeholder kept."""
    catalogue = Path(__file__).resolve().parents[2] / "locale/ru/LC_MESSAGES/django.po"
    entries = catalogue.read_text().split("\n\n")[1:]
    assert len(entries) > 250
    for entry in entries:
        fields = po_fields(entry)
        ids = [text for keyword, text in fields if keyword.startswith("msgid")]
        strs = [text for keyword, text in fields if keyword.startswith("msgstr")]
        assert strs and all(strs), entry
        assert "#, fuzzy" not in entry, entry  # a guess msgfmt leaves out
        placeholders = set(re.findall(r"%\(\w+\)s", "".join(ids)))
        for translated in strs:
            assert set(re.findall(r"%\(\w+\)s", translated)) == placeholders, entry

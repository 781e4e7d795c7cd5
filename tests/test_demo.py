"""`manage.py load_demo`: the demo newsroom a new developer sees on `make run`."""

import hashlib
import io
import re
from datetime import timedelta
from pathlib import Path
from statistics import median

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Sum
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from reversion.models import Version
from taggit.models import Tag, TaggedItem

from articles.demo.loader import DemoLoader, load_demo
from articles.demo.russian import PICKS as RUSSIAN_PICKS
from articles.demo.stories import PICKS, PUBLISHED, REVISED
from articles.models import (
    Article,
    Author,
    AuthorWording,
    Byline,
    Correction,
    DailyViews,
    EditorsPick,
    Photo,
    PhotoWording,
    PinnedRelated,
    Region,
    RegionWording,
    Rendition,
    SlugRedirect,
    TagWording,
)
from articles.revisions import Snapshot, versions_of
from insights.figures import figures
from memberships.demo import most_read_stories
from memberships.models import Membership
from newsletter.models import Digest, Subscriber
from newsroom.attribution import Placement
from tests.conftest import originals_in
from tests.dom import one, parse, text, texts
from tests.factories import ArticleFactory
from tests.task_queue import DATABASE_BACKEND

SEVEN_REGIONS = {
    "Armenia",
    "Azerbaijan",
    "Georgia",
    "Abkhazia",
    "South Ossetia",
    "Nagorno-Karabakh",
    "North Caucasus",
}
COUNTED_MODELS = [
    Region,
    Author,
    Photo,
    Rendition,
    Article,
    Byline,
    Correction,
    SlugRedirect,
    PinnedRelated,
    EditorsPick,
    DailyViews,
    Tag,
    TaggedItem,
    Version,
]


def run_load_demo(*args):
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def snapshot(demo):
    counts = {model.__name__: model.objects.count() for model in COUNTED_MODELS}
    counts["total views"] = DailyViews.objects.aggregate(total=Sum("views"))["total"]
    files = sorted(
        f"{folder}:{path.relative_to(demo[folder])}"
        for folder in ("media", "originals")
        for path in Path(demo[folder]).rglob("*")
        if path.is_file()
    )
    return counts, files


def use_demo_files(settings, demo):
    """This test's uploads and renditions go where the demo's are, for snapshots to compare."""
    settings.MEDIA_ROOT = demo["media"]
    settings.STORAGES = originals_in(demo["originals"])


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once for the whole class, inside a transaction rolled back after it.

    Each test still runs in its own savepoint, so what one test changes the next never sees.
    """
    media = tmp_path_factory.mktemp("demo-media")
    originals = tmp_path_factory.mktemp("demo-originals")
    # The photos' renditions (some 2,000 encodes) are left to the worker, as with
    # --renditions-by-worker in production: the tasks asking for them are queued, not run.
    files = override_settings(
        MEDIA_ROOT=media, STORAGES=originals_in(originals), TASKS=DATABASE_BACKEND
    )
    with django_db_blocker.unblock(), files:
        with transaction.atomic():
            output = run_load_demo("--renditions-by-worker")
            yield {"media": media, "originals": originals, "output": output}
            transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
class TestDemoNewsroom:
    def test_summary_says_what_was_created(self, demo):
        assert "Loaded the demo newsroom: 7 regions, 10 authors" in demo["output"]
        assert "85 published stories" in demo["output"]
        assert "names and captions in Russian" in demo["output"]

    def test_all_seven_regions_are_covered_by_eight_or_more_authors(self):
        assert SEVEN_REGIONS <= set(Region.objects.values_list("name", flat=True))
        assert Author.objects.count() >= 8
        for author in Author.objects.select_related("portrait"):
            assert author.role and author.bio
            assert author.portrait.alt_text and author.portrait.credit
        covered = set(Article.objects.published().values_list("primary_region__name", flat=True))
        assert covered >= SEVEN_REGIONS

    def test_sixty_or_more_stories_published_over_the_last_months(self):
        published = Article.objects.published()
        assert published.count() >= 60
        newest, oldest = published.latest_first().first(), published.latest_first().last()
        assert (oldest.published_at.date() - newest.published_at.date()).days <= -90
        assert published.filter(updated_at__isnull=False).exists()
        assert Correction.objects.filter(article__in=published).exists()

    def test_every_published_story_has_a_credited_lead_photo_tags_region_and_byline(self):
        stories = (
            Article.objects.published()
            .select_related("lead_photo", "primary_region")
            .annotate(tag_count=Count("tags", distinct=True))
            .annotate(author_count=Count("bylines", distinct=True))
        )
        for story in stories:
            photo = story.lead_photo
            assert photo is not None, story.slug
            assert photo.caption and photo.credit and photo.alt_text and photo.licence
            assert (photo.width, photo.height) == (1200, 800)
            assert 2 <= story.tag_count <= 5, story.slug
            assert 1 <= story.author_count <= 2, story.slug
            assert story.primary_region_id
            assert story.standfirst
            body = parse(story.body)
            if story.is_live_blog:  # its body is a short summary above the updates
                assert 1 <= len(body.select("p")) <= 3, story.slug
                assert story.live_updates.count() >= 12, story.slug
                continue
            assert 4 <= len(body.select("p")) <= 8, story.slug
            assert body.select("h2") and body.select('a[href^="https://example.org/"]'), story.slug

    @pytest.mark.parametrize("edition", ["en", "ru"])
    def test_headlines_and_photos_are_all_different(self, demo, edition):
        # A translation shares the photo of the story it translates, in the other edition.
        stories = list(Article.objects.published().in_edition(edition).select_related("lead_photo"))
        assert len({story.headline for story in stories}) == len(stories)
        assert len({story.standfirst for story in stories}) == len(stories)
        digests = set()
        for story in stories:
            data = (Path(demo["originals"]) / story.lead_photo.image.name).read_bytes()
            digests.add(hashlib.sha256(data).hexdigest())
            assert data[:3] == b"\xff\xd8\xff"  # JPEG
        assert len(digests) == len(stories)

    def test_the_russian_edition_translates_some_stories_and_has_its_own(self):
        russian = Article.objects.published().in_edition("ru").select_related("translation_of")
        assert russian.count() >= 15
        translations = [story for story in russian if story.translation_of_id]
        assert len(translations) >= 6 and russian.count() - len(translations) >= 6
        for story in translations:
            original = story.translation_of
            assert original.language == "en" and original.is_published
            assert story.lead_photo_id == original.lead_photo_id
            assert story.primary_region_id == original.primary_region_id
            assert story.headline != original.headline
        # Russian words throughout: headlines, bodies, regions, authors, tags and captions.
        assert all(re.search("[а-яё]", story.headline, re.I) for story in russian)
        assert RegionWording.objects.filter(language="ru").count() == Region.objects.count()
        assert AuthorWording.objects.filter(language="ru").count() == Author.objects.count()
        assert TagWording.objects.filter(language="ru").exists()
        captioned = PhotoWording.objects.filter(language="ru").values_list("photo", flat=True)
        assert set(russian.values_list("lead_photo", flat=True)) <= set(captioned)

    def test_the_russian_front_page_speaks_russian(self, client):
        page = parse(client.get("/ru/"))
        assert one(page, "html")["lang"] == "ru"
        assert "Грузия" in texts(page, ".site-nav a")
        newest = Article.objects.published().in_edition("ru").latest_first().first()
        assert text(one(page, ".card--lead .card__headline")) == newest.headline
        story = parse(client.get(newest.get_absolute_url()))
        caption = text(one(story, ".story__lead figcaption .caption"))
        assert re.search("[а-яё]", caption, re.I), caption

    def test_a_photo_is_a_pleasant_picture_not_noise(self, demo):
        photo = Article.objects.published().latest_first().first().lead_photo
        with Image.open(Path(demo["originals"]) / photo.image.name) as image:
            small = image.convert("RGB").resize((160, 107))
        # Flat shapes and gradients: few distinct colours once reduced, but more than a fill.
        colours = len(small.getcolors(maxcolors=20000) or [])
        assert 30 < colours < 12000, colours

    def test_workflow_stories_wait_in_the_admin_and_stay_off_the_site(self):
        assert Article.objects.filter(status=Article.Status.DRAFT).count() >= 2
        assert Article.objects.filter(status=Article.Status.REVIEW).exists()
        scheduled = Article.objects.scheduled()
        assert scheduled.count() == 1
        published = set(Article.objects.published().values_list("slug", flat=True))
        assert scheduled.first().slug not in published
        assert not Article.objects.filter(status=Article.Status.DRAFT, slug__in=published).exists()

    def test_editors_picks_are_ordered_published_stories_one_with_a_time_window(self):
        picks = list(EditorsPick.objects.select_related("article"))
        assert [pick.article.slug for pick in picks if pick.article.language == "en"] == PICKS
        assert [
            pick.article.slug for pick in picks if pick.article.language == "ru"
        ] == RUSSIAN_PICKS
        assert all(pick.article.is_published for pick in picks)
        windowed = [pick for pick in picks if pick.starts_at or pick.ends_at]
        assert len(windowed) == 1
        assert windowed[0].starts_at < windowed[0].ends_at

    def test_some_related_stories_are_pinned_by_hand(self):
        pins = PinnedRelated.objects.select_related("article", "related")
        assert pins.count() == 5
        assert all(pin.article.is_published and pin.related.is_published for pin in pins)

    def test_read_history_is_skewed_towards_a_few_stories(self):
        totals = sorted(
            DailyViews.objects.values("article")
            .annotate(total=Sum("views"))
            .values_list("total", flat=True),
            reverse=True,
        )
        assert len(totals) >= 60
        assert totals[0] > 5 * median(totals)
        days = DailyViews.objects.values_list("day", flat=True).distinct()
        assert len(days) == 14
        assert not DailyViews.objects.filter(views=0).exists()

    def test_a_few_stories_have_several_revisions_by_their_reporter_and_an_editor(self):
        revised = Article.objects.filter(slug__in=REVISED)
        assert revised.count() == len(REVISED) >= 3
        for story in revised:
            history = list(versions_of(story))
            assert len(history) >= 4, story.slug
            comments = [version.revision.comment for version in reversed(history)]
            assert comments == [
                "Created.",
                "Changed headline.",
                "Changed body.",
                "Changed tags.",
            ], story.slug
            # Kept as filed, then revised: the story now is what the newsroom published.
            first = Snapshot.of(history[-1])
            assert first.fields["headline"] == REVISED[story.slug]["filed headline"]
            assert story.headline != first.fields["headline"]
            assert first.revision.user.author_profile == story.bylines.first().author
            dates = [version.revision.date_created for version in history]
            assert dates == sorted(dates, reverse=True)
        editors = {
            version.revision.user.get_full_name()
            for version in Version.objects.get_for_model(Article).select_related("revision__user")
        }
        assert len(editors) >= 3  # two reporters and the regional editor

    def test_second_run_changes_nothing_and_writes_no_files(self, demo, settings):
        use_demo_files(settings, demo)
        before = snapshot(demo)
        output = run_load_demo()
        assert "already loaded; nothing to add" in output
        assert snapshot(demo) == before

    def test_a_run_days_later_adds_no_read_history_or_stories(self, demo, settings):
        use_demo_files(settings, demo)
        before = snapshot(demo)
        created = load_demo(now=timezone.now() + timedelta(days=3))
        assert not created
        assert snapshot(demo) == before

    def test_second_run_keeps_what_editors_changed(self, demo, settings):
        use_demo_files(settings, demo)
        story = Article.objects.get(slug=PUBLISHED[0]["slug"])
        story.headline = "An editor's better headline"
        story.save()
        Region.objects.filter(slug="georgia").update(description="Edited by the desk.")
        run_load_demo()
        story.refresh_from_db()
        assert story.headline == "An editor's better headline"
        assert Region.objects.get(slug="georgia").description == "Edited by the desk."

    def test_a_deleted_demo_story_comes_back_once(self, demo, settings):
        use_demo_files(settings, demo)
        Article.objects.filter(slug=PUBLISHED[5]["slug"]).delete()
        files_before = snapshot(demo)[1]
        run_load_demo()
        run_load_demo()
        assert Article.objects.filter(slug=PUBLISHED[5]["slug"]).count() == 1
        # Its photo was kept when the story was deleted, and is used again.
        assert snapshot(demo)[1] == files_before

    def test_if_empty_leaves_a_loaded_newsroom_alone(self, demo):
        before = snapshot(demo)
        output = run_load_demo("--if-empty")
        assert "already has articles" in output
        assert snapshot(demo) == before

    def test_home_page_leads_with_the_newest_demo_story(self, client):
        response = client.get(reverse("articles:home"))
        assert response.status_code == 200
        assert text(one(parse(response), ".card--lead .card__headline")) == PUBLISHED[0]["headline"]
        assert "Story number" not in response.text

    def test_story_page_shows_body_photo_caption_and_credit(self, client):
        story = (
            Article.objects.published().select_related("lead_photo").get(slug=PUBLISHED[1]["slug"])
        )
        response = client.get(story.get_absolute_url())
        assert response.status_code == 200
        page = parse(response)
        body = one(page, ".story__body")
        assert len(body.select("p")) >= 4
        assert body.select("blockquote") or "“" in text(body)  # a quotation, set apart or not
        lead = one(page, ".story__lead")
        caption = story.lead_photo_caption or story.lead_photo.caption
        assert text(one(lead, "figcaption .caption")) == caption
        assert text(one(lead, "figcaption .credit")) == f"Photo: {story.lead_photo.credit}"

    def test_a_live_blog_with_a_dozen_updates_is_on_the_home_page(self, client):
        (blog,) = Article.objects.published().filter(live_since__isnull=False)
        assert blog.is_live
        updates = list(blog.live_updates.select_related("photo"))
        assert len(updates) == 12
        assert 2 <= sum(1 for update in updates if update.photo) <= 4
        assert all(u.photo.credit and u.photo.alt_text for u in updates if u.photo)
        assert updates[0].posted_at > timezone.now() - timedelta(minutes=30)
        home = parse(client.get(reverse("articles:home")))
        live = [
            text(one(card, ".card__headline"))
            for card in home.select("article.card")
            if card.select(".live-label")
        ]
        assert live == [blog.headline]
        page = parse(client.get(blog.get_absolute_url()))
        assert len(page.select(".live-blog .live-update")) == 12


@pytest.mark.django_db
def test_if_empty_does_nothing_when_the_newsroom_has_any_article():
    ArticleFactory(headline="Our own first story")
    before = {model.__name__: model.objects.count() for model in COUNTED_MODELS}
    output = run_load_demo("--if-empty")
    assert "already has articles; the demo newsroom was not loaded" in output
    assert {model.__name__: model.objects.count() for model in COUNTED_MODELS} == before


@pytest.mark.django_db
def test_existing_region_with_the_same_name_is_reused_not_duplicated(settings, tmp_path):
    """A newsroom that already made "Georgia" under another address keeps its one region."""
    Region.objects.create(name="Georgia", slug="sakartvelo")
    # Media that cannot be written stops the load early: enough to see what it did before.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.MEDIA_ROOT = blocker / "media"
    with pytest.raises(OSError):
        run_load_demo()
    assert list(Region.objects.values_list("slug", flat=True)) == ["sakartvelo"]


@pytest.mark.django_db
def test_a_load_that_fails_part_way_leaves_nothing_half_written(settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.MEDIA_ROOT = blocker / "media"
    with pytest.raises(OSError):
        run_load_demo()
    assert Region.objects.count() == Author.objects.count() == Photo.objects.count() == 0

    def test_members_and_newsletter_readers_say_where_they_came_from_and_a_digest_went_out(
        self,
    ):
        call_command("load_demo_members", stdout=io.StringIO())
        call_command("load_demo_newsletter", stdout=io.StringIO())
        most_read = most_read_stories()
        from_stories = Membership.objects.filter(source_placement=Placement.STORY)
        assert from_stories.count() >= 5
        assert set(from_stories.values_list("source_article", flat=True)) <= set(most_read)
        assert Membership.objects.filter(started_at__gte=timezone.now() - timedelta(days=14))
        readers = Subscriber.objects.all()
        assert readers.filter(status="confirmed").count() >= 20
        assert readers.filter(status="pending").exists()
        assert readers.filter(status="unsubscribed").exists()
        assert readers.filter(source_placement=Placement.STORY, source_article__isnull=False)
        digest = Digest.objects.get(status=Digest.Status.SENT)
        assert digest.stories  # the day's published stories, as sent
        assert (
            digest.deliveries.filter(state="sent").count()
            == readers.filter(
                status="confirmed", frequency="daily", confirmed_at__lte=digest.send_at
            ).count()
        )
        # The dashboard has joins, sign-ups and reads to show on first run.
        shown = figures(days=30)
        assert shown.total.joins >= 5 and shown.total.signups >= 15 and shown.total.reads > 0
        assert any(row.joins and row.joins_per_thousand for row in shown.stories)
        # Loading again adds nothing.
        call_command("load_demo_newsletter", stdout=io.StringIO())
        assert Subscriber.objects.count() == readers.count()
        assert Digest.objects.filter(status=Digest.Status.SENT).count() == 1


@pytest.mark.django_db
def test_make_run_shows_the_demos_photos_at_once_their_sizes_made_as_they_are_loaded():
    loader = DemoLoader()
    photo = loader.lead_photo(PUBLISHED[0], timezone.now())
    made = set(photo.renditions.values_list("shape", "format"))
    assert {("3x2", "avif"), ("3x2", "webp"), ("3x2", "jpeg"), ("1x1", "jpeg")} <= made
    assert set(loader.files_written) == {photo.image.name}

    later = DemoLoader(renditions=False).lead_photo(PUBLISHED[1], timezone.now())
    assert not later.renditions.exists()  # --renditions-by-worker: the worker makes them

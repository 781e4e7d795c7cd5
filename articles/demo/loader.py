"""Load the demo newsroom: regions, authors, stories with drawn photos, picks and read history.

Loading is idempotent. Regions and authors are found by slug (or region name) and never
rewritten; a story is created only when its slug is free, and everything that belongs to a
story (its photo, bylines, tags, correction, pick, pins and read history) is created with it. A
second run, on the same day or a year later, therefore adds nothing and changes nothing that
an editor may have edited, and a story an editor deleted comes back as it was first loaded.
"""

import random
from collections import Counter
from datetime import timedelta

import reversion
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag

from articles import images, revisions, services
from articles.demo import drawing, russian
from articles.demo.compose import body_html
from articles.demo.newsroom import (
    AUTHORS,
    DEFAULT_LICENCE,
    LICENCES,
    PHOTOGRAPHERS,
    REGIONS,
)
from articles.demo.stories import (
    DESK_EDITOR,
    HITS,
    LIVE_BLOGS,
    PICKS,
    PINS,
    PUBLISHED,
    REVISED,
    WORKFLOW,
)
from articles.models import (
    Article,
    Author,
    AuthorWording,
    Byline,
    Correction,
    DailyViews,
    EditorsPick,
    LiveUpdate,
    Photo,
    PhotoWording,
    PinnedRelated,
    Region,
    RegionWording,
    TagWording,
)

READ_HISTORY_DAYS = 14
OLDEST_HOURS = 120 * 24
LIVE_BLOG_LAST_MINUTES = 9
EARLIEST_HOUR, LATEST_HOUR = 7, 22


class DemoLoader:
    def __init__(self, *, now=None, renditions=True):
        self.now = now or timezone.now()
        self.renditions = renditions
        self.today = timezone.localdate(self.now)
        self.created = Counter()
        self.files_written = []

    # Places and people ---------------------------------------------------------------------

    def region(self, data):
        region = (
            Region.objects.filter(slug=data["slug"]).first()
            or Region.objects.filter(name=data["name"]).first()
        )
        if region is None:
            region = Region.objects.create(**data)
            self.created["regions"] += 1
        return region

    def author(self, data):
        author = Author.objects.filter(slug=data["slug"]).first()
        if author is None:
            author = Author.objects.create(**data)
            author.portrait = self.portrait(author)
            author.save(update_fields=["portrait"])
            self.created["authors"] += 1
        return author

    def portrait(self, author):
        name = f"demo-portrait-{author.slug}.jpg"
        existing = Photo.objects.filter(image__endswith=f"/{name}").first()
        if existing:
            return existing
        photo = Photo(
            caption=f"{author.name}, {author.role}.",
            credit="Caucasus Dispatch",
            licence=LICENCES["Caucasus Dispatch"],
            alt_text=f"Portrait illustration of {author.name}",
            focal_x=0.5,
            focal_y=0.35,
        )
        self.save_image(photo, name, drawing.draw_portrait(author.slug))
        return photo

    # Stories ---------------------------------------------------------------------------------

    def publication_time(self, index, slug):
        """Newest a few hours ago, oldest about four months ago, in newsroom hours.

        Stories are denser in recent days, as on a real front page.
        """
        rng = random.Random(f"time:{slug}")
        spread = len(PUBLISHED)
        hours_ago = 3 + OLDEST_HOURS * (index / spread) ** 1.8
        gap = OLDEST_HOURS * (((index + 1) / spread) ** 1.8 - (index / spread) ** 1.8)
        hours_ago += rng.uniform(0, 0.6 * gap)
        moment = self.now - timedelta(hours=hours_ago)
        local = timezone.localtime(moment)
        if not EARLIEST_HOUR <= local.hour <= LATEST_HOUR:
            shifted = local.replace(hour=EARLIEST_HOUR + local.hour % 12, minute=rng.randint(0, 59))
            if shifted <= self.now - timedelta(hours=1):
                moment = shifted
        return moment.replace(second=0, microsecond=0)

    def lead_photo(self, story, published_at):
        name = f"demo-{story['slug']}.jpg"
        existing = Photo.objects.filter(image__endswith=f"/{name}").first()
        if existing:
            return existing
        rng = random.Random(f"photo:{story['slug']}")
        data, alt_text, (focal_x, focal_y) = drawing.draw_scene(
            story["slug"], story["scene"], story.get("sky")
        )
        credit = rng.choice(PHOTOGRAPHERS)
        photo = Photo(
            caption=story["caption"],
            credit=credit,
            licence=LICENCES.get(credit, DEFAULT_LICENCE),
            may_redistribute=credit == "press service",
            alt_text=alt_text,
            focal_x=focal_x,
            focal_y=focal_y,
            uploaded_at=published_at - timedelta(hours=rng.uniform(1, 6)),
        )
        self.save_image(photo, name, data)
        return photo

    def save_image(self, photo, name, data):
        photo.image.save(name, ContentFile(data), save=False)
        self.files_written.append(photo.image.name)
        photo.full_clean()
        photo.save()
        # Made here rather than by the worker (the task queued by the save will find nothing to
        # do), so the demo is complete the moment `make run` first shows it; unless they are
        # left to the worker, which the save has asked for them once the demo is committed.
        if self.renditions:
            images.ensure_renditions(photo)
        self.created["photos"] += 1

    def story(self, story, *, status, published_at, regions, authors, lead_photo=None, **edition):
        """A story (``edition``: its ``language`` and the story it translates, if not English)."""
        if Article.objects.filter(slug=story["slug"]).exists():
            return None
        if lead_photo is None and "scene" in story:
            lead_photo = self.lead_photo(story, published_at or self.now)
        created_at = (published_at or self.now) - timedelta(hours=5)
        filed = self.as_filed(story)
        article = Article(
            headline=filed["headline"],
            slug=story["slug"],
            standfirst=story["standfirst"],
            body=filed["body"],
            lead_photo=lead_photo,
            primary_region=regions[story["region"]],
            status=status,
            published_at=published_at,
            created_at=min(created_at, self.now),
            **edition,
        )
        if story.get("updated") and published_at:
            article.updated_at = min(
                published_at + timedelta(hours=story["updated"]), self.now - timedelta(minutes=20)
            )
        article.full_clean()
        article.save()
        article.regions.set([regions[slug] for slug in story.get("also", [])])
        article.tags.add(*filed["tags"])
        for order, slug in enumerate(story["by"]):
            Byline.objects.create(article=article, author=authors[slug], order=order)
        if story["slug"] in REVISED:
            self.revise(article, story, authors)
        if story.get("correction") and published_at:
            Correction.objects.create(
                article=article,
                text=story["correction"],
                made_at=min(published_at + timedelta(hours=20), self.now - timedelta(minutes=30)),
            )
            self.created["corrections"] += 1
        if status == Article.Status.PUBLISHED and published_at > self.now:
            self.created["scheduled articles"] += 1
        else:
            self.created[f"{Article.Status(status).label.lower()} articles"] += 1
        return article

    # Revisions ------------------------------------------------------------------------------

    def as_filed(self, story):
        """The story as its reporter filed it: itself, or for one the desk revised later its
        filed headline and tags, without its last paragraph (and a heading left above it)."""
        if story.get("language") == "ru":
            body = body_html(story, topics=russian.TOPICS, phrases=russian.COMPOSE)
        else:
            body = body_html(story)
        revised = REVISED.get(story["slug"])
        if revised is None:
            return {"headline": story["headline"], "body": body, "tags": story["tags"]}
        parts = body.split("\n")[:-1]
        while len(parts) > 1 and parts[-1].startswith("<h2>"):
            parts.pop()
        return {
            "headline": revised["filed headline"],
            "body": "\n".join(parts),
            "tags": revised["filed tags"],
        }

    def desk_account(self, author, group):
        """The staff account of a demo author, made once (it has no password: nobody signs in
        with it; it names who made the demo's revisions)."""
        user, created = get_user_model().objects.get_or_create(
            username=f"demo-{author.slug}",
            defaults={
                "first_name": author.name.split()[0],
                "last_name": " ".join(author.name.split()[1:]),
                "is_staff": True,
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            user.groups.add(Group.objects.get(name=group))
            if author.user_id is None:
                author.user = user
                author.save(update_fields=["user"])
            self.created["desk accounts"] += 1
        return user

    def revise(self, article, story, authors):
        """Keep the filed story as its first revision, by its reporter, then bring it to its
        final form through the desk's service, a revision a step: the headline rewritten, the
        last paragraph added, the tags changed (by an editor once the story is published)."""
        reporter = self.desk_account(authors[story["by"][0]], "Reporter")
        editor = reporter
        if article.status == Article.Status.PUBLISHED:
            editor = self.desk_account(authors[DESK_EDITOR], "Editor")
        with reversion.create_revision(manage_manually=True):
            reversion.set_date_created(article.created_at)
            reversion.set_user(reporter)
            revisions.keep(article)
        steps = [
            lambda: setattr(article, "headline", story["headline"]),
            lambda: setattr(article, "body", body_html(story)),
            lambda: article.tags.set(story["tags"]),
        ]
        for hours, step in enumerate(steps, start=1):
            with reversion.create_revision(manage_manually=True):
                reversion.set_date_created(
                    min(article.created_at + timedelta(hours=hours), self.now)
                )
                step()
                services.article_save(article=article, user=editor)
        self.created["story revisions"] += 1 + len(steps)

    # Live blogs --------------------------------------------------------------------------------

    def live_blog(self, story, *, published_at, regions, authors):
        """A published story kept as a live blog since it went out, its updates running until
        a few minutes ago (the last one ``LIVE_BLOG_LAST_MINUTES`` before the load)."""
        article = self.story(
            story,
            status=Article.Status.PUBLISHED,
            published_at=published_at,
            regions=regions,
            authors=authors,
        )
        if article is None:
            return None
        self.created["published articles"] -= 1
        self.created["live blogs"] += 1
        article.live_since = published_at
        article.save(update_fields=["live_since"])
        last = story["updates"][-1]["minutes"]
        for update in story["updates"]:
            posted_at = self.now - timedelta(
                minutes=LIVE_BLOG_LAST_MINUTES + last - update["minutes"]
            )
            photo = None
            if "scene" in update:
                photo = self.update_photo(story, update, posted_at)
            LiveUpdate.objects.create(
                article=article,
                posted_at=max(posted_at, published_at),
                text=f"<p>{update['text']}</p>",
                photo=photo,
                author=authors[update["by"]],
            )
            self.created["live updates"] += 1
        self.read_history(article)
        return article

    def update_photo(self, story, update, posted_at):
        key = f"{story['slug']}-{update['minutes']}"
        name = f"demo-{key}.jpg"
        existing = Photo.objects.filter(image__endswith=f"/{name}").first()
        if existing:
            return existing
        rng = random.Random(f"photo:{key}")
        data, alt_text, (focal_x, focal_y) = drawing.draw_scene(
            key, update["scene"], update.get("sky")
        )
        credit = rng.choice(PHOTOGRAPHERS)
        photo = Photo(
            caption=update["caption"],
            credit=credit,
            licence=LICENCES.get(credit, DEFAULT_LICENCE),
            alt_text=alt_text,
            focal_x=focal_x,
            focal_y=focal_y,
            uploaded_at=posted_at - timedelta(minutes=3),
        )
        self.save_image(photo, name, data)
        return photo

    def pick(self, article, order):
        window = {}
        if order == len(PICKS) - 1:
            window = {
                "starts_at": self.now - timedelta(days=1),
                "ends_at": self.now + timedelta(days=10),
            }
        EditorsPick.objects.create(article=article, order=(order + 1) * 10, **window)
        self.created["editor's picks"] += 1

    def pin(self, article, related_slugs):
        related = Article.objects.in_bulk(related_slugs, field_name="slug")
        for order, slug in enumerate(related_slugs):
            if slug in related:
                PinnedRelated.objects.create(article=article, related=related[slug], order=order)
                self.created["pinned related stories"] += 1

    def read_history(self, article):
        """Daily reads over the last two weeks: most stories modest, a few widely shared,
        every story most read in its first days."""
        rng = random.Random(f"views:{article.slug}")
        hits = HITS.get(article.slug) or russian.HITS.get(article.slug, 1)
        appeal = rng.paretovariate(2.2) * 120 * hits
        published_on = timezone.localdate(article.published_at)
        elapsed_today = (timezone.localtime(self.now).hour + 1) / 24
        rows = []
        for days_back in range(READ_HISTORY_DAYS - 1, -1, -1):
            day = self.today - timedelta(days=days_back)
            if day < published_on:
                continue
            age = (day - published_on).days
            freshness = max(0.04, 1 / (1 + 0.7 * age) ** 1.3)
            views = appeal * freshness * rng.uniform(0.75, 1.25)
            if day.weekday() >= 5:
                views *= 0.7
            if days_back == 0:
                views *= elapsed_today
            if round(views) > 0:
                rows.append(DailyViews(article=article, day=day, views=round(views)))
        DailyViews.objects.bulk_create(rows)
        self.created["daily view counts"] += len(rows)

    # The whole newsroom ----------------------------------------------------------------------

    def load(self):
        regions = {data["slug"]: self.region(data) for data in REGIONS}
        authors = {data["slug"]: self.author(data) for data in AUTHORS}
        new_articles = {}
        newer = self.now
        first_published = None
        for index, story in enumerate(PUBLISHED):
            # Keep the list's order even where a night-time story was moved to the morning.
            published_at = min(
                self.publication_time(index, story["slug"]), newer - timedelta(minutes=40)
            )
            newer = published_at
            first_published = first_published or published_at
            article = self.story(
                story,
                status=Article.Status.PUBLISHED,
                published_at=published_at,
                regions=regions,
                authors=authors,
            )
            if article:
                new_articles[article.slug] = article
                self.read_history(article)
        for story in LIVE_BLOGS:
            # Just behind the newest story, so it sits at the top of the home page.
            self.live_blog(
                story,
                published_at=first_published - timedelta(minutes=30),
                regions=regions,
                authors=authors,
            )
        for story in WORKFLOW:
            status, published_at = story["status"], None
            if status == "scheduled":
                # Tomorrow morning, so the admin shows a story waiting for its time.
                tomorrow = timezone.localtime(self.now) + timedelta(days=1)
                published_at = tomorrow.replace(hour=9, minute=0, second=0, microsecond=0)
                status = Article.Status.PUBLISHED
            self.story(
                story,
                status=status,
                published_at=published_at,
                regions=regions,
                authors=authors,
            )
        for order, slug in enumerate(PICKS):
            if slug in new_articles:
                self.pick(new_articles[slug], order)
        for slug, related_slugs in PINS.items():
            if slug in new_articles:
                self.pin(new_articles[slug], related_slugs)
        self.russian_edition(regions, authors)
        return self.created

    # The Russian edition ---------------------------------------------------------------------

    def wording(self, model, row, **words):
        """Another edition's words for ``row``, made once and never rewritten."""
        _made, created = model.objects.get_or_create(
            **{model.words_of: row}, language="ru", defaults=words
        )
        if created:
            self.created["words in Russian"] += 1

    def russian_edition(self, regions, authors):
        """The Russian edition (articles/demo/russian.py): the regions', authors' and tags'
        names in Russian, then its stories, translations of English ones sharing their photos
        (captioned in Russian) and stories of its own, newest first, with picks and readers."""
        for slug, words in russian.REGIONS.items():
            self.wording(RegionWording, regions[slug], **words)
        for slug, words in russian.AUTHORS.items():
            self.wording(AuthorWording, authors[slug], **words)
        for name, russian_name in russian.TAGS.items():
            tag, _created = Tag.objects.get_or_create(name=name)
            self.wording(TagWording, tag, name=russian_name)
        originals = Article.objects.in_bulk(
            [story["translates"] for story in russian.STORIES if "translates" in story],
            field_name="slug",
        )
        made = {}
        spread = max(1, len(PUBLISHED) // len(russian.STORIES))
        newer = self.now
        for index, story in enumerate(russian.STORIES):
            story = {**story, "language": "ru"}
            original = originals.get(story.get("translates"))
            if original is not None:
                # A few hours after the story it translates, still in the list's order.
                published_at = min(original.published_at + timedelta(hours=2), newer)
            else:
                published_at = min(self.publication_time(index * spread, story["slug"]), newer)
            published_at = min(published_at, self.now - timedelta(minutes=25))
            newer = published_at - timedelta(minutes=5)
            article = self.story(
                story,
                status=Article.Status.PUBLISHED,
                published_at=published_at,
                regions=regions,
                authors=authors,
                lead_photo=original.lead_photo if original else None,
                language="ru",
                translation_of=original,
            )
            if article is None:
                continue
            made[article.slug] = article
            self.read_history(article)
            if article.lead_photo_id and original is None:
                self.wording(
                    PhotoWording,
                    article.lead_photo,
                    caption=story["caption"],
                    alt_text=story["alt"],
                )
        for slug, words in russian.CAPTIONS.items():
            if slug in originals and originals[slug].lead_photo_id:
                self.wording(PhotoWording, originals[slug].lead_photo, **words)
        for order, slug in enumerate(russian.PICKS, start=len(PICKS)):
            if slug in made:
                self.pick(made[slug], order)


def load_demo(*, now=None, renditions=True):
    """Create whatever part of the demo newsroom is missing; return counts of what was made.
    ``renditions=False`` leaves the photos' renditions to the task worker.

    Everything happens in one transaction: if anything fails, no row is kept, and the image
    files already written for this run are removed again.
    """
    loader = DemoLoader(now=now, renditions=renditions)
    try:
        with transaction.atomic():
            return loader.load()
    except BaseException:
        storage = Photo._meta.get_field("image").storage
        for name in loader.files_written:
            storage.delete(name)
        raise

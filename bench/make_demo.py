"""Build the benchmark's large newsroom quickly: 5,000 articles, 2,000 tags, 50 regions.

    make_demo.py MANIFEST [large|small]

Run by bench/run.py with DATABASE_URL pointing at a dedicated database (its name must contain
"bench"); the database is dropped and created again, then migrated and filled with bulk inserts.
Writes a small manifest (slugs and ids the driver requests) as JSON to the path given. The
small newsroom (300 articles) is only for counting each page's SQL queries at a second size.
"""

import io
import json
import os
import random
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class Size(NamedTuple):
    articles: int
    tags: int
    photos: int
    authors: int
    scheduled: int
    drafts: int


SIZES = {
    "large": Size(articles=5000, tags=2000, photos=200, authors=60, scheduled=20, drafts=100),
    # The same pages with a sixteenth of the stories: their query counts must not differ.
    "small": Size(articles=300, tags=200, photos=20, authors=10, scheduled=5, drafts=10),
}

COUNTRIES = [
    "Armenia",
    "Azerbaijan",
    "Georgia",
    "Abkhazia",
    "South Ossetia",
    "Nagorno-Karabakh",
    "North Caucasus",
]
PLACES = {
    "Georgia": ["Tbilisi", "Kutaisi", "Batumi", "Adjara", "Samegrelo", "Kakheti", "Imereti"],
    "Georgia2": ["Guria", "Svaneti", "Racha", "Javakheti", "Mtskheta", "Rustavi", "Gori", "Poti"],
    "Georgia3": ["Zugdidi", "Telavi"],
    "Armenia": ["Yerevan", "Gyumri", "Vanadzor", "Syunik", "Tavush", "Lori", "Shirak"],
    "Azerbaijan": ["Baku", "Ganja", "Sumqayit", "Nakhchivan", "Lankaran", "Shaki", "Quba"],
    "Abkhazia": ["Sukhumi", "Gali"],
    "South Ossetia": ["Tskhinvali"],
    "Nagorno-Karabakh": ["Stepanakert", "Shusha"],
    "North Caucasus": [
        "Chechnya",
        "Dagestan",
        "Ingushetia",
        "Kabardino-Balkaria",
        "North Ossetia",
        "Karachay-Cherkessia",
        "Adygea",
    ],
}
TOPICS = [
    "elections", "energy", "border", "water", "wine", "tourism", "protest", "courts", "media",
    "refugees", "education", "health", "roads", "railway", "pipeline", "mining", "farming",
    "climate", "floods", "earthquake", "language", "religion", "football", "wrestling", "music",
    "cinema", "literature", "architecture", "heritage", "migration", "remittances", "banking",
    "inflation", "housing", "corruption", "police", "army", "ceasefire", "peace talks",
    "sanctions", "trade", "customs", "diaspora", "women", "youth", "pensions", "labour",
    "startups", "internet", "press freedom",
]  # fmt: skip
VERBS = ["debates", "rejects", "approves", "questions", "delays", "celebrates", "investigates"]
SUBJECTS = ["Parliament", "Residents", "Farmers", "Officials", "Students", "Activists", "Court"]
WORDS = (
    "the of and to in a is that for on with as by at from this region government local people "
    "said year new city village road water power court minister report council border market "
    "river mountain school hospital family winter summer election vote budget plan law project"
).split()


# Every fifth story is in the Russian edition, in words of its own (the bench reads the
# Russian edition's pages too).
RUSSIAN_EVERY = 5
RU_TOPICS = [
    "выборы", "энергетика", "граница", "вода", "вино", "туризм", "протест", "суды", "пресса",
    "беженцы", "образование", "здоровье", "дороги", "железная дорога", "трубопровод",
]  # fmt: skip
RU_SUBJECTS = ["Парламент", "Жители", "Фермеры", "Чиновники", "Студенты", "Активисты", "Суд"]
RU_VERBS = ["обсуждает", "отклоняет", "одобряет", "ставит под сомнение", "откладывает"]
RU_WORDS = (
    "и в на с по для что это как из от до при года новый город село дорога вода свет суд "
    "министр доклад совет граница рынок река гора школа больница семья зима лето выборы голос "
    "бюджет план закон проект жители власти район область"
).split()


def log(message):
    print(f"  demo: {message}", flush=True)


def recreate_database(url):
    import psycopg2

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if "bench" not in name:
        raise SystemExit(f"Refusing to drop {name!r}: the benchmark database name must say bench.")
    admin = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password or None,
        dbname="postgres",
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def russian_sentence(rng, words=14):
    text = " ".join(rng.choice(RU_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def sentence(rng, words=14):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def photo_bytes(rng, index):
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (960, 640), (rng.randrange(256), rng.randrange(256), 120))
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rng.randrange(960), rng.randrange(640)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.ellipse((x, y, x + rng.randrange(40, 300), y + rng.randrange(40, 300)), fill=colour)
    draw.text((20, 20), f"Bench photo {index}", fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def fill(manifest_path, size):
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from django.core.files.base import ContentFile
    from django.db import connection
    from django.db.models import Count
    from django.utils import timezone
    from django.utils.text import slugify
    from taggit.models import Tag, TaggedItem

    from articles.models import (
        Article,
        Author,
        Byline,
        Correction,
        DailyViews,
        EditorsPick,
        Photo,
        PinnedRelated,
        Region,
    )

    rng = random.Random(20260101)
    now = timezone.now()
    started = time.monotonic()

    regions = [
        Region(name=name, slug=slugify(name), nav_order=order, description=sentence(rng))
        for order, name in enumerate(COUNTRIES)
    ]
    Region.objects.bulk_create(regions)
    countries = {region.name: region for region in Region.objects.all()}
    places = []
    for country, names in PLACES.items():
        parent = countries[country.rstrip("23")]
        places += [
            Region(
                name=name,
                slug=slugify(name),
                parent=parent,
                in_navigation=False,
                description=sentence(rng),
            )
            for name in names
        ]
    Region.objects.bulk_create(places)
    regions = list(Region.objects.all())
    assert len(regions) >= 50, len(regions)

    tag_names = []
    for topic in TOPICS:
        for region in regions:
            tag_names.append(f"{topic} in {region.name}")
    tag_names = tag_names[: size.tags]
    Tag.objects.bulk_create(
        [Tag(name=name, slug=f"{slugify(name)}-{i}") for i, name in enumerate(tag_names)]
    )
    tags = list(Tag.objects.values_list("pk", flat=True))

    User = get_user_model()
    User.objects.bulk_create(
        [
            User(username=f"reporter{i}", email=f"reporter{i}@example.org")
            for i in range(size.authors)
        ]
    )
    Author.objects.bulk_create(
        [
            Author(
                name=f"Reporter {i}", slug=f"reporter-{i}", role="Correspondent", bio=sentence(rng)
            )
            for i in range(size.authors)
        ]
    )
    authors = list(Author.objects.values_list("pk", flat=True))

    photos = []
    # Drawn here with nothing embedded, so stored as they are: straight into the originals'
    # private storage (STORAGES["originals"]), as an upload's stripped original is.
    originals = Photo._meta.get_field("image").storage
    for i in range(size.photos):
        name = originals.save(f"originals/bench/photo-{i}.jpg", ContentFile(photo_bytes(rng, i)))
        photos.append(
            Photo(
                image=name,
                width=960,
                height=640,
                caption=sentence(rng, 10),
                credit="Bench photo desk",
                alt_text=sentence(rng, 8),
            )
        )
    Photo.objects.bulk_create(photos)
    photo_ids = list(Photo.objects.values_list("pk", flat=True))
    log(f"regions, tags, authors and {size.photos} photos in {time.monotonic() - started:.1f}s")

    articles = []
    for i in range(size.articles):
        if i < size.scheduled:
            status, published_at = Article.Status.PUBLISHED, now + timedelta(days=1 + i % 7)
        elif i < size.scheduled + size.drafts:
            status, published_at = Article.Status.DRAFT, None
        else:
            status = Article.Status.PUBLISHED
            published_at = now - timedelta(minutes=10 + (i - size.scheduled - size.drafts) * 210)
        region = rng.choice(regions)
        if i % RUSSIAN_EVERY == 0:
            language, words = "ru", russian_sentence
            topic = rng.choice(RU_TOPICS)
            headline = f"{rng.choice(RU_SUBJECTS)} {rng.choice(RU_VERBS)} план: {topic}"
            slug = f"ru-{slugify(topic, allow_unicode=False) or 'story'}-{i}"
        else:
            language, words = "en", sentence
            topic = rng.choice(TOPICS)
            headline = f"{rng.choice(SUBJECTS)} in {region.name} {rng.choice(VERBS)} {topic} plan"
            slug = f"{slugify(headline)}-{i}"
        body = "".join(f"<p>{words(rng, 40)} {words(rng, 30)}</p>" for _ in range(8))
        articles.append(
            Article(
                headline=headline,
                language=language,
                slug=slug,
                standfirst=words(rng, 24),
                body=body,
                lead_photo_id=photo_ids[i % len(photo_ids)] if i % 10 else None,
                primary_region=region,
                status=status,
                published_at=published_at,
                created_at=published_at or now,
            )
        )
    Article.objects.bulk_create(articles, batch_size=1000)
    article_ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    published_ids = list(
        Article.objects.published().order_by("-published_at").values_list("pk", flat=True)
    )

    Byline.objects.bulk_create(
        [
            Byline(article_id=article_id, author_id=author_id, order=order)
            for article_id in article_ids
            for order, author_id in enumerate(rng.sample(authors, 1 + (article_id % 4 == 0)))
        ],
        batch_size=5000,
    )
    through = Article.regions.through
    through.objects.bulk_create(
        [
            through(article_id=article_id, region_id=rng.choice(regions).pk)
            for article_id in article_ids
            if article_id % 3 == 0
        ],
        batch_size=5000,
        ignore_conflicts=True,
    )
    article_type = ContentType.objects.get_for_model(Article)
    TaggedItem.objects.bulk_create(
        [
            TaggedItem(content_type=article_type, object_id=article_id, tag_id=tag_id)
            for article_id in article_ids
            for tag_id in rng.sample(tags, 3 + article_id % 3)
        ],
        batch_size=5000,
    )
    Correction.objects.bulk_create(
        [Correction(article_id=pk, text=sentence(rng)) for pk in published_ids[:400:8]]
    )
    EditorsPick.objects.bulk_create(
        [EditorsPick(article_id=pk, order=n) for n, pk in enumerate(published_ids[3:60:7])]
    )
    PinnedRelated.objects.bulk_create(
        [
            PinnedRelated(article_id=pk, related_id=published_ids[n + 1], order=0)
            for n, pk in enumerate(published_ids[: min(300, len(published_ids) - 1)])
        ]
    )
    today = timezone.localdate()
    DailyViews.objects.bulk_create(
        [
            DailyViews(article_id=pk, day=today - timedelta(days=day), views=rng.randrange(1, 900))
            for pk in published_ids[:1500]
            for day in range(7)
        ],
        batch_size=5000,
    )
    elapsed = time.monotonic() - started
    log(f"{size.articles} articles with bylines, tags and views in {elapsed:.1f}s")

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for language, config in (("en", "english"), ("ru", "russian")):
                cursor.execute(
                    "UPDATE articles_article SET search_vector = "
                    f"setweight(to_tsvector('{config}', headline), 'A') || "
                    f"setweight(to_tsvector('{config}', standfirst), 'B') || "
                    f"setweight(to_tsvector('{config}', body), 'C') WHERE language = %s",
                    [language],
                )
            cursor.execute("VACUUM ANALYZE")

    renditions = "not available (articles.images.ensure_renditions is not in this build)"
    try:
        from articles.images import ensure_renditions
    except ImportError:
        ensure_renditions = None
    if ensure_renditions is not None:
        begun = time.monotonic()
        for photo in Photo.objects.all():
            ensure_renditions(photo)
        renditions = f"made for {size.photos} photos in {time.monotonic() - begun:.1f}s"
    log(f"renditions {renditions}")

    # As every story saved through the admin is, each story's page is prepared ahead of its
    # readers (articles/prepared.py); the bulk inserts above sent no signals, so do it here.
    begun = time.monotonic()
    subprocess.run(
        [sys.executable, "manage.py", "prepare_pages", f"--jobs={os.cpu_count() or 1}"],
        cwd=ROOT,
        check=True,
    )
    pages = f"prepared for {len(published_ids)} stories in {time.monotonic() - begun:.1f}s"
    log(f"story pages {pages}")

    lead = Article.objects.published().filter(lead_photo__isnull=False, pins__isnull=False)
    article = lead.order_by("-published_at").filter(language="en").first()
    russian = Article.objects.published().filter(language="ru", lead_photo__isnull=False)
    # Tag and author pages: the fullest first, then every one with a published story (a tag
    # page of nothing but drafts is a 404).
    # (Of the English edition, whose tag and author pages the bench reads.)
    published = Article.objects.published().filter(language="en").values("pk")
    tags_by_stories = [
        row["tag__slug"]
        for row in TaggedItem.objects.filter(content_type=article_type, object_id__in=published)
        .values("tag__slug")
        .annotate(stories=Count("pk"))
        .order_by("-stories", "tag__slug")
    ]
    authors_by_stories = [
        row["author__slug"]
        for row in Byline.objects.filter(article__in=published)
        .values("author__slug")
        .annotate(stories=Count("pk"))
        .order_by("-stories", "author__slug")
    ]
    manifest = {
        "size": size._asdict(),
        "article": article.slug,
        "article_id": article.pk,
        # The English edition's stories (a Russian one at /news/ is sent on to /ru/news/).
        "articles": list(
            Article.objects.published()
            .filter(language="en")
            .order_by("-published_at")
            .values_list("slug", flat=True)
        ),
        "article_ids": published_ids[:3000],
        "region": "georgia",
        "regions": [region.slug for region in regions],
        "tag": tags_by_stories[0],
        "tags": tags_by_stories,
        "author": authors_by_stories[0],
        "authors": authors_by_stories,
        "search": "election",
        "searches": TOPICS,
        "ru_article": russian.order_by("-published_at").values_list("slug", flat=True).first(),
        "ru_articles": list(
            Article.objects.published()
            .filter(language="ru")
            .order_by("-published_at")
            .values_list("slug", flat=True)
        ),
        "ru_search": "выборы",
        "ru_searches": RU_TOPICS,
        "counts": {
            "articles": Article.objects.count(),
            "published": len(published_ids),
            "tags": Tag.objects.count(),
            "regions": Region.objects.count(),
            "photos": Photo.objects.count(),
            "authors": Author.objects.count(),
        },
        "renditions": renditions,
        "pages": pages,
        "seconds": round(time.monotonic() - started, 1),
    }
    Path(manifest_path).write_text(json.dumps(manifest))
    log(f"done in {manifest['seconds']}s: {manifest['counts']}")


def main():
    manifest_path = sys.argv[1]
    size = SIZES[sys.argv[2] if len(sys.argv) > 2 else "large"]
    url = os.environ["DATABASE_URL"]
    recreate_database(url)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        check=True,
    )
    fill(manifest_path, size)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    main()

"""The picture include: responsive, modern formats first, no layout shift, never the original."""

import pytest
from django.template import Context, Template

from articles.images import make_photo_renditions
from articles.models import Article, Rendition
from tests.dom import one, parse
from tests.factories import ArticleFactory, PhotoFactory, image_upload

pytestmark = pytest.mark.django_db

CARD = (
    '{% include "articles/_picture.html" with photo=photo shape="3x2" '
    'sizes="(min-width: 64rem) 33vw, 100vw" loading="lazy" %}'
)


def render(source, **context):
    return Template(source).render(Context(context))


def srcset(element):
    """An element's srcset as (address, width) pairs."""
    pairs = (candidate.split() for candidate in element["srcset"].split(","))
    return [(url, int(width.removesuffix("w"))) for url, width in pairs]


def srcset_widths(html, type_):
    return [width for _, width in srcset(one(parse(html), f'picture > source[type="{type_}"]'))]


def test_card_picture_offers_avif_and_webp_before_a_jpeg_fallback():
    photo = PhotoFactory()  # 1200 × 800
    html = render(CARD, photo=photo)
    picture = one(parse(html), "picture")
    # A browser takes the first source it can show, and the <img> only when it can show none.
    assert [(child.name, child.get("type")) for child in picture.find_all(recursive=False)] == [
        ("source", "image/avif"),
        ("source", "image/webp"),
        ("img", None),
    ]
    assert srcset_widths(html, "image/avif") == [320, 640, 960, 1200]
    assert srcset_widths(html, "image/webp") == [320, 640, 960, 1200]
    img = one(picture, "img")
    assert [width for _, width in srcset(img)] == [320, 640, 960, 1200]
    assert all(url.endswith(".jpg") for url, _ in srcset(img))
    assert img["src"].startswith("/media/renditions/")
    # Width and height in the crop's proportions reserve the space before the image arrives.
    assert (img["width"], img["height"]) == ("960", "640")
    assert (img["loading"], img["decoding"]) == ("lazy", "async")
    assert [element["sizes"] for element in picture.select("source, img")] == [
        "(min-width: 64rem) 33vw, 100vw"
    ] * 3
    assert img["alt"] == photo.alt_text
    assert not img.has_attr("fetchpriority")


def test_picture_never_points_at_the_original_upload():
    photo = PhotoFactory()
    html = render(CARD, photo=photo)
    assert photo.image.name not in html
    assert "/originals/" not in html


def test_lead_photo_loads_eagerly_with_high_priority_in_its_own_proportions():
    photo = PhotoFactory()
    html = render(
        '{% include "articles/_picture.html" with photo=photo sizes="100vw" loading="eager" '
        'priority=True css_class="story__image" %}',
        photo=photo,
    )
    img = one(parse(html), "picture > img")
    assert img["loading"] == "eager"
    assert img["fetchpriority"] == "high"
    assert img["class"] == ["story__image"]
    assert (img["width"], img["height"]) == ("960", "640")  # "original" keeps 3:2 for a 3:2 photo


def test_decorative_copy_can_have_empty_alt_text():
    html = render(
        '{% include "articles/_picture.html" with photo=photo shape="1x1" alt="" %}',
        photo=PhotoFactory(),
    )
    img = one(parse(html), "picture > img")
    assert img["alt"] == ""
    assert (img["width"], img["height"]) == ("320", "320")


def test_alt_text_is_escaped():
    html = render(CARD, photo=PhotoFactory(alt_text='A sign reading "Stop" <here>'))
    # Unescaped, the quote would end the attribute early and <here> would become an element.
    assert one(parse(html), "picture > img")["alt"] == 'A sign reading "Stop" <here>'
    assert parse(html).select("here") == []


def test_no_photo_renders_nothing():
    assert render(CARD, photo=None).strip() == ""


def test_cards_render_their_pictures_without_any_query(django_assert_num_queries):
    ArticleFactory.create_batch(3)
    articles = list(Article.objects.published().with_cards())
    with django_assert_num_queries(0):
        html = "".join(render(CARD, photo=article.lead_photo) for article in articles)
    assert len(parse(html).select("picture > img[src]")) == 3


def assert_placeholder(img, width, height):
    """What a picture waiting for its renditions shows: a flat image of its proportions."""
    assert img["src"].startswith("data:image/svg+xml,")
    assert "/media/" not in str(img)
    assert (img["width"], img["height"]) == (str(width), str(height))


def test_until_its_renditions_are_made_a_picture_is_a_placeholder_of_its_shape(task_queue):
    photo = PhotoFactory(renditions=False)  # uploaded; the worker has not got to it yet
    for _ in range(2):
        img = one(parse(render(CARD, photo=photo)), "img")
        assert_placeholder(img, 960, 640)
        assert img["alt"] == photo.alt_text
    # The page asked the worker for them, once however often it was shown.
    assert len(task_queue.waiting(make_photo_renditions)) == 1
    task_queue.run_due()
    html = render(CARD, photo=photo)
    assert srcset_widths(html, "image/avif") == [320, 640, 960, 1200]


def test_a_lead_photo_waiting_for_its_renditions_keeps_its_own_proportions_and_class(task_queue):
    photo = PhotoFactory(renditions=False, image=image_upload(width=800, height=1000))
    html = render(
        '{% include "articles/_picture.html" with photo=photo sizes="100vw" loading="eager" '
        'priority=True css_class="story__image" %}',
        photo=photo,
    )
    img = one(parse(html), "img")
    assert_placeholder(img, 960, 1200)
    assert img["class"] == ["story__image"]


def test_a_picture_shows_the_sizes_already_made_while_the_rest_are_being_made(task_queue):
    photo = PhotoFactory()
    task_queue.run_due()  # its renditions, as the worker makes them after the upload
    Rendition.objects.filter(photo=photo, shape="3x2", width__gt=640).delete()
    html = render(CARD, photo=photo)
    assert srcset_widths(html, "image/webp") == [320, 640]


def test_missing_renditions_are_made_at_first_render_and_then_reused(
    django_assert_max_num_queries,
):
    photo = PhotoFactory()
    Rendition.objects.filter(photo=photo, shape="16x9").delete()
    source = '{% include "articles/_picture.html" with photo=photo shape="16x9" %}'
    first = render(source, photo=photo)
    assert srcset_widths(first, "image/webp") == [1200]
    made = set(Rendition.objects.filter(photo=photo).values_list("pk", flat=True))
    with django_assert_max_num_queries(1):
        again = render(source, photo=photo)
    assert again == first
    assert set(Rendition.objects.filter(photo=photo).values_list("pk", flat=True)) == made


def test_unknown_shape_is_a_loud_mistake():
    with pytest.raises(ValueError, match="Unknown picture shape"):
        render(
            '{% include "articles/_picture.html" with photo=photo shape="4x5" %}',
            photo=PhotoFactory(),
        )


def test_photo_whose_renditions_cannot_be_made_is_a_placeholder_not_a_broken_image():
    photo = PhotoFactory()
    Rendition.objects.filter(photo=photo).delete()
    photo.image.storage.delete(photo.image.name)  # the original has gone missing on disk
    assert_placeholder(one(parse(render(CARD, photo=photo)), "img"), 960, 640)

"""The picture include: responsive, modern formats first, no layout shift, never the original."""

import re

import pytest
from django.template import Context, Template

from articles.models import Article, Rendition
from tests.factories import ArticleFactory, PhotoFactory

pytestmark = pytest.mark.django_db

CARD = (
    '{% include "articles/_picture.html" with photo=photo shape="3x2" '
    'sizes="(min-width: 64rem) 33vw, 100vw" loading="lazy" %}'
)


def render(source, **context):
    return Template(source).render(Context(context))


def srcset_widths(html, type_):
    match = re.search(rf'<source type="{type_}" srcset="([^"]+)"', html)
    assert match, f"no {type_} source in {html}"
    return [int(candidate.split()[-1].rstrip("w")) for candidate in match[1].split(", ")]


def test_card_picture_offers_avif_and_webp_before_a_jpeg_fallback():
    photo = PhotoFactory()  # 1200 × 800
    html = render(CARD, photo=photo)
    assert html.index('type="image/avif"') < html.index('type="image/webp"') < html.index("<img")
    assert srcset_widths(html, "image/avif") == [320, 640, 960, 1200]
    assert srcset_widths(html, "image/webp") == [320, 640, 960, 1200]
    img = re.search(r"<img [^>]+>", html)[0]
    assert re.search(
        r'srcset="[^"]+\.jpg 320w, [^"]+\.jpg 640w, [^"]+\.jpg 960w, [^"]+\.jpg 1200w"', img
    )
    assert 'src="/media/renditions/' in img
    # Width and height in the crop's proportions reserve the space before the image arrives.
    assert 'width="960" height="640"' in img
    assert 'loading="lazy"' in img and 'decoding="async"' in img
    assert html.count('sizes="(min-width: 64rem) 33vw, 100vw"') == 3
    assert f'alt="{photo.alt_text}"' in img
    assert "fetchpriority" not in img


def test_picture_never_points_at_the_original_upload():
    photo = PhotoFactory()
    html = render(CARD, photo=photo)
    assert photo.image.url not in html
    assert "/originals/" not in html


def test_lead_photo_loads_eagerly_with_high_priority_in_its_own_proportions():
    photo = PhotoFactory()
    html = render(
        '{% include "articles/_picture.html" with photo=photo sizes="100vw" loading="eager" '
        'priority=True css_class="story__image" %}',
        photo=photo,
    )
    img = re.search(r"<img [^>]+>", html)[0]
    assert 'loading="eager"' in img
    assert 'fetchpriority="high"' in img
    assert 'class="story__image"' in img
    assert 'width="960" height="640"' in img  # "original" keeps 3:2 for a 3:2 photo


def test_decorative_copy_can_have_empty_alt_text():
    html = render(
        '{% include "articles/_picture.html" with photo=photo shape="1x1" alt="" %}',
        photo=PhotoFactory(),
    )
    assert 'alt=""' in html
    assert 'width="320" height="320"' in html


def test_alt_text_is_escaped():
    html = render(CARD, photo=PhotoFactory(alt_text='A sign reading "Stop" <here>'))
    assert 'alt="A sign reading &quot;Stop&quot; &lt;here&gt;"' in html


def test_no_photo_renders_nothing():
    assert render(CARD, photo=None).strip() == ""


def test_cards_render_their_pictures_without_any_query(django_assert_num_queries):
    ArticleFactory.create_batch(3)
    articles = list(Article.objects.published().with_cards())
    with django_assert_num_queries(0):
        html = "".join(render(CARD, photo=article.lead_photo) for article in articles)
    assert html.count("<picture>") == 3


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


def test_photo_whose_renditions_cannot_be_made_is_left_out_not_broken():
    photo = PhotoFactory()
    Rendition.objects.filter(photo=photo).delete()
    photo.image.storage.delete(photo.image.name)  # the original has gone missing on disk
    assert render(CARD, photo=photo).strip() == ""

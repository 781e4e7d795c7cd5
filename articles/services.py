"""What the desk does to a story: save it, publish or schedule it, take it down.

Keyword-only and transactional: an article is saved whole, with its old address kept, or not at all.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags

from articles.models import Article, SlugRedirect

PUBLISH_PERMISSION = "articles.publish_article"


def can_publish(user):
    return bool(user and user.has_perm(PUBLISH_PERMISSION))


def publishing_problems(*, article, author_count=None):
    """Why ``article`` cannot go out yet, as ``{field: [message, ...]}``; empty when it can.

    ``author_count`` is the number of bylines it will have; ``None`` counts those saved.
    """
    problems = {}

    def problem(field, message):
        problems.setdefault(field, []).append(message)

    if not article.headline.strip():
        problem("headline", "A published story needs a headline.")
    if not strip_tags(article.body or "").strip():
        problem("body", "A published story needs a body: write the story before publishing it.")
    if article.primary_region_id is None:
        problem("primary_region", "Choose the story's primary region before publishing.")
    photo = article.lead_photo
    if photo is None:
        problem("lead_photo", "Choose a lead photo before publishing.")
    else:
        if not photo.credit.strip():
            problem(
                "lead_photo",
                "The lead photo has no credit. Add the photographer or agency to the photo "
                "before publishing.",
            )
        if not photo.alt_text.strip():
            problem(
                "lead_photo",
                "The lead photo has no alt text. Describe the picture on the photo for readers "
                "who cannot see it before publishing.",
            )
    if author_count is None:
        author_count = article.bylines.count() if article.pk else 0
    if author_count < 1:
        problem("authors", "Add at least one author to the byline before publishing.")
    return problems


def _was_live(previous):
    return (
        previous is not None
        and previous["status"] == Article.Status.PUBLISHED
        and previous["published_at"] is not None
        and previous["published_at"] <= timezone.now()
    )


def _keep_addresses(*, article, previous):
    """Send readers on from a live story's old address; free the new address for the story."""
    # An old address that is now this story's own (or any story's) live address must not linger:
    # it would loop or shadow, and it would block that address from becoming a redirect later.
    SlugRedirect.objects.filter(old_slug=article.slug).delete()
    if previous and previous["slug"] != article.slug and _was_live(previous):
        SlugRedirect.objects.update_or_create(
            old_slug=previous["slug"], defaults={"article": article}
        )


@transaction.atomic
def article_save(*, article, user, check_authors=False):
    """Validate and save ``article`` as ``user`` did it, keeping its old address when it moved.

    Publishing rules apply whenever the status is Published (live or scheduled). Bylines are
    checked only with ``check_authors``: the admin saves them after the article and checks them
    in its own form.
    """
    previous = (
        Article.objects.filter(pk=article.pk).values("slug", "status", "published_at").first()
        if article.pk
        else None
    )
    touches_published = article.status == Article.Status.PUBLISHED or (
        previous is not None and previous["status"] == Article.Status.PUBLISHED
    )
    if touches_published and not can_publish(user):
        raise PermissionDenied("Only editors can publish, schedule or change published stories.")
    if article.status == Article.Status.PUBLISHED:
        if article.published_at is None:
            article.published_at = timezone.now()
        problems = publishing_problems(article=article, author_count=None if check_authors else 1)
        if problems:
            raise ValidationError(problems)
    article.full_clean()
    if previous is None:
        article.created_by = user
    article.modified_by = user
    article.save()
    _keep_addresses(article=article, previous=previous)
    return article


@transaction.atomic
def article_publish(*, article, user, at=None):
    """Publish ``article`` now (``at=None``) or schedule it for ``at``.

    A story that is already live keeps its publication time when published "now" again, so
    calling this twice changes nothing.
    """
    if not can_publish(user):
        raise PermissionDenied("Only editors can publish or schedule stories.")
    if at is None:
        if not article.is_published:
            article.published_at = timezone.now()
    else:
        article.published_at = at
    article.status = Article.Status.PUBLISHED
    return article_save(article=article, user=user, check_authors=True)


@transaction.atomic
def article_unpublish(*, article, user):
    """Take ``article`` down to a draft; its address stops working for readers at once."""
    if not can_publish(user):
        raise PermissionDenied("Only editors can take stories down.")
    article.status = Article.Status.DRAFT
    return article_save(article=article, user=user)


@transaction.atomic
def article_change_slug(*, article, slug, user):
    """Give ``article`` a new address; a live story's old address redirects permanently."""
    article.slug = slug
    return article_save(article=article, user=user)

"""What the desk does to a story: save it, publish or schedule it, take it down; and to the
photos and picks readers see.

Keyword-only and transactional: an article is saved whole, with its old address kept, or not at all.
Every save through here is counted (``version``) and refused when someone else saved in between
(``EditConflict``), so a save never silently undoes a newer one.
"""

import reversion
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.text import get_text_list

from articles import revisions
from articles.models import Article, Author, Byline, LiveUpdate, SlugRedirect
from articles.sanitize import sanitize_html
from newsroom import editions

PUBLISH_PERMISSION = "articles.publish_article"


def can_publish(user):
    return bool(user and user.has_perm(PUBLISH_PERMISSION))


# --- Two people on one page: optimistic locking ----------------------------------------------


class EditConflict(ValidationError):
    """Someone saved the object after the version this save started from; nothing was saved."""

    def __init__(self, message, *, current_version):
        super().__init__(message, code="edit_conflict")
        self.current_version = current_version


def _conflict(model, pk, *, opened_version):
    """The ``EditConflict`` for saving stored row ``pk`` of ``model`` from ``opened_version``."""
    name = model._meta.verbose_name
    row = model.objects.filter(pk=pk).values("version", "modified_by", "modified_at").first()
    if row is None:
        return EditConflict(
            f"Not saved: this {name} was deleted after you opened it.", current_version=None
        )
    if opened_version is None:
        return EditConflict(
            f"Not saved: the form did not say which version of this {name} it was opened at, "
            "so saving it could undo someone else’s changes. Check what is in the form below, "
            "then save again.",
            current_version=row["version"],
        )
    user = get_user_model().objects.filter(pk=row["modified_by"]).first()
    who = (user.get_full_name() or user.get_username()) if user else "Someone"
    when = (
        f" on {date_format(timezone.localtime(row['modified_at']), 'j F Y, H:i')}"
        if row["modified_at"]
        else ""
    )
    return EditConflict(
        f"Not saved: {who} changed this {name}{when}, after you opened it. What you typed is "
        "still in the form below. Compare it with their version (open this page again in "
        "another tab), then save again to replace their version with yours.",
        current_version=row["version"],
    )


def check_version(*, obj, opened_version):
    """Refuse (``EditConflict``) to save ``obj`` from a form opened at ``opened_version`` when
    someone has saved it since.

    Inside a transaction the stored row stays locked until it ends (on PostgreSQL; SQLite has
    one writer at a time), so no other save comes between this check and the save after it.
    """
    rows = type(obj).objects.filter(pk=obj.pk)
    if transaction.get_connection().in_atomic_block:
        rows = rows.select_for_update()
    current = rows.values_list("version", flat=True).first()
    if current != opened_version:
        raise _conflict(type(obj), obj.pk, opened_version=opened_version)


def _count_the_save(obj):
    """Move the stored row from the version ``obj`` was read (or its form opened) at to the next
    one, or raise ``EditConflict`` when someone saved it in between: one UPDATE, so two saves
    from the same version cannot both pass."""
    model = type(obj)
    counted = model.objects.filter(pk=obj.pk, version=obj.version).update(version=F("version") + 1)
    if not counted:
        raise _conflict(model, obj.pk, opened_version=obj.version)
    obj.version += 1


# --- What readers see is the editors' to change ----------------------------------------------


def photo_live_uses(photo):
    """Where readers see ``photo``, or will once a scheduled story is out: phrases such as
    "the lead photo of “Ceasefire holds”" and "Nino Beridze’s portrait"; empty when nowhere."""
    if photo.pk is None:
        return []
    stories = Article.objects.filter(lead_photo=photo, status=Article.Status.PUBLISHED)
    authors = Author.objects.filter(portrait=photo)
    blogs = Article.objects.filter(
        live_updates__photo=photo, status=Article.Status.PUBLISHED
    ).distinct()
    return [
        *(f"the lead photo of “{title}”" for title in stories.values_list("headline", flat=True)),
        *(f"{name}’s portrait" for name in authors.values_list("name", flat=True)),
        *(f"in an update of “{title}”" for title in blogs.values_list("headline", flat=True)),
    ]


def photo_is_live(photo):
    """Whether a live or scheduled story leads with ``photo`` or shows it in a live update,
    or an author's portrait is it."""
    if photo.pk is None:
        return False
    return (
        Article.objects.filter(lead_photo=photo, status=Article.Status.PUBLISHED).exists()
        or Author.objects.filter(portrait=photo).exists()
        or LiveUpdate.objects.filter(photo=photo, article__status=Article.Status.PUBLISHED).exists()
    )


def may_change_photo(*, user, photo):
    """Anyone on the desk may change a new or unused photo, or one only drafts use; a photo
    readers see changes on their pages at once, so only those who may publish change it."""
    return can_publish(user) or not photo_is_live(photo)


@transaction.atomic
def photo_save(*, photo, user):
    """Save ``photo`` as ``user`` uploaded or changed it, never over a newer save."""
    if photo.pk is not None and not may_change_photo(user=user, photo=photo):
        raise PermissionDenied(
            f"This photo is {', '.join(photo_live_uses(photo))}: only editors can change it."
        )
    photo.full_clean()
    if photo.pk is None:
        photo.uploaded_by = user
    else:
        _count_the_save(photo)
    photo.modified_by = user
    photo.modified_at = timezone.now()
    photo.save()
    return photo


@transaction.atomic
def pick_save(*, pick, user):
    """Save the Editor's Pick ``pick`` as ``user`` chose it, never over a newer save.

    A pick is on the home page as soon as it is saved, so only those who may publish choose
    picks. Its position is left alone on a change: the list's order belongs to
    ``rails.picks.move_pick``, which renumbers it under a lock.
    """
    if not can_publish(user):
        raise PermissionDenied("Only editors choose Editor’s Picks.")
    pick.modified_by = user
    pick.modified_at = timezone.now()
    pick.full_clean()
    if pick.pk is None:
        pick.save()
        return pick
    _count_the_save(pick)
    pick.save(
        update_fields=[
            field.name
            for field in pick._meta.concrete_fields
            if not field.primary_key and field.name != "order"
        ]
    )
    return pick


# --- Stories ---------------------------------------------------------------------------------


def slug_problem(*, slug, article):
    """Why ``article`` cannot have the address ``slug``, or None when it can.

    Another story's address, now or before, is never taken over: taking an old address would
    silently end its permanent redirect. Removing a redirect is an editor's own decision
    (Slug redirects in the admin); a story may always go back to one of its own old addresses.
    """
    others = Article.objects.filter(slug=slug)
    redirects = SlugRedirect.objects.filter(old_slug=slug).select_related("article")
    if article.pk is not None:
        others = others.exclude(pk=article.pk)
        redirects = redirects.exclude(article_id=article.pk)
    other = others.values_list("headline", flat=True).first()
    if other is not None:
        return f"“{slug}” is already the address of “{other}”. Choose another address."
    redirect = redirects.first()
    if redirect is not None:
        return (
            f"“{slug}” is an old address of “{redirect.article.headline}”: readers following "
            "links to it are sent on to that story. Choose another address, or have an editor "
            "remove that redirect under “Slug redirects” first."
        )
    return None


def translation_problem(*, article):
    """Why ``article`` cannot be in its edition, or None: its translation group already has
    a story there."""
    if article.translation_group_id is None:
        return None
    taken = (
        Article.objects.translation_group(article)
        .filter(language=article.language)
        .values_list("headline", flat=True)
        .first()
    )
    if taken is None:
        return None
    return (
        f"This story's translation group already has “{taken}” in the "
        f"{editions.name(article.language)} edition: each edition has one of its translations."
    )


def _free_slug(base):
    """``base``, or ``base-2``, ``base-3``…: the first address no story has or had."""
    base = base[:190].rstrip("-")
    candidate, number = base, 1
    while slug_problem(slug=candidate, article=Article()) is not None:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


@transaction.atomic
def article_translate(*, article, language, user):
    """A draft of ``article`` in edition ``language``, for a translator: its words as they
    are (to be translated), the same lead photo, regions, tags and bylines, in ``article``'s
    translation group. Refused if the group has a story in that edition already."""
    if not user.has_perm("articles.add_article"):
        raise PermissionDenied("You may not write stories.")
    if language == article.language or not editions.is_edition(language):
        raise ValidationError({"language": "Choose another edition than the story's own."})
    draft = Article(
        language=language,
        translation_of_id=article.translation_group_id,
        headline=article.headline,
        slug=_free_slug(f"{article.slug}-{language}"),
        standfirst=article.standfirst,
        body=article.body,
        lead_photo_id=article.lead_photo_id,
        lead_photo_caption=article.lead_photo_caption,
        primary_region_id=article.primary_region_id,
        status=Article.Status.DRAFT,
    )
    problem = translation_problem(article=draft)
    if problem:
        raise ValidationError({"language": problem})
    article_save(article=draft, user=user)
    draft.regions.set(article.regions.all())
    draft.tags.set(list(article.tags.all()))
    for byline in article.bylines.all():
        Byline.objects.create(article=draft, author_id=byline.author_id, order=byline.order)
    return draft


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
    # Back at one of its own old addresses: that redirect would loop, and would block the
    # address from becoming a redirect again later. (Another story's is refused before this.)
    SlugRedirect.objects.filter(old_slug=article.slug, article=article).delete()
    if previous and previous["slug"] != article.slug and _was_live(previous):
        SlugRedirect.objects.update_or_create(
            old_slug=previous["slug"], defaults={"article": article}
        )


@transaction.atomic
def article_save(*, article, user, check_authors=False):
    """Validate and save ``article`` as ``user`` did it, keeping its old address when it moved.

    Publishing rules apply whenever the status is Published (live or scheduled). Bylines are
    checked only with ``check_authors``: the admin saves them after the article and checks them
    in its own form. The save is refused (``EditConflict``) when the story was saved since
    ``article.version``, the version it was read or its form opened at.
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
    problems = {}
    if article.status == Article.Status.PUBLISHED:
        if article.published_at is None:
            article.published_at = timezone.now()
        problems = publishing_problems(article=article, author_count=None if check_authors else 1)
    address = slug_problem(slug=article.slug, article=article)
    if address:
        problems.setdefault("slug", []).append(address)
    translated = translation_problem(article=article)
    if translated:
        problems.setdefault("language", []).append(translated)
    if problems:
        raise ValidationError(problems)
    article.full_clean()
    if previous is None:
        article.created_by = user
    else:
        _count_the_save(article)
    article.modified_by = user
    article.save()
    _keep_addresses(article=article, previous=previous)
    _keep_revision(article=article, user=user)
    return article


def _keep_revision(*, article, user):
    """Keep a revision of ``article`` as saved by ``user``, in this transaction.

    Inside a revision already being made (the admin's change form, whose bylines, regions and
    tags are saved after the story; a restore) the story joins that one, made when it ends;
    its comment says what changed (``articles.revisions``) unless one was set.
    """
    with reversion.create_revision(manage_manually=True, atomic=False):
        reversion.set_user(user)
        revisions.keep(article)


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


@transaction.atomic
def article_restore(*, article, version, user, opened_version):
    """Bring back what ``article`` said in its kept ``version`` (``reversion.models.Version``),
    as a new save by ``user`` from the page opened at ``opened_version``.

    The text, lead photo, caption, regions, bylines and tags come back; the address, status and
    publication times stay as they are, and corrections are never touched. It is a save like
    any other: refused to those who may not change the story, refused (``EditConflict``) when
    someone saved since ``opened_version``, and refused (``ValidationError``) when the story is
    published or scheduled and what comes back breaks a publishing rule, or names a photo,
    region or author no longer in the newsroom. It is kept as a revision of its own.
    """
    if version.object_id != str(article.pk) or version.content_type.model_class() is not Article:
        raise ValueError(f"Version {version.pk} is not a version of story {article.pk}.")
    if article.status == Article.Status.PUBLISHED and not can_publish(user):
        raise PermissionDenied("Only editors can change published or scheduled stories.")
    snapshot = revisions.Snapshot.of(version)
    missing = snapshot.missing()
    if missing:
        raise ValidationError(
            f"This revision cannot be restored: {get_text_list(missing, 'and')} "
            f"{'is' if len(missing) == 1 else 'are'} no longer in the newsroom."
        )
    article.version = opened_version
    for name in ("headline", "standfirst", "lead_photo_caption"):
        setattr(article, name, snapshot.fields.get(name) or "")
    article.body = sanitize_html(snapshot.fields.get("body") or "")
    article.lead_photo = snapshot.lead_photo
    article.primary_region = snapshot.primary_region
    if article.status == Article.Status.PUBLISHED:
        problems = publishing_problems(article=article, author_count=len(snapshot.authors))
        if problems:
            raise ValidationError(
                {
                    field: [f"Not restored: {message}" for message in messages]
                    for field, messages in problems.items()
                }
            )
    with reversion.create_revision(manage_manually=True, atomic=False):
        reversion.set_comment(revisions.restored_comment(version.revision))
        article_save(article=article, user=user)
        article.regions.set(snapshot.regions)
        article.tags.set(snapshot.tags)
        kept = {byline.author_id: byline for byline in article.bylines.all()}
        for byline in kept.values():
            if byline.author_id not in snapshot.bylines:
                byline.delete()
        for order, author in enumerate(snapshot.authors):
            byline = kept.get(author.pk) or Byline(article=article, author=author)
            if byline.pk is None or byline.order != order:
                byline.order = order
                byline.save()
        revisions.keep(article)
    return article


# --- Live blogs ------------------------------------------------------------------------------


def _stamp(article, user, *fields):
    """Save only ``fields`` of ``article`` as a counted desk save by ``user``: its page and
    cards are outdated like any save's (``articles/outdating.py``)."""
    _count_the_save(article)
    article.modified_by = user
    article.save(update_fields=[*fields, "version", "modified_by", "modified_at"])
    return article


@transaction.atomic
def live_blog_start(*, article, user):
    """Make the published (or scheduled) ``article`` a live blog from now; an ended one runs
    again, keeping its updates. Starting a running live blog changes nothing."""
    if not can_publish(user):
        raise PermissionDenied("Only editors start live blogs.")
    if article.status != Article.Status.PUBLISHED:
        raise ValidationError("Publish or schedule the story before making it a live blog.")
    if article.is_live:
        return article
    if article.live_since is None:
        article.live_since = timezone.now()
    article.live_until = None
    return _stamp(article, user, "live_since", "live_until")


@transaction.atomic
def live_blog_close(*, article, user):
    """End ``article``'s live blog now: its updates stay, the story stays published, and
    nobody can post to it until an editor starts it again. Closing twice changes nothing."""
    if not can_publish(user):
        raise PermissionDenied("Only editors close live blogs.")
    if not article.is_live:
        return article
    article.live_until = max(timezone.now(), article.live_since)
    return _stamp(article, user, "live_until")


def may_post_live_update(*, user, article):
    """Editors post to any live blog; reporters, for speed, to a running one they have a
    byline on (their own staff account's author). Nobody posts to one that has ended."""
    if article is None or not article.is_live or not user or not user.is_active:
        return False
    if can_publish(user):
        return True
    return _has_byline(user=user, article=article)


def may_change_live_update(*, user, update):
    """Editors correct or remove any update, even after the blog ended; reporters their own
    stories' updates while the blog runs."""
    if can_publish(user):
        return True
    return may_post_live_update(user=user, article=update.article)


def _has_byline(*, user, article):
    return article.bylines.filter(author__user=user).exists()


def live_update_problems(*, update):
    """Why ``update`` cannot be shown, as ``{field: [message, ...]}``; empty when it can."""
    problems = {}
    if not strip_tags(sanitize_html(update.text or "")).strip():
        problems["text"] = ["Write what is new before posting the update."]
    photo = update.photo
    if photo is not None:
        missing = [
            label
            for label, value in (("a credit", photo.credit), ("alt text", photo.alt_text))
            if not value.strip()
        ]
        if missing:
            problems["photo"] = [
                f"The photo has no {' and no '.join(missing)}. Add "
                f"{' and '.join(missing)} to the photo before using it in an update."
            ]
    return problems


@transaction.atomic
def live_update_save(*, update, user):
    """Post ``update`` (new) or save a correction to it, as ``user``; refused unless the user
    may (``may_post_live_update``/``may_change_live_update``) and the update can be shown.
    Its time is the moment it was first posted and never changes."""
    article = Article.objects.select_for_update().get(pk=update.article_id)
    update.article = article
    if update.pk is None:
        allowed = may_post_live_update(user=user, article=article)
    else:
        stored = LiveUpdate.objects.filter(pk=update.pk, article=article).first()
        if stored is None:
            raise ValidationError("This update was deleted or moved; nothing was saved.")
        allowed = may_change_live_update(user=user, update=update)
    if not allowed:
        raise PermissionDenied(
            "Updates are posted to a running live blog, by its editors or by reporters with a "
            "byline on the story."
            if article.is_live
            else "This live blog has ended: only editors can change its updates."
        )
    problems = live_update_problems(update=update)
    if problems:
        raise ValidationError(problems)
    update.full_clean()
    if update.pk is None:
        update.created_by = user
        update.posted_at = timezone.now()
    else:
        update.modified_at = timezone.now()
    update.modified_by = user
    update.save()
    return update


@transaction.atomic
def live_update_delete(*, update, user):
    """Remove ``update`` from its live blog, as ``user`` (who may change it)."""
    if not may_change_live_update(user=user, update=update):
        raise PermissionDenied("Only editors can remove updates from this live blog.")
    update.delete()

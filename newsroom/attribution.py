"""Which journalism brings supporters: the story and the placement a join or a newsletter
sign-up came from, first-party and without cookies.

A link or form that leads to joining or subscribing carries two plain parameters, ``from``
(a story's id) and ``via`` (a placement below); the join and sign-up flows keep them in the
forms they render and pass them on through checkout, and the membership or subscriber records
them. Anything unknown or malformed is recorded as nothing, never refused.
"""

from django.db import models

FROM_PARAMETER = "from"
VIA_PARAMETER = "via"


class Placement(models.TextChoices):
    STORY = "story", "Box under a story"
    HEADER = "header", "Header button"
    NEWSLETTER = "newsletter", "Newsletter"
    JOIN_PAGE = "join-page", "Join page directly"
    HOME = "home", "Home page"
    AFTER_JOINING = "after-joining", "Page after joining"


class Attributed(models.Model):
    """What led a reader here: a story (kept as long as the story is) and a placement."""

    source_article = models.ForeignKey(
        "articles.Article",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="came from story",
    )
    source_placement = models.CharField(
        "came through", max_length=20, choices=Placement.choices, blank=True
    )

    class Meta:
        abstract = True


def read(data):
    """``(story id or None, placement or "")`` from a request's GET or POST data (``from`` and
    ``via``); whatever does not parse is nothing. Whether the story exists is the caller's to
    check where it stores the id (``source_article_id``), e.g. with a published-stories filter.
    """
    raw_story = str(data.get(FROM_PARAMETER, "")).strip()
    story = int(raw_story) if raw_story.isascii() and raw_story.isdigit() else None
    if story is not None and not 0 < story < 2**31:
        story = None
    placement = str(data.get(VIA_PARAMETER, "")).strip()
    return story, placement if placement in Placement.values else ""

"""What a digest holds and how it reads: its stories, chosen once, and its email, per reader.

A digest's stories are those published in its period, ``(covers_from, covers_until]``, from the
same ``published()`` the site lists (drafts and stories scheduled for later are never in it),
ordered as the front page orders them: the newest story leads, then the rest by region (in
the navigation's order), newest first in each. They are frozen into ``Digest.stories`` (ids)
when sending starts, so every recipient gets the same issue; a story withdrawn since is left
out rather than linked to a page that is gone.

Each message is one ``EmailMultiAlternatives``: a plain-text part and an email-safe HTML part
(tables and inline styles), both from templates/newsletter/digest/, with the subscriber's own
one-click unsubscribe headers (RFC 8058). Photos are absolute links to renditions that exist;
a story whose renditions are not ready goes without a picture, never with a broken one.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, make_msgid
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from articles import wording
from articles.models import Article, Region, Rendition
from newsletter.tokens import unsubscribe_url
from newsroom import editions
from newsroom.attribution import FROM_PARAMETER, VIA_PARAMETER, Placement

# The width a digest's photos are shown at (the email's column), and the rendition wanted for
# it: one at least twice as wide, for sharp pictures on phones.
PHOTO_WIDTH = 560
PHOTO_SHAPE = "3x2"

SUBJECTS = {
    "daily": _("%(site)s: the day's stories, %(date)s"),
    "weekly": _("%(site)s: the week's stories, %(date)s"),
}


def absolute(url):
    return url if url.startswith(("http://", "https://")) else f"{settings.SITE_URL}{url}"


def stories_in_period(digest):
    """The published stories of the digest's period, ids in the order the digest shows them."""
    published = (
        Article.objects.published()
        .in_edition(digest.edition)
        .filter(published_at__gt=digest.covers_from, published_at__lte=digest.covers_until)
        .latest_first()
    )
    rows = list(published.values_list("pk", "primary_region_id"))
    if not rows:
        return []
    (lead, _region), rest = rows[0], rows[1:]
    region_order = {
        pk: place for place, pk in enumerate(Region.objects.values_list("pk", flat=True))
    }
    # sorted() is stable: newest first stays within each region.
    rest.sort(key=lambda row: region_order.get(row[1], len(region_order)))
    return [lead, *(pk for pk, _region in rest)]


def freeze_stories(digest):
    """Choose the issue's stories once (when sending starts); later calls keep them."""
    if not digest.stories:
        digest.stories = stories_in_period(digest)
    return digest.stories


@dataclass
class DigestPhoto:
    url: str
    width: int
    height: int
    alt: str
    caption: str
    credit: str


@dataclass
class DigestStory:
    pk: int
    headline: str
    standfirst: str
    url: str
    region: str
    photo: DigestPhoto | None


@dataclass
class Section:
    region: str
    stories: list = field(default_factory=list)


@dataclass
class Issue:
    """One digest's content, the same for every reader: built once per batch."""

    digest: object
    lead: DigestStory | None
    sections: list

    @property
    def story_count(self):
        return (1 if self.lead else 0) + sum(len(section.stories) for section in self.sections)

    @property
    def join_url(self):
        query = {VIA_PARAMETER: Placement.NEWSLETTER}
        if self.lead:
            query = {FROM_PARAMETER: self.lead.pk, **query}
        return absolute(f"{reverse('memberships:join')}?{urlencode(query)}")


def _photo(article):
    """The story's lead photo as a rendition that exists, or None."""
    photo = article.lead_photo
    if photo is None:
        return None
    jpegs = sorted(photo.renditions.all(), key=lambda rendition: rendition.width)
    if not jpegs:
        return None
    rendition = next((r for r in jpegs if r.width >= 2 * PHOTO_WIDTH), jpegs[-1])
    if not rendition.file or not rendition.file.storage.exists(rendition.file.name):
        return None
    return DigestPhoto(
        url=absolute(rendition.file.url),
        width=PHOTO_WIDTH,
        height=round(PHOTO_WIDTH * rendition.height / rendition.width),
        alt=photo.alt_text,
        caption=article.lead_photo_caption or photo.caption,
        credit=photo.credit,
    )


def _story(article):
    return DigestStory(
        pk=article.pk,
        headline=article.headline,
        standfirst=article.standfirst,
        url=absolute(article.get_absolute_url()),
        region=article.primary_region.name,
        photo=_photo(article),
    )


def build_issue(digest):
    """The digest's stories (its frozen ones, else those its period holds now), in order."""
    ids = digest.stories or stories_in_period(digest)
    renditions = Rendition.objects.filter(shape=PHOTO_SHAPE, format=Rendition.Format.JPEG)
    articles = (
        Article.objects.published()
        .filter(pk__in=ids)
        .select_related("primary_region", "lead_photo")
        .prefetch_related(Prefetch("lead_photo__renditions", queryset=renditions))
        .in_bulk()
    )
    wording.of_stories(articles.values())  # regions and captions in the edition's words
    with translation.override(digest.edition):
        stories = [_story(articles[pk]) for pk in ids if pk in articles]
    lead, sections = (stories[0] if stories else None), []
    for story in stories[1:]:
        if not sections or sections[-1].region != story.region:
            sections.append(Section(region=story.region))
        sections[-1].stories.append(story)
    return Issue(digest=digest, lead=lead, sections=sections)


def subject(digest):
    """The digest's subject line, in its edition's language."""
    with translation.override(digest.edition):
        date = date_format(timezone.localtime(digest.covers_until), "DATE_FORMAT")
        return str(SUBJECTS[digest.frequency]) % {"site": settings.SITE_NAME, "date": date}


def email_context(issue, *, unsubscribe):
    """What the digest's templates show, for a reader whose unsubscribe link is given."""
    return {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "home_url": absolute(editions.home(issue.digest.edition)),
        "digest": issue.digest,
        "issue": issue,
        "subject": subject(issue.digest),
        "unsubscribe_url": unsubscribe,
    }


def render_parts(issue, *, unsubscribe):
    """``(text, html)`` of the issue for a reader whose unsubscribe link is ``unsubscribe``."""
    context = email_context(issue, unsubscribe=unsubscribe)
    with translation.override(issue.digest.edition):
        return (
            render_to_string("newsletter/digest/email.txt", context),
            render_to_string("newsletter/digest/email.html", context),
        )


def digest_message(issue, subscriber, connection=None):
    """The email of this issue for one subscriber, with their own unsubscribe link."""
    with translation.override(issue.digest.edition):  # the edition's own manage page
        unsubscribe = unsubscribe_url(subscriber)
    text, html = render_parts(issue, unsubscribe=unsubscribe)
    message = EmailMultiAlternatives(
        subject=subject(issue.digest),
        body=text,
        from_email=settings.NEWSLETTER_FROM_EMAIL,
        to=[subscriber.email],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            # Set here rather than when sent, so that the delivery can record it.
            "Message-ID": make_msgid(),
        },
    )
    message.attach_alternative(html, "text/html")
    return message

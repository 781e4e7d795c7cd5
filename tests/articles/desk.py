"""Helpers for driving the editors' admin like a person would: logged-in users and form posts."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

PASSWORD = "correct horse battery staple"


def desk_user(group_name, username=None):
    """A staff account in the Reporter or Editor group (the groups come from a migration)."""
    user = get_user_model().objects.create_user(
        username=username or group_name.lower(), password=PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


def split_datetime(value):
    """The admin's two date and time boxes for an aware datetime, in the newsroom's time zone."""
    if value is None:
        return "", ""
    local = timezone.localtime(value)
    return local.strftime("%Y-%m-%d"), local.strftime("%H:%M:%S")


def management_form(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def no_wording():
    """The empty inline of a region's, tag's, author's or photo's words in other editions."""
    return management_form("wording")


def article_form(
    *,
    headline,
    slug,
    region,
    photo=None,
    authors=(),
    existing_bylines=(),
    article=None,
    body="<p>The story, told well.</p>",
    status="draft",
    published_at=None,
    **extra,
):
    """POST data for the article add/change form, with the byline inline filled in."""
    date, time = split_datetime(published_at)
    data = {
        "headline": headline,
        "slug": slug,
        "standfirst": "What happened, and why it matters.",
        "body": body,
        "lead_photo": photo.pk if photo else "",
        "lead_photo_caption": "",
        "primary_region": region.pk,
        "language": "en",
        "tags": "politics, borders",
        "status": status,
        "published_at_0": date,
        "published_at_1": time,
        "updated_at_0": "",
        "updated_at_1": "",
        **management_form("bylines", len(existing_bylines) + len(authors), len(existing_bylines)),
        **management_form("corrections"),
        **management_form("pins"),
    }
    for index, byline in enumerate(existing_bylines):
        data[f"bylines-{index}-id"] = byline.pk
        data[f"bylines-{index}-article"] = article.pk
        data[f"bylines-{index}-author"] = byline.author_id
        data[f"bylines-{index}-order"] = byline.order
    for offset, author in enumerate(authors):
        index = len(existing_bylines) + offset
        data[f"bylines-{index}-author"] = author.pk
        data[f"bylines-{index}-order"] = index
    data.update(extra)
    return data


def change_form(article, **overrides):
    """POST data that resubmits ``article`` as it is, with ``overrides`` applied, from a form
    opened at its current version."""
    article.refresh_from_db()
    values = {
        "opened_version": article.version,
        "headline": article.headline,
        "slug": article.slug,
        "region": article.primary_region,
        "photo": article.lead_photo,
        "body": article.body,
        "status": article.status,
        "published_at": article.published_at,
        "existing_bylines": list(article.bylines.all()),
        "article": article,
    }
    values.update(overrides)
    return article_form(**values)


def browser_form(response, **changes):
    """What a browser would send from the admin form on the page in ``response``: every named
    field as the page shows it (submit buttons and file inputs left out), with ``changes``.

    Two people working on the same story each post what *their* page showed, hidden fields
    included, so tests of who saved what start from the page, not from the database.
    """
    from tests.dom import parse

    form = parse(response).select_one("#content-main form")
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name, kind = field["name"], field.get("type", "text")
        if field.name == "textarea":
            # The parser keeps the newline that browsers drop after <textarea>.
            data[name] = field.get_text().removeprefix("\n")
        elif field.name == "select":
            options = field.select("option")
            chosen = [o.get("value", o.get_text()) for o in options if o.has_attr("selected")]
            if field.has_attr("multiple"):
                data[name] = chosen
            elif chosen or options:
                data[name] = chosen[0] if chosen else options[0].get("value", options[0].get_text())
        elif kind in {"submit", "button", "image", "reset", "file"}:
            continue
        elif kind in {"checkbox", "radio"}:
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        else:
            data[name] = field.get("value", "")
    data.update(changes)
    return data

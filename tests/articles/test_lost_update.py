"""Two editors on one page: the second save from an older page is refused, nothing is lost.

Nino and Giorgi open the same story, photo or Editor's pick. Nino saves first. Giorgi's page is
now out of date: saving it is refused (Nino's change stays, and nothing of Giorgi's is kept),
the message says who changed it and when (in the newsroom's time), and everything Giorgi typed
is still in the form shown again, which now carries Nino's version, so that saving once more is
a deliberate choice. Leaving out or forging the version the page was opened at wins nothing.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.forms import OPENED_VERSION
from tests.articles.desk import browser_form, desk_user
from tests.dom import parse, text
from tests.factories import ArticleFactory, EditorsPickFactory, PhotoFactory, image_upload
from tests.staff.sign_in import sign_in

pytestmark = pytest.mark.django_db

# 08:30 UTC is 12:30 in the newsroom (TIME_ZONE, Asia/Tbilisi: UTC+4).
NINO_SAVES_AT = datetime(2026, 3, 10, 8, 30, tzinfo=UTC)
NINO_SAVED = "Nino Beridze changed this {} on 10 March 2026, 12:30, after you opened it."


@dataclass(frozen=True)
class Desk:
    """One kind of page: what each editor changes on it, and what is kept afterwards."""

    name: str  # as the refusal names it
    url_name: str
    make: object
    nino_types: dict
    giorgi_types: dict
    kept: object  # the object -> what it holds of the fields the editors change
    giorgi_kept: dict  # ``kept`` once Giorgi's version replaced Nino's


def story_kept(story):
    return {
        "headline": story.headline,
        "standfirst": story.standfirst,
        "corrections": [correction.text for correction in story.corrections.all()],
    }


def pick_kept(pick):
    if pick.ends_at is None:
        return {"ends": None}
    return {"ends": timezone.localtime(pick.ends_at).strftime("%Y-%m-%d %H:%M")}


DESKS = {
    "story": Desk(
        name="article",
        url_name="admin:articles_article_change",
        make=lambda: ArticleFactory(headline="Border crossing reopens"),
        nino_types={"headline": "Border crossing reopens after talks"},
        giorgi_types={
            "headline": "Crossing open again, for now",
            "standfirst": "Queues formed within the hour.",
            # A correction added in the story's own form (an inline) is Giorgi's work too.
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-made_at_0": "2026-03-10",
            "corrections-0-made_at_1": "12:00:00",
            "corrections-0-text": "An earlier version gave the wrong date.",
        },
        kept=story_kept,
        giorgi_kept={
            "headline": "Crossing open again, for now",
            "standfirst": "Queues formed within the hour.",
            "corrections": ["An earlier version gave the wrong date."],
        },
    ),
    "photo": Desk(
        name="photo",
        url_name="admin:articles_photo_change",
        make=lambda: PhotoFactory(caption="Delegates arrive."),
        nino_types={"caption": "Delegates arrive for the summit in Tbilisi."},
        giorgi_types={"caption": "Delegates arrive, in the rain.", "credit": "Giorgi Kapanadze"},
        kept=lambda photo: {"caption": photo.caption, "credit": photo.credit},
        giorgi_kept={"caption": "Delegates arrive, in the rain.", "credit": "Giorgi Kapanadze"},
    ),
    "pick": Desk(
        name="editor's pick",
        url_name="admin:articles_editorspick_change",
        make=lambda: EditorsPickFactory(),
        nino_types={"ends_at_0": "2026-03-12", "ends_at_1": "18:00:00"},
        giorgi_types={"ends_at_0": "2026-03-20", "ends_at_1": "09:00:00"},
        kept=pick_kept,
        giorgi_kept={"ends": "2026-03-20 09:00"},
    ),
}
ON_EVERY_DESK = pytest.mark.parametrize("desk", DESKS.values(), ids=DESKS.keys())


@pytest.fixture(autouse=True)
def desk_clock():
    """The desk's clock stands at the moment Nino saves."""
    with time_machine.travel(NINO_SAVES_AT, tick=False):
        yield


def editor(username, first_name, last_name):
    user = desk_user("Editor", username=username)
    user.first_name, user.last_name = first_name, last_name
    user.save(update_fields=["first_name", "last_name"])
    return sign_in(Client(), user)


@pytest.fixture
def nino():
    return editor("nino", "Nino", "Beridze")


@pytest.fixture
def giorgi():
    return editor("giorgi", "Giorgi", "Kapanadze")


def refusal(response):
    """The message at the top of the form saying why it was not saved."""
    return " ".join(text(error) for error in parse(response).select(".errorlist.nonfield li"))


def kept(desk, thing):
    thing.refresh_from_db()
    return desk.kept(thing)


@pytest.fixture
def nino_saved_first(desk, nino, giorgi):
    """Both open the same page (the same version); Nino saves; Giorgi's page is out of date.
    Returns the object, its address and Giorgi's page."""
    thing = desk.make()
    url = reverse(desk.url_name, args=[thing.pk])
    nino_page, giorgi_page = nino.get(url), giorgi.get(url)
    assert browser_form(nino_page)[OPENED_VERSION] == browser_form(giorgi_page)[OPENED_VERSION]
    assert nino.post(url, browser_form(nino_page, **desk.nino_types)).status_code == 302
    return thing, url, giorgi_page


@ON_EVERY_DESK
def test_a_save_from_an_older_page_is_refused_saying_who_saved_and_when(
    desk, giorgi, nino_saved_first
):
    thing, url, giorgi_page = nino_saved_first
    after_nino = kept(desk, thing)

    refused = giorgi.post(url, browser_form(giorgi_page, **desk.giorgi_types))

    assert refused.status_code == 200
    assert NINO_SAVED.format(desk.name) in refusal(refused)
    assert kept(desk, thing) == after_nino
    assert thing.version == 2  # Nino's save, and only that


@ON_EVERY_DESK
def test_what_the_second_editor_typed_is_still_in_the_form(desk, giorgi, nino_saved_first):
    thing, url, giorgi_page = nino_saved_first

    refused = giorgi.post(url, browser_form(giorgi_page, **desk.giorgi_types))

    shown = browser_form(refused)
    assert {name: shown.get(name) for name in desk.giorgi_types} == desk.giorgi_types


@ON_EVERY_DESK
def test_saving_the_form_shown_again_replaces_the_newer_version_on_purpose(
    desk, giorgi, nino_saved_first
):
    thing, url, giorgi_page = nino_saved_first
    refused = giorgi.post(url, browser_form(giorgi_page, **desk.giorgi_types))

    again = giorgi.post(url, browser_form(refused))

    assert again.status_code == 302
    assert kept(desk, thing) == desk.giorgi_kept
    assert thing.version == 3


FORGED_VERSIONS = {
    "left out": None,
    "empty": "",
    "not a number": "latest",
    "a huge number": "9" * 30,
    "a 5,000-digit number": "9" * 5000,
    "zero": "0",
    "negative": "-1",
    "a fraction": "2.5",
    "in exponent form": "2e0",
    "the old one in other digits": "\u0661",  # ARABIC-INDIC DIGIT ONE
}


@ON_EVERY_DESK
def test_a_page_that_leaves_out_or_forges_its_version_cannot_overwrite_a_newer_save(
    desk, giorgi, nino_saved_first
):
    thing, url, giorgi_page = nino_saved_first
    after_nino = kept(desk, thing)

    for forgery, version in FORGED_VERSIONS.items():
        forged = browser_form(giorgi_page, **desk.giorgi_types)
        if version is None:
            del forged[OPENED_VERSION]
        else:
            forged[OPENED_VERSION] = version
        refused = giorgi.post(url, forged)

        assert refused.status_code == 200, forgery
        assert refusal(refused).startswith("Not saved:"), forgery
        assert kept(desk, thing) == after_nino, forgery
        assert thing.version == 2, forgery


@pytest.mark.parametrize("desk", [DESKS["photo"]], ids=["photo"])
def test_a_refused_photo_keeps_its_picture_and_asks_for_the_new_file_again(
    desk, giorgi, nino_saved_first
):
    photo, url, giorgi_page = nino_saved_first
    original = photo.image.name

    refused = giorgi.post(
        url,
        browser_form(giorgi_page, image=image_upload("rain.jpg", width=900, height=600)),
    )

    assert "Choose the file again" in refusal(refused)
    photo.refresh_from_db()
    assert photo.image.name == original

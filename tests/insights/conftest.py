"""A small newsroom whose every figure is counted by hand (``counted``), and the people who
may or may not open the dashboard.

Now is Wednesday 17 June 2026, 18:00 in Tbilisi. The 7-day window runs from Wednesday 10 June
18:00, so 10 June's reads count a quarter (6 of its 24 hours are inside); its weeks are those of
Monday 8 June and Monday 15 June.

=================  ========  =====================  ==================================
story              region    authors                reads by day
=================  ========  =====================  ==================================
Dam protest        Kakheti   Nino Beridze, Giorgi   17 Jun 100, 12 Jun 300, 10 Jun 400
                   (+ Kakheti, Imereti)   Lomidze   (= 100), 9 Jun 1000 (outside)
Wine harvest       Imereti   Nino Beridze           15 Jun 1000
Quiet story        Kakheti   Giorgi Lomidze         none
Weather            Imereti   Tamar Kapanadze        16 Jun 10
=================  ========  =====================  ==================================

Joins (started): Dam protest at 10 Jun 18:00 sharp and 11 Jun 09:00 (from the story box),
10 Jun 17:59 (just outside), 17 Jun 19:00 (not yet), and one still pending; Wine harvest 16 Jun
(newsletter); Quiet story 14 Jun (story box); no story 13 Jun (header).
Sign-ups (created): Dam protest 12 Jun confirmed (story box), 12 Jun still pending, 13 Jun
confirmed then unsubscribed (story box); Wine harvest 1 Jun confirmed (outside 7 days, inside
30); no story 15 Jun confirmed (no placement).
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group, User

from newsletter.models import Subscriber
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    DailyViewsFactory,
    MembershipFactory,
    RegionFactory,
)
from tests.staff.sign_in import sign_in

TBILISI = ZoneInfo("Asia/Tbilisi")
NOW = datetime(2026, 6, 17, 18, 0, tzinfo=TBILISI)


def at(day, hour=12, minute=0):
    return datetime(2026, 6, day, hour, minute, tzinfo=TBILISI)


@pytest.fixture(autouse=True)
def newsroom_time(settings):
    settings.TIME_ZONE = "Asia/Tbilisi"


def subscriber(email, *, created, confirmed=True, unsubscribed=False, story=None, via=""):
    return Subscriber.objects.create(
        email=email,
        created_at=created,
        status="unsubscribed" if unsubscribed else "confirmed" if confirmed else "pending",
        confirmed_at=created if confirmed else None,
        unsubscribed_at=created if unsubscribed else None,
        source_article=story,
        source_placement=via,
    )


@pytest.fixture
def counted(db):
    kakheti = RegionFactory(name="Kakheti", slug="kakheti")
    imereti = RegionFactory(name="Imereti", slug="imereti")
    nino = AuthorFactory(name="Nino Beridze")
    giorgi = AuthorFactory(name="Giorgi Lomidze")
    tamar = AuthorFactory(name="Tamar Kapanadze")
    dam = ArticleFactory(headline="Dam protest", primary_region=kakheti, authors=[nino, giorgi])
    dam.regions.add(kakheti, imereti)
    wine = ArticleFactory(headline="Wine harvest", primary_region=imereti, authors=[nino])
    quiet = ArticleFactory(headline="Quiet story", primary_region=kakheti, authors=[giorgi])
    weather = ArticleFactory(headline="Weather", primary_region=imereti, authors=[tamar])

    for story, day, views in [
        (dam, 17, 100),
        (dam, 12, 300),
        (dam, 10, 400),
        (dam, 9, 1000),
        (wine, 15, 1000),
        (weather, 16, 10),
    ]:
        DailyViewsFactory(article=story, day=date(2026, 6, day), views=views)

    for story, started, via in [
        (dam, at(10, 18, 0), "story"),
        (dam, at(11, 9), "story"),
        (dam, at(10, 17, 59), "story"),
        (dam, at(17, 19), "story"),
        (wine, at(16), "newsletter"),
        (quiet, at(14), "story"),
        (None, at(13), "header"),
    ]:
        MembershipFactory(source_article=story, source_placement=via, started_at=started)
    MembershipFactory(pending=True, source_article=dam, source_placement="story")

    subscriber("a@example.org", created=at(12), story=dam, via="story")
    subscriber("b@example.org", created=at(12), confirmed=False, story=dam, via="story")
    subscriber("c@example.org", created=at(13), unsubscribed=True, story=dam, via="story")
    subscriber("d@example.org", created=datetime(2026, 6, 1, 12, tzinfo=TBILISI), story=wine)
    subscriber("e@example.org", created=at(15))
    return {"dam": dam, "wine": wine, "quiet": quiet, "weather": weather}


def staff(username, *, group=None, superuser=False):
    user = User.objects.create_user(username, password="pw", is_staff=True, is_superuser=superuser)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(client):
    sign_in(client, staff("editor", group="Editor"))
    return client

"""The dashboard's numbers, against the newsroom counted by hand in conftest.py."""

from datetime import date

import pytest

from insights.figures import DEFAULT_WINDOW, TOP_STORIES, figures, window_days
from tests.factories import ArticleFactory, AuthorFactory, DailyViewsFactory, RegionFactory
from tests.insights.conftest import NOW, at

pytestmark = pytest.mark.django_db


def table(rows):
    return {
        row.label: (row.whole_reads, row.joins, row.signups, row.joins_per_thousand) for row in rows
    }


def test_every_story_with_reads_or_a_join_is_listed_with_its_figures(counted):
    stories = figures(days=7, now=NOW).stories
    assert table(stories) == {
        "Dam protest": (500, 2, 2, 4.0),
        "Wine harvest": (1000, 1, 0, 1.0),
        "Quiet story": (0, 1, 0, None),
        "Weather": (10, 0, 0, 0.0),
    }


def test_stories_are_sorted_by_joins_then_reads(counted):
    labels = [row.label for row in figures(days=7, now=NOW).stories]
    assert labels == ["Dam protest", "Wine harvest", "Quiet story", "Weather"]


def test_sign_ups_per_thousand_reads(counted):
    dam = figures(days=7, now=NOW).stories[0]
    assert dam.signups_per_thousand == 4.0
    assert dam.detail == "Kakheti"
    assert dam.url == f"/admin/articles/article/{counted['dam'].pk}/change/"


def test_window_starts_exactly_days_ago_and_ends_now(counted):
    numbers = figures(days=7, now=NOW)
    assert numbers.window.start == at(10, 18, 0)
    assert numbers.window.end == NOW
    # The join at 18:00 sharp on 10 June counts, the one at 17:59 and the one at 19:00 today
    # do not, nor does the pending checkout.
    assert numbers.total.joins == 5


def test_oldest_day_counts_its_reads_in_proportion_to_its_hours_inside(counted):
    early = at(17, 6, 0)  # 10 June: 18 hours of it inside the window, so three quarters
    dam = next(row for row in figures(days=7, now=early).stories if row.label == "Dam protest")
    assert dam.whole_reads == 100 + 300 + 400 * 3 // 4


def test_only_confirmed_sign_ups_count_even_if_unsubscribed_since(counted):
    numbers = figures(days=7, now=NOW)
    assert numbers.total.signups == 3  # two for the dam story, one from no story
    assert numbers.signups_from_stories == 2


def test_joins_and_sign_ups_from_no_story_count_in_the_totals_only(counted):
    numbers = figures(days=7, now=NOW)
    assert numbers.joins_from_stories == 4
    assert numbers.total.joins == 5


def test_a_longer_window_reaches_older_reads_and_sign_ups(counted):
    stories = table(figures(days=30, now=NOW).stories)
    assert stories["Dam protest"] == (1800, 3, 2, pytest.approx(3 * 1000 / 1800, abs=0.05))
    assert stories["Wine harvest"] == (1000, 1, 1, 1.0)


def test_regions_count_each_story_of_theirs_once_main_or_other(counted):
    # Dam protest is Kakheti's (main region, and tagged again) and Imereti's too.
    assert table(figures(days=7, now=NOW).regions) == {
        "Imereti": (1510, 3, 2, pytest.approx(3 * 1000 / 1510, abs=0.05)),
        "Kakheti": (500, 3, 2, 6.0),
    }
    assert [row.label for row in figures(days=7, now=NOW).regions] == ["Imereti", "Kakheti"]


def test_authors_count_each_story_with_their_byline(counted):
    assert table(figures(days=7, now=NOW).authors) == {
        "Nino Beridze": (1500, 3, 2, 2.0),
        "Giorgi Lomidze": (500, 3, 2, 6.0),
        "Tamar Kapanadze": (10, 0, 0, 0.0),
    }


def test_joins_and_sign_ups_by_placement_list_every_placement(counted):
    placements = {
        row.label: (row.joins, row.signups) for row in figures(days=7, now=NOW).placements
    }
    assert placements == {
        "Box under a story": (3, 2),
        "Header button": (1, 0),
        "Newsletter": (1, 0),
        "Join page directly": (0, 0),
        "Home page": (0, 0),
        "Page after joining": (0, 0),
        "Unknown": (0, 1),
    }


def test_weekly_trend_has_each_local_week_of_the_window(counted):
    weeks = figures(days=7, now=NOW).weeks
    assert [week.day for week in weeks] == [date(2026, 6, 8), date(2026, 6, 15)]
    assert [(week.whole_reads, week.joins, week.signups) for week in weeks] == [
        (400, 4, 2),
        (1110, 1, 1),
    ]


def test_totals_are_the_weeks_added_up(counted):
    total = figures(days=7, now=NOW).total
    assert (total.whole_reads, total.joins, total.signups) == (1510, 5, 3)
    assert total.joins_per_thousand == pytest.approx(5 * 1000 / 1510, abs=0.05)


def test_ninety_days_has_fourteen_weeks_at_most():
    weeks = figures(days=90, now=NOW).weeks
    assert 13 <= len(weeks) <= 14
    assert all(week.day.weekday() == 0 for week in weeks)


def test_top_stories_by_reads_and_any_story_with_a_join(counted):
    region = RegionFactory(name="Guria", slug="guria")
    author = AuthorFactory()
    for n in range(TOP_STORIES):
        story = ArticleFactory(headline=f"Busy {n}", primary_region=region, authors=[author])
        DailyViewsFactory(article=story, day=date(2026, 6, 16), views=5000 + n)
    stories = figures(days=7, now=NOW).stories
    labels = {row.label for row in stories}
    assert len(stories) == TOP_STORIES + 3
    # The fifty busiest fill the top; the rest are there for their joins.
    assert {"Dam protest", "Wine harvest", "Quiet story"} <= labels
    assert "Weather" not in labels


def test_an_empty_newsroom_has_empty_tables_and_no_rates(db):
    numbers = figures(days=30, now=NOW)
    assert numbers.stories == numbers.regions == numbers.authors == []
    assert numbers.total.joins_per_thousand is None
    assert all(row.joins == row.signups == 0 for row in numbers.placements)


@pytest.mark.parametrize(
    "asked, days",
    [
        ("7", 7),
        ("30", 30),
        ("90", 90),
        (" 90 ", 90),
        (None, DEFAULT_WINDOW),
        ("", DEFAULT_WINDOW),
        ("365", DEFAULT_WINDOW),
        ("-7", DEFAULT_WINDOW),
        ("7.0", DEFAULT_WINDOW),
        ("٧", DEFAULT_WINDOW),
        ("9" * 400, DEFAULT_WINDOW),
        ("7\x00", DEFAULT_WINDOW),
        ("'; drop table", DEFAULT_WINDOW),
    ],
)
def test_window_is_seven_thirty_or_ninety_days_and_anything_else_thirty(asked, days):
    assert window_days(asked) == days

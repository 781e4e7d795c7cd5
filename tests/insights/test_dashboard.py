"""The editorial dashboard at /admin/insights/: who may open it, what it shows, its charts and
their tables, its CSV downloads, hostile windows, and its bounded number of queries."""

import csv
import io
import re
from datetime import date

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client

from articles.models import Region
from tests.dom import active_content, one, parse, text, texts
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    DailyViewsFactory,
    MembershipFactory,
    RegionFactory,
)
from tests.insights.conftest import NOW, staff, subscriber
from tests.staff.sign_in import sign_in

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/insights/"
STORIES_CSV = "/admin/insights/stories.csv"
# Five for the signed-in editor (session, user, second factor, permissions), at most fifteen
# grouped queries for the figures, whatever the number of stories.
FEW_QUERIES = 20


@pytest.fixture(autouse=True)
def now_is_wednesday_evening():
    with time_machine.travel(NOW, tick=False):
        yield


def signed_in(client, **kwargs):
    sign_in(client, staff("someone", **kwargs))
    return client


# --- Who may open it ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind", [{"group": "Editor"}, {"group": "Membership manager"}, {"superuser": True}]
)
def test_editors_membership_managers_and_superusers_open_the_dashboard(client, kind):
    response = signed_in(client, **kind).get(DASHBOARD)
    assert response.status_code == 200
    assert (
        text(one(parse(response), "h1")) == "Which journalism brings readers, sign-ups and members"
    )


@pytest.mark.parametrize("address", [DASHBOARD, STORIES_CSV, "/admin/insights/regions.csv"])
def test_reporters_and_staff_without_the_permission_are_refused(client, address):
    assert signed_in(client, group="Reporter").get(address).status_code == 403


def test_staff_with_no_group_are_refused(client):
    assert signed_in(client).get(DASHBOARD).status_code == 403


@pytest.mark.parametrize("address", [DASHBOARD, STORIES_CSV])
def test_anonymous_visitors_are_sent_to_sign_in(client, address):
    response = client.get(address)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")


def test_a_reader_account_that_is_not_staff_is_sent_to_sign_in(client):
    client.force_login(User.objects.create_user("reader", password="pw"))
    assert client.get(DASHBOARD).status_code == 302


def test_the_desk_home_links_to_the_dashboard_for_those_who_may_see_it(editor):
    page = parse(editor.get("/admin/"))
    assert one(page, "#insights-link a.viewlink")["href"] == DASHBOARD
    reporter = signed_in(Client(), group="Reporter")
    assert parse(reporter.get("/admin/")).select("#insights-link") == []


def test_the_dashboard_only_answers_reading(editor):
    assert editor.post(DASHBOARD).status_code == 405
    assert editor.head(DASHBOARD).status_code == 200


# --- What it shows ------------------------------------------------------------------------------


def test_the_dashboard_shows_the_counted_figures(editor, counted):
    page = parse(editor.get(DASHBOARD, {"days": "7"}))
    assert texts(page, "#totals dd") == ["1,510", "5", "3.3", "3", "4", "2"]
    rows = [texts(row, "th, td") for row in page.select("#stories tbody tr")]
    assert rows[0][0] == "Dam protest"
    assert rows[0][2:] == ["Kakheti", "500", "2", "4.0", "2", "4.0"]
    assert [row[0] for row in rows] == ["Dam protest", "Wine harvest", "Quiet story", "Weather"]
    assert rows[2][-5:] == ["0", "1", "—", "0", "—"]
    regions = [texts(row, "th, td") for row in page.select("#regions tbody tr")]
    assert regions == [
        ["Imereti", "1,510", "3", "2.0", "2", "1.3"],
        ["Kakheti", "500", "3", "6.0", "2", "4.0"],
    ]
    assert texts(page, "#authors tbody th") == ["Nino Beridze", "Giorgi Lomidze", "Tamar Kapanadze"]
    placements = {
        texts(row, "th")[0]: texts(row, "td") for row in page.select("#placements tbody tr")
    }
    assert placements["Box under a story"] == ["3", "2"]
    assert placements["Unknown"] == ["0", "1"]


def test_the_window_is_chosen_with_links_and_the_current_one_is_marked(editor, counted):
    page = parse(editor.get(DASHBOARD, {"days": "90"}))
    assert text(one(page, '.insights-windows [aria-current="page"]')) == "90 days"
    assert [a["href"] for a in page.select(".insights-windows a")] == ["?days=7", "?days=30"]
    assert one(page, f'a[href="{STORIES_CSV}?days=90"]')


@pytest.mark.parametrize(
    "days",
    [
        "",
        "0",
        "-30",
        "31",
        "1e3",
        "9" * 5000,
        "30%00",
        "<script>",
        "７",
        "30' OR 1=1--",
        "%ED%A0%80",
        "%FF",
    ],
)
def test_a_hostile_window_falls_back_to_thirty_days(editor, counted, days):
    response = editor.get(f"{DASHBOARD}?days={days}")
    assert response.status_code == 200
    assert text(one(parse(response), '[aria-current="page"]')) == "30 days"


def test_a_repeated_window_parameter_is_no_error(editor):
    response = editor.get(f"{DASHBOARD}?days=7&days=<b>&days=")
    assert response.status_code == 200


def test_no_member_or_subscriber_identity_is_on_the_page(editor, counted):
    MembershipFactory(
        supporter__email="secret-member@example.org",
        supporter__name="Secret Member",
        source_article=counted["dam"],
    )
    html = editor.get(DASHBOARD).content.decode()
    for secret in ("secret-member@example.org", "Secret Member", "a@example.org", "@example"):
        assert secret not in html


# --- The charts and their tables ----------------------------------------------------------------


def test_charts_are_inline_svg_images_with_title_and_description(editor, counted):
    page = parse(editor.get(DASHBOARD, {"days": "7"}))
    for chart_id in ("weekly-trend", "stories-by-joins"):
        svg = one(page, f"svg#{chart_id}")
        assert svg["role"] == "img"
        assert svg["aria-labelledby"] == f"{chart_id}-title {chart_id}-desc"
        assert text(one(svg, f"#{chart_id}-title"))
        assert text(one(svg, f"#{chart_id}-desc"))
    assert active_content(one(page, "#content-main")) == []
    assert page.select("#content-main script, #content-main [href^=http], svg image") == []


def test_weekly_chart_draws_the_numbers_of_the_table_beside_it(editor, counted):
    page = parse(editor.get(DASHBOARD, {"days": "7"}))
    table = [texts(row, "th, td") for row in page.select("#weekly-trend-table tbody tr")]
    assert table == [["8 Jun", "400", "4", "2"], ["15 Jun", "1,110", "1", "1"]]
    drawn = texts(one(page, "svg#weekly-trend"), "text.chart-value")
    assert drawn == ["400", "1,110", "4", "1", "2", "1"]
    bars = one(page, "svg#weekly-trend").select("rect.chart-reads")
    heights = [float(bar["height"]) for bar in bars]
    assert heights[1] > heights[0] > 0
    assert heights[0] == pytest.approx(heights[1] * 400 / 1110, rel=0.01)


def test_stories_chart_draws_the_joins_of_the_table_beside_it(editor, counted):
    page = parse(editor.get(DASHBOARD, {"days": "7"}))
    table = [texts(row, "th, td") for row in page.select("#stories-by-joins-table tbody tr")]
    assert table == [["Dam protest", "2"], ["Wine harvest", "1"], ["Quiet story", "1"]]
    svg = one(page, "svg#stories-by-joins")
    assert texts(svg, "text.chart-label") == ["Dam protest", "Wine harvest", "Quiet story"]
    assert texts(svg, "text.chart-value") == ["2", "1", "1"]
    assert "Dam protest: 2 joins" in text(one(svg, "desc"))


def test_a_headline_with_markup_is_text_in_the_chart(editor, counted):
    counted["dam"].headline = '<img src=x onerror="alert(1)"> & </svg><script>1</script>'
    counted["dam"].save()
    page = parse(editor.get(DASHBOARD, {"days": "7"}))
    assert active_content(one(page, "#content-main")) == []
    assert page.select("#content-main img") == []
    svg = one(page, "svg#stories-by-joins")
    assert texts(svg, "text.chart-label")[0].startswith("<img src=x")


def test_an_empty_window_still_draws_both_charts(editor):
    page = parse(editor.get(DASHBOARD))
    assert one(page, "svg#weekly-trend") and one(page, "svg#stories-by-joins")
    assert "No joins from a story" in text(one(page, "#stories-by-joins-table"))


# --- CSV downloads ------------------------------------------------------------------------------


def rows_of(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_stories_csv_has_the_table_of_the_page(editor, counted):
    response = editor.get(STORIES_CSV, {"days": "7"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="story-conversion-7-days-2026-06-17.csv"'
    )
    rows = rows_of(response)
    assert rows[0] == [
        "story",
        "published",
        "main region",
        "reads",
        "joins",
        "joins per 1,000 reads",
        "newsletter sign-ups",
        "sign-ups per 1,000 reads",
    ]
    published = counted["dam"].published_at.astimezone(NOW.tzinfo).date().isoformat()
    assert rows[1] == ["Dam protest", published, "Kakheti", "500", "2", "4.0", "2", "4.0"]
    assert [row[0] for row in rows[1:]] == [
        "Dam protest",
        "Wine harvest",
        "Quiet story",
        "Weather",
    ]
    assert rows[3][-5:] == ["0", "1", "", "0", ""]


def test_region_and_author_csvs(editor, counted):
    regions = rows_of(editor.get("/admin/insights/regions.csv", {"days": "7"}))
    assert regions[0][0] == "region"
    assert regions[1:] == [
        ["Imereti", "1510", "3", "2.0", "2", "1.3"],
        ["Kakheti", "500", "3", "6.0", "2", "4.0"],
    ]
    authors = rows_of(editor.get("/admin/insights/authors.csv", {"days": "7"}))
    assert [row[0] for row in authors] == [
        "author",
        "Nino Beridze",
        "Giorgi Lomidze",
        "Tamar Kapanadze",
    ]


def test_an_unknown_csv_is_not_found(editor):
    assert editor.get("/admin/insights/members.csv").status_code == 404


def test_csv_cells_that_would_run_as_formulas_are_made_text(editor, counted):
    counted["dam"].headline = '=HYPERLINK("http://evil.example","click")'
    counted["dam"].save()
    counted["wine"].headline = "+1 more; -2 and @SUM(A1)"
    counted["wine"].save()
    Region.objects.filter(slug="imereti").update(name="-Imereti")
    text_of_csv = editor.get(STORIES_CSV, {"days": "7"}).content.decode()
    quoted = r'"(?:[^"]|"")*"'
    records = re.findall(rf"^{quoted}(?:,{quoted})*\r\n", text_of_csv, flags=re.MULTILINE)
    assert "".join(records) == text_of_csv  # every cell quoted
    headlines = [row[0] for row in rows_of_text(text_of_csv)[1:]]
    assert headlines[:2] == [
        '\'=HYPERLINK("http://evil.example","click")',
        "'+1 more; -2 and @SUM(A1)",
    ]
    regions = rows_of(editor.get("/admin/insights/regions.csv", {"days": "7"}))
    assert regions[1][0] == "'-Imereti"


def rows_of_text(value):
    return list(csv.reader(io.StringIO(value)))


def test_csv_with_a_hostile_window_is_thirty_days(editor, counted):
    response = editor.get(STORIES_CSV, {"days": "<script>"})
    assert response.status_code == 200
    assert "-30-days-" in response["Content-Disposition"]


# --- Queries ------------------------------------------------------------------------------------


def newsroom_of(size):
    """``size`` stories, each read on three days, with a join and a confirmed sign-up; a
    region and an author per three stories."""
    regions = [RegionFactory() for _ in range(max(size // 3, 1))]
    authors = [AuthorFactory() for _ in range(max(size // 3, 1))]
    for n in range(size):
        story = ArticleFactory(
            primary_region=regions[n % len(regions)], authors=[authors[n % len(authors)]]
        )
        story.regions.add(regions[(n + 1) % len(regions)])
        for day in (12, 15, 17):
            DailyViewsFactory(article=story, day=date(2026, 6, day), views=10 + n)
        MembershipFactory(source_article=story, source_placement="story", started_at=NOW)
        subscriber(f"s{n}@example.org", created=NOW, story=story, via="home")


@pytest.mark.parametrize("size", [3, 30])
def test_the_dashboard_takes_the_same_few_queries_for_3_or_30_stories(
    editor, size, django_assert_max_num_queries
):
    newsroom_of(size)
    with django_assert_max_num_queries(FEW_QUERIES):
        response = editor.get(DASHBOARD, {"days": "90"})
    assert len(parse(response).select("#stories tbody tr")) == size


@pytest.mark.parametrize("size", [3, 30])
def test_the_csv_takes_the_same_few_queries_for_3_or_30_stories(
    editor, size, django_assert_max_num_queries
):
    newsroom_of(size)
    with django_assert_max_num_queries(FEW_QUERIES):
        response = editor.get(STORIES_CSV)
    assert len(rows_of(response)) == size + 1

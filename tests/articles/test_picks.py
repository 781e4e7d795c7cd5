"""Editor's Picks: an ordered list editors curate, each pick shown within its own times."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import EditorsPick
from articles.rails.picks import choose_picks, editors_picks
from tests.dom import one, parse, text, texts
from tests.factories import ArticleFactory, EditorsPickFactory
from tests.staff.sign_in import sign_in

pytestmark = pytest.mark.django_db


def test_picks_appear_in_the_editors_order(settings):
    settings.EDITORS_PICKS_COUNT = 3
    third = EditorsPickFactory(order=30).article
    first = EditorsPickFactory(order=10).article
    second = EditorsPickFactory(order=20).article
    assert choose_picks().articles == [first, second, third]


def test_only_as_many_picks_as_the_setting_says(settings):
    settings.EDITORS_PICKS_COUNT = 2
    picks = EditorsPickFactory.create_batch(4)
    assert editors_picks().articles == [picks[0].article, picks[1].article]


def test_a_pick_shows_only_between_its_start_and_end():
    now = timezone.now()
    always = EditorsPickFactory().article
    running = EditorsPickFactory(
        starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=1)
    ).article
    EditorsPickFactory(starts_at=now + timedelta(minutes=5))
    EditorsPickFactory(starts_at=now - timedelta(days=2), ends_at=now - timedelta(minutes=1))
    assert choose_picks(now=now).articles == [always, running]


def test_a_pick_starts_exactly_at_its_start_and_is_gone_at_its_end():
    now = timezone.now()
    pick = EditorsPickFactory(starts_at=now, ends_at=now + timedelta(hours=2))
    assert choose_picks(now=now - timedelta(seconds=1)).source != "picks"
    assert choose_picks(now=now).articles == [pick.article]
    assert choose_picks(now=pick.ends_at - timedelta(seconds=1)).articles == [pick.article]
    assert choose_picks(now=pick.ends_at).source != "picks"


def test_a_picked_story_that_is_unpublished_disappears_from_the_rail():
    shown = EditorsPickFactory().article
    pulled = EditorsPickFactory().article
    pulled.status = pulled.Status.DRAFT
    pulled.save()
    assert choose_picks().articles == [shown]


def test_the_story_being_read_is_never_among_its_picks(settings):
    settings.EDITORS_PICKS_COUNT = 2
    picks = [p.article for p in EditorsPickFactory.create_batch(3)]
    assert editors_picks(exclude=picks[0]).articles == picks[1:3]
    assert editors_picks(exclude=picks[2]).articles == picks[0:2]


def test_with_no_live_pick_the_rail_shows_the_last_weeks_picks():
    now = timezone.now()
    ended = EditorsPickFactory(ends_at=now - timedelta(hours=3)).article
    EditorsPickFactory(ends_at=now - timedelta(days=30))
    rail = choose_picks(now=now)
    assert (rail.source, rail.articles) == ("recent", [ended])


def test_with_no_picks_at_all_the_rail_shows_the_latest_stories(settings):
    settings.EDITORS_PICKS_COUNT = 2
    now = timezone.now()
    older = ArticleFactory(published_at=now - timedelta(hours=5))
    newest = ArticleFactory(published_at=now - timedelta(hours=1))
    ArticleFactory(published_at=now - timedelta(hours=9))
    ArticleFactory(draft=True)
    rail = choose_picks(now=now)
    assert (rail.source, rail.articles) == ("latest", [newest, older])


# The admin ---------------------------------------------------------------------------


def add_pick(admin_client, article, **times):
    data = {"article": article.pk, "starts_at_0": "", "starts_at_1": "", "ends_at_0": ""}
    data.update({"ends_at_1": ""}, **times)
    return admin_client.post(reverse("admin:articles_editorspick_add"), data)


def test_editors_can_pick_a_published_story_and_it_goes_to_the_bottom(admin_client):
    EditorsPickFactory(order=10)
    EditorsPickFactory(order=20)
    article = ArticleFactory()
    response = add_pick(admin_client, article)
    assert response.status_code == 302
    assert EditorsPick.objects.order_by("order").last().article == article


@pytest.mark.parametrize(
    ("traits", "message"),
    [
        ({"draft": True}, "is draft, not published"),
        ({"scheduled": True}, "is scheduled for"),
    ],
)
def test_only_published_stories_can_be_picked_and_the_admin_says_why(admin_client, traits, message):
    article = ArticleFactory(**traits)
    response = add_pick(admin_client, article)
    assert response.status_code == 200
    assert "Only published stories can be Editor’s Picks" in response.text
    assert message in response.text
    assert not EditorsPick.objects.exists()


def test_a_pick_must_end_after_it_starts(admin_client):
    response = add_pick(
        admin_client,
        ArticleFactory(),
        starts_at_0="2026-12-01",
        starts_at_1="10:00",
        ends_at_0="2026-12-01",
        ends_at_1="09:00",
    )
    assert "The pick must end after it starts." in response.text
    assert not EditorsPick.objects.exists()


def test_the_same_story_cannot_be_picked_twice_at_the_same_time(admin_client):
    pick = EditorsPickFactory()
    response = add_pick(admin_client, pick.article)
    assert "already a pick at those times" in response.text
    assert EditorsPick.objects.count() == 1


def test_the_article_search_offers_only_published_stories(admin_client):
    live = ArticleFactory(headline="Border talks resume")
    ArticleFactory(headline="Border talks draft", draft=True)
    ArticleFactory(headline="Border talks scheduled", scheduled=True)
    response = admin_client.get(
        reverse("admin:articles_published_article_autocomplete"),
        {
            "term": "Border",
            "app_label": "articles",
            "model_name": "editorspick",
            "field_name": "article",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == [live.headline]
    add_page = parse(admin_client.get(reverse("admin:articles_editorspick_add")))
    story_field = one(add_page, "select[name=article]")
    assert story_field["data-ajax--url"] == reverse("admin:articles_published_article_autocomplete")


def move(admin_client, pick, direction):
    url = reverse("admin:articles_editorspick_move", args=[pick.pk, direction])
    return admin_client.post(url)


def order_of_headlines():
    return list(
        EditorsPick.objects.order_by("order", "pk").values_list("article__headline", flat=True)
    )


def test_editors_reorder_picks_with_buttons_without_typing_numbers(admin_client):
    a, b, c = (EditorsPickFactory(article__headline=h) for h in "ABC")
    response = move(admin_client, c, "up")
    assert response.status_code == 302
    assert order_of_headlines() == ["A", "C", "B"]
    move(admin_client, a, "down")
    assert order_of_headlines() == ["C", "A", "B"]
    move(admin_client, b, "top")
    assert order_of_headlines() == ["B", "C", "A"]
    move(admin_client, b, "up")  # already first: stays
    assert order_of_headlines() == ["B", "C", "A"]
    assert list(EditorsPick.objects.order_by("order").values_list("order", flat=True)) == [
        10,
        20,
        30,
    ]


def test_the_pick_list_shows_move_buttons_and_what_readers_see(admin_client, settings):
    settings.EDITORS_PICKS_COUNT = 1
    now = timezone.now()
    picks = [
        EditorsPickFactory(article__headline="First"),
        EditorsPickFactory(article__headline="Second"),
        EditorsPickFactory(article__headline="Later", starts_at=now + timedelta(days=1)),
    ]
    EditorsPickFactory(article__headline="Deleted").delete()  # leaves a gap in the numbers
    picks.append(EditorsPickFactory(article__headline="Fourth", article__draft=True))
    page = parse(admin_client.get(reverse("admin:articles_editorspick_changelist")))
    rows = page.select("#result_list tbody tr")
    columns = (".field-position", ".field-headline", ".field-on_the_site")  # "#", story, status
    assert [tuple(text(one(row, column)) for column in columns) for row in rows] == [
        ("1", "First", "On the site"),
        ("2", "Second", "Live, below the first 1"),
        ("3", "Later", "Waiting for its start"),
        ("4", "Fourth", "Hidden: story not published"),
    ]
    for pick, row in zip(picks, rows, strict=True):
        buttons = row.select(".field-move button[formaction]")
        assert [(button["formaction"], button["aria-label"]) for button in buttons] == [
            (
                reverse("admin:articles_editorspick_move", args=[pick.pk, direction]),
                f"{label}: {pick.article.headline}",
            )
            for direction, label in [
                ("top", "Move to the top"),
                ("up", "Move up"),
                ("down", "Move down"),
            ]
        ]


def test_moving_a_pick_refuses_get_and_unknown_directions(admin_client):
    a, b = EditorsPickFactory.create_batch(2)
    url = reverse("admin:articles_editorspick_move", args=[b.pk, "up"])
    assert admin_client.get(url).status_code == 405
    move(admin_client, b, "sideways")
    assert list(EditorsPick.objects.order_by("order")) == [a, b]
    missing = reverse("admin:articles_editorspick_move", args=[b.pk + 99, "up"])
    assert admin_client.post(missing).status_code == 404


def test_staff_without_change_permission_cannot_reorder(client, django_user_model):
    from django.contrib.auth.models import Permission

    viewer = django_user_model.objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_editorspick"))
    sign_in(client, viewer)
    a, b = EditorsPickFactory.create_batch(2)
    assert move(client, b, "up").status_code == 403
    assert list(EditorsPick.objects.order_by("order")) == [a, b]


def picks_rail(client):
    """The headlines in the home page's Editor's Picks rail, in order."""
    home = parse(client.get(reverse("articles:home")))
    return texts(one(home, 'section[aria-labelledby="rail-picks-heading"]'), ".rail__headline")


def test_a_reordered_list_reaches_readers_at_once(
    admin_client, client, django_capture_on_commit_callbacks
):
    EditorsPickFactory(article__headline="Alpha story")
    second = EditorsPickFactory(article__headline="Bravo story")
    assert picks_rail(client) == ["Alpha story", "Bravo story"]
    with django_capture_on_commit_callbacks(execute=True):
        move(admin_client, second, "top")
    assert picks_rail(client) == ["Bravo story", "Alpha story"]


def test_a_kept_rail_changes_when_a_pick_starts_and_when_one_ends(clock, cache_backend):
    clock.move_to(timezone.now())
    now = timezone.now()
    running = EditorsPickFactory(ends_at=now + timedelta(minutes=3)).article
    coming = EditorsPickFactory(starts_at=now + timedelta(minutes=1, seconds=30)).article
    assert editors_picks().articles == [running]  # kept by the reader cache from here on
    clock.advance(minutes=1)
    assert editors_picks().articles == [running]
    clock.advance(seconds=31)
    assert editors_picks().articles == [running, coming]
    clock.advance(minutes=2)
    assert editors_picks().articles == [coming]

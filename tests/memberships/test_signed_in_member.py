"""A signed-in member sees "My membership" where everyone else sees "Join"; the shared pages
anonymous readers get never show it, and a member never gets one of them."""

import pytest
from django.test import Client

from tests.dom import one, parse, text
from tests.factories import ArticleFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def signed_in_member():
    client = Client()
    session = client.session
    session["membership_supporter_id"] = MembershipFactory().supporter.pk
    session.save()
    return client


def header_link(response):
    link = one(parse(response), ".site-header .button--join")
    return text(link), link["href"]


def test_a_member_sees_my_membership_and_anonymous_readers_keep_their_shared_join_page():
    story = ArticleFactory(headline="Night trains to Batumi")
    anonymous, member = Client(), signed_in_member()
    for page in ["/", story.get_absolute_url()]:
        first = anonymous.get(page)
        assert header_link(first) == ("Join", "/join/?via=header")

        as_member = member.get(page)
        assert as_member["X-Reader-Cache"] == "bypass"  # never the shared copy
        assert "private" in as_member["Cache-Control"]
        assert header_link(as_member) == ("My membership", "/membership/")

        after = Client().get(page)
        assert after["X-Reader-Cache"] == "hit"
        assert header_link(after) == ("Join", "/join/?via=header")
        assert "My membership" not in after.text


def test_a_member_visiting_first_leaves_no_trace_in_the_pages_others_get():
    story = ArticleFactory()
    member = signed_in_member()
    assert "My membership" in member.get(story.get_absolute_url()).text
    anonymous = Client().get(story.get_absolute_url())
    assert anonymous["X-Reader-Cache"] == "miss"
    assert header_link(anonymous) == ("Join", "/join/?via=header")
    assert "My membership" not in anonymous.text


def test_the_join_box_under_a_story_points_a_member_to_their_membership():
    story = ArticleFactory()
    box = one(parse(signed_in_member().get(story.get_absolute_url())), ".join-box")
    assert one(box, "a.button")["href"] == "/membership/"
    assert box.select("form") == []
    anonymous_box = one(parse(Client().get(story.get_absolute_url())), ".join-box")
    assert text(one(anonymous_box, "button")) == "Become a supporter"


def test_a_session_without_a_member_still_sees_join():
    client = Client()
    session = client.session
    session["something-else"] = 1
    session.save()
    assert header_link(client.get("/")) == ("Join", "/join/?via=header")

"""Readers with a session (signed-in members and staff) get every list page, made for them.

A region, tag or author page is a class-based view, answered with a template response that is
rendered only once it is returned; for a session, which bypasses the reader cache, the page's
ETag was made from content not rendered yet, and the page was a server error.
"""

import pytest
from django.test import Client

from tests.articles.desk import desk_user
from tests.dom import parse, texts
from tests.factories import ArticleFactory, AuthorFactory, MembershipFactory, RegionFactory
from tests.staff.sign_in import sign_in

pytestmark = pytest.mark.django_db


def member():
    client = Client()
    session = client.session
    session["membership_supporter_id"] = MembershipFactory().supporter.pk
    session.save()
    return client


def editor():
    return sign_in(Client(), desk_user("Editor"))


@pytest.mark.parametrize("visitor", [member, editor], ids=["member", "editor"])
def test_a_reader_with_a_session_gets_region_tag_and_author_pages(visitor):
    ArticleFactory(
        headline="Border crossing reopens",
        primary_region=RegionFactory(slug="georgia"),
        authors=[AuthorFactory(slug="nino-beridze")],
        tag_names=["borders"],
    )
    client = visitor()
    for page in ["/region/georgia/", "/tag/borders/", "/author/nino-beridze/"]:
        response = client.get(page)
        assert response.status_code == 200, page
        assert response["X-Reader-Cache"] == "bypass"
        assert "Border crossing reopens" in texts(parse(response), "h2, h3")
        assert client.get(page, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304

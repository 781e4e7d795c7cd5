"""Every response carries the Content-Security-Policy, and no page needs more than it allows.

The browser tests (tests/browser/test_csp.py) show that nothing breaks under it; these show,
fast, that it is there: on reader, join, desk, missing and failing pages, with what each
directive allows.
"""

import pytest
from django.urls import path

from tests.dom import active_content, parse
from tests.factories import ArticleFactory
from tests.test_settings import run_python

pytestmark = pytest.mark.django_db


def broken(request):
    raise RuntimeError("a bug in a view")


# The server error page's URLconf (ROOT_URLCONF in that test).
urlpatterns = [path("broken/", broken)]


def directives(header):
    """A Content-Security-Policy as {directive: [sources]}."""
    return {name: sources for name, *sources in (part.split() for part in header.split(";"))}


def policy(response):
    header = response.headers.get("Content-Security-Policy")
    assert header, f"{response.request['PATH_INFO']} has no Content-Security-Policy"
    return directives(header)


def assert_the_policy_holds(found):
    assert found["default-src"] == ["'self'"]
    assert found["script-src"][0] == "'self'"
    assert "'unsafe-inline'" not in found["script-src"]
    assert "'unsafe-eval'" not in found["script-src"]
    assert found["object-src"] == ["'none'"]
    assert found["base-uri"] == ["'none'"]
    assert found["frame-ancestors"] == ["'none'"]
    assert found["form-action"] == ["'self'"]  # no Stripe key in the tests: no Stripe
    assert found["img-src"] == ["'self'", "data:"]
    assert found["connect-src"] == ["'self'"]
    assert "upgrade-insecure-requests" in found  # DEBUG is off


def runnable_inline(response):
    """What in the page would run without being a file of the site's own: event handlers,
    javascript: addresses and inline scripts that are not data (JSON, JSON-LD)."""

    def runs_inline(element):
        if element.name != "script" or any(name.startswith("on") for name in element.attrs):
            return True
        return not element.get("src") and element.get("type") != "application/json"

    return [element for element in active_content(parse(response)) if runs_inline(element)]


@pytest.fixture
def story():
    return ArticleFactory(headline="The pass reopens", tag_names=["roads"])


def test_reader_and_join_pages_carry_the_policy_and_run_only_the_sites_own_scripts(client, story):
    for url in [
        "/",
        story.get_absolute_url(),
        story.primary_region.get_absolute_url(),
        "/tag/roads/",
        "/search/?q=pass",
        "/join/",
        "/membership/sign-in/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        found = policy(response)
        assert_the_policy_holds(found)
        # Pages kept for every reader must not carry a nonce meant for one response.
        assert found["script-src"] == ["'self'"], url
        assert runnable_inline(response) == [], url


def test_only_the_beacons_empty_answer_goes_without_the_policy(client, story):
    """Posted with every story read, it answers 204 with nothing to render; its refusals
    too carry no document. Every page around it keeps the policy."""
    counted = client.post("/beacon/", {"article": story.pk})
    refused = client.post("/beacon/", {"article": "not a story"})
    assert (counted.status_code, refused.status_code) == (204, 400)
    for answer in (counted, refused):
        assert "Content-Security-Policy" not in answer.headers
        assert "Content-Security-Policy-Report-Only" not in answer.headers
    assert_the_policy_holds(policy(client.get(story.get_absolute_url())))
    assert_the_policy_holds(policy(client.get("/beacon/")))  # a GET is refused, with the policy


def test_a_missing_page_and_a_server_error_carry_the_policy(client, settings):
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert_the_policy_holds(policy(missing))

    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    failed = client.get("/broken/")
    assert failed.status_code == 500
    assert_the_policy_holds(policy(failed))


def test_the_desk_carries_the_policy_and_its_one_inline_script_the_nonce_it_names(
    client, admin_client, story
):
    assert_the_policy_holds(policy(client.get("/admin/login/")))
    for url in [
        "/admin/",
        "/admin/articles/article/",
        f"/admin/articles/article/{story.pk}/delete/",
        "/admin/articles/photo/",
        f"/admin/articles/photo/{story.lead_photo.pk}/change/",
        "/admin/articles/photo/add/?_popup=1&_to_field=id",
        "/admin/articles/author/add/",
        "/admin/articles/editorspick/",
        "/admin/memberships/membership/",
    ]:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert_the_policy_holds(policy(response))
        assert runnable_inline(response) == [], url

    # The body editor's import map cannot come from a file: it carries this response's nonce,
    # and the policy allows that one inline script and no other.
    for url in ["/admin/articles/article/add/", f"/admin/articles/article/{story.pk}/change/"]:
        response = admin_client.get(url)
        found = policy(response)
        assert_the_policy_holds(found)
        inline = runnable_inline(response)
        assert [element.get("type") for element in inline] == ["importmap"], url
        nonce = inline[0].get("nonce")
        assert nonce and found["script-src"] == ["'self'", f"'nonce-{nonce}'"], url
    # A new one for every response: an old page's nonce opens nothing.
    assert nonce.encode() not in admin_client.get(url).content


def test_feeds_and_sitemaps_still_work_under_the_policy(client, story):
    for url in ["/feed/", "/feed/atom/", "/sitemap.xml", "/news-sitemap.xml", "/robots.txt"]:
        assert client.get(url).status_code == 200, url


def test_origins_the_policy_needs_come_from_the_settings_that_name_them():
    """A CDN for photos (MEDIA_URL) may serve images; with Stripe, the join form may go on to
    Stripe Checkout and "Update card" to its billing portal; with DEBUG on, plain http stays."""
    result = run_python(
        "from csp.utils import build_policy; print(build_policy())",
        DEBUG="1",
        MEDIA_URL="https://photos.example-cdn.net/media/",
        STRIPE_SECRET_KEY="sk_test_not_a_real_key",
    )
    assert result.returncode == 0, result.stderr
    found = directives(result.stdout.strip())
    assert found["img-src"] == ["'self'", "data:", "https://photos.example-cdn.net"]
    assert found["form-action"] == [
        "'self'",
        "https://checkout.stripe.com",
        "https://billing.stripe.com",
    ]
    assert "upgrade-insecure-requests" not in found
    assert found["script-src"] == ["'self'"]

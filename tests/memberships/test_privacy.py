"""Nobody learns from the site who is a member, and no reader's address ever goes into a URL.

Addresses in URLs end up in access logs, browser history, proxies and Referer headers; whether
someone is a member is for the membership managers alone (DESIGN.md, "never lost or leaked").
"""

import re
from urllib.parse import unquote_plus, urlencode, urlsplit

import pytest
from django.core import mail
from django.test import Client

from memberships.models import Membership, ProviderEvent, Supporter
from tests.dom import fields_in, one, parse
from tests.factories import ArticleFactory, MembershipFactory, SupporterFactory
from tests.memberships.helpers import JOIN_DATA, CommittingClient, render_join_box

pytestmark = pytest.mark.django_db

JOIN = "/join/"
SIGN_IN = "/membership/sign-in/"
# Of one length, so that even the answers' Content-Length cannot tell them apart.
MEMBER = "nino.member@example.org"
STRANGER = "tako.reader@example.org"
CSRF_FIELD = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
REFERENCE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@pytest.fixture
def member():
    return MembershipFactory(supporter=SupporterFactory(email=MEMBER, name="Nino"))


@pytest.fixture(autouse=True)
def patient_limits(settings):
    """These tests ask the same questions many times from one test address."""
    settings.MEMBERSHIPS_CHECKOUT_LIMIT_PER_CLIENT = 100
    settings.MEMBERSHIPS_SIGN_IN_LIMIT_PER_CLIENT = 100


# --- Who is a member -------------------------------------------------------------------------


def answer(path, data, *, email, follow=False):
    """What a fresh visitor is answered, with what differs between any two visitors made
    equal: the address they typed, their CSRF token, their checkout's reference, the time."""
    response = CommittingClient().post(path, data, follow=follow)

    def same(text):
        text = CSRF_FIELD.sub(r"\1…\2", text.replace(email, "ADDRESS"))
        return REFERENCE.sub("REFERENCE", text)

    headers = {name: same(value) for name, value in response.headers.items() if name != "Expires"}
    return response.status_code, headers, same(response.content.decode())


def join_answer(email, *, follow=False, **changes):
    return answer(JOIN, {**JOIN_DATA, "email": email, **changes}, email=email, follow=follow)


def test_joining_with_a_members_address_is_answered_exactly_as_anyone_else(member):
    for follow in (False, True):  # the answer itself, and the page it leads to
        assert join_answer(MEMBER, follow=follow) == join_answer(STRANGER, follow=follow)
    assert join_answer(MEMBER)[0] == 302
    # Mistakes in the form are answered alike too.
    assert join_answer(MEMBER, name="") == join_answer(STRANGER, name="")
    # The member is told by email, where only they can read it.
    assert mail.outbox and all(message.to == [MEMBER] for message in mail.outbox)
    assert all("sign-in link" in message.subject for message in mail.outbox)


def test_a_member_joining_again_by_mistake_ends_up_with_one_membership(member):
    client = CommittingClient()
    to_checkout = client.post(JOIN, {**JOIN_DATA, "email": MEMBER})
    assert client.post(to_checkout.url, {"outcome": "complete"}).status_code == 302
    assert Membership.objects.live().get().pk == member.pk
    second = Membership.objects.exclude(pk=member.pk).get()
    assert second.status == "canceled" and "duplicate" in second.cancel_reason.lower()
    welcome = [message for message in mail.outbox if message.subject.startswith("Welcome")]
    assert welcome == []


def test_asking_for_a_sign_in_link_is_answered_alike_for_members_and_others(member):
    def sign_in_answer(email):
        return answer(SIGN_IN, {"email": email}, email=email)

    assert sign_in_answer(MEMBER) == sign_in_answer(STRANGER)
    assert sign_in_answer(MEMBER)[0] == 200


def test_with_the_mail_server_down_members_and_others_still_get_the_same_answers(
    member, mail_server
):
    mail_server.down()
    for follow in (False, True):
        assert join_answer(MEMBER, follow=follow) == join_answer(STRANGER, follow=follow)
    assert answer(SIGN_IN, {"email": MEMBER}, email=MEMBER) == answer(
        SIGN_IN, {"email": STRANGER}, email=STRANGER
    )
    assert join_answer(MEMBER)[0] == 302
    assert answer(SIGN_IN, {"email": MEMBER}, email=MEMBER)[0] == 200
    assert mail.outbox == []


# --- No address in a URL ---------------------------------------------------------------------

URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "data", "cite")


class Reader:
    """A browser that notes every URL the site makes it see: each redirect's Location, every
    link and form address on a page, the address a GET form builds, and links in emails."""

    def __init__(self, client=None):
        self.client = client or CommittingClient()
        self.urls = []
        self.current = "/"

    def get(self, url, *, noted=True):
        if noted:
            self.urls.append(url)
        return self._follow(self.client.get(url))

    def post(self, url, data):
        self.urls.append(url)
        return self._follow(self.client.post(url, data))

    def submit(self, form, **values):
        """Submit a form (a parsed <form>) as a browser would, with ``values`` typed in."""
        data = {**fields_of(form), **values}
        action = form.get("action") or self.current
        if (form.get("method") or "get").lower() == "get":
            return self.get(f"{action}?{urlencode(data)}")
        return self.post(action, data)

    def _follow(self, response):
        while response.status_code in (301, 302, 303, 307, 308):
            location = response["Location"]
            self.urls.append(location)
            if urlsplit(location).netloc not in ("", "testserver"):
                return response  # off to the payment provider
            response = self.client.get(location)
        self.current = response.request["PATH_INFO"]
        if response["Content-Type"].startswith("text/html"):
            for element in parse(response).find_all(True):
                self.urls += [element[name] for name in URL_ATTRIBUTES if element.get(name)]
                if (element.get("http-equiv") or "").lower() == "refresh":
                    self.urls.append(element.get("content", ""))
        return response

    def read_emails(self):
        for message in mail.outbox:
            bodies = [message.body] + [body for body, _ in message.alternatives]
            for body in bodies:
                self.urls += re.findall(r"https?://[^\s\"'<>]+", body)

    def urls_with(self, email):
        local_part = email.split("@")[0].lower()
        return [url for url in self.urls if local_part in unquote_plus(url).lower()]


def fields_of(form):
    data = {}
    for field in fields_in(form):
        kind = (field.get("type") or "text").lower()
        if kind in ("radio", "checkbox"):
            if field.has_attr("checked"):
                data[field["name"]] = field.get("value", "on")
        elif kind not in ("submit", "button", "image", "reset"):
            data[field["name"]] = field.get("value", "")
    return data


def only_form(response, selector="main form[method=post]"):
    return one(parse(response), selector)


def test_no_address_a_reader_types_ever_goes_into_a_url():
    story = ArticleFactory()
    reader = Reader()

    page = reader.get(story.get_absolute_url())
    join_page = reader.submit(one(parse(page), "aside.join-box form"), email=STRANGER)
    assert join_page.status_code == 200
    join_form = only_form(join_page, "form.member-form")
    assert one(join_form, "input[name=email]")["value"] == STRANGER  # carried in a form field

    checkout = reader.submit(join_form, name="Tamar", email_consent="on")
    assert "Test checkout — no real payment" in checkout.text
    thanks = reader.submit(only_form(checkout), outcome="complete")
    assert "Thank you for supporting us" in thanks.text
    assert Membership.objects.get(supporter__email=STRANGER).status == "active"

    # A payment that fails, and a second try.
    again = reader.submit(
        only_form(reader.get(JOIN), "form.member-form"),
        **{"email": "second.try@example.org", "name": "Second", "email_consent": "on"},
    )
    failed = reader.submit(only_form(again), outcome="fail")
    assert "did not go through" in failed.text

    # Signing in with the emailed link, then out.
    sent = reader.submit(only_form(reader.get(SIGN_IN)), email=STRANGER)
    assert "Check your email" in sent.text
    reader.read_emails()
    link = next(url for url in reader.urls if "/membership/sign-in/" in url and url.count("/") > 5)
    account = reader.submit(only_form(reader.get(link.removeprefix("https://news.example.org"))))
    assert "Signed in as" in account.text
    reader.get("/membership/cancel/")
    reader.submit(one(parse(account), "form[action='/membership/sign-out/']"))
    reader.read_emails()

    assert reader.urls_with(STRANGER) == []
    assert reader.urls_with("second.try@example.org") == []
    assert len(reader.urls) > 40  # the walk did see the site's links


def test_a_member_joining_again_is_sent_on_without_their_address_in_a_url(member):
    reader = Reader()
    checkout = reader.submit(
        only_form(reader.get(JOIN), "form.member-form"),
        **{"email": MEMBER, "name": "Nino", "email_consent": "on"},
    )
    assert "Test checkout — no real payment" in checkout.text
    reader.read_emails()
    assert "sign-in" in mail.outbox[0].subject
    assert reader.urls_with(MEMBER) == []


def test_the_join_box_posts_without_a_token_so_story_pages_stay_one_copy_for_everyone():
    story = ArticleFactory()
    first = Client().get(story.get_absolute_url())
    second = Client().get(story.get_absolute_url())
    box = one(parse(first), "aside.join-box form")
    assert box["method"] == "post"
    assert box.select("[name=csrfmiddlewaretoken]") == []
    assert first.content == second.content
    assert "csrftoken" not in first.cookies

    # The box's step needs no token and changes nothing; the join form itself is protected.
    browser = Client(enforce_csrf_checks=True)
    join_page = browser.post(box["action"], {**fields_of(box), "email": STRANGER})
    assert join_page.status_code == 200
    assert not Supporter.objects.exists() and not Membership.objects.exists()
    join_form = only_form(join_page, "form.member-form")
    typed = {"name": "Tamar", "email_consent": "on"}
    forged = {**fields_of(join_form), **typed, "csrfmiddlewaretoken": ""}
    assert browser.post(JOIN, forged).status_code == 403
    assert not Membership.objects.exists()
    assert browser.post(JOIN, {**fields_of(join_form), **typed}).status_code == 302
    assert Membership.objects.get().supporter.email == STRANGER


def test_an_old_join_link_carrying_an_address_is_sent_on_without_it():
    reader = Reader()
    old = f"{JOIN}?{urlencode({'plan': 'supporter-yearly', 'email': STRANGER})}"
    page = reader.get(old, noted=False)  # from a story page cached before the box posted
    assert reader.urls[0] == f"{JOIN}?plan=supporter-yearly"
    assert one(parse(page), "input[name=plan][checked]")["value"] == "supporter-yearly"
    assert reader.urls_with(STRANGER) == []


def test_no_address_goes_into_the_urls_given_to_stripe_or_back_from_it(stripe_api):
    reader = Reader()
    join_page = reader.submit(one(parse(render_join_box()), "form"), email=STRANGER)
    to_stripe = reader.submit(
        only_form(join_page, "form.member-form"), name="Tamar", email_consent="on"
    )
    assert to_stripe["Location"].startswith("https://checkout.stripe.com/")
    [call] = stripe_api.calls("POST", "/v1/checkout/sessions")
    reader.urls += [call["params"]["success_url"], call["params"]["cancel_url"]]
    reader.get(call["params"]["cancel_url"].removeprefix("http://testserver"))
    reader.get(call["params"]["success_url"].removeprefix("http://testserver"))
    assert reader.urls_with(STRANGER) == []
    assert not ProviderEvent.objects.exists()

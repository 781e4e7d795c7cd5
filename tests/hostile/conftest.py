"""The small newsroom hostile requests are sent to, and the probe that sends them."""

import logging
import tempfile
import uuid
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import configuration

from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    EditorsPickFactory,
    LiveUpdateFactory,
    MembershipFactory,
    RegionFactory,
)
from tests.hostile.corpus import NEWSROOM
from tests.hostile.harness import SENT, Probe
from tests.memberships import stripe_fake

# Hypothesis keeps caches (its Unicode tables; the constants it reads from the code, already
# while tests are collected) in a folder of its own: the system's temporary one, so that nothing
# goes into the project's .hypothesis/ and the tables are not made again every run. Its example
# database is off (``database=None`` on every test), so every run draws the same values.
configuration.set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "newsroom-hypothesis")


# The one page whose first reader writes (its story's prepared page, articles.prepared): read
# once before any probe, as it would have been long before.
FIRST_READ = f"/news/{NEWSROOM['story']}/"


@pytest.fixture
def newsroom(db, settings):
    """A region, a story with the shared small photo, its author and tag, an Editor's Pick,
    a member and a pending checkout in the test checkout; Stripe's webhook secret set."""
    settings.MEMBERSHIPS_PROVIDER = "local"
    settings.MEMBERSHIPS_ALLOW_TEST_CHECKOUT = True
    settings.STRIPE_SECRET_KEY = "sk_test_" + "x" * 24
    settings.STRIPE_WEBHOOK_SECRET = stripe_fake.WEBHOOK_SECRET
    settings.STRIPE_HTTP_CLIENT = "tests.memberships.stripe_fake.FakeStripeHTTPClient"
    settings.SITE_URL = "https://news.example.org"
    stripe_fake.CURRENT = stripe_fake.FakeStripeAPI()
    region = RegionFactory(name="Georgia", slug=NEWSROOM["region"])
    author = AuthorFactory(name="Nino Beridze", slug=NEWSROOM["author"])
    story = ArticleFactory(
        headline="Border crossing reopens",
        slug=NEWSROOM["story"],
        primary_region=region,
        authors=[author],
        tag_names=[NEWSROOM["tag"]],
        live_since=timezone.now(),  # a live blog, so its updates address answers
    )
    LiveUpdateFactory(article=story, author=author)
    EditorsPickFactory(article=story)
    MembershipFactory(supporter__email=NEWSROOM["member email"])
    MembershipFactory(
        pending=True,
        reference=uuid.UUID(NEWSROOM["pending reference"]),
        provider_checkout_id="local_cs_pending",
    )
    assert Client().get(FIRST_READ).status_code == 200
    return story


@pytest.fixture
def probe(newsroom):
    """Sends hostile requests as an anonymous visitor (``harness.Probe``).

    The warnings every refused request logs (a 404, a bad signature, a failed sign-in) are
    left out: a thousand of them cost time and say nothing; errors are still logged."""
    logging.disable(logging.WARNING)
    yield Probe(Client())
    logging.disable(logging.NOTSET)


# --- The count, at the end of the run ---------------------------------------------------------


def pytest_sessionfinish(session):
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # a pytest-xdist worker: the controller adds them up
        workeroutput["hostile_requests"] = dict(SENT)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    SENT.update(getattr(node, "workeroutput", {}).get("hostile_requests", {}))


def pytest_terminal_summary(terminalreporter):
    if SENT:
        kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(SENT.items()))
        terminalreporter.write_line(f"Hostile inputs sent: {SENT.total()} ({kinds}).")

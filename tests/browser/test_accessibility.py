"""axe-core on the pages readers use most, on a phone and on a desktop screen."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import DESKTOP, PHONE
from tests.factories import ArticleFactory, CorrectionFactory, PhotoFactory, RegionFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

BLOCKING = {"serious", "critical"}


@pytest.fixture
def newsroom():
    region = RegionFactory(name="Armenia", slug="armenia", description="Reporting from Armenia.")
    lead = ArticleFactory(
        headline="Lake Sevan's water level falls again",
        standfirst="Irrigation and a dry summer take their toll.",
        body="<p>The lake has lost <strong>twenty centimetres</strong> since May.</p>"
        "<blockquote><p>We have never seen it so low.</p></blockquote>",
        primary_region=region,
        lead_photo=PhotoFactory(
            caption="The shore near Sevanavank monastery.",
            credit="Hayk Badalyan",
            licence="CC BY 4.0",
            alt_text="A wide pebble beach below a hilltop monastery",
        ),
        tag_names=["environment"],
    )
    CorrectionFactory(article=lead)
    ArticleFactory.create_batch(4, primary_region=region, tag_names=["environment"])
    ArticleFactory(headline="A story without a photo", lead_photo=None, primary_region=region)
    translation = ArticleFactory(
        language="ru",
        translation_of=lead,
        headline="Уровень воды в Севане снова падает",
        standfirst="Сказываются полив и засушливое лето.",
        body="<p>С мая озеро потеряло <strong>двадцать сантиметров</strong>.</p>",
        primary_region=region,
        lead_photo=lead.lead_photo,
        tag_names=["environment"],
    )
    return {
        "ru_home": "/ru/",
        "ru_article": translation.get_absolute_url(),
        "home": "/",
        "article": lead.get_absolute_url(),
        "region": region.get_absolute_url(),
        "search": "/search/?q=lake",
        "join": "/join/",
        "newsletter": "/newsletter/",
    }


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}\n"
            f"  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:200]}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", "\n      "))
    return "\n".join(lines)


@pytest.mark.parametrize(
    "name", ["home", "article", "region", "search", "join", "newsletter", "ru_home", "ru_article"]
)
def test_page_has_no_serious_accessibility_violations_on_phone_or_desktop(page, newsroom, name):
    axe = Axe()
    problems = []
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        response = page.goto(newsroom[name])
        assert response.ok, f"{newsroom[name]} answered {response.status}"
        page.wait_for_load_state("load")

        violations = axe.run(page).response["violations"]

        blocking = [v for v in violations if v["impact"] in BLOCKING]
        if blocking:
            size = f"{viewport['width']}x{viewport['height']}"
            problems.append(f"at {size}:\n{describe(blocking)}")
    assert not problems, f"{name} page has serious accessibility problems " + "\n".join(problems)

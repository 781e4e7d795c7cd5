"""The benchmark's reference pages: its own URLconf serves them, the product's never does."""

import pytest
from django.test import override_settings
from django.urls import reverse

from bench import settings as bench_settings
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_the_site_never_serves_the_benchmarks_reference_pages(client):
    assert client.get("/_bench/ceiling/").status_code == 404
    assert client.get("/_bench/plain/").status_code == 404


def test_the_benchmark_runs_the_sites_settings_with_its_own_urlconf():
    assert bench_settings.ROOT_URLCONF == "bench.urls"
    assert bench_settings.INSTALLED_APPS  # everything else is the site's own settings


@override_settings(ROOT_URLCONF="bench.urls")
def test_the_benchmarks_urlconf_adds_its_pages_to_the_sites(client):
    story = ArticleFactory(headline="Harvest comes early")
    ceiling = client.get("/_bench/ceiling/?bytes=1000")
    assert ceiling.status_code == 200
    assert len(ceiling.content) == 1000
    plain = client.get("/_bench/plain/")
    assert plain.status_code == 200
    assert "Harvest comes early" in plain.content.decode()
    assert client.get(reverse("articles:home")).status_code == 200
    assert client.get(story.get_absolute_url()).status_code == 200

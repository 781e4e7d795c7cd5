import pytest

from tests.factories import forget_shared_photo


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads and renditions go to a throwaway folder, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    forget_shared_photo()  # its files live in the previous test's folder
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def fresh_cache():
    """Every test starts with an empty cache, so cached pages never cross tests."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield

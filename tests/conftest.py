import functools
from importlib import import_module

import pytest
from pytest_django.plugin import blocking_manager_key  # the django_db_blocker, in a hook

from tests.factories import forget_shared_photo
from tests.staff.sign_in import sign_in
from tests.task_queue import DATABASE_BACKEND, TaskQueue

# What the migrations put in a new database: the desk's groups and the default plans.
MIGRATION_DATA = (
    ("articles.migrations.0003_desk_groups", "create_groups"),
    ("articles.migrations.0010_wording_grants", "grant_wording"),
    ("memberships.migrations.0002_default_plans", "create_plans"),
    ("memberships.migrations.0003_membership_manager_group", "create_group"),
    ("newsletter.migrations.0002_digest_sending", "grant_digests"),
    ("newsletter.migrations.0003_subscriber_managers", "grant_subscribers"),
    ("insights.migrations.0002_editors_and_managers_see_dashboard", "grant"),
)


@functools.cache
def _migrated_models():
    """The models as the migrations leave them, which their data functions expect."""
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    return MigrationLoader(connection).project_state().apps


def restore_migration_data():
    """Put back what the migrations made, with their own idempotent functions."""
    state_apps = _migrated_models()
    for module, function in MIGRATION_DATA:
        getattr(import_module(module), function)(state_apps, None)


def is_transactional(item):
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    fixtures = getattr(item, "fixturenames", ())
    return "transactional_db" in fixtures or "live_server" in fixtures


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The migrations' data is there when the run starts, in a new or a reused database
    (an earlier run's last transactional test may have emptied a reused one)."""
    with django_db_blocker.unblock():
        restore_migration_data()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test (live server, races) empties every table when it ends: put the
    migrations' data back, so the next test finds the database as the migrations left it,
    whichever test ran before it."""
    result = yield
    if is_transactional(item):
        with item.config.stash[blocking_manager_key].unblock():
            restore_migration_data()
    return result


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads and renditions go to a throwaway folder, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    forget_shared_photo()  # its files live in the previous test's folder
    return settings.MEDIA_ROOT


def originals_in(location):
    """STORAGES with the photo originals kept in ``location``."""
    from django.conf import settings

    originals = {**settings.STORAGES["originals"], "OPTIONS": {"location": location}}
    return {**settings.STORAGES, "originals": originals}


@pytest.fixture(autouse=True)
def originals_root(settings, tmp_path):
    """Photo originals go to a throwaway folder too, never the project's private/."""
    settings.STORAGES = originals_in(tmp_path / "private")
    return tmp_path / "private"


@pytest.fixture(autouse=True)
def fresh_cache():
    """Every test starts with an empty cache, so cached pages never cross tests."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture(autouse=True)
def default_language():
    """A request to another edition leaves its language active in the thread; the next test
    starts in the default edition, as a fresh request would."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture
def task_queue(settings):
    """Tasks wait in the database queue, as in production, until ``task_queue.run_due()``."""
    settings.TASKS = DATABASE_BACKEND
    return TaskQueue()


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's ``admin_client``, signed in as staff sign in: with a second factor."""
    return sign_in(client, admin_user)

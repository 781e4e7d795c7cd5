from importlib import import_module

import pytest

from tests.factories import forget_shared_photo

# What the migrations put in a new database: the desk's groups and the default plans.
MIGRATION_DATA = (
    ("articles.migrations.0003_desk_groups", "create_groups"),
    ("memberships.migrations.0002_default_plans", "create_plans"),
    ("memberships.migrations.0003_membership_manager_group", "create_group"),
)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The migrations' data is there when the run starts, in a new or a reused database.

    Transactional tests (live server, races) empty every table when they finish, and
    ``--reuse-db`` keeps the database for the next run: put back what the migrations made,
    with their own idempotent functions, so no test depends on which test ran before.
    """
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    with django_db_blocker.unblock():
        state_apps = MigrationLoader(connection).project_state().apps
        for module, function in MIGRATION_DATA:
            getattr(import_module(module), function)(state_apps, None)


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

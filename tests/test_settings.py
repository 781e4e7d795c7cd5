"""The settings module is configured from the environment alone."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from newsroom.env import cache_config, env_bool

ROOT = Path(__file__).resolve().parent.parent


def run_python(code, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CACHE_URL"}}
    clean.pop("SECRET_KEY", None)
    clean.pop("DEBUG", None)
    clean["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def settings_value(expression, **env):
    result = run_python(f"from newsroom import settings as s; print({expression})", **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_database_defaults_to_sqlite_file_in_project_folder():
    engine = settings_value("s.DATABASES['default']['ENGINE']", DEBUG="1")
    name = settings_value("s.DATABASES['default']['NAME']", DEBUG="1")
    assert engine == "django.db.backends.sqlite3"
    assert Path(name) == ROOT / "db.sqlite3"


def test_postgres_database_url_is_parsed():
    url = "postgres://editor:s3cret@db.example.org:5433/newsroom"
    expression = "[s.DATABASES['default'][k] for k in ('ENGINE','NAME','USER','HOST','PORT')]"
    value = settings_value(expression, DEBUG="1", DATABASE_URL=url)
    assert value == str(
        ["django.db.backends.postgresql", "newsroom", "editor", "db.example.org", 5433]
    )


def test_without_debug_and_secret_key_the_site_refuses_to_start():
    result = run_python("from newsroom import settings")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_values_pass_the_deployment_checklist():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL"}},
            "SECRET_KEY": "a-real-secret-" + "x7Q!pL0zR9" * 6,
            "ALLOWED_HOSTS": "news.example.org",
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_cache_defaults_to_local_memory_and_accepts_redis():
    assert cache_config("")["BACKEND"].endswith("LocMemCache")
    redis = cache_config("redis://127.0.0.1:6379/1")
    assert redis["BACKEND"] == "newsroom.cache.RedisCache"
    assert redis["LOCATION"] == "redis://127.0.0.1:6379/1"


def test_bad_configuration_values_get_a_clear_error(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL scheme"):
        cache_config("memcached://127.0.0.1")
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be one of"):
        env_bool("DEBUG")


def test_tasks_wait_in_the_database_for_a_worker_and_run_at_once_in_tests(settings):
    backend = settings_value("s.TASKS['default']['BACKEND']", DEBUG="1")
    assert backend == "django_tasks_db.DatabaseBackend"
    assert "django_tasks_db" in settings_value("s.INSTALLED_APPS", DEBUG="1")
    assert settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")
    immediate = settings_value(
        "s.TASKS['default']['BACKEND']", DEBUG="1", TASKS_BACKEND="immediate"
    )
    assert immediate.endswith("ImmediateBackend")


def test_the_redis_task_queue_says_how_to_install_it_and_bad_backends_are_refused():
    result = run_python("from newsroom import settings", DEBUG="1", TASKS_BACKEND="rq")
    assert result.returncode != 0
    assert "pip install django-tasks-rq==0.12.0" in result.stderr
    result = run_python("from newsroom import settings", DEBUG="1", TASKS_BACKEND="celery")
    assert "TASKS_BACKEND must be database, rq or immediate" in result.stderr

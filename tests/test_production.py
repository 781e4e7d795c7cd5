"""Production serving: compressed, hashed static files and the gunicorn configuration."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent


# Closing the file response ends the request, which checks the database connection.
@pytest.mark.django_db
def test_static_files_are_served_compressed_with_hashed_names_and_cached_for_a_year(
    settings, tmp_path
):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)

    url = staticfiles_storage.url("css/site.css")
    assert url.startswith("/static/css/site.") and url != "/static/css/site.css"
    response = Client().get(url, headers={"accept-encoding": "gzip, deflate"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "immutable" in response["Cache-Control"]
    assert "max-age=315360000" in response["Cache-Control"]
    response.close()


def test_gunicorn_runs_one_sync_worker_per_core_without_access_logs():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GUNICORN_", "WEB_CONC"))}
    result = subprocess.run(
        [Path(sys.executable).parent / "gunicorn", "-c", "gunicorn.conf.py", "--print-config"],
        cwd=ROOT,
        env={**env, "DEBUG": "1", "PORT": "8123"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    config = dict(
        (part.strip() for part in line.split("=", 1))
        for line in result.stdout.splitlines()
        if "=" in line
    )
    assert config["workers"] == str(os.cpu_count())
    assert config["worker_class"] == "sync"
    assert config["bind"] == "['127.0.0.1:8123']"
    assert config["accesslog"] == "None"
    assert config["control_socket_disable"] == "True"
    assert int(config["max_requests"]) > 0

"""`make test` finds a Chromium for the browser tests, or stops at once saying what to install."""

import pytest

from tests.browser import chromium


@pytest.fixture
def no_browser_anywhere(monkeypatch):
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.setattr(chromium, "USUAL_PATHS", ())
    monkeypatch.setattr(chromium, "_playwrights_own", lambda: None)


def executable(path):
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


def test_the_chromium_variable_comes_first(monkeypatch, tmp_path):
    chosen = executable(tmp_path / "my-chromium")
    monkeypatch.setenv("CHROMIUM", str(chosen))
    assert chromium.find_chromium() == chosen


def test_a_chromium_variable_naming_nothing_stops_the_run(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("CHROMIUM", str(tmp_path / "missing"))
    with pytest.raises(FileNotFoundError):
        chromium.find_chromium()
    assert chromium.main() == 1
    assert "is not a runnable file" in capsys.readouterr().err


def test_the_usual_paths_are_looked_in(no_browser_anywhere, monkeypatch, tmp_path):
    installed = executable(tmp_path / "chromium")
    monkeypatch.setattr(chromium, "USUAL_PATHS", (str(tmp_path / "absent"), str(installed)))
    assert chromium.find_chromium() == installed


def test_without_a_browser_or_a_way_to_install_one_it_says_what_to_install_in_one_line(
    no_browser_anywhere, monkeypatch, capsys
):
    monkeypatch.setattr(chromium, "_may_install_with_apt", lambda: False)
    assert chromium.main() == 1
    message = capsys.readouterr().err
    assert message.count("\n") == 1
    assert "apt-get install chromium" in message and "CHROMIUM=" in message


def test_on_debian_as_root_it_installs_chromium_with_apt(
    no_browser_anywhere, monkeypatch, tmp_path
):
    ran = []
    browser = tmp_path / "chromium"

    def apt_get(command, **kwargs):
        ran.append(command)
        if "install" in command:
            executable(browser)
        return type("Done", (), {"returncode": 0})()

    monkeypatch.setattr(chromium, "_may_install_with_apt", lambda: True)
    monkeypatch.setattr(chromium.subprocess, "run", apt_get)
    monkeypatch.setattr(chromium, "USUAL_PATHS", (str(browser),))
    assert chromium.main() == 0
    assert ran[-1][:2] == ["apt-get", "install"] and "chromium" in ran[-1]

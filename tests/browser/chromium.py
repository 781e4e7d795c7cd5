"""The Chromium the browser tests drive: found, or on Debian installed, before the suite starts.

``make test`` runs ``python -m tests.browser.chromium`` first. It looks for a browser in this
order: the ``CHROMIUM`` variable, the usual install paths, Playwright's own download. None
found, on Debian or Ubuntu as root, it installs Debian's ``chromium`` and a font with apt;
anywhere else it stops at once with one line saying what to install, rather than letting the
browser tests fail minutes later. The tests themselves fail (never skip) without a browser.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

USUAL_PATHS = (
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
    "/snap/bin/chromium",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
)
DEBIAN_PACKAGES = ("chromium", "fonts-dejavu-core")
HOW_TO_INSTALL = (
    "the browser tests need Chromium: install it (Debian/Ubuntu: apt-get install chromium "
    "fonts-dejavu-core) or set CHROMIUM=/path/to/chromium"
)


def _runnable(path):
    return bool(path) and os.path.isfile(path) and os.access(path, os.X_OK)


def _playwrights_own():
    """The Chromium that ``playwright install chromium`` downloaded, if it ever did."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    try:
        with sync_playwright() as playwright:
            return playwright.chromium.executable_path
    except Exception:  # Playwright's driver missing or broken: there is no browser of its own.
        return None


def find_chromium():
    """The path of a Chromium to drive, or None.

    A ``CHROMIUM`` that names no runnable file is an error, not a reason to look elsewhere.
    """
    chosen = os.environ.get("CHROMIUM")
    if chosen:
        if not _runnable(chosen):
            raise FileNotFoundError(f"CHROMIUM={chosen} is not a runnable file")
        return Path(chosen)
    for path in USUAL_PATHS:
        if _runnable(path):
            return Path(path)
    own = _playwrights_own()
    return Path(own) if _runnable(own) else None


def _may_install_with_apt():
    return (
        Path("/etc/debian_version").exists()
        and shutil.which("apt-get") is not None
        and hasattr(os, "geteuid")
        and os.geteuid() == 0
    )


def _install_with_apt():
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    print(f"Installing {' '.join(DEBIAN_PACKAGES)} for the browser tests (apt-get)...")
    steps = (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", *DEBIAN_PACKAGES],
    )
    for step in steps:
        if subprocess.run(step, env=env, stdout=subprocess.DEVNULL).returncode != 0:
            return False
    return True


def main():
    try:
        if find_chromium():
            return 0
    except FileNotFoundError as exc:
        print(f"make test: {exc}; {HOW_TO_INSTALL}", file=sys.stderr)
        return 1
    if _may_install_with_apt() and _install_with_apt() and find_chromium():
        return 0
    print(f"make test: {HOW_TO_INSTALL}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())

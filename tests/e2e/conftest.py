"""A real `newsprism serve` over a store built from examples/sochi-2020 (plus two articles whose
text carries script-injection strings), and Debian's Chromium driven by Playwright.

Chromium is the system package (`apt-get install chromium`), launched from /usr/bin/chromium:
no browser is ever downloaded. Screenshots go to $NEWSPRISM_ARTIFACTS (a temporary folder when
unset), one PNG per test.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "sochi-2020"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

HOSTILE = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">',
    '"><svg onload=alert(1)>',
)
"""The strings the hostile articles carry; each must show as text, never act."""

HOSTILE_DIR = Path(__file__).with_name("hostile")
"""Two articles of one made-up story whose text carries :data:`HOSTILE`."""


def newsprism(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run the installed `newsprism` command and return what it printed."""
    command = [str(Path(sys.executable).with_name("newsprism")), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the sochi-2020 example and the two hostile articles."""
    db = tmp_path_factory.mktemp("web") / "web.db"
    for source in (EXAMPLE, HOSTILE_DIR):
        done = newsprism("analyze", str(source), "--db", str(db))
        assert done.returncode == 0, done.stdout + done.stderr
    return db


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def server(web_db: Path) -> Iterator[str]:
    """The base URL of `newsprism serve` running over the store on 127.0.0.1."""
    port = free_port()
    command = [str(Path(sys.executable).with_name("newsprism"))]
    process = subprocess.Popen(
        [*command, "serve", "--db", str(web_db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/api/v1/outlets", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read() if process.stdout else ""
                    raise RuntimeError(f"newsprism serve did not start: {output}") from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout:
            process.stdout.close()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's headless Chromium under Playwright (skipped where it is not installed)."""
    if not CHROMIUM.exists() and not os.environ.get("CI"):
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    playwright = sync_api.sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()
        playwright.stop()


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the tests' screenshots go."""
    where = os.environ.get("NEWSPRISM_ARTIFACTS")
    path = Path(where) if where else tmp_path_factory.mktemp("artifacts")
    path.mkdir(parents=True, exist_ok=True)
    return path


class Watched:
    """A page with every dialog, script error and request it made recorded."""

    def __init__(self, page: Any, base: str) -> None:
        self.page = page
        self.base = base
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        # Console errors include refused loads (a Content-Security-Policy violation, a 404).
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("request", lambda request: self.requests.append(request.url))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def foreign(self) -> list[str]:
        """Requests to any origin other than the server's (or the report file's own)."""
        own = (self.base, "file://", "data:", "about:")
        return [u for u in self.requests if not u.startswith(own)]


@pytest.fixture
def page(chromium: Any, server: str) -> Iterator[Watched]:
    """A fresh browser page on the served site, watched."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    watched = Watched(context.new_page(), server)
    try:
        yield watched
    finally:
        context.close()


def shoot(page: Watched, artifacts: Path, name: str, *, full: bool = False) -> Path:
    """Save a PNG screenshot of the page and return its path."""
    path = artifacts / f"{name}.png"
    page.page.screenshot(path=str(path), full_page=full)
    assert path.stat().st_size > 1000
    return path

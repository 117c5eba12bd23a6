"""Script-injection strings in an ingested article show as text on every page and in the report:
no dialog, no script error, no element they would create, no request to another origin."""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from conftest import HOSTILE, Watched, newsprism, shoot

# Elements or attributes that exist only if page text had become markup.
_INJECTED = (
    "script:not([src='/static/app.js'])",
    "img[src='x']",
    "[onerror]",
    "[onload]",
    "a[href^='javascript:' i]",
    "svg[onload]",
)


def _get(base: str, path: str) -> Any:
    with urllib.request.urlopen(base + path, timeout=30) as answer:
        return json.load(answer)


@pytest.fixture(scope="module")
def hostile_pages(server: str) -> list[str]:
    """Every page that shows the hostile story or its articles, outlets and speakers."""
    story = _get(server, "/api/v1/stories?q=harbour")["items"][0]
    detail = _get(server, "/api/v1/stories/" + quote(story["id"], safe=""))
    pages = ["/stories", "/stories?q=harbour", "/stories/" + story["id"], "/outlets", "/speakers"]
    pages += ["/stories/" + e["id"] for e in story["events"]]
    for article in detail["articles"]:
        doc = article["doc_id"]
        pages += [f"/articles/{doc}", f"/articles/{doc}?start=0&end=60#cited"]
    for speaker in {q["speaker"] for q in detail["quotes"] if q["named"]}:
        pages.append("/speakers/" + quote(speaker, safe=""))
    assert any(p.startswith("/speakers/") for p in pages)  # Jonas Ekberg's page at least
    return pages


def _check(page: Watched) -> None:
    for selector in _INJECTED:
        assert page.page.locator(selector).count() == 0, selector
    toggle = page.page.locator("#toggle-removed")
    if toggle.count():
        toggle.click()


def test_hostile_text_is_inert_on_every_page(
    page: Watched, hostile_pages: list[str], artifacts: Path
) -> None:
    shown = ""
    for path in hostile_pages:
        page.page.goto(page.base + path)
        _check(page)
        shown += page.page.locator("body").inner_text()
    page.page.goto(page.base + hostile_pages[2])
    shoot(page, artifacts, "hostile-story", full=True)
    for text in HOSTILE:
        assert text in shown, text
    assert page.dialogs == []
    assert page.errors == []
    assert page.foreign() == []


def test_hostile_text_is_inert_in_the_report(
    page: Watched, web_db: Path, server: str, tmp_path: Path, artifacts: Path
) -> None:
    story = _get(server, "/api/v1/stories?q=harbour")["items"][0]["id"]
    out = tmp_path / "hostile.html"
    done = newsprism("report", story, "-o", str(out), "--db", str(web_db))
    assert done.returncode == 0, done.stdout + done.stderr
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:|javascript:)""", html, re.I)
    page.page.goto(out.as_uri())
    for selector in _INJECTED:
        assert page.page.locator(selector).count() == 0, selector
    body = page.page.locator("body").inner_text()
    assert "<script>alert(1)</script>" in body
    shoot(page, artifacts, "hostile-report", full=True)
    assert page.dialogs == [] and page.errors == [] and page.foreign() == []

"""`newsprism report`: one self-contained HTML file that opens from disk with the network cut."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from conftest import Watched, newsprism, shoot


def _served(chromium: Any, server: str) -> dict[str, list[str]]:
    """The brief sentences, matrix rows and chart labels of the served story page."""
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.goto(server + "/stories/st-1ef4")
        return _parts(page)
    finally:
        context.close()


def _parts(page: Any) -> dict[str, list[str]]:
    return {
        "brief": page.locator("ol.brief li").all_inner_texts(),
        "matrix": page.locator("table.matrix tbody tr").all_inner_texts(),
        "charts": [c.get_attribute("aria-label") for c in page.locator("svg.chart").all()],
    }


def test_report_opens_offline_with_brief_matrix_and_charts(
    chromium: Any, web_db: Path, server: str, tmp_path: Path, artifacts: Path
) -> None:
    out = tmp_path / "sochi.html"
    done = newsprism("report", "st-1ef4", "-o", str(out), "--db", str(web_db))
    assert done.returncode == 0, done.stdout + done.stderr
    html = out.read_text(encoding="utf-8")
    # Nothing in the file points at the network.
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*https?:""", html, re.I)
    assert "<link" not in html and "<script" not in html.lower()

    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    aborted: list[str] = []

    def refuse(route: Any) -> None:
        aborted.append(route.request.url)
        route.abort()

    context.route(re.compile(r"^(?!file:).*"), refuse)
    page = Watched(context.new_page(), "file://")
    try:
        page.page.goto(out.as_uri())
        brief = page.page.locator("ol.brief li")
        assert brief.count() >= 5
        row = page.page.locator("table.matrix tr.conflict").filter(has_text="10,000")
        assert row.count() == 1 and "7,000" in row.inner_text()
        charts = page.page.locator("svg.chart[role=img]")
        assert charts.count() >= 2
        for chart in charts.all():
            assert chart.get_attribute("aria-label")
        # A citation lands inside the file, on the cited words.
        link = brief.first.locator("a.cite").first
        target = link.get_attribute("href")
        assert target is not None and target.startswith("#src-")
        link.click()
        assert page.page.locator(target).count() == 1
        assert "cited" in (page.page.locator(target).get_attribute("class") or "")
        # The same brief, matrix and charts as the served story page.
        assert _parts(page.page) == _served(chromium, server)
        page.page.evaluate("window.scrollTo(0, 0)")
        shoot(page, artifacts, "report")
        assert aborted == [] and page.errors == [] and page.dialogs == []
    finally:
        context.close()

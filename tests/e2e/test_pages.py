"""The served pages in a real browser: what a journalist clicks through on the sochi-2020 story."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import quote

from conftest import ROOT, Watched, shoot


def _clean(page: Watched) -> None:
    assert page.dialogs == []
    assert page.errors == []
    assert page.foreign() == []


def _story(page: Watched) -> None:
    page.page.goto(page.base + "/stories")
    page.page.get_by_role("link", name="Lukashenko", exact=False).first.click()
    page.page.wait_for_selector("table.matrix")


def test_stories_page_lists_the_storyline_with_its_events(page: Watched, artifacts: Path) -> None:
    page.page.goto(page.base + "/stories")
    cards = page.page.locator("article.story-card")
    assert cards.count() >= 2  # the sochi storyline and the hostile articles' story
    sochi = cards.filter(has_text="Tikhanovskaya")
    assert sochi.count() == 1
    assert "5 article(s) from 5 outlet(s)" in sochi.inner_text()
    assert sochi.locator("svg[role=img]").get_attribute("aria-label").startswith("Articles per")
    shoot(page, artifacts, "stories")
    _clean(page)


def test_story_matrix_has_the_conflict_row_with_both_outlets(
    page: Watched, artifacts: Path
) -> None:
    _story(page)
    headers = page.page.locator("table.matrix thead th").all_inner_texts()
    row = page.page.locator("table.matrix tr.conflict").filter(has_text="10,000")
    assert row.count() == 1
    cells = row.locator("td").all_inner_texts()
    by_outlet = dict(zip(headers[1:], cells, strict=True))
    assert "10,000" in by_outlet["BNS"] and "7,000" in by_outlet["France 24"]
    assert "silent" in by_outlet["TASS"]
    assert "scopes differ" in row.locator("th").inner_text()
    row.scroll_into_view_if_needed()
    shoot(page, artifacts, "story-matrix")
    page.page.evaluate("window.scrollTo(0, 0)")
    shot = shoot(page, artifacts, "story")
    if os.environ.get("NEWSPRISM_DOCS_SCREENSHOT"):  # refreshes the README's screenshot
        (ROOT / "docs").mkdir(exist_ok=True)
        shutil.copyfile(shot, ROOT / "docs" / "story-page.png")
    _clean(page)


def test_brief_citation_opens_the_article_with_the_span_highlighted_in_view(
    page: Watched, artifacts: Path
) -> None:
    _story(page)
    link = page.page.locator("ol.brief li").nth(3).locator("a.cite").first
    href = link.get_attribute("href")
    assert href is not None and "#cited" in href
    link.click()
    page.page.wait_for_url("**/articles/**")
    cited = page.page.locator("#cited")
    assert cited.count() == 1
    assert "cited" in (cited.get_attribute("class") or "")
    text = " ".join(page.page.locator(".cited").all_inner_texts())
    assert "Peskov stressed" in text or "legitimate leader" in text
    box = cited.bounding_box()
    viewport = page.page.viewport_size
    assert box is not None and viewport is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]
    shoot(page, artifacts, "article-cited")
    _clean(page)


def test_meduza_removed_paragraphs_toggle_shows_reader_comments_struck_through(
    page: Watched, artifacts: Path
) -> None:
    page.page.goto(page.base + "/outlets/Meduza")
    page.page.locator("main ul").nth(1).locator("a").first.click()
    page.page.wait_for_url("**/articles/**")
    comments = page.page.locator(".para.removed.role-comments")
    assert comments.count() >= 3
    assert not comments.first.is_visible()
    button = page.page.locator("#toggle-removed")
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert comments.first.is_visible()
    assert "comments" in comments.first.locator(".role").inner_text()
    assert "reader comments" in comments.first.inner_text()
    decoration = comments.first.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "line-through" in decoration
    comments.first.scroll_into_view_if_needed()
    shoot(page, artifacts, "article-removed")
    button.click()
    assert not comments.first.is_visible()
    _clean(page)


def test_search_peskov_finds_the_articles_that_quote_him(page: Watched, artifacts: Path) -> None:
    page.page.goto(page.base + "/stories")
    page.page.get_by_role("searchbox").fill("Peskov")
    page.page.get_by_role("button", name="Show").click()
    page.page.wait_for_url("**q=Peskov**")
    hits = page.page.locator("ol.hits li")
    outlets = " ".join(hits.all_inner_texts())
    assert hits.count() >= 3
    for outlet in ("TASS", "BNS", "Meduza"):
        assert outlet in outlets
    assert "France 24" not in outlets
    shoot(page, artifacts, "search-peskov")
    _clean(page)


def test_tass_outlet_page(page: Watched, artifacts: Path) -> None:
    page.page.goto(page.base + "/outlets")
    page.page.get_by_role("link", name="TASS", exact=True).click()
    page.page.wait_for_url("**/outlets/TASS")
    text = page.page.locator("main").inner_text()
    assert "Kremlin spokesman points to kinship" in text
    assert "Distinctive terms" in text and "brotherly nation" in text
    shoot(page, artifacts, "outlet-tass")
    _clean(page)


def test_peskov_speaker_page_has_both_renderings_of_one_statement(
    page: Watched, artifacts: Path
) -> None:
    page.page.goto(page.base + "/speakers/" + quote("Dmitry Peskov"))
    statement = page.page.locator("section.statement").filter(has_text="love them all")
    assert statement.count() >= 1
    renderings = statement.first.locator("blockquote")
    outlets = {r.locator(".meta").inner_text() for r in renderings.all()}
    assert {"BNS", "Meduza"} <= outlets
    said = [r.inner_text() for r in renderings.all() if "love them all" in r.inner_text()]
    assert len(said) >= 2
    statement.first.scroll_into_view_if_needed()
    shoot(page, artifacts, "speaker-peskov")
    _clean(page)


def test_charts_are_reachable_by_keyboard_and_follow_the_colour_scheme(
    chromium: Any, server: str, artifacts: Path
) -> None:
    fills = {}
    for scheme in ("light", "dark"):
        context = chromium.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        page = Watched(context.new_page(), server)
        try:
            page.page.goto(server + "/stories/st-1ef4")
            reached = []
            for _ in range(60):
                page.page.keyboard.press("Tab")
                label = page.page.evaluate(
                    "() => document.activeElement.tagName.toLowerCase() === 'svg'"
                    " ? document.activeElement.getAttribute('aria-label') : null"
                )
                if label:
                    reached.append(label)
                if len(reached) == 2:
                    break
            assert [r.split(".")[0] for r in reached] == ["Timeline", "Coverage over time"]
            dot = page.page.locator("svg.coverage circle.dot").first
            fills[scheme] = dot.evaluate("e => getComputedStyle(e).fill")
            background = page.page.evaluate("getComputedStyle(document.body).backgroundColor")
            assert fills[scheme] != background
            page.page.locator("svg.coverage").scroll_into_view_if_needed()
            shoot(page, artifacts, f"story-charts-{scheme}")
            _clean(page)
        finally:
            context.close()
    assert fills["light"] != fills["dark"]

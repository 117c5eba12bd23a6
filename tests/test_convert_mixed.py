"""The mixed visible corpus: its label CSV, the AEB same-story groups and its pinned floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.evaluation.datasets.mixed import (
    AEB_STORIES,
    MIXED_CSV,
    MIXED_PLAIN_CSV,
    QUICK_ECB_TOPICS,
    write_aeb_pages,
    write_mixed,
)
from newsprism.evaluation.labels import read_labels
from newsprism.evaluation.stories import evaluate_stories

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
AEB = DATA / "article-extraction-benchmark"
FLOORS = json.loads((ROOT / "tests" / "quality_floors_stories.json").read_text(encoding="utf-8"))

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is absent")


@needs_shared
def test_mixed_csv_keeps_the_label_format_and_prefixes_each_part(tmp_path: Path) -> None:
    labels = write_mixed(
        tmp_path,
        ecbplus=None,
        newswcl50=DATA / "newswcl50",
        aeb=None,
        sochi_gold=SHARED / "golden" / "sochi-2020.json",
    )
    assert labels == tmp_path / MIXED_CSV
    header = labels.read_text(encoding="utf-8").splitlines()[0]
    assert header == "path,storyline,event"
    rows = read_labels(labels)
    assert len(rows) == 55 and all(r.path.is_file() for r in rows)
    assert all(r.path.is_relative_to(tmp_path.resolve()) for r in rows)  # one folder
    parts = {r.storyline.split(":")[0] for r in rows}
    assert parts == {"wcl", "sochi"}
    # NewsWCL50: each of its 10 events is its own storyline.
    wcl = [r for r in rows if r.storyline.startswith("wcl:")]
    assert len({r.storyline for r in wcl}) == 10
    assert all(r.event == r.storyline for r in wcl)
    # Every NewsWCL50 article keeps its URL, event 4 (named 4_L.txt.txt) too, and the date
    # of its URL's path where it has one (HuffPost's have none).
    records = [json.loads(row.path.read_text(encoding="utf-8")) for row in wcl]
    assert all(r["url"].startswith("http") for r in records)
    assert sum(r.get("published", "").startswith("2018-") for r in records) == 37
    assert {r.storyline for r in rows if r.storyline.startswith("sochi:")} == {"sochi:sochi-2020"}


@needs_shared
def test_aeb_same_story_groups_name_real_pages(tmp_path: Path) -> None:
    rows = read_labels(write_aeb_pages(AEB, tmp_path))
    assert len(rows) == 181
    by_page = {r.path.stem: r for r in rows}
    for storyline in AEB_STORIES:
        pages = [p for event in storyline for p in event]
        assert all(p in by_page for p in pages), pages
        assert len({by_page[p].storyline for p in pages}) == 1
        assert len({by_page[p].event for p in pages}) == len(storyline)
    grouped = sum(len(event) for storyline in AEB_STORIES for event in storyline)
    assert len({r.storyline for r in rows}) == 181 - grouped + len(AEB_STORIES)
    record = json.loads(rows[0].path.read_text(encoding="utf-8"))
    assert record["url"].startswith("http") and "<html" in record["html"].lower()


@needs_shared
@pytest.mark.slow
def test_quick_mix_floors(tmp_path: Path) -> None:
    labels = write_mixed(
        tmp_path,
        ecbplus=DATA / "ecbplus",
        newswcl50=DATA / "newswcl50",
        aeb=AEB,
        sochi_gold=SHARED / "golden" / "sochi-2020.json",
        ecb_topics=QUICK_ECB_TOPICS,
    )
    result = evaluate_stories(labels).to_json()
    assert result["n"] == 472
    ours, baseline = result["newsprism"], result["tfidf_average_link"]
    for name, floor in FLOORS["mixed-quick"]["newsprism"].items():
        assert ours[name] >= floor, f"{name} {ours[name]} < {floor}"
    assert ours["storyline_f1"] > baseline["storyline_f1"]


@needs_shared
def test_mixed_plain_csv_puts_the_plain_text_folders_in_place_of_the_json_lines(
    tmp_path: Path,
) -> None:
    plain = SHARED / "corpus" / "newswcl50"
    if not any(plain.glob("event-*")):
        pytest.skip(f"no NewsWCL50 plain-text event folders in {plain}")
    write_mixed(
        tmp_path,
        ecbplus=None,
        newswcl50=DATA / "newswcl50",
        aeb=None,
        sochi_gold=SHARED / "golden" / "sochi-2020.json",
        newswcl50_plain=plain,
    )
    rows = read_labels(tmp_path / MIXED_PLAIN_CSV)
    parts = {r.storyline.split(":")[0] for r in rows}
    assert parts == {"wclplain", "sochi"}
    folders = [r for r in rows if r.storyline.startswith("wclplain:")]
    assert len(folders) == 5 * len(list(plain.glob("event-*")))
    assert all(r.event == r.storyline and r.path.suffix == ".txt" for r in folders)
    assert all(r.path.is_file() and r.path.is_relative_to(tmp_path.resolve()) for r in rows)
    # The JSON-lines mix is written as before beside it.
    assert {r.storyline.split(":")[0] for r in read_labels(tmp_path / MIXED_CSV)} == {
        "wcl",
        "sochi",
    }


@needs_shared
def test_undated_plain_text_events_beside_dated_pages_stay_apart(tmp_path: Path) -> None:
    # A user's folder: NewsWCL50's undated plain-text event folders, sochi-2020 and 40 dated
    # AEB pages (the first 37 by name and the three US-China trade pages). A year the
    # Mueller-questions articles all mention joined them to the Trump-visits-the-UK event and
    # to a 2019 opinion page.
    from newsprism.evaluation.labels import write_labels

    plain = SHARED / "corpus" / "newswcl50"
    if not any(plain.glob("event-*")):
        pytest.skip(f"no NewsWCL50 plain-text event folders in {plain}")
    write_mixed(
        tmp_path / "mix",
        ecbplus=None,
        newswcl50=None,
        aeb=None,
        sochi_gold=SHARED / "golden" / "sochi-2020.json",
        newswcl50_plain=plain,
    )
    rows = [(r.path, r.storyline, r.event) for r in read_labels(tmp_path / "mix" / MIXED_PLAIN_CSV)]
    pages = read_labels(write_aeb_pages(AEB, tmp_path / "aeb"))
    trade = {p for event in AEB_STORIES[7] for p in event}
    first = {r.path.stem for r in pages[:37]}
    rows += [(r.path, r.storyline, r.event) for r in pages if r.path.stem in first | trade]
    assert len(rows) == 75
    labels = tmp_path / "folder.csv"
    write_labels(labels, rows)
    result = evaluate_stories(labels, baselines=False).to_json()["newsprism"]
    for name, floor in FLOORS["plain-beside-dated"]["newsprism"].items():
        assert result[name] >= floor, f"{name} {result[name]} < {floor}"

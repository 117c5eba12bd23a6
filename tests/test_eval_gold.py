"""Loading gold files in the golden format."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from newsprism.errors import NewsprismError
from newsprism.evaluation.gold import DateRange, load_gold

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _entry(**overrides: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "outlet": "Example Times",
        "published": {"must_be_between": ["2021-03-01", "2021-03-02"]},
        "title_line": 1,
        "body_lines": [3, 5],
        "not_body": {"7": "share widget", "9-11": "reader comments"},
    }
    entry.update(overrides)
    return entry


def _write(root: Path, gold: Any, *, files: tuple[str, ...] = ("a.txt",)) -> Path:
    """A gold folder and a corpus folder side by side under ``root``, as the README lays out."""
    corpus = root / "corpus" / "demo"
    corpus.mkdir(parents=True, exist_ok=True)
    for name in files:
        (corpus / name).write_text("Title\n\nBody\n", encoding="utf-8")
    golden = root / "golden"
    golden.mkdir(exist_ok=True)
    path = golden / "any-name.json"
    path.write_text(gold if isinstance(gold, str) else json.dumps(gold), encoding="utf-8")
    return path


def test_loads_a_minimal_gold(tmp_path: Path) -> None:
    path = _write(tmp_path, {"corpus": "corpus/demo", "documents": {"a.txt": _entry()}})
    gold = load_gold(path)
    assert gold.corpus == (tmp_path / "corpus" / "demo").resolve()
    (doc,) = gold.documents
    assert doc.name == "a.txt"
    assert doc.path == gold.corpus / "a.txt"
    assert doc.outlet == "Example Times"
    assert doc.wire_agency is None
    assert doc.published == DateRange(dt.date(2021, 3, 1), dt.date(2021, 3, 2))
    assert doc.title_line == 1
    assert doc.body_lines == {3, 5}
    assert doc.subheading_lines == doc.commentary_lines == doc.related_coverage_lines == set()
    assert dict(doc.not_body) == {
        7: "share widget",
        9: "reader comments",
        10: "reader comments",
        11: "reader comments",
    }
    assert doc.kept_lines == {3, 5}


def test_optional_fields_and_labels(tmp_path: Path) -> None:
    entry = _entry(
        wire_agency="AFP",
        subheading_lines=[4],
        commentary_lines=[8],
        related_coverage_lines=[12, 13],
        not_body={"12-13": "related coverage list"},
    )
    gold = load_gold(_write(tmp_path, {"corpus": "corpus/demo", "documents": {"a.txt": entry}}))
    (doc,) = gold.documents
    assert doc.wire_agency == "AFP"
    assert doc.kept_lines == {3, 4, 5}
    assert [doc.label(i) for i in (1, 3, 4, 8, 12, 99)] == [
        "title",
        "body",
        "subheading",
        "commentary",
        "related coverage",
        "not body (unlabelled)",
    ]


def test_absolute_corpus_path_and_document_order(tmp_path: Path) -> None:
    corpus = (tmp_path / "corpus" / "demo").resolve()
    documents = {"b.txt": _entry(), "a.txt": _entry()}
    path = _write(
        tmp_path, {"corpus": str(corpus), "documents": documents}, files=("a.txt", "b.txt")
    )
    gold = load_gold(path)
    assert gold.corpus == corpus
    assert [d.name for d in gold.documents] == ["b.txt", "a.txt"]


def test_date_range_is_inclusive() -> None:
    days = DateRange(dt.date(2020, 9, 14), dt.date(2020, 9, 15))
    assert dt.date(2020, 9, 14) in days
    assert dt.date(2020, 9, 15) in days
    assert dt.datetime(2020, 9, 15, 23, 59) in days
    assert dt.date(2020, 9, 13) not in days
    assert dt.date(2020, 9, 16) not in days
    assert None not in days


def _doc(**overrides: Any) -> dict[str, Any]:
    return {"corpus": "corpus/demo", "documents": {"a.txt": _entry(**overrides)}}


@pytest.mark.parametrize(
    "gold, complaint",
    [
        ("{not json", "not valid JSON"),
        ([], "top level"),
        ({"documents": {"a.txt": _entry()}}, "'corpus'"),
        ({"corpus": "corpus/elsewhere", "documents": {"a.txt": _entry()}}, "does not exist"),
        ({"corpus": "corpus/demo", "documents": {}}, "'documents'"),
        ({"corpus": "corpus/demo", "documents": {"missing.txt": _entry()}}, "no such file"),
        ({"corpus": "corpus/demo", "documents": {"a.txt": "Meduza"}}, "must be an object"),
        (_doc(outlet=""), "'outlet'"),
        (_doc(wire_agency=3), "'wire_agency'"),
        (_doc(title_line=0), "'title_line'"),
        (_doc(title_line=True), "'title_line'"),
        (_doc(title_line="1"), "'title_line'"),
        (_doc(body_lines=None), "'body_lines'"),
        (_doc(body_lines=[3, -1]), "'body_lines'"),
        (_doc(subheading_lines="4"), "'subheading_lines'"),
        (_doc(not_body=[7]), "'not_body'"),
        (_doc(not_body={"x": "menu"}), "not a line"),
        (_doc(not_body={"9-7": "menu"}), "not a valid line range"),
        (_doc(not_body={"0": "menu"}), "not a valid line range"),
        (_doc(not_body={"7": 7}), "reason in words"),
        (_doc(not_body={"6-8": "menu", "8": "ad"}), "appears twice"),
        (_doc(not_body={"5": "menu"}), "labelled not body"),
        (_doc(commentary_lines=[3]), "labelled not body"),
        (_doc(subheading_lines=[3]), "both body and subheading"),
        (_doc(title_line=3), "title line 3"),
        (_doc(published=None), "must_be_between"),
        (_doc(published={"must_be_between": ["2021-03-01"]}), "must_be_between"),
        (_doc(published={"must_be_between": ["2021-03-01", "soon"]}), "ISO dates"),
        (_doc(published={"must_be_between": ["2021-03-02", "2021-03-01"]}), "ends before"),
    ],
)
def test_malformed_gold_raises_e040(tmp_path: Path, gold: Any, complaint: str) -> None:
    path = _write(tmp_path, gold)
    with pytest.raises(NewsprismError, match=complaint) as raised:
        load_gold(path)
    assert raised.value.code == "E040"
    assert str(path) in str(raised.value)


def test_missing_gold_file_raises_e040(tmp_path: Path) -> None:
    with pytest.raises(NewsprismError, match="cannot be read") as raised:
        load_gold(tmp_path / "nope.json")
    assert raised.value.code == "E040"


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is absent")
def test_loads_sochi_gold() -> None:
    gold = load_gold(SHARED / "golden" / "sochi-2020.json")
    assert gold.corpus == (SHARED / "corpus" / "sochi-2020").resolve()
    assert [d.name[:3] for d in gold.documents] == ["000", "001", "002", "003", "004"]
    bns, wnu, f24 = gold.documents[1], gold.documents[2], gold.documents[4]
    assert bns.subheading_lines == {13, 27}
    assert wnu.not_body[14] == wnu.not_body[25]
    assert wnu.commentary_lines == {10}
    assert f24.wire_agency == "AFP"
    assert f24.not_body[69] == "a 'page not found' block glued to the scrape"
    assert sum(len(d.kept_lines) for d in gold.documents) == 61


def test_published_and_outlet_may_be_left_out(tmp_path: Path) -> None:
    entry = _entry()
    del entry["published"], entry["outlet"]
    entry["source"] = {"dataset": "demo", "url": "https://www.example.co.uk/news/1"}
    gold = load_gold(_write(tmp_path, {"corpus": "corpus/demo", "documents": {"a.txt": entry}}))
    (doc,) = gold.documents
    assert doc.published is None
    assert doc.outlet is None
    assert doc.url == "https://www.example.co.uk/news/1"
    assert doc.kept_lines == {3, 5}


def test_corpus_beside_the_gold_file(tmp_path: Path) -> None:
    """No corpus beside the gold's folder: the gold's own folder is where it is looked for."""
    folder = tmp_path / "set"
    (folder / "pages").mkdir(parents=True)
    (folder / "pages" / "a.txt").write_text("Title\n\nBody\n", encoding="utf-8")
    path = folder / "gold.json"
    path.write_text(json.dumps({"corpus": "pages", "documents": {"a.txt": _entry()}}))
    gold = load_gold(path)
    assert gold.corpus == (folder / "pages").resolve()
    assert gold.documents[0].path == (folder / "pages" / "a.txt").resolve()


def test_the_readme_layout_wins_over_the_gold_folder(tmp_path: Path) -> None:
    path = _write(tmp_path, {"corpus": "corpus/demo", "documents": {"a.txt": _entry()}})
    (path.parent / "corpus" / "demo").mkdir(parents=True)
    assert load_gold(path).corpus == (tmp_path / "corpus" / "demo").resolve()


@pytest.mark.skipif(not (SHARED / "data" / "l3s-gn1-train").is_dir(), reason="no L3S-GN1 split")
def test_loads_the_l3s_training_gold() -> None:
    gold = load_gold(SHARED / "data" / "l3s-gn1-train" / "gold.json")
    assert len(gold.documents) == 439
    assert any(d.published is None for d in gold.documents)
    assert any(d.published is not None for d in gold.documents)
    assert all(d.url for d in gold.documents)

"""Line-level scoring of cleaned articles, on hand-built articles and fake peers."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsprism.clean
import newsprism.ingest
from newsprism.errors import NewsprismError
from newsprism.evaluation.baselines import Baseline
from newsprism.evaluation.clean import (
    LineScores,
    evaluate_articles,
    evaluate_clean,
    predicted_lines,
    score_document,
)
from newsprism.evaluation.gold import GoldCorpus, load_gold
from newsprism.records import Article, DateEstimate, Document, Paragraph, Provenance, Role, Span

# A six-line scrape: headline, blank, body, share widget, body, reader comment.
SIX = "Headline of the story\n\nFirst body paragraph.\nShare this\nSecond body paragraph.\nGreat!"
SIX_GOLD: dict[str, Any] = {
    "outlet": "Example Times (ET), syndicated",
    "published": {"must_be_between": ["2021-03-01", "2021-03-02"]},
    "title_line": 1,
    "body_lines": [3, 5],
    "not_body": {"4": "share widget", "6": "reader comment"},
}


def _all(lines: Sequence[str]) -> list[bool]:
    return [True] * len(lines)


def _none(lines: Sequence[str]) -> list[bool]:
    return [False] * len(lines)


PEERS: dict[str, Baseline] = {"keeps_all": _all, "keeps_none": _none}


def _gold(tmp_path: Path, files: dict[str, str], entries: dict[str, Any]) -> GoldCorpus:
    corpus = tmp_path / "corpus" / "hand"
    corpus.mkdir(parents=True)
    for name, text in files.items():
        (corpus / name).write_bytes(text.encode("utf-8"))
    (tmp_path / "golden").mkdir()
    path = tmp_path / "golden" / "hand.json"
    path.write_text(json.dumps({"corpus": "corpus/hand", "documents": entries}), encoding="utf-8")
    return load_gold(path)


def _document(text: str, doc_id: str = "d1") -> Document:
    return Document(
        id=doc_id, provenance=Provenance(source=doc_id), media_type="text", content=text
    )


def _article(
    text: str,
    blocks: Sequence[tuple[int, int, Role]],
    *,
    doc_id: str = "d1",
    outlet: str | None = "ET",
    day: dt.date | None = dt.date(2021, 3, 2),
) -> Article:
    """An article over ``text`` with one paragraph per (first line, last line, role)."""
    lines = text.split("\n")
    starts = [sum(len(line) + 1 for line in lines[:i]) for i in range(len(lines))]
    paragraphs = []
    for index, (first, last, role) in enumerate(blocks):
        start, end = starts[first - 1], starts[last - 1] + len(lines[last - 1])
        paragraphs.append(
            Paragraph(index, text[start:end], Span(doc_id, start, end), role, "test", line=first)
        )
    return Article(
        doc_id=doc_id,
        source=doc_id,
        text=text,
        title=lines[0],
        paragraphs=tuple(paragraphs),
        outlet=outlet,
        published=DateEstimate(day),
    )


def test_six_line_file_counts(tmp_path: Path) -> None:
    gold = _gold(tmp_path, {"six.txt": SIX}, {"six.txt": SIX_GOLD})
    blocks = [(1, 1, Role.TITLE), (3, 3, Role.BODY), (4, 4, Role.BODY), (5, 5, Role.SHARE)]
    article = _article(SIX, [*blocks, (6, 6, Role.COMMENTS)])
    result = evaluate_articles(gold, [_document(SIX)], [article], baselines=PEERS)
    assert result.newsprism == LineScores(tp=1, fp=1, fn=1, tn=1)
    assert (result.newsprism.precision, result.newsprism.recall, result.newsprism.f1) == (
        0.5,
        0.5,
        0.5,
    )
    (doc,) = result.documents
    (fp,) = doc.false_positives
    assert (fp.line, fp.text, fp.gold, fp.predicted) == (
        4,
        "Share this",
        "share widget",
        "body: test",
    )
    (fn,) = doc.false_negatives
    assert (fn.line, fn.gold, fn.predicted) == (5, "body", "share: test")
    assert doc.outlet_ok and doc.date_ok and doc.cleaned
    assert result.outlet_accuracy == result.date_accuracy == 1.0
    # The peers read the same lines and are scored on the same four.
    assert result.baselines["keeps_all"] == LineScores(tp=2, fp=2)
    assert result.baselines["keeps_none"] == LineScores(fn=2, tn=2)
    assert result.n == 4


@pytest.mark.parametrize(
    "blocks, expected",
    [
        ([], set()),
        ([(1, 6, Role.BODY)], {1, 3, 4, 5, 6}),  # one span over everything: blank line 2 excluded
        ([(3, 5, Role.BODY)], {3, 4, 5}),
        ([(3, 3, Role.LEDE), (5, 5, Role.SUBHEADING)], {3, 5}),
        ([(3, 3, Role.CAPTION), (4, 4, Role.NAVIGATION)], set()),
        ([(3, 5, Role.COMMENTS), (4, 4, Role.BODY)], {4}),  # a kept paragraph wins its line
    ],
)
def test_predicted_lines_from_spans(
    blocks: Sequence[tuple[int, int, Role]], expected: set[int]
) -> None:
    assert predicted_lines(_article(SIX, blocks), SIX) == expected


@pytest.mark.parametrize(
    "start, end, expected",
    [
        (0, 1, {1}),  # one character of the headline
        (21, 24, {3}),  # the headline's line break, the blank line and the first character of 3
        (21, 23, set()),  # only line breaks and a blank line
        (45, 45, set()),  # an empty span
        (45, 46, {4}),  # "Share this" starts at 45
        (44, 45, set()),  # the line break before it
        (len(SIX) - 1, len(SIX), {6}),
    ],
)
def test_partial_spans_touch_lines(start: int, end: int, expected: set[int]) -> None:
    assert SIX.index("Share this") == 45
    paragraph = Paragraph(0, SIX[start:end], Span("d1", start, end), Role.BODY, "test")
    article = Article(
        doc_id="d1", source="d1", text=SIX, title="", paragraphs=(paragraph,), outlet=None
    )
    assert predicted_lines(article, SIX) == expected


def test_crlf_text_scores_like_lf(tmp_path: Path) -> None:
    crlf = SIX.replace("\n", "\r\n")
    gold = _gold(tmp_path, {"six.txt": crlf}, {"six.txt": SIX_GOLD})
    # The article keeps the file's CRLF text; spans point into it.
    first, second = crlf.index("First"), crlf.index("Second")
    body = (
        Paragraph(0, "First", Span("d1", first, first + 21), Role.BODY, "t"),
        Paragraph(1, "Second", Span("d1", second, second + 22), Role.BODY, "t"),
    )
    article = Article(doc_id="d1", source="d1", text=crlf, title="", paragraphs=body)
    result = evaluate_articles(gold, [_document(crlf)], [article], baselines=PEERS)
    assert result.newsprism == LineScores(tp=2, tn=2)
    assert result.documents[0].aligned_by == "span"


def test_falls_back_on_line_numbers_when_text_was_rewritten(tmp_path: Path) -> None:
    gold = _gold(tmp_path, {"six.txt": SIX}, {"six.txt": SIX_GOLD})
    rewritten = "First body paragraph.\n\nSecond body paragraph."
    body = (
        Paragraph(0, "First body paragraph.", Span("d1", 0, 21), Role.BODY, "t", line=3),
        Paragraph(1, "Second body paragraph.", Span("d1", 23, 45), Role.BODY, "t", line=5),
        Paragraph(2, "Share this", Span("d1", 0, 0), Role.SHARE, "t", line=4),
    )
    article = Article(doc_id="d1", source="d1", text=rewritten, title="", paragraphs=body)
    result = evaluate_articles(gold, [_document(SIX)], [article], baselines=PEERS)
    assert result.newsprism == LineScores(tp=2, tn=2)
    assert result.documents[0].aligned_by == "line"


def test_title_line_is_not_scored(tmp_path: Path) -> None:
    gold = _gold(tmp_path, {"six.txt": SIX}, {"six.txt": SIX_GOLD})
    keep_title = _article(SIX, [(1, 1, Role.BODY), (3, 3, Role.BODY), (5, 5, Role.BODY)])
    drop_title = _article(SIX, [(3, 3, Role.BODY), (5, 5, Role.BODY)])
    for article in (keep_title, drop_title):
        result = evaluate_articles(gold, [_document(SIX)], [article], baselines=PEERS)
        assert result.newsprism == LineScores(tp=2, tn=2)


def test_micro_average_over_documents_and_missing_articles(tmp_path: Path) -> None:
    other = "Title\n\nBody one.\n\nBody two.\n\nBody three.\nMenu"
    other_gold = dict(SIX_GOLD, outlet="Other Paper", body_lines=[3, 5, 7], not_body={"8": "menu"})
    gold = _gold(tmp_path, {"a.txt": SIX, "b.txt": other}, {"a.txt": SIX_GOLD, "b.txt": other_gold})
    documents = [_document(SIX, "a"), _document(other, "b")]
    perfect_a = _article(SIX, [(3, 3, Role.BODY), (5, 5, Role.BODY)], doc_id="a")
    # The cleaner returned nothing for b: all of b's body is missed.
    result = evaluate_articles(gold, documents, [perfect_a], baselines=PEERS)
    assert result.newsprism == LineScores(tp=2, fn=3, tn=3)
    assert result.newsprism.precision == 1.0
    assert result.newsprism.recall == pytest.approx(0.4)
    assert result.newsprism.f1 == pytest.approx(2 * 0.4 / 1.4)
    assert [d.cleaned for d in result.documents] == [True, False]
    assert result.documents[1].predicted_outlet is None
    assert result.outlet_accuracy == result.date_accuracy == 0.5


def test_articles_are_matched_by_id_when_out_of_order(tmp_path: Path) -> None:
    gold = _gold(tmp_path, {"a.txt": SIX, "b.txt": SIX}, {"a.txt": SIX_GOLD, "b.txt": SIX_GOLD})
    documents = [_document(SIX, "a"), _document(SIX, "b")]
    a = _article(SIX, [(3, 3, Role.BODY), (5, 5, Role.BODY)], doc_id="a")
    b = _article(SIX, [(4, 4, Role.BODY)], doc_id="b", outlet="Other", day=None)
    result = evaluate_articles(gold, documents, [b, a], baselines=PEERS)
    assert result.documents[0].scores == LineScores(tp=2, tn=2)
    assert result.documents[1].scores == LineScores(fp=1, fn=2, tn=1)
    assert not result.documents[1].outlet_ok and not result.documents[1].date_ok


@pytest.mark.parametrize(
    "day, ok",
    [
        (dt.date(2021, 2, 28), False),
        (dt.date(2021, 3, 1), True),
        (dt.date(2021, 3, 2), True),
        (dt.date(2021, 3, 3), False),
        (None, False),
    ],
)
def test_date_must_lie_in_the_range(tmp_path: Path, day: dt.date | None, ok: bool) -> None:
    gold = _gold(tmp_path, {"six.txt": SIX}, {"six.txt": SIX_GOLD})
    result = score_document(gold.documents[0], SIX, _article(SIX, [], day=day), baselines={})
    assert result.date_ok is ok


@pytest.mark.parametrize(
    "outlet, ok",
    [("ET", True), ("Example Times", True), ("example-times.com", True), ("Other", False)],
)
def test_outlet_is_matched_against_the_gold_name(tmp_path: Path, outlet: str, ok: bool) -> None:
    gold = _gold(tmp_path, {"six.txt": SIX}, {"six.txt": SIX_GOLD})
    result = score_document(gold.documents[0], SIX, _article(SIX, [], outlet=outlet), baselines={})
    assert result.outlet_ok is ok


@pytest.mark.parametrize(
    "changes, complaint",
    [
        ({"body_lines": [2]}, r"lines \[2\] are labelled but blank"),
        ({"body_lines": [3, 40]}, r"lines \[40\]"),
        ({"title_line": 2}, r"lines \[2\]"),
    ],
)
def test_gold_that_does_not_fit_its_file_is_e040(
    tmp_path: Path, changes: dict[str, Any], complaint: str
) -> None:
    gold = _gold(tmp_path, {"six.txt": SIX}, {"six.txt": dict(SIX_GOLD, **changes)})
    with pytest.raises(NewsprismError, match=complaint) as raised:
        score_document(gold.documents[0], SIX, None, baselines={}, gold=gold)
    assert raised.value.code == "E040"


@pytest.mark.parametrize(
    "scores, expected",
    [
        (LineScores(), (0.0, 0.0, 0.0, 0)),
        (LineScores(tp=3, fp=1, fn=2, tn=4), (0.75, 0.6, 2 * 0.75 * 0.6 / 1.35, 10)),
        (LineScores(fp=2, tn=1), (0.0, 0.0, 0.0, 3)),
        (LineScores(tp=1, fn=0), (1.0, 1.0, 1.0, 1)),
    ],
)
def test_line_scores(scores: LineScores, expected: tuple[float, float, float, int]) -> None:
    assert (scores.precision, scores.recall, scores.f1, scores.n) == pytest.approx(expected)


def test_to_json_shape(tmp_path: Path) -> None:
    gold = _gold(tmp_path, {"six.txt": SIX}, {"six.txt": SIX_GOLD})
    article = _article(SIX, [(3, 3, Role.BODY), (4, 5, Role.BODY)])
    peers = {"justext": _all, "trafilatura": _none}
    result = evaluate_articles(gold, [_document(SIX)], [article], baselines=peers).to_json()
    assert result == {
        "newsprism": {
            "precision": 0.6667,
            "recall": 1.0,
            "f1": 0.8,
            "outlet_accuracy": 1.0,
            "date_accuracy": 1.0,
            "n": 4,
        },
        "justext": {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "n": 4},
        "trafilatura": {"precision": 0.0, "recall": 0.0, "f1": 0.0, "n": 4},
        "n": 4,
    }
    json.dumps(result)


def test_evaluate_clean_reads_cleans_once_and_scores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plumbing, with ingest and clean replaced by twins: one batch, in the gold's order."""
    files = {"a.txt": SIX, "b.txt": SIX.replace("Great!", "Nice.")}
    gold = _gold(tmp_path, files, {"a.txt": SIX_GOLD, "b.txt": SIX_GOLD})
    batches: list[list[str]] = []

    def read_file(path: Path) -> list[Document]:
        return [_document(Path(path).read_text(encoding="utf-8"), Path(path).name)]

    def clean_batch(documents: Sequence[Document]) -> list[Article]:
        batches.append([d.id for d in documents])
        return [
            _article(d.content, [(3, 3, Role.BODY), (5, 5, Role.BODY)], doc_id=d.id)
            for d in documents
        ]

    monkeypatch.setattr(newsprism.ingest, "read_file", read_file, raising=False)
    monkeypatch.setattr(newsprism.clean, "clean_batch", clean_batch)
    result = evaluate_clean(gold.path, baselines=PEERS)
    assert batches == [["a.txt", "b.txt"]]
    assert result.newsprism == LineScores(tp=4, tn=4)
    assert [d.name for d in result.documents] == ["a.txt", "b.txt"]
    assert result.gold == gold.path and result.corpus == gold.corpus


def test_evaluate_clean_reports_unreadable_corpus_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsprism.records import IngestFailure

    gold = _gold(tmp_path, {"six.txt": SIX}, {"six.txt": SIX_GOLD})

    def read_file(path: Path) -> list[IngestFailure]:
        return [IngestFailure(str(path), "E001", "file is empty")]

    monkeypatch.setattr(newsprism.ingest, "read_file", read_file, raising=False)
    with pytest.raises(NewsprismError, match="file is empty") as raised:
        evaluate_clean(gold.path, baselines=PEERS)
    assert raised.value.code == "E040"


@given(
    lines=st.lists(st.sampled_from(["", " ", "body text", "menu", "x"]), min_size=1, max_size=12),
    cuts=st.lists(st.integers(min_value=1, max_value=12), max_size=6),
    roles=st.lists(st.sampled_from([Role.BODY, Role.NAVIGATION, Role.LEDE, Role.AD]), min_size=7),
    crlf=st.booleans(),
)
def test_predicted_lines_are_the_non_blank_lines_of_kept_blocks(
    lines: list[str], cuts: list[int], roles: list[Role], crlf: bool
) -> None:
    """Cut a text into consecutive blocks of lines: kept lines are exactly the kept blocks'."""
    text = "\n".join(lines)
    bounds = sorted({c for c in cuts if c <= len(lines)} | {1, len(lines) + 1})
    pairs = list(itertools.pairwise(bounds))
    blocks = [(a, b - 1, role) for (a, b), role in zip(pairs, roles[: len(pairs)], strict=True)]
    article = _article(text, blocks)
    expected = {
        i
        for a, b, role in blocks
        if role.is_kept
        for i in range(a, b + 1)
        if lines[i - 1] != ""  # an empty line has no character to overlap
    }
    assert predicted_lines(article, text) == expected
    if crlf:  # the same article over the CRLF file: spans move, lines do not
        wide = text.replace("\n", "\r\n")
        shifted = _article(wide.replace("\r\n", "\n"), blocks)
        moved = tuple(
            Paragraph(
                p.index,
                p.text,
                Span("d1", p.span.start + p.line - 1, p.span.end + p.line - 1 + p.text.count("\n")),
                p.role,
                p.reason,
            )
            for p in shifted.paragraphs
            if p.line is not None
        )
        wide_article = Article(doc_id="d1", source="d1", text=wide, title="", paragraphs=moved)
        assert predicted_lines(wide_article, wide) == expected


def test_accuracies_count_only_documents_the_gold_gives_them_for(tmp_path: Path) -> None:
    """A document without ``published`` or ``outlet`` is left out of that accuracy."""
    bare = {k: v for k, v in SIX_GOLD.items() if k not in ("published", "outlet")}
    gold = _gold(tmp_path, {"a.txt": SIX, "b.txt": SIX}, {"a.txt": SIX_GOLD, "b.txt": bare})
    documents = [_document(SIX, "a"), _document(SIX, "b")]
    a = _article(SIX, [(3, 3, Role.BODY), (5, 5, Role.BODY)], doc_id="a", day=None)
    b = _article(SIX, [(3, 3, Role.BODY), (5, 5, Role.BODY)], doc_id="b")
    result = evaluate_articles(gold, documents, [a, b], baselines=PEERS)
    assert [d.date_ok for d in result.documents] == [False, None]
    assert [d.outlet_ok for d in result.documents] == [True, None]
    assert result.date_accuracy == 0.0
    assert result.outlet_accuracy == 1.0
    assert result.newsprism == LineScores(tp=4, tn=4)


def test_no_gold_dates_at_all_gives_no_date_accuracy(tmp_path: Path) -> None:
    bare = {k: v for k, v in SIX_GOLD.items() if k not in ("published", "outlet")}
    gold = _gold(tmp_path, {"a.txt": SIX}, {"a.txt": bare})
    result = evaluate_articles(gold, [_document(SIX, "a")], [_article(SIX, [], doc_id="a")])
    assert result.date_accuracy is None and result.outlet_accuracy is None
    figures = result.to_json()["newsprism"]
    assert figures["date_accuracy"] is None and figures["outlet_accuracy"] is None

"""PolNeAR: the brat reader and scores on synthetic files, then the dev split's pinned floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.evaluation.quotes import (
    GoldAttribution,
    Predicted,
    QuoteEvaluation,
    evaluate_quotes,
    is_direct,
    polnear_article,
    read_polnear,
    score,
)
from newsprism.extract import load_nlp

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FLOORS = json.loads((ROOT / "tests" / "quality_floors_extract.json").read_text(encoding="utf-8"))

TEXT = 'Title line\n\n"We will win," Smith said. He added that the vote was fair.\n'
ANN = """T1\tSource 27 32\tSmith
T2\tCue 33 37\tsaid
T3\tContent 12 26\t"We will win,"
T4\tAttribution 33 37\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T5\tSource 39 41\tHe
T6\tCue 42 47\tadded
T7\tContent 48 70\tthat the vote was fair
T8\tAttribution 42 47\tadded
E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5
#1\tAnnotatorNotes T7\ta note
"""


@pytest.fixture
def split(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc-1.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "doc-1_ab12.ann").write_text(ANN, encoding="utf-8")
    # a second annotator's file of the same article is not read twice
    (tmp_path / "attributions" / "doc-1_cd34.ann").write_text("", encoding="utf-8")
    return tmp_path


def test_brat_files_are_read(split: Path) -> None:
    (document,) = read_polnear(split)
    assert document.name == "doc-1"
    first, second = document.attributions
    assert TEXT[slice(*first.content[0])] == '"We will win,"'
    assert first.direct and not second.direct
    assert TEXT[slice(*second.source[0])] == "He"
    article = polnear_article(document)
    assert [p.text for p in article.body] == ["Title line", TEXT.split("\n\n")[1].strip()]
    assert all(article.text[p.span.start : p.span.end] == p.text for p in article.body)


@pytest.mark.parametrize(
    "content, direct",
    [
        ('"We will win,"', True),
        ("“We will win.”", True),
        ("''We will win,''", True),
        ("that the vote was fair", False),
        ("the “immoral” “lie” of the moment", False),
        ("“lie” of the moment", False),
    ],
)
def test_the_direct_slice(content: str, direct: bool) -> None:
    assert is_direct(content, ((0, len(content)),)) is direct


def test_a_quote_split_by_its_attribution_is_direct() -> None:
    text = "“We will win,” he said. “We always do.”"
    assert is_direct(text, ((0, 14), (24, len(text))))


def gold(
    content: tuple[int, int], source: tuple[int, int], cue: tuple[int, int]
) -> GoldAttribution:
    return GoldAttribution("E", (content,), (cue,), (source,), False)


@pytest.mark.parametrize(
    "predicted, exact, overlap, speaker, cue",
    [
        # the same letters: exact and overlap, speaker and cue right
        (Predicted(((48, 70),), ((42, 47),), ((39, 41),), False), 1, 1, 1, 1),
        # punctuation at the edges does not count
        (Predicted(((47, 71),), ((42, 47),), ((0, 5),), False), 1, 1, 0, 1),
        # more than half of the longer span: overlap only
        (Predicted(((48, 62),), ((0, 3),), ((39, 41),), False), 0, 1, 1, 0),
        # less than half: neither
        (Predicted(((48, 55),), ((42, 47),), ((39, 41),), False), 0, 0, 0, 0),
    ],
)
def test_scores(predicted: Predicted, exact: int, overlap: int, speaker: int, cue: int) -> None:
    g = gold((48, 70), (39, 41), (42, 47))
    scores = score(TEXT, [g], [predicted], direct=False)
    assert (scores.tp_exact, scores.tp_overlap) == (exact, overlap)
    assert scores.speaker_right == speaker
    assert scores.cue_right == cue
    figures = scores.figures("all")
    assert figures["all_n"] == 1


def test_direct_quotes_pairing_with_other_gold_are_left_out_of_the_direct_slice() -> None:
    quote = GoldAttribution("E1", ((12, 26),), ((33, 37),), ((27, 32),), True)
    reported = GoldAttribution("E2", ((48, 70),), ((42, 47),), ((39, 41),), False)
    ours = [
        Predicted(((12, 26),), ((33, 37),), ((27, 32),), True),
        Predicted(((48, 70),), ((42, 47),), ((39, 41),), True),  # pairs with E2: not scored
        Predicted(((0, 10),), (), (), True),  # pairs with nothing: a false positive
    ]
    scores = score(TEXT, [quote, reported], ours, direct=True)
    assert (scores.gold, scores.predicted, scores.tp_overlap) == (1, 2, 1)


def _check(result: QuoteEvaluation, floors: dict[str, float]) -> None:
    figures = result.to_json()
    ours = figures["newsprism"]
    for name, floor in floors.items():
        assert ours[name] >= floor, f"{name} {ours[name]} fell under its floor {floor}"


@pytest.mark.slow
@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is absent")
def test_polnear_dev_floors_and_textacy() -> None:
    entry = FLOORS["polnear-dev"]
    split = ROOT / entry["split"]
    if not split.is_dir():
        pytest.skip(f"{split} is absent")
    result = evaluate_quotes(split, nlp=load_nlp())
    _check(result, entry["newsprism"])
    figures = result.to_json()
    for name in entry["above_textacy"]:
        assert figures["newsprism"][name] > figures["textacy"][name], name


def test_verb_frames_are_counted_from_brat_files(split: Path, tmp_path: Path) -> None:
    from newsprism.evaluation.cue_frames import learn_cue_frames, write_cue_frames

    counts = learn_cue_frames(split, nlp=load_nlp())
    assert counts["add|ccomp"] == (1, 1)  # "He added that the vote was fair": annotated
    out = tmp_path / "frames.json"
    assert write_cue_frames(split, out, min_seen=1) == len(counts)
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written["split"] == split.name
    assert written["frames"]["add|ccomp"] == [1, 1]


def test_the_shipped_verb_frames_come_from_train() -> None:
    from newsprism.extract.reported import MIN_SEEN, cue_frames, frame_rate

    frames = cue_frames()
    assert all("|" in key and 0 <= a <= n and n >= MIN_SEEN for key, (a, n) in frames.items())
    say = frame_rate("say", "ccomp")
    assert say is not None and say > 0.5
    assert frame_rate("no-such-verb", "ccomp") is None

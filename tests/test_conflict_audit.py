"""Audit of reported conflicts on NewsWCL50: both sides count the same thing.

The check is independent of the matcher: each side's sentence is parsed again, the noun the
figure counts and the verb it goes with are read off the parse, and the sides must share the
noun (or a synonym), and a verb (or the verb is the counted noun's own verb, "16 tests" /
"tested").
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
# ECB+ is audited by hand for now (README, "Comparison"): on a 12-event sample its conflicts
# still mix scopes (one operation against five, one district against the province), so it
# is not yet held to this check.


def _noun_and_verb(nlp: object, sentence: str, figure: str) -> tuple[str, str]:
    doc = nlp(sentence)  # type: ignore[operator]
    start = sentence.find(figure)
    tokens = [t for t in doc if start <= t.idx < start + len(figure)]
    number = next((t for t in reversed(tokens) if t.like_num), tokens[-1] if tokens else doc[0])
    noun = number.head if number.dep_ in ("nummod", "quantmod", "amod") else number
    while noun.pos_ not in ("NOUN", "PROPN") and noun.head.i != noun.i:
        noun = noun.head
    verb = noun
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return noun.lemma_.lower(), verb.lemma_.lower()


def _labels(corpus: str, out: Path) -> Path:
    from newsprism.evaluation.convert_ecbplus import write_ecbplus
    from newsprism.evaluation.convert_newswcl50 import write_newswcl50

    if corpus == "ecbplus":
        return write_ecbplus(DATA / "ecbplus", out)
    return write_newswcl50(DATA / "newswcl50", out)


@pytest.mark.slow
@pytest.mark.parametrize(("corpus", "sample"), [("newswcl50", None)])
def test_sampled_conflicts_count_the_same_thing(
    corpus: str, sample: int | None, tmp_path: Path
) -> None:
    if not (DATA / corpus).is_dir():
        pytest.skip(f"../shared/data/{corpus} is absent")
    pytest.importorskip("newsprism.extract")
    from newsprism.compare.figures import _canon
    from newsprism.evaluation.conflicts import write_conflicts
    from newsprism.extract import load_nlp

    out = tmp_path / "conflicts.jsonl"
    audit = write_conflicts(_labels(corpus, tmp_path), out, sample=sample)
    # The comparison ran for every event audited.
    assert len(audit.events) == (sample or 10)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    nlp = load_nlp()
    for record in records:
        read = [_noun_and_verb(nlp, context, figure) for _, figure, context in record["sides"]]
        nouns = {_canon(noun) for noun, _ in read}
        assert len(nouns) == 1, (record["what"], read)
        verbs = [_canon(verb) for _, verb in read]
        noun = next(iter(nouns))
        # A copula ("150 migrants were ...") carries no predicate of its own: it matches any.
        neutral = any(v in ("be", "have") for v in verbs)
        shared_verb = (
            neutral or len(set(verbs)) < len(verbs) or any(v.startswith(noun[:4]) for v in verbs)
        )
        assert shared_verb, (record["what"], read)


def test_spread_takes_events_evenly() -> None:
    from newsprism.evaluation.conflicts import spread

    names = [f"e{i:02d}" for i in range(10)]
    assert spread(names, None) == names
    assert spread(names, 20) == names
    assert spread(names, 5) == ["e00", "e02", "e04", "e06", "e08"]
    assert spread(names, 0) == []

"""Audit of reported conflicts on NewsWCL50: both sides count the same thing.

The check is independent of the matcher: each side's sentence is parsed again, the noun the
figure counts and the verb it goes with are read off the parse, and the sides must share the
noun (or a synonym, or people doing what the noun names: "signed" / "signatures"); people
counted must also share a verb (or the verb is the counted noun's own verb, "16 tests" /
"tested").
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
# ECB+ is audited by hand for now (README, "Comparison"): on a 12-event sample its conflicts
# still mix scopes (one operation against five, one district against the province), so it
# is not yet held to this check.


_QUANTITY = {"hundred", "thousand", "million", "billion", "dozen", "ten", "score"}


def _noun_and_verb(nlp: object, sentence: str, figure: str, nth: int = 0) -> tuple[str, str]:
    doc = nlp(sentence)  # type: ignore[operator]
    start = -1
    for _ in range(nth + 1):
        start = sentence.find(figure, start + 1)
    tokens = [t for t in doc if start <= t.idx < start + len(figure)]
    number = next((t for t in reversed(tokens) if t.like_num), tokens[-1] if tokens else doc[0])
    noun = number.head if number.dep_ in ("nummod", "quantmod", "amod") else number
    while noun.pos_ not in ("NOUN", "PROPN") and noun.head.i != noun.i:
        noun = noun.head
    # "hundreds of thousands of signatures", "dozens of questions": the noun after "of".
    for _ in range(3):
        if noun.lemma_.lower() not in _QUANTITY and not noun.like_num:
            break
        objects = [o for c in noun.children if c.lower_ == "of" for o in c.children]
        if not objects:
            break
        noun = objects[0]
    verb = noun
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return noun.lemma_.lower(), verb.lemma_.lower()


def _labels(corpus: str, out: Path) -> Path:
    from newsprism.evaluation.datasets.ecbplus import write_ecbplus
    from newsprism.evaluation.datasets.newswcl50 import write_newswcl50

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
        # A figure printed twice in its sentence ("55,000 pages and 55,000 files") is read at
        # the occurrence that counts what the other sides count.
        options = [
            [_noun_and_verb(nlp, context, figure, k) for k in range(max(context.count(figure), 1))]
            for _, figure, context in record["sides"]
        ]
        common = Counter(_canon(n) for side in options for n in {n for n, _ in side})
        read = [max(side, key=lambda nv: common[_canon(nv[0])]) for side in options]
        nouns = {_canon(noun) for noun, _ in read}
        verbs = [_canon(verb) for _, verb in read]
        # Every side counts one noun, or people doing what the other side's noun names
        # ("1.8 million people signed" against "hundreds of thousands of signatures").
        specific = nouns - {"people", "person"}
        nominal = len(specific) == 1 and any(v[:4] == next(iter(specific))[:4] for v in verbs)
        assert len(nouns) == 1 or nominal, (record["what"], read)
        noun = next(iter(specific or nouns))
        # A copula ("150 migrants were ...") carries no predicate of its own: it matches any.
        # A specific counted noun needs no shared verb: "pages filled" and "pages received"
        # count one thing; people ("150 people") are one count only for one act.
        neutral = any(v in ("be", "have") for v in verbs) or noun not in ("people", "person")
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

"""Counting which verb frames PolNeAR annotates as attributions: the data behind reported speech.

For every verb of a split's articles outside quotation marks, and every complement it has that
extraction could report (:func:`newsprism.extract.reported.complements`), count whether that
complement is the annotated content of an attribution the verb is the cue of (sharing at least
half the letters of the longer span, as the quote evaluation pairs contents). Run on PolNeAR's
``train`` split only; the counts ship as ``newsprism/extract/cue_frames.json``::

    python -c "from newsprism.evaluation.cue_frames import write_cue_frames as w; \\
               w('../shared/data/polnear/data/train', 'src/newsprism/extract/cue_frames.json')"
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

__all__ = ["learn_cue_frames", "write_cue_frames"]


def _letters(text: str, start: int, end: int) -> frozenset[int]:
    return frozenset(i for i in range(start, min(end, len(text))) if text[i].isalnum())


def learn_cue_frames(split_dir: str | Path, nlp: Any = None) -> dict[str, tuple[int, int]]:
    """``"lemma|complement"`` -> (times it was an annotated attribution, times seen)."""
    from newsprism.evaluation.quotes import polnear_article, read_polnear
    from newsprism.extract import find_quotations, load_nlp
    from newsprism.extract.reported import complements

    pipeline = nlp if nlp is not None else load_nlp()
    documents = read_polnear(split_dir)
    articles = [polnear_article(d) for d in documents]
    docs = iter(pipeline.pipe(p.text for a in articles for p in a.body))
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for document, article in zip(documents, articles, strict=True):
        text = document.text
        gold = [
            (g.cue, frozenset().union(*(_letters(text, a, b) for a, b in g.content)))
            for g in document.attributions
        ]
        quoted: set[int] = set()
        for quotation in find_quotations([p.text for p in article.body]):
            for piece in quotation.pieces:
                offset = article.body[piece.paragraph].span.start
                quoted.update(range(offset + piece.start, offset + piece.end))
        for paragraph in article.body:
            doc = next(docs)
            offset = paragraph.span.start
            for token in doc:
                if token.pos_ != "VERB" or offset + token.idx in quoted:
                    continue
                start, end = offset + token.idx, offset + token.idx + len(token.text)
                contents = [c for cue, c in gold if any(a < end and start < b for a, b in cue)]
                for kind, tokens in complements(token):
                    letters = _letters(
                        text, offset + tokens[0].idx, offset + tokens[-1].idx + len(tokens[-1].text)
                    )
                    hit = any(
                        letters and len(letters & c) / max(len(letters), len(c)) >= 0.5
                        for c in contents
                    )
                    entry = counts[f"{token.lemma_.lower()}|{kind}"]
                    entry[0] += hit
                    entry[1] += 1
    return {key: (a, n) for key, (a, n) in counts.items()}


def write_cue_frames(split_dir: str | Path, path: str | Path, min_seen: int = 4) -> int:
    """Count the frames of ``split_dir`` and write those seen ``min_seen`` times; how many."""
    counts = learn_cue_frames(split_dir)
    kept = {k: list(v) for k, v in sorted(counts.items()) if v[1] >= min_seen}
    about = (
        "How often each verb frame ('lemma|complement') was an annotated attribution in PolNeAR's "
        "train split, as [annotated, seen]; made by newsprism.evaluation.cue_frames. Never "
        "counted on the dev split, which scores extraction."
    )
    Path(path).write_text(_dumps(about, Path(split_dir).name, kept), encoding="utf-8")
    return len(kept)


def _dumps(about: str, split: str, frames: dict[str, list[int]]) -> str:
    """The counts as JSON, one frame a line, so that a change reads well in a diff."""
    lines = [f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in frames.items()]
    head = f'{{\n "about": {json.dumps(about)},\n "split": {json.dumps(split)},\n "frames": {{\n'
    return head + ",\n".join(lines) + "\n }\n}\n"

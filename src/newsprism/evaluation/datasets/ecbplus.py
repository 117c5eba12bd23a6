"""ECB+ as story-label CSV and JSON-lines inputs: topic = storyline, sub-topic = event.

ECB+ (Cybulska & Vossen 2014) ships tokenised XML: each of its 43 topics holds articles about
two real events of one kind, the original ECB ones (``N_Mecb.xml``) and the newer ECB+ ones
(``N_Mecbplus.xml``). Each article becomes one JSON-lines file whose text is its sentences, one
paragraph each, detokenised; an ECB+ article's sentence 0 is the URL it was found at and goes to
the ``url`` field instead. Topics split as in the cross-document coreference literature
(Cybulska & Vossen 2015; Barhom et al. 2019): topics 1-35 are the calibration split newsprism's
thresholds were tuned on, 36-45 the held-out test split.
"""

from __future__ import annotations

import io
import json
import re
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from newsprism.evaluation.labels import write_labels

__all__ = ["CALIBRATION_TOPICS", "EcbDocument", "detokenise", "documents", "write_ecbplus"]

CALIBRATION_TOPICS = frozenset(range(1, 36))
"""Topics newsprism's clustering thresholds were calibrated on; 36-45 are held out."""

_NAME = re.compile(r"(?:^|/)(\d+)_(\d+)(ecbplus|ecb)\.xml$")
_NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}]|'s\b|'S\b|n't\b|'re\b|'ve\b|'ll\b|'d\b|'m\b)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")
_OPEN_QUOTE = re.compile(r"`` ")
_CLOSE_QUOTE = re.compile(r" ''")
# Numbers the tokeniser split: "5 . 9" (a decimal: ECB+ sentences are stored apart, so a
# full stop between digits inside one is not a sentence end), "1 , 400" (thousands: one to
# three digits before, three after; "in 2003, 600 died" keeps its comma), "09 : 10" (a time).
_DECIMAL = re.compile(r"(?<=\d)\. (?=\d)")
_THOUSANDS = re.compile(r"(?<![\d,.])(\d{1,3}(?:,\d{3})*), (?=\d{3}(?!\d))")
_TIME = re.compile(r"(?<=\b\d\d): (?=\d\d\b)")


@dataclass(frozen=True, slots=True)
class EcbDocument:
    """One ECB+ article: topic, sub-topic (``ecb`` or ``ecbplus``), name, URL and sentences."""

    topic: int
    subtopic: str
    name: str
    url: str | None
    sentences: tuple[str, ...]


def detokenise(tokens: list[str]) -> str:
    """Join tokens into text as it was printed, near enough (spacing around punctuation)."""
    text = " ".join(tokens)
    text = _OPEN_QUOTE.sub('"', text)
    text = _CLOSE_QUOTE.sub('"', text)
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    text = _DECIMAL.sub(".", text)
    text = _TIME.sub(":", text)
    while True:
        joined = _THOUSANDS.sub(r"\1,", text)
        if joined == text:
            break
        text = joined
    return _NO_SPACE_AFTER.sub(r"\1", text)


def _parse(topic: int, subtopic: str, name: str, data: bytes) -> EcbDocument:
    root = etree.parse(io.BytesIO(data)).getroot()
    sentences: dict[int, list[str]] = {}
    for token in root.iter("token"):
        sentences.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
    ordered = [sentences[k] for k in sorted(sentences)]
    url = None
    if subtopic == "ecbplus" and ordered and ordered[0][:1] == ["http"]:
        # The URL was tokenised like prose ("http : / / www . x . com"); spaces are not in URLs.
        url = "".join(ordered.pop(0))
    return EcbDocument(topic, subtopic, name, url, tuple(detokenise(s) for s in ordered))


def documents(tarball: Path) -> Iterator[EcbDocument]:
    """Every article of the ECB+ release tarball, in topic and file order."""
    found: list[tuple[int, int, str, str, bytes]] = []
    with tarfile.open(tarball, "r:gz") as tar:
        for member in tar:
            match = _NAME.search(member.name)
            if not match or not member.isfile():
                continue
            handle = tar.extractfile(member)
            if handle is None:
                continue
            topic, number, subtopic = int(match[1]), int(match[2]), match[3]
            found.append((topic, number, subtopic, member.name, handle.read()))
    for topic, number, subtopic, _, data in sorted(found, key=lambda f: f[:3]):
        yield _parse(topic, subtopic, f"{topic}_{number}{subtopic}", data)


def write_ecbplus(data: Path, out: Path, *, split: str = "all") -> Path:
    """Write ``out/docs/*.jsonl`` and ``out/ecbplus.csv`` (or ``ecbplus-SPLIT.csv``); the CSV."""
    if split not in ("all", "calibration", "test"):
        raise ValueError(f"unknown split {split!r}: all, calibration or test")
    docs_dir = out / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[Path, str, str]] = []
    for doc in documents(data / "ECBplus_LREC2014.tar.gz"):
        calibration = doc.topic in CALIBRATION_TOPICS
        if (split == "calibration" and not calibration) or (split == "test" and calibration):
            continue
        path = docs_dir / f"{doc.name}.jsonl"
        record: dict[str, str] = {"text": "\n\n".join(doc.sentences) + "\n"}
        if doc.url:
            record["url"] = doc.url
        path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        rows.append((path, f"topic-{doc.topic}", f"topic-{doc.topic}-{doc.subtopic}"))
    csv_path = out / ("ecbplus.csv" if split == "all" else f"ecbplus-{split}.csv")
    write_labels(csv_path, rows)
    return csv_path

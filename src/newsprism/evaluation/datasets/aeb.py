"""The Article Extraction Benchmark as plain-text scrapes with a gold file in the golden format.

Each benchmark page is rendered to text one block a line (as a scraper's dump looks) and every
line labelled body when its text occurs in the page's gold article body. The pages split by the
first hex digit of their name: ``0-7`` train newsprism's line model, ``8-f`` are held out, so
``newsprism eval clean`` on the held-out half measures how the classifier does on pages it has
never seen. The benchmark gives neither outlet nor date: the gold outlet is the URL's site name
and the date range is left wide, so only the line figures mean something on this corpus.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from newsprism.clean.render import html_to_blocks

__all__ = ["TRAIN_PREFIXES", "AebPage", "label_lines", "pages", "write_golden"]

TRAIN_PREFIXES = frozenset("01234567")
"""Page-name prefixes the line model trains on; the rest are held out."""

_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().lower()


@dataclass(frozen=True, slots=True)
class AebPage:
    """One benchmark page rendered to lines, with a body label for each line."""

    name: str
    url: str
    lines: list[str]
    labels: list[int]
    title_index: int | None


def label_lines(lines: list[str], body: str) -> list[int]:
    """1 for each line whose text occurs in the gold body, else 0."""
    whole = _norm(body)
    paragraphs = {_norm(p) for p in body.split("\n") if p.strip()}
    labels = []
    for line in lines:
        text = _norm(line)
        # Lines of two words or fewer ("Share", "Reuters") occur inside almost any body by
        # chance: they count as body only when they stand as a whole paragraph of the gold.
        labels.append(int(text in paragraphs) if len(text.split()) <= 2 else int(text in whole))
    return labels


def pages(data: Path, *, held_out: bool | None = None) -> Iterator[AebPage]:
    """The benchmark's pages; ``held_out`` True or False picks one half, None both."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    for name, gold in sorted(truth.items()):
        if held_out is not None and (name[0] not in TRAIN_PREFIXES) != held_out:
            continue
        path = data / "html" / f"{name}.html.gz"
        if not path.exists():
            continue
        html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        blocks = html_to_blocks(html)
        lines = [text for _, text in blocks]
        title = next((i for i, (tag, _) in enumerate(blocks) if tag == "h1"), None)
        labels = label_lines(lines, gold.get("articleBody") or "")
        yield AebPage(name, gold.get("url", ""), lines, labels, title)


def _site(url: str) -> str:
    host = (urlsplit(url).hostname or "unknown").removeprefix("www.")
    return host.split(".")[-2].capitalize() if "." in host else host


def write_golden(data: Path, out: Path, *, held_out: bool = True) -> Path:
    """Write the pages as ``out/corpus/*.txt`` and ``out/golden/aeb.json``; returns the gold."""
    corpus = out / "corpus" / "aeb"
    golden = out / "golden"
    corpus.mkdir(parents=True, exist_ok=True)
    golden.mkdir(parents=True, exist_ok=True)
    documents: dict[str, object] = {}
    for page in pages(data, held_out=held_out):
        if not any(page.labels):
            continue
        filename = f"{page.name[:16]}.txt"
        # Blank lines between blocks, as scrapes separate paragraphs; line n of the file is
        # block (n + 1) / 2.
        (corpus / filename).write_text("\n\n".join(page.lines) + "\n", encoding="utf-8")
        title = page.title_index if page.title_index is not None else 0
        body = [2 * i + 1 for i, label in enumerate(page.labels) if label and i != title]
        documents[filename] = {
            "outlet": _site(page.url),
            "published": {"must_be_between": ["1990-01-01", "2030-12-31"]},
            "title_line": 2 * title + 1,
            "body_lines": body,
            "url": page.url,
        }
    gold = golden / "aeb.json"
    payload = {
        "about": "Article Extraction Benchmark pages rendered to text; "
        + ("held-out half (names 8-f)" if held_out else "training half (names 0-7)"),
        "corpus": "corpus/aeb",
        "documents": documents,
    }
    gold.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    return gold

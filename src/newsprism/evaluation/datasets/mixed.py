"""A mixed visible corpus in one folder: ECB+, NewsWCL50, the AEB pages and sochi-2020.

Each part keeps its own gold: ECB+ topic = storyline and sub-topic = event; each NewsWCL50 event
is its own storyline; the Article Extraction Benchmark pages (181 pages from many sites, most
crawled on 18-20 November 2019) are each their own storyline and event, but for the groups of
:data:`AEB_STORIES`, pages that tell one story;
sochi-2020's documents form the one storyline its gold file describes. Labels are prefixed with
their part, so no two parts can share a gold cluster, and the label CSV keeps the
``path,storyline,event`` format that ``eval stories`` reads. Mixing them asks what a single
corpus cannot: whether a storyline stays one story when unrelated news sits beside it.
"""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Collection, Sequence
from pathlib import Path

from newsprism.evaluation.datasets.ecbplus import write_ecbplus
from newsprism.evaluation.datasets.newswcl50 import write_newswcl50
from newsprism.evaluation.datasets.sochi import write_story_labels
from newsprism.evaluation.labels import read_labels, write_labels

__all__ = [
    "MIXED_CSV",
    "MIXED_PLAIN_CSV",
    "QUICK_ECB_TOPICS",
    "write_aeb_pages",
    "write_event_folders",
    "write_mixed",
]

MIXED_CSV = "mixed.csv"

MIXED_PLAIN_CSV = "mixed-plain.csv"
"""The same mix with NewsWCL50 as undated plain-text event folders in place of its JSON lines:
no URL, no outlet, no date, as a user's folder of scrapes is. What the dated parts share with
them (a dated page bridging two undated events) is what this variant asks about."""

QUICK_ECB_TOPICS = frozenset({1, 3, 8, 12, 18, 22, 33, 36, 41, 44})
"""ECB+ topics of the quick mix (about a tenth of its articles, calibration and test topics
alike), for tests that must run in seconds."""


AEB_STORIES: tuple[tuple[tuple[str, ...], ...], ...] = (
    (("06e5123e4ef7cfb4", "1ace8c85aaee21b9"), ("bc13ff87b2630ffb",)),  # WeWork
    (("08f793762792bd25", "7ab16ade32386ece"), ("6a72de37e8f98f4e",)),  # the Garrett fight
    (("14cc2a0ca59c62a8", "686bb170effe273e", "f344ca5fb36e130f"),),  # Europa's plumes
    (("776a1c046798b474", "3f65af7b6b98b1c9", "156770d676ce7990", "c13b9c0e04fb28d4"),),
    (("1f765c48780665e8", "87bf60570e6e2e33"),),  # Prince Andrew's interview
    (("5fa5679de56c43ed", "65bf3048b500bbd8"), ("232a43fb15abde80",)),  # MacBook Pro keyboard
    (("51d066b0602c9421", "2c46804d9db4a85e"),),  # a kidnapped girl's rescue
    (("39d5c43beb60605c",), ("702d1da63b8e064c",), ("d605bdef2cde7308",)),  # US-China trade
    (("c50845a7158af12e", "d1c57d7821e5a5b2", "42aad16bde928862"),),  # NASA's moon landers
    (("ba4dfe2d3e817ff7", "432362af0be43f6d", "8b19453030820413", "ea25dd7edff4d279"),),
    (("f8ff621a0b9b7646", "51374560f40088e2"),),  # Home Depot's results
    (("5211188428849a31",), ("8cad00dc22de45ba",)),  # one show's two pages
    (("70cb2d5bca75ab5a", "eb62ac8425e55739"),),  # Taylor Swift and Big Machine
    (("624fcd903d56fc70", "5fa3154ec031ab35", "e4c6a3b482403a8f"),),  # Hong Kong
    (
        ("8267acacb9e4a109", "aade2ec8d1e7b091", "680c2848e94a96f9", "e100c9612ad8495d"),
        ("042bb7b5fedab6ea",),
    ),  # Stadia's launch
    (("6ebac05f637ece8a", "7a457a4f71735c17"),),  # a threat against a congresswoman
    (
        ("7a664e40d256470f", "c90731f051d033e4"),
        ("82b6d780c792df78",),
        ("f5c90a6d5253c3a2",),
        ("8380689f358c1e3a",),
    ),  # the impeachment inquiry
    (("7bb1ca9035431384", "bd673bd7988144f0", "a078b3656adc0295", "9eef8162bbb67b0b"),),
    (("e1c7023ee2148901", "b37be3535e1fb61e"),),  # hibernating astronauts
    (("c7e39ac49fa1235f", "dc7ccccc1f34eb29"),),  # Sweden drops the Assange inquiry
    (("9cb8224b660f36c9", "ac1bfdd4c510f679", "35b158918c676ff2"),),  # a band's reunion tour
    (("0d46122928b6f468",), ("88c328b68b038a62",)),  # the Davis Cup Finals
    (("16c30add7e96315e",), ("076f4f33bf75059d",)),  # Delhi's air
    (
        ("05844573ca7e1fba",),
        ("3cb22bfabed8de71",),
        ("06ee193de4bd611f",),
        ("aadb38e527d53793",),
    ),  # the 2019 Los Angeles motor show's reveals
)
"""AEB pages that tell one story, read by hand from their headlines and bodies: storylines,
each a tuple of events, each a tuple of page names (their first 16 characters). Deal roundups,
two press releases of one company and pages that only share a subject are left apart."""


def _aeb_labels() -> dict[str, tuple[str, str]]:
    labels: dict[str, tuple[str, str]] = {}
    for storyline in AEB_STORIES:
        story = f"story-{storyline[0][0]}"
        for event in storyline:
            for page in event:
                labels[page] = (story, f"event-{event[0]}")
    return labels


def write_aeb_pages(data: Path, out: Path) -> Path:
    """Write each benchmark page as one JSON-lines crawl record (url, html) and a label CSV."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    docs_dir = out / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[Path, str, str]] = []
    grouped = _aeb_labels()
    for name, gold in sorted(truth.items()):
        page = data / "html" / f"{name}.html.gz"
        if not page.is_file():
            continue
        html = gzip.decompress(page.read_bytes()).decode("utf-8", "replace")
        record = {"url": gold.get("url", ""), "html": html}
        target = docs_dir / f"{name[:16]}.jsonl"
        target.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        key = name[:16]
        rows.append((target, *grouped.get(key, (f"page-{key}", f"page-{key}"))))
    csv_path = out / "aeb.csv"
    write_labels(csv_path, rows)
    return csv_path


def write_event_folders(corpus: Path, out: Path) -> Path:
    """Copy each ``event-*`` folder of plain-text articles under ``out/docs`` and label it.

    Each folder is one event and its own storyline (NewsWCL50's plain-text corpus: five
    outlets' reports of one event, no dates). The CSV is ``out/folders.csv``.
    """
    rows: list[tuple[Path, str, str]] = []
    for folder in sorted(p for p in corpus.glob("event-*") if p.is_dir()):
        target_dir = out / "docs" / folder.name
        target_dir.mkdir(parents=True, exist_ok=True)
        for source in sorted(folder.glob("*.txt")):
            target = target_dir / source.name
            shutil.copyfile(source, target)
            rows.append((target, folder.name, folder.name))
    csv_path = out / "folders.csv"
    write_labels(csv_path, rows)
    return csv_path


def _copy_corpus(labels: Path, out: Path, name: str) -> Path:
    """Copy the files a label CSV points at into ``out/docs`` and write the CSV beside them."""
    docs_dir = out / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[Path, str, str]] = []
    for row in read_labels(labels):
        target = docs_dir / row.path.name
        shutil.copyfile(row.path, target)
        rows.append((target, row.storyline, row.event))
    csv_path = out / name
    write_labels(csv_path, rows)
    return csv_path


def write_mixed(
    out: Path,
    *,
    ecbplus: Path | None,
    newswcl50: Path | None,
    aeb: Path | None,
    sochi_gold: Path | None,
    ecb_topics: Collection[int] | None = None,
    newswcl50_plain: Path | None = None,
) -> Path:
    """Write every given part under ``out/PART/`` and ``out/mixed.csv`` over all; the CSV.

    ``ecb_topics`` keeps only those ECB+ topics (None: all 43). A part given as None is left out.
    With ``newswcl50_plain`` (a folder of ``event-*`` plain-text folders) ``out/mixed-plain.csv``
    is written too: the same mix with those folders in place of NewsWCL50's JSON lines.
    """
    out.mkdir(parents=True, exist_ok=True)
    parts: list[tuple[str, Path]] = []
    if ecbplus is not None:
        csv_path = write_ecbplus(ecbplus, out / "ecbplus")
        if ecb_topics is not None:
            wanted = {f"topic-{t}" for t in ecb_topics}
            kept = [r for r in read_labels(csv_path) if r.storyline in wanted]
            for row in read_labels(csv_path):
                if row.storyline not in wanted:
                    row.path.unlink()
            write_labels(csv_path, [(r.path, r.storyline, r.event) for r in kept])
        parts.append(("ecb", csv_path))
    if newswcl50 is not None:
        parts.append(("wcl", write_newswcl50(newswcl50, out / "newswcl50")))
    if aeb is not None:
        parts.append(("aeb", write_aeb_pages(aeb, out / "aeb")))
    if sochi_gold is not None:
        sochi_dir = out / "sochi"
        labels = write_story_labels(sochi_gold, sochi_dir / "source.csv")
        copied = _copy_corpus(labels, sochi_dir, "sochi.csv")
        labels.unlink()
        parts.append(("sochi", copied))
    mixed = out / MIXED_CSV
    write_labels(mixed, _prefixed(parts))
    if newswcl50_plain is not None:
        plain = ("wclplain", write_event_folders(newswcl50_plain, out / "newswcl50-plain"))
        others = [part for part in parts if part[0] != "wcl"]
        write_labels(out / MIXED_PLAIN_CSV, _prefixed([*others, plain]))
    return mixed


def _prefixed(parts: Sequence[tuple[str, Path]]) -> list[tuple[Path, str, str]]:
    """The rows of each part's CSV, storyline and event prefixed with the part's name."""
    rows: list[tuple[Path, str, str]] = []
    for prefix, csv_path in parts:
        for row in read_labels(csv_path):
            event = f"{prefix}:{row.event}" if row.event else ""
            rows.append((row.path, f"{prefix}:{row.storyline}", event))
    return rows

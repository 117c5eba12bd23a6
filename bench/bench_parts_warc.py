"""WARC reading: newsprism's reader against warcio and fastwarc, whole and truncated archives.

No WARC ships in the shared data, so the benchmark writes one with warcio's own writer: each
of the 181 Article Extraction Benchmark pages as a ``request`` + HTTP ``response`` record
(``text/html``), and each of the 439 L3S-GN1 scrapes as a ``resource`` record
(``text/plain``), ``--copies`` times over, once per-record gzipped (``.warc.gz``) and once
plain (``.warc``), in a temporary folder.

- **newsprism**: ``newsprism.ingest.warc.read_warc``: warcio underneath, plus its own checks
  for damage, and each article decoded to a ``Document`` (charset, HTML metadata).
- **newsprism_reading**: the same reader with its per-record ``_document`` stubbed out in this
  process: the archive walk, payload reads and damage checks alone, the part a library would
  replace (building Documents stays whichever reader is used).
- **warcio**: ``ArchiveIterator``, every ``response``/``resource`` payload read whole.
- **fastwarc**: ``fastwarc.warc.ArchiveIterator`` (HTTP headers parsed), the same records and
  payloads read whole.

Truncated archives: each archive cut at 55% of its bytes (inside a record). Every system reads
what it can; the table shows how many articles each returns and whether it tells the caller
that the archive is damaged (an error or a failure record), or ends as if the archive were
whole.

    python bench/bench_parts_warc.py [--copies 1] [--repeat 3] [--limit N] [--json]
"""

from __future__ import annotations

import gzip
import io
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from bench_parts_common import emit, parser, ratio, require, shared_or_exit, table, time_systems

CUT_AT = 0.55


def pages(
    shared: Path, limit: int | None
) -> tuple[list[tuple[str, bytes]], list[tuple[str, bytes]]]:
    """(url, html bytes) of the AEB pages and (name, text bytes) of the L3S-GN1 scrapes."""
    import json

    aeb = shared / "data" / "article-extraction-benchmark"
    truth = json.loads((aeb / "ground-truth.json").read_text("utf-8"))
    html = []
    for path in sorted((aeb / "html").glob("*.html.gz"))[:limit]:
        key = path.name.split(".")[0]
        url = truth.get(key, {}).get("url") or f"https://example.org/{key}"
        html.append((url, gzip.decompress(path.read_bytes())))
    folder = shared / "data" / "l3s-gn1-train" / "corpus"
    texts = [(p.name, p.read_bytes()) for p in sorted(folder.glob("*.txt"))[:limit]]
    return html, texts


def write_warc(
    path: Path, html: list[tuple[str, bytes]], texts: list[tuple[str, bytes]], copies: int, gz: bool
) -> int:
    """Write the archive with warcio's writer; the number of article records written."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    n = 0
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz)
        for copy in range(copies):
            for url, body in html:
                url = f"{url}{'&' if '?' in url else '?'}copy={copy}" if copy else url
                req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "x")], is_http_request=True)
                writer.write_record(writer.create_warc_record(url, "request", http_headers=req))
                headers = StatusAndHeaders(
                    "200 OK",
                    [
                        ("Content-Type", "text/html; charset=utf-8"),
                        ("Content-Length", str(len(body))),
                    ],
                    protocol="HTTP/1.1",
                )
                writer.write_record(
                    writer.create_warc_record(
                        url, "response", payload=io.BytesIO(body), http_headers=headers
                    )
                )
                n += 1
            for name, body in texts:
                writer.write_record(
                    writer.create_warc_record(
                        f"file:///l3s/{copy}/{name}",
                        "resource",
                        payload=io.BytesIO(body),
                        warc_content_type="text/plain; charset=utf-8",
                    )
                )
                n += 1
    return n


def read_newsprism(data: bytes) -> tuple[int, bool]:
    """(documents, damage reported) with newsprism's reader."""
    from newsprism.ingest.base import Origin
    from newsprism.ingest.warc import read_warc
    from newsprism.records import Document

    docs = damaged = 0
    for item in read_warc(io.BytesIO(data), Origin("bench.warc", None), len(data)):
        if isinstance(item, Document):
            docs += 1
        elif item.code == "E005":
            damaged += 1
    return docs, damaged > 0


def read_warcio(data: bytes) -> tuple[int, bool]:
    """(article records, damage reported) with warcio's ArchiveIterator."""
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    try:
        it = ArchiveIterator(io.BytesIO(data))
        it.INC_RECORD = ""  # its stderr warning on a short record; damage is counted below
        for record in it:
            if record.rec_type in ("response", "resource"):
                record.content_stream().read()
                n += 1
        return n, it.err_count > 0
    except Exception:
        return n, True


def read_fastwarc(data: bytes) -> tuple[int, bool]:
    """(article records, damage reported) with fastwarc's ArchiveIterator (gzip detected)."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    n = 0
    kinds = WarcRecordType.response | WarcRecordType.resource
    try:
        for record in ArchiveIterator(
            io.BytesIO(data), record_types=kinds, parse_http=True, fsspec_args=False
        ):
            record.reader.read()
            n += 1
        return n, False
    except Exception:
        return n, True


def payloads(data: bytes) -> list[tuple[str, str, bytes]]:
    """(media type, target URI, payload) of every article record, read once with warcio."""
    from warcio.archiveiterator import ArchiveIterator

    out = []
    for record in ArchiveIterator(io.BytesIO(data)):
        if record.rec_type in ("response", "resource"):
            kind = record.rec_headers.get_header("Content-Type") or ""
            if record.http_headers is not None:
                kind = record.http_headers.get_header("Content-Type") or kind
            media = "html" if "html" in kind else "text"
            uri = record.rec_headers.get_header("WARC-Target-URI")
            out.append((media, uri, record.content_stream().read()))
    return out


def build_documents(items: list[tuple[str, str, bytes]]) -> int:
    """What newsprism's reader does per record beyond reading it: charset, decoding, mojibake
    repair, the HTML head's metadata and the Document (the same public functions it calls)."""
    from newsprism.ingest.base import Origin, make_document
    from newsprism.ingest.decode import declared_charset, decode
    from newsprism.ingest.html import html_metadata

    origin = Origin("bench.warc", None)
    n = 0
    for media, uri, payload in items:
        decoded = decode(
            payload,
            source="bench.warc",
            declared=declared_charset(payload) if media == "html" else "utf-8",
        )
        meta = html_metadata(decoded.text, uri) if media == "html" else None
        make_document(origin, payload, decoded, media, url=uri, title=meta.title if meta else None)
        n += 1
    return n


def read_newsprism_reading(data: bytes) -> tuple[int, bool]:
    """newsprism's reader with its per-record Document building stubbed out: the walk over the
    archive, its payload reads and its damage checks alone (records it would have built)."""
    import newsprism.ingest.warc as warc

    real = warc._document
    calls = 0

    def stub(record: Any, *args: Any) -> None:
        nonlocal calls
        calls += record.rec_type in ("response", "resource")

    warc._document = stub
    try:
        _, damaged = read_newsprism(data)
    finally:
        warc._document = real
    return calls, damaged


READERS: dict[str, Callable[[bytes], tuple[int, bool]]] = {
    "newsprism": read_newsprism,
    "newsprism_reading": read_newsprism_reading,
    "warcio": read_warcio,
    "fastwarc": read_fastwarc,
}


def measure(shared: Path, repeat: int, limit: int | None, copies: int) -> dict[str, Any]:
    """Records read and speed on the whole archives, and what each does with a truncated one."""
    html, texts = pages(shared, limit)
    out: dict[str, Any] = {"copies": copies, "archives": {}}
    with tempfile.TemporaryDirectory(prefix="bench-warc-") as tmp:
        for gz in (True, False):
            name = "warc.gz" if gz else "warc"
            path = Path(tmp) / f"pages.{name}"
            written = write_warc(path, html, texts, copies, gz)
            data = path.read_bytes()
            cut = data[: int(len(data) * CUT_AT)]
            entry: dict[str, Any] = {"bytes": len(data), "articles_written": written, "systems": {}}
            items = payloads(data)
            runs: dict[str, Callable[[], object]] = {
                s: (lambda f=f, data=data: f(data)) for s, f in READERS.items()
            }
            runs["building"] = lambda items=items: build_documents(items)
            timings = time_systems(runs, repeat)
            build = timings["building"].cpu
            entry["building_cpu_seconds"] = round(build, 4)
            own_read = timings["newsprism_reading"].cpu
            entry["newsprism_reading_mb_per_second"] = (
                round(len(data) / 1e6 / own_read, 1) if own_read else None
            )
            for system, read in READERS.items():
                got, damaged = read(data)
                got_cut, damaged_cut = read(cut)
                t = timings[system]
                entry["systems"][system] = {
                    "articles_read": got,
                    "reported_damage_on_whole": damaged,
                    "cpu_seconds": round(t.cpu, 4),
                    "mb_per_second": round(len(data) / 1e6 / t.cpu, 1) if t.cpu else None,
                    "truncated_articles_read": got_cut,
                    "truncated_damage_reported": damaged_cut,
                }
            s = entry["systems"]
            entry["ratios"] = {
                lib: {
                    "speed_newsprism_over_library": ratio(
                        s["newsprism"]["mb_per_second"], s[lib]["mb_per_second"]
                    ),
                    "reading_newsprism_over_library": ratio(
                        entry["newsprism_reading_mb_per_second"], s[lib]["mb_per_second"]
                    ),
                }
                for lib in ("warcio", "fastwarc")
            }
            entry["building_share_of_newsprism"] = round(1 - own_read / timings["newsprism"].cpu, 3)
            out["archives"][name] = entry
    gz = out["archives"]["warc.gz"]["systems"]
    fast = gz["fastwarc"]
    all_read = all(
        e["systems"][s]["articles_read"] == e["articles_written"]
        for e in out["archives"].values()
        for s in READERS
        if s != "newsprism_reading"
    )
    out["decision"] = {
        "part": "WARC reading (ingest/warc.py)",
        "decision": "keep",
        "why": (
            f"all read every record: {all_read}; on .warc.gz newsprism "
            f"{gz['newsprism']['mb_per_second']} MB/s with Documents built "
            f"({out['archives']['warc.gz']['building_share_of_newsprism']:.0%} of its time), "
            f"{out['archives']['warc.gz']['newsprism_reading_mb_per_second']} MB/s reading, warcio "
            f"{gz['warcio']['mb_per_second']}, fastwarc {fast['mb_per_second']}; truncated: "
            f"newsprism reports damage {gz['newsprism']['truncated_damage_reported']}, warcio "
            f"{gz['warcio']['truncated_damage_reported']}, fastwarc "
            f"{fast['truncated_damage_reported']}"
        ),
    }
    # The reader is warcio already; fastwarc is worth it only when it reads the same records,
    # reports a truncated archive, and reading is a real share of the time.
    if (
        all_read
        and fast["truncated_damage_reported"]
        and (fast["mb_per_second"] or 0) > 2 * (gz["newsprism"]["mb_per_second"] or 0)
    ):
        out["decision"]["decision"] = "switch"
    return out


def render(r: Mapping[str, Any]) -> str:
    """The figures as tables."""
    lines = []
    for name, e in r["archives"].items():
        lines.append(
            f"\n.{name}: {e['bytes'] / 1e6:.1f} MB, {e['articles_written']} article records "
            f"({r['copies']} copies); truncated at {CUT_AT:.0%}"
        )
        rows = [
            [
                s,
                v["articles_read"],
                v["mb_per_second"],
                v["cpu_seconds"],
                v["truncated_articles_read"],
                v["truncated_damage_reported"],
            ]
            for s, v in e["systems"].items()
        ]
        lines.append(
            table(
                [
                    "system",
                    "articles read",
                    "MB/s (CPU)",
                    "CPU s",
                    "truncated: read",
                    "truncated: damage reported",
                ],
                rows,
            )
        )
        lines.append(
            f"newsprism_reading: its reader with the per-record Document building stubbed out; "
            f"building is {e['building_share_of_newsprism']:.0%} of newsprism's time (the same "
            f"decoding, repair and HTML head done alone on the payloads: "
            f"{e['building_cpu_seconds']} CPU s)"
        )
        lines.append(f"ratios: {e['ratios']}")
    lines.append(f"\ndecision: {r['decision']['decision']}: {r['decision']['why']}")
    return "\n".join(lines)


def main() -> None:
    """Run the benchmark."""
    p = parser(__doc__)
    p.add_argument("--copies", type=int, default=1, help="times each page is written")
    args = p.parse_args()
    shared = shared_or_exit(args.shared)
    require(warcio="warcio", fastwarc="fastwarc>=2")
    emit(measure(shared, args.repeat, args.limit, args.copies), args.json, render)


if __name__ == "__main__":
    main()

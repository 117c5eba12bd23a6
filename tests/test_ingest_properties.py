"""Properties: ingest is idempotent, and a document's id depends only on its bytes."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.ingest import read_file
from newsprism.ingest.html import html_metadata
from newsprism.records import Document, IngestFailure

# Text with the characters that make decoding interesting: accents, CJK, line ends, quotes.
article_text = st.text(
    alphabet=st.sampled_from("abc XYZ\n\r\t.,'\"<>&éüñ中文—’€\u00a0"),
    min_size=0,
    max_size=300,
)
encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"])


@st.composite
def files(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file name and bytes: plain text, HTML, JSON lines, or arbitrary bytes."""
    kind = draw(st.sampled_from(["txt", "html", "jsonl", "bin"]))
    if kind == "bin":
        return "blob.dat", draw(st.binary(max_size=400))
    text = draw(article_text)
    if kind == "html":
        text = f"<html><head><title>{text[:20]}</title></head><body>{text}</body></html>"
    if kind == "jsonl":
        rows = draw(st.lists(article_text, min_size=1, max_size=4))
        return "rows.jsonl", "\n".join(json.dumps({"text": row}) for row in rows).encode()
    encoding = draw(encodings)
    return f"page.{kind}", text.encode(encoding, errors="replace")


def read(path: Path) -> list[Document | IngestFailure]:
    return list(read_file(str(path)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files())
def test_reading_a_file_twice_gives_identical_results(file: tuple[str, bytes]) -> None:
    name, data = file
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        first, second = read(path), read(path)
    assert first == second
    for item in first:
        if isinstance(item, Document):
            assert item.id == item.provenance.content_hash[:16]
            assert "\r" not in item.content


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files())
def test_ids_and_contents_depend_only_on_bytes(file: tuple[str, bytes]) -> None:
    name, data = file
    with tempfile.TemporaryDirectory() as tmp:
        a = Path(tmp) / "one" / name
        b = Path(tmp) / "two" / name
        for path in (a, b):
            path.parent.mkdir()
            path.write_bytes(data)
        os.utime(b, (1_000_000_000, 1_000_000_000))  # a different mtime and a different path
        first, second = read(a), read(b)
    assert [type(i) for i in first] == [type(i) for i in second]
    docs_a = [i for i in first if isinstance(i, Document)]
    docs_b = [i for i in second if isinstance(i, Document)]
    assert [(d.id, d.content, d.media_type) for d in docs_a] == [
        (d.id, d.content, d.media_type) for d in docs_b
    ]
    assert [f.code for f in first if isinstance(f, IngestFailure)] == [
        f.code for f in second if isinstance(f, IngestFailure)
    ]


markup = st.lists(
    st.sampled_from(
        [
            "<",
            ">",
            "<!",
            "<![",
            "<![if",
            "<!--",
            "-->",
            "<?",
            "<title>",
            "</title>",
            "<meta ",
            'content="',
            '"',
            "property=og:url ",
            "<link rel=canonical href=",
            "&#",
            "&#x",
            ";",
            "<body",
            "</head>",
            "<script>",
            "</script>",
            "<!DOCTYPE",
            "\x00",
            "x",
            " ",
            "é",
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(markup)
def test_any_markup_gives_metadata_without_raising(text: str) -> None:
    html_metadata(text)

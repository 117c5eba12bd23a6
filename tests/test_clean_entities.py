"""Character references left in text ("&lt;", "&amp;amp;", "&#8217;") read as the outlet printed
them, with every span still pointing at the stored text."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsprism.clean import clean_document
from newsprism.cli.app import app
from newsprism.ingest import read_file
from newsprism.ingest.base import unescape_entities
from newsprism.records import Document

runner = CliRunner()


@pytest.mark.parametrize(
    ("written", "printed"),
    [
        # Escaped once: a scrape that dropped the tags and kept the references.
        ("to watch &lt;The Palace&gt; (Sun &amp; Mon)", "to watch <The Palace> (Sun & Mon)"),
        ("It&#8217;s &quot;new&quot; &#x2014; and &eacute;t&eacute;", 'It’s "new" — and été'),
        # Escaped twice: the second level holds an ampersand or a character that is no markup.
        ("Rock &amp;amp; Roll", "Rock & Roll"),
        ("the band&amp;#8217;s &amp;lt;b&amp;gt; set", "the band’s <b> set"),
        # Escaped once on a page about markup: the second level is what the page printed.
        ("write &amp;lt;b&amp;gt; for bold", "write &lt;b&gt; for bold"),
        # Raw markup characters beside the references: the text was never escaped, so its
        # markup references are what it says; a curly quote is still a curly quote.
        (
            "Q & A: type &lt;b&gt; to bold it, it&#8217;s easy",
            "Q & A: type &lt;b&gt; to bold it, it’s easy",
        ),
        ("if a < b then &amp; is written", "if a < b then &amp; is written"),
        # No semicolon, an unknown name, no character: left as written.
        ("AT&T, R&D, &copy2008", "AT&T, R&D, &copy2008"),
        ("&bogus; &#1; &#0;", "&bogus; &#1; &#0;"),
        ("plain text, no references", "plain text, no references"),
    ],
)
def test_unescape_entities(written: str, printed: str) -> None:
    assert unescape_entities(written) == printed


def test_each_line_is_read_on_its_own() -> None:
    # A scrape (the AEB page "Wild Rose", as newspaper3k printed it): the story raw, a line of
    # markup its CMS escaped twice left between paragraphs.
    text = (
        "a BBC adaptation of \u201cWar & Peace\u201d &#8212; had just found his feet.\n\n"
        '&lt;span class="mce_SELRES_start"&gt;&amp;#65279;&lt;/span&gt;\n\n'
        "Tom &amp; Jerry"
    )
    assert unescape_entities(text) == (
        "a BBC adaptation of \u201cWar & Peace\u201d \u2014 had just found his feet.\n\n"
        '<span class="mce_SELRES_start">\ufeff</span>\n\n'
        "Tom & Jerry"
    )


def test_a_line_break_reference_keeps_the_lines() -> None:
    # Gold labels count lines: a reference to a line break must not add one.
    text = "one&#10;line\n\nsecond&#13;&#x2028;line"
    assert unescape_entities(text).count("\n") == text.count("\n")
    assert unescape_entities(text) == "one line\n\nsecond  line"


TEXT = (
    "Visitors came to watch &lt;The Palace: Tale of Jang Noksu&gt; at Jeongdong Theater.\n"
    "\n"
    "The show runs from Tuesday to Saturday (closed Sun &amp; Mon). It&#8217;s the theater&rsquo;s"
    " longest-running show, and visitors said it was &quot;wonderful&quot; and well worth the trip"
    " to Seoul for the whole family.\n"
    "\n"
    "Tickets are sold through KLOOK and at the box office, where the staff said demand had been"
    " high since April and more evening shows would be added.\n"
)


def _document(path: Path) -> Document:
    (document,) = read_file(path)
    assert isinstance(document, Document)
    return document


def test_plain_text_file_is_stored_as_printed(tmp_path: Path) -> None:
    path = tmp_path / "palace.txt"
    path.write_text(TEXT, encoding="utf-8")
    document = _document(path)
    assert "&" not in document.content.replace("Sun & Mon", "")
    assert "<The Palace: Tale of Jang Noksu>" in document.content
    assert "It’s the theater’s" in document.content
    assert document.content.count("\n") == TEXT.count("\n")
    # The hash, and so the id, is the file's own bytes'.
    assert document.id == _document(path).id
    article = clean_document(document)
    assert article.title.startswith("Visitors came to watch <The Palace")
    assert any("(closed Sun & Mon). It’s" in p.text for p in article.body)
    for p in article.paragraphs:
        assert article.text[p.span.start : p.span.end] == p.text


def test_json_lines_text_title_and_outlet(tmp_path: Path) -> None:
    record = {
        "title": "Rock &amp;amp; Roll&#8217;s big night",
        "outlet": "Kerrang&#33;",
        "text": "A crowd of &lt;fans&gt; stayed all night &amp; sang along. The band&#8217;s singer"
        " said it was the best night of the tour so far.",
    }
    markup = {"html": "<p>Write &amp;lt;b&amp;gt; for bold, as the manual says.</p>"}
    path = tmp_path / "items.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in (record, markup)) + "\n", encoding="utf-8")
    text, html = read_file(path)
    assert isinstance(text, Document) and isinstance(html, Document)
    assert text.title == "Rock & Roll’s big night"
    assert text.outlet == "Kerrang!"
    assert text.content.startswith("A crowd of <fans> stayed all night & sang along. The band’s")
    # Markup is the HTML cleaner's to read: its "&amp;lt;" is the page's "&lt;".
    assert html.content == markup["html"]
    assert "Write &lt;b&gt; for bold" in clean_document(html).body_text


def test_feed_plain_summary_and_titles(tmp_path: Path) -> None:
    # Escaped twice, as some publishing systems do: feedparser reads one level.
    feed = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Smith &amp;amp; Sons Daily</title>\n'
        '<entry><title>The mayor&amp;#8217;s plan</title><link href="https://x.example/a"/>\n'
        "<updated>2024-01-02T10:00:00Z</updated>\n"
        '<summary type="text">The mayor&amp;#8217;s plan &amp;amp; the council&amp;#8217;s'
        " vote.</summary></entry></feed>\n"
    )
    path = tmp_path / "news.atom"
    path.write_text(feed, encoding="utf-8")
    document = _document(path)
    assert document.media_type == "text"
    assert document.content == "The mayor’s plan & the council’s vote."
    assert document.title == "The mayor’s plan"
    assert document.outlet == "Smith & Sons Daily"


def test_the_stored_body_reads_as_printed(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "palace.txt").write_text(TEXT, encoding="utf-8")
    db = tmp_path / "x.db"
    result = runner.invoke(app, ["analyze", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["export", "--db", str(db)])
    assert result.exit_code == 0, result.output
    (article,) = json.loads(result.stdout)["articles"]
    assert article["headline"].startswith("Visitors came to watch <The Palace: Tale")
    body = " ".join(p["text"] for p in article["body"])
    assert "&#8217;" not in body and "&amp;" not in body and "&quot;" not in body
    assert "It’s the theater’s longest-running show" in body


def test_a_plain_text_warc_record(tmp_path: Path) -> None:
    body = b"The mayor&#8217;s plan &amp; the council&#8217;s vote."
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        "http://news.example/plain",
        "response",
        payload=io.BytesIO(body),
        length=len(body),
        http_headers=headers,
    )
    writer.write_record(record)
    path = tmp_path / "crawl.warc"
    path.write_bytes(out.getvalue())
    document = _document(path)
    assert document.media_type == "text"
    assert document.content == "The mayor’s plan & the council’s vote."

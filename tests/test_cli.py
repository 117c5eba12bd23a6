"""The CLI end to end on the bundled example: real files, a real SQLite store."""

from __future__ import annotations

import json
import re
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from newsprism.cli.app import app
from newsprism.store import SQLiteStore

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "sochi-2020"
runner = CliRunner()


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> list[list[str]]:
    """Every leaf command of the CLI, found from the app itself so that none can be forgotten."""
    out: list[list[str]] = []
    for name, command in sorted(group.commands.items()):
        if hasattr(command, "commands"):  # a group (typer vendors its own click)
            out.extend(_commands(command, (*prefix, name)))
        else:
            out.append([*prefix, name])
    return out


COMMANDS = _commands(typer.main.get_command(app))
assert len(COMMANDS) > 15, COMMANDS


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help_and_a_db_option_where_it_reads_the_store(
    command: list[str],
) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert len(result.output.strip().splitlines()) > 3
    if command[0] != "eval":
        assert "--db" in result.output


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_is_documented_in_the_readme(command: list[str]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"newsprism {' '.join(command)}" in readme


@pytest.fixture(scope="module")
def analyzed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "np.db"
    result = runner.invoke(app, ["analyze", str(EXAMPLE), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "5 stored (0 repaired)" in result.output
    return db


def test_analyze_prints_the_table_and_reruns_change_nothing(analyzed: Path) -> None:
    again = runner.invoke(app, ["analyze", str(EXAMPLE), "--db", str(analyzed)])
    assert again.exit_code == 0, again.output
    assert "0 stored (0 repaired), 5 already in the store" in again.output


@pytest.fixture
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """A wide terminal, so that table cells are not wrapped mid-phrase."""
    from newsprism.cli import common

    monkeypatch.setattr(common.console, "width", 240)


def test_show_lists_removed_paragraphs_with_reasons(analyzed: Path, wide: None) -> None:
    result = runner.invoke(app, ["show", "1", "--db", str(analyzed)])
    assert result.exit_code == 0, result.output
    assert "Meduza" in result.output
    assert "comments" in result.output and "after the end of the article" in result.output


def test_show_unknown_article_is_a_clear_error(analyzed: Path) -> None:
    result = runner.invoke(app, ["show", "zzzz", "--db", str(analyzed)])
    assert result.exit_code == 2
    assert "E031" in result.output


def test_search_finds_and_misses(analyzed: Path, wide: None) -> None:
    hit = runner.invoke(app, ["search", "kinship", "--db", str(analyzed)])
    assert hit.exit_code == 0 and "TASS" in hit.output
    # Words only in removed paragraphs (reader comments) are not searchable body text.
    miss = runner.invoke(app, ["search", "cesspool", "--db", str(analyzed)])
    assert miss.exit_code == 1


def test_export_json_has_body_and_removed_with_spans(analyzed: Path) -> None:
    result = runner.invoke(app, ["export", "--format", "json", "--db", str(analyzed)])
    assert result.exit_code == 0
    articles = json.loads(result.output)["articles"]
    assert len(articles) == 5
    france24 = next(a for a in articles if a["outlet"] == "France 24")
    assert france24["wire_agency"] == "AFP"
    assert france24["published"] == "2020-09-14"
    assert all({"text", "role", "reason", "start", "end"} <= set(r) for r in france24["removed"])
    assert any(r["role"] == "error_page" for r in france24["removed"])


def test_export_markdown(analyzed: Path, tmp_path: Path) -> None:
    out = tmp_path / "export.md"
    result = runner.invoke(app, ["export", "--format", "md", "-o", str(out), "--db", str(analyzed)])
    assert result.exit_code == 0
    text = out.read_text(encoding="utf-8")
    # Five articles, then the one story with its brief and timeline.
    assert text.count("\n## ") == 6 and "**Removed**" in text
    assert "\n## Story: " in text and "#### Brief" in text and "#### Timeline" in text


def test_read_commands_without_a_store_say_so(tmp_path: Path) -> None:
    result = runner.invoke(app, ["search", "x", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "no store here yet" in result.output


def _warc_gz(path: Path, pages: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for i in range(pages):
            body = (
                f"<html><head><title>Budget vote {i}</title></head><body><article><p>"
                f"Lawmakers approved budget number {i} on Thursday after a long debate that "
                "ran well into the night, officials said, ending weeks of talks.</p><p>The vote "
                "was close, with two members absent from the chamber for the final tally."
                "</p></article></body></html>"
            ).encode()
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                f"https://example.org/budget/{i}",
                "response",
                payload=BytesIO(body),
                length=len(body),  # a known length keeps warcio from spooling to temp files
                http_headers=headers,
            )
            writer.write_record(record)


def test_bad_inputs_are_reported_and_the_rest_is_stored(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 40)
    with (inputs / "huge.txt").open("wb") as big:
        big.truncate(50 * 1024 * 1024)  # 50 MB
    _warc_gz(tmp_path / "full.warc.gz", 3)
    whole = (tmp_path / "full.warc.gz").read_bytes()
    (inputs / "cut.warc.gz").write_bytes(whole[: len(whole) - 200])
    good = (EXAMPLE / "004_f1b319162d563aac.txt").read_text(encoding="utf-8")
    (inputs / "good.txt").write_text(good, encoding="utf-8")
    latin = (EXAMPLE / "003_dc7d9705e65fb279.txt").read_text(encoding="utf-8")
    (inputs / "latin.txt").write_bytes(latin.encode("utf-8").replace("’".encode(), b"\x92"))
    (inputs / "broken.html").write_text(
        "<html><body><script>alert(1)</script><div><p>Lawmakers approved the budget on "
        "Thursday after a debate that lasted well into the night, officials said.<p>The "
        "vote was 51 to 49, with two members absent from the chamber for the final tally."
        "</span></i>",
        encoding="utf-8",
    )
    db = tmp_path / "np.db"
    result = runner.invoke(app, ["analyze", str(inputs), "--db", str(db)])
    assert result.exit_code == 1
    out = result.output
    lines = out.splitlines()

    def one_line(name: str, reason: str) -> None:
        hits = [ln for ln in lines if name in ln]
        assert len(hits) == 1 and re.search(reason, hits[0]), (name, hits)

    one_line("empty.txt", "empty")
    one_line("binary.txt", "binary")
    one_line("huge.txt", "too large")
    one_line("cut.warc.gz", "truncated")
    one_line("latin.txt", "not UTF-8|invalid UTF-8")
    one_line("broken.html", "script.*markup error")
    # good.txt, latin.txt, broken.html and the records before the cut are all stored.
    assert re.search(r"(\d+) stored", out) and int(re.search(r"(\d+) stored", out)[1]) >= 5
    assert "4 failed" in out
    with SQLiteStore(db) as store:
        sources = [a.source for a in store.articles()]
    assert any(s.endswith("good.txt") for s in sources)
    assert any(s.endswith("cut.warc.gz") for s in sources)


def test_a_rerun_after_a_failure_keeps_what_was_stored(tmp_path: Path) -> None:
    db = tmp_path / "np.db"
    first = runner.invoke(
        app, ["analyze", str(EXAMPLE / "000_c09bffb0d378b752.txt"), "--db", str(db)]
    )
    assert first.exit_code == 0
    (tmp_path / "empty.txt").write_bytes(b"")
    second = runner.invoke(
        app, ["analyze", str(tmp_path / "empty.txt"), str(EXAMPLE), "--db", str(db)]
    )
    assert second.exit_code == 1
    with SQLiteStore(db) as store:
        assert store.count() == 5


def test_show_story_groups_articles_by_event(analyzed: Path, wide: None) -> None:
    listed = runner.invoke(app, ["stories", "--json", "--db", str(analyzed)])
    assert listed.exit_code == 0, listed.output
    story = json.loads(listed.output)[0]
    assert len(story["events"]) == 2
    result = runner.invoke(app, ["show", story["id"], "--db", str(analyzed)])
    assert result.exit_code == 0, result.output
    assert "5 article(s) from 5 outlet(s)" in result.output
    assert result.output.index("2020-09-14") < result.output.index("2020-11-13")
    assert "wire: AFP" in result.output
    assert "Brief" in result.output and "Timeline" in result.output
    assert "(background)" in result.output


def test_brief_story_as_markdown_and_json(analyzed: Path) -> None:
    listed = runner.invoke(app, ["stories", "--json", "--db", str(analyzed)])
    story = json.loads(listed.output)[0]["id"]
    md = runner.invoke(app, ["brief", story, "--db", str(analyzed)])
    assert md.exit_code == 0, md.output
    assert "## Brief" in md.output and "## Timeline" in md.output
    assert "(background)" in md.output and "Peskov" in md.output
    as_json = runner.invoke(app, ["brief", story[:8], "--format", "json", "--db", str(analyzed)])
    data = json.loads(as_json.output)
    assert data["brief"]["story_id"] == story
    cited = {(c["doc_id"], c["start"], c["end"]): c["text"] for c in data["cited"]}
    for sentence in data["brief"]["sentences"]:
        assert sentence["citations"]
        for span in sentence["citations"]:
            assert cited[(span["doc_id"], span["start"], span["end"])]
    missing = runner.invoke(app, ["brief", "st-nothing", "--db", str(analyzed)])
    assert missing.exit_code == 2


def test_compare_story_as_markdown_and_json(analyzed: Path) -> None:
    listed = runner.invoke(app, ["stories", "--json", "--db", str(analyzed)])
    story = json.loads(listed.output)[0]["id"]
    md = runner.invoke(app, ["compare", story, "--db", str(analyzed)])
    assert md.exit_code == 0, md.output
    assert "## Coverage" in md.output and "Also covered by" in md.output
    as_json = runner.invoke(app, ["compare", story, "--format", "json", "--db", str(analyzed)])
    data = json.loads(as_json.output)
    assert data["story"]["id"] == story
    assert data["brief"]["sentences"]
    leads = [c["outlet"] for c in data["comparison"]["coverage"] if c["lead"]]
    assert "The Guardian" in leads and "Bloomberg" in leads
    missing = runner.invoke(app, ["compare", "st-nothing", "--db", str(analyzed)])
    assert missing.exit_code == 2


def test_analyze_ends_with_a_digest(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(EXAMPLE), "--db", str(tmp_path / "d.db")])
    assert result.exit_code == 0, result.output
    assert "Outlets: BNS, France 24, Meduza, TASS, WNU" in " ".join(result.output.split())
    assert "newsprism show st-" in result.output
    # The digest ends each story with its brief, before the pointer to `show`.
    assert result.output.index("Brief:") < result.output.index("newsprism show st-")
    assert "Peskov" in result.output[result.output.index("Brief:") :]


def test_brief_and_compare_of_an_event_read_that_event_alone(analyzed: Path) -> None:
    listed = runner.invoke(app, ["stories", "--json", "--db", str(analyzed)])
    story = json.loads(listed.output)[0]
    assert len(story["events"]) == 2
    for event in story["events"]:
        members = set(event["articles"])
        brief = runner.invoke(
            app, ["brief", event["id"], "--format", "json", "--db", str(analyzed)]
        )
        assert brief.exit_code == 0, brief.output
        data = json.loads(brief.output)
        assert data["story"]["id"] == event["id"] and data["brief"]["story_id"] == event["id"]
        assert data["brief"]["sentences"]
        assert {c["doc_id"] for c in data["cited"]} <= members
        compared = runner.invoke(
            app, ["compare", event["id"], "--format", "json", "--db", str(analyzed)]
        )
        assert compared.exit_code == 0, compared.output
        findings = json.loads(compared.output)["comparison"]["findings"]
        assert {c["doc_id"] for f in findings for c in f["citations"]} <= members
        assert {c["outlet"] for c in json.loads(compared.output)["comparison"]["coverage"]
                if not c["lead"]}  # fmt: skip
    # The storyline's comparison is organised by event.
    md = runner.invoke(app, ["compare", story["id"], "--db", str(analyzed)])
    assert md.exit_code == 0, md.output
    assert md.output.count("## Event ") == 2
    written = runner.invoke(
        app, ["brief", story["events"][0]["id"], "--db", str(analyzed), "-o", "/dev/null"]
    )
    assert f"the brief of {story['events'][0]['id']}" in written.output

"""The whole hostile corpus and one good article in one real ``newsprism analyze``.

The corpus is ``tests/data/hostile/``: small committed files plus what ``make_hostile.py``
generates (10 GB bombs, links out of the folder, 1,200 nested directories, hostile file names, a
pipe). ``expected.json`` gives each input's outcome. One subprocess reads them all: it must exit
1, name each bad input on exactly one line with its code, store the good ones, print no
traceback, finish in under 2 minutes in under 2 GB, and store nothing from outside the folder.
Then no command over that store prints an ESC byte, and the Markdown export of the page of
script payloads has no raw ``<script>`` or event-handler attribute.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from newsprism.cli.app import app
from newsprism.ingest.base import shown_path
from newsprism.safe import one_line
from newsprism.store import SQLiteStore

pytest.importorskip("spacy")
# About a minute: two 10 GB bombs to generate, one real analyze, every command over its store.
pytestmark = pytest.mark.slow

HOSTILE = Path(__file__).resolve().parent / "data" / "hostile"
ESC = "\x1b"
runner = CliRunner()


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_hostile", HOSTILE / "make_hostile.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_hostile = _generator()
EXPECTED: dict[str, dict[str, object]] = make_hostile.expected()


def test_the_committed_files_are_what_the_generator_writes() -> None:
    for name, data in make_hostile.small_files().items():
        assert (HOSTILE / "files" / name).read_bytes() == data, name


# Run argv[2:], write its peak resident memory (kB) to argv[1], exit with its exit code.
_PEAK_OF = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
open(sys.argv[1], "w").write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


@pytest.fixture(scope="module")
def analyzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """The corpus built, analyzed once in a subprocess: its folder, store, output and cost."""
    root = tmp_path_factory.mktemp("hostile")
    folder = make_hostile.build(root)
    db = root / "store.db"
    out, err = root / "stdout", root / "stderr"
    newsprism = Path(sys.executable).with_name("newsprism")
    peak = root / "peak"
    started = time.monotonic()
    with open(out, "wb") as stdout, open(err, "wb") as stderr:
        # A child's peak memory counts the image it was forked from until it execs: started
        # from this test process (spaCy loaded, a whole session's worth) it would be this
        # process's size. A small Python in between starts it and reports its own peak.
        process = subprocess.Popen(
            [sys.executable, "-c", _PEAK_OF, str(peak), str(newsprism), "analyze", str(folder),
             "--db", str(db)],
            stdout=stdout,
            stderr=stderr,
            stdin=subprocess.DEVNULL,
        )  # fmt: skip
        process.wait()
    peak_kb = int(peak.read_text(encoding="utf-8"))
    yield {
        "folder": folder,
        "db": db,
        "code": process.returncode,
        "stdout": out.read_bytes().decode("utf-8", errors="replace"),
        "stderr": err.read_bytes().decode("utf-8", errors="replace"),
        "seconds": time.monotonic() - started,
        "peak_mb": peak_kb / 1024,  # kilobytes on Linux
    }
    make_hostile.remove_deep(folder)


def _input_of(source: str, folder: Path) -> str:
    """The top-level input of the folder a stored source or a failure line names."""
    prefix = str(folder) + os.sep
    assert source.startswith(prefix), source
    return source[len(prefix) :].split(os.sep)[0]


def test_the_manifest_names_every_input_of_the_corpus(analyzed: dict[str, object]) -> None:
    folder = analyzed["folder"]
    assert isinstance(folder, Path)
    names = {shown_path(os.fsdecode(name)) for name in os.listdir(os.fsencode(folder))}
    assert names == set(EXPECTED)


def test_one_analyze_names_each_bad_input_once_and_stores_the_good(
    analyzed: dict[str, object],
) -> None:
    folder, stderr = analyzed["folder"], str(analyzed["stderr"])
    assert isinstance(folder, Path)
    assert analyzed["code"] == 1, stderr
    assert "Traceback" not in stderr + str(analyzed["stdout"])
    assert float(str(analyzed["seconds"])) < 120, analyzed["seconds"]
    assert float(str(analyzed["peak_mb"])) < 2048, analyzed["peak_mb"]
    shown = {one_line(name): name for name in EXPECTED}
    named: list[tuple[str, str]] = []
    for line in stderr.splitlines():
        if not line.startswith("skipped "):
            continue
        coded = re.search(r"\[(E\d{3})\]$", line)
        assert coded, line
        source = line.removeprefix("skipped ").split(": ")[0]
        # A failure inside a folder names its path; the input is the part under the folder.
        top = _input_of(source, folder)
        assert top in shown, line
        named.append((shown[top], coded.group(1)))
    counts = Counter(name for name, _ in named)
    expected_codes = {n: o["code"] for n, o in EXPECTED.items() if "code" in o}
    assert dict(named) == expected_codes
    assert all(count == 1 for count in counts.values()), counts
    with SQLiteStore(Path(str(analyzed["db"]))) as store:
        stored = Counter(_input_of(a.source, folder) for a in store.articles())
        texts = [a.text + a.title + (a.outlet or "") for a in store.articles()]
    assert stored == Counter({n: o["stored"] for n, o in EXPECTED.items() if o.get("stored")})
    joined = "\n".join(texts)
    assert make_hostile.SECRET not in joined and "lollollol" not in joined


def test_nothing_from_outside_the_folder_is_in_the_store(analyzed: dict[str, object]) -> None:
    raw = Path(str(analyzed["db"])).read_bytes().decode("utf-8", errors="replace")
    assert make_hostile.SECRET not in raw
    try:
        passwd = [line for line in Path("/etc/passwd").read_text().splitlines() if line][:5]
    except OSError:
        passwd = []
    for line in passwd:
        assert line not in raw


def _story_ids(db: Path) -> list[str]:
    listed = runner.invoke(app, ["stories", "--json", "--limit", "1000", "--db", str(db)])
    assert listed.exit_code == 0, listed.output
    return [story["id"] for story in json.loads(listed.stdout)]


def test_no_command_over_the_store_prints_an_escape_byte(analyzed: dict[str, object]) -> None:
    db = Path(str(analyzed["db"]))
    assert ESC not in str(analyzed["stdout"]) + str(analyzed["stderr"])
    with SQLiteStore(db) as store:
        article_ids = [a.doc_id for a in store.articles()]
    stories = _story_ids(db)
    assert stories
    commands = [["stories"], ["stories", "--json"], ["search", "Springfield"]]
    commands += [["export", "--format", fmt] for fmt in ("md", "json")]
    commands += [["show", doc_id] for doc_id in article_ids]
    for story in stories:
        commands += [["show", story], ["compare", story], ["brief", story]]
        commands += [["compare", story, "--format", "json"], ["brief", story, "-f", "json"]]
    for command in commands:
        result = runner.invoke(app, [*command, "--db", str(db)])
        assert result.exit_code == 0, (command, result.output)
        assert ESC not in result.stdout + result.stderr, command
        assert "\x07" not in result.stdout + result.stderr, command


def test_the_markdown_export_of_the_script_page_has_no_live_markup(
    analyzed: dict[str, object],
) -> None:
    exported = runner.invoke(app, ["export", "--format", "md", "--db", str(analyzed["db"])])
    assert exported.exit_code == 0
    markdown = exported.stdout
    assert "script.html" in markdown
    assert "<script" not in markdown.lower()
    assert not re.search(r"<[a-z][^>]*\son\w+\s*=", markdown, re.IGNORECASE)
    assert not re.search(r"\]\(\s*javascript:", markdown, re.IGNORECASE)
    assert "&lt;script&gt;" in markdown  # the payload is shown as text, not dropped

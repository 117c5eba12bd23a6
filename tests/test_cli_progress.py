"""`analyze` under a terminal shows a progress bar with a total and time left, on stderr only."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sochi-2020"
NEWSPRISM = str(Path(sys.executable).with_name("newsprism"))
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.fixture(scope="module")
def twenty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twenty distinct files: four copies of each sochi-2020 scrape, each with its own line."""
    folder = tmp_path_factory.mktemp("twenty")
    for copy in range(4):
        for page in sorted(EXAMPLE.glob("*.txt")):
            text = page.read_text(encoding="utf-8") + f"\n\nCopy {copy} of the page.\n"
            (folder / f"{page.stem}_{copy}.txt").write_text(text, encoding="utf-8")
    assert len(list(folder.iterdir())) == 20
    return folder


def _run(args: list[str]) -> tuple[str, str, int]:
    """Run newsprism with stderr on a pseudo-terminal and stdout on a pipe."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 140, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "140"}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen(
        [NEWSPRISM, *args], stdout=subprocess.PIPE, stderr=follower, stdin=follower, env=env
    )
    os.close(follower)
    terminal = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 0.5)
        if ready:
            try:
                data = os.read(leader, 65536)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            terminal += data
        elif proc.poll() is not None:
            break
    assert proc.stdout is not None
    with proc.stdout:  # (small: a pipe's buffer holds the table while the terminal is read)
        out = proc.stdout.read().decode("utf-8")
    proc.wait(timeout=60)
    os.close(leader)
    return out, ANSI.sub("", terminal.decode("utf-8", "replace")), proc.returncode


def test_progress_shows_total_rate_and_time_left(twenty: Path, tmp_path: Path) -> None:
    out, terminal, code = _run(["analyze", str(twenty), "--db", str(tmp_path / "a.db")])
    assert code == 0, terminal
    lines = re.split(r"[\r\n]", terminal)
    bars = [line for line in lines if "documents/s" in line or "documents/min" in line]
    assert bars, terminal[-2000:]
    # The total (20 files, one document each), the time left, and a stage name.
    assert any(re.search(r"\b\d+/20 documents\b", b) for b in bars), bars[-3:]
    assert any(re.search(r"\d+:\d\d:\d\d left", b) for b in bars), bars[-3:]
    stages = {"ingest", "clean", "date", "store", "extract", "dedup", "cluster"}
    assert any(b.split()[1] in stages for b in bars if len(b.split()) > 1), bars[-3:]
    # stdout, a pipe, holds the table and the summary, and nothing of the bar.
    assert "Stored 20 article(s)" in out
    assert "documents/s" not in out and " left" not in out and "\r" not in out
    assert "20 stored" in out


def test_quiet_silences_the_bar(twenty: Path, tmp_path: Path) -> None:
    out, terminal, code = _run(["analyze", str(twenty), "--db", str(tmp_path / "q.db"), "-q"])
    assert code == 0, terminal
    assert "documents/s" not in terminal and " left" not in terminal
    assert "Stored 20 article(s)" in out

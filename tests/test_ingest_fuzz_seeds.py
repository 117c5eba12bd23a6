"""The fuzz harness's rules over its seeds and every input it once crashed on, in CI.

``fuzz/run.py`` fuzzes the readers with atheris (not needed here): each input's first byte picks
the reader. Here the same ``check`` runs over the seeds built from the hostile corpus, over the
inputs the fuzzer found crashes with (``fuzz/regressions/``, each fixed since), and over bytes
hypothesis makes up.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FUZZ = Path(__file__).resolve().parents[1] / "fuzz"


def _harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz_run", FUZZ / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


harness = _harness()


def test_every_seed_passes_the_harness(tmp_path: Path) -> None:
    count = harness.seeds(tmp_path)
    assert count >= 30
    for path in sorted(tmp_path.iterdir()):
        harness.check(path.read_bytes())


@pytest.mark.parametrize("path", sorted((FUZZ / "regressions").iterdir()), ids=lambda p: p.name)
def test_every_input_the_fuzzer_crashed_on_is_read_without_error(path: Path) -> None:
    harness.check(path.read_bytes())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    reader=st.integers(0, len(harness.READERS) - 1),
    body=st.one_of(
        st.binary(max_size=400),
        st.sampled_from(
            [b"WARC/1.0\r\n", b"\x1f\x8b\x08", b"<rss", b"<feed", b'{"text":', b"<html>"]
        ).flatmap(lambda head: st.binary(max_size=300).map(lambda tail: head + tail)),
    ),
)
def test_made_up_bytes_never_break_a_reader(reader: int, body: bytes) -> None:
    harness.check(bytes([reader]) + body)

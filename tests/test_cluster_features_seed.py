"""An article's feature vector is the same, key order and floats, whatever the string hash seed:
its sums and the vocabulary's ids follow that order, so a run must not depend on the seed."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
import sys
sys.path.insert(0, {tests!r})
from body_articles import body_article
from newsprism.cluster.features import featurize
text = ("In 2018 and 2017, 23 missiles were fired during 16 tests, 1,200 miles away; "
        "by 2019, 6.1 percent of 10,000 people, 48 officials and 7 envoys said 3 or 4.")
article = body_article("d1", [text], "In 2016, 12 tests and 9 launches", outlet="Herald")
print(repr(list(featurize(article).vector.items())))
"""


def _vector(seed: str) -> str:
    tests = os.path.dirname(os.path.abspath(__file__))
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(tests=tests)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONHASHSEED": seed},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_features_do_not_depend_on_the_hash_seed() -> None:
    first = _vector("1")
    assert "y:2018" in first and "23" in first
    for seed in ("2", "3", "4"):
        assert _vector(seed) == first

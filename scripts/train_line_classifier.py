"""Rebuild newsprism's body-line model from the Article Extraction Benchmark.

Each benchmark page is rendered to plain text one block a line (as a scraper's text dump looks),
every line is labelled body when its text occurs in the page's gold article body, and a logistic
regression is fitted on the features of ``newsprism.clean.features``. Pages whose file name
starts with 0-7 train the model; pages starting with 8-f are held out and scored, and the held-
out figures are written into the model file. No file of any newsprism gold corpus is read.

    python scripts/train_line_classifier.py [--data ../shared/data/article-extraction-benchmark]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_fscore_support

from newsprism.clean.features import FEATURE_NAMES, line_features, line_shapes
from newsprism.evaluation.aeb import AebPage, pages

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "newsprism" / "clean" / "line_model.json"


def matrix(pages: list[AebPage]) -> tuple[np.ndarray, np.ndarray]:
    """Stack the feature rows and labels of many pages."""
    rows: list[list[float]] = []
    labels: list[int] = []
    for page in pages:
        rows.extend(line_features(line_shapes(page.lines)))
        labels.extend(page.labels)
    return np.asarray(rows, dtype=float), np.asarray(labels, dtype=int)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=ROOT.parent / "shared/data/article-extraction-benchmark"
    )
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth.json").exists():
        print(f"no benchmark at {args.data}", file=sys.stderr)
        return 2
    train = list(pages(args.data, held_out=False))
    held = list(pages(args.data, held_out=True))
    x_train, y_train = matrix(train)
    x_held, y_held = matrix(held)
    mean = x_train.mean(axis=0)
    scale = x_train.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=1.0, max_iter=2000)
    model.fit((x_train - mean) / scale, y_train)
    predicted = model.predict((x_held - mean) / scale)
    p, r, f, _ = precision_recall_fscore_support(y_held, predicted, average="binary")
    payload = {
        "about": "logistic regression over newsprism.clean.features; "
        "built by scripts/train_line_classifier.py",
        "trained_on": f"article-extraction-benchmark, {len(train)} pages (names 0-7*), "
        f"{len(y_train)} lines",
        "held_out": {
            "pages": len(held),
            "lines": len(y_held),
            "precision": round(float(p), 4),
            "recall": round(float(r), 4),
            "f1": round(float(f), 4),
        },
        "features": list(FEATURE_NAMES),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 6),
    }
    args.out.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(payload["held_out"]))
    for name, coef in sorted(
        zip(FEATURE_NAMES, payload["coef"], strict=True), key=lambda t: -abs(t[1])
    ):
        print(f"{name:>18} {coef:+.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

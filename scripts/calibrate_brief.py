"""Calibrate the brief's sentence-score weights on NeuS **train** (never on val).

Usage: python scripts/calibrate_brief.py ../shared/data/neus [--limit N]

Tries a small grid around the current weights, one weight at a time (coordinate ascent, two
passes), scoring newsprism alone by the mean of ROUGE-1, ROUGE-2 and ROUGE-L F on the first
N train triples, and prints every step. The chosen values go into ``brief/scoring.py`` by
hand, with the figures in its docstring; ``newsprism eval summaries`` on val then checks them.
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from newsprism.brief import DEFAULT_WEIGHTS, Weights
from newsprism.evaluation.summaries import evaluate_summaries

GRID: dict[str, list[float]] = {
    "agreement": [0.0, 0.5, 1.0, 1.5, 2.0, 3.0],
    "centrality": [0.0, 0.25, 0.5, 1.0, 1.5],
    "headline": [0.0, 0.25, 0.5, 1.0, 1.5],
    "position": [0.0, 0.25, 0.5, 1.0, 1.5, 2.0],
    "attribution": [0.0, 0.05, 0.1, 0.2],
    "redundancy": [0.4, 0.5, 0.6, 0.7, 0.8],
    "min_words": [4, 6, 8, 10],
}


def _objective(data: Path, weights: Weights, limit: int) -> float:
    result = evaluate_summaries(
        data / "train.source",
        data / "train.target",
        limit=limit,
        systems=("newsprism",),
        weights=weights,
    )
    figures = result.scores["newsprism"]
    return (figures["rouge1"] + figures["rouge2"] + figures["rougeL"]) / 3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", type=Path, help="the NeuS folder (train.source, train.target)")
    parser.add_argument("--limit", type=int, default=800, help="train triples scored per try")
    args = parser.parse_args()
    best = DEFAULT_WEIGHTS
    best_score = _objective(args.data, best, args.limit)
    print(f"start {best_score:.4f} {best}")
    for _ in range(2):
        for name, values in GRID.items():
            for value in values:
                candidate = dataclasses.replace(best, **{name: type(getattr(best, name))(value)})
                if candidate == best:
                    continue
                score = _objective(args.data, candidate, args.limit)
                print(f"{name}={value}: {score:.4f}")
                if score > best_score + 1e-4:
                    best, best_score = candidate, score
                    print(f"  better: {best_score:.4f}")
    print(f"best {best_score:.4f} {best}")


if __name__ == "__main__":
    main()

"""`newsprism eval convert ...`: turn public labelled data into newsprism's evaluation formats."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsprism.cli.common import console, fail

__all__ = ["convert_app"]

convert_app = typer.Typer(
    help="Convert public labelled data sets into inputs and gold files.", no_args_is_help=True
)


@convert_app.command("aeb")
def convert_aeb_cli(
    data: Annotated[
        Path, typer.Argument(help="The article-extraction-benchmark folder (ground-truth.json).")
    ],
    out: Annotated[Path, typer.Argument(help="Folder to write corpus/ and golden/ into.")],
    training_half: Annotated[
        bool,
        typer.Option("--training-half", help="Write the half the line model trains on instead."),
    ] = False,
) -> None:
    """Render the benchmark's pages to text and write a golden-format gold file for them."""
    from newsprism.evaluation.datasets.aeb import write_golden

    if not (data / "ground-truth.json").is_file():
        raise fail(f"{data}: no ground-truth.json here; is this the benchmark folder?")
    gold = write_golden(data, out, held_out=not training_half)
    console.print(f"wrote {gold}; score it with: newsprism eval clean {gold}")


@convert_app.command("ecbplus")
def convert_ecbplus_cli(
    data: Annotated[Path, typer.Argument(help="The ecbplus folder (ECBplus_LREC2014.tar.gz).")],
    out: Annotated[Path, typer.Argument(help="Folder to write docs/ and the label CSV into.")],
    split: Annotated[
        str, typer.Option("--split", help="all, calibration (topics 1-35) or test (36-45).")
    ] = "all",
) -> None:
    """Write ECB+ as JSON-lines articles and a label CSV (topic = storyline, sub-topic = event)."""
    from newsprism.evaluation.datasets.ecbplus import write_ecbplus

    if not (data / "ECBplus_LREC2014.tar.gz").is_file():
        raise fail(f"{data}: no ECBplus_LREC2014.tar.gz here; is this the ecbplus folder?")
    if split not in ("all", "calibration", "test"):
        raise fail(f"unknown split {split!r}: all, calibration or test")
    labels = write_ecbplus(data, out, split=split)
    console.print(f"wrote {labels}; score it with: newsprism eval stories {labels}")


@convert_app.command("newswcl50")
def convert_newswcl50_cli(
    data: Annotated[Path, typer.Argument(help="The newswcl50 folder (1-raw-articles, urls.tsv).")],
    out: Annotated[Path, typer.Argument(help="Folder to write docs/ and the label CSV into.")],
) -> None:
    """Write NewsWCL50 as JSON-lines articles and a label CSV of its 10 events."""
    from newsprism.evaluation.datasets.newswcl50 import write_newswcl50

    if not (data / "1-raw-articles").is_dir():
        raise fail(f"{data}: no 1-raw-articles folder here; is this the newswcl50 folder?")
    labels = write_newswcl50(data, out)
    console.print(f"wrote {labels}; score it with: newsprism eval stories {labels}")


@convert_app.command("sochi")
def convert_sochi_cli(
    gold: Annotated[Path, typer.Argument(help="A golden-format gold file (sochi-2020.json).")],
    out: Annotated[Path, typer.Argument(help="The label CSV to write.")],
) -> None:
    """Write the storyline and events of a gold file as a label CSV pointing at its corpus."""
    from newsprism.errors import NewsprismError
    from newsprism.evaluation.datasets.sochi import write_story_labels

    try:
        labels = write_story_labels(gold, out)
    except (NewsprismError, OSError, ValueError) as exc:
        raise fail(str(exc)) from None
    console.print(f"wrote {labels}; score it with: newsprism eval stories {labels}")


@convert_app.command("golden")
def convert_golden_cli(
    golds: Annotated[
        list[Path], typer.Argument(help="Golden-format gold files (e.g. ../shared/golden/*.json).")
    ],
    out: Annotated[Path, typer.Argument(help="The label CSV to write.")],
) -> None:
    """Write one label CSV over several gold files' corpora, each corpus its own storyline."""
    from newsprism.errors import NewsprismError
    from newsprism.evaluation.datasets.sochi import write_gold_labels

    try:
        labels = write_gold_labels(golds, out)
    except (NewsprismError, OSError, ValueError) as exc:
        raise fail(str(exc)) from None
    console.print(
        f"wrote {labels}; score it with: newsprism eval corpus {labels} --gold DIR_OF_GOLD_FILES"
    )


@convert_app.command("mixed")
def convert_mixed_cli(
    out: Annotated[Path, typer.Argument(help="Folder to write the parts and mixed.csv into.")],
    shared: Annotated[
        Path, typer.Option("--shared", help="The shared folder holding data/, corpus/, golden/.")
    ] = Path("../shared"),
    ecb_topics: Annotated[
        str,
        typer.Option(
            "--ecb-topics", help="ECB+ topics: all, quick (10 topics) or a list such as 1,3,8."
        ),
    ] = "all",
    parts: Annotated[
        str, typer.Option("--parts", help="Parts to mix, from ecbplus,newswcl50,aeb,sochi.")
    ] = "ecbplus,newswcl50,aeb,sochi",
) -> None:
    """Mix ECB+, NewsWCL50, the AEB pages and sochi-2020 into one folder and one label CSV."""
    from newsprism.evaluation.datasets.mixed import (
        MIXED_PLAIN_CSV,
        QUICK_ECB_TOPICS,
        write_mixed,
    )

    wanted = {p.strip() for p in parts.split(",") if p.strip()}
    unknown = wanted - {"ecbplus", "newswcl50", "aeb", "sochi"}
    if unknown:
        raise fail(f"unknown parts {', '.join(sorted(unknown))}: ecbplus, newswcl50, aeb, sochi")
    topics: frozenset[int] | None = None
    if ecb_topics == "quick":
        topics = QUICK_ECB_TOPICS
    elif ecb_topics != "all":
        try:
            topics = frozenset(int(t) for t in ecb_topics.split(","))
        except ValueError:
            raise fail(
                f"--ecb-topics {ecb_topics!r}: all, quick or numbers such as 1,3,8"
            ) from None
    sources = {
        "ecbplus": shared / "data" / "ecbplus" / "ECBplus_LREC2014.tar.gz",
        "newswcl50": shared / "data" / "newswcl50" / "1-raw-articles",
        "aeb": shared / "data" / "article-extraction-benchmark" / "ground-truth.json",
        "sochi": shared / "golden" / "sochi-2020.json",
    }
    for part in sorted(wanted):
        if not sources[part].exists():
            raise fail(f"{sources[part]}: not found; give the shared folder with --shared")
    plain = shared / "corpus" / "newswcl50"
    labels = write_mixed(
        out,
        ecbplus=shared / "data" / "ecbplus" if "ecbplus" in wanted else None,
        newswcl50=shared / "data" / "newswcl50" if "newswcl50" in wanted else None,
        aeb=shared / "data" / "article-extraction-benchmark" if "aeb" in wanted else None,
        sochi_gold=sources["sochi"] if "sochi" in wanted else None,
        ecb_topics=topics,
        newswcl50_plain=plain if "newswcl50" in wanted and plain.is_dir() else None,
    )
    console.print(f"wrote {labels}; score it with: newsprism eval stories {labels}")
    if (labels.parent / MIXED_PLAIN_CSV).is_file():
        console.print(f"and {labels.parent / MIXED_PLAIN_CSV}: NewsWCL50 as undated plain text")

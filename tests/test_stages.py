"""Stages: registered by name, declared, checked before running, composed from a config.

A stage of another package is installed for real (a package folder and its ``dist-info``
with an entry point on ``sys.path``, as pip would leave them) and runs inside ``analyze``
because a user's config names it. Real files, real SQLite.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsprism.config import default_config, load_config
from newsprism.errors import NewsprismError
from newsprism.pipeline import SerialExecutor
from newsprism.runner import analyze
from newsprism.stages import KINDS, Batch, StageContext, build, compose, rescan, stage_names
from newsprism.stages import registry as stage_registry
from newsprism.store import MemoryStore, SQLiteStore

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "sochi-2020"

TOY = "wordcount"
TOY_MODULE = textwrap.dedent(
    '''
    """A stage of another package: counts the words of each article it is given."""

    from dataclasses import replace

    from newsprism.errors import InputError
    from newsprism.stages import BaseStage, StageSpec

    SEEN = []
    """Doc ids and word counts of every article the stage was given, in order."""


    class WordCount(BaseStage):
        spec = StageSpec("wordcount", needs=("article",), makes=("wordcount",),
                         scope="document")

        def __init__(self, context):
            self.refuse = context.options("wordcount").get("refuse", "")

        def pipe(self, batch):
            counts = []
            for article in batch.articles:
                if self.refuse and self.refuse in article.text:
                    raise ValueError("this toy refuses " + self.refuse)
                counts.append((article.doc_id, len(article.text.split())))
            SEEN.extend(counts)
            return replace(batch, extra={**batch.extra, "wordcount": tuple(counts)})


    def make(context):
        return WordCount(context)
    '''
)


@pytest.fixture
def toy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """The toy stage installed as a package with a ``newsprism.stages`` entry point."""
    site = tmp_path / "site"
    (site / "toystage").mkdir(parents=True)
    (site / "toystage" / "__init__.py").write_text(TOY_MODULE, encoding="utf-8")
    info = site / "toystage-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: toystage\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(f"[newsprism.stages]\n{TOY} = toystage:make\n")
    monkeypatch.syspath_prepend(str(site))
    rescan()
    import toystage  # type: ignore[import-not-found]

    toystage.SEEN.clear()
    yield toystage
    stage_registry._FACTORIES.pop(TOY, None)
    sys.modules.pop("toystage", None)


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted(EXAMPLE.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    return folder


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "newsprism.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _context(store: MemoryStore) -> StageContext:
    return StageContext(store, default_config(), SerialExecutor())


# --------------------------------------------------------------------------------------------
# what each stage declares


@pytest.mark.parametrize(
    ("name", "needs", "makes", "stateful", "mark"),
    [
        ("ingest", ("input",), ("document",), False, None),
        ("clean", ("document",), ("article",), False, None),
        ("date", ("article",), ("dated",), True, None),
        ("extract", ("article",), ("extraction", "framing.terms", "parse"), False, "extract"),
        ("dedup", ("article",), ("syndication",), True, None),
        ("cluster", ("article", "syndication"), ("assignment", "story"), True, "cluster"),
        ("compare", ("story",), ("comparison",), False, None),
        ("summarize", ("comparison",), ("brief",), False, None),
    ],
)
def test_each_stage_declares_its_needs_outputs_and_state(
    name: str, needs: tuple[str, ...], makes: tuple[str, ...], stateful: bool, mark: str | None
) -> None:
    assert name in stage_names()
    with MemoryStore() as store:
        spec = build(name, _context(store)).spec
    assert (spec.name, spec.needs, spec.makes) == (name, needs, makes)
    assert spec.stateful is stateful and spec.pure is not stateful
    assert spec.mark == mark
    assert set(needs) | set(makes) <= set(KINDS)  # every kind is a documented one


def test_the_default_config_names_every_built_in_stage_in_a_valid_order() -> None:
    with MemoryStore() as store:
        pipeline = compose(default_config().stages, _context(store))
    assert pipeline.names() == list(default_config().stages)
    assert [s.spec.name for s in pipeline.before_store] == ["clean", "date"]
    assert [s.spec.name for s in pipeline.after_store] == ["extract", "dedup", "cluster"]
    assert [s.spec.name for s in pipeline.per_story] == ["compare", "summarize"]


@pytest.mark.parametrize(
    ("names", "code", "named"),
    [
        (["ingest", "extract"], "E020", "extract needs article"),
        (["ingest", "clean", "cluster"], "E020", "cluster needs syndication"),
        (["ingest", "clean", "summarize"], "E020", "summarize needs comparison"),
        (["ingest", "clean", "dedup", "cluster", "summarize", "compare"], "E020", "summarize"),
        (["ingest", "clean", "nothing"], "E021", "nothing"),
        (["ingest", "clean", "clean"], "E023", "clean"),
    ],
)
def test_a_bad_pipeline_is_refused_before_anything_runs_naming_the_stage(
    tmp_path: Path, names: list[str], code: str, named: str
) -> None:
    folder = _corpus(tmp_path)
    config = load_config(_config(tmp_path, f"[pipeline]\nstages = {names!r}\n"))
    with MemoryStore() as store:
        with pytest.raises(NewsprismError) as caught:
            analyze([str(folder)], store, config=config)
        assert store.count() == 0  # nothing ran
    assert caught.value.code == code and named in str(caught.value)


def test_the_ingest_stage_reads_a_batch_of_inputs_as_documents_and_failures(
    tmp_path: Path,
) -> None:
    folder = _corpus(tmp_path)
    with MemoryStore() as store:
        ingest = build("ingest", _context(store))
        batch = ingest.pipe(Batch(inputs=(str(folder), str(tmp_path / "absent.txt"))))
    assert len(batch.documents) == 5
    [failure] = batch.failures
    assert failure.stage == "ingest" and failure.problem.code == "E009"
    assert failure.source.endswith("absent.txt")


def test_an_object_that_is_not_a_stage_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(stage_registry._FACTORIES, "broken", lambda context: object())
    with MemoryStore() as store, pytest.raises(NewsprismError) as caught:
        build("broken", _context(store))
    assert caught.value.code == "E023" and "broken" in str(caught.value)


# --------------------------------------------------------------------------------------------
# a stage of another package, through the entry point, inside analyze


def test_an_installed_stage_runs_inside_analyze_when_the_config_names_it(
    tmp_path: Path, toy: object
) -> None:
    assert TOY in stage_names()
    folder = _corpus(tmp_path)
    path = _config(
        tmp_path,
        """
        [pipeline]
        stages = ["ingest", "clean", "date", "wordcount", "dedup", "cluster"]
        """,
    )
    with SQLiteStore(tmp_path / "s.db") as store:
        report = analyze([str(folder)], store, config=load_config(path))
        stored = [a.doc_id for a in store.articles()]
        texts = {a.doc_id: len(a.text.split()) for a in store.articles()}
    assert report.ok and report.stages[3] == TOY
    # It saw every article once, after they were cleaned, dated and stored.
    seen = toy.SEEN  # type: ignore[attr-defined]
    assert sorted(d for d, _ in seen) == sorted(stored) and len(stored) == 5
    assert dict(seen) == texts
    assert report.assignments and not report.extracted  # extract was not listed


def test_an_installed_stage_that_raises_fails_only_the_article_it_raises_on(
    tmp_path: Path, toy: object
) -> None:
    folder = _corpus(tmp_path)
    path = _config(
        tmp_path,
        """
        [pipeline]
        stages = ["ingest", "clean", "date", "dedup", "cluster", "wordcount"]

        [stages.wordcount]
        refuse = "Tikhanovskaya"
        """,
    )
    with MemoryStore() as store:
        report = analyze([str(folder)], store, config=load_config(path))
        texts = {a.source: a.text for a in store.articles()}
    refused = sorted(s for s, t in texts.items() if "Tikhanovskaya" in t)
    assert 0 < len(refused) < len(texts)
    assert sorted(f.source for f in report.failures) == refused
    assert {f.code for f in report.failures} == {"E022"}
    assert all("stage wordcount failed" in f.reason for f in report.failures)
    assert len(toy.SEEN) == len(texts) - len(refused)  # type: ignore[attr-defined]


# --------------------------------------------------------------------------------------------
# the config


def test_a_user_file_overrides_only_the_keys_it_sets(tmp_path: Path) -> None:
    config = load_config(_config(tmp_path, "[pipeline]\nchunk_size = 2\n"))
    assert config.chunk_size == 2
    assert config.stages == default_config().stages
    assert default_config().chunk_size == 256


def test_a_small_chunk_size_from_the_config_gives_the_same_stories(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    small = load_config(
        _config(tmp_path, '[pipeline]\nchunk_size = 2\nstages = ["ingest", "clean", "date"]\n')
    )
    with MemoryStore() as store:
        report = analyze([str(folder)], store, config=small)
        assert len(report.stored) == 5 and report.stages == ["ingest", "clean", "date"]
        assert store.pending("cluster") and not report.assignments  # left to a later run
        again = analyze([str(folder)], store, extract=False)
    assert again.resumed == 5 and len({a.doc_id for a in again.assignments}) == 5


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[pipeline]\nstages = 'clean'\n", "list of stage names"),
        ("[pipeline]\nchunk_size = 0\n", "positive integer"),
        ("[stages]\nclean = 3\n", "tables of options"),
        ("[pipeline\n", "not TOML"),
    ],
)
def test_a_bad_config_file_is_a_coded_error(tmp_path: Path, text: str, says: str) -> None:
    with pytest.raises(NewsprismError) as caught:
        load_config(_config(tmp_path, text))
    assert caught.value.code == "E024" and says in str(caught.value)


def test_a_missing_config_file_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(NewsprismError) as caught:
        load_config(tmp_path / "absent.toml")
    assert caught.value.code == "E024"


# --------------------------------------------------------------------------------------------
# the per-story stages


def test_the_story_stages_build_the_views_of_the_stories_the_run_changed(tmp_path: Path) -> None:
    pytest.importorskip("spacy")
    from newsprism.cluster import stories
    from newsprism.views import story_view

    folder = _corpus(tmp_path)
    with SQLiteStore(tmp_path / "s.db") as store:
        report = analyze([str(folder)], store)
        held = stories(store)
        assert report.stories == {s.id for s in held} and report.views
        # Compare then summarize inside analyze give what a view computed on its own gives.
        expected = {s.id: story_view(store, s) for s in held}
        assert {v.story.id: v for v in report.views} == expected
        # A second run over the same inputs changes no story, so builds no view.
        again = analyze([str(folder)], store)
    assert again.stories == set() and again.views == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('[pipeline]\nstages = ["ingest", "clean", "cluster"]\n', "E020"),
        ('[pipeline]\nstages = ["ingest", "clean", "nothing"]\n', "E021"),
        ("[pipeline]\nchunk_size = -1\n", "E024"),
    ],
)
def test_analyze_with_a_config_that_cannot_run_says_why_and_exits_2(
    tmp_path: Path, text: str, code: str
) -> None:
    from typer.testing import CliRunner

    from newsprism.cli.app import app

    path = _config(tmp_path, text)
    db = tmp_path / "s.db"
    result = CliRunner().invoke(
        app, ["analyze", str(EXAMPLE), "--db", str(db), "--config", str(path)]
    )
    assert result.exit_code == 2, result.output
    assert f"[{code}]" in result.stderr and "Traceback" not in result.output


def test_analyze_runs_the_stages_a_config_names(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsprism.cli.app import app

    path = _config(tmp_path, '[pipeline]\nstages = ["ingest", "clean", "date"]\n')
    db = tmp_path / "s.db"
    result = CliRunner().invoke(
        app, ["analyze", str(EXAMPLE), "--db", str(db), "--config", str(path)]
    )
    assert result.exit_code == 0, result.output
    assert "5 stored" in result.stdout
    with SQLiteStore(db) as store:
        assert store.count() == 5 and len(store.pending("cluster")) == 5

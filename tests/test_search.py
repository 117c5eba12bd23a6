"""Search in SQLite FTS5 query syntax on the sochi-2020 store: operators, filters, snippets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsprism.cli.app import app
from newsprism.errors import NewsprismError
from newsprism.store import open_store
from newsprism.store.memory import MemoryStore

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sochi-2020"
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store `newsprism analyze examples/sochi-2020` makes."""
    path = tmp_path_factory.mktemp("search") / "sochi.db"
    result = runner.invoke(app, ["analyze", str(EXAMPLE), "--db", str(path), "-q"])
    assert result.exit_code == 0, result.output
    return path


def _outlets(db: Path, query: str, **filters: object) -> set[str]:
    with open_store(db) as store:
        hits = store.search(query, syntax="fts5", **filters)  # type: ignore[arg-type]
    return {h.outlet or "?" for h in hits}


def _mentioning(db: Path, word: str) -> set[str]:
    """Outlets whose stored headline or kept text holds ``word`` (read off the articles)."""
    with open_store(db) as store:
        return {
            a.outlet or "?"
            for a in store.articles()
            if word.lower() in (a.title + " " + a.body_text).lower()
        }


@pytest.mark.parametrize(
    "query, expected",
    [
        # NOT: the articles naming Lukashenko less those naming Peskov.
        ("Lukashenko NOT Peskov", lambda m: m("lukashenko") - m("peskov")),
        ("Peskov OR Meduza", lambda m: m("peskov") | m("meduza")),
        ('"Kremlin spokesman"', lambda m: m("kremlin spokesman")),
        ("Lukash*", lambda m: m("lukash")),
        ("Peskov AND Sochi", lambda m: m("peskov") & m("sochi")),
        ("(Peskov OR Tikhanovskaya) NOT Meduza",
         lambda m: (m("peskov") | m("tikhanovskaya")) - m("meduza")),
    ],
)  # fmt: skip
def test_operators_return_the_right_articles(db: Path, query: str, expected: object) -> None:
    want = expected(lambda w: _mentioning(db, w))  # type: ignore[operator]
    assert want, f"the case {query!r} should find something"
    assert _outlets(db, query) == want


def test_not_leaves_out_the_peskov_articles(db: Path) -> None:
    peskov = _outlets(db, "Peskov")
    assert len(peskov) == 3
    assert not _outlets(db, "Lukashenko NOT Peskov") & peskov
    assert _outlets(db, "Lukashenko NOT Peskov")


def test_phrase_differs_from_its_words(db: Path) -> None:
    # The words in any order match more than the phrase in its order.
    assert _outlets(db, '"spokesman Kremlin"') < _outlets(db, "spokesman Kremlin")


@pytest.mark.parametrize(
    "query, problem",
    [
        ('"Kremlin spokesman', "unterminated string"),
        ("Lukashenko AND", "ends too early"),
        ("NOT Peskov", 'syntax error near "NOT"'),
        ("(Putin OR Peskov", "ends too early"),
    ],
)
def test_malformed_query_one_line_exit_2(db: Path, query: str, problem: str) -> None:
    result = runner.invoke(app, ["search", query, "--db", str(db)])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and problem in lines[0] and "E034" in lines[0], result.output


@pytest.mark.parametrize("query", ['"Kremlin spokesman', "NOT Peskov", "Lukashenko AND"])
def test_memory_store_refuses_the_same_queries(db: Path, query: str) -> None:
    memory = MemoryStore()
    with pytest.raises(NewsprismError, match="E034"):
        memory.search(query, syntax="fts5")


def test_memory_store_agrees_with_sqlite(db: Path) -> None:
    memory = MemoryStore()
    with open_store(db) as store:
        for article in store.articles():
            document = store.document(article.doc_id)
            assert document is not None
            memory.add(document, article)
    for query in ["Lukashenko NOT Peskov", "Peskov OR Meduza", '"Kremlin spokesman"', "Lukash*",
                  "NEAR(Putin Lukashenko, 5)", "title:Lukashenko"]:  # fmt: skip
        found = {h.outlet for h in memory.search(query, syntax="fts5")}
        assert found == _outlets(db, query), query


def test_filters_by_outlet_and_date(db: Path) -> None:
    assert _outlets(db, "Peskov", outlets=("tass",)) == {"TASS"}
    late = _outlets(db, "Lukashenko", since=dt.date(2020, 11, 1))
    early = _outlets(db, "Lukashenko", until=dt.date(2020, 10, 31))
    assert late and early and not late & early


def test_snippet_marks_the_match(db: Path) -> None:
    with open_store(db) as store:
        hits = store.search("Peskov", syntax="fts5")
    assert hits
    for hit in hits:
        assert hit.marks, hit
        assert all(hit.snippet[a:b].lower() == "peskov" for a, b in hit.marks)
        assert "\x02" not in hit.snippet and "\x03" not in hit.snippet


def test_words_syntax_keeps_operators_as_words(db: Path) -> None:
    # The web UI's plain search is unchanged: "NOT" is a word there, so every article found
    # names Peskov.
    with open_store(db) as store:
        found = {h.outlet for h in store.search("Lukashenko NOT Peskov")}
    assert found and found <= _outlets(db, "Peskov")


def test_cli_filters_and_json(db: Path) -> None:
    import json

    result = runner.invoke(
        app, ["search", "Peskov", "--outlet", "TASS", "--since", "2020-11-01", "--json",
              "--db", str(db)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    hits = json.loads(result.output)
    assert [h["outlet"] for h in hits] == ["TASS"] and hits[0]["matches"]


def test_help_documents_the_syntax() -> None:
    result = runner.invoke(app, ["search", "--help"], env={"COLUMNS": "120"})
    for operator in ("AND", "OR", "NOT", "NEAR(", '"Kremlin spokesman"', "sanction*"):
        assert operator in result.output, operator

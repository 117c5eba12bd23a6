"""The public front is small and pinned: adding or removing a name is a deliberate change."""

from __future__ import annotations

import newsprism

PUBLIC = {
    "Article",
    "Document",
    "IngestFailure",
    "InputError",
    "MemoryStore",
    "NewsprismError",
    "Paragraph",
    "Role",
    "RunReport",
    "SQLiteStore",
    "Store",
    "__version__",
    "analyze",
    "clean_batch",
    "clean_document",
    "iter_documents",
    "open_store",
    "read_file",
    "resolve_dates",
}


def test_all_is_pinned() -> None:
    assert set(newsprism.__all__) == PUBLIC
    for name in newsprism.__all__:
        assert getattr(newsprism, name) is not None


def test_library_round_trip(tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    (folder / "a.txt").write_text(
        "Council expands bus network\n\nThe city council voted on Tuesday to expand the bus "
        "network, adding four routes that will connect the northern suburbs with the centre.\n",
        encoding="utf-8",
    )
    with newsprism.open_store(folder / "n.db") as store:
        report = newsprism.analyze([str(folder)], store)
        assert report.ok and len(report.stored) == 1
        assert store.article("1").title == "Council expands bus network"

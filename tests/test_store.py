"""Behaviour every store shares: SQLiteStore (file and in-memory) and its MemoryStore twin."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsprism.store
from newsprism.errors import NewsprismError
from newsprism.records import Article, Document, Paragraph, Role, Span
from newsprism.store import MemoryStore, SearchHit, SQLiteStore, Store, open_store
from test_store_strategies import sample_pair, stored_pairs

Factory = Callable[[], Store]

# Stores the hypothesis tests may build many of: no files, so no per-example clean-up.
CHEAP: list[Factory] = [lambda: SQLiteStore(":memory:"), MemoryStore]
CHEAP_IDS = ["sqlite-memory", "memory"]


@pytest.fixture(params=["sqlite-file", "sqlite-memory", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    made: Store
    if request.param == "sqlite-file":
        made = SQLiteStore(tmp_path / "test.db")
    elif request.param == "sqlite-memory":
        made = SQLiteStore(":memory:")
    else:
        made = MemoryStore()
    with made:
        yield made


def _article(doc_id: str, title: str, body: Sequence[str], removed: Sequence[str] = ()) -> Article:
    """A small article whose paragraphs are ``body`` (kept) then ``removed`` (comments)."""
    texts = [(t, Role.BODY) for t in body] + [(t, Role.COMMENTS) for t in removed]
    paragraphs = tuple(
        Paragraph(i, text, Span(doc_id, 0, len(text)), role, "test")
        for i, (text, role) in enumerate(texts)
    )
    return Article(doc_id, "test", "\n\n".join(body), title, paragraphs, outlet="Outlet")


def _add(
    store: Store, doc_id: str, title: str, body: Sequence[str], removed: Sequence[str] = ()
) -> None:
    document, _ = sample_pair(0)
    document = dataclasses.replace(
        document,
        id=doc_id,
        provenance=dataclasses.replace(document.provenance, content_hash=doc_id * 4),
    )
    assert store.add(document, _article(doc_id, title, body, removed))


def test_public_api_is_pinned() -> None:
    assert sorted(newsprism.store.__all__) == [
        "COLLECTIONS",
        "Collection",
        "MemoryStore",
        "SQLiteStore",
        "SearchHit",
        "Store",
        "dumps",
        "from_dict",
        "loads",
        "open_store",
        "to_dict",
    ]


def test_stores_satisfy_the_protocol(store: Store) -> None:
    assert isinstance(store, Store)


def test_open_store_is_sqlite_even_in_memory(tmp_path: Path) -> None:
    with open_store(":memory:") as memory, open_store(tmp_path / "x.db") as on_disk:
        assert isinstance(memory, SQLiteStore)
        assert isinstance(on_disk, SQLiteStore)


@pytest.mark.parametrize("make", CHEAP, ids=CHEAP_IDS)
@settings(max_examples=60, deadline=None)
@given(pairs=stored_pairs())
def test_store_round_trips(make: Factory, pairs: list[tuple[Document, Article]]) -> None:
    with make() as store:
        for document, article in pairs:
            assert store.add(document, article)
        assert store.count() == len(pairs)
        assert list(store.articles()) == [a for _, a in pairs]
        for row, (document, article) in enumerate(pairs, start=1):
            assert store.document(document.id) == document
            assert store.article(document.id) == article
            assert store.article(str(row)) == article
            if document.provenance.content_hash:
                assert store.has(document.provenance.content_hash)
        # Adding the same batch again changes nothing.
        assert not any(store.add(d, a) for d, a in pairs)
        assert list(store.articles()) == [a for _, a in pairs]


def test_adding_the_same_document_twice_changes_nothing(store: Store) -> None:
    document, article = sample_pair(1)
    assert not store.has(document.provenance.content_hash)
    assert store.add(document, article)
    assert not store.add(document, article)
    changed = dataclasses.replace(article, title="Something else")
    assert not store.add(document, changed)  # same hash: the first version stays
    other_id = dataclasses.replace(document, id="ffffffffffffffff")
    assert not store.add(other_id, dataclasses.replace(article, doc_id="ffffffffffffffff"))
    assert store.count() == 1
    assert store.article(document.id) == article
    assert store.has(document.provenance.content_hash)
    assert not store.has("")


def test_documents_without_a_hash_are_told_apart_by_id(store: Store) -> None:
    for i in range(2):
        document, article = sample_pair(i)
        document = dataclasses.replace(
            document, provenance=dataclasses.replace(document.provenance, content_hash="")
        )
        assert store.add(document, article)
        assert not store.add(document, article)
    assert store.count() == 2


def test_an_article_must_belong_to_its_document(store: Store) -> None:
    document, _ = sample_pair(1)
    _, article = sample_pair(2)
    with pytest.raises(ValueError):
        store.add(document, article)
    assert store.count() == 0
    assert store.document(document.id) is None


def test_lookup_by_id_prefix_and_row_number(store: Store) -> None:
    ids = ["abcd000000000001", "abcd000000000002", "0002ffffffffffff", "1234567890abcdef"]
    for doc_id in ids:
        _add(store, doc_id, f"title {doc_id}", ["text"])
    assert store.article("abcd000000000002").doc_id == "abcd000000000002"
    assert store.article("1234").doc_id == "1234567890abcdef"
    assert store.article("abcd0000000000011"[:16]).doc_id == "abcd000000000001"
    assert store.article(" 4 ").doc_id == "1234567890abcdef"
    assert [store.article(str(n)).doc_id for n in range(1, 5)] == ids
    assert store.article("0002f").doc_id == "0002ffffffffffff"


@pytest.mark.parametrize(
    "key, fragment",
    [
        ("abcd", "ambiguous"),  # prefix of two ids
        ("0002", "ambiguous"),  # row 2 and a prefix of another article's id
        ("abc", "abc"),  # too short for a prefix, not a number
        ("5", "5"),
        ("0", "0"),
        ("99999999999999999999999999", "9999"),
        ("", "matches"),
        ("ffff", "ffff"),
        ("٣", "٣"),  # an Arabic-Indic digit is not a row number
    ],
)
def test_unknown_or_ambiguous_keys_raise_e031(store: Store, key: str, fragment: str) -> None:
    for doc_id in ["abcd000000000001", "abcd000000000002", "0002ffffffffffff", "1234567890abcdef"]:
        _add(store, doc_id, "t", ["text"])
    with pytest.raises(NewsprismError, match=fragment) as caught:
        store.article(key)
    assert caught.value.code == "E031"


def test_update_article_replaces_it_and_its_search_text(store: Store) -> None:
    _add(store, "aaaa000000000001", "Floods in the north", ["Rivers rose overnight."])
    _add(store, "aaaa000000000002", "Other news", ["Nothing to see."])
    new = _article("aaaa000000000001", "Drought in the south", ["Wells ran dry."])
    store.update_article(new)
    assert store.article("aaaa000000000001") == new
    assert [a.doc_id for a in store.articles()] == ["aaaa000000000001", "aaaa000000000002"]
    assert store.search("floods") == []
    assert [h.doc_id for h in store.search("wells dry")] == ["aaaa000000000001"]
    with pytest.raises(NewsprismError) as caught:
        store.update_article(_article("bbbb000000000000", "x", []))
    assert caught.value.code == "E031"


def test_articles_can_be_updated_while_iterating(store: Store) -> None:
    for i in range(5):
        document, article = sample_pair(i)
        store.add(document, article)
    for article in store.articles():
        store.update_article(dataclasses.replace(article, language="fr"))
    assert [a.language for a in store.articles()] == ["fr"] * 5


def _corpus(store: Store) -> None:
    _add(store, "0000000000000001", "Protest in Minsk", ["Police detained protesters in Minsk."])
    _add(
        store,
        "0000000000000002",
        "Minsk protest grows; protest spreads",
        ["The protest in Minsk grew. Another protest began."],
    )
    _add(store, "0000000000000003", "Weather", ["Sunny in Zürich."], removed=["Minsk protest!"])
    _add(store, "0000000000000004", "U.S. election", ["Votes were counted in the U.S. today."])


@pytest.mark.parametrize(
    "query, expected",
    [
        ("minsk", {"0000000000000001", "0000000000000002"}),
        ("Minsk police", {"0000000000000001"}),  # every word must match
        ("MINSK   Protest", {"0000000000000001", "0000000000000002"}),
        ("zurich", {"0000000000000003"}),  # diacritics folded
        ("ZÜRICH", {"0000000000000003"}),
        ("comments", set()),
        ("sunny minsk", set()),  # "Minsk" is only in the removed comments
        ("u.s.", {"0000000000000004"}),
        ('"minsk', {"0000000000000001", "0000000000000002"}),
        ("", set()),
        ("!!! ---", set()),
    ],
)
def test_search_matches_all_words_of_title_and_kept_text(
    store: Store, query: str, expected: set[str]
) -> None:
    _corpus(store)
    assert {h.doc_id for h in store.search(query)} == expected


def test_search_ranks_better_matches_first(store: Store) -> None:
    _corpus(store)
    hits = store.search("protest")
    assert [h.doc_id for h in hits] == ["0000000000000002", "0000000000000001"]
    assert hits[0].score > hits[1].score
    assert hits[0] == SearchHit(
        "0000000000000002",
        "Minsk protest grows; protest spreads",
        "Outlet",
        None,
        hits[0].snippet,
        hits[0].score,
    )
    assert "protest" in hits[0].snippet.lower()
    assert len(store.search("protest", limit=1)) == 1
    assert store.search("protest", limit=0) == []


def test_search_hit_carries_the_published_date(store: Store) -> None:
    document, article = sample_pair(7)
    store.add(document, article)
    (hit,) = store.search("storm7")
    assert hit.published == article.published.date
    assert hit.title == article.title
    assert "storm7" in hit.snippet


QUERY_TEXT = st.text(
    alphabet=st.sampled_from("\"'*^:+-()[]{}.,;!?~\\/\0 \t\nNEARANDORNOTstormminsk1é中"),
    max_size=30,
) | st.text(max_size=30)


@pytest.mark.parametrize("make", CHEAP, ids=CHEAP_IDS)
@settings(max_examples=150, deadline=None)
@given(query=QUERY_TEXT)
def test_any_query_text_is_safe(make: Factory, query: str) -> None:
    with make() as store:
        for i in range(3):
            store.add(*sample_pair(i, words=query))
        hits = store.search(query)
        assert all(isinstance(h, SearchHit) for h in hits)


def test_memory_twin_finds_what_sqlite_finds(tmp_path: Path) -> None:
    queries = ["minsk", "protest minsk", "zurich", "u.s.", "police", "grew", "nothing"]
    with SQLiteStore(tmp_path / "a.db") as sqlite, MemoryStore() as memory:
        _corpus(sqlite)
        _corpus(memory)
        for query in queries:
            found = [h.doc_id for h in sqlite.search(query)]
            assert found == [h.doc_id for h in memory.search(query)], query


def test_a_closed_store_refuses_work(store: Store) -> None:
    store.close()
    store.close()  # harmless
    with pytest.raises(RuntimeError):
        store.count()
    with pytest.raises(RuntimeError):
        store.add(*sample_pair(1))

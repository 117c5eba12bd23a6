"""The public front of newsprism.ingest: pinned names, docstrings, the fetcher protocol."""

from __future__ import annotations

import inspect

import newsprism.ingest as ingest
from newsprism.ingest import DEFAULT_MAX_BYTES, Fetcher, MemoryFetcher, UrllibFetcher


def test_public_names_are_pinned() -> None:
    assert ingest.__all__ == [
        "DEFAULT_MAX_BYTES",
        "FetchError",
        "Fetcher",
        "MemoryFetcher",
        "UrllibFetcher",
        "iter_documents",
        "read_file",
        "read_url",
    ]


def test_every_public_function_has_a_one_line_docstring() -> None:
    for name in ingest.__all__:
        obj = getattr(ingest, name)
        if callable(obj):
            doc = inspect.getdoc(obj)
            assert doc, name
            assert "\n" not in doc.split("\n\n")[0], name


def test_fetchers_satisfy_the_protocol() -> None:
    assert isinstance(MemoryFetcher({}), Fetcher)
    assert isinstance(UrllibFetcher(), Fetcher)


def test_default_limit_is_32_mib() -> None:
    assert DEFAULT_MAX_BYTES == 32 * 2**20


def test_urllib_fetcher_refuses_other_schemes() -> None:
    # file:// would let a feed list read local files; no network is needed to check this.
    try:
        UrllibFetcher().fetch("file:///etc/passwd")
    except OSError as error:
        assert "not an http(s) URL" in str(error)
    else:
        raise AssertionError("file:// was fetched")

"""The extraction stage: registered, ordered in a pipeline, stored, and clear without spaCy."""

from __future__ import annotations

import sys
from typing import Any

import pytest

import newsprism.extract
from newsprism.clean import CleanStage
from newsprism.errors import NewsprismError
from newsprism.extract import ExtractStage, extract_article, load_nlp, merge_extractions
from newsprism.pipeline import Pipeline, get_stage, registered_stages
from newsprism.records import Document, Extraction, Provenance
from newsprism.store import MemoryStore, dumps, loads

TEXT = """Officials meet on aid

White House spokesman Josh Earnest said on Monday that the fund would approve a $1.5-billion loan.

“We will pass the bill this year,” Mr. Earnest told reporters.

Posted by reader123: “This is all a lie,” one reader wrote.
"""


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp()


def document(text: str = TEXT, doc_id: str = "d" * 16) -> Document:
    return Document(doc_id, Provenance("memory.txt", content_hash=doc_id * 4), "text", text)


def test_the_stage_is_registered_with_what_it_needs_and_provides() -> None:
    assert newsprism.extract.ExtractStage is ExtractStage
    assert "newsprism.extract.v1" in registered_stages()
    stage = get_stage("newsprism.extract.v1")
    assert stage.requires == ("article",)
    assert stage.provides == ("extraction",)


def test_the_pipeline_checks_the_order() -> None:
    with pytest.raises(NewsprismError) as caught:
        Pipeline([ExtractStage()])
    assert caught.value.code == "E020"
    assert Pipeline([CleanStage(), ExtractStage()]).provides >= {"article", "extraction"}


def test_document_to_extraction_through_the_pipeline(nlp: Any) -> None:
    extraction = Pipeline([CleanStage(), ExtractStage()])(document())
    assert isinstance(extraction, Extraction)
    assert extraction.doc_id == "d" * 16
    assert any(q.speaker == "Josh Earnest" for q in extraction.quotes)
    assert any(f.kind == "money" and f.value == 1.5e9 for f in extraction.figures)


def test_extractions_round_trip_through_the_store(nlp: Any) -> None:
    article = CleanStage()(document())
    extraction = extract_article(article, nlp=nlp)
    assert loads(Extraction, dumps(extraction)) == extraction
    with MemoryStore() as store:
        store.put_records("extract", article.doc_id, [extraction], doc_id=article.doc_id)
        assert store.get_records("extract", article.doc_id, Extraction) == [extraction]
        assert store.record_keys("extract") == [article.doc_id]


def test_merging_extractions_made_apart(nlp: Any) -> None:
    one = extract_article(CleanStage()(document()), nlp=nlp)
    other_text = TEXT.replace("Josh Earnest", "J. Earnest")
    other = extract_article(CleanStage()(document(other_text, "e" * 16)), nlp=nlp)
    merged = merge_extractions([one, other])
    ids = {e.id for x in merged for e in x.entities if e.label == "PERSON"}
    assert len(ids) == 1
    assert all(q.speaker_id in ids for x in merged for q in x.quotes if q.speaker_id)


def test_a_missing_model_or_spacy_names_the_install_line(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(NewsprismError) as caught:
        load_nlp("no_such_model_package_installed")
    assert caught.value.code == "E050"
    assert "pip install 'newsprism[nlp]'" in str(caught.value)
    monkeypatch.setitem(sys.modules, "spacy", None)
    with pytest.raises(NewsprismError) as caught:
        load_nlp("another_missing_model")
    assert "pip install 'newsprism[nlp]'" in str(caught.value)


def test_loading_the_model_leaves_pytorch_unimported_and_importable() -> None:
    # thinc imports PyTorch whenever it is installed; the shipped model runs without it, and
    # a later `import torch` (sentence embeddings) must still work.
    import importlib.util
    import subprocess

    if importlib.util.find_spec("torch") is None:
        pytest.skip("PyTorch is not installed: nothing to leave out")
    script = (
        "import sys\n"
        "from newsprism.extract import load_nlp\n"
        "nlp = load_nlp()\n"
        "assert [t.pos_ for t in nlp('Putin met Lukashenko in Sochi.')][0] == 'PROPN'\n"
        "print('torch' in sys.modules)\n"
        "import torch\n"
        "print(torch.tensor([1.0]).item())\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True
    ).stdout.split()
    assert out == ["False", "1.0"]

"""Framing terms: descriptive noun phrases with spans, ranked per outlet by weighted log-odds."""

from __future__ import annotations

import hashlib
from collections import Counter

import pytest

from newsprism.clean import clean_document
from newsprism.compare.framing import outlet_framing, rarity
from newsprism.records import Citation, Document, Provenance, Span


def cite(outlet: str, text: str) -> Citation:
    """A term citation from one outlet."""
    return Citation(outlet, outlet, outlet, text, Span(outlet, 0, len(text)))


def test_each_outlet_gets_its_own_loaded_terms_first() -> None:
    citations = {
        "a": [
            cite("A", "embattled leader"),
            cite("A", "harsh crackdown"),
            cite("A", "recent weeks"),
        ],
        "b": [
            cite("B", "legitimate leader"),
            cite("B", "recent weeks"),
            cite("B", "brotherly nation"),
        ],
    }
    framing = {f.outlet: [t.term for t in f.terms] for f in outlet_framing(citations)}
    assert framing["A"][-1] == "recent weeks" and framing["B"][-1] == "recent weeks"
    assert set(framing["A"][:2]) == {"embattled leader", "harsh crackdown"}


def test_terms_keep_their_citations_and_one_outlet_has_no_framing() -> None:
    citations = {"a": [cite("A", "embattled leader")]}
    assert outlet_framing(citations) == []
    two = {"a": [cite("A", "embattled leader")], "b": [cite("B", "firm ally")]}
    (first, _) = outlet_framing(two, Counter({"firm ally": 3, "embattled leader": 1}))
    assert first.terms[0].citations[0].text == "embattled leader"


def test_rarity_prefers_uncommon_words() -> None:
    assert rarity("embattled strongman") < rarity("recent weeks")


def test_rarity_reads_lower_case_words_only() -> None:
    # "Belarusian" is rare in general English but names a nationality: it is not loaded.
    assert rarity("Belarusian state") == rarity("state")
    assert rarity("Belarusian strongman") == rarity("strongman")
    assert rarity("Western Nations") == 8.0


def test_framing_terms_from_text() -> None:
    pytest.importorskip("spacy")
    pytest.importorskip("newsprism.extract")
    from newsprism.extract import load_nlp
    from newsprism.framing import framing_terms

    text = (
        "Police ended the unauthorized demonstrations\n\nThe embattled Belarus leader praised "
        "the legitimate leader of a brotherly nation after the disputed win, while Lukashenko's "
        "supposed landslide election victory drew a harsh crackdown on 3 streets.\n"
    )
    digest = hashlib.sha256(text.encode()).hexdigest()
    article = clean_document(Document(digest[:16], Provenance("t.txt", content_hash=digest),
                                      "text", text))  # fmt: skip
    (found,) = framing_terms([article], load_nlp())
    terms = {c.text for c in found}
    for expected in ("embattled Belarus leader", "disputed win", "harsh crackdown",
                     "supposed landslide election victory"):  # fmt: skip
        assert expected in terms
    assert any(t.startswith("legitimate leader of") for t in terms)
    for c in found:
        assert article.text[c.span.start : c.span.end] == c.text

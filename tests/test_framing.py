"""Framing terms: descriptive noun phrases with spans, ranked per outlet by weighted log-odds."""

from __future__ import annotations

import hashlib
import itertools
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from newsprism.clean import clean_document
from newsprism.compare.framing import outlet_framing, rarity, story_words
from newsprism.records import Article, Citation, Document, Provenance, Span

_NEXT = itertools.count(0, 100)


def cite(outlet: str, text: str, start: int | None = None) -> Citation:
    """A term citation from one outlet, at its own place in the outlet's article."""
    at = next(_NEXT) if start is None else start
    return Citation(outlet, outlet, outlet, text, Span(outlet, at, at + len(text)))


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
    from newsprism.extract.framing import framing_terms

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


def test_words_most_outlets_write_are_the_storys_not_an_outlets() -> None:
    def sentence(outlet: str, text: str, context: str) -> Citation:
        return Citation(outlet, outlet, outlet, text, Span(outlet, 0, len(text)), context)

    by_outlet = {
        "A": [sentence("A", "ballistic tests", "ballistic tests and a reclusive leader")],
        "B": [sentence("B", "ballistic missiles", "ballistic missiles were fired")],
        "C": [sentence("C", "ballistic launches", "more ballistic launches")],
    }
    shared = story_words(by_outlet)
    assert "ballistic" in shared["A"] and "reclusive" not in shared["A"]
    assert rarity("ballistic tests", shared["A"]) > rarity("reclusive leader", shared["A"])


@pytest.mark.parametrize(
    "sentence, term",
    [
        ("The two leaders taunted each other for months.", "taunted each other"),
        (
            "The president lashed out at the investigation on Friday.",
            "lashed out at the investigation",
        ),
        (
            "The senator angrily criticized the plan on Tuesday, hours after the vote.",
            "angrily criticized",
        ),
        ("It was a long, grueling journey for the families.", "long, grueling journey"),
        (
            "The ministry issued an aggressive but toothless statement after the meeting.",
            "aggressive but toothless statement",
        ),
    ],
)
def test_loaded_verbs_and_coordinated_modifiers_are_terms(sentence: str, term: str) -> None:
    pytest.importorskip("spacy")
    pytest.importorskip("newsprism.extract")
    from newsprism.extract import load_nlp
    from newsprism.extract.framing import framing_terms

    text = f"Headline\n\n{sentence}\n"
    digest = hashlib.sha256(text.encode()).hexdigest()
    article = clean_document(Document(digest[:16], Provenance("t.txt", content_hash=digest),
                                      "text", text))  # fmt: skip
    (found,) = framing_terms([article], load_nlp())
    assert term in [c.text for c in found]


def test_plain_verbs_are_not_terms() -> None:
    pytest.importorskip("spacy")
    pytest.importorskip("newsprism.extract")
    from newsprism.extract import load_nlp
    from newsprism.extract.framing import framing_terms

    text = "Headline\n\nThe two sides signed the agreement and announced the talks.\n"
    digest = hashlib.sha256(text.encode()).hexdigest()
    article = clean_document(Document(digest[:16], Provenance("t.txt", content_hash=digest),
                                      "text", text))  # fmt: skip
    (found,) = framing_terms([article], load_nlp())
    assert not [c.text for c in found if c.text.split()[0] in ("signed", "announced")]


def test_a_term_inside_a_shown_term_is_not_shown_again() -> None:
    citations = {
        "a": [
            cite("A", "officially reported landslide victory", 10),
            cite("A", "reported landslide victory", 21),
            cite("A", "harsh crackdown", 200),
        ],
        "b": [cite("B", "legitimate leader")],
    }
    (a, _) = outlet_framing(citations)
    terms = [t.term for t in a.terms]
    assert "harsh crackdown" in terms
    assert (
        len({"officially reported landslide victory", "reported landslide victory"} & set(terms))
        == 1
    )


_PARSE_ONCE_TEXTS = [
    "Officials hailed the landmark accord\n\nThe embattled Belarus leader praised the "
    "disputed win.\n\nCritics lashed out at the harsh crackdown on peaceful marchers.\n",
    "Markets shrug off the grim forecast\n\nA fragile recovery met a bitter winter, said the "
    "central bank's chief economist.\n",
]


class _CountingNlp:
    """The real spaCy pipeline, counting each text it is asked to parse."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.parsed: Counter[str] = Counter()

    def pipe(self, texts: Iterable[str], **kwargs: Any) -> Any:
        items = list(texts)
        self.parsed.update(items)
        return self.nlp.pipe(items, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.nlp, name)


def _parse_once_articles() -> list[Article]:
    articles = []
    for text in _PARSE_ONCE_TEXTS:
        digest = hashlib.sha256(text.encode()).hexdigest()
        document = Document(digest[:16], Provenance(f"{digest[:8]}.txt", content_hash=digest),
                            "text", text)  # fmt: skip
        articles.append(clean_document(document))
    return articles


def test_framing_terms_read_given_parses_as_their_own() -> None:
    pytest.importorskip("spacy")
    pytest.importorskip("newsprism.extract")
    from newsprism.extract import load_nlp
    from newsprism.extract.framing import framing_terms
    from newsprism.extract.nlp import parse

    nlp = load_nlp()
    articles = _parse_once_articles()
    parses = {a.doc_id: list(parse((p.text for p in a.body), nlp)) for a in articles}
    assert all(a.title_span for a in articles)
    counting = _CountingNlp(nlp)
    given = framing_terms(articles, counting, parses=parses)
    assert given == framing_terms(articles, nlp)
    assert any(given)
    # Only the headlines were parsed: the bodies came from the parses given.
    headlines = [a.text[a.title_span.start : a.title_span.end] for a in articles if a.title_span]
    assert sorted(counting.parsed) == sorted(headlines)


def test_framing_terms_refuse_parses_that_do_not_match_the_body() -> None:
    pytest.importorskip("spacy")
    pytest.importorskip("newsprism.extract")
    from newsprism.extract import load_nlp
    from newsprism.extract.framing import framing_terms

    nlp = load_nlp()
    (article, _) = _parse_once_articles()
    with pytest.raises(ValueError, match="parses for"):
        framing_terms([article], nlp, parses={article.doc_id: []})


def test_extract_into_parses_each_text_once(tmp_path: Path) -> None:
    pytest.importorskip("spacy")
    pytest.importorskip("newsprism.extract")
    from newsprism.extract import load_nlp
    from newsprism.extract.framing import TERMS_KIND, framing_terms
    from newsprism.records import Citation as Cited
    from newsprism.runner import extract_into
    from newsprism.store import open_store

    nlp = load_nlp()
    articles = _parse_once_articles()
    counting = _CountingNlp(nlp)
    with open_store(f"{tmp_path}/s.db") as store:
        for article in articles:
            digest = article.doc_id
            provenance = Provenance(f"{digest}.txt", content_hash=digest)
            store.add(Document(digest, provenance, "text", article.text), article)
        stored = list(store.articles())
        assert extract_into(store, stored, nlp=counting) == len(stored)
        terms = [store.get_records(TERMS_KIND, a.doc_id, Cited) for a in stored]
    assert terms == framing_terms(stored, nlp)
    # Every headline and body paragraph went through spaCy exactly once.
    texts = [a.text[a.title_span.start : a.title_span.end] for a in stored if a.title_span]
    texts += [p.text for a in stored for p in a.body]
    assert counting.parsed == Counter(texts)

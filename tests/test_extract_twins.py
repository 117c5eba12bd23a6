"""The twins of spaCy's attribute ruler and lemmatizer set exactly what spaCy's own set."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("spacy")
pytest.importorskip("newsprism.extract")

import numpy
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.extract import load_nlp
from newsprism.extract.twins import LemmatizerTwin, RulerTwin, pipe, twins

# Every kind of rule the model's ruler holds: one-token rules on tags, words and dependency
# labels, the two-token rules ("gon na", "ai n't", "y' all", "let 's", "there is"), the
# space rules, and words the lemmatizer's own rules and exceptions read.
TEXTS = [
    "I'm gonna go, y'all. Let's see what we've got: gotta run, c'mon!",
    "Ain't nothin' wrong with doin' that, ol' friend; somethin' 'bout 'em, 'nuff said.",
    "There is a cat and there were dogs. It's here, isn't it? He'd have gone; she'd left.",
    "She gets what she wants and he got none. Nobody knew anything about everyone else.",
    "They were being watched by those who had been there.  Two  spaces\tand a tab.",
    "The mice ran faster than the geese, better than the best-known children's books.",
    "But it was well after then that once again I could not, wouldn't, can't, shan't.",
    "\n\nOfficials said on Monday that the fund would approve a $1.5-billion loan.\n",
    "",
    "   ",
]

ATTRS = ["ORTH", "TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE"]


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp()


def annotations(doc: Any) -> tuple[Any, ...]:
    """Everything the pipeline sets on a doc, as comparable values."""
    return (
        doc.to_array(ATTRS).tolist(),
        [(t.lemma_, t.pos_, t.tag_, str(t.morph), t.dep_) for t in doc],
    )


def test_the_model_s_ruler_and_lemmatizer_have_twins(nlp: Any) -> None:
    found = twins(nlp)
    assert isinstance(found.get("attribute_ruler"), RulerTwin)
    assert isinstance(found.get("lemmatizer"), LemmatizerTwin)


def test_pipe_gives_the_docs_nlp_pipe_gives(nlp: Any) -> None:
    ours = list(pipe(nlp, TEXTS, 4))
    theirs = list(nlp.pipe(TEXTS))
    assert [annotations(d) for d in ours] == [annotations(d) for d in theirs]
    # The rules were reached: two-token lemmas, space tokens, words the ruler rewrites.
    lemmas = {(t.lower_, t.lemma_) for d in ours for t in d}
    assert {("gon", "go"), ("na", "to"), ("ai", "be"), ("y'", "you"), ("'s", "us")} <= lemmas
    assert any(t.pos_ == "SPACE" for d in ours for t in d)


def test_the_twins_write_what_spacy_s_components_write(nlp: Any) -> None:
    found = twins(nlp)
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    for text in TEXTS:
        bare = next(nlp.pipe([text], disable=["attribute_ruler", "lemmatizer"]))
        mine, spacys = bare.copy(), bare.copy()
        found["attribute_ruler"](mine)
        ruler(spacys)
        assert annotations(mine) == annotations(spacys)
        found["lemmatizer"](mine)
        lemmatizer(spacys)
        assert annotations(mine) == annotations(spacys)


LEMMA_WORDS = "geese mice running better ran children studies was ate leaves axes data wolves "
LEMMA_WORDS += "happier quickly Obamas x-rays 3rd"
POSES = ["NOUN", "VERB", "ADJ", "ADV", "PROPN", "AUX", "NUM", "X"]


@pytest.mark.parametrize("pos", POSES)
def test_each_lemma_is_spacy_s_rule_lemma(nlp: Any, pos: str) -> None:
    from spacy.tokens import Doc

    lemmatizer = nlp.get_pipe("lemmatizer")
    twin = twins(nlp)["lemmatizer"]
    assert isinstance(twin, LemmatizerTwin)
    for morph in ("", "Number=Plur", "VerbForm=Fin|Tense=Past", "Degree=Cmp"):
        words = LEMMA_WORDS.split()
        doc = Doc(nlp.vocab, words=words, pos=[pos] * len(words), morphs=[morph] * len(words))
        for token in doc:
            assert twin._lemma(token) == lemmatizer.rule_lemmatize(token)[0], token.text


WORDS = ["gon", "na", "i", "It", "you", "'s", "let", "is", "there", "the", "do", "had", " ", "ai"]
TAGS = ["NN", "PRP", "VBZ", "VBP", "DT", "MD", "EX", "IN", "_SP", "VBD", "RB", "XX"]
DEPS = ["nsubj", "dobj", "aux", "expl", "ROOT", "det", "dep", "mark", "pobj", "advmod"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(WORDS), st.sampled_from(TAGS), st.sampled_from(DEPS)),
        min_size=1,
        max_size=8,
    )
)
def test_any_tagged_sentence_gets_spacy_s_ruler_annotations(
    rows: list[tuple[str, str, str]],
) -> None:
    from spacy.tokens import Doc

    nlp = load_nlp()
    words = [w for w, _, _ in rows]
    spaces = [False] * len(words)
    doc = Doc(nlp.vocab, words=words, spaces=spaces, tags=[t for _, t, _ in rows],
              deps=[d for _, _, d in rows], heads=[0] * len(words))  # fmt: skip
    mine, spacys = doc.copy(), doc.copy()
    twins(nlp)["attribute_ruler"](mine)
    nlp.get_pipe("attribute_ruler")(spacys)
    assert numpy.array_equal(mine.to_array(ATTRS), spacys.to_array(ATTRS))


def test_a_ruler_with_a_rule_the_twin_cannot_read_keeps_spacy_s() -> None:
    import spacy

    blank = spacy.blank("en")
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a", "OP": "+"}]], {"TAG": "DT"})
    assert "attribute_ruler" not in twins(blank)
    assert [t.tag_ for t in pipe(blank, ["a a b"], 8).__next__()] == ["DT", "DT", ""]


def test_a_ruler_of_its_own_rules_is_copied_rule_for_rule() -> None:
    import spacy

    blank = spacy.blank("en")
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": {"IN": ["a", "an"]}}]], {"TAG": "DT", "POS": "DET"})
    ruler.add([[{"LOWER": {"REGEX": "^[0-9]+$"}}, {"LOWER": "cats"}]], {"LEMMA": "cat"}, 1)
    ruler.add([[{"IS_PUNCT": True}]], {"POS": "PUNCT", "MORPH": "PunctType=Peri"})
    ruler.add([[{"TEXT": "An"}]], {"POS": "PROPN"})  # a later rule wins over an earlier one
    texts = ["An apple and a pear.", "3 cats, 42 cats and a dog!", "An"]
    assert isinstance(twins(blank).get("attribute_ruler"), RulerTwin)
    ours = [annotations(d) for d in pipe(blank, texts, 2)]
    assert ours == [annotations(d) for d in blank.pipe(texts)]

"""Attribution frames: what was said (content), the verb that says so (cue), and by whom (source).

Direct quotations come from the marks (:mod:`.marks`); each is tied to the reporting verb it
depends on in the parse, or, failing that, to the nearest reporting verb of its sentence outside
any quotation. A quotation that is a whole sentence with no verb of its own continues the
previous speaker: joined to the previous quote when in the same paragraph (as in "“A,” he said.
“B.”"), a new quote of the same speaker otherwise. A quotation inside running text with no
reporting verb is a scare quote or a title, not a statement.

Reported speech comes from the parse (:mod:`.reported`). Tokens belong to at most one content,
as in PolNeAR's annotation: a frame inside another frame's content is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsprism.extract.attribution_types import Frame, set_cue_text
from newsprism.extract.document import ParsedArticle
from newsprism.extract.marks import Quotation, find_quotations
from newsprism.extract.reported import MIN_RATE, complements, find_reported, frame_rate
from newsprism.extract.syntax import (
    SUBJECTS,
    according_clause,
    content_child,
    in_relative_clause,
    is_cue_lemma,
    sentence_start,
    span_of,
    subject,
    token_range,
    words,
)

__all__ = ["Frame", "find_frames"]

# How a reported content hangs from its verb; a quotation hanging any other way (as the
# subject, or in a prepositional phrase) is not what the verb reports.
_CONTENT_DEPS = frozenset(
    {"ccomp", "xcomp", "dobj", "parataxis", "oprd", "attr", "dep", "advcl", "conj", "acomp"}
)
# A quotation needs this many words and a verb to be a statement by itself; shorter ones count
# only when a reporting verb governs them ("said “no”"). Short quoted phrases in running text
# ("vowed to stand by his “big brother” ally") are scare quotes.
MIN_STATEMENT_WORDS = 4
# Words outside a quotation in its sentence up to which the quotation stands alone (a stray
# dash, "And", a dateline word): more than this and it is embedded in running text.
STANDALONE_SLACK = 2


def find_frames(parsed: ParsedArticle) -> list[Frame]:
    """Every attribution frame in a parsed article, in reading order."""
    quotations = find_quotations([p.text for p in parsed.paragraphs])
    inside = _quote_index(parsed, quotations)
    used_cues: set[tuple[int, int]] = set()
    frames: list[Frame] = []
    seen: set[tuple[tuple[int, int, int], ...]] = set()
    for number, quotation in enumerate(quotations):
        frame = _direct(parsed, quotation, number, inside, used_cues)
        if frame is not None and tuple(frame.pieces) not in seen:
            seen.add(tuple(frame.pieces))
            frames.append(frame)
    claimed = _claimed(parsed, frames)
    frames.extend(find_reported(parsed, inside, used_cues, claimed))
    frames.sort(key=lambda f: f.start)
    _link_continuations(frames)
    return frames


def _quote_index(parsed: ParsedArticle, quotations: Sequence[Quotation]) -> list[list[int]]:
    """Per paragraph, per token: the quotation the token is inside (marks included), or -1."""
    index = [[-1] * len(doc) for doc in parsed.docs]
    for number, quotation in enumerate(quotations):
        for piece in quotation.pieces:
            row = index[piece.paragraph]
            for i in token_range(parsed.docs[piece.paragraph], piece.start, piece.end):
                row[i] = number
    return index


def _direct(
    parsed: ParsedArticle,
    quotation: Quotation,
    number: int,
    inside: list[list[int]],
    used_cues: set[tuple[int, int]],
) -> Frame | None:
    first, last = quotation.pieces[0], quotation.pieces[-1]
    doc_first = parsed.docs[first.paragraph]
    in_quote = [
        parsed.docs[piece.paragraph][i]
        for piece in quotation.pieces
        for i in token_range(parsed.docs[piece.paragraph], piece.start, piece.end)
        if inside[piece.paragraph][i] == number
    ]
    if not in_quote:
        return None
    content_words = words(in_quote)
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in in_quote)
    statement = content_words >= MIN_STATEMENT_WORDS and has_verb
    first_token = in_quote[0]
    last_token = in_quote[-1]
    # The parser often hangs a quotation's marks on the neighbouring sentence: its sentences
    # are those of its first and last words.
    word_tokens = [t for t in in_quote if not t.is_punct]
    first_word = word_tokens[0] if word_tokens else first_token
    last_word = word_tokens[-1] if word_tokens else last_token
    first_sentence = parsed.sentence((first.paragraph, first_word.i))
    last_sentence = parsed.sentence((last.paragraph, last_word.i))
    context = _context(parsed, first.paragraph, first_sentence, last.paragraph, last_sentence)
    outside = [(p, t) for p, t in context if inside[p][t.i] == -1 and not t.is_space]
    pieces = [(piece.paragraph, piece.start, piece.end) for piece in quotation.pieces]
    # Hand-set: a quotation between both marks is nearly always one; an unclosed one may have
    # lost its closing mark or be a stray mark.
    confidence = 0.95 if quotation.closed else 0.75
    colon = _colon_source(doc_first, first_token, inside[first.paragraph])
    if colon is not None:
        # "Trump: ‘I’m the Worst Thing ...’": a headline's speaker and colon.
        frame = Frame(pieces, "direct", cue=colon[1], source=colon[0], paragraph=first.paragraph,
                      sentence=first_sentence.index, confidence=confidence * 0.9)  # fmt: skip
        set_cue_text(frame, colon[1])
        return frame
    cue = _best_cue(parsed, in_quote, outside, inside, number, statement)
    if cue is not None:
        cue = _outer_frame(cue, inside) or cue
    if cue is not None and (cue[0], cue[1].i) in used_cues:
        # The verb already introduced an earlier quotation ("“A,” he continued. “B.”"): this one
        # continues it.
        if statement and not quotation.single:
            return Frame(pieces, "direct", paragraph=first.paragraph,
                         sentence=first_sentence.index, confidence=confidence * 0.9)  # fmt: skip
        return None
    if cue is not None:
        cue_paragraph, cue_token, linked, via = cue
        if quotation.single and not linked:
            return None
        mixed = False
        if via is not None:
            tokens = via if isinstance(via, list) else list(via.subtree)
            quote_ids = {(t.doc, t.i) for t in in_quote}
            source = subject(cue_token, inside[cue_paragraph])
            skip = {t.i for t in source.subtree} if source is not None else set()
            own = [
                t for t in tokens
                if (t.doc, t.i) not in quote_ids and t.is_alpha and t.i not in skip
            ]  # fmt: skip
            mixed = len(own) >= 2 and (isinstance(via, list) or via.dep_ != "parataxis")
        if not statement and not mixed:
            # A short fragment is an utterance only set off as one: before its verb ("“Denver,”
            # answered he") or after "said," / "said:"; otherwise it is a phrase in running text.
            before_cue = last_token.doc is cue_token.doc and last_token.i < cue_token.i
            opener = first_token.i > 0 and doc_first[first_token.i - 1].text in (",", ":")
            if not linked or not (before_cue or opener):
                return None
        if mixed:
            # The quotation is part of a larger reported clause: "said that X should “...”".
            assert via is not None
            tokens = via if isinstance(via, list) else list(via.subtree)
            piece = span_of(cue_paragraph, tokens, cue_token, inside[cue_paragraph])
            if piece is None:
                return None
            pieces = [piece]
        used_cues.add((cue_paragraph, cue_token.i))
        frame = Frame(
            pieces,
            "indirect" if mixed else "direct",
            cue=cue_token,
            source=subject(cue_token, inside[cue_paragraph]),
            paragraph=cue_paragraph,
            sentence=parsed.sentence_of[cue_paragraph][cue_token.i],
            confidence=confidence if is_cue_lemma(cue_token) else confidence * 0.8,
            quoted=not mixed,
        )
        set_cue_text(frame, cue_token)
        return frame
    # No verb: a statement standing alone continues a speaker; anything else is a scare quote.
    words_outside = words([t for p, t in outside if p == first.paragraph or p == last.paragraph])
    if not statement or words_outside > STANDALONE_SLACK or quotation.single:
        return None
    if parsed.is_subheading(first.paragraph):
        return None  # a quoted subheading ('No surrender') is a headline, not a statement
    return Frame(
        pieces,
        "direct",
        paragraph=first.paragraph,
        sentence=first_sentence.index,
        confidence=confidence * 0.7,
    )


def _outer_frame(
    cue: tuple[int, Any, bool, Any], inside: list[list[int]]
) -> tuple[int, Any, bool, Any] | None:
    """The reporting verb whose object holds the cue's clause, when that frame is the stronger.

    In "Tikhanovskaya expressed disappointment that Putin agreed to meet with “the usurper”"
    the nearest verb, "agreed", is what Putin did, and the quoted words are Tikhanovskaya's:
    the clause of "agreed" describes the object of "expressed", whose frame (express + object)
    is an attribution far more often than agree + "with" is. When the inner verb is the
    stronger frame ("the claim that he said “...”"), the inner verb stays the cue. The rates are
    the counted frames of PolNeAR train (:func:`newsprism.extract.reported.frame_rate`).
    """
    paragraph, token, _linked, _via = cue
    if token.dep_ != "acl" or token.head.dep_ != "dobj":
        return None
    noun = token.head
    outer = noun.head
    if outer.pos_ != "VERB" or subject(outer, inside[paragraph]) is None:
        return None
    outer_rate = frame_rate(outer.lemma_.lower(), "dobj")
    if outer_rate is None or outer_rate < MIN_RATE:
        return None
    lemma = token.lemma_.lower()
    inner_rate = max(
        (frame_rate(lemma, kind) or 0.0 for kind, _ in complements(token)), default=0.0
    )
    if inner_rate >= outer_rate:
        return None
    return paragraph, outer, True, noun


def _colon_source(doc: Any, first_token: Any, row: list[int]) -> tuple[Any, Any] | None:
    """(name, colon) when the quotation follows "Name:" at the start of its sentence."""
    i = first_token.i
    if i < 2 or doc[i - 1].text != ":":
        return None
    colon = doc[i - 1]
    start = sentence_start(first_token)
    before = [t for t in doc[max(start, i - 7) : i - 1] if not t.is_space]
    if not before or before[0].i != start or any(row[t.i] != -1 for t in before):
        return None
    if not all(t.pos_ in ("PROPN", "NOUN", "PUNCT", "DET", "ADJ") for t in before):
        return None
    names = [t for t in before if t.ent_type_ in ("PERSON", "ORG", "NORP") or t.pos_ == "PROPN"]
    if not names:
        return None
    return names[-1], colon


def _context(
    parsed: ParsedArticle,
    first_paragraph: int,
    first_sentence: Any,
    last_paragraph: int,
    last_sentence: Any,
) -> list[tuple[int, Any]]:
    """Tokens of the sentences a quotation touches, and of a sentence introducing it."""
    sentences = list(range(first_sentence.index, last_sentence.index + 1))
    before = parsed.sentences[first_sentence.index - 1] if first_sentence.index > 0 else None
    if (before is not None and before.span[-1].text == ":") or (
        before is not None
        and len(before.span) > 1
        and before.span[-1].is_space
        and before.span[-2].text == ":"
    ):
        sentences.insert(0, before.index)
    after_index = last_sentence.index + 1
    if after_index < len(parsed.sentences):
        after = parsed.sentences[after_index]
        if after.paragraph == last_paragraph and _attribution_only(after.span):
            sentences.append(after_index)
    tokens: list[tuple[int, Any]] = []
    for index in sentences:
        sentence = parsed.sentences[index]
        if sentence.paragraph in (first_paragraph, last_paragraph) or index < first_sentence.index:
            tokens.extend((sentence.paragraph, t) for t in sentence.span)
    return tokens


_TAG_POS = frozenset({"PROPN", "NOUN", "PRON", "DET", "ADJ", "PUNCT", "NUM", "SPACE"})


def _attribution_only(span: Any) -> bool:
    """True for a sentence that opens with an attribution tag ("Trump said of Apple, ...").

    The parser often ends a sentence at a quotation's "?" or "!", cutting the tag off.
    """
    for token in span[:7]:
        if token.pos_ == "VERB":
            if any(t.pos_ not in _TAG_POS for t in span[: token.i - span.start]):
                return False
            has_subject = any(c.dep_ in SUBJECTS for c in token.children)
            return (has_subject or token.i == span.start) and not content_child(token)
    return False


def _best_cue(
    parsed: ParsedArticle,
    in_quote: Sequence[Any],
    outside: Sequence[tuple[int, Any]],
    inside: list[list[int]],
    number: int,
    statement: bool,
) -> tuple[int, Any, bool, Any] | None:
    """(paragraph, cue token, linked in the parse, reported clause) of a quotation, or None."""
    quote_ids = {(t.doc, t.i) for t in in_quote}
    # Tokens inside the quotation whose head is outside it: where the parse hangs it.
    roots = [
        t
        for t in in_quote
        if (t.head.doc, t.head.i) not in quote_ids and t.head.i != t.i and not t.is_punct
    ]
    best: tuple[float, int, Any, bool, Any] | None = None
    quote_start = min(t.i for t in in_quote if t.doc is in_quote[0].doc)
    for paragraph, token in outside:
        accord = token.lower_ == "according" and any(c.lower_ == "to" for c in token.children)
        if token.pos_ != "VERB" and not accord:
            continue
        if _taken_by_other_quote(token, inside[paragraph], number):
            continue
        lexical = is_cue_lemma(token) or accord
        if accord:
            linked, via = _link_according(token, roots, quote_ids)
        else:
            linked, via = _link(token, roots, quote_ids)
        if not lexical and not (linked and statement):
            continue  # a verb we do not list takes only a full statement hanging from it
        if not lexical and not subject(token, inside[paragraph]):
            continue
        distance = abs(token.i - quote_start) if token.doc is in_quote[0].doc else 30
        score = (2.0 if lexical else 0.0) + (2.0 if linked else 0.0) - 0.05 * min(distance, 40)
        if accord:
            score += 1.0
        if in_relative_clause(token):
            score -= 1.5  # "those who do not doubt it are “...”": not the sentence's cue
        if best is None or score > best[0]:
            best = (score, paragraph, token, linked, via)
    if best is None:
        return _tail_cue(in_quote, outside) or _lead_cue(in_quote, outside)
    return best[1], best[2], best[3], best[4]


def _lead_cue(
    in_quote: Sequence[Any], outside: Sequence[tuple[int, Any]]
) -> tuple[int, Any, bool, Any] | None:
    """ "17-year-old Jared Potts echoed: “...”": the verb of a sentence ending in a colon."""
    first = in_quote[0]
    before = [
        (p, t) for p, t in outside
        if not t.is_space and (t.doc is not first.doc or t.i < first.i)
    ]  # fmt: skip
    if not before or before[-1][1].text != ":":
        return None
    paragraph, colon = before[-1]
    start = sentence_start(colon)
    verbs = [t for p, t in before if t.pos_ == "VERB" and sentence_start(t) == start]
    for verb in reversed(verbs):
        if subject(verb) is not None:
            return paragraph, verb, True, None
    return None


def _tail_cue(
    in_quote: Sequence[Any], outside: Sequence[tuple[int, Any]]
) -> tuple[int, Any, bool, Any] | None:
    """ "“Go back to Univision,” barked Trump.": a verb we do not list, in an attribution tag.

    The tag is what follows a quotation ending in a comma, "!" or "?": a few words with one
    verb and a subject, and nothing else in the sentence.
    """
    last = in_quote[-1]
    inner = [t for t in in_quote if t.doc is last.doc and not t.is_quote and not t.is_space]
    if not inner or inner[-1].text not in (",", "!", "?"):
        return None
    paragraph = next((p for p, t in outside if t.doc is last.doc), None)
    rest = [
        t for p, t in outside
        if t.doc is last.doc and t.i > last.i and not t.is_punct
        and sentence_start(t) == sentence_start(last)
    ]  # fmt: skip
    verbs = [t for t in rest if t.pos_ == "VERB"]
    if paragraph is None or not rest or len(rest) > 8 or len(verbs) != 1:
        return None
    if subject(verbs[0]) is None:
        return None
    return paragraph, verbs[0], True, None


def _link_according(
    token: Any, roots: Sequence[Any], quote_ids: set[tuple[Any, int]]
) -> tuple[bool, Any]:
    """Whether a quotation is what "according to X" attributes, and the clause if it is mixed."""
    clause = according_clause(token)
    if not clause:
        return False, None
    members = {t.i for t in clause}
    if not any(r.i in members for r in roots) and not all(
        (t.doc, t.i) in quote_ids or t.is_punct for t in clause
    ):
        return False, None
    return True, clause


def _taken_by_other_quote(token: Any, row: list[int], number: int) -> bool:
    """True when the verb's own complement is another quotation (and not this one)."""
    complements = [c for c in token.children if c.dep_ in ("ccomp", "dobj", "xcomp")]
    if any(row[c.i] == number for c in complements):
        return False
    return any(row[c.i] not in (-1, number) for c in complements)


def _link(token: Any, roots: Sequence[Any], quote_ids: set[tuple[Any, int]]) -> tuple[bool, Any]:
    """Whether the quotation hangs from ``token``, and the reported clause when it is nested.

    Returns (True, None) when the quotation is what the verb reports; (True, clause) when the
    quotation sits inside a clause or phrase the verb reports with words of its own around it
    ("said that X should “...”", "declared it “a total disaster” for his party"); (False, None)
    when the quotation does not depend on the verb.
    """
    if (token.head.doc, token.head.i) in quote_ids and token.dep_ in ("ccomp", "parataxis", "dep"):
        return True, None  # the parser inverted it: "“Stay there!” yelled a man" under "Stay"
    for root in roots:
        if root.head.doc is not token.doc:
            continue
        node = root
        for _ in range(5):
            if node.head.i == token.i and node.i != token.i:
                if node.dep_ in SUBJECTS or node.dep_ == "punct":
                    break  # a subject, or a circumstance ("said on CNN's “This Week”")
                return True, node
            if node.head.i == node.i:
                break
            node = node.head
    return False, None


def _link_continuations(frames: list[Frame]) -> None:
    """A quotation with no verb of its own continues the frame before it."""
    previous: Frame | None = None
    for frame in frames:
        if frame.cue is None:
            frame.follows = previous
        previous = frame


def _claimed(parsed: ParsedArticle, frames: Sequence[Frame]) -> list[set[int]]:
    """Per paragraph, the tokens already inside some frame's content or cue."""
    claimed: list[set[int]] = [set() for _ in parsed.docs]
    for frame in frames:
        for paragraph, start, end in frame.pieces:
            claimed[paragraph].update(token_range(parsed.docs[paragraph], start, end))
        if frame.cue is not None:
            claimed[frame.paragraph].add(frame.cue.i)
    return claimed

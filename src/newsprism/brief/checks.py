"""What a brief sentence must satisfy besides coming from its sources, measurably.

- **Support**: every citation of a sentence is a span the sentence was taken or compressed
  from. Measured by content-word containment: at least :data:`SUPPORT_MIN` of the sentence's
  content words (stemmed, function words left out) are in the cited span; for a composite
  sentence (a conflict's sides quoted and attributed) each cited span is one of its pieces,
  so the span's content words must be in the sentence instead.
- **Attributed quotes**: a sentence that carries a quotation names its speaker in the same
  sentence (a quote after another person's sentence reads as that person's), and its quote
  marks are balanced (a sentence cut from a multi-sentence quotation opens or closes one it
  does not hold).
- **People in context**: a person the brief names is introduced, the first time, by full name
  or with a description ("Kremlin spokesman Dmitry Peskov"), never by a bare surname; a speaker
  quoted before being introduced is given with a role when extraction knows one.

The evaluation (``newsprism eval corpus``) applies the same tests to the briefs it reads.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsprism.brief.sentences import content_words
from newsprism.records import BriefSentence, Entity, Extraction, Quote, Span

__all__ = [
    "COMPOSITE_KINDS",
    "SUPPORT_MIN",
    "FactIndex",
    "SentenceFacts",
    "balanced_quotes",
    "citation_supports",
    "containment",
    "headline_like",
    "leans_on_previous",
    "opens_with_connective",
    "opens_with_pronoun",
    "points_back",
    "quotes_something",
    "speaker_named",
    "unattributed_quotes",
]

SUPPORT_MIN = 0.8
"""Share of a sentence's content words its cited span must hold. Set by hand, not calibrated:
a sentence taken whole scores 1.0 and one cut before a trailing clause 1.0, so 0.8 leaves room
only for a copy that differs by a word or two; another outlet's sentence that merely shares
the figure and a name falls well below it."""
COMPOSITE_KINDS = frozenset({"conflict"})
"""Kinds of brief sentence built from several cited pieces, each quoted whole."""
MIN_PIECE_WORDS = 3
"""A piece of a composite sentence says something only with this many content words
("Between 150" is a fragment, not a side of a conflict)."""
MIN_ROLE_CHARS = 4
"""A description shorter than this ("he", "Mr") is no role."""
QUOTE_MIN_WORDS = 4
"""Words inside quote marks that make a quotation (shorter is a term in scare quotes)."""

_OPEN = "“"
_CLOSE = "”"
_QUOTED = re.compile(r"[\"“]([^\"“”]*)[\"”]")
_NAME_WORD = re.compile(r"[A-Z][\w'’-]+")
# A whole sentence in single quotes ("'During the campaign, Russia launched ...'"): a quotation
# whose speaker is in another sentence.
_SINGLE_QUOTED = re.compile(r"\s*['‘](?P<inner>.+)['’][.,!?]?\s*$")
# Words that open a sentence by answering the one before it.
_CONNECTIVES = "But|And|Also|However|Still|Meanwhile|Yet|So|Instead|Then"
_LEANS = re.compile(rf"(?:{_CONNECTIVES})\b|(?:\S+\s+){{1,3}}also\b")
HEADLINE_CASE = 0.7
"""A sentence whose longer words are capitalised at this share or more is a headline
("Democrats Sue Russia And Trump Campaign"), not a sentence of the brief. Set by hand."""


def containment(part: Iterable[str], whole: Iterable[str]) -> float:
    """The share of ``part``'s distinct words found in ``whole`` (1.0 when ``part`` is empty)."""
    wanted = set(part)
    return len(wanted & set(whole)) / len(wanted) if wanted else 1.0


def citation_supports(sentence: BriefSentence, cited_text: str) -> bool:
    """Whether the span text ``cited_text`` supports ``sentence`` (see the module docstring)."""
    said = content_words(sentence.text)
    cited = content_words(cited_text)
    if sentence.kind in COMPOSITE_KINDS:
        return len(set(cited)) >= MIN_PIECE_WORDS and containment(cited, said) >= SUPPORT_MIN
    return bool(said) and containment(said, cited) >= SUPPORT_MIN


def _quotations(text: str) -> list[str]:
    quoted = [m.group(1) for m in _QUOTED.finditer(text)]
    if m := _SINGLE_QUOTED.match(text):
        quoted.append(m.group("inner"))
    return quoted


def quotes_something(text: str) -> bool:
    """Whether ``text`` holds a quotation (quote marks around a few words, or an open one)."""
    quoted = _quotations(text)
    return not balanced_quotes(text) or any(len(q.split()) >= QUOTE_MIN_WORDS for q in quoted)


def headline_like(text: str, title: str) -> bool:
    """Whether ``text`` is the article's headline repeated, or written in headline case."""
    if " ".join(text.split()).rstrip(".") == " ".join(title.split()).rstrip("."):
        return True
    longer = [w for w in text.split() if len(w) >= 4 and w[:1].isalpha()]
    return len(longer) >= 3 and sum(w[:1].isupper() for w in longer) / len(longer) >= HEADLINE_CASE


_OPENS_WITH_CONNECTIVE = re.compile(rf"(?:{_CONNECTIVES}|Nevertheless)\b")


def opens_with_connective(text: str) -> bool:
    """Whether ``text`` opens with a word that answers a sentence before it ("But ...");
    unlike :func:`leans_on_previous`, "Putin also offered ..." reads on its own."""
    return bool(_OPENS_WITH_CONNECTIVE.match(text))


_OPENS_WITH_PRONOUN = re.compile(
    r"(?:He|She|They|His|Her|Their|Its)\b|"
    r"It\b(?!['’]s|\s+(?:is|was|remains|seems|appears)\b)|"
    r"It(?:['’]s|\s+(?:is|was|remains|seems|appears))\b(?!\s+(?:not\s+)?(?:un)?(?:clear|likely|"
    r"known|expected|possible|certain|understood|believed|thought|time|too early|the first)\b)"
)
"""A pronoun subject opening a sentence ("It" unless it stands for nothing: "It is unclear")."""


def opens_with_pronoun(text: str) -> bool:
    """Whether ``text`` opens with a pronoun standing for someone a sentence before it named
    ("It also plans to close down a nuclear test site", "He was taken to hospital"); "It is
    unclear whether ..." names no one and reads on its own."""
    return bool(_OPENS_WITH_PRONOUN.match(text.lstrip("\"“‘' ")))


# A definite or demonstrative noun phrase whose noun names an act or happening without saying
# which ("used the event as an opportunity", "The move comes after ..."): a shell noun, in the
# grammarians' term, that stands for what a sentence before it said. A complement after the
# noun ("the decision to delay", "the announcement from Kim") says which, and then the phrase
# reads on its own. The nouns are the common English shell nouns of news writing, set by hand
# from English usage, not from any corpus.
_SHELL_NOUNS = (
    "event|move|decision|announcement|step|development|incident|measure|remarks|"
    "comments|pledge|gesture|episode|matter|action"
)
_POINTS_BACK = re.compile(
    rf"\b(?:[Tt]he|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose|[Ss]uch)\s+"
    rf"(?:(?:latest|recent|surprise|new|same)\s+)?(?:{_SHELL_NOUNS})\b(?![-\w])"
    r"(?!\s+(?:of|to|that|from|by|on|in|at|for|about|over|against|with|between|among|toward|"
    r"towards|under)\b)"
)


def points_back(text: str) -> bool:
    """Whether ``text`` refers back to something a sentence before it said, with a shell noun
    and no complement to say which ("the event", "this move"; not "the decision to delay")."""
    return bool(_POINTS_BACK.search(text))


def leans_on_previous(text: str) -> bool:
    """Whether ``text`` reads as the continuation of a sentence before it ("But ...",
    "Pyongyang also said ...", "... used the event as an opportunity")."""
    return bool(_LEANS.match(text)) or points_back(text)


def balanced_quotes(text: str) -> bool:
    """Whether every quotation the text opens it also closes, and none closes unopened."""
    if text.count('"') % 2:
        return False
    if _OPEN not in text and _CLOSE not in text:
        return True  # (most sentences: nothing to walk)
    depth = 0
    for ch in text:
        if ch == _OPEN:
            depth += 1
        elif ch == _CLOSE:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


@dataclass(frozen=True, slots=True)
class SentenceFacts:
    """What extraction found inside one sentence: its quotes and the people it names."""

    quotes: tuple[Quote, ...]
    people: tuple[tuple[str, bool], ...]
    """(entity id, introduced here): introduced when named in full or with a description."""
    unroled_speakers: tuple[str, ...] = ()
    """Speakers of its quotes whose role is known but not given in the sentence."""


def _inside(span: Span, start: int, end: int) -> bool:
    return span.start < end and start < span.end


def _people_index(
    extractions: Sequence[Extraction],
) -> dict[str, list[tuple[Span, Entity, str]]]:
    index: dict[str, list[tuple[Span, Entity, str]]] = defaultdict(list)
    for extraction in extractions:
        for entity in extraction.entities:
            # Only people need introducing: "Russia" or "the Kremlin" speak without one.
            if entity.label != "PERSON":
                continue
            for mention in entity.mentions:
                if mention.kind != "pronoun":
                    index[extraction.doc_id].append((mention.span, entity, mention.kind))
    return index


class FactIndex:
    """Quotes and person mentions of a story's extractions, looked up by sentence span."""

    def __init__(self, extractions: Sequence[Extraction]) -> None:
        self.quotes: dict[str, list[Quote]] = defaultdict(list)
        for extraction in extractions:
            self.quotes[extraction.doc_id].extend(extraction.quotes)
        self.people = _people_index(extractions)
        # Each document's person mentions by where they start, as (start, order in
        # ``people``), so that a sentence finds its own without walking the document's all.
        self.starts: dict[str, list[tuple[int, int]]] = {
            doc: sorted((m[0].start, k) for k, m in enumerate(mentions))
            for doc, mentions in self.people.items()
        }
        self.roles: dict[str, set[str]] = defaultdict(set)
        for extraction in extractions:
            for entity in extraction.entities:
                self.roles[entity.id].update(
                    d.lower() for d in entity.descriptions if len(d) >= MIN_ROLE_CHARS
                )

    def facts(self, span: Span, text: str) -> SentenceFacts:
        """The quotes overlapping ``span`` and the people it names, with whether it
        introduces each (full name or description in the sentence)."""
        quotes = tuple(
            q for q in self.quotes.get(span.doc_id, ()) if _inside(q.span, span.start, span.end)
        )
        introduced: dict[str, bool] = {}
        described: set[str] = set()
        people = self.people.get(span.doc_id, [])
        starts = self.starts.get(span.doc_id, [])
        low = bisect.bisect_left(starts, (span.start, -1))
        high = bisect.bisect_left(starts, (span.end, -1))
        # The mentions starting inside the sentence, in the index's own order.
        for k in sorted(k for _, k in starts[low:high]):
            mention_span, entity, kind = people[k]
            named = _words_of(text, mention_span, span)
            full = kind == "description" or (kind == "name" and len(named) >= 2)
            introduced[entity.id] = introduced.get(entity.id, False) or full
            if kind == "description":
                described.add(entity.id)
        lowered = text.lower()
        unroled = tuple(
            dict.fromkeys(
                q.speaker_id
                for q in quotes
                if q.speaker_id
                and (roles := self.roles.get(q.speaker_id))
                and q.speaker_id not in described
                and not any(role in lowered for role in roles)
            )
        )
        return SentenceFacts(quotes, tuple(introduced.items()), unroled)


def _words_of(text: str, mention: Span, sentence: Span) -> list[str]:
    start = max(mention.start - sentence.start, 0)
    return text[start : mention.end - sentence.start].split()


def _names(quote: Quote) -> list[str]:
    return [w for w in _NAME_WORD.findall(quote.speaker or "") if len(w) > 2]


def speaker_named(quote: Quote, text: str) -> bool:
    """Whether ``text`` names the quote's speaker (a word of the speaker's name)."""
    if quote.resolution == "unnamed" or not quote.speaker:
        return False
    return any(re.search(rf"\b{re.escape(n)}\b", text) for n in _names(quote))


def unattributed_quotes(text: str, facts: SentenceFacts) -> int:
    """Quotations in a sentence whose speaker it does not name (a dangling quote mark counts).

    A quote extraction found (direct or reported) is attributed when a word of its speaker's
    name is in the sentence; quote marks around :data:`QUOTE_MIN_WORDS` or more words that
    extraction did not bind to anyone are attributed only when the sentence names a person
    outside them.
    """
    missing = 0 if balanced_quotes(text) else 1
    # Reported speech counts too: "they added" or "he said" leaves a claim to the reader's
    # guess, which reads as the previous sentence's speaker.
    missing += sum(not speaker_named(q, text) for q in facts.quotes)
    if not facts.quotes:
        bare = "" if _SINGLE_QUOTED.match(text) else _QUOTED.sub(" ", text)
        quoted = _quotations(text)
        # Without a speaker from extraction, a name outside the quote marks (not the
        # sentence's first word) is the best evidence that the sentence says who speaks.
        if any(len(q.split()) >= QUOTE_MIN_WORDS for q in quoted) and not (
            _NAME_WORD.search(bare.lstrip()[1:])
        ):
            missing += 1
    return missing

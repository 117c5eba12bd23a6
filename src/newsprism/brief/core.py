"""The neutral brief of a story: cited sentences taken from its sources, never written anew.

A brief has 5 to 10 sentences, in this order:

1. the **lead**: what happened. When article leads render a statement several independent
   sources carry (the comparison's "one statement, several renderings"), the lead is one of
   those that render the most widely rendered; otherwise the sentence the story's sources agree
   on most (the generic scorer's best);
2. **corroborated facts**: for each figure independent sources agree on (days, dates,
   months and years go to the timeline), the plainest sentence that states it, cited to
   every source that reports it;
3. **positions**: for the most-quoted speakers, one sentence in which each is quoted *and
   named*, so that a side's claim reads as that side's, never as fact;
4. **conflicts**: both figures, each in its source's own words and attributed to the outlet
   ("BNS reports “...”; France 24 reports “...”"), cited to both;
5. further sentences by the generic score, up to the minimum length.

Every sentence is a source sentence (or, for a conflict, the sources' clauses quoted and
attributed), taken from body paragraphs only, and carries the spans it came from; a wire
dateline opening it ("SEOUL, South Korea — ") is left out of both text and span.
:func:`supported` checks that; sentences that fail it are never emitted. Beyond that (see
:mod:`newsprism.brief.checks`): a sentence cites another source's span only when that span
holds the sentence's content; a sentence with a quotation names its speaker and closes its
quote marks; a person is introduced by full name or description before a surname alone; a
sentence that restates a chosen one's figure and content is a repeat; no sentence but a
conflict opens with a connective ("But ..."), and none but a position or a conflict with a
pronoun standing for someone named before it ("It also plans ..."); no lead, fact or added
sentence points back with a shell noun at what the brief has not said ("used the event as an
opportunity"); a photo caption or a link line left in the body is never a sentence of the
brief; and two conflicts read off the same two sentences are quoted once.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from newsprism.brief.checks import (
    COMPOSITE_KINDS,
    FactIndex,
    SentenceFacts,
    balanced_quotes,
    citation_supports,
    headline_like,
    leans_on_previous,
    opens_with_connective,
    opens_with_pronoun,
    quotes_something,
    unattributed_quotes,
)
from newsprism.brief.scoring import (
    DEFAULT_WEIGHTS,
    ScoredSentence,
    Weights,
    redundant,
    score_sentences,
)
from newsprism.brief.sentences import (
    SourceSentence,
    article_sentences,
    content_words,
    dateline_end,
    words,
)
from newsprism.records import (
    TIME_NAMES,
    Article,
    Brief,
    BriefSentence,
    Comparison,
    Event,
    Extraction,
    Finding,
    OutletFraming,
    Quote,
    Span,
    Story,
)

__all__ = [
    "MAX_SENTENCES",
    "MIN_SENTENCES",
    "brief_story",
    "loaded_terms",
    "supported",
]

MIN_SENTENCES = 5
MAX_SENTENCES = 10
LEAD_CHOICES = 3
"""The lead is the plainest of the main event's best three sentences."""
LEAD_WINDOW = 4
"""An article tells what happened in its first this many citable sentences (in a scrape the
first may be the headline repeated or a photo caption before the lead). Set by hand from how
news is written, not calibrated on any corpus."""
MIN_LEAD_SOURCES = 2
"""A statement is what happened, for the lead, when this many independent sources render it."""
MAX_FACTS = 3
"""Corroborated figures given a sentence of their own (the strongest first)."""
MAX_SPEAKERS = 3
"""Speakers whose position is given, the most quoted first."""
POSITION_MAX_WORDS = 40
"""A speaker's sentence is chosen among those up to this long when there are any (a run-on
scrape paragraph reads badly as a position)."""
MAX_CONFLICT_CLAUSE_WORDS = 25
"""A conflict side longer than this is cut to the clause that holds its figure."""

# Modifiers that describe without judging: a framing term made only of these (and names) is
# a plain description ("Russian government", "presidential race") and costs nothing. Set by
# hand from the sochi-2020 framing lists; not calibrated on any corpus.
NEUTRAL_MODIFIERS = frozenset(
    """official presidential former joint military economic political international first
    second last next public national local regional foreign federal central general main
    other such planned internal bilateral permanent deployment press opposition election
    government state country city people southern northern eastern western""".split()
)
_CONNECTIVE = re.compile(r";\s|,\s+(?:and|with|but|while|as|after|which)\s|\s+and\s+(?=\w+\s+\w+)")
_TRAILING_CLAUSE = re.compile(
    r",\s+(?:despite|while|although|though|amid|as|which|after|even as|with)\s"
)
MIN_COMPRESSED_WORDS = 8
"""A sentence is cut before a loaded trailing clause only if this many words remain."""
_GLUE = frozenset({"reports", "report", "according", "to"})
REPEAT_OVERLAP = 0.3
"""A sentence stating a figure a chosen sentence states is a repeat when more than this share
of its content words is also that sentence's. Set by hand, not calibrated: lower than the
general redundancy threshold because a shared figure already says the two sentences are about
one thing."""
_NO_REPEAT_KINDS = frozenset({"date", "year"})
MIN_SIDE_WORDS = 4
"""Content words a conflict side needs to say what its figure counts."""
_QUOTE_MARK = re.compile(r"[\"“”]")
_DATELINE = re.compile(
    r"(?:[A-Z][A-Z.' ]+(?:, [A-Z][\w.' ]+)?|[A-Z][a-z]+\.? \d{1,2})\s*(?:\([^)]*\)\s*)?"
    r"[\u2013\u2014\u2015-]+\s+"
)
MAX_SIDES = 2
"""Sides of a conflict the brief quotes: two sentences read; four quoted clauses do not. The
comparison lists every side."""


def loaded_terms(framing: Sequence[OutletFraming]) -> list[str]:
    """The framing terms that judge as well as describe ("embattled", "strongman").

    A term is loaded when one of its lower-case modifiers is not a plain descriptive word.
    """
    out = []
    for outlet in framing:
        for term in outlet.terms:
            parts = term.term.split()
            modifiers = [w for w in parts[:-1] if w[:1].islower() and w != "of"]
            if any(w.lower() not in NEUTRAL_MODIFIERS for w in modifiers) or (
                len(parts) == 2 and parts[-1][:1].islower() and parts[0][:1].isupper()
                and parts[-1] in {"strongman", "regime", "dictator", "usurper", "puppet"}
            ):  # fmt: skip
                out.append(term.term)
    return sorted(set(out))


def supported(sentence: BriefSentence, articles: Mapping[str, Article]) -> bool:
    """Whether every word of ``sentence`` comes, in order, from the text of its cited spans.

    A sentence may be a whole cited span, or pieces of cited spans joined by punctuation and
    attributed to their outlets ("BNS reports ..."). No citation, no support.
    """
    if not sentence.citations:
        return False
    pieces: list[list[str]] = []
    glue = set(_GLUE)
    for span in sentence.citations:
        article = articles.get(span.doc_id)
        if article is None or span.end > len(article.text):
            return False
        pieces.append(words(article.text[span.start : span.end]))
        glue.update(words(article.source_name))
    tokens = words(sentence.text)
    i = 0
    while i < len(tokens):
        best = 0
        for piece in pieces:
            for start in range(len(piece)):
                k = 0
                while (
                    i + k < len(tokens)
                    and start + k < len(piece)
                    and piece[start + k] == tokens[i + k]
                ):
                    k += 1
                best = max(best, k)
        if best:
            i += best
        elif tokens[i] in glue:
            i += 1
        else:
            return False
    return bool(tokens)


class _Pool:
    """The story's sentences, scored, and what the brief has used of them."""

    def __init__(
        self,
        articles: Sequence[Article],
        sources: Mapping[str, str],
        loaded: Sequence[str],
        weights: Weights,
        extractions: Sequence[Extraction] = (),
    ) -> None:
        self.weights = weights
        self.sources = sources
        self.by_id = {a.doc_id: a for a in articles}
        # Each article is split into sentences once, for scoring and for finding the sentence
        # that holds a span.
        self.sentences = {a.doc_id: article_sentences(a) for a in articles}
        self.scored = score_sentences(
            articles, sources=sources, loaded_terms=loaded, weights=weights, split=self.sentences
        )
        self.by_span = {s.sentence.span: s for s in self.scored}
        self.facts = FactIndex(extractions)
        self.figures: dict[str, list[tuple[Span, str]]] = defaultdict(list)
        for extraction in extractions:
            for figure in extraction.figures:
                if figure.kind not in _NO_REPEAT_KINDS:
                    key = f"{figure.kind}:{figure.normalized or figure.value}"
                    self.figures[extraction.doc_id].append((figure.span, key))
        self.chosen: list[frozenset[str]] = []
        self.chosen_figures: list[tuple[frozenset[str], frozenset[str]]] = []
        self.used: set[Span] = set()
        self.quoted: set[Span] = set()
        """Sentences a conflict of the brief quotes."""

    def holding(self, span: Span) -> SourceSentence | None:
        """The citable sentence that holds (the start of) ``span``."""
        for s in self.sentences.get(span.doc_id, ()):
            if s.span.start <= span.start < s.span.end:
                return s
        return None

    def undated(self, sentence: SourceSentence) -> tuple[str, Span]:
        """The sentence's text and span without the dateline opening its paragraph."""
        text, span = sentence.text, sentence.span
        article = self.by_id.get(sentence.doc_id)
        opens = article is not None and article.paragraphs[sentence.paragraph].span.start == (
            span.start
        )
        cut = dateline_end(text) if opens else 0
        if cut:
            return text[cut:], Span(span.doc_id, span.start + cut, span.end)
        return text, span

    def covers(self, span: Span) -> bool:
        """Whether a chosen sentence holds ``span``."""
        return any(u.doc_id == span.doc_id and u.start <= span.start < u.end for u in self.used)

    def figure_keys(self, span: Span) -> frozenset[str]:
        """The figures (kind and value) stated inside ``span``."""
        return frozenset(
            key
            for at, key in self.figures.get(span.doc_id, ())
            if span.start <= at.start < span.end
        )

    def quotes_attributed(self, span: Span, text: str) -> bool:
        """Whether every quotation in ``text`` (at ``span``) names its speaker there."""
        return unattributed_quotes(text, self.facts.facts(span, text)) == 0

    def repeats(self, scored: ScoredSentence) -> bool:
        """Whether the sentence restates a chosen one: its content, or its figure and part of
        its content."""
        if redundant(scored.words, self.chosen, self.weights.redundancy):
            return True
        keys = self.figure_keys(scored.sentence.span)
        return bool(keys) and any(
            keys & figures and redundant(scored.words, [words], REPEAT_OVERLAP)
            for words, figures in self.chosen_figures
        )

    def usable(self, s: SourceSentence) -> ScoredSentence | None:
        scored = self.by_span.get(s.span)
        if scored is None or s.span in self.used:
            return None
        if self.repeats(scored) or not self.quotes_attributed(s.span, s.text):
            return None
        if headline_like(s.text, self.by_id[s.doc_id].title):
            return None
        return scored

    def take(self, scored: ScoredSentence) -> None:
        self.chosen.append(scored.words)
        self.chosen_figures.append((scored.words, self.figure_keys(scored.sentence.span)))
        self.used.add(scored.sentence.span)

    def supporting(self, sentence: BriefSentence, span: Span) -> bool:
        """Whether ``span`` holds the content of ``sentence`` (may be cited for it)."""
        article = self.by_id.get(span.doc_id)
        if article is None:
            return False
        return citation_supports(sentence, article.text[span.start : span.end])


def _said(pool: _Pool, scored: ScoredSentence, kind: str, *also: Span) -> BriefSentence:
    """The brief sentence for a chosen source sentence, its loaded tail clause cut off.

    A wire dateline opening it ("SEOUL, South Korea — ") is the article's, not the sentence's:
    the sentence is cited from the words after it.

    When an outlet's loaded terms sit in a trailing clause ("..., despite more than a month of
    widespread protests against Lukashenko's supposed landslide election victory"), the
    sentence is compressed to what comes before that clause, if that still says something.
    """
    text, span = pool.undated(scored.sentence)
    if scored.loaded_terms:
        lowered = text.lower()

        def carried(cut: int) -> int:
            return sum(t.lower() in lowered[:cut] for t in scored.loaded_terms)

        cuts = [
            m.start()
            for m in _TRAILING_CLAUSE.finditer(text)
            if len(text[: m.start()].split()) >= MIN_COMPRESSED_WORDS
        ]
        # The longest prefix that carries the fewest loaded terms, if fewer than the whole.
        best = min(cuts, key=lambda c: (carried(c), -c), default=None)
        cut = Span(span.doc_id, span.start, span.start + best) if best is not None else span
        # The cut must not take away the attribution of a quote ("..., as X told CNN").
        if (
            best is not None
            and carried(best) < carried(len(text))
            and pool.quotes_attributed(cut, text[:best])
        ):
            text = text[:best].rstrip() + "."
            span = cut
    return BriefSentence(text, (span, *also), kind)


def _readable(candidates: Sequence[ScoredSentence]) -> list[ScoredSentence]:
    """Candidates up to :data:`POSITION_MAX_WORDS` long, or all when none is that short."""
    short = [c for c in candidates if c.length <= POSITION_MAX_WORDS]
    return short or list(candidates)


def _first_readable(
    pool: _Pool, candidates: Sequence[ScoredSentence], k: int
) -> list[ScoredSentence]:
    """The first ``k`` of ``_readable`` over the usable ``candidates``, checking each candidate
    for use only as far as needed (the check reads the brief so far, and a story of many
    articles holds thousands of sentences)."""
    short: list[ScoredSentence] = []
    long: list[ScoredSentence] = []
    for c in candidates:
        if c.length <= POSITION_MAX_WORDS:
            if pool.usable(c.sentence):
                short.append(c)
                if len(short) == k:
                    break
        elif not short and len(long) < k and pool.usable(c.sentence):
            long.append(c)
    return short or long


def _plainest(candidates: Sequence[ScoredSentence]) -> ScoredSentence | None:
    """Fewest loaded terms first, then the best score."""
    return min(candidates, key=lambda c: (len(c.loaded_terms), -c.score), default=None)


def _fact(pool: _Pool, finding: Finding) -> BriefSentence | None:
    if any(pool.covers(c.span) for c in finding.citations):
        return None  # a chosen sentence states it already
    holders = [pool.holding(c.span) for c in finding.citations]
    # A fact stands on its own: "Pyongyang also said ..." needs the sentence before it.
    candidates = [
        u for h in holders if h and not leans_on_previous(h.text) and (u := pool.usable(h))
    ]
    best = _plainest(candidates)
    if best is None:
        return None
    pool.take(best)
    said = _said(pool, best, "fact")
    return _with_sources(pool, said, [h for h in holders if h])


def _with_sources(
    pool: _Pool, sentence: BriefSentence, holders: Sequence[SourceSentence]
) -> BriefSentence:
    """``sentence`` citing, once per document, the other holders that say what it says."""
    spans = list(sentence.citations)
    for h in holders:
        if h.doc_id in {s.doc_id for s in spans} or not pool.supporting(sentence, h.span):
            continue
        spans.append(h.span)
    return BriefSentence(sentence.text, tuple(spans), sentence.kind)


def _corroborate(out: list[BriefSentence], finding: Finding, pool: _Pool) -> list[BriefSentence]:
    """Cite the other sources of a figure a chosen sentence already states, where their
    sentence says what it says."""
    result = []
    for sentence in out:
        first = sentence.citations[0]
        if sentence.kind != "conflict" and any(
            c.span.doc_id == first.doc_id and first.start <= c.span.start < first.end
            for c in finding.citations
        ):
            holders = [h for c in finding.citations if (h := pool.holding(c.span))]
            sentence = _with_sources(pool, sentence, holders)
        result.append(sentence)
    return result


def _names(quote: Quote) -> list[str]:
    name = quote.speaker or ""
    return [w for w in name.split() if w[:1].isupper() and len(w) > 2]


def _positions(pool: _Pool, extractions: Sequence[Extraction]) -> list[BriefSentence]:
    quotes: dict[str, list[Quote]] = defaultdict(list)
    for extraction in extractions:
        for quote in extraction.quotes:
            if quote.speaker_id and quote.speaker and quote.resolution != "unnamed":
                quotes[quote.speaker_id].append(quote)
    ranked = sorted(quotes.values(), key=lambda qs: (-len({q.span.doc_id for q in qs}), -len(qs)))
    out = []
    for said in ranked[:MAX_SPEAKERS]:
        names = _names(said[0])
        candidates: list[ScoredSentence] = []
        value: dict[Span, float] = {}
        for quote in said:
            holder = pool.holding(quote.span)
            if holder is None or (scored := pool.usable(holder)) is None:
                continue
            # The sentence must name the speaker: "he said" leaves the claim unattributed.
            if not any(re.search(rf"\b{re.escape(n)}\b", holder.text) for n in names):
                continue
            # Loaded words inside the quote are the speaker's own, attributed: no penalty.
            quoted = quote.text.lower()
            own = sum(t.lower() in quoted for t in scored.loaded_terms)
            value[holder.span] = max(
                value.get(holder.span, -1e9), scored.score + pool.weights.loaded * own
            )
            candidates.append(scored)
        readable = _readable(candidates)
        if not readable:
            continue
        best = max(readable, key=lambda c: value[c.sentence.span])
        pool.take(best)
        out.append(_said(pool, best, "position"))
    return out


def _clause(sentence: SourceSentence, figure: Span) -> Span:
    """The part of the sentence that holds the figure, when the sentence is long."""
    text, base = sentence.text, sentence.span.start
    if len(text.split()) <= MAX_CONFLICT_CLAUSE_WORDS:
        end = len(text.rstrip(" .!?"))
        return Span(sentence.doc_id, base, base + end)
    start = 0
    for m in _CONNECTIVE.finditer(text):
        if base + m.start() < figure.start:
            # A relative clause does not stand without what it is about: "..., which also
            # wounded around 100 people" starts at the sentence's subject, not at "also".
            if "which" not in m.group():
                start = m.end()
        elif base + m.start() >= figure.end:
            return Span(sentence.doc_id, base + start, base + m.start())
    return Span(sentence.doc_id, base + start, base + len(text.rstrip(" .!?")))


def _side(pool: _Pool, holder: SourceSentence, figure: Span) -> Span | None:
    """The words of one side of a conflict: the clause holding the figure, or the whole
    sentence when the clause is a fragment; None when neither reads on its own."""
    article = pool.by_id[holder.doc_id]
    for span in (_clause(holder, figure), holder.span):
        text = article.text[span.start : span.end]
        # A dateline ("WASHINGTON – ") is the article's, not the side's words.
        if (m := _DATELINE.match(text)) and span.start + m.end() <= figure.start:
            span = Span(span.doc_id, span.start + m.end(), span.end)
            text = text[m.end() :]
        # Inside the brief's own quote marks a side must hold no quotation of its own.
        if len(set(content_words(text))) >= MIN_SIDE_WORDS and not _QUOTE_MARK.search(text):
            return span
    return None


def _conflict(
    pool: _Pool, finding: Finding, articles: Mapping[str, Article]
) -> BriefSentence | None:
    sides: list[tuple[str, Span]] = []
    values: set[str] = set()
    seen_sources: set[str] = set()
    for cite in finding.citations:
        holder = pool.holding(cite.span)
        if holder is None or cite.source in seen_sources or len(sides) >= MAX_SIDES:
            continue
        side = _side(pool, holder, cite.span)
        if side is None or cite.text in values:
            continue  # each side states another figure than the sides before it
        values.add(cite.text)
        seen_sources.add(cite.source)
        sides.append((cite.outlet, side))
    if len(sides) < 2:
        return None
    holders = [pool.holding(span) for _, span in sides]
    if all(h is not None and h.span in pool.quoted for h in holders):
        return None  # another conflict already quotes both sentences ("14 rifles, 31 magazines")
    parts = []
    for outlet, span in sides:
        text = " ".join(articles[span.doc_id].text[span.start : span.end].split())
        parts.append(f"{outlet} reports \u201c{text.rstrip(' .!?')}\u201d")
        pool.used.add(span)
    for holder in holders:
        if holder is not None:
            pool.chosen.append(frozenset(content_words(holder.text)))
            pool.used.add(holder.span)
            pool.quoted.add(holder.span)
    return BriefSentence("; ".join(parts) + ".", tuple(s for _, s in sides), "conflict")


def _facts(pool: _Pool, sentence: BriefSentence) -> list[SentenceFacts]:
    """What extraction found in each span a brief sentence reads from."""
    spans = sentence.citations if sentence.kind in COMPOSITE_KINDS else sentence.citations[:1]
    out = []
    for span in spans:
        article = pool.by_id.get(span.doc_id)
        if article is not None:
            out.append(pool.facts.facts(span, article.text[span.start : span.end]))
    return out


def _in_context(pool: _Pool, sentence: BriefSentence, introduced: set[str]) -> bool:
    """Whether every person ``sentence`` names is introduced there or earlier (a speaker
    quoted for the first time with a role); if so, they count as introduced from now on."""
    found = _facts(pool, sentence)
    people = [p for f in found for p in f.people]
    if any(not here and person not in introduced for person, here in people):
        return False
    if sentence.kind not in COMPOSITE_KINDS and any(
        speaker not in introduced for f in found for speaker in f.unroled_speakers
    ):
        return False
    introduced.update(person for person, _ in people)
    return True


def _fit(pool: _Pool, sentence: BriefSentence, articles: Mapping[str, Article]) -> bool:
    """The last check of a brief sentence as printed: taken from its spans, each span
    supporting it, its quotes attributed and their marks closed."""
    if not supported(sentence, articles):
        return False
    if not all(pool.supporting(sentence, span) for span in sentence.citations):
        return False
    if sentence.kind in COMPOSITE_KINDS:
        return balanced_quotes(sentence.text)
    return pool.quotes_attributed(sentence.citations[0], sentence.text)


def _main_event_articles(story: Story | str, pool: _Pool) -> set[str]:
    """The articles of the story's event with the most independent sources (all when none)."""
    everything = set(pool.sentences)
    if isinstance(story, str) or not story.events:
        return everything

    def weight(event: Event) -> tuple[int, int]:
        return len({pool.sources.get(doc, doc) for doc in event.articles}), len(event.articles)

    return set(max(story.events, key=weight).articles) & everything or everything


_TIME_LABELS = tuple(f"{name} " for name in TIME_NAMES.values())
"""How the comparison labels a time finding ("the day Friday", "the date 2020-08-09")."""


def _a_time(finding: Finding) -> bool:
    """Whether a finding is a time (a day, date, month or year) the outlets share: it belongs
    to the timeline, and the sentence that names it need not say what happened then (a
    caption's "on Friday", "On Thursday, Mr. Moon said")."""
    return finding.what.startswith(_TIME_LABELS)


def _renderings(pool: _Pool, comparison: Comparison | None, main: set[str]) -> dict[Span, int]:
    """The sources of the most widely rendered statement each article lead sentence renders.

    A sentence among the first :data:`LEAD_WINDOW` of a main-event article that holds a
    rendering of a statement :data:`MIN_LEAD_SOURCES` or more independent sources render (a
    government's announcement that it will halt its tests, in four outlets' words) is mapped to
    that statement's number of sources.
    """
    out: dict[Span, int] = {}
    for finding in comparison.of_kind("statement") if comparison else ():
        if finding.sources < MIN_LEAD_SOURCES:
            continue
        for cite in finding.citations:
            holder = pool.holding(cite.span)
            if holder is not None and holder.doc_id in main and holder.position < LEAD_WINDOW:
                out[holder.span] = max(out.get(holder.span, 0), finding.sources)
    return out


def _sources(comparison: Comparison | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for finding in comparison.findings if comparison else ():
        for cite in finding.citations:
            out.setdefault(cite.doc_id, cite.source)
    return out


def brief_story(
    story: Story | str,
    articles: Sequence[Article],
    comparison: Comparison | None = None,
    extractions: Sequence[Extraction] = (),
    *,
    min_sentences: int = MIN_SENTENCES,
    max_sentences: int = MAX_SENTENCES,
    max_words: int | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
) -> Brief:
    """The neutral, cited brief of a story (with its timeline when ``story`` is a Story).

    ``max_words`` replaces the sentence counts by a word budget (for scoring against
    reference summaries of a given length): sentences are added until it is filled.
    """
    from newsprism.brief.timeline import story_timeline

    story_id = story if isinstance(story, str) else story.id
    by_id = {a.doc_id: a for a in articles}
    loaded = loaded_terms(comparison.framing) if comparison else []
    pool = _Pool(articles, _sources(comparison), loaded, weights, extractions)
    out: list[BriefSentence] = []

    def words_so_far() -> int:
        return sum(len(s.text.split()) for s in out)

    def room() -> bool:
        if max_words is not None:
            return words_so_far() < max_words
        return len(out) < max_sentences

    # Chosen in this order (a speaker's sentence may state a figure, which then needs no
    # sentence of its own), printed in the order of the module docstring.
    main = _main_event_articles(story, pool)
    # The lead says what happened in the brief's own voice: a quotation is a position.
    leads = [s for s in pool.scored if s.sentence.doc_id in main and pool.usable(s.sentence)]
    # ... and opens the brief: it introduces whom it names and does not lean on a sentence
    # before it ("Pyongyang also said ...").
    plain = [
        s
        for s in leads
        if not quotes_something(s.sentence.text)
        and not leans_on_previous(s.sentence.text)
        and not opens_with_pronoun(s.sentence.text)
        and _in_context(pool, BriefSentence(s.sentence.text, (s.sentence.span,)), set())
    ]
    # What happened is what most sources say in their leads: when article leads render a
    # statement several sources carry, the lead is one of those that render the widest.
    rendered = _renderings(pool, comparison, main)
    if widest := max((rendered.get(s.sentence.span, 0) for s in plain), default=0):
        plain = [s for s in plain if rendered.get(s.sentence.span, 0) == widest]
    lead = _readable(plain or leads)[:LEAD_CHOICES]
    if (best := _plainest(lead) if loaded else (lead[0] if lead else None)) is not None:
        pool.take(best)
        out.append(_said(pool, best, "lead"))
    for position in _positions(pool, extractions):
        if room():
            out.append(position)
    if comparison is not None:
        facts = [f for f in comparison.of_kind("corroborated") if not _a_time(f)]
        facts.sort(key=lambda f: -f.sources)
        for finding in facts[:MAX_FACTS]:
            if room() and (fact := _fact(pool, finding)):
                out.append(fact)
            else:
                out = _corroborate(out, finding, pool)
        # A time the sources share gets no sentence of its own, but a chosen sentence that
        # names it is cited to the other sources that say the same.
        for finding in comparison.of_kind("corroborated"):
            if _a_time(finding):
                out = _corroborate(out, finding, pool)
        for finding in comparison.of_kind("conflict"):
            if room() and (conflict := _conflict(pool, finding, by_id)):
                out.append(conflict)
    order = {"lead": 0, "fact": 1, "position": 2, "conflict": 3, "context": 4}
    out.sort(key=lambda s: order[s.kind])  # stable: within a kind, in the order chosen
    # In reading order: a person is introduced (full name or description) before a surname
    # alone may stand for them.
    introduced: set[str] = set()
    # No sentence may lean on one the brief does not print ("But hundreds of participants ...").
    out = [
        s
        for s in out
        if _fit(pool, s, by_id)
        and _in_context(pool, s, introduced)
        and (s.kind == "conflict" or not opens_with_connective(s.text))
        and (s.kind in ("conflict", "position") or not opens_with_pronoun(s.text))
    ]
    # A sentence added for context reads on its own: no "But ...", no "It also ..." and no
    # "Pyongyang also said ..." (the brief does not print the sentence it continues).
    standing = [
        s
        for s in pool.scored
        if not opens_with_connective(s.sentence.text)
        and not leans_on_previous(s.sentence.text)
        and not opens_with_pronoun(s.sentence.text)
    ]
    while room() and (max_words is not None or len(out) < min_sentences):
        more = _first_readable(pool, standing, 3 if loaded else 1)
        if not more:
            break
        best = more[0] if not loaded else _plainest(more[:3]) or more[0]
        pool.take(best)
        sentence = _said(pool, best, "context")
        if _fit(pool, sentence, by_id) and _in_context(pool, sentence, introduced):
            out.append(sentence)
    timeline = story_timeline(story, articles, pool.scored) if isinstance(story, Story) else ()
    return Brief(story_id, tuple(out), timeline)

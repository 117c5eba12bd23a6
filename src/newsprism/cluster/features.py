"""What clustering compares: a weighted term vector of an article's headline and body.

Words are weighted by TF-IDF with a fixed, general-language IDF (word frequencies from the
``wordfreq`` package), so that an article's vector never changes as the corpus grows: arrival
order cannot change a similarity. Capitalised names inside sentences (a light stand-in for named
entities: "Lukashenko", "Betty Ford Center") count again as name features, and the years a text
mentions as date features.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from urllib.parse import urlsplit

import wordfreq

from newsprism.records import Article, Role

__all__ = [
    "EVENT_ONLY",
    "Features",
    "article_text",
    "clustering_date",
    "featurize",
    "idf",
    "name_forms",
    "names",
    "numbers",
    "tokens",
    "years",
]

MIN_BODY_WORDS = 40
"""Below this many kept words the cleaner has probably dropped real body lines (it does on
short wire items of ECB+, whose lines look like teasers); clustering then reads every paragraph
but comments, related links and navigation."""

COMMON_IDF = 5.0
"""Words with an IDF (natural log of 1 / frequency) under this weigh nothing: about the 300
commonest English words ("the", "said", "new"), which are stop words for clustering."""

IDF_CEILING = 16.0
"""Words unknown to wordfreq (rare names, typos) get this IDF, a little above its rarest."""

TITLE_REPEAT = 2
"""The headline's words count this many times: it states the event in few words."""

NAME_WEIGHT = 0.6
"""Weight of the name features against the word features (cosine of the two blocks added with
weights 1 and NAME_WEIGHT^2): chosen on ECB+ calibration topics 1-35."""

YEAR_WEIGHT = 0.3
"""Weight of each mentioned year, as a name feature: chosen on ECB+ calibration topics 1-35."""

YEAR_STORY_WEIGHT = 0.2
"""The part of a year's weight that storylines see; the rest is an event-only feature, so an
event still weighs the year at :data:`YEAR_WEIGHT`. A year is a date more than a story: with
the full weight two unrelated pages of AEB that both mention 2008 (an actress's photos, a column
on a newspaper merger) met on it alone (80% of their storyline similarity), and in a folder of
NewsWCL50's undated plain-text events beside 40 dated AEB pages "2016" was the heaviest storyline
term of the Mueller-questions event: it joined the Trump-visits-the-UK event (years 48% of their
link) and a 2019 opinion page. Chosen on the visible sets only: storyline F1 of AEB alone / ECB+
alone / the full mix of ``eval convert mixed`` / that folder (NewsWCL50 plain text, sochi-2020
and 40 AEB pages), and the ECB+ order-stability gold spread:

- 0.3 (all of it, as before): 0.928 / 0.943 / 0.9315 / - / 0.005
- 0.27: 0.934 / 0.943 / 0.9327 / 0.872 / 0.005
- 0.2: 0.934 / 0.943 / 0.926 / 0.921 / 0.005 (the mix loses only where NewsWCL50's Pompeo-meets-Kim
  and Kim-suspends-tests events, three days apart, become one storyline, as a reader would have
  them; each NewsWCL50 event is its own storyline in the gold)
- 0.15 and under: 0.934 / 0.949 / - / 0.921 / 0.010 (arrival-order luck: reshuffled runs score
  0.938)
"""

_YEAR_EVENT_WEIGHT = math.sqrt(YEAR_WEIGHT**2 - YEAR_STORY_WEIGHT**2)

NUMBER_WEIGHT = 0.3
"""Weight of each other number the text states ("23 pirates", "magnitude 6.1", "27-24"): two
events of one kind differ in their figures. Chosen on ECB+ calibration topics 1-35 (flat event
F1 0.870 without, 0.877 at 0.3, 0.86 at 0.5). Numbers are event features only: a storyline
spans many figures, and storylines compare without them (:data:`EVENT_ONLY`)."""

NUMBER_CAP = 6
"""The number block weighs as if the text stated at most this many numbers: a results table, a
listicle ("15 tips", items 1 to 15) or a page of prices states dozens, and with each number
weighed alone two unrelated pages of figures met on "2", "6" and "15" (AEB: a hockey report, a
tour announcement and a diet guide became one event). Set on AEB's pages; ECB+ reports state
a handful of numbers and keep their weights."""

OWN_NAME_FREQUENCY = 1e-6
"""Words of an article's outlet name or web address rarer than this in general language (a
brand: "GiveWell", "Inexhibit", "my6sense") are left out of its features."""

EVENT_ONLY = "#:"
"""Prefix of the features that events compare and storylines leave out."""

_DROPPED = frozenset({Role.COMMENTS, Role.RELATED, Role.NAVIGATION, Role.AD, Role.SHARE})
_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?")
_NAME_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_](?:[\w'’-]*[^\W_])?")
_POSSESSIVE = re.compile(r"'[sS]$")
# A full stop ends a sentence, but not after "U.S." or a title: the name after it is no
# sentence start.
_SENTENCE = re.compile(
    r"(?<=[.!?\"”])(?<!\b[A-Z]\.[A-Z]\.)(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)\s+|\n+"
)
_YEAR = re.compile(r"\b(19[0-9]\d|20[0-9]\d)\b")
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?!\w)")
_STOP_TEXT = """
    the a an and or but if in on at to of for by with from as is are was were be this that
    these those it its he she they we you i his her their our my your mr mrs ms dr after before
    when while during there here what who how why where according also however meanwhile
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december photo video read updated published
    """
_NAME_STOP = frozenset(_STOP_TEXT.split())


@dataclass(frozen=True, slots=True)
class Features:
    """An article's unit-length feature vector (term -> weight) and its date."""

    doc_id: str
    vector: dict[str, float]
    title: str


def tokens(text: str) -> list[str]:
    """Lower-case word tokens (letters first; numbers are not words here)."""
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def names(text: str) -> list[str]:
    """Capitalised words that do not start a sentence: names, near enough, lower-cased.

    A possessive is the name ("Trump's" is "trump"), a dotted abbreviation one name ("u.s."),
    and a lone letter none.
    """
    return [name for name, _ in name_forms(text)]


def name_forms(text: str) -> list[tuple[str, str]]:
    """Each name of :func:`names` with the form the text writes it in ("fbi", "FBI")."""
    found = []
    for sentence in _SENTENCE.split(text):
        for i, word in enumerate(_NAME_WORD.findall(sentence)):
            if not i or not word[0].isupper():
                continue
            form = _POSSESSIVE.sub("", word.replace("’", "'"))
            name = form.lower()
            if len(name) > 1 and name not in _NAME_STOP:
                found.append((name, form))
    return found


def years(text: str) -> list[str]:
    """The years (1900-2099) a text mentions."""
    return _YEAR.findall(text)


def numbers(text: str) -> list[str]:
    """The other numbers a text states, as written ("23", "6.1", "10,000")."""
    return [n for n in _NUMBER.findall(text) if not _YEAR.fullmatch(n)]


class _Frequencies:
    """One language's wordfreq list held compactly: each word's string hash (sorted) and the
    index of its frequency band, about 10 bytes a word where wordfreq's own list and dict of it
    hold about 85 (27 MB for English, 58 MB for German, each kept for the life of the process).

    The file is read one band at a time, so the whole list is never held either. Two words of
    a list sharing a 64-bit hash (odds about 1 in 10^8 for the largest list) would share a band.
    """

    def __init__(self, path: str) -> None:
        import gzip
        from array import array

        import msgpack  # type: ignore[import-untyped]  # wordfreq's own reader of its lists
        import numpy as np

        keys = array("q")
        bands = array("H")
        with gzip.open(path, "rb") as infile:
            unpacker = msgpack.Unpacker(infile, raw=False)
            count = unpacker.read_array_header()
            header = unpacker.unpack()
            if not isinstance(header, dict) or header.get("format") != "cB":
                raise ValueError(f"unexpected wordfreq list header: {header!r}")
            for band in range(count - 1):
                words = unpacker.unpack()
                keys.extend(hash(w) for w in words)
                bands.extend([band] * len(words))
        hashes = np.frombuffer(keys, dtype=np.int64)
        order = np.argsort(hashes, kind="stable")
        hashes = hashes[order]
        # A word listed twice has the frequency of its last listing, as in wordfreq's dict.
        last = np.append(hashes[1:] != hashes[:-1], True)
        self.hashes = hashes[last]
        self.bands = np.frombuffer(bands, dtype=np.uint16)[order][last]

    def get(self, word: str) -> float | None:
        """The word's listed frequency, None when it is not listed."""
        import numpy as np

        key = hash(word)
        at = int(np.searchsorted(self.hashes, key))
        if at == len(self.hashes) or int(self.hashes[at]) != key:
            return None
        return float(wordfreq.cB_to_freq(-int(self.bands[at])))


@cache
def _frequencies(language: str) -> _Frequencies:
    return _Frequencies(wordfreq.available_languages()[language])


def word_frequency(word: str, language: str) -> float:
    """``wordfreq.word_frequency(word, language)`` (its "best" list, no minimum), read from the
    compact copy of the language's list; any other language is left to wordfreq."""
    if language not in _languages():
        return float(wordfreq.word_frequency(word, language))
    from wordfreq.language_info import get_language_info
    from wordfreq.numbers import digit_freq, smash_numbers
    from wordfreq.tokens import lossy_tokenize

    # wordfreq's own steps (wordfreq 3.1 _word_frequency), its dict of words replaced.
    found = lossy_tokenize(word, language)
    if not found:
        return 0.0
    table = _frequencies(language)
    one_over = 0.0
    for token in found:
        smashed = smash_numbers(token)
        frequency = table.get(smashed)
        if frequency is None:
            return 0.0
        if smashed != token:
            frequency *= digit_freq(token)
        one_over += 1.0 / frequency
    frequency = 1.0 / one_over
    if get_language_info(language)["tokenizer"] == "jieba":
        frequency *= wordfreq.INFERRED_SPACE_FACTOR ** -(len(found) - 1)
    if frequency <= 0.0:
        return 0.0
    return round(frequency, math.floor(-math.log(frequency, 10)) + 3)


@lru_cache(maxsize=1 << 18)
def idf(word: str, language: str = "en") -> float:
    """Inverse document frequency of a word from general-language frequencies (0 if common)."""
    try:
        frequency = word_frequency(word, language)
    except ImportError:  # a language whose tokenizer is an extra not installed (zh: jieba)
        frequency = 0.0
    value = math.log(1.0 / frequency) if frequency > 0 else IDF_CEILING
    return max(0.0, min(value, IDF_CEILING) - COMMON_IDF)


def article_text(article: Article) -> str:
    """The text clustering reads: the kept body, or every article paragraph when it is thin."""
    body = article.body_text
    if len(body.split()) >= MIN_BODY_WORDS:
        return body
    return "\n\n".join(
        p.text for p in article.paragraphs if p.role not in _DROPPED and p.role is not Role.TITLE
    )


MIN_DATE_CONFIDENCE = 0.5
"""Dates the cleaner is less sure of than this are not used to separate events."""

_BORROWED = frozenset({"related-article", "mentioned"})


def clustering_date(article: Article) -> dt.date | None:
    """The publication date, when the article itself states it well enough to separate events."""
    # A date borrowed from another article of the batch, or guessed from a date the text
    # mentions, is left out: on ECB+ such dates put one event's reports years apart.
    estimate = article.published
    if estimate.date is None or estimate.confidence < MIN_DATE_CONFIDENCE:
        return None
    first = estimate.evidence[0].kind if estimate.evidence else ""
    return None if first in _BORROWED else estimate.date


@lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    # wordfreq lists its languages by globbing its data folder: once is enough.
    return frozenset(wordfreq.available_languages())


def _language(article: Article) -> str:
    lang = article.language if article.language and article.language != "und" else "en"
    return lang if lang in _languages() else "en"


def _weigh(counts: Counter[str], language: str) -> dict[str, float]:
    weights = {w: (1.0 + math.log(c)) * idf(w, language) for w, c in counts.items()}
    return {w: v for w, v in weights.items() if v > 0}


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {k: v / norm for k, v in vector.items()} if norm else {}


def _number_block(found: Sequence[str]) -> dict[str, float]:
    """Number features, each at NUMBER_WEIGHT, the block scaled down past NUMBER_CAP of them."""
    weights = {f"{EVENT_ONLY}{n}": NUMBER_WEIGHT for n in found}
    norm = math.sqrt(sum(v * v for v in weights.values()))
    cap = NUMBER_WEIGHT * math.sqrt(NUMBER_CAP)
    if norm > cap:
        weights = {k: v * cap / norm for k, v in weights.items()}
    return weights


_HOST_NOISE = frozenset({"www", "com", "org", "net", "co", "uk", "news", "html", "amp", "m"})


def own_name_terms(article: Article) -> frozenset[str]:
    """The rare words of the article's outlet name and web host, lower-cased.

    An outlet prints its own name in bylines, footers and sidebars of every page; two of its
    pages meet on it whatever they tell (AEB: two GiveWell blog posts, two Ascom press
    releases), so it says who published the article, not what the article is about.
    """
    words = tokens(article.outlet or "")
    host = urlsplit(article.url or "").hostname or ""
    words += [w for w in tokens(host.replace(".", " ")) if w not in _HOST_NOISE]
    language = _language(article)
    return frozenset(w for w in words if _frequency(w, language) < OWN_NAME_FREQUENCY)


@lru_cache(maxsize=1 << 14)
def _frequency(word: str, language: str) -> float:
    try:
        return word_frequency(word, language)
    except ImportError:  # a language whose tokenizer is an extra not installed
        return 0.0


def featurize(
    article: Article, embedding: Sequence[float] = (), semantic_weight: float = 0.0
) -> Features:
    """An article's unit vector: words, names (n:), years (y:), numbers (#:), embedding (e:)."""
    # With an embedding and a weight w, the lexical block is scaled by sqrt(1 - w) and the
    # embedding by sqrt(w), so a dot product is (1 - w) lexical + w semantic cosine.
    language = _language(article)
    text = article_text(article)
    title = article.title or ""
    own = own_name_terms(article)
    # "Ascom's" is the outlet's name too: a possessive is matched by its bare word.
    words = Counter(
        w for w in tokens(title) * TITLE_REPEAT + tokens(text) if w.removesuffix("'s") not in own
    )
    word_block = _unit(_weigh(words, language))
    name_counts = Counter(n for n in names(text) if n not in own)
    name_block = _unit(_weigh(name_counts, language))
    year_block: dict[str, float] = {}
    # In the order the text states them (never a set's order, which changes from run to run
    # with the string hash seed, and with it the vector's sums and the vocabulary's ids).
    for y in dict.fromkeys(years(title + "\n" + text)):
        year_block[f"y:{y}"] = YEAR_STORY_WEIGHT
        year_block[f"{EVENT_ONLY}y:{y}"] = _YEAR_EVENT_WEIGHT
    year_block.update(_number_block(list(dict.fromkeys(numbers(title + "\n" + text)))))
    vector = dict(word_block)
    for name, weight in name_block.items():
        vector[f"n:{name}"] = weight * NAME_WEIGHT
    vector.update(year_block)
    vector = _unit(vector)
    if embedding and semantic_weight > 0:
        scale = math.sqrt(1.0 - semantic_weight)
        vector = {k: v * scale for k, v in vector.items()}
        root = math.sqrt(semantic_weight)
        vector.update({f"e:{i}": root * float(v) for i, v in enumerate(embedding)})
    return Features(article.doc_id, vector, title)

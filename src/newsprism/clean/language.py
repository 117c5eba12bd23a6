"""A small stopword-vote language guess, enough to route English text to English models."""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["OTHER_FUNCTION_WORDS", "guess_language"]

# The most frequent function words of each language; a text votes for the language whose
# words it uses most. Short, distinctive lists avoid words shared across languages.
_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "the",
            "and",
            "of",
            "to",
            "is",
            "was",
            "that",
            "with",
            "for",
            "are",
            "were",
            "have",
            "has",
            "this",
            "from",
        ]
    ),
    "de": frozenset(
        [
            "der",
            "die",
            "das",
            "und",
            "ist",
            "nicht",
            "mit",
            "den",
            "sich",
            "auf",
            "dem",
            "ein",
            "eine",
            "zu",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "et",
            "est",
            "des",
            "une",
            "dans",
            "pour",
            "que",
            "qui",
            "sur",
            "pas",
            "au",
            "du",
        ]
    ),
    "es": frozenset(
        ["el", "la", "los", "las", "y", "es", "en", "que", "por", "con", "para", "una", "del", "se"]
    ),
    "it": frozenset(
        ["il", "la", "che", "di", "è", "per", "una", "sono", "con", "non", "gli", "della", "nel"]
    ),
    "pt": frozenset(
        ["o", "a", "os", "as", "e", "é", "que", "do", "da", "em", "um", "uma", "para", "com", "não"]
    ),
    "nl": frozenset(
        ["de", "het", "een", "en", "van", "is", "dat", "op", "te", "zijn", "niet", "met", "voor"]
    ),
    "ru": frozenset(["и", "в", "не", "на", "что", "с", "по", "это", "как", "из", "за", "от", "то"]),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

OTHER_FUNCTION_WORDS: frozenset[str] = frozenset().union(
    *(words for lang, words in _STOPWORDS.items() if lang != "en")
)
"""The function words of the languages other than English, for telling prose from labels."""


def guess_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or ``"und"`` when unsure."""
    words = [w.lower() for w in _WORD.findall(text[:5000])]
    if len(words) < 5:
        return "und"
    counts = Counter(words)
    votes = {lang: sum(counts[w] for w in stops) for lang, stops in _STOPWORDS.items()}
    best = max(votes, key=lambda lang: votes[lang])
    # Below 5% of words being function words of any language, the guess is noise.
    return best if votes[best] / len(words) >= 0.05 else "und"

"""Names as written, taken apart and compared across spellings.

A person's name is read as title, given names and surname ("Mr. Navalny", "J. Earnest",
"President Emmanuel Macron"). Two spellings of one name are compared on a transliteration
skeleton: the letters that survive the usual romanisation alternations of Slavic and Arabic
names (kh/h, ts/c, ya/ia/a, y/i, ou/ov, x/ks, w/v, doubled letters, unstressed vowels). This is
a similarity over letters, not a table of names: "Kolesnikova" and "Kalesnikava" meet
because their skeletons differ by two vowels, "Alexander" and "Aliaksandr" because their
consonants agree.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from newsprism.extract.lexicon import FEMALE_TITLES, MALE_TITLES, PERSON_TITLES

__all__ = [
    "PersonName",
    "compatible_given",
    "fold",
    "name_similarity",
    "parse_person",
    "same_full_name",
    "same_name",
    "skeleton",
    "slug",
]

# Similarity from which two spellings count as one name. Set by construction on the
# alternations listed above (each costs at most one letter in ten on the skeleton); two
# unrelated surnames of news text rarely come closer than 0.7.
SAME_NAME = 0.8

_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
# Ordered: longer spellings first, so that "shch" is read before "sh".
_DIGRAPHS = (
    ("shch", "s"),
    ("sch", "s"),
    ("tch", "c"),
    ("sh", "s"),
    ("ch", "c"),
    ("zh", "z"),
    ("kh", "h"),
    ("ph", "f"),
    ("th", "t"),
    ("ts", "c"),
    ("tz", "c"),
    ("ck", "k"),
    ("x", "ks"),
    ("q", "k"),
    ("w", "v"),
)
# ya/ia/ja -> a and yu/iu/ju -> u after a letter: Tatyana, Tatiana, Tatjana.
_IOTATED = re.compile(r"(?<=[a-z])[yij]([au])")
_U_AS_V = re.compile(r"ou(?=[^aeiouy]|$)")  # Belarusian ў: -ouski read as -ovski
_VOWELS = re.compile(r"[aeiouy]")
_DOUBLE = re.compile(r"(.)\1+")


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, accents stripped, letters and digits only."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


@functools.lru_cache(maxsize=65536)
def skeleton(name: str) -> str:
    """The name's letters after the usual romanisation alternations are folded together."""
    s = fold(name)
    for spelled, sound in _DIGRAPHS:
        s = s.replace(spelled, sound)
    s = _IOTATED.sub(r"\1", s)
    s = _U_AS_V.sub("ov", s)
    s = s.replace("y", "i").replace("j", "i")
    return _DOUBLE.sub(r"\1", s)


def _consonants(skel: str) -> str:
    return _DOUBLE.sub(r"\1", _VOWELS.sub("", skel[1:])) if skel else ""


@functools.lru_cache(maxsize=65536)
def name_similarity(a: str, b: str) -> float:
    """How alike two spellings of a name are, 0..1, transliteration variants scoring high."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return 0.0
    if fa == fb:
        return 1.0
    sa, sb = skeleton(a), skeleton(b)
    if sa == sb:
        return 1.0
    full = Levenshtein.normalized_similarity(sa, sb)
    ca, cb = _consonants(sa), _consonants(sb)
    if min(len(ca), len(cb)) < 3:
        # Short names carry too few letters for their consonants alone to be evidence.
        return full
    return max(full, (full + Levenshtein.normalized_similarity(ca, cb)) / 2)


def same_name(a: str, b: str) -> bool:
    """True when two spellings are one name."""
    return name_similarity(a, b) >= SAME_NAME


def _initial(token: str) -> str | None:
    """The letter of an initial such as "D." or "D", else None."""
    bare = token.rstrip(".")
    return bare if len(bare) == 1 and bare.isalpha() and bare.isupper() else None


def compatible_given(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """True when two lists of given names can belong to one person (either may be missing)."""
    if not a or not b:
        return True
    first_a, first_b = a[0], b[0]
    ia, ib = _initial(first_a), _initial(first_b)
    if ia or ib:
        # An initial agrees with any name it can abbreviate, read through the skeleton so that
        # "A." fits both "Alexander" and "Aliaksandr".
        la = ia.lower() if ia else skeleton(first_a)[:1]
        lb = ib.lower() if ib else skeleton(first_b)[:1]
        return la == lb or fold(first_a)[:1] == fold(first_b)[:1]
    return same_name(first_a, first_b)


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name as written, taken apart."""

    titles: tuple[str, ...]
    given: tuple[str, ...]
    surname: str
    gender: str | None = None
    """``m`` or ``f`` when a title says so ("Mr.", "Mrs."), else None."""

    @property
    def full(self) -> str:
        """Given names and surname, without titles."""
        return " ".join((*self.given, self.surname))

    @property
    def has_given(self) -> bool:
        """True when a given name (not only an initial) is written."""
        return any(_initial(g) is None for g in self.given)


@functools.lru_cache(maxsize=65536)  # asked for each pair of a mention and an entity's name
def same_full_name(a: PersonName, b: PersonName) -> bool:
    """True when two names written with given names can name one person: the same surname
    skeleton with compatible given names, or near spellings of both surname and first name."""
    if not (a.has_given and b.has_given):
        return False
    if skeleton(a.surname) == skeleton(b.surname):
        return compatible_given(a.given, b.given)
    return same_name(a.surname, b.surname) and same_name(a.given[0], b.given[0])


def strip_possessive(text: str) -> str:
    """The name without a trailing possessive ("Obama’s" -> "Obama")."""
    return _POSSESSIVE.sub("", text)


def parse_person(words: list[str]) -> PersonName | None:
    """Titles, given names and surname of a person's name given as words; None if no name."""
    words = [strip_possessive(w) for w in words if w.strip()]
    titles: list[str] = []
    while words and fold(words[0]) in PERSON_TITLES and len(words) > 1:
        titles.append(words.pop(0))
    while len(words) > 1 and fold(words[-1]) in _SUFFIXES:
        words.pop()
    words = [w for w in words if any(c.isalpha() for c in w)]
    if not words:
        return None
    gender = None
    folded = {fold(t) for t in titles}
    if folded & MALE_TITLES:
        gender = "m"
    elif folded & FEMALE_TITLES:
        gender = "f"
    return PersonName(tuple(titles), tuple(words[:-1]), words[-1], gender)


def slug(text: str) -> str:
    """A lower-case, hyphenated id part for a name."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", bare).strip("-") or "x"

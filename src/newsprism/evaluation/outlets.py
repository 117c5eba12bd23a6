"""Does a predicted outlet name the outlet a gold file describes in free text?

A gold outlet reads like "BNS (Baltic News Service), republished by an aggregator" or "France 24
carrying an AFP wire story": its leading name is what must be recognised, not every outlet the
sentence mentions (AFP must not count for France 24; RT must not count for the blog relaying it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["GoldOutletName", "gold_outlet_name", "outlet_matches"]

# Lower-case words that may sit inside a name ("The Times of India", "Le Monde de ...").
# "and" is left out on purpose: "Meduza and TASS" names two outlets, not one.
_CONNECTORS = frozenset({"of", "de", "del", "der", "des", "du", "di", "la", "le", "for", "&"})
# Leading articles do not tell outlets apart: "The Guardian" is "Guardian".
_ARTICLES = frozenset({"the", "a", "an"})
# A bare domain as prediction ("meduza.io", "www.france24.com") names its second-level label.
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?([a-z0-9-]+)\.[a-z.]{2,}(?:/.*)?$", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class GoldOutletName:
    """The recognisable part of a gold outlet: its leading name and a bracketed expansion."""

    name: str
    expansion: str | None = None


def gold_outlet_name(gold: str) -> GoldOutletName:
    """The leading name of a free-text gold outlet, with the expansion bracketed after it."""
    text = gold.strip()
    # The name never runs past the first bracket or comma.
    head = re.split(r"[(,]", text, maxsplit=1)[0]
    tokens: list[str] = []
    for token in head.split():
        if _is_capitalised(token) or (tokens and token in _CONNECTORS):
            tokens.append(token)
        else:
            break
    while tokens and tokens[-1] in _CONNECTORS:  # "DE" is a name, "de" is not
        tokens.pop()
    if not tokens:
        # No capitalised name ("an aggregator's copy"): the first real word is all there is.
        words = [w for w in text.split() if w.lower() not in _ARTICLES] or text.split()
        return GoldOutletName(words[0].strip(",;:") if words else "")
    name = " ".join(tokens)
    expansion = None
    if head.split() == tokens:  # the name ran right up to the bracket, if there is one
        rest = text[len(head) :].lstrip()
        bracket = re.match(r"\(([^)]*)\)", rest)
        if bracket and _is_expansion(bracket.group(1).strip(), name):
            expansion = bracket.group(1).strip()
    return GoldOutletName(name, expansion)


def outlet_matches(predicted: str | None, gold: str) -> bool:
    """True when ``predicted`` names the outlet the free-text ``gold`` outlet starts with."""
    if predicted is None or not predicted.strip():
        return False
    target = gold_outlet_name(gold)
    if not target.name:
        return False
    # The prediction in full, and read the way the gold is read ("Baltic News Service (BNS)").
    predicted = predicted.strip()
    said = gold_outlet_name(predicted)
    forms = {predicted, said.name} | ({said.expansion} if said.expansion else set())
    domain = _DOMAIN.match(predicted)
    if domain and " " not in predicted:
        forms.add(domain.group(1))
    names = [target.name] + ([target.expansion] if target.expansion else [])
    wanted = {_compact(n) for n in names} - {""}
    wanted_acronyms = {_acronym(n) for n in names} - {""}
    for form in forms:
        compact, acronym = _compact(form), _acronym(form)
        # Acronyms either way: "WNU" for War News Updates, "Baltic News Service" for BNS.
        if compact and (compact in wanted or compact in wanted_acronyms or acronym in wanted):
            return True
    return False


def _is_capitalised(token: str) -> bool:
    first = next((c for c in token if c.isalnum()), "")
    return bool(first) and (first.isupper() or first.isdigit())


def _is_expansion(bracketed: str, name: str) -> bool:
    # "BNS (Baltic News Service)" expands the name; "(blog)" describes it and "France 24 (AFP)"
    # names a second outlet, so a single bracketed word counts only when the name is its acronym
    # or the other way round.
    if not _is_capitalised(bracketed):
        return False
    if len(_words(bracketed)) >= 2:
        return True
    return _compact(bracketed) == _acronym(name) or _acronym(bracketed) == _compact(name)


def _words(text: str) -> list[str]:
    words = _WORD.findall(text.casefold())
    while words and words[0] in _ARTICLES and len(words) > 1:
        words = words[1:]
    return words


def _compact(text: str) -> str:
    """Case-folded, punctuation and spaces removed, leading article dropped."""
    return "".join(_words(text))


def _acronym(text: str) -> str:
    """Initials of the significant words ("" for a single word, which has no acronym)."""
    words = [w for w in _words(text) if w not in _CONNECTORS and w != "and"]
    if len(words) < 2:
        return ""
    # A number is kept whole: "France 24" -> "f24".
    return "".join(w if w.isdigit() else w[0] for w in words)

"""Does a predicted outlet name the outlet a gold file describes in free text or by domain?

A gold outlet reads like "BNS (Baltic News Service), republished by an aggregator" or "France 24
carrying an AFP wire story": its leading name is what must be recognised, not every outlet the
sentence mentions (AFP must not count for France 24; RT must not count for the blog relaying it).
A gold outlet may also be a registrable domain ("bbc.co.uk"): then a predicted domain matches
when it is the same site, and a predicted name when it is that domain's known trade name or the
domain spells it ("Winnipeg Free Press" for winnipegfreepress.com, "BBC News" for bbc.co.uk).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["GoldOutletName", "domain_matches", "gold_outlet_name", "outlet_matches"]

# Lower-case words that may sit inside a name ("The Times of India", "Le Monde de ...").
# "and" is left out on purpose: "Meduza and TASS" names two outlets, not one.
_CONNECTORS = frozenset({"of", "de", "del", "der", "des", "du", "di", "la", "le", "for", "&"})
# Leading articles do not tell outlets apart: "The Guardian" is "Guardian".
_ARTICLES = frozenset({"the", "a", "an"})
# A bare domain as prediction ("meduza.io", "www.france24.com") names its second-level label.
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?([a-z0-9-]+)\.[a-z.]{2,}(?:/.*)?$", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+")
# A gold outlet given as a domain: "bbc.co.uk", "icscotland.icnetwork.co.uk", "940news.com".
_GOLD_DOMAIN = re.compile(r"(?i)^(?:[a-z0-9-]+\.)+[a-z]{2,}$")
# Words that end a name without telling outlets apart: "BBC News", "CBS Interactive".
_GENERIC = frozenset(
    {
        "news",
        "online",
        "newspaper",
        "newspapers",
        "media",
        "group",
        "network",
        "service",
        "interactive",
        "digital",
        "international",
        "com",
        "net",
        "tv",
        "radio",
    }
)
# First words many outlets share ("Daily Press" is not dailymail.co.uk).
_COMMON_LEADS = frozenset(
    {"daily", "sunday", "weekly", "evening", "morning", "new", "times", "post", "star", "sun"}
)
# A company's form after its name: "The New York Times Company", "Incisive Media Ltd".
_CORPORATE_TAIL = re.compile(
    r"(?i)(?:,?\s+(?:inc|ltd|limited|llc|plc|corp|corporation|co|company|group)\.?)+$"
)


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


def domain_matches(predicted: str, domain: str) -> bool:
    """True when ``predicted`` (a domain, URL or name) names the site of ``domain``.

    ``domain`` is a host as a gold file gives it ("bbc.co.uk", "icscotland.icnetwork.co.uk").
    """
    from newsprism.clean.outlet_identity import (
        domain_outlet,
        outlet_identity,
        outlet_key,
        registrable_domain,
    )

    gold_domain = registrable_domain(domain) or domain.lower()
    predicted = predicted.strip()
    said = registrable_domain(predicted) if " " not in predicted else None
    if said:
        return said == gold_domain
    identity = outlet_identity(predicted) or predicted
    if outlet_key(identity) == outlet_key(domain_outlet(gold_domain)):
        return True  # the domain's known trade name ("BBC" for bbc.co.uk)
    # The site's labels, without the public suffix: "icscotland", "icnetwork"; "bbc".
    suffix = gold_domain.split(".", 1)[1] if "." in gold_domain else ""
    host = domain.lower().removeprefix("www.")
    labels = {
        label
        for label in host.removesuffix("." + suffix).split(".")
        if len(label) >= 2 and label != "www"
    }
    squashed = {label.replace("-", "") for label in labels}
    words = _words(_CORPORATE_TAIL.sub("", identity))
    if any(form in squashed for form in _domain_spellings(words, identity)):
        return True
    # A domain that is the name's first word and a qualifier: "cbsnews" for CBS Interactive,
    # "hinduonnet" for The Hindu, "telegraphindia" for The Telegraph.
    lead = words[0] if words and words[0] not in _GENERIC | _COMMON_LEADS else ""
    return len(lead) >= 3 and any(label.startswith(lead) for label in squashed)


def _core(words: list[str]) -> list[str]:
    """The name without a generic last word: "BBC News" -> "BBC", "CBS Interactive" -> "CBS"."""
    while len(words) > 1 and words[-1] in _GENERIC:
        words = words[:-1]
    return words


def _domain_spellings(words: list[str], name: str) -> set[str]:
    """The ways a site spells its name in its domain (three letters at least).

    Its leading or trailing words ("BBC News" -> "bbc", "South Florida Sun-Sentinel" ->
    "sunsentinel"), its whole name with "The" ("theledger"), its acronym, the initials before
    its last word ("Los Angeles Times" -> "latimes") and its first word before the others'
    initials ("Seattle Post-Intelligencer" -> "seattlepi").
    """
    forms: set[str] = set()
    for cut in range(1, len(words) + 1):
        # Leading words without "The" ("Guardian News and Media" -> "guardian"), trailing ones.
        forms.add("".join(words[:cut]))
        forms.add("".join(words[-cut:]))
    # With "The" only the whole name or its core ("The Ledger" -> "theledger"): "thetimes" is
    # not The Times of India.
    full = _WORD.findall(name.casefold())
    forms.add("".join(full))
    forms.add("".join(_core(full)))
    if len(words) >= 2:
        forms.add("".join(w[0] for w in words[:-1]) + words[-1])
        forms.add(words[0] + "".join(w[0] for w in words[1:]))
    forms.add(_acronym(name))
    return {f for f in forms if len(f) >= 3}


def outlet_matches(predicted: str | None, gold: str) -> bool:
    """True when ``predicted`` names the outlet the ``gold`` outlet starts with (or, for a
    gold domain, the site of that domain)."""
    if predicted is None or not predicted.strip():
        return False
    if _GOLD_DOMAIN.match(gold.strip()):
        return domain_matches(predicted, gold.strip())
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

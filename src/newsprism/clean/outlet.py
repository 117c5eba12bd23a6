"""Who published an article: outlet, wire agency, relay source and dateline, with evidence.

Signals, strongest first: the container's metadata, the URL's domain, a copyright line, the
site promoting itself ("Download the X app"), an editor's label ("X Editor:"), the holder named
in a rights notice, a wire dateline ("MOSCOW, November 13. /TASS/."), a wire credit ("(AFP)"),
and a relay prefix ("RT: ..."). Every decision keeps the text that supports it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from newsprism.clean import lexicon
from newsprism.records import Evidence, Paragraph, Role, Span

__all__ = ["Attribution", "attribute", "outlet_from_url"]

# Domains whose site name is not their spelling. Plain knowledge of the trade; everything else
# falls back to the domain's own name.
_DOMAINS: dict[str, str] = {
    "apnews.com": "AP",
    "bbc.co.uk": "BBC",
    "bbc.com": "BBC",
    "cnn.com": "CNN",
    "dw.com": "DW",
    "france24.com": "France 24",
    "rt.com": "RT",
    "tass.com": "TASS",
    "tass.ru": "TASS",
    "meduza.io": "Meduza",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "theguardian.com": "The Guardian",
    "wsj.com": "The Wall Street Journal",
    "foxnews.com": "Fox News",
    "breitbart.com": "Breitbart",
    "reuters.com": "Reuters",
    "aljazeera.com": "Al Jazeera",
    "dailymail.co.uk": "Daily Mail",
    "huffpost.com": "HuffPost",
    "huffingtonpost.com": "HuffPost",
    "npr.org": "NPR",
    "usatoday.com": "USA Today",
    "abc.net.au": "ABC News",
    "sputniknews.com": "Sputnik",
    "afp.com": "AFP",
    "bloomberg.com": "Bloomberg",
}
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z .'’-]{1,40}?)"
    r"(?:,\s*(?P<date>(?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2} [A-Z][a-z]{2,8})(?:,? \d{4})?))?"
    r"\s*[.,]?\s*(?:/(?P<a1>[A-Za-z-]{2,20})/|\((?P<a2>[A-Za-z][A-Za-z -]{1,30})\))\s*[.:—–-]*\s"
)
_PROMO_NAME = re.compile(
    r"(?:[Dd]ownload|[Gg]et) (?:the|our) (?P<name>(?:[A-Z0-9][\w&'’.-]*\s+){1,4})app\b"
)
_EDITOR = re.compile(r"^(?P<name>[A-Z][\w.]{1,15})\s+editor(?:'s|’s)?(?: note)?\s*:", re.I)
_RIGHTS_HOLDER = re.compile(
    r"(?:information|materials?|content|articles?) (?:of|from|by) (?:the )?"
    r"(?P<name>[A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,3}) (?:news )?agency\b"
)
_RELAY = re.compile(r"^(?P<name>[A-Z][A-Za-z0-9.&]{1,11}(?: [A-Z][A-Za-z0-9.&]{1,11})?):\s+\S")
_INLINE_CREDIT = re.compile(r"\((?P<agency>[A-Z][A-Za-z-]{1,20})\)")


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who published an article and through whom."""

    outlet: str | None
    wire_agency: str | None
    relayed_from: str | None
    dateline: str | None
    evidence: tuple[Evidence, ...]


def _display(name: str) -> str:
    name = " ".join(name.split()).strip(" .,:;")
    # "MEDUZA" -> "Meduza"; short all-caps names are acronyms (TASS, BBC) and stay as they are.
    if name.isupper() and len(name) > 4 and " " not in name:
        return name.capitalize()
    return name


def _agency(name: str) -> str | None:
    return lexicon.WIRE_AGENCIES.get(name.strip().lower())


def outlet_from_url(url: str | None) -> str | None:
    """The outlet a URL belongs to, by its registered domain."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    host = host.removeprefix("www.").removeprefix("amp.").removeprefix("m.")
    for domain, name in _DOMAINS.items():
        if host == domain or host.endswith("." + domain):
            return name
    parts = host.split(".")
    if len(parts) < 2:
        return None
    # example.co.uk -> example; news.example.com -> example
    core = parts[-3] if len(parts) >= 3 and parts[-2] in {"co", "com", "org", "net"} else parts[-2]
    return core.capitalize() if core else None


def attribute(
    doc_id: str,
    paragraphs: Sequence[Paragraph],
    *,
    url: str | None = None,
    metadata_outlet: str | None = None,
) -> Attribution:
    """Read outlet, wire agency, relay source and dateline from metadata and the text."""
    host: list[tuple[int, str, Evidence]] = []  # (strength, name, evidence)
    agencies: list[tuple[str, Evidence]] = []
    relayed: str | None = None
    dateline: str | None = None
    evidence: list[Evidence] = []

    if metadata_outlet:
        host.append((0, metadata_outlet, Evidence("metadata", metadata_outlet)))
    if (name := outlet_from_url(url)) and url:
        host.append((1, name, Evidence("url", url)))

    first_body = next((p for p in paragraphs if p.role.is_kept), None)
    for p in paragraphs:
        text = p.text
        span = Span(doc_id, p.span.start, p.span.end)
        if p.role in (Role.RIGHTS, Role.CREDIT, Role.BOILERPLATE) and (
            m := lexicon.COPYRIGHT.match(text)
        ):
            host.append((2, _display(m.group("name")), Evidence("copyright", text, span)))
        if p.role is Role.PROMOTION and (m := _PROMO_NAME.search(text)):
            host.append((3, _display(m.group("name")), Evidence("self-promotion", text, span)))
        if p.role is Role.COMMENTARY and (m := _EDITOR.match(text)):
            host.append((4, _display(m.group("name")), Evidence("editor-label", text, span)))
        if p.role is Role.RIGHTS and (m := _RIGHTS_HOLDER.search(text)):
            name = _display(m.group("name"))
            host.append((5, name, Evidence("rights-notice", text, span)))
            if _agency(name):
                agencies.append((_agency(name) or name, Evidence("rights-notice", text, span)))
        if p.role is Role.CREDIT and (m := lexicon.WIRE_CREDIT.match(text)):
            agency = _agency(m.group("agency")) or m.group("agency")
            agencies.append((agency, Evidence("wire-credit", text, span)))
        if p.role.is_kept and dateline is None and (m := _DATELINE.match(text)):
            raw_agency = m.group("a1") or m.group("a2") or ""
            agency = _agency(raw_agency)
            if agency:
                dateline = " ".join(filter(None, (m.group("place").strip(), m.group("date"))))
                ev = Evidence(
                    "dateline",
                    m.group(0).strip(),
                    Span(doc_id, p.span.start, p.span.start + m.end()),
                )
                agencies.append((agency, ev))
        if p is first_body and (m := _RELAY.match(text)) and not _DATELINE.match(text):
            relayed = m.group("name")
            evidence.append(Evidence("relay-prefix", m.group(0)[:-1].strip(), span))

    if not agencies:
        # "(Reuters) —" opening a body paragraph, without a place name before it.
        for p in paragraphs:
            if p.role.is_kept and (m := _INLINE_CREDIT.search(p.text[:40])):
                agency = _agency(m.group("agency"))
                if agency:
                    span = Span(doc_id, p.span.start + m.start(), p.span.start + m.end())
                    agencies.append((agency, Evidence("wire-credit", m.group(0), span)))
                    break

    host.sort(key=lambda item: item[0])
    outlet = host[0][1] if host else None
    evidence.extend(item[2] for item in host)
    wire = agencies[0][0] if agencies else None
    evidence.extend(ev for _, ev in agencies if ev not in evidence)
    if outlet is None:
        outlet = wire or relayed
    return Attribution(outlet, wire, relayed, dateline, tuple(evidence))

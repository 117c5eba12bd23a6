"""Who published an article: outlet, wire agency, relay source and dateline, with evidence.

Signals, strongest first (:data:`STRENGTH`): the container's metadata, the URL's domain, a
domain in a copyright line and the site's name trailing the headline ("... - The New York
Times", taken off the headline), the domain the page keeps writing (URLs, e-mail addresses),
the holder of a copyright notice (the last one on the page), the site promoting itself
("Download the X app"), an editor's label ("X Editor:"), the holder named in a rights notice;
then a wire dateline ("MOSCOW, November 13. /TASS/."), a wire credit ("(AFP)") and a relay
prefix ("RT: ..."). A source line ("Source: Meduza", "Originally published by ...") names the
outlet when none of the site's own signals does, else the source relayed. Every candidate is
read by :func:`outlet_identity`, so that one publisher has one name whatever its form and junk
names no one. Every decision keeps the text that supports it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsprism.clean import lexicon
from newsprism.clean.outlet_identity import (
    domain_outlet,
    outlet_identity,
    outlet_key,
    registrable_domain,
    split_headline_suffix,
)
from newsprism.records import Evidence, Paragraph, Role, Span

__all__ = ["Attribution", "attribute", "outlet_from_url"]

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
# A line crediting where the story was first printed: "Source: Meduza", "Originally published
# by The Moscow Times.", "This article first appeared on Meduza", "Republished with permission
# from X". On a page whose own site is named elsewhere it names the source the page relays; on
# a page that names no site (a plain-text scrape without URL or notice) it is the only outlet
# there is. "Published in Politics" or "Posted on Monday" credit no one: "originally" or
# "first" is needed.
_SOURCE_LINE = re.compile(
    r"(?i)^(?:(?:source|quelle|fuente|fonte)\s*:\s*"
    r"|(?:this (?:article|story|report|piece|post) )?(?:was |is )?(?:originally|first) "
    r"(?:published|appeared|posted|printed|ran)\s+(?:by|in|on|at)\s+"
    r"|(?:re(?:published|printed|posted)|reproduced)\s+(?:with (?:the )?permission\s+)?"
    r"(?:from|of|by)\s+)"
    # "... originally published on page 20 of The Pretoria News on January 16, 2008".
    r"(?:page \w+ of\s+)?"
    r"(?P<name>[^,\n]{2,60}?)(?:\s+on\s+(?:\d|[A-Z][a-z]+ \d)[^\n]*|,[^\n]*)?\s*[.)]?$"
)
# The longest paragraph read as a source line.
_SOURCE_LINE_CHARS = 120
# "Source: U.S. Census Bureau", "Source: company reports": a chart's or a figure's source, no
# publisher. Plain knowledge of how data are credited.
_DATA_SOURCE_WORDS = frozenset(
    {
        "analysis",
        "bureau",
        "calculations",
        "census",
        "data",
        "department",
        "estimates",
        "government",
        "ministry",
        "office",
        "poll",
        "polls",
        "report",
        "reports",
        "research",
        "statistics",
        "survey",
        "surveys",
    }
)


# A host written in the text: a URL, a bare "www." host, an e-mail address, a domain in a
# copyright line ("(c) 2008 Earthtimes.org").
_TEXT_HOST = re.compile(
    r"(?i)(?<![\w@.-])(?:https?://|www\.|[\w.+-]+@)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?![\w-])"
)
# What every host _TEXT_HOST finds holds (its last label's dot), with the same flags.
_HOST_DOT = re.compile(r"(?i)[a-z0-9-]\.[a-z]{2}")
# A copyright notice anywhere in a line, as page footers write them: "Copyright © 2008 The
# Canadian Press. All rights reserved.", "© Copyright of Telegraph Media Group Limited 2008 |
# Terms", "Copyright ©2008 Home of Sport Limited | Terms of Use".
_YEARS = r"(?:19|20)\d\d(?:\s*[-–]\s*(?:(?:19|20)\d\d|\d\d))?"
_COPYRIGHT_ANY = re.compile(
    r"(?i)(?:(?:\bcopyright\b|©|\(c\)|&copy;)\s*)+(?:of\s+)?"
    rf"(?:{_YEARS}\s*[,-]?\s*)?"
    # The holder: up to a full stop (initials such as "E.W." and domains kept), a bar, the
    # years or the rights formula; "eFluxMedia" starts in lower case.
    r"(?P<name>(?:(?-i:[A-Z])\.|(?-i:[A-Z0-9]|[a-z](?=[A-Z])))"
    r"(?:(?-i:[A-Z])\.|\.(?-i:(?=[a-z]{2,}))|[^|\n©.]){1,60}?)"
    rf"(?=\s*(?:\.(?![a-z]{{2}})|[|]|,?\s*all rights|,?\s*{_YEARS}|$))"
)
# What every notice _COPYRIGHT_ANY finds starts with: a cheap search for the lines without.
_COPYRIGHT_SIGN = re.compile(r"(?i)copyright|©|\(c\)|&copy;")
# "BBC Copyright Notice": a footer link that names its holder first.
_NAMED_NOTICE = re.compile(r"^(?P<name>[A-Z][\w&.'’ -]{1,40}?)\s+copyright(?:\s+notice)?\.?$", re.I)
# Outlet signals, strongest first (the lowest number wins). A domain the page writes again and
# again outranks the company in its copyright line: on L3S-GN1's training pages the order
# "text-domain" before "copyright" names the site on 209 of 439 pages, the other way round on
# 198 (the company is often a group: "Canoe Inc.", "CanWest Interactive"). Among copyright
# lines the last one wins: a footer's notice is the page's, an earlier one the story's.
STRENGTH = {
    "metadata": 0,
    "url": 1,
    "copyright-domain": 2,
    "headline-suffix": 2,
    "text-domain": 3,
    "copyright": 4,
    "self-promotion": 5,
    "editor-label": 6,
    "rights-notice": 7,
    "text-domain-once": 8,
}
# Roles whose hosts are someone else's: share buttons ("del.icio.us"), adverts.
_FOREIGN_ROLES = frozenset({Role.SHARE, Role.AD})
# How many times a host must be written before it names the site when nothing else does.
# On L3S-GN1's training pages (plain-text scrapes of 2008) the site's own domain is the most
# often written one on 144 of the 294 pages that write any; a domain written once is as often
# an advertiser's or a partner's ("cars.com", "tinyurl.com"), so a domain written once names
# the site only when it is the only one written and nothing else names the site.
TEXT_HOST_MIN_COUNT = 2


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who published an article and through whom."""

    outlet: str | None
    wire_agency: str | None
    relayed_from: str | None
    dateline: str | None
    evidence: tuple[Evidence, ...]
    headline: str | None = None
    """The headline without a site name trailing it ("... - The New York Times")."""


def _agency(name: str) -> str | None:
    name = name.strip().lower()
    return lexicon.WIRE_AGENCIES.get(name) or lexicon.WIRE_AGENCIES.get(name.removeprefix("the "))


def outlet_from_url(url: str | None) -> str | None:
    """The outlet a URL belongs to: a known trade name, else its registrable domain."""
    if not url:
        return None
    domain = registrable_domain(url)
    return domain_outlet(domain) if domain else None


def _text_hosts(doc_id: str, paragraphs: Sequence[Paragraph]) -> list[tuple[str, Evidence]]:
    """Registrable domains written in the page's own text, each with where it was written."""
    found: list[tuple[str, Evidence]] = []
    for p in paragraphs:
        if p.role in _FOREIGN_ROLES or p.role is Role.TITLE:
            continue
        # A host has a dot before two letters: most paragraphs stop at these cheap tests.
        text = p.text
        hosts = _TEXT_HOST.finditer(text) if "." in text and _HOST_DOT.search(text) else ()
        for m in hosts:
            written = m.group(0)
            domain = registrable_domain(m.group(1))
            bare = not (written.lower().startswith(("http", "www.")) or "@" in written)
            if bare and domain and m.group(1).lower() != domain:
                # A bare host with a subdomain is most often a service's name ("del.icio.us"),
                # not the page's own address ("NEWS.com.au" has none).
                continue
            if domain:
                span = Span(doc_id, p.span.start + m.start(), p.span.start + m.end())
                found.append((domain, Evidence("text-domain", m.group(0), span)))
    return found


def _site_from_hosts(
    hosts: Sequence[tuple[str, Evidence]],
) -> tuple[str, int, Evidence] | None:
    """The domain the page writes most (at least twice and more than any other), or the only
    one it writes, with how often it is written."""
    counts: dict[str, int] = {}
    for domain, _ in hosts:
        counts[domain] = counts.get(domain, 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    best, n = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if (n >= TEXT_HOST_MIN_COUNT and n > runner_up) or len(ranked) == 1:
        first = next(ev for domain, ev in hosts if domain == best)
        note = f"written {n} time(s); the most written domain of the page"
        return best, n, Evidence(first.kind, first.text, first.span, note=note)
    return None


def _relay_name(name: str) -> str | None:
    """A relay prefix ("RT: ...") names an outlet only when it reads as one: a wire agency or
    a known outlet, or an acronym; "UPDATED:" and "DEAR ABBY:" are labels, not sources."""
    identity = outlet_identity(name)
    if identity is None:
        return None
    if _agency(name) or (" " not in name and name.isupper() and len(name) <= 5):
        return identity
    return identity if outlet_identity(identity) == identity and identity != name else None


def _source_line(text: str) -> str | None:
    """The outlet a source line credits ("Source: Meduza"), or None when it is none."""
    if len(text) > _SOURCE_LINE_CHARS or not (m := _SOURCE_LINE.match(text.strip())):
        return None
    name = m.group("name")
    if any(w.casefold().strip(".,") in _DATA_SOURCE_WORDS for w in name.split()):
        return None
    return outlet_identity(name)


def attribute(
    doc_id: str,
    paragraphs: Sequence[Paragraph],
    *,
    url: str | None = None,
    metadata_outlet: str | None = None,
    title: str | None = None,
) -> Attribution:
    """Read outlet, wire agency, relay source and dateline from metadata and the text.

    Every outlet candidate goes through :func:`outlet_identity`, so one publisher has one name
    whatever form it came in, and junk (a copyright sentence, a handle) is no candidate.
    ``title``, when given, loses a trailing site name, which becomes outlet evidence.
    """
    # (strength, order, name, evidence): the lowest strength wins, then the lowest order.
    host: list[tuple[int, int, str, Evidence]] = []
    agencies: list[tuple[str, Evidence]] = []
    relayed: str | None = None
    source: tuple[str, Evidence] | None = None  # a source line's outlet ("Source: Meduza")
    dateline: str | None = None
    evidence: list[Evidence] = []

    def offer(strength: int, raw: str, ev: Evidence, order: int = 0) -> None:
        name = outlet_identity(raw)
        if name is None:
            return
        agency = _agency(raw) or _agency(name)
        if agency and strength >= 2:
            # "© 2008 Associated Press" on a newspaper's page: the story is the wire's, the
            # page is the newspaper's; the wire names the outlet only when nothing else does.
            agencies.append((agency, ev))
            host.append((50 + strength, order, agency, ev))
            return
        host.append((strength, order, name, ev))

    if metadata_outlet:
        offer(STRENGTH["metadata"], metadata_outlet, Evidence("metadata", metadata_outlet))
    if (name := outlet_from_url(url)) and url:
        host.append((STRENGTH["url"], 0, name, Evidence("url", url)))

    first_body = next((p for p in paragraphs if p.role.is_kept), None)
    for p in paragraphs:
        text = p.text
        # (The paragraph's own span when it names this document, as it always should.)
        span = p.span if p.span.doc_id == doc_id else Span(doc_id, p.span.start, p.span.end)
        if p.role in (Role.RIGHTS, Role.CREDIT, Role.BOILERPLATE) and (
            m := lexicon.COPYRIGHT.match(text)
        ):
            holder = m.group("name")
            written = [registrable_domain(h.group(1)) for h in _TEXT_HOST.finditer(holder)]
            domain = next((d for d in written if d), None)
            ev = Evidence("copyright", text, span)
            if domain:
                host.append((STRENGTH["copyright-domain"], -p.index, domain_outlet(domain), ev))
            else:
                offer(STRENGTH["copyright"], holder, ev, -p.index)
        # A notice of either kind below holds a sign _COPYRIGHT_SIGN finds ("copyright" too).
        elif p.role is Role.TITLE or not _COPYRIGHT_SIGN.search(text):
            pass
        elif m := _NAMED_NOTICE.match(text):
            offer(
                STRENGTH["copyright"], m.group("name"), Evidence("copyright", text, span), -p.index
            )
        else:
            for c in _COPYRIGHT_ANY.finditer(text):
                # In a caption, "A protester in Minsk, © Reuters" credits a photo; a notice
                # with at most a site's name before it ("Guardian Unlimited © ...") is the
                # page's own.
                if p.role is not Role.CAPTION or len(text[: c.start()].split()) <= 3:
                    ev = Evidence("copyright", text, span)
                    offer(STRENGTH["copyright"], c.group("name"), ev, -p.index)
        if p.role is Role.PROMOTION and (m := _PROMO_NAME.search(text)):
            offer(
                STRENGTH["self-promotion"], m.group("name"), Evidence("self-promotion", text, span)
            )
        if p.role is Role.COMMENTARY and (m := _EDITOR.match(text)):
            offer(STRENGTH["editor-label"], m.group("name"), Evidence("editor-label", text, span))
        if p.role is Role.RIGHTS and (m := _RIGHTS_HOLDER.search(text)):
            name = m.group("name")
            if _agency(name):
                agencies.append((_agency(name) or name, Evidence("rights-notice", text, span)))
            offer(STRENGTH["rights-notice"], name, Evidence("rights-notice", text, span))
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
            name = _relay_name(m.group("name"))
            if name:
                relayed = name
                evidence.append(Evidence("relay-prefix", m.group(0)[:-1].strip(), span))
        if p.role is not Role.TITLE and source is None and (name := _source_line(text)):
            if agency := _agency(name):
                agencies.append((agency, Evidence("source-line", text, span)))
            else:
                source = (name, Evidence("source-line", text, span))

    site = _site_from_hosts(_text_hosts(doc_id, paragraphs))
    if site:
        site_domain, times, site_ev = site
        kind = "text-domain" if times >= TEXT_HOST_MIN_COUNT else "text-domain-once"
        host.append((STRENGTH[kind], 0, domain_outlet(site_domain), site_ev))

    headline = title
    if title:
        known = {outlet_key(n) for _, _, n, _ in host} | {outlet_key(a) for a, _ in agencies}
        known |= {
            outlet_key(d.split(".")[0]) for _, _, n, _ in host if (d := registrable_domain(n))
        }
        if url and (domain := registrable_domain(url)):
            known.add(outlet_key(domain.split(".")[0]))
        headline, suffix = split_headline_suffix(title, frozenset(known))
        if suffix:
            # The site's own name on its headline: as strong as a copyright line.
            offer(STRENGTH["headline-suffix"], suffix, Evidence("headline-suffix", suffix))

    if not agencies:
        # "(Reuters) —" opening a body paragraph, without a place name before it.
        for p in paragraphs:
            if p.role.is_kept and (m := _INLINE_CREDIT.search(p.text[:40])):
                agency = _agency(m.group("agency"))
                if agency:
                    span = Span(doc_id, p.span.start + m.start(), p.span.start + m.end())
                    agencies.append((agency, Evidence("wire-credit", m.group(0), span)))
                    break

    host.sort(key=lambda item: (item[0], item[1]))
    outlet = host[0][2] if host else None
    evidence.extend(item[3] for item in host if item[3] not in evidence)
    wire = agencies[0][0] if agencies else None
    evidence.extend(ev for _, ev in agencies if ev not in evidence)
    if source is not None:
        # The page's only outlet signal names the outlet (before a wire credit: the outlet
        # printed the wire's story); beside the page's own site it names the source relayed.
        name, ev = source
        if outlet is None:
            outlet = name
            evidence.append(ev)
        elif relayed is None and outlet_key(name) != outlet_key(outlet):
            relayed = name
            evidence.append(ev)
    if outlet is None:
        outlet = wire or relayed
    return Attribution(outlet, wire, relayed, dateline, tuple(evidence), headline)

"""Word lists and patterns the cleaning classifier reads text with.

Everything here is general web and news-wire vocabulary (widget labels, ad slot names, copyright
and wire-credit shapes) of the kind boilerplate removers such as jusText and trafilatura keep;
none of it is taken from a particular evaluation file.
"""

from __future__ import annotations

import re

__all__ = [
    "AD",
    "COMMENTARY_PREFIX",
    "COMMENTS",
    "COPYRIGHT",
    "ERROR_PAGE",
    "FIRST_PERSON",
    "HEADLINE_OUTLET",
    "LIST_MARKER",
    "NAVIGATION",
    "PHOTO_CREDIT",
    "PROMOTION",
    "RELATED_HEADING",
    "RIGHTS",
    "SHARE",
    "STOPWORDS",
    "WIRE_AGENCIES",
    "WIRE_CREDIT",
    "phrase_items",
]

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "said",
        "says",
        "say",
        "told",
        "according",
    ]
)

FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll"})


_ITEMS: dict[re.Pattern[str], tuple[str, ...]] = {}


def _phrases(*items: str) -> re.Pattern[str]:
    pattern = re.compile(r"(?i)(?:" + "|".join(items) + r")")
    _ITEMS[pattern] = items
    return pattern


def phrase_items(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """The alternatives a phrase list of this module was compiled from, each a pattern."""
    return _ITEMS[pattern]


# Whole-line widget labels: matched against a line that is short, so that body sentences that
# merely contain the word ("shares rose") are never caught.
NAVIGATION = _phrases(
    r"^skip to (?:main )?(?:content|navigation|search)\b",
    r"^(?:main )?menu$",
    r"^home$",
    r"^all news$",
    r"^(?:latest|top|more|world|breaking) news$",
    r"^back to top$",
    r"^search$",
    r"^(?:sign|log) ?in$",
    r"^(?:toggle|open|close) (?:navigation|menu|search)$",
    r"^you are here\b",
    r"^breadcrumbs?$",
    r"^(?:previous|next) (?:article|story|post)\b",
    r"^topics?:",
    r"^tags?:",
)
AD = _phrases(
    r"^\[?ad[_ -]?\d*\]?$",
    r"^advert(?:isement|ising)?$",
    r"^sponsored(?: content| links?)?$",
    r"^(?:story|article) continues (?:below|after) (?:this )?advertisement$",
    r"^paid (?:content|post)$",
    r"^promoted (?:stories|content)$",
)
SHARE = _phrases(
    r"^share(?: this| on| article| story)?\s*:?$",
    r"^(?:tweet|email|print|facebook|twitter|whatsapp|linkedin|telegram|reddit|copy link)"
    r"(?:\s*[|/·•]\s*\w+)*$",
    r"bloggers like this",
    r"^like this:?$",
    r"^share (?:this|on|via)\b",
    r"^click to (?:share|print|email)\b",
)
PROMOTION = _phrases(
    r"\bnewsletters?",
    r"\bsubscribe\b",
    r"\bsign up (?:for|to)\b",
    r"\bdownload (?:the|our) [\w .]{0,40}\bapp\b",
    r"\bget the [\w .]{0,30}\bapp\b",
    r"\bfollow us on\b",
    r"\bsupport (?:independent|our) journalism\b",
    r"\bbecome a (?:member|subscriber|patron)\b",
    r"\bdonate\b",
)
COMMENTS = _phrases(
    r"^leave a (?:comment|reply)\b",
    r"^(?:enter|post|add|write) (?:your )?comments?\b",
    r"^\d+ (?:comments?|replies|responses)$",
    r"^comments?(?: \(\d+\))?:?$",
    r"^(?:show|view|load|read) (?:all |more )?comments\b",
    r"^reply$",
    r"^join the (?:discussion|conversation)\b",
    r"^you must be logged in to post a comment\b",
)
ERROR_PAGE = _phrases(
    r"^(?:error )?404\b",
    r"^page not found\b",
    r"\b(?:does not|doesn't) exist or is (?:not|no longer) available\b",
    r"\bis no longer available\b",
    r"^(?:sorry, )?(?:we|this page) (?:can't|cannot|couldn't) (?:be )?f(?:ou|i)nd\b",
    r"\bthe (?:page|content) you (?:requested|are looking for)\b",
)
RIGHTS = _phrases(
    r"\ball rights reserved\b",
    r"\bwithout (?:the )?(?:prior )?written (?:consent|permission)\b",
    r"\bmay not be (?:published|reproduced|broadcast|rewritten|redistributed)\b",
    r"\bnot allowed to (?:publish|quote|reproduce)\b",
    r"\b(?:reproduction|republication) (?:is )?(?:prohibited|forbidden)\b",
)
RELATED_HEADING = _phrases(
    r"^(?:related|read more|see also|more (?:news|stories|coverage|on this)|also read|"
    r"recommended|most (?:read|popular|viewed)|latest|you may also like|trending|"
    r"further reading|in other news|what to read next)\b",
)
# "(c)MEDUZA 2020", "© 2020 Reuters", "Copyright 2021 The Associated Press".
COPYRIGHT = re.compile(
    r"(?i)^(?:\(c\)|©|copyright\b)\s*(?:(?P<y1>(?:19|20)\d\d)\s*)?(?P<name>[^\d©()]{2,60}?)"
    r"\s*(?P<y2>(?:19|20)\d\d)?\.?\s*(?:all rights reserved\.?)?$"
)
PHOTO_CREDIT = _phrases(
    # "© Name, Agency" after a caption's text; a line opening with © is a copyright notice.
    r"[\w.,)]\s+©\s*\w",
    r"\b(?:photo|image|picture|video)(?: credit)?s?\s*(?::|by\b)",
    r"\((?:photo|image)s? by\b",
    r"\b(?:getty images|shutterstock|reuters/|ap photo|afp photo|epa-efe|file photo)\b",
)
# Agencies whose credit alone marks a wire story. Plain knowledge of the news trade.
WIRE_AGENCIES: dict[str, str] = {
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "ap": "AP",
    "associated press": "AP",
    "reuters": "Reuters",
    "tass": "TASS",
    "ria novosti": "RIA Novosti",
    "interfax": "Interfax",
    "xinhua": "Xinhua",
    "dpa": "dpa",
    "efe": "EFE",
    "ansa": "ANSA",
    "bns": "BNS",
    "upi": "UPI",
    "pa": "PA",
    "press association": "PA",
    "kyodo": "Kyodo",
    "yonhap": "Yonhap",
    "anadolu": "Anadolu",
    "belta": "BelTA",
    "ukrinform": "Ukrinform",
    "pti": "PTI",
    "ians": "IANS",
    "aap": "AAP",
    "cp": "CP",
    "bloomberg": "Bloomberg",
}
_AGENCY_ALT = "|".join(sorted((re.escape(k) for k in WIRE_AGENCIES), key=len, reverse=True))
# A line that is only a wire credit: "(AFP)", "— Reuters", "AFP/dpa".
WIRE_CREDIT = re.compile(
    rf"(?i)^[\s(\[—–-]*(?P<agency>{_AGENCY_ALT})(?:\s*[/,&]\s*(?:{_AGENCY_ALT}))*[\s)\].]*$"
)
# "WNU Editor:", "Editor's note:", "My take:": an aggregator speaking in its own voice.
COMMENTARY_PREFIX = re.compile(
    r"(?i)^(?:[A-Z][\w.]{0,15}\s+)?(?:editor(?:'s|’s)?(?: note| comment)?|my take|"
    r"opinion|commentary|our view|analysis by the editor)\s*:"
)
# "Headline words here — Outlet Name": a related-coverage list entry.
HEADLINE_OUTLET = re.compile(
    r"^(?P<headline>.{12,}?\S)\s+[—–|-]{1,2}\s+(?P<outlet>(?:[A-Z0-9][\w.&'’-]*"
    r"(?:\s+(?:of|and|the|de|&))?\s*){1,6}(?:,\s*[A-Z][\w .'’-]{0,60})?)$"
)
LIST_MARKER = re.compile(r"^\s*(?:\d{1,3}[.)]|[•·▪►*-])\s+")

"""Sentences of an article's body, with their spans, and the words the brief compares them by.

Only paragraphs the cleaner kept as the article's own text (body and lede) give sentences: a
caption, a reader comment or a related-coverage line can never be cited by the brief.
Sentence splitting is a rule-based splitter (no model, nothing downloaded): it splits after
``.``, ``!`` or ``?`` (and any closing quote or bracket) before a capital, a digit or an
opening quote, and before a lower-case word when the word ending the sentence is a plain word
and not an abbreviation ("U.S. officials", "Sen. Sanders", "Mr. Lukashenko" stay whole).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from newsprism.records import Article, Role, Span

__all__ = [
    "CITABLE_ROLES",
    "STOPWORDS",
    "SourceSentence",
    "article_sentences",
    "caption_like",
    "content_words",
    "dateline_end",
    "link_like",
    "split_sentences",
    "stem",
    "words",
]

CITABLE_ROLES = frozenset({Role.BODY, Role.LEDE})
"""Paragraph roles a brief may cite: the article's own running text."""

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen lt col sgt capt cmdr adm st jr sr rev hon pres
    no vs etc inc ltd co corp dept univ approx est fig jan feb mar apr jun jul aug sep sept
    oct nov dec mon tue wed thu fri sat sun u.s u.k u.n e.g i.e a.m p.m d.c n.y l.a""".split()
)
_STARTERS = frozenset(
    """The A An He She It They We I But And In On At This That These Those His Her Their There
    Its It's It’s That's That’s There's There’s He's He’s She's She’s They're They’re We're
    We’re I'm I’m""".split()
)
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
_NEXT = re.compile(r"\s+(?P<next>\S)")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")

# Function words that carry no content for comparing sentences (the brief's scorer and
# redundancy check look at what a sentence is about, not how it is phrased).
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself yourselves said says say told according would could may might must shall one two
    new also like just mr ms mrs""".split()
)


# Captions the cleaner left inside body text: they describe a picture, not what happened,
# and the date they give ("shows Kim at a party meeting on Friday") is the picture's. Each
# pattern is a shape of caption writing (wire and newsroom conventions), set by hand from how
# captions are written, not calibrated on any corpus.
_CAPTION_LABEL = re.compile(
    r"\(?(?:pictured|photo(?:graph)?s?|pictures?|images?|caption|(?:photo |image )?credits?|"
    r"video|watch|graphic|illustration|file(?: photo)?)\s*(?::|\||[-\u2013\u2014]\s)",
    re.I,
)
"""A label opening the line: "Pictured: ...", "Photo: AP", "Image: Reuters", "FILE - ..."."""
_CAPTION_CREDIT = re.compile(
    r"\((?:[A-Z][A-Za-z.]*\s+)?(?:Photo(?:graph)?|PHOTO|Image|IMAGE|Picture|Credit)s?\b|"
    r"\b(?:[Pp]hoto(?:graph)?|[Ii]mage|[Pp]icture)s?\s+(?:by|courtesy of|credit:?)\s+[A-Z]|"
    r"\b(?:AP|AFP|EPA|Xinhua|KCNA|Yonhap)\s+(?:Photo|PHOTO)\s*/|\bREUTERS\s*/\s*[A-Z]|"
    r"\b(?:via|/)\s*Getty Images\b"
)
"""A picture credit inside the sentence: "(Photo: ...)", "(AP Photo/...)", "REUTERS/Name",
"photo by ...", "via Getty Images"."""
_CAPTION_SUBJECT = re.compile(
    r"(?:[Ii]n\s+)?(?:(?:[Tt]his|[Tt]hese|[Aa]n?|[Tt]he|[Tt]hat)\s+)?(?:(?:[A-Z][\w.]*|\d[\d,]*|"
    r"undated|handout|file|official|recent|aerial|satellite|video|archive|family|police|"
    r"black-and-white),?\s+){0,4}?"
    r"(?:[Pp]hoto(?:graph)?|[Pp]icture|[Ii]mage|[Hh]andout|[Ss]creenshot|[Ss]creen grab|"
    r"[Ff]rame grab)s?\b(?P<rest>.*)"
)
"""A picture as the sentence's subject ("A photograph released by ... shows ...", "In this
April 27, 2018, file photo, ...")."""
_IN_THIS_PICTURE = re.compile(
    r"\bin this\s+(?:[\w,'’-]+\s+){0,4}?(?:photo(?:graph)?|picture|image|handout|screenshot)s?\b",
    re.I,
)
"""The caption's pointer at its picture anywhere in the sentence ("..., in this handout photo
released by KCNA")."""
_SHOWS = re.compile(
    r"^\s*(?:\S+\s+){0,12}?\S*\b(?:shows?|showing|depicts?|depicting|taken\s+(?:on|in|at|from|by|during)|"
    r"provided\s+by|made\s+available|distributed\s+by)\b",
    re.I,
)
"""The verb of showing a caption gives its picture, close after it."""
_PLACED = re.compile(
    r"\b(?!(?:Oh|Yes|Well|OK|Okay|All|So|No)\b)\w[\w.'’-]*,\s+(?:left|right|cent(?:er|re)|"
    r"front|rear|top|bottom|(?:second|third|far)(?:\s+from)?\s+(?:left|right))(?:\s*[,)]|"
    r"\s+and\b)|"
    r"\((?:left|right|cent(?:er|re)|front|top|bottom|L to R|from left|from right)\)"
)
"""People placed in a picture: "Kim Jong-un, center, at ...", "Moon (right) and Kim" (not
"(R)", which is a party)."""


_LINK_LABEL = re.compile(
    r"(?:read more|read also|also read|more|related|related coverage|see also|watch|listen|"
    r"click here|recommended|trending|top stories|must read|don't miss|more on this)\s*[:|]",
    re.I,
)
"""A link to other coverage left in the body: "READ MORE: ...", "RELATED: ..."."""


def link_like(text: str) -> bool:
    """Whether a sentence is a labelled link to other coverage ("READ MORE: Plague outbreak
    confirmed"), not a sentence of the article."""
    return bool(_LINK_LABEL.match(text.lstrip("\"'“‘ ")))


def caption_like(text: str) -> bool:
    """Whether a sentence is written as a photo caption or credit, not as a fact of the story.

    A caption opens with a label ("Pictured:", "Image:", "FILE -"), carries a picture credit
    ("(Photo: ...)", "AP Photo/..."), has a picture for its subject with a verb of showing
    ("A photograph released by ... shows ...", "In this file photo, ..."), or places people in
    the frame ("Kim Jong-un, center, ...").
    """
    stripped = text.lstrip("\"'“‘ ")
    if _CAPTION_LABEL.match(stripped) or _CAPTION_CREDIT.search(text) or _PLACED.search(text):
        return True
    if _IN_THIS_PICTURE.search(text):
        return True
    subject = _CAPTION_SUBJECT.match(stripped)
    return bool(subject and _SHOWS.search(subject.group("rest")))


_DATELINE = re.compile(
    r"(?:[A-Z]{2,}[A-Z.'’ ]*(?:,\s+[A-Z][\w.'’ ]*?)?(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?=\s*\())"
    r"\s*(?:\([A-Za-z][\w .-]{0,30}\)\s*)?[\u2013\u2014\u2015-]{1,2}\s+(?=[\"“‘'A-Z0-9])"
)
"""A wire dateline opening an article's first paragraph: "SEOUL, South Korea — ",
"WASHINGTON, April 30 (Reuters) - ", "Washington (AFP) – " (a capitalised place, a date, an
agency in brackets, then a dash). Written from wire style, not calibrated on any corpus."""


def dateline_end(text: str) -> int:
    """Where the text after a dateline opening ``text`` starts (0 when there is none)."""
    m = _DATELINE.match(text)
    return m.end() if m else 0


@dataclass(frozen=True, slots=True)
class SourceSentence:
    """One sentence of an article's body: where it is, which paragraph, and its position."""

    doc_id: str
    span: Span
    text: str
    paragraph: int
    """Index of the paragraph in :attr:`Article.paragraphs`."""
    position: int
    """0-based rank of the sentence among the article's citable sentences."""
    outlet: str


def _ends_sentence(text: str, end: int) -> bool:
    """Whether the punctuation run ending at ``end`` closes a sentence (not an abbreviation)."""
    m = _NEXT.match(text, end)
    if m is None:
        return False
    following = m.group("next")
    # Only the last word before the mark matters: a bounded window keeps this linear on a
    # paragraph of tens of thousands of sentences (slicing ``text[:end]`` made it quadratic).
    before = text[max(0, end - 80) : end].rstrip("\"'”’)]")
    word = re.search(r"(\S+?)[.!?…]+$", before)
    token = word.group(1).lower().lstrip("\"'“‘(") if word else ""
    if before.endswith(("!", "?", "…")):
        return following.isupper() or not following.isalpha()
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]?", token):
        # "U.S. officials" goes on, "in the U.S. The senator said" ends.
        return text[m.start("next") :].split(" ", 1)[0] in _STARTERS
    if token in _ABBREVIATIONS:
        return False
    if len(token) == 1 and token.isalpha():  # an initial: "John F. Kennedy"
        return False
    if following.isupper() or following.isdigit() or following in "\"'“‘(":
        return True
    # A lower-case start after a plain word ends the sentence in garbled scrapes
    # ("during the protests. people are dead"); after a number it does not ("No. 1 pick").
    return following.isalpha() and token.isalpha() and len(token) >= 3


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """The ``[start, end)`` ranges of the sentences of ``text``, shifted by ``offset``."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        if not _ends_sentence(text, m.end()):
            continue
        spans.append((start, m.end()))
        nxt = _NEXT.match(text, m.end())
        start = nxt.start("next") if nxt else m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        piece = text[s:e]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece.rstrip())
        if trail > lead:
            out.append((offset + s + lead, offset + s + trail))
    return out


def article_sentences(article: Article) -> list[SourceSentence]:
    """The citable sentences of an article's body, in reading order."""
    out: list[SourceSentence] = []
    outlet = article.source_name
    for index, paragraph in enumerate(article.paragraphs):
        if paragraph.role not in CITABLE_ROLES:
            continue
        base = paragraph.span.start
        for s, e in split_sentences(article.text[base : paragraph.span.end], base):
            text = article.text[s:e]
            if not _WORD.search(text):
                continue
            out.append(
                SourceSentence(article.doc_id, Span(article.doc_id, s, e), text, index, 0, outlet)
            )
    return [
        SourceSentence(s.doc_id, s.span, s.text, s.paragraph, i, s.outlet)
        for i, s in enumerate(out)
    ]


def words(text: str) -> list[str]:
    """The lower-cased word tokens of ``text``."""
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def stem(word: str) -> str:
    """A light suffix-stripping stem, enough to match "protests" with "protest"."""
    if len(word) <= 4 or word.isdigit():
        return word
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("'s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: len(word) - len(suffix)] + keep
    return word


def content_words(text: str) -> list[str]:
    """Stemmed words of ``text`` that are not function words ("Lukashenko's" counts as
    "lukashenko")."""
    return [c for c in map(_content_word, _WORD.findall(text)) if c]


@functools.lru_cache(maxsize=65_536)  # asked for every word of every sentence of a story
def _content_word(token: str) -> str:
    """The stemmed content word a word token of :func:`words` stands for; "" for a function
    word."""
    word = token.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    return stem(word) if word and word not in STOPWORDS else ""

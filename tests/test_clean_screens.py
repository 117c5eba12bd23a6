"""Cheap screens before costly patterns: a screen may let a line through for nothing, but it
must never stop one the pattern would have matched (otherwise cleaning's output changes)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

_PIECES = [
    "Photo",
    "IMAGE",
    "Getty Images",
    "Reuters/",
    "EPA-EFE",
    "©",
    "(c)",
    "Copyright",
    "ſ",
    "K",
    "İ",
    "I",
    "my",
    "Me",
    "I'm",
    "i’m",
    "'my'",
    "é",
    "“",
    "”",
    '"',
    "said",
    "Jan",
    "MAY",
    "sept.",
    "12",
    "2019",
    "www.",
    "example",
    ".",
    ".com",
    "-",
    "@",
    "news",
    " ",
    "\u00a0",
]
_LINES = st.lists(st.sampled_from(_PIECES), max_size=14).map("".join) | st.text(max_size=40)


@settings(max_examples=400, deadline=None)
@given(_LINES)
def test_photo_word_screen_finds_what_the_pattern_finds(text: str) -> None:
    from newsprism.clean.text import _PHOTO_WORD, _has_photo_word

    stripped = text.strip()
    found = _has_photo_word(stripped, stripped.lower(), stripped.isascii())
    assert found == bool(_PHOTO_WORD.search(stripped))


@settings(max_examples=400, deadline=None)
@given(_LINES)
def test_first_person_screen_on_ascii_lines(text: str) -> None:
    # On an ASCII line whose shape counts no first-person word, the rule finds none either.
    from newsprism.clean.features import LineShape
    from newsprism.clean.text import _first_person_outside_quotes, _verdicts

    shape = LineShape(text)
    assert _verdicts(shape).speaks == _first_person_outside_quotes(shape.text)


@settings(max_examples=400, deadline=None)
@given(_LINES)
def test_month_screen_misses_no_month_day(text: str) -> None:
    from newsprism.clean.dates import _MONTH_DAY, _may_name_month

    if _MONTH_DAY.search(text):
        assert _may_name_month(text)


@settings(max_examples=400, deadline=None)
@given(_LINES)
def test_host_screen_misses_no_host(text: str) -> None:
    from newsprism.clean.outlet import _COPYRIGHT_SIGN, _HOST_DOT, _NAMED_NOTICE, _TEXT_HOST

    if _TEXT_HOST.search(text):
        assert _HOST_DOT.search(text)
    if _NAMED_NOTICE.match(text):
        assert _COPYRIGHT_SIGN.search(text)


def _segment_line_by_line(text: str) -> list[tuple[int, int, int, str]]:
    """segment's blocks of a text that is not hard-wrapped, as its general loop finds them."""
    out = []
    pos = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            trail = len(line) - len(line.rstrip())
            out.append((pos + lead, pos + len(line) - trail, number, line))
        pos += len(line) + 1
    return out


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["", " ", "\t", "\r", "Home", "  Body text here.", "\u2003x"]), max_size=20
    )
)
def test_segment_of_unwrapped_text(lines: list[str]) -> None:
    from newsprism.clean.text import _looks_hard_wrapped, segment

    text = "\n".join(lines)
    assert not _looks_hard_wrapped(text.split("\n"))
    blocks = [(b.start, b.end, b.line, b.raw) for b in segment(text)]
    assert blocks == _segment_line_by_line(text)
    for start, end, _, _ in blocks:
        assert text[start:end] == text[start:end].strip() != ""

"""Bytes to text at the edge: BOM, UTF-8, a declared or guessed charset, then mojibake repair.

Everything downstream reports character spans into :attr:`Document.content`, so decoding
changes the text as little as it can: newlines are normalised to ``"\\n"`` (offsets refer to the
decoded, newline-normalised text) and ftfy repairs mojibake, nothing else. Lines are not
stripped and whitespace is not collapsed.

The order of attempts, and why:

1. A byte-order mark is the strongest evidence there is; next to it, UTF-16 without one (a
   NUL in nearly every other byte, as Latin-script text saved as UTF-16 has).
2. Strict UTF-8: text that decodes as UTF-8 and has any non-ASCII in it is UTF-8 with near
   certainty, whatever a page declares.
3. UTF-8 cut off inside its last character (a truncated download): decode it, and put one
   U+FFFD for the cut character rather than reject the whole text.
4. *Mostly* UTF-8 (at least as many valid multi-byte sequences as invalid bytes): scraped text
   often pastes a stray Windows-1252 byte (a curly quote) into UTF-8. Each invalid byte is read
   as Windows-1252 and the valid UTF-8 is kept: this loses nothing, whereas reading the whole
   file as cp1252 would turn every valid character into mojibake and rejecting it would lose the
   article. The encoding is then reported as ``"utf-8+cp1252"``.
5. A charset the document declares (``<meta charset>``, the XML prologue, an HTTP header).
6. Windows-1252 when it reads like Western European text: it is by far the most common legacy
   charset in news, and charset-normalizer misjudges short Western texts (it calls French
   cp1252 ``mac_latin2`` and an English page with one curly quote ``big5hkscs``).
7. charset-normalizer's best guess; nothing plausible is error E004.
"""

from __future__ import annotations

import bisect
import codecs
import re
from dataclasses import dataclass

import ftfy
import ftfy.bad_codecs  # registers the "sloppy-windows-1252" codec
import ftfy.chardata
from charset_normalizer import from_bytes

from newsprism.errors import InputError

__all__ = [
    "NO_ENCODING",
    "Decoded",
    "bom_encoding",
    "declared_charset",
    "decode",
    "decode_bytes",
    "normalise_newlines",
    "repair_text",
    "utf16_without_bom",
]


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded, repaired text and how it was obtained."""

    text: str
    encoding: str
    repaired: bool = False


# UTF-32 first: its little-endian mark begins with the UTF-16 one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# ftfy limited to undoing encoding mistakes: its other fixes (quotes, ligatures, widths,
# NFC, HTML entities, line breaks, control characters) would change text that is not broken and
# move the character offsets that later stages report.
_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)

_CHARSET_RE = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)

# WHATWG: browsers read pages labelled Latin-1 or ASCII as Windows-1252, and so do authors.
_CHARSET_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252"}

_FALLBACK_ERRORS = "newsprism.cp1252"

NO_ENCODING = "no character encoding fits its bytes"


def _cp1252_bytes(error: UnicodeError) -> tuple[str, int]:
    # Read the bytes UTF-8 rejects as Windows-1252 (undefined ones as Latin-1, as browsers do).
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return bytes(bad).decode("sloppy-windows-1252"), error.end


codecs.register_error(_FALLBACK_ERRORS, _cp1252_bytes)

# Tuned on hand-made samples: French, German, Spanish and English news use under 12 % non-ASCII
# letters; Cyrillic or Greek read as cp1252 come out near 100 %.
_MAX_NON_ASCII_LETTERS = 0.3
# A symbol wedged between two letters ("Za¿ó³æ": Polish read as cp1252) means the wrong code page.
_MAX_SYMBOLS_IN_WORDS = 0.1
_SYMBOL_IN_WORD_RE = re.compile(r"(?<=[^\W\d_])[^\x00-\x7f\w’·\xad](?=[^\W\d_])")
_WESTERN_SAMPLE = 200_000

# UTF-16 without a mark: judged on the first 4 KB, at least 8 characters, NUL in 90 % of the
# high bytes. (Latin-script text has a zero high byte in over 99 % of its characters; 90 %
# leaves room for curly quotes and dashes, which are not in Latin-1.)
_UTF16_SAMPLE = 4096
_UTF16_MIN_PAIRS = 8
_UTF16_NUL_SHARE = 0.9


def bom_encoding(data: bytes) -> str | None:
    """The codec named by the byte-order mark at the start of ``data``, if there is one."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` when ``data`` reads as UTF-16 text with no mark.

    Text in a Latin script saved as UTF-16 without a byte-order mark has a NUL in nearly
    every other byte and almost none in the others; no binary format looks like that.
    """
    sample = data[:_UTF16_SAMPLE]
    pairs = len(sample) // 2
    if pairs < _UTF16_MIN_PAIRS:
        return None
    even = sample[0 : 2 * pairs : 2].count(0) / pairs
    odd = sample[1 : 2 * pairs : 2].count(0) / pairs
    if odd >= _UTF16_NUL_SHARE and even <= 1 - _UTF16_NUL_SHARE:
        return "utf-16-le"
    if even >= _UTF16_NUL_SHARE and odd <= 1 - _UTF16_NUL_SHARE:
        return "utf-16-be"
    return None


def declared_charset(head: bytes) -> str | None:
    """The Python codec of a charset declared in an HTML ``<meta>`` or XML prologue in ``head``."""
    match = _CHARSET_RE.search(head[:4096])
    if match is None:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii")
    return charset_codec(label)


def charset_codec(label: str) -> str | None:
    """The Python codec for a charset label, or None when Python does not know it."""
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except (LookupError, ValueError):  # ValueError: a NUL byte in the label
        return None
    if name.startswith(("utf-16", "utf-32")):
        # A label readable as ASCII is not in UTF-16 or UTF-32; browsers ignore it too.
        return None
    return _CHARSET_ALIASES.get(name, name)


def normalise_newlines(text: str) -> str:
    """``text`` with CRLF and lone CR line ends turned into ``"\\n"``."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ftfy's own signs of what it repairs: UTF-8 read in one of the single-byte encodings it knows
# ("Ã©", "â€™", MacRoman's "¬†"), replacement characters where bytes were lost, C1 controls,
# lone surrogates. A line with none of them is left to stand: ftfy costs about 0.1 s per MB
# even where it changes nothing (18 ms a page on the Article Extraction Benchmark's HTML, where
# 3 of 181 pages needed it; the screen gives the same text on all 181).
def _shown_as(first: int, last: int) -> str:
    """Bytes ``first``..``last`` as each single-byte encoding ftfy repairs from shows them."""
    shown: set[str] = set()
    for encoding in ftfy.chardata.CHARMAP_ENCODINGS:
        for b in range(first, last + 1):
            shown.update(bytes([b]).decode(encoding, errors="ignore"))
    return re.escape("".join(sorted(shown)))


_MOJIBAKE_SIGNS = (
    # a UTF-8 lead byte then a continuation byte, both read in one of those encodings
    re.compile(f"[{_shown_as(0xC2, 0xF4)}][{_shown_as(0x80, 0xBF)}]"),
    ftfy.chardata.UTF8_DETECTOR_RE,
    ftfy.chardata.C1_CONTROL_RE,
    re.compile("[\ufffd\x1a\ud800-\udfff]"),  # lossy sequences, lone surrogates
)
_NEWLINE = re.compile("\n")
# The other signs, each a character or two, never across a line break. (Searched one by one:
# an alternation of character classes is slower than the three searches.)
_OTHER_SIGNS = tuple(s for s in _MOJIBAKE_SIGNS if s is not ftfy.chardata.UTF8_DETECTOR_RE)
# Where a match of ftfy's detector can start: a lead character, then a continuation one.
# The detector tries its look-behind at every character (about 10 ms a page of the Article
# Extraction Benchmark); this finds the few places to try it at a tenth of the cost. The lead
# sets hold plain letters only, so they join in one class; only the lead is consumed, so that
# overlapping starts are all found.
_UTF8_START = re.compile(
    "[{utf8_first_of_2}{utf8_first_of_3}{utf8_first_of_4}](?=[{utf8_continuation}])".format(
        **ftfy.chardata.UTF8_CLUES
    )
)


def _sign_lines(text: str, breaks: list[int]) -> set[int]:
    """The lines of ``text`` (indexes, given the offsets of its line breaks) showing a sign."""
    found: set[int] = set()
    for sign in _OTHER_SIGNS:
        found.update(bisect.bisect_left(breaks, m.start()) for m in sign.finditer(text))
    detector = ftfy.chardata.UTF8_DETECTOR_RE
    # The detector is tried only where it can start: it matches there just when a search
    # would (its look-behind still sees the text before).
    for m in _UTF8_START.finditer(text):
        line = bisect.bisect_left(breaks, m.start())
        if line not in found and detector.match(text, m.start()):
            found.add(line)
    return found


def repair_text(text: str) -> tuple[str, bool]:
    """``text`` with newlines normalised and mojibake repaired; True when ftfy changed it."""
    text = normalise_newlines(text)
    if text.isascii():
        return text, False
    # ftfy fixes every line (up to and including its "\n") on its own, and a line with none of
    # the signs is one it leaves as it is (and costs about 0.1 s per MB to read): so only the
    # lines that show a sign go through it. On the Article Extraction Benchmark's pages a sign
    # fires on 69 of 181, most of them on a handful of lines. (No sign spans a line break.)
    breaks = [m.start() for m in _NEWLINE.finditer(text)]
    lines = sorted(_sign_lines(text, breaks))
    if not lines:
        return text, False
    out: list[str] = []
    pos = 0
    for k in lines:
        start = breaks[k - 1] + 1 if k else 0
        end = breaks[k] + 1 if k < len(breaks) else len(text)
        line = text[start:end]
        out.append(text[pos:start])
        out.append(line if line.isascii() else ftfy.fix_text(line, _FTFY_CONFIG))
        pos = end
    out.append(text[pos:])
    fixed = "".join(out)
    return fixed, fixed != text


def decode_bytes(data: bytes, *, source: str, declared: str | None = None) -> tuple[str, str]:
    """``data`` as text and the encoding used; raises :class:`InputError` E004 if nothing fits."""
    bom = bom_encoding(data)
    if bom is not None:
        try:
            return data.decode(bom), bom
        except UnicodeDecodeError:
            pass  # a mark followed by something else: fall through to the guesses
    utf16 = utf16_without_bom(data)
    if utf16 is not None:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass  # (a lone surrogate): not UTF-16 after all
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mostly = _decode_mostly_utf8(data)
    if mostly is not None:
        return mostly
    if declared is not None:
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and _looks_western(western):
        return western, "cp1252"
    best = from_bytes(data).best()
    if best is None:
        raise InputError(source, "E004", NO_ENCODING)
    return str(best), codecs.lookup(best.encoding).name


def decode(data: bytes, *, source: str, declared: str | None = None) -> Decoded:
    """``data`` decoded (see the module notes), newlines normalised and mojibake repaired."""
    text, encoding = decode_bytes(data, source=source, declared=declared)
    text, repaired = repair_text(text)
    return Decoded(text=text, encoding=encoding, repaired=repaired)


def _decode_mostly_utf8(data: bytes) -> tuple[str, str] | None:
    try:
        # Succeeds when the only fault is a character cut off at the very end.
        head = codecs.getincrementaldecoder("utf-8")().decode(data, final=False)
    except UnicodeDecodeError:
        pass
    else:
        return head + "\ufffd", "utf-8+replace"
    replaced = data.decode("utf-8", errors="replace")
    invalid = replaced.count("\ufffd") - data.count("\ufffd".encode())
    non_ascii = len(replaced) - len(replaced.encode("ascii", errors="ignore"))
    valid = non_ascii - replaced.count("\ufffd")
    if valid < 1 or invalid > valid:
        return None
    return data.decode("utf-8", errors=_FALLBACK_ERRORS), "utf-8+cp1252"


def _looks_western(text: str) -> bool:
    sample = text[:_WESTERN_SAMPLE]
    non_ascii = len(sample) - len(sample.encode("ascii", errors="ignore"))
    if non_ascii == 0:
        return True
    letters = 0
    non_ascii_letters = 0
    for char in sample:
        if char.isalpha():
            letters += 1
            if not char.isascii():
                non_ascii_letters += 1
    if letters == 0 or non_ascii_letters > _MAX_NON_ASCII_LETTERS * letters:
        return False
    wedged = len(_SYMBOL_IN_WORD_RE.findall(sample))
    return wedged <= _MAX_SYMBOLS_IN_WORDS * non_ascii

"""Decoding at the edge: BOMs, UTF-8, legacy charsets, mostly-UTF-8, mojibake, newlines."""

from __future__ import annotations

import codecs
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.errors import InputError
from newsprism.ingest.decode import declared_charset, decode, normalise_newlines, repair_text

FRENCH = "Le président a déclaré à Noël que l’église était fermée."
RUSSIAN = "Президент заявил в среду, что реформа будет представлена осенью. " * 3


@pytest.mark.parametrize(
    "data, text, encoding, repaired",
    [
        (b"plain ascii", "plain ascii", "utf-8", False),
        (FRENCH.encode(), FRENCH, "utf-8", False),
        (codecs.BOM_UTF8 + b"caf\xc3\xa9", "café", "utf-8-sig", False),
        ("café\n".encode("utf-16"), "café\n", "utf-16", False),
        ("café".encode("utf-32"), "café", "utf-32", False),
        (b"one\r\ntwo\rthree\n", "one\ntwo\nthree\n", "utf-8", False),
        (FRENCH.encode("cp1252"), FRENCH, "cp1252", False),
        # One curly quote pasted in as a Windows-1252 byte: keep both.
        (
            "Café ".encode() + b"it\x92s " + "naïve".encode(),
            "Café it’s naïve",
            "utf-8+cp1252",
            False,
        ),
        # A download cut inside the last character.
        ("café".encode()[:-1], "caf\ufffd", "utf-8+replace", False),
        # UTF-8 read as Windows-1252 and saved again: ftfy repairs it.
        ("Le cafÃ© Ã©tait fermÃ©".encode(), "Le café était fermé", "utf-8", True),
        # Whitespace is never touched: spans downstream point into this text.
        (b"  indented\n\n\n\ttabbed   \n", "  indented\n\n\n\ttabbed   \n", "utf-8", False),
        (b"", "", "utf-8", False),
    ],
)
def test_decode(data: bytes, text: str, encoding: str, repaired: bool) -> None:
    decoded = decode(data, source="x")
    assert decoded.text == text
    assert decoded.encoding == encoding
    assert decoded.repaired is repaired


def test_declared_charset_wins_over_guessing() -> None:
    data = f'<meta charset="windows-1251"><p>{RUSSIAN}</p>'.encode("cp1251")
    declared = declared_charset(data)
    assert declared == "cp1251"
    assert RUSSIAN in decode(data, source="x", declared=declared).text


def test_undeclared_cyrillic_is_guessed() -> None:
    decoded = decode(RUSSIAN.encode("cp1251"), source="x")
    assert decoded.text == RUSSIAN


@pytest.mark.parametrize(
    "head, codec",
    [
        (b'<meta charset="utf-8">', "utf-8"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', "cp1252"),
        (b'<?xml version="1.0" encoding="koi8-r"?><rss>', "koi8-r"),
        (b'<meta charset="no-such-charset">', None),
        (b"<p>nothing declared</p>", None),
    ],
)
def test_declared_charset(head: bytes, codec: str | None) -> None:
    assert declared_charset(head) == codec


def test_undecodable_bytes_are_e004() -> None:
    rng = random.Random(7)
    noise = bytes(rng.randrange(0x80, 0x100) for _ in range(2000))
    with pytest.raises(InputError) as caught:
        decode(noise, source="noise.txt")
    assert caught.value.code == "E004"
    assert str(caught.value).startswith("noise.txt: could not be decoded as text")


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_text_comes_back_unchanged_unless_flagged_repaired(text: str) -> None:
    decoded = decode(text.encode("utf-8", errors="surrogatepass"), source="x")
    # A leading U+FEFF is read as a byte-order mark, which is what it is for.
    assert decoded.text == normalise_newlines(text.removeprefix("\ufeff")) or decoded.repaired


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_decode_or_fail_with_e004(data: bytes) -> None:
    try:
        decoded = decode(data, source="x")
    except InputError as error:
        assert error.code == "E004"
    else:
        assert "\r" not in decoded.text


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(exclude_characters="\r")))
def test_crlf_and_lf_decode_alike(text: str) -> None:
    # (A lone surrogate makes bytes no encoding fits: then both are refused alike.)
    unix = _decoded(text.encode("utf-8", errors="surrogatepass"))
    windows = _decoded(text.replace("\n", "\r\n").encode("utf-8", errors="surrogatepass"))
    assert unix == windows


def _decoded(data: bytes) -> str:
    try:
        return decode(data, source="x").text
    except InputError as error:
        return f"[{error.code}]"


@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        ("cafÃ©", "café"),  # UTF-8 read as Latin-1
        ("it didnâ€™t", "it didn’t"),  # read as Windows-1252
        ("Bengals v¬†Oakland", "Bengals v\xa0Oakland"),  # read as MacRoman
        ("Café “quoted” — Привет, мир", "Café “quoted” — Привет, мир"),  # nothing to repair
        ("naïve résumé", "naïve résumé"),
    ],
)
def test_repair_text_repairs_mojibake_of_every_single_byte_reading_and_leaves_clean_text(
    text: str, repaired: str
) -> None:
    """The screen in front of ftfy lets through every kind of mojibake ftfy repairs."""
    import ftfy

    from newsprism.ingest.decode import _FTFY_CONFIG

    assert repair_text(text)[0] == repaired == ftfy.fix_text(text, _FTFY_CONFIG)


_MOJIBAKE_LINES = [
    "Le cafÃ© Ã©tait fermÃ©",
    "itâ€™s a â€œquoteâ€\x9d",
    "plain ascii line",
    FRENCH,
    RUSSIAN,
    "Ð\x9fÑ€ÐµÐ·Ð¸Ð´ÐµÐ½Ñ‚",
    "lost \ufffd bytes",
    "a C1 \x85 control",
    "",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_MOJIBAKE_LINES), min_size=1, max_size=8), st.booleans())
def test_repairing_line_by_line_gives_what_ftfy_gives_the_whole_text(
    lines: list[str], final_newline: bool
) -> None:
    # repair_text sends ftfy only the lines that show a sign of mojibake; ftfy over the whole
    # text (which it fixes line by line) must give the same text.
    import ftfy

    from newsprism.ingest.decode import _FTFY_CONFIG

    text = "\n".join(lines) + ("\n" if final_newline else "")
    repaired, changed = repair_text(text)
    whole = ftfy.fix_text(text, _FTFY_CONFIG)
    assert repaired == whole
    assert changed == (whole != text)

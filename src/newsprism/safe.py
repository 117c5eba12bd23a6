"""Text from inputs made safe to print: no control sequence from a page or a file name reaches
the terminal.

File names and page text are written by strangers. An escape sequence in either (ESC ``[2J``,
an OSC hyperlink, a title-setting sequence) would be obeyed by the terminal if printed raw, and
a newline or carriage return inside a file name could forge a line of newsprism's own output.
Every command (and every export meant for reading) prints external text through :func:`safe`
(multi-line text), :func:`one_line` (a name or a message that must stay on one line) or
:func:`safe_record` (every string of a record). Each unsafe character becomes one visible
character (ESC is shown as ``␛``, a newline in a name as ``␊``, anything else unprintable as
``�``), so the user sees that it was there, and the spans of a record still point at the
same characters.
"""

from __future__ import annotations

import dataclasses
import enum
import logging
import re
from typing import Any, TypeVar

__all__ = ["guard_logging", "one_line", "safe", "safe_record"]

T = TypeVar("T")

# C0 controls except tab and newline, DEL, C1 controls, the Unicode line and paragraph
# separators, bidirectional overrides and isolates (which reorder what is shown: "Trojan
# Source"), and lone surrogates (a file-name byte that is not UTF-8).
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_UNSAFE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_REPLACEMENT = "\ufffd"


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control pictures: ␀ .. ␟, ␛ for ESC
    if code == 0x7F:
        return "\u2421"  # ␡
    return _REPLACEMENT


def safe(text: object) -> str:
    """``text`` with every control character but tab and newline shown as a visible one."""
    return _UNSAFE.sub(_shown, str(text))


def one_line(text: object) -> str:
    """``text`` kept to one line: newlines, tabs and every other control character shown."""
    return _UNSAFE_LINE.sub(_shown, str(text))


def safe_record(value: T) -> T:
    """A copy of ``value`` (a record, or tuples, lists and dicts of them) with every string
    made :func:`safe`; strings keep their length, so spans stay right."""
    return _sanitised(value)  # type: ignore[no-any-return]


def _sanitised(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value  # (a StrEnum is a str, but its members are ours, not the input's)
    if isinstance(value, str):
        return safe(value) if _UNSAFE.search(value) else value
    if isinstance(value, tuple):
        return tuple(_sanitised(v) for v in value)
    if isinstance(value, list):
        return [_sanitised(v) for v in value]
    if isinstance(value, dict):
        return {_sanitised(k): _sanitised(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _sanitised(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init
        }
        return dataclasses.replace(value, **changes)
    return value


class _SafeFormatter(logging.Formatter):
    """A log line with every control character shown, on one line."""

    def format(self, record: logging.LogRecord) -> str:
        return one_line(super().format(record))


def guard_logging() -> None:
    """Make the warnings libraries log while reading inputs safe to print.

    With logging not set up, Python prints a library's warnings to stderr through its "last
    resort" handler, raw; parsers quote the input they warn about (a header, a URL, a tag), so
    an escape sequence in an input would reach the terminal. This replaces that handler with one
    that shows control characters, as everything else newsprism prints does. Handlers a user
    sets up are left alone.
    """
    if isinstance(logging.lastResort, logging.Handler) and isinstance(
        logging.lastResort.formatter, _SafeFormatter
    ):
        return
    handler = logging.StreamHandler()
    handler.setLevel(logging.WARNING)
    handler.setFormatter(_SafeFormatter("%(name)s: %(message)s"))
    logging.lastResort = handler

"""Coded error messages, kept in one place so that users can search for a code.

An error that must travel (from a worker process, from a stage to the runner, into a run's
report) travels as a :class:`Problem` record, its code and reason kept apart: nothing reads a
code back out of a message.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "MAX_DETAIL",
    "MESSAGES",
    "InputError",
    "NewsprismError",
    "Problem",
    "describe",
    "message",
    "problem_of",
]

MAX_DETAIL = 200
"""Characters of an unexpected error's text kept in a reason: one line."""

MESSAGES: dict[str, str] = {
    "E001": "file is empty",
    "E002": "looks binary ({detail}), not text, HTML, WARC, JSON lines or a feed",
    "E003": "file is too large ({detail}; the limit is {limit})",
    "E004": "could not be decoded as text ({detail})",
    "E005": "archive is truncated or corrupt ({detail})",
    "E006": "line {detail} is not valid JSON",
    "E007": "JSON line {detail} has neither a 'text' nor an 'html' field",
    "E008": "feed could not be parsed ({detail})",
    "E009": "no such file or directory",
    "E010": "no article text found ({detail})",
    "E011": "could not be read ({detail})",
    "E012": "pattern matched no files",
    "E013": "is a link to {detail}, outside the input {limit}; not followed",
    "E014": "is nested more than {limit} directories deep; not read",
    "E015": "could not be cleaned ({detail})",
    "E016": "feed has more than {limit} entries; only the first {limit} were read",
    "E017": "not read: the run reached its limit of {limit} documents ({detail})",
    "E018": "reading stopped: a document took more than {limit} to read{detail}",
    "E020": "pipeline stage {detail} needs {limit}, which no earlier stage provides",
    "E021": "no stage registered under the name {detail}",
    "E022": "stage {limit} failed ({detail})",
    "E023": "stage {detail} does not follow the stage protocol ({limit})",
    "E024": "config {detail} is not usable ({limit})",
    "E030": "store {detail} has schema version {limit}, newer than this newsprism knows",
    "E031": "no article matches {detail}",
    "E032": "store {detail} is being written by another process ({limit}); try again when it ends",
    "E033": "no story matches {detail}; `newsprism stories` lists them",
    "E034": "search query {detail} is not understood: {limit} (`newsprism search --help`)",
    "E040": "gold file {detail} is not in the golden format ({limit})",
    "E050": "optional feature '{detail}' is not installed: pip install 'newsprism[{limit}]'",
    "E060": "stored, but who-said-what and figures failed ({detail}); retried on the next run",
    "E061": "stored, but framing terms failed ({detail}); retried on the next run",
    "E062": "stored, but clustering failed ({detail}); it joins a story on the next run",
    "E063": "could not be stored ({detail})",
}


def message(code: str, detail: object = "", limit: object = "") -> str:
    """The text of error ``code`` with its details filled in."""
    return MESSAGES[code].format(detail=detail, limit=limit)


class NewsprismError(Exception):
    """Base class of newsprism's errors; carries a code from :data:`MESSAGES`."""

    def __init__(self, code: str, detail: object = "", limit: object = "") -> None:
        self.code = code
        self.reason = message(code, detail, limit)
        """The message without its code: what a failure record shows."""
        super().__init__(f"{self.reason} [{code}]")


class InputError(NewsprismError):
    """An input file that cannot be used, named in the message."""

    def __init__(self, source: str, code: str, detail: object = "", limit: object = "") -> None:
        self.source = source
        super().__init__(code, detail, limit)
        self.args = (f"{source}: {self.reason} [{code}]",)


@dataclass(frozen=True, slots=True)
class Problem:
    """An error as a record: its code and the one-line reason a user reads."""

    code: str
    reason: str

    def __str__(self) -> str:
        return f"{self.reason} [{self.code}]"


def describe(exc: BaseException) -> str:
    """An error as one short line: a coded error's reason, else its type and text."""
    if isinstance(exc, NewsprismError):
        text = exc.reason
    else:
        text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    text = " ".join(text.split())
    return text if len(text) <= MAX_DETAIL else text[: MAX_DETAIL - 1] + "\u2026"


def problem_of(exc: BaseException, code: str, stage: str = "") -> Problem:
    """``exc`` as a record: a newsprism error keeps its own code and reason; any other error
    is ``code`` (its message filled with the error's type and text, and ``stage``)."""
    if isinstance(exc, NewsprismError):
        return Problem(exc.code, " ".join(exc.reason.split()))
    return Problem(code, message(code, describe(exc), stage))

"""Coded error messages, kept in one place so that users can search for a code."""

from __future__ import annotations

__all__ = ["MESSAGES", "InputError", "NewsprismError", "message"]

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
    "E020": "pipeline stage {detail} needs {limit}, which no earlier stage provides",
    "E021": "no stage registered under the name {detail}",
    "E030": "store {detail} has schema version {limit}, newer than this newsprism knows",
    "E031": "no article matches {detail}",
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
        super().__init__(f"{message(code, detail, limit)} [{code}]")


class InputError(NewsprismError):
    """An input file that cannot be used, named in the message."""

    def __init__(self, source: str, code: str, detail: object = "", limit: object = "") -> None:
        self.source = source
        self.reason = message(code, detail, limit)
        super().__init__(code, detail, limit)
        self.args = (f"{source}: {self.reason} [{code}]",)

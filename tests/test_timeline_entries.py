"""Timeline entries say what happened in a sentence that reads on its own."""

from __future__ import annotations

import datetime as dt

from body_articles import body_article
from newsprism.brief import brief_story
from newsprism.records import Article, DateEstimate, Event, Story

PUBLISHED = dt.date(2018, 4, 30)


def _article(doc: str, texts: list[str]) -> Article:
    return body_article(doc, texts, "Questions for the president", outlet=doc.upper(),
                        published=DateEstimate(PUBLISHED))  # fmt: skip


def test_a_background_date_is_said_in_a_sentence_not_in_a_question_someone_asks() -> None:
    a = _article("a", [
        "The special counsel has drawn up a list of questions he wants to ask the president "
        "about the inquiry.",
        "\u201cWhat did you do about the Jan. 25, 2018, story on the counsel's firing?\u201d he "
        "planned to ask.",
    ])  # fmt: skip
    b = _article("b", [
        "Lawyers for the president received the list of questions from the special counsel "
        "this month.",
        "A newspaper reported on Jan. 25, 2018, that the president had ordered the counsel's "
        "firing the previous June, before his lawyers talked him out of it and kept the story "
        "from the public for months.",
    ])  # fmt: skip
    event = Event("ev-q", "st-q", "questions", PUBLISHED, ("a", "b"))
    story = Story("st-q", "questions", (event,), PUBLISHED, PUBLISHED)
    brief = brief_story(story, [a, b], None)
    (background,) = [e for e in brief.timeline if e.background]
    assert background.date == dt.date(2018, 1, 25)
    assert background.what.startswith("A newspaper reported"), background.what
    assert {s.doc_id for s in background.citations} == {"a", "b"}

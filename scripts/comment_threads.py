"""Reader-comment threads written for training the line model (none of them is a real page).

No training page of L3S-GN1 has reader comments and few benchmark pages do, so the model would
never see a thread. These threads are written for the purpose: the comments are made up, in the
registers readers write in (agreeing, arguing, shouting, asking, quoting one another), and the
layouts copy the furniture forum and news-site comment software prints (a header with the
reader's name and the time, buttons, vote counts, signatures, numbered and indented replies).
``scripts/train_line_classifier.py`` appends one after the article of some training pages, every
line of it labelled not body. The test threads in ``tests/fixtures/comments`` are written apart
from these, in other layouts, so that the test measures generalisation and not recall of these.
"""

from __future__ import annotations

import random

__all__ = ["COMMENTS", "HEADINGS", "NAMES", "thread"]

COMMENTS = (
    "This is exactly what I have been saying for years. Nobody listens until it is too late.",
    "I don't agree with a word of this. The writer clearly has an axe to grind.",
    "Great article, thanks for covering it. Most papers ignored the story completely.",
    "So who is going to pay for all of this? We are, as always.",
    "I live two streets away and nobody told us anything about it until last night!!",
    "Typical. They announce it on a Friday afternoon so nobody notices.",
    "You people will believe anything you read. Do your own research before you comment.",
    "My husband works there and he says the real numbers are much worse than reported.",
    "What a joke. Another committee, another report, and nothing will change.",
    "Can anyone explain why this was not done ten years ago when it was cheaper?",
    "I think both sides have a point, but the way it was handled was a disgrace.",
    "Well said. I couldn't have put it better myself.",
    "LOL. Did they really think that would work? Unbelievable.",
    "I have been a reader of this paper for thirty years and I am cancelling my subscription.",
    "Not surprised at all. This government has been asleep at the wheel from day one.",
    "The comments here are more informative than the article, to be honest.",
    "Why is nobody talking about the cost to ordinary families? That's what matters.",
    "I was there on the day and it was nothing like what is described here.",
    "Good for them. About time someone stood up to these people.",
    "Shame on everyone involved. My thoughts are with the families.",
    "If you had actually read the report you would know that is not what it says.",
    "We moved away from that town because of exactly this kind of thing.",
    "Does anyone know where I can find the full list of the schools affected?",
    "I'm sorry but this is just scaremongering. Nothing will happen.",
    "THIS IS AN OUTRAGE AND SOMEONE SHOULD BE HELD RESPONSIBLE",
    "Agree with the poster above. It is the same story every winter.",
    "My son was at that match and he said the police were brilliant.",
    "Another day, another scandal. I've given up expecting anything better.",
    "Thank you for writing this. It needed to be said and you said it well.",
    "You clearly have no idea what you are talking about, mate.",
    "First they raise the taxes, then they cut the services. Brilliant plan.",
    "I would love to see the figures broken down by region. Any chance?",
    "Nonsense. The numbers were published months ago and nobody cared then.",
    "As someone who has worked in the industry for 20 years, I can tell you this is normal.",
    "I feel for the people who lost their jobs. It's not their fault.",
    "Why does every article on this site have to be so negative?",
)
NAMES = (
    "jsmith",
    "Mary K.",
    "Dave from Leeds",
    "concerned_citizen",
    "Tom Walker",
    "anon123",
    "Linda",
    "realist77",
    "Peter H",
    "Grumpy Old Man",
    "sarah_b",
    "Mike",
    "truthseeker",
    "Ann Marie",
    "bobthebuilder",
    "Kev",
)
PLACES = ("London", "Toronto", "Sydney", "Manchester", "Ohio", "Dublin", "Cape Town", "Leeds")
HEADINGS = (
    "Comments",
    "Reader comments",
    "{n} comments",
    "Comments ({n})",
    "Have your say",
    "Your comments",
    "What do you think?",
    "Discuss this article",
    "Post a comment",
    "",
)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _when(rng: random.Random) -> str:
    hour, minute = rng.randint(1, 12), rng.randint(0, 59)
    day, year = rng.randint(1, 28), rng.choice((2008, 2012, 2019, 2020))
    month = rng.choice(MONTHS)
    return rng.choice(
        (
            f"{month} {day}, {year} {hour}:{minute:02d} {rng.choice(('AM', 'PM'))}",
            f"{day} {month} {year % 100:02d}, {hour}:{minute:02d}{rng.choice(('am', 'pm'))}",
            f"{day:02d}/{rng.randint(1, 12):02d}/{year} at {hour:02d}:{minute:02d}",
            f"{rng.randint(2, 50)} {rng.choice(('minutes', 'hours', 'days'))} ago",
        )
    )


def _comment(rng: random.Random) -> list[str]:
    text = [rng.choice(COMMENTS)]
    if rng.random() < 0.35:
        text.append(rng.choice(COMMENTS))
    return text


def _unit(layout: int, rng: random.Random, number: int, previous: str) -> list[str]:
    """One comment in one of the layouts, as the lines a scrape gives."""
    name, when = rng.choice(NAMES), _when(rng)
    body = _comment(rng)
    if previous and rng.random() < 0.25:
        body[0] = rng.choice((f"@{previous.split()[0]} ", f"{previous}: ")) + body[0]
    votes = rng.randint(0, 40)
    if layout == 0:
        return [f"Posted by {name} at {when}", *body, "Report abuse"]
    if layout == 1:
        return [f"{name} wrote:", *body, f"Recommend ({votes})"]
    if layout == 2:
        return [f"{number}. {name}, {rng.choice(PLACES)}", when, *body]
    if layout == 3:
        return [f"{name} said...", *body, when, "Reply"]
    if layout == 4:
        return [*body, f"{name}, {rng.choice(PLACES)}"]
    if layout == 5:
        return [name, when, *body, f"Recommend? ({votes})", "Report abuse", "Clip | Link"]
    if layout == 6:
        return [f"{name} | {when}", *body, f"{votes} people like this", "Reply | Report"]
    return [f"{name} on {when} said:", *body, f"Like ({votes}) | Reply"]


def thread(rng: random.Random) -> list[str]:
    """A thread of two to nine comments in one random layout, with or without a heading."""
    layout = rng.randrange(8)
    count = rng.randint(2, 9)
    heading = rng.choice(HEADINGS).format(n=count)
    lines = [heading] if heading else []
    previous = ""
    for number in range(1, count + 1):
        lines.extend(_unit(layout, rng, number, previous))
        previous = rng.choice(NAMES)
    return lines

"""Cleaning HTML: trafilatura's main text is body, the page's other blocks get roles."""

from __future__ import annotations

import hashlib

import pytest

from newsprism.clean import clean_document
from newsprism.records import Document, Provenance, Role

PAGE = """<html><head><title>Council expands bus network | City Herald</title>
<meta property="og:site_name" content="City Herald"></head><body>
<nav><ul><li>AI</li><li>Business</li><li>Sports</li></ul></nav>
<article><h1>Council expands bus network</h1>
<p>The city council voted on Tuesday to expand the bus network, adding four routes that will
connect the northern suburbs with the central station by next spring. AI and business leaders
welcomed the decision.</p>
<h2>What changes for riders</h2>
<p>Officials said the plan would cost about $40 million over five years, most of it paid by a
regional transport grant approved last year.</p>
<figure><figcaption>The mayor outside city hall. © Jane Doe</figcaption></figure>
<p>"This is the biggest change to our network in a generation," the transport director told
reporters after the vote, adding that fares would not rise.</p></article>
<footer><p>Subscribe to our newsletter</p><p>© 2021 City Herald. All rights reserved.</p></footer>
</body></html>"""


def test_html_page_roles() -> None:
    digest = hashlib.sha256(PAGE.encode()).hexdigest()
    doc = Document(digest[:16], Provenance("page.html", content_hash=digest), "html", PAGE)
    article = clean_document(doc)
    roles = {p.text: p.role for p in article.paragraphs}
    assert article.title == "Council expands bus network"  # the site suffix dropped
    assert roles["Council expands bus network"] is Role.TITLE
    # Short menu items occur inside the body text, but are not part of it.
    assert not roles["AI"].is_kept and not roles["Business"].is_kept
    assert roles["What changes for riders"] is Role.SUBHEADING
    assert sum(p.role is Role.BODY for p in article.paragraphs) == 3
    assert not roles["Subscribe to our newsletter"].is_kept
    assert article.outlet == "City Herald"
    for p in article.paragraphs:
        assert article.text[p.span.start : p.span.end] == p.text


# Pages whose metadata comes from different places: meta tags, JSON-LD, only the markup, none.
_META_PAGES = [
    PAGE,
    """<html><head><meta property="og:title" content="Storm closes &amp; floods ports">
<meta property="og:url" content="https://news.example.org/2021/03/04/storm">
<meta name="date" content="2021-03-04"><meta name="author" content="Jane Doe"></head>
<body><article><p>Ports along the coast closed on Thursday as the storm moved north, and
officials said the water would take days to recede from the lower town.</p></article></body>
</html>""",
    """<html><head><script type="application/ld+json">{"@context": "https://schema.org",
"@type": "NewsArticle", "headline": "Rates held steady", "datePublished": "2020-11-05",
"publisher": {"@type": "Organization", "name": "Money Daily"},
"author": {"@type": "Person", "name": "Ann Lee"}}</script></head>
<body><h1>Rates held steady</h1><p>The central bank left its main rate unchanged on Thursday,
saying that inflation was easing more slowly than it had hoped in the summer.</p></body></html>""",
    """<html><head><link rel="canonical" href="https://www.example.com/a/b"></head><body>
<p>posted 12 May 2019</p><p>No title, no site name: only a canonical link and a date in the
text, which the date search finds in the body of this short test page.</p></body></html>""",
    "<html><body><p>Too short.</p></body></html>",
]


@pytest.mark.parametrize("html", _META_PAGES)
def test_page_metadata_reads_as_trafilatura_reads_it(html: str) -> None:
    # html._metadata computes only the fields cleaning reads, in extract_metadata's order:
    # they must come out as extract_metadata gives them.
    import warnings

    from trafilatura.metadata import extract_metadata
    from trafilatura.settings import Extractor
    from trafilatura.utils import load_html

    from newsprism.clean.html import _metadata

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = extract_metadata(load_html(html), None, Extractor().date_params, False, None)
        ours = _metadata(html, title=True, date=True)
        partial = _metadata(html, title=False, date=False)
    for field in ("title", "url", "sitename", "date"):
        assert getattr(ours, field) == getattr(theirs, field), field
    assert (partial.url, partial.sitename) == (theirs.url, theirs.sitename)


@pytest.mark.parametrize("html", _META_PAGES)
def test_stated_metadata_wins_and_the_rest_is_the_pages(html: str) -> None:
    import datetime as dt

    from newsprism.clean.html import clean_html

    alone = clean_html(html)
    stated = clean_html(
        html, "A title", url="https://x.test/", sitename="X", date=dt.date(2001, 2, 3)
    )
    assert (stated.title, stated.url, stated.sitename, stated.date) == (
        "A title",
        "https://x.test/",
        "X",
        dt.date(2001, 2, 3),
    )
    # Each field stated alone leaves the others as the page gives them, and the roles as they are.
    only_url = clean_html(html, url="https://x.test/")
    assert (only_url.title, only_url.sitename, only_url.date) == (
        alone.title,
        alone.sitename,
        alone.date,
    )
    assert only_url.decisions == alone.decisions and stated.text == alone.text

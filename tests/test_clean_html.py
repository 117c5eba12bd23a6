"""Cleaning HTML: trafilatura's main text is body, the page's other blocks get roles."""

from __future__ import annotations

import hashlib

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

"""The server-rendered pages: stories, a story, an article, outlets and speakers."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from newsprism.records import Span
from newsprism.service import NotFound, Service
from newsprism.web.marks import shown_paragraphs
from newsprism.web.present import STATIC, Links, environment, link_context, story_context

__all__ = ["page_router", "render", "served_links"]

page_router = APIRouter(include_in_schema=False)
_ENV = environment()

Key = Annotated[str, "a story, event, article, outlet or speaker key from the URL"]
PageNumber = Annotated[int, Query(ge=1, le=1_000_000)]
Offset = Annotated[int | None, Query(ge=0, le=1 << 40)]
RENDERED_PAGES = 64
"""Story pages kept rendered; past that the cache starts afresh."""
OUTLETS_OFFERED = 200
"""Outlets the filter offers by name (the most prolific first); any other can be typed."""
DateText = Annotated[str, Query(max_length=10, description="YYYY-MM-DD, or empty for any.")]


def render(template: str, **context: Any) -> str:
    """A page rendered from ``template`` with the served links available."""
    return _ENV.get_template(template).render({**link_context(served_links()), **context})


def _seg(text: str) -> str:
    return quote(text, safe="")


def served_links(
    outlets: dict[str, str] | None = None, titles: dict[str, str] | None = None
) -> Links:
    """Links to the served pages; a citation opens its article scrolled to the cited span.

    ``outlets`` and ``titles`` name the doc ids a page shows, by outlet and headline."""
    return Links(
        cite=lambda s: f"/articles/{_seg(s.doc_id)}?start={s.start}&end={s.end}#cited",
        article=lambda doc: f"/articles/{_seg(doc)}",
        story=lambda key: f"/stories/{_seg(key)}",
        outlet=lambda name: f"/outlets/{_seg(name)}",
        speaker=lambda name: f"/speakers/{_seg(name)}",
        outlet_of=lambda doc: (outlets or {}).get(doc, "?"),
        title_of=lambda doc: (titles or {}).get(doc, doc),
    )


def _date(text: str) -> dt.date | None:
    """A date field of the filter form: empty means any date (a browser sends it empty)."""
    if not text.strip():
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise HTTPException(422, f"not a date (YYYY-MM-DD): {text!r}") from None


def _service(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


def _html(template: str, **context: Any) -> HTMLResponse:
    return HTMLResponse(render(template, **context))


@page_router.get("/")
def home() -> Response:
    """The stories page is the front page."""
    return RedirectResponse("/stories", status_code=307)


@page_router.get("/static/{name}")
def static(name: Key) -> Response:
    """The project's own stylesheet and script, looked up by name (never a path on disk)."""
    found = STATIC.get(name)
    if found is None:
        raise NotFound("file", name)
    kind, text = found
    return Response(text, media_type=kind, headers={"Cache-Control": "max-age=3600"})


@page_router.get("/stories", response_class=HTMLResponse)
def stories_page(
    request: Request,
    q: Annotated[str, Query(max_length=500)] = "",
    outlet: Annotated[str, Query(max_length=300)] = "",
    since: DateText = "",
    until: DateText = "",
    page: PageNumber = 1,
) -> HTMLResponse:
    """Storylines newest first, with search, outlet and date filters and pages."""
    service = _service(request)
    first, last = _date(since), _date(until)
    found = service.stories(query=q, outlet=outlet, since=first, until=last, page=page)
    hits = service.search(q, limit=50) if q.strip() else []
    kept = {"q": q, "outlet": outlet, "since": since, "until": until}

    def page_url(n: int) -> str:
        return "/stories?" + urlencode({**{k: v for k, v in kept.items() if v}, "page": n})

    return _html(
        "stories.html",
        page=found,
        hits=hits,
        outlets=service.outlets()[:OUTLETS_OFFERED],
        page_url=page_url,
        **kept,
    )


@page_router.get("/stories/{key}", response_class=HTMLResponse)
def story_page(request: Request, key: Key) -> HTMLResponse:
    """One storyline or event: brief, timeline, coverage, matrix, statements, framing."""
    detail = _service(request).story(key)
    # The service answers the same record until the store changes: so does the page, rendered
    # once (a 50-article story's page is half a megabyte of markup).
    rendered: dict[str, tuple[object, str]] = request.app.state.rendered
    cached = rendered.get(detail.id)
    if cached is not None and cached[0] is detail:
        return HTMLResponse(cached[1])
    outlets = {a.doc_id: a.outlet for a in detail.articles}
    titles = {a.doc_id: a.title or a.doc_id for a in detail.articles}
    page = render("story.html", **story_context(detail, served_links(outlets, titles)))
    if len(rendered) >= RENDERED_PAGES:
        rendered.clear()
    rendered[detail.id] = (detail, page)
    return HTMLResponse(page)


@page_router.get("/articles/{key}", response_class=HTMLResponse)
def article_page(
    request: Request, key: Key, start: Offset = None, end: Offset = None
) -> HTMLResponse:
    """One article: its text with quotes, figures and names marked, the cited span highlighted,
    and the removed paragraphs behind a toggle."""
    detail = _service(request).article(key)
    cited = None
    if start is not None and end is not None and end > start:
        cited = Span(detail.article.doc_id, start, end)
    return _html(
        "article.html", detail=detail, paragraphs=shown_paragraphs(detail, cited), cited=cited
    )


@page_router.get("/outlets", response_class=HTMLResponse)
def outlets_page(request: Request) -> HTMLResponse:
    """Every outlet with its counts."""
    return _html("outlets.html", outlets=_service(request).outlets())


@page_router.get("/outlets/{name}", response_class=HTMLResponse)
def outlet_page(request: Request, name: Key) -> HTMLResponse:
    """One outlet: its articles and stories, terms, first-on count and conflicts."""
    return _html("outlet.html", outlet=_service(request).outlet(name))


@page_router.get("/speakers", response_class=HTMLResponse)
def speakers_page(request: Request) -> HTMLResponse:
    """Every named speaker with their counts."""
    return _html("speakers.html", speakers=_service(request).speakers())


@page_router.get("/speakers/{name}", response_class=HTMLResponse)
def speaker_page(request: Request, name: Key) -> HTMLResponse:
    """One speaker: their statements with each outlet's rendering, and every quote."""
    return _html("speaker.html", speaker=_service(request).speaker(name))

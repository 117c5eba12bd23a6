"""The JSON API under ``/api/v1/``: the service's records as typed responses.

The response models are the service's and the records' own frozen dataclasses, so the OpenAPI
schema FastAPI serves describes exactly what the library returns. Unknown ids answer 404 with a
JSON body ``{"error": ..., "status": 404}`` (see :mod:`newsprism.web.app`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BeforeValidator

from newsprism.service import (
    ArticleDetail,
    ArticleRef,
    OutletDetail,
    OutletSummary,
    Page,
    SearchResult,
    Service,
    SpeakerDetail,
    SpeakerSummary,
    StoryDetail,
    StorySummary,
)

__all__ = ["api_router"]

_ERROR = {404: {"description": "No such id: a JSON body with `error` and `status`."}}

api_router = APIRouter(tags=["api"], responses=_ERROR)  # type: ignore[arg-type]

PageNumber = Annotated[int, Query(ge=1, le=1_000_000, description="1-based page number.")]
PerPage = Annotated[int, Query(ge=1, le=100, description="Items per page.")]
Text = Annotated[str, Query(max_length=500)]


def _iso_date(value: object) -> object:
    """Only ``YYYY-MM-DD`` is a date here: pydantic would also read ``0`` as 1970-01-01."""
    if isinstance(value, str) and not _ISO_DATE.fullmatch(value):
        raise ValueError("expected a date as YYYY-MM-DD")
    return value


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
Date = Annotated[dt.date | None, BeforeValidator(_iso_date), Query(description="YYYY-MM-DD.")]


def _service(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


@api_router.get("/stories", response_model=Page[StorySummary])
def list_stories(
    request: Request,
    q: Text = "",
    outlet: Text = "",
    since: Date = None,
    until: Date = None,
    page: PageNumber = 1,
    per_page: PerPage = 20,
) -> Page[StorySummary]:
    """Storylines newest first, narrowed by full-text query, outlet and date range."""
    return _service(request).stories(
        query=q, outlet=outlet, since=since, until=until, page=page, per_page=per_page
    )


@api_router.get("/stories/{key}", response_model=StoryDetail)
def get_story(request: Request, key: str) -> StoryDetail:
    """One storyline or event (id or unique prefix): comparison, brief and timeline."""
    return _service(request).story(key)


@api_router.get("/articles", response_model=Page[ArticleRef])
def list_articles(
    request: Request, page: PageNumber = 1, per_page: PerPage = 20
) -> Page[ArticleRef]:
    """Stored articles in the order they were added."""
    return _service(request).articles(page=page, per_page=per_page)


@api_router.get("/articles/{key}", response_model=ArticleDetail)
def get_article(request: Request, key: str) -> ArticleDetail:
    """One article (doc id or unique prefix) with its quotes, figures and entities."""
    return _service(request).article(key)


@api_router.get("/search", response_model=list[SearchResult])
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    limit: PerPage = 20,
) -> list[SearchResult]:
    """Articles whose headline and kept text hold every word of ``q``, best first."""
    return _service(request).search(q, limit=limit)


@api_router.get("/outlets", response_model=list[OutletSummary])
def list_outlets(request: Request) -> list[OutletSummary]:
    """Every named outlet with its article and story counts."""
    return _service(request).outlets()


@api_router.get("/outlets/{name}", response_model=OutletDetail)
def get_outlet(request: Request, name: str) -> OutletDetail:
    """One outlet by exact name."""
    return _service(request).outlet(name)


@api_router.get("/speakers", response_model=list[SpeakerSummary])
def list_speakers(request: Request) -> list[SpeakerSummary]:
    """Every named speaker with how often and where they are quoted."""
    return _service(request).speakers()


@api_router.get("/speakers/{name}", response_model=SpeakerDetail)
def get_speaker(request: Request, name: str) -> SpeakerDetail:
    """One speaker by exact name: every quote and the statements compared across outlets."""
    return _service(request).speaker(name)

"""The web application: server-rendered pages and the JSON API over one :class:`Service`.

Handlers only parse their parameters and call the service; the templates only present what it
returns. Every response carries a Content-Security-Policy that allows the server's own origin
and nothing else, so a page can neither load nor send anything elsewhere.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException

from newsprism._version import __version__
from newsprism.service import NotFound, Service
from newsprism.store import Store, open_store
from newsprism.web.api import api_router
from newsprism.web.pages import page_router, render

__all__ = ["CSP", "create_app"]

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
"""Only the server's own script and stylesheet; no other origin for anything."""

_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}

_TITLES = {404: "Not found", 405: "Method not allowed", 422: "Invalid request"}


def create_app(store: Store | Path | str) -> FastAPI:
    """The application over ``store`` (a store, or the path of an SQLite store file)."""
    opened = store if isinstance(store, Store) else open_store(store)
    app = FastAPI(
        title="newsprism",
        version=__version__,
        description="Stories, articles, outlets and speakers of a newsprism store.",
        # The interactive docs pages load their script from a CDN: the schema is served alone.
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    app.state.service = Service(opened)
    app.state.rendered = {}
    app.include_router(page_router)
    app.include_router(api_router, prefix="/api/v1")

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        for name, value in _HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return _error(request, 404, str(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail), exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        fields = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}"
            for e in exc.errors()
        )
        return _error(request, 422, fields or "invalid parameters")

    return app


def _error(
    request: Request, status: int, message: str, headers: Mapping[str, str] | None = None
) -> Response:
    """A JSON error body under /api/, an HTML error page elsewhere (keeping headers such as a
    405's ``Allow``)."""
    if request.url.path.startswith("/api/"):
        body = {"error": message, "status": status}
        return JSONResponse(body, status_code=status, headers=headers)
    title = _TITLES.get(status, "Error")
    page = render("error.html", status=status, title=title, message=message)
    return HTMLResponse(page, status_code=status, headers=headers)

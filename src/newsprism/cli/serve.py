"""`newsprism serve`: the web UI and JSON API over a store, on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsprism.cli.common import DbOption, console, fail, store_at
from newsprism.errors import NewsprismError
from newsprism.extras import require

__all__ = ["serve_cli"]


def serve_cli(
    db: DbOption = Path("newsprism.db"),
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (only this machine by default).")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")
    ] = 8000,
) -> None:
    """Browse stories, articles, outlets and speakers in a web browser; JSON under /api/v1/."""
    try:
        for module in ("fastapi", "jinja2", "uvicorn"):
            require(module, "web")
    except NewsprismError as exc:
        raise fail(exc) from None
    import uvicorn

    from newsprism.web.app import create_app

    store = store_at(db)
    console.print(f"newsprism serving {db} on http://{host}:{port}/ (Ctrl+C stops)")
    try:
        uvicorn.run(create_app(store), host=host, port=port, log_level="warning")
    finally:
        store.close()

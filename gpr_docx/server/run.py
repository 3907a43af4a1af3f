"""Serving the application with uvicorn (:func:`run`), as ``gpr-docx serve`` does."""

from __future__ import annotations

import uvicorn

from .app import create_app
from .protocol import protocol_with_deadline
from .settings import DEFAULT_HOST, DEFAULT_PORT, Settings

__all__ = ["run"]


def run(
    settings: Settings | None = None, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT
) -> None:
    """Serve :func:`create_app` (``settings``) on ``host``:``port`` until interrupted.

    uvicorn's HTTP/1.1 server with a deadline for each request's head (``header_timeout``); idle
    keep-alive connections are closed after 5 s; no ``Server`` header. The workers are started
    with *spawn*, which imports the main module again: a script that calls this must do so under
    ``if __name__ == "__main__":``.
    """
    settings = Settings() if settings is None else settings
    config = uvicorn.Config(
        create_app(settings),
        host=host,
        port=port,
        http=protocol_with_deadline(settings.header_timeout),
        lifespan="on",
        timeout_keep_alive=5,
        server_header=False,
        access_log=False,
        log_level="info",
    )
    uvicorn.Server(config).run()

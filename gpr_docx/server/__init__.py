"""The library as a local HTTP service, for office-automation systems (``gpr-docx serve``).

``gpr_docx.server:app`` is the ASGI application with the safe defaults (``uvicorn
gpr_docx.server:app``); :func:`create_app` makes one with other :class:`Settings`; :func:`run`
serves one with uvicorn, dropping clients too slow to send their request (docs/integration.md).
Needs the optional extra ``gpr-docx[server]``.
"""

from __future__ import annotations

from .app import create_app
from .run import run
from .settings import Settings

__all__ = ["Settings", "app", "create_app", "run"]

app = create_app()
"""The service with the default :class:`Settings`: loopback limits, no token, the official template."""

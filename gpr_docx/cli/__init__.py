"""The ``gpr-docx`` command line: thin commands over the library, messages in Chinese.

Each command lives in its own module and registers itself on :data:`app`.
"""

from __future__ import annotations

from . import (  # noqa: F401  (each registers its command)
    check,
    collect,
    example,
    fill,
    parse,
    publish,
    render,
    serve,
    workbook,
)
from .base import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``gpr-docx`` console script."""
    app()

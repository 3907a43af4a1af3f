"""Reading a published report back into data: ``parse(source) -> ParsedReport``.

Every front end (today the .docx one, :mod:`.docx`) reads its document into table grids and
paragraphs; the label-anchored mapping of cells (:mod:`.cells`) and the document outline are shared.

This module stays light: :func:`parse` imports the reader on first call and the other names are
imported on first use (PEP 562), so that ``import gpr_docx`` does not load lxml.
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from ..oxml.package import Limits
    from .docx import Edition, Note, NoteKind, ParsedReport

__all__ = ["DocxInput", "Edition", "Note", "NoteKind", "ParsedReport", "parse"]

DocxInput = str | os.PathLike[str] | bytes
"""A .docx given as a path or as its bytes."""

_LAZY: Final = dict.fromkeys(("Edition", "Note", "NoteKind", "ParsedReport"), "docx")


def parse(source: DocxInput, *, limits: Limits | None = None) -> ParsedReport:
    """Read a published report back into data, by the labels of its tables and headings.

    Args:
        source: An official-form report .docx, as a path or its bytes; made by anyone.
        limits: Safety limits for an untrusted file (``None``: the defaults of
            :class:`~gpr_docx.Limits`).

    Returns:
        The report, the form edition it follows (2021 or 2019) and a note on every cell that was
        blank, not applicable or unreadable — nothing is guessed.

    Raises:
        ParseError: The file cannot be read as a report at all (not a .docx, encrypted, broken,
            over a limit, unsafe XML, no official table, a pre-2019 layout, no reporting year).
        InputNotFoundError: The file does not exist.
    """
    from ..oxml.package import DEFAULT_LIMITS
    from .docx import parse_docx

    return parse_docx(source, limits=DEFAULT_LIMITS if limits is None else limits)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})

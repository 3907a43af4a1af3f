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
    """Read an official-form report .docx (a path or its bytes) into a :class:`ParsedReport`.

    The report, the form edition it used (2021 or 2019) and a note on every cell that was blank,
    not applicable or unreadable. ``limits`` bound what an untrusted file may make us inflate
    (``None``: :data:`~gpr_docx.oxml.package.DEFAULT_LIMITS`). Raises a
    :class:`~gpr_docx.errors.ParseError` (or :class:`~gpr_docx.errors.InputNotFoundError`) when the
    file cannot be read as a report at all.
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

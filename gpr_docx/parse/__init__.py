"""Reading a published report back into data: ``parse(source) -> ParsedReport``.

Every front end (today the .docx one, :mod:`.docx`) reads its document into table grids and
paragraphs; the label-anchored mapping of cells (:mod:`.cells`) and the document outline are shared.
"""

from __future__ import annotations

import os

from ..oxml.package import DEFAULT_LIMITS, Limits
from .docx import Edition, Note, NoteKind, ParsedReport, parse_docx

__all__ = ["DocxInput", "Edition", "Note", "NoteKind", "ParsedReport", "parse"]

DocxInput = str | os.PathLike[str] | bytes
"""A .docx given as a path or as its bytes."""


def parse(source: DocxInput, *, limits: Limits = DEFAULT_LIMITS) -> ParsedReport:
    """Read an official-form report .docx (a path or its bytes) into a :class:`ParsedReport`.

    The report, the form edition it used (2021 or 2019) and a note on every cell that was blank,
    not applicable or unreadable. Raises a :class:`~gpr_docx.errors.ParseError` (or
    :class:`~gpr_docx.errors.InputNotFoundError`) when the file cannot be read as a report at all.
    """
    return parse_docx(source, limits=limits)

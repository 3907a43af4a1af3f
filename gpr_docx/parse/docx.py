"""Word → report: the .docx front end of :func:`gpr_docx.parse`.

It opens the package safely (:func:`gpr_docx.oxml.open_docx`), takes the body's paragraphs as a
reader sees them (list numbers drawn by Word included) and every table as a grid, and hands both to
the reading every format shares (:func:`.document.read_document`): tables found and read by their
labels, the narrative by its headings (the variants of official-format.md §1.2 included), the year
and agency from the title and the signature. Nothing is guessed: a blank data cell counts as 0 and
a ``/``, ``—`` or ``无`` as not applicable (also 0 in the report), and both are recorded in
:attr:`ParsedReport.notes`, as is every cell that cannot be read, with its place (docs/parsing.md).
"""

from __future__ import annotations

import os

from ..errors import BrokenDocxError
from ..oxml import DEFAULT_LIMITS, DocxDocument, Limits, open_docx
from .document import read_document
from .result import Edition, Note, NoteKind, ParsedReport

__all__ = ["Edition", "Note", "NoteKind", "ParsedReport", "parse_docx"]


def parse_docx(
    source: str | os.PathLike[str] | bytes, *, limits: Limits = DEFAULT_LIMITS
) -> ParsedReport:
    """Read a .docx (a path or its bytes) into a :class:`ParsedReport` with its notes.

    Raises the :class:`~gpr_docx.errors.ParseError` s of :func:`gpr_docx.oxml.open_docx` for a file
    that is not a sound .docx, and those of :func:`.document.read_document` for one that is no report.
    """
    with open_docx(source, limits=limits) as package:
        document = DocxDocument.read(package)
        name = package.name
    if document is None:
        raise BrokenDocxError("word/document.xml 中没有正文（w:body）", place=name)
    return read_document(document.paragraphs(), document.grids(), name=name)

"""Reading a published report back into data: ``parse(source) -> ParsedReport``.

Every front end reads its document into table grids and paragraphs — the .docx one (:mod:`.docx`)
and the web page one (:mod:`.html`) — and the label-anchored mapping of cells (:mod:`.cells`), the
outline and the notes are shared (:mod:`.document`). :func:`parse` picks the front end by the file's
content, not its name (:func:`detect_format`).

This module stays light: :func:`parse` imports the reader on first call and the other names are
imported on first use (PEP 562), so that ``import gpr_docx`` does not load lxml.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

from .._lazy import lazy_attributes

if TYPE_CHECKING:
    from ..oxml.package import Limits
    from .docx import Edition, Note, NoteKind, ParsedReport

__all__ = [
    "DOCUMENT_SUFFIXES",
    "DocxInput",
    "Edition",
    "Note",
    "NoteKind",
    "ParsedReport",
    "detect_format",
    "parse",
]

DocxInput = str | os.PathLike[str] | bytes
"""A report document (a .docx, a web page) given as a path or as its bytes."""

Format = Literal["docx", "html", "pdf"]
"""The kinds of report document :func:`parse` reads."""

_LAZY: Final = dict.fromkeys(("Edition", "Note", "NoteKind", "ParsedReport"), "result")
_HEAD: Final = 1024
"""How much of a file :func:`detect_format` looks at."""
_OFFICE: Final = (b"PK\x03\x04", b"PK\x05\x06", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
"""A zip (a .docx) or an OLE compound file (a legacy .doc, an encrypted .docx)."""
_BOMS: Final = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_HTML_START: Final = re.compile(
    rb"^(?:\s|<\?xml[^>]*>|<!--.*?-->)*"
    rb"<(?:!--|(?:!doctype\s+html|html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p|"
    rb"meta)(?=[\s>/]|$))",
    re.IGNORECASE | re.DOTALL,
)
"""A web page's first tag after white space, an XML declaration and comments (WHATWG's sniffing)."""
DOCUMENT_SUFFIXES: Final = (".docx", ".html", ".htm", ".pdf")
"""The suffixes of report documents; what the command line takes from a folder beside data files."""
_SUFFIXES: Final[dict[str, Format]] = {
    ".docx": "docx",
    ".docm": "docx",
    ".doc": "docx",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".pdf": "pdf",
}


def detect_format(source: DocxInput) -> Format | None:
    """What kind of report document ``source`` is, by its first bytes: ``None`` when none of them.

    A zip or an OLE compound file is a .docx (a legacy .doc or an encrypted file is told apart by
    the .docx reader), ``%PDF-`` a PDF, and a page that starts with an HTML tag (after a byte-order
    mark, white space, an XML declaration or comments) a web page. A file that cannot be opened is
    ``None``; the reader it then goes to says why.
    """
    if isinstance(source, bytes):
        head = source[:_HEAD]
    else:
        try:
            with Path(source).open("rb") as stream:
                head = stream.read(_HEAD)
        except OSError:
            return None
    if head.startswith(_OFFICE):
        return "docx"
    if head.startswith(b"%PDF-"):
        return "pdf"
    text = head
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            text = head[len(bom) :].decode(encoding, errors="ignore").encode("utf-8")
            break
    if _HTML_START.match(text):
        return "html"
    return "pdf" if b"%PDF-" in head else None  # a PDF may have bytes before its header


def parse(source: DocxInput, *, limits: Limits | None = None) -> ParsedReport:
    """Read a published report back into data, by the labels of its tables and headings.

    Args:
        source: A report in the official format, as a path or its bytes, made by anyone: a .docx,
            or a web page (a saved portal page, a page Word, WPS or LibreOffice wrote). The front
            end is chosen by the content (:func:`gpr_docx.parse.detect_format`), else by the
            file's suffix.
        limits: Safety limits for an untrusted file (``None``: the defaults of
            :class:`~gpr_docx.Limits`; a web page also has its own, :class:`.html.HtmlLimits`).

    Returns:
        The report, the form edition it follows (2021 or 2019) and a note on every cell that was
        blank, not applicable or unreadable — nothing is guessed.

    Raises:
        ParseError: The file cannot be read as a report at all (not a .docx or web page,
            encrypted, broken, over a limit, unsafe XML, no official table, a pre-2019 layout, no
            reporting year).
        UnsupportedFormatError: A PDF, when no PDF reader is installed.
        InputNotFoundError: The file does not exist.
    """
    kind = detect_format(source)
    if kind is None and not isinstance(source, bytes):
        kind = _SUFFIXES.get(Path(source).suffix.lower())
    if kind == "html":
        from .html import parse_html

        return parse_html(source, limits=limits)
    if kind == "pdf":
        return _parse_pdf(source, limits)
    from ..oxml.package import DEFAULT_LIMITS
    from .docx import parse_docx

    return parse_docx(source, limits=DEFAULT_LIMITS if limits is None else limits)


def _parse_pdf(source: DocxInput, limits: Limits | None) -> ParsedReport:
    """The PDF front end (:mod:`.pdf`); it says how to install pdfplumber when that is missing."""
    from .pdf import parse_pdf

    return parse_pdf(source, limits=limits)


__getattr__, __dir__ = lazy_attributes(__name__, _LAZY)

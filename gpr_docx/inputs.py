"""Any input the tools take, read into a report: a data file (TOML/YAML/JSON) or a report document.

Every command reads its inputs here, so a data file and a published report are handled alike: the
report, and for a document what could not be read in it, as findings beside the checks' own.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from .findings import Finding
from .model import Report
from .parse import DOCUMENT_SUFFIXES, detect_format, parse

if TYPE_CHECKING:  # the document readers (and lxml) are imported only to read a document
    from .oxml.package import Limits
    from .parse import ParsedReport

__all__ = ["ReportInput", "read"]


@attrs.frozen
class ReportInput:
    """A report read from one input, with what could not be read in it."""

    report: Report
    """The report (every total that was left out computed)."""
    source: str
    """The input's path as given."""
    findings: tuple[Finding, ...] = ()
    """Cells that could not be read (GPR511) and parts that are missing (GPR512); none for data files."""
    parsed: ParsedReport | None = None
    """For a document: the whole reading, with its form edition and every note; ``None`` for data."""


def read(path: str | os.PathLike[str], *, limits: Limits | None = None) -> ReportInput:
    """The report in ``path``: a data file by its suffix, a document read back with :func:`gpr_docx.parse`.

    Every command reads its inputs with this, so a data file and a published report are handled
    alike. A ``.docx``, ``.html``/``.htm`` or ``.pdf`` is a document; so is a file with another
    suffix than a data file's whose content is one (:func:`gpr_docx.parse.detect_format`): a saved
    page named ``.asp``, a .docx without a suffix.

    Args:
        path: A ``.toml``, ``.yaml``/``.yml`` or ``.json`` data file, or a report document.
        limits: Safety limits for a document (``None``: the defaults of :class:`~gpr_docx.Limits`;
            unused for data files).

    Returns:
        The report; for a document also what could not be read in it (as findings) and the whole
        :class:`~gpr_docx.ParsedReport`.

    Raises:
        InputError: A data file cannot be read (the errors of :func:`gpr_docx.load`).
        ParseError: A document cannot be read as a report (the errors of :func:`gpr_docx.parse`).
        InputNotFoundError: The document does not exist.
    """
    source = os.fspath(path)
    suffix = Path(path).suffix.lower()
    if suffix not in DOCUMENT_SUFFIXES:
        from . import data

        if suffix in data.SUFFIXES or detect_format(path) is None:
            return ReportInput(data.load(path), source)
    parsed = parse(path, limits=limits)
    return ReportInput(parsed.report, source, tuple(parsed.findings()), parsed)

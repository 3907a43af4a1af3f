"""Any input the tools take, read into a report: a data file (TOML/YAML/JSON) or a report .docx.

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

if TYPE_CHECKING:  # the .docx reader (and lxml) is imported only to read a .docx
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
    """The report in ``path``: a data file by its suffix, a .docx read back with :func:`gpr_docx.parse`.

    Every command reads its inputs with this, so a data file and a published report are handled
    alike.

    Args:
        path: A ``.toml``, ``.yaml``/``.yml`` or ``.json`` data file, or a report ``.docx``.
        limits: Safety limits for a ``.docx`` (``None``: the defaults of :class:`~gpr_docx.Limits`;
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
    if Path(path).suffix.lower() == ".docx":
        from .parse import parse

        parsed = parse(path, limits=limits)
        return ReportInput(parsed.report, source, tuple(parsed.findings()), parsed)
    from . import data

    return ReportInput(data.load(path), source)

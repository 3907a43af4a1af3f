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
    source: str
    """The input's path as given."""
    findings: tuple[Finding, ...] = ()
    """Cells that could not be read (GPR511) and parts that are missing (GPR512); none for data files."""
    parsed: ParsedReport | None = None
    """For a document: the whole reading, with its form edition and every note."""


def read(path: str | os.PathLike[str], *, limits: Limits | None = None) -> ReportInput:
    """The report in ``path``: a data file by its suffix, a .docx read back with :func:`gpr_docx.parse`.

    Raises the input's :class:`~gpr_docx.errors.GprError` when it cannot be read at all
    (:class:`~gpr_docx.errors.InputError` for data files, :class:`~gpr_docx.errors.ParseError` for documents).
    ``limits`` bound what a .docx may make us inflate (``None``: the defaults of :class:`~gpr_docx.Limits`).
    """
    source = os.fspath(path)
    if Path(path).suffix.lower() == ".docx":
        from .parse import parse

        parsed = parse(path, limits=limits)
        return ReportInput(parsed.report, source, tuple(parsed.findings()), parsed)
    from . import data

    return ReportInput(data.load(path), source)

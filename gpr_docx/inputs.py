"""Any input the tools take, read into a report: a data file (TOML/YAML/JSON), a workbook (.xlsx)
or a report document (.docx, .html, .pdf).

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

__all__ = ["WORKBOOK_SUFFIXES", "ReportInput", "load", "read", "read_bytes"]

WORKBOOK_SUFFIXES = (".xlsx", ".xls")
"""A clerk's workbook; ``.xls`` is read only to say that it must be saved as ``.xlsx``."""


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
    """The report in ``path``: a data file or workbook by its suffix, a document read back with
    :func:`gpr_docx.parse`.

    Every command reads its inputs with this, so a data file and a published report are handled
    alike. A ``.docx``, ``.html``/``.htm`` or ``.pdf`` is a document; so is a file with another
    suffix than a data file's whose content is one (:func:`gpr_docx.parse.detect_format`): a saved
    page named ``.asp``, a .docx without a suffix.

    Args:
        path: A ``.toml``, ``.yaml``/``.yml`` or ``.json`` data file, a workbook ``.xlsx`` made by
            :func:`gpr_docx.workbook`, or a report document (.docx, .html, .pdf).
        limits: Safety limits for a document or workbook (``None``: the defaults of :class:`~gpr_docx.Limits`;
            unused for data files).

    Returns:
        The report; for a document also what could not be read in it (as findings) and the whole
        :class:`~gpr_docx.ParsedReport`.

    Raises:
        InputError: A data file or workbook cannot be read (the errors of :func:`gpr_docx.load`).
        ParseError: A document cannot be read as a report (the errors of :func:`gpr_docx.parse`).
        InputNotFoundError: The document does not exist.
    """
    return _read(path, Path(path).suffix, os.fspath(path), limits)


def read_bytes(
    data: bytes, suffix: str = "", *, source: str = "<上传的文件>", limits: Limits | None = None
) -> ReportInput:
    """The report in ``data``, the bytes of an input whose file name ends in ``suffix``, read as
    :func:`read` reads a file of that name (an upload to a service: nothing is written to disk).

    Args:
        data: The bytes of a data file, a workbook or a report document.
        suffix: The suffix of its file name (``.json``, ``.xlsx``, ``.docx`` …); a document is
            also known by its content, so an empty suffix will do for one.
        source: How the result (:attr:`~gpr_docx.ReportInput.source`) and data errors name the input.
        limits: As for :func:`read`.

    Raises:
        UnsupportedFormatError: Neither the suffix nor the content names a readable input.
        InputError, ParseError: As for :func:`read`.
    """
    return _read(data, suffix, source, limits)


def _read(
    path: str | os.PathLike[str] | bytes, suffix: str, source: str, limits: Limits | None
) -> ReportInput:
    """The one choice of reader, for a file (``path``) and for bytes alike."""
    suffix = suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:  # a zip like a .docx: told apart by its suffix
        from .workbook.read import read_workbook

        return ReportInput(read_workbook(path, limits=limits), source)
    if suffix not in DOCUMENT_SUFFIXES:
        from . import data

        if suffix in data.SUFFIXES or detect_format(path) is None:
            if isinstance(path, bytes):
                return ReportInput(data.loads(path, suffix, source=source), source)
            return ReportInput(data.load(path), source)
    parsed = parse(path, limits=limits)
    return ReportInput(parsed.report, source, tuple(parsed.findings()), parsed)


def load(path: str | os.PathLike[str]) -> Report:
    """Read a report from a data file (``.toml``, ``.yaml``/``.yml``, ``.json``) or a workbook (``.xlsx``).

    Every problem of the file's values is reported at once, each at its key and official label —
    for a workbook also at its cell (``表三!D6``).

    Args:
        path: The data file or workbook; its suffix picks the format.

    Returns:
        The report, with every total that was left out (or, in a workbook, left to a formula)
        computed.

    Raises:
        UnsupportedFormatError: The suffix is none of those (a ``.docx`` is read with
            :func:`gpr_docx.parse` or :func:`gpr_docx.read`).
        InputNotFoundError: The file does not exist, or is a folder.
        InputSyntaxError: The file is not UTF-8, or not valid TOML, YAML or JSON.
        InputTooLargeError: The file is larger than any report's data or workbook.
        WorkbookError: The workbook cannot be opened: not a workbook (GPR121), an old ``.xls``
            (GPR122), password-protected (GPR123), broken (GPR124), a zip bomb (GPR125).
        NotAReportError: A workbook with neither the form's tables nor its texts.
        SchemaError: The data does not fit the model, or cells of a workbook cannot be read;
            :attr:`~gpr_docx.SchemaError.faults` lists every fault.
    """
    if Path(path).suffix.lower() in WORKBOOK_SUFFIXES:
        from .workbook.read import read_workbook

        return read_workbook(path)
    from . import data

    return data.load(path)

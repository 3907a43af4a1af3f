"""gpr_docx: the 政府信息公开工作年度报告 as typed data, official documents, and back.

The verbs follow the command line: :func:`load`/:func:`dump` data files (and :func:`load` a
clerk's workbook), :func:`parse` a published report, :func:`read` any of them, :func:`check` a
report against the rules, :func:`render` it into the official Word document (:func:`render_html`
into the web page), :func:`fill` someone's blank form, :func:`render_many` a whole batch,
:func:`workbook` a spreadsheet to fill in.

>>> import gpr_docx
>>> report = gpr_docx.examples.load("dasheng-2024")
>>> report.applications.new_requests.total
0
>>> gpr_docx.render(report)[:2]
b'PK'

Names are imported on first use (PEP 562), so ``import gpr_docx`` and the command line start fast.
The verbs that share their name with a subpackage are bound here at import, so that
``gpr_docx.render`` stays the function even after ``gpr_docx.render.template`` is imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from ._lazy import lazy_attributes
from .check import check
from .collect import collect
from .fill import fill, fill_to_file
from .parse import parse
from .render import render, render_to_file
from .workbook import workbook

if TYPE_CHECKING:
    from . import examples
    from .batch import BatchResult, BatchStatus, BatchSummary, render_many
    from .check import RULES, Basis, Profile, Rule, load_profile
    from .collect.run import CollectResult, UnitOutcome, UnitStatus
    from .data import dump, dumps, loads
    from .errors import (
        BrokenDocxError,
        BrokenPdfError,
        BrokenWorkbookError,
        DocxLimitError,
        EncryptedDocxError,
        EncryptedPdfError,
        EncryptedWorkbookError,
        Fault,
        FormMismatchError,
        GprError,
        HtmlEncodingError,
        HtmlLimitError,
        HtmlTemplateError,
        InputError,
        InputNotFoundError,
        InputSyntaxError,
        InputTooLargeError,
        InvalidValueError,
        LegacyFormatError,
        LegacyWorkbookError,
        ManifestError,
        NotAReportError,
        NotDocxError,
        NotHtmlError,
        NotPdfError,
        NotWorkbookError,
        OutputError,
        OutputExistsError,
        ParseError,
        PdfConversionError,
        PdfConverterMissingError,
        PdfLimitError,
        PdfSupportMissingError,
        PdfTimeoutError,
        ProfileError,
        RegistryError,
        RenderError,
        ReportHasErrors,
        ReportTitleError,
        ScannedPdfError,
        SchemaError,
        SimilaritySupportMissingError,
        TemplateError,
        UnsafeXmlError,
        UnsupportedFormatError,
        WorkbookError,
        WorkbookLimitError,
    )
    from .findings import Finding, Number, Severity, has_errors
    from .form import Location
    from .inputs import ReportInput, load, read
    from .model import (
        ActiveDisclosure,
        ApplicantRow,
        Applications,
        CaseOutcomes,
        DocumentCounts,
        NotProcessed,
        OtherProcessing,
        Overview,
        Report,
        Results,
        ReviewLitigation,
        Unable,
        Withheld,
    )
    from .oxml.package import Limits
    from .parse import DocxInput, Edition, Note, NoteKind, ParsedReport
    from .render import TemplateInput
    from .render.html import render_html
    from .render.pdf import render_pdf, render_pdf_to_file
    from .review import review_sheet, review_sheet_to_file

from ._version import __version__

_ERRORS: Final = (
    "BrokenDocxError BrokenPdfError DocxLimitError EncryptedDocxError EncryptedPdfError Fault "
    "FormMismatchError GprError HtmlEncodingError HtmlLimitError InputError InputNotFoundError "
    "InputSyntaxError InputTooLargeError InvalidValueError LegacyFormatError NotAReportError "
    "NotDocxError NotHtmlError NotPdfError OutputError OutputExistsError ParseError PdfLimitError "
    "PdfSupportMissingError RenderError ReportHasErrors ReportTitleError ScannedPdfError SchemaError "
    "TemplateError UnsafeXmlError UnsupportedFormatError "
    "BrokenWorkbookError EncryptedWorkbookError LegacyWorkbookError NotWorkbookError WorkbookError "
    "WorkbookLimitError ProfileError PdfConversionError PdfConverterMissingError PdfTimeoutError "
    "RegistryError SimilaritySupportMissingError HtmlTemplateError ManifestError"
)
_MODEL: Final = (
    "ActiveDisclosure ApplicantRow Applications CaseOutcomes DocumentCounts NotProcessed "
    "OtherProcessing Overview Report Results ReviewLitigation Unable Withheld"
)
_LAZY: Final[dict[str, str]] = {
    "examples": "",
    **dict.fromkeys(_ERRORS.split(), "errors"),
    **dict.fromkeys(_MODEL.split(), "model"),
    **dict.fromkeys(("BatchResult", "BatchStatus", "BatchSummary", "render_many"), "batch"),
    **dict.fromkeys(("RULES", "Basis", "Profile", "Rule", "load_profile"), "check"),
    **dict.fromkeys(("CollectResult", "UnitOutcome", "UnitStatus"), "collect.run"),
    **dict.fromkeys(("dump", "dumps", "loads"), "data"),
    **dict.fromkeys(("Finding", "Number", "Severity", "has_errors"), "findings"),
    "Location": "form",
    **dict.fromkeys(("ReportInput", "load", "read"), "inputs"),
    "Limits": "oxml.package",
    **dict.fromkeys(("DocxInput", "Edition", "Note", "NoteKind", "ParsedReport"), "parse"),
    "TemplateInput": "render",
    **dict.fromkeys(("review_sheet", "review_sheet_to_file"), "review"),
    **dict.fromkeys(("render_pdf", "render_pdf_to_file"), "render.pdf"),
    "render_html": "render.html",
}
"""Where each lazily imported public name lives."""


__getattr__, __dir__ = lazy_attributes(__name__, _LAZY)

__all__ = [
    "RULES",
    "ActiveDisclosure",
    "ApplicantRow",
    "Applications",
    "Basis",
    "BatchResult",
    "BatchStatus",
    "BatchSummary",
    "BrokenDocxError",
    "BrokenPdfError",
    "BrokenWorkbookError",
    "CaseOutcomes",
    "CollectResult",
    "DocumentCounts",
    "DocxInput",
    "DocxLimitError",
    "Edition",
    "EncryptedDocxError",
    "EncryptedPdfError",
    "EncryptedWorkbookError",
    "Fault",
    "Finding",
    "FormMismatchError",
    "GprError",
    "HtmlEncodingError",
    "HtmlLimitError",
    "HtmlTemplateError",
    "InputError",
    "InputNotFoundError",
    "InputSyntaxError",
    "InputTooLargeError",
    "InvalidValueError",
    "LegacyFormatError",
    "LegacyWorkbookError",
    "Limits",
    "Location",
    "ManifestError",
    "NotAReportError",
    "NotDocxError",
    "NotHtmlError",
    "NotPdfError",
    "NotProcessed",
    "NotWorkbookError",
    "Note",
    "NoteKind",
    "Number",
    "OtherProcessing",
    "OutputError",
    "OutputExistsError",
    "Overview",
    "ParseError",
    "ParsedReport",
    "PdfConversionError",
    "PdfConverterMissingError",
    "PdfLimitError",
    "PdfSupportMissingError",
    "PdfTimeoutError",
    "Profile",
    "ProfileError",
    "RegistryError",
    "RenderError",
    "Report",
    "ReportHasErrors",
    "ReportInput",
    "ReportTitleError",
    "Results",
    "ReviewLitigation",
    "Rule",
    "ScannedPdfError",
    "SchemaError",
    "Severity",
    "SimilaritySupportMissingError",
    "TemplateError",
    "TemplateInput",
    "Unable",
    "UnitOutcome",
    "UnitStatus",
    "UnsafeXmlError",
    "UnsupportedFormatError",
    "Withheld",
    "WorkbookError",
    "WorkbookLimitError",
    "__version__",
    "check",
    "collect",
    "dump",
    "dumps",
    "examples",
    "fill",
    "fill_to_file",
    "has_errors",
    "load",
    "load_profile",
    "loads",
    "parse",
    "read",
    "render",
    "render_html",
    "render_many",
    "render_pdf",
    "render_pdf_to_file",
    "render_to_file",
    "review_sheet",
    "review_sheet_to_file",
    "workbook",
]

"""gpr_docx: the 政府信息公开工作年度报告 as typed data, official Word documents, and back.

>>> import gpr_docx
>>> report = gpr_docx.examples.load("dasheng-2024")
>>> report.applications.new_requests.total
0
>>> gpr_docx.render(report)[:2]
b'PK'
"""

from . import examples
from .batch import BatchResult, BatchSummary, render_many
from .errors import (
    BrokenDocxError,
    DocxLimitError,
    EncryptedDocxError,
    FormMismatchError,
    GprError,
    InputError,
    InputNotFoundError,
    InputSyntaxError,
    LegacyFormatError,
    NotAReportError,
    NotDocxError,
    OutputError,
    OutputExistsError,
    ParseError,
    Problem,
    RenderError,
    ReportHasErrors,
    ReportTitleError,
    SchemaError,
    TemplateError,
    UnsafeXmlError,
    UnsupportedFormatError,
)
from .filler import fill, fill_to_file
from .formats import dump, dumps, load, loads
from .model import (
    ActiveDisclosure,
    ApplicantRow,
    Applications,
    CaseOutcomes,
    DocumentCounts,
    InvalidValueError,
    NotProcessed,
    OtherProcessing,
    Overview,
    Report,
    Results,
    ReviewLitigation,
    Unable,
    Withheld,
)
from .reader import Note, NoteKind, ParsedReport, parse, parse_docx
from .renderer import render, render_to_file
from .rules import Finding, Severity, check, has_errors

__version__ = "0.1.0"

__all__ = [
    "ActiveDisclosure",
    "ApplicantRow",
    "Applications",
    "BatchResult",
    "BatchSummary",
    "BrokenDocxError",
    "CaseOutcomes",
    "DocumentCounts",
    "DocxLimitError",
    "EncryptedDocxError",
    "Finding",
    "FormMismatchError",
    "GprError",
    "InputError",
    "InputNotFoundError",
    "InputSyntaxError",
    "InvalidValueError",
    "LegacyFormatError",
    "NotAReportError",
    "NotDocxError",
    "NotProcessed",
    "Note",
    "NoteKind",
    "OtherProcessing",
    "OutputError",
    "OutputExistsError",
    "Overview",
    "ParseError",
    "ParsedReport",
    "Problem",
    "RenderError",
    "Report",
    "ReportHasErrors",
    "ReportTitleError",
    "Results",
    "ReviewLitigation",
    "SchemaError",
    "Severity",
    "TemplateError",
    "Unable",
    "UnsafeXmlError",
    "UnsupportedFormatError",
    "Withheld",
    "__version__",
    "check",
    "dump",
    "dumps",
    "examples",
    "fill",
    "fill_to_file",
    "has_errors",
    "load",
    "loads",
    "parse",
    "parse_docx",
    "render",
    "render_many",
    "render_to_file",
]

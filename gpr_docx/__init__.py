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
    GprError,
    InputError,
    InputNotFoundError,
    InputSyntaxError,
    OutputError,
    OutputExistsError,
    ParseError,
    Problem,
    RenderError,
    ReportHasErrors,
    SchemaError,
    TemplateError,
    UnsupportedFormatError,
)
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
from .renderer import render, render_to_file
from .rules import Finding, Severity, check, has_errors

__version__ = "0.1.0"

__all__ = [
    "ActiveDisclosure",
    "ApplicantRow",
    "Applications",
    "BatchResult",
    "BatchSummary",
    "CaseOutcomes",
    "DocumentCounts",
    "Finding",
    "GprError",
    "InputError",
    "InputNotFoundError",
    "InputSyntaxError",
    "InvalidValueError",
    "NotProcessed",
    "OtherProcessing",
    "OutputError",
    "OutputExistsError",
    "Overview",
    "ParseError",
    "Problem",
    "RenderError",
    "Report",
    "ReportHasErrors",
    "Results",
    "ReviewLitigation",
    "SchemaError",
    "Severity",
    "TemplateError",
    "Unable",
    "UnsupportedFormatError",
    "Withheld",
    "__version__",
    "check",
    "dump",
    "dumps",
    "examples",
    "has_errors",
    "load",
    "loads",
    "render",
    "render_many",
    "render_to_file",
]

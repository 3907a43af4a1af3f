"""The one exception tree of gpr_docx.

Every error has a stable ``code`` (documented in docs/errors.md, never reused), an optional ``place``
(a file, a ``$.json.path`` with its official label, or a table cell) and a Chinese ``message``;
``str(err)`` is ``"<code> <place>：<message>"`` so the CLI can print it as it is::

    GprError                     GPR000  base class
    ├── UsageError               GPR001  the command line was called wrongly
    ├── SimilaritySupportMissingError GPR630 雷同 needs the optional extra gpr-docx[collect]
    ├── InputError               GPR100  an input file cannot be read into a report
    │   ├── InputNotFoundError   GPR101  the file does not exist
    │   ├── UnsupportedFormatError GPR102 the suffix is not .toml/.yaml/.yml/.json
    │   ├── InputSyntaxError     GPR103  broken TOML / YAML / JSON
    │   ├── InputTooLargeError   GPR104  a data file or workbook over the size limit
    │   ├── SchemaError          GPR110  values do not fit the model; carries every Fault
    │   ├── ManifestError        GPR224  a publication folder has no readable manifest.json
    │   ├── RegistryError        GPR601  a collect's unit registry cannot be read
    │   ├── WorkbookError        GPR120  an .xlsx workbook cannot be opened
    │   │   ├── NotWorkbookError GPR121  not an Excel workbook (a CSV or text renamed .xlsx)
    │   │   ├── LegacyWorkbookError GPR122 an old binary .xls: save it as .xlsx
    │   │   ├── EncryptedWorkbookError GPR123 password-protected
    │   │   ├── BrokenWorkbookError GPR124 truncated or corrupt
    │   │   └── WorkbookLimitError GPR125 over a limit while inflating (a zip bomb)
    │   └── ProfileError         GPR130  a rule profile (check --profile) does not fit; carries every Fault
    ├── TemplateError            GPR200  a Word template is missing, broken or does not fit the model
    │   └── HtmlTemplateError    GPR220  a web page template is missing, broken or does not fit the model
    ├── RenderError              GPR300  rendering failed
    │   └── ReportHasErrors      GPR301  the checks found errors; nothing was written
    ├── OutputError              GPR400  an output cannot be written
    │   ├── OutputExistsError    GPR401  the output exists and overwriting was not asked for
    │   └── PdfConversionError   GPR410  LibreOffice could not convert the .docx to PDF
    │       ├── PdfConverterMissingError GPR411 LibreOffice (soffice) is not installed or not found
    │       └── PdfTimeoutError  GPR412  the conversion hung and was stopped after its time limit
    └── ParseError               GPR500  a published report (.docx, web page, PDF) cannot be read back
        ├── NotDocxError         GPR501  not a Word .docx at all (random bytes, a legacy .doc)
        ├── EncryptedDocxError   GPR502  password-protected (an encrypted Office file)
        ├── BrokenDocxError      GPR503  a truncated or corrupt .docx, or one without word/document.xml
        ├── DocxLimitError       GPR504  over a size limit (file, parts, members, compression ratio)
        ├── UnsafeXmlError       GPR505  XML with a DOCTYPE (entity bombs, external entities)
        ├── NotAReportError      GPR506  no table of the official form (二、三、四) was found
        ├── LegacyFormatError    GPR507  a report in the pre-2019 layout, which is not supported
        ├── ReportTitleError     GPR508  the reporting year cannot be found in the title
        ├── FormMismatchError    GPR509  a blank form to fill lacks a cell or table of the official form
        ├── NotHtmlError         GPR531  not a web page (binary bytes, a Word or PDF file given as HTML)
        ├── HtmlLimitError       GPR532  a web page over a safety limit (size, elements, nesting depth)
        ├── HtmlEncodingError    GPR533  a web page whose bytes are text in no encoding it could be in
        ├── PdfSupportMissingError GPR520 reading a PDF needs the optional extra gpr-docx[pdf]
        ├── NotPdfError          GPR521  not a PDF at all (no %PDF- header)
        ├── EncryptedPdfError    GPR522  a PDF with an open password
        ├── BrokenPdfError       GPR523  a truncated or damaged PDF, or one without pages
        ├── PdfLimitError        GPR524  over a limit (file size, inflated streams, pages, nesting, time)
        └── ScannedPdfError      GPR525  no text layer (a scan) or text that cannot be decoded
    ServiceError                 GPR700  the HTTP service (gpr_docx.server) cannot serve a request
    ├── RequestTooLargeError     GPR701  the request body is over the service's limit
    ├── UnsupportedMediaError    GPR702  the request's content type is not one the endpoint takes
    ├── BadRequestError          GPR703  a query parameter or form field is missing or wrong
    ├── UnknownTemplateError     GPR704  a template name the operator did not configure (or a path)
    ├── RequestTimeoutError      GPR705  the request took longer than the service's time limit
    ├── UnauthorizedError        GPR706  the bearer token is missing or wrong
    ├── NoSuchEndpointError      GPR708  no endpoint at that path, or not with that method
    └── InternalServiceError     GPR719  an unexpected failure inside the service (logged, not shown)

A :class:`Fault` is one located fault inside a :class:`SchemaError`; its code is either a rule ID
of rules.md (``V-1`` counts, ``V-2`` fees) or a ``GPR11x`` code for the shape of the data.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import attrs

__all__ = [
    "BadRequestError",
    "BrokenDocxError",
    "BrokenPdfError",
    "BrokenWorkbookError",
    "DocxLimitError",
    "EncryptedDocxError",
    "EncryptedPdfError",
    "EncryptedWorkbookError",
    "Fault",
    "FormMismatchError",
    "GprError",
    "HtmlEncodingError",
    "HtmlLimitError",
    "HtmlTemplateError",
    "InputError",
    "InputNotFoundError",
    "InputSyntaxError",
    "InputTooLargeError",
    "InternalServiceError",
    "InvalidValueError",
    "LegacyFormatError",
    "LegacyWorkbookError",
    "ManifestError",
    "NoSuchEndpointError",
    "NotAReportError",
    "NotDocxError",
    "NotHtmlError",
    "NotPdfError",
    "NotWorkbookError",
    "OutputError",
    "OutputExistsError",
    "ParseError",
    "PdfConversionError",
    "PdfConverterMissingError",
    "PdfLimitError",
    "PdfSupportMissingError",
    "PdfTimeoutError",
    "ProfileError",
    "RegistryError",
    "RenderError",
    "ReportHasErrors",
    "ReportTitleError",
    "RequestTimeoutError",
    "RequestTooLargeError",
    "ScannedPdfError",
    "SchemaError",
    "ServiceError",
    "SimilaritySupportMissingError",
    "TemplateError",
    "UnauthorizedError",
    "UnknownTemplateError",
    "UnsafeXmlError",
    "UnsupportedFormatError",
    "UnsupportedMediaError",
    "UsageError",
    "WorkbookError",
    "WorkbookLimitError",
]

# Codes of Faults about the shape of the data (the V-n codes come from rules.md).
UNKNOWN_KEY = "GPR111"
MISSING_KEY = "GPR112"
WRONG_TYPE = "GPR113"
ILLEGAL_CHARACTER = "GPR114"
BAD_VALUE = "GPR115"
TOO_LONG = "GPR116"

# Codes of Faults inside a ProfileError (a rule profile of gpr_docx.check.profile).
PROFILE_UNKNOWN_KEY = "GPR131"
PROFILE_MISSING_KEY = "GPR132"
PROFILE_WRONG_TYPE = "GPR133"
PROFILE_BAD_VALUE = "GPR134"
# Code of the finding a profile rule gives when its pattern takes too long on a text.
PROFILE_PATTERN_TIMEOUT = "GPR135"

# Codes of findings about a report read from a .docx (gpr_docx.reader): what could not be read.
UNREADABLE_CELL = "GPR511"
MISSING_PART = "GPR512"

# Codes of what gpr_docx.verify finds in a publication folder (gpr_docx.publish).
FILE_CHANGED = "GPR221"
FILE_MISSING = "GPR222"
FILE_ADDED = "GPR223"
DATA_CHANGED = "GPR225"

# Codes of findings of a collect (gpr_docx.collect): who sent what.
UNIT_MISSING = "GPR610"
UNKNOWN_UNIT = "GPR611"
AMBIGUOUS_UNIT = "GPR612"
DUPLICATE_SUBMISSION = "GPR613"
WRONG_YEAR = "GPR614"
UNIT_CONFLICT = "GPR615"
PREVIOUS_UNREADABLE = "GPR616"


@attrs.frozen
class Fault:
    """One located fault in input data: what, where (``$.path`` and official label), and why.

    ``str(fault)`` is ``"<code> <place>：<message>"``, e.g.
    ``V-1 $.applications.new_requests.natural_person（…）：应为非负整数，实为 -1``.
    """

    code: str
    """A rule ID of docs/rules.md (``V-1`` counts, ``V-2`` fees) or a ``GPR11x`` code."""
    path: str
    """Where in the data, as a JSON path (``$.applications.new_requests.natural_person``)."""
    message: str
    """What is wrong, in Chinese, quoting the value."""
    label: str = ""
    """The official name of that place, when the path names one."""

    @property
    def place(self) -> str:
        """The path with its official name in brackets, as messages print it."""
        return f"{self.path}（{self.label}）" if self.label else self.path

    def __str__(self) -> str:
        return f"{self.code} {self.place}：{self.message}"


class GprError(Exception):
    """Base of every error gpr_docx raises on purpose.

    ``str(error)`` is ``"<code> <place>：<message>"``, ready to print.

    Attributes:
        code: The stable code of the error class (``GPR101``), listed in docs/errors.md.
        message: What is wrong, in Chinese.
        place: Where: a file, a JSON path with its official name, or a table cell; may be empty.
    """

    code: ClassVar[str] = "GPR000"

    def __init__(self, message: str, *, place: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.place = place

    def __str__(self) -> str:
        where = f" {self.place}" if self.place else ""
        return f"{self.code}{where}：{self.message}"


class UsageError(GprError):
    """The command line was called wrongly (a missing or contradictory argument, an output that is
    one of the inputs, an output suffix no writer makes); nothing was read or written."""

    code = "GPR001"


class SimilaritySupportMissingError(GprError):
    """Comparing narratives for 雷同 (:mod:`gpr_docx.collect.similarity`) needs numpy and
    datasketch, the optional extra ``gpr-docx[collect]``, which is not installed.

    The message says how to install it. :func:`gpr_docx.collect` does not raise it: it does the
    rest of the collect and reports 雷同 as not compared (docs/collect.md).
    """

    code = "GPR630"


class InputError(GprError):
    """An input file cannot be read into a report."""

    code = "GPR100"


class InputNotFoundError(InputError):
    """The input file does not exist."""

    code = "GPR101"


class UnsupportedFormatError(InputError):
    """The input's suffix is not one gpr_docx reads."""

    code = "GPR102"


class InputTooLargeError(InputError):
    """A data file is larger than any report's data can be (:data:`gpr_docx.data.MAX_FILE_SIZE`),
    or a workbook larger than any filled-in workbook (20 MB)."""

    code = "GPR104"


class InputSyntaxError(InputError):
    """The file is not valid TOML, YAML or JSON."""

    code = "GPR103"


class SchemaError(InputError):
    """The data does not fit the report model; every fault is reported, not just the first.

    Attributes:
        faults: Every fault found, each at its own place.
    """

    code = "GPR110"

    def __init__(self, faults: Sequence[Fault], *, place: str = "") -> None:
        self.faults: tuple[Fault, ...] = tuple(faults)
        count = len(self.faults)
        summary = f"数据有 {count} 处问题" if count != 1 else "数据有 1 处问题"
        super().__init__(summary, place=place)

    def __str__(self) -> str:
        head = super().__str__()
        return "\n".join([head, *(f"  {p}" for p in self.faults)])


class RegistryError(InputError):
    """The unit registry of a collect cannot be read: not a CSV or workbook, no 代码 or 名称
    column, a row without a code or name, the same code twice, or a category to include that it
    does not have; nothing is collected against it."""

    code = "GPR601"


class InvalidValueError(InputError, ValueError):
    """A model class was built with a value that can never be valid for its field (Python API).

    Also a :class:`ValueError`, as attrs validators conventionally raise.

    Attributes:
        rule: The rule or fault code the value breaks (V-1 counts, V-2 fees, GPR113 types,
            GPR114 characters).
        field_name: The attribute that was given the value.
        field_label: The attribute's official label.
    """

    code = "GPR115"

    def __init__(self, message: str, *, rule: str, field_name: str, field_label: str = "") -> None:
        self.rule = rule
        self.field_name = field_name
        self.field_label = field_label
        where = f"{field_name}（{field_label}）" if field_label else field_name
        super().__init__(f"{message}（{rule}）", place=where)


class ProfileError(InputError):
    """A rule profile (``check --profile``) does not fit the profile format; every fault is listed.

    Attributes:
        faults: Every fault found, each at its key (``$.requirements[2].pattern``).
    """

    code = "GPR130"

    def __init__(self, faults: Sequence[Fault], *, place: str = "") -> None:
        self.faults: tuple[Fault, ...] = tuple(faults)
        super().__init__(f"规则集有 {len(self.faults)} 处问题", place=place)

    def __str__(self) -> str:
        head = super().__str__()
        return "\n".join([head, *(f"  {p}" for p in self.faults)])


class WorkbookError(InputError):
    """An .xlsx workbook cannot be opened; its values, once opened, fail as a :class:`SchemaError`."""

    code = "GPR120"


class NotWorkbookError(WorkbookError):
    """The file is not an Excel workbook at all (a CSV or text file renamed .xlsx, random bytes)."""

    code = "GPR121"


class LegacyWorkbookError(WorkbookError):
    """The file is an old binary Excel workbook (.xls), which is not read: save it as .xlsx."""

    code = "GPR122"


class EncryptedWorkbookError(WorkbookError):
    """The workbook is password-protected (an encrypted Office file) and cannot be read without it."""

    code = "GPR123"


class BrokenWorkbookError(WorkbookError):
    """The workbook is truncated or corrupt, or its parts cannot be read as a spreadsheet."""

    code = "GPR124"


class WorkbookLimitError(WorkbookError):
    """The workbook is over a safety limit while inflating it (member count, sizes, compression
    ratio): a zip bomb, not a form someone filled in."""

    code = "GPR125"


class ManifestError(InputError):
    """A publication folder (``gpr-docx publish``) cannot be verified: the folder or its
    ``manifest.json`` is missing, unreadable, or not a manifest of gpr-docx's format."""

    code = "GPR224"


class TemplateError(GprError):
    """A Word template is missing, broken, or its tags do not fit the model."""

    code = "GPR200"


class HtmlTemplateError(TemplateError):
    """A web page template (:func:`gpr_docx.render_html`) is missing, unreadable, has a tag error,
    does not print the report's data, or fails while rendering."""

    code = "GPR220"


class RenderError(GprError):
    """Rendering a report failed."""

    code = "GPR300"


class ReportHasErrors(RenderError):
    """The consistency checks found errors, so nothing was written; ``findings`` holds the errors.

    Raised by :func:`gpr_docx.findings.raise_for_errors`, which the command line and batch rendering
    call before they write a report; a caller that wants the document anyway skips that call.

    Attributes:
        findings: The error findings.
    """

    code = "GPR301"

    def __init__(self, findings: Sequence[object], *, place: str = "") -> None:
        self.findings = tuple(findings)
        super().__init__(f"报告有 {len(self.findings)} 处错误，未生成文件", place=place)


class OutputError(GprError):
    """An output file cannot be written."""

    code = "GPR400"


class OutputExistsError(OutputError):
    """The output exists and overwriting it was not asked for."""

    code = "GPR401"


class PdfConversionError(OutputError):
    """LibreOffice could not convert the rendered .docx to PDF (it failed or made no PDF)."""

    code = "GPR410"


class PdfConverterMissingError(PdfConversionError):
    """Making a PDF needs LibreOffice's ``soffice``, which is not installed or cannot be found.

    The message says how to install it, and that ``GPR_DOCX_SOFFICE`` may name the program.
    """

    code = "GPR411"


class PdfTimeoutError(PdfConversionError):
    """A conversion did not finish within its time limit; LibreOffice was stopped (its whole
    process group) and nothing was written."""

    code = "GPR412"


class ParseError(GprError):
    """A published report (a .docx, a web page, a PDF) cannot be read back into a report."""

    code = "GPR500"


class NotDocxError(ParseError):
    """The file is not a Word .docx (random bytes, a PDF, a legacy binary .doc)."""

    code = "GPR501"


class EncryptedDocxError(ParseError):
    """The file is password-protected: an encrypted Office file cannot be read without its password."""

    code = "GPR502"


class BrokenDocxError(ParseError):
    """The .docx is truncated or corrupt, or lacks its main part ``word/document.xml``."""

    code = "GPR503"


class DocxLimitError(ParseError):
    """The file or one of its parts is over a safety limit (size, member count, compression ratio)."""

    code = "GPR504"


class UnsafeXmlError(ParseError):
    """A part's XML declares a DOCTYPE; Word never writes one, entity bombs and external entities need it."""

    code = "GPR505"


class NotAReportError(ParseError):
    """No table of the official form (sections 二, 三, 四) was found in the document."""

    code = "GPR506"


class LegacyFormatError(ParseError):
    """A report in the layout used before the 2019 revision of the 条例, which gpr_docx does not read."""

    code = "GPR507"


class ReportTitleError(ParseError):
    """The reporting year cannot be found in the title (nor in the preface's statistics period)."""

    code = "GPR508"


class FormMismatchError(ParseError):
    """A blank form given to fill lacks a table, cell or heading of the official form."""

    code = "GPR509"


class NotHtmlError(ParseError):
    """The file given as a web page is not one: binary bytes, or a Word or PDF file."""

    code = "GPR531"


class HtmlLimitError(ParseError):
    """A web page is over a safety limit: its size, its number of elements or their nesting depth."""

    code = "GPR532"


class HtmlEncodingError(ParseError):
    """A web page's bytes are not text in its declared encoding, nor in UTF-8 or GB18030."""

    code = "GPR533"


class PdfSupportMissingError(ParseError):
    """Reading a PDF needs pdfplumber, the optional extra ``gpr-docx[pdf]``, which is not installed."""

    code = "GPR520"


class NotPdfError(ParseError):
    """The file given as a PDF is not one: no ``%PDF-`` header in its first kilobyte."""

    code = "GPR521"


class EncryptedPdfError(ParseError):
    """The PDF has an open (user) password; it cannot be read without it."""

    code = "GPR522"


class BrokenPdfError(ParseError):
    """The PDF is truncated or damaged beyond what a reader repairs, or has no pages."""

    code = "GPR523"


class PdfLimitError(ParseError):
    """The PDF is over a safety limit: file size, a stream's or all streams' inflated size, page
    count, nesting of objects, the drawing instructions of one page, or the time to read it."""

    code = "GPR524"


class ScannedPdfError(ParseError):
    """The PDF has no text layer (a scan or pictures of pages) or text that cannot be decoded into
    characters; without OCR there is nothing to read."""

    code = "GPR525"


class ServiceError(GprError):
    """The HTTP service (:mod:`gpr_docx.server`) cannot serve a request as it was sent.

    The library's own errors keep their codes when the service meets them; these are about the
    request itself (its size, type, parameters, token, time).
    """

    code = "GPR700"


class RequestTooLargeError(ServiceError):
    """The request body is over the service's limit (``--max-body``); it was not read further."""

    code = "GPR701"


class UnsupportedMediaError(ServiceError):
    """The request's ``Content-Type`` is not one the endpoint takes (JSON, or a multipart upload)."""

    code = "GPR702"


class BadRequestError(ServiceError):
    """A query parameter or form field is missing, repeated or has a value the endpoint does not take."""

    code = "GPR703"


class UnknownTemplateError(ServiceError):
    """A template name that is not among those the operator configured; a path is never accepted."""

    code = "GPR704"


class RequestTimeoutError(ServiceError):
    """The request took longer than the service's time limit (``--timeout``), to arrive or to serve."""

    code = "GPR705"


class UnauthorizedError(ServiceError):
    """The service asks for a bearer token (``--token-file``) and the request has none or another."""

    code = "GPR706"


class NoSuchEndpointError(ServiceError):
    """No endpoint at that path, or none that takes that method."""

    code = "GPR708"


class InternalServiceError(ServiceError):
    """An unexpected failure inside the service: the message gives its reference, the log the details."""

    code = "GPR719"

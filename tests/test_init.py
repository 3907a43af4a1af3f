"""The package root: exactly the public names it promises, each importable, imported lazily."""

from __future__ import annotations

import subprocess
import sys

import gpr_docx
from tests.helpers import ROOT

EXPECTED = {
    # the verbs
    "check",
    "dump",
    "dumps",
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
    "render_to_file",
    "review_sheet",
    "review_sheet_to_file",
    "render_pdf",
    "render_pdf_to_file",
    "workbook",
    "collect",
    # the report model
    "ActiveDisclosure",
    "ApplicantRow",
    "Applications",
    "CaseOutcomes",
    "DocumentCounts",
    "NotProcessed",
    "OtherProcessing",
    "Overview",
    "Report",
    "Results",
    "ReviewLitigation",
    "Unable",
    "Withheld",
    # what the verbs take and give
    "BatchResult",
    "BatchStatus",
    "BatchSummary",
    "Basis",
    "DocxInput",
    "Edition",
    "Finding",
    "Limits",
    "Location",
    "Note",
    "NoteKind",
    "Number",
    "ParsedReport",
    "Profile",
    "RULES",
    "ReportInput",
    "Rule",
    "Severity",
    "TemplateInput",
    "CollectResult",
    "UnitOutcome",
    "UnitStatus",
    # the one exception tree
    "BrokenDocxError",
    "BrokenPdfError",
    "DocxLimitError",
    "EncryptedDocxError",
    "EncryptedPdfError",
    "Fault",
    "FormMismatchError",
    "GprError",
    "HtmlEncodingError",
    "HtmlLimitError",
    "HtmlTemplateError",
    "ManifestError",
    "InputError",
    "InputNotFoundError",
    "InputSyntaxError",
    "InputTooLargeError",
    "InvalidValueError",
    "LegacyFormatError",
    "NotAReportError",
    "NotDocxError",
    "NotHtmlError",
    "NotPdfError",
    "OutputError",
    "OutputExistsError",
    "ParseError",
    "PdfLimitError",
    "PdfSupportMissingError",
    "ProfileError",
    "RenderError",
    "ReportHasErrors",
    "ReportTitleError",
    "ScannedPdfError",
    "SchemaError",
    "SimilaritySupportMissingError",
    "TemplateError",
    "UnsafeXmlError",
    "UnsupportedFormatError",
    "WorkbookError",
    "NotWorkbookError",
    "LegacyWorkbookError",
    "EncryptedWorkbookError",
    "BrokenWorkbookError",
    "WorkbookLimitError",
    "PdfConversionError",
    "PdfConverterMissingError",
    "PdfTimeoutError",
    "RegistryError",
    # modules and metadata
    "examples",
    "__version__",
}


def test_all_is_exactly_the_public_api() -> None:
    assert set(gpr_docx.__all__) == EXPECTED
    assert len(gpr_docx.__all__) == len(EXPECTED)


def test_every_name_imports() -> None:
    for name in gpr_docx.__all__:
        assert getattr(gpr_docx, name) is not None, name
    namespace: dict[str, object] = {}
    exec("from gpr_docx import *", namespace)  # noqa: S102 - the star import users may write
    assert set(namespace) - {"__builtins__"} == EXPECTED


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        gpr_docx.no_such_name  # noqa: B018
    except AttributeError as error:
        assert "no_such_name" in str(error)
    else:
        raise AssertionError("expected AttributeError")


def test_verbs_stay_functions_after_their_subpackages_are_imported() -> None:
    """``render``, ``parse``, ``check`` and ``fill`` name both a function and a subpackage."""
    code = (
        "import gpr_docx.render.compiled, gpr_docx.parse.docx, gpr_docx.check.rules, "
        "gpr_docx.fill.docx, gpr_docx.workbook.write, gpr_docx.collect.run, gpr_docx\n"
        "assert all(callable(f) and f.__module__.startswith('gpr_docx') for f in "
        "(gpr_docx.render, gpr_docx.parse, gpr_docx.check, gpr_docx.fill, gpr_docx.workbook, "
        "gpr_docx.collect)), "
        "'shadowed'\n"
        "assert type(gpr_docx.render).__name__ == 'function'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


HEAVY = ("jinja2", "docxtpl", "docx", "lxml", "cattrs", "yaml", "openpyxl")
"""What ``import gpr_docx`` and the command line's start-up must not import (issue 8, item 9)."""


def test_importing_the_package_and_the_command_line_imports_nothing_heavy() -> None:
    code = (
        "import sys, gpr_docx, gpr_docx.cli\n"
        f"heavy = sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r})\n"
        "print(' '.join(heavy))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT
    )
    assert done.stdout.split() == []


def test_the_public_names_still_import_lazily_after_a_light_start() -> None:
    """The light start and the lazy names together: each subpackage's names reach their modules."""
    code = (
        "import sys, gpr_docx\n"
        "from gpr_docx.check import RULES, Basis, Rule, findings_from_error\n"
        "from gpr_docx.parse import Edition, Note, NoteKind, ParsedReport\n"
        "from gpr_docx.render import TemplateInput\n"
        "assert RULES and Basis and Rule and Edition and Note and NoteKind and ParsedReport\n"
        "assert 'lxml' not in sys.modules and 'jinja2' not in sys.modules\n"
        "sys.modules['gpr_docx.parse'].no_such_name\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True, cwd=ROOT
    )
    assert "AttributeError: module 'gpr_docx.parse' has no attribute 'no_such_name'" in done.stderr


def test_python_m_gpr_docx_help() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "gpr_docx", "--help"],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    for command in ("render", "check", "parse", "fill", "example", "workbook"):
        assert command in done.stdout

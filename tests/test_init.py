"""The package root: exactly the public names it promises, each importable, imported lazily."""

from __future__ import annotations

import subprocess
import sys

import gpr_docx

EXPECTED = {
    # the verbs
    "check",
    "dump",
    "dumps",
    "fill",
    "fill_to_file",
    "has_errors",
    "load",
    "loads",
    "parse",
    "read",
    "render",
    "render_many",
    "render_to_file",
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
    "RULES",
    "ReportInput",
    "Rule",
    "Severity",
    "TemplateInput",
    # the one exception tree
    "BrokenDocxError",
    "DocxLimitError",
    "EncryptedDocxError",
    "Fault",
    "FormMismatchError",
    "GprError",
    "InputError",
    "InputNotFoundError",
    "InputSyntaxError",
    "InvalidValueError",
    "LegacyFormatError",
    "NotAReportError",
    "NotDocxError",
    "OutputError",
    "OutputExistsError",
    "ParseError",
    "RenderError",
    "ReportHasErrors",
    "ReportTitleError",
    "SchemaError",
    "TemplateError",
    "UnsafeXmlError",
    "UnsupportedFormatError",
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
        "gpr_docx.fill.docx, gpr_docx\n"
        "assert all(callable(f) and f.__module__.startswith('gpr_docx') for f in "
        "(gpr_docx.render, gpr_docx.parse, gpr_docx.check, gpr_docx.fill)), 'shadowed'\n"
        "assert type(gpr_docx.render).__name__ == 'function'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)

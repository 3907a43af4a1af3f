"""The error tree: unique stable codes, all documented, messages shaped ``<code> <place>：<message>``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gpr_docx import errors
from gpr_docx.cli.base import with_hint
from gpr_docx.errors import (
    Fault,
    GprError,
    InputError,
    InputNotFoundError,
    InvalidValueError,
    OutputExistsError,
    ReportHasErrors,
    SchemaError,
)
from tests.helpers import ROOT

DOC = ROOT / "docs" / "errors.md"


def _error_classes() -> list[type[GprError]]:
    found: list[type[GprError]] = []
    todo: list[type[GprError]] = [GprError]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def test_codes_are_unique_and_documented() -> None:
    classes = _error_classes()
    codes = [cls.code for cls in classes]
    assert len(codes) == len(set(codes)), codes
    documented = set(re.findall(r"\| (GPR\d{3}|V-\d) \|", DOC.read_text("utf-8")))
    problem_codes = {
        value for name, value in vars(errors).items() if name.isupper() and isinstance(value, str)
    }
    assert set(codes) | problem_codes <= documented


def test_message_shape() -> None:
    error = InputNotFoundError("文件不存在", place="a.toml")
    assert str(error) == "GPR101 a.toml：文件不存在"
    schema_error = SchemaError([Fault("V-1", "$.year", "应为整数", "报告年度")], place="a.toml")
    assert str(schema_error).splitlines() == [
        "GPR110 a.toml：数据有 1 处问题",
        "  V-1 $.year（报告年度）：应为整数",
    ]


def test_invalid_value_is_both_a_gpr_error_and_a_value_error() -> None:
    assert issubclass(InvalidValueError, GprError)
    assert issubclass(InvalidValueError, ValueError)


def test_invalid_value_prints_its_code_and_keeps_the_rule() -> None:
    from gpr_docx import DocumentCounts

    with pytest.raises(InvalidValueError) as info:
        DocumentCounts(issued=-1)
    error = info.value
    assert (error.code, error.rule, error.field_name, error.field_label) == (
        "GPR115",
        "V-1",
        "issued",
        "本年制发件数",
    )
    assert str(error) == "GPR115 issued（本年制发件数）：应为非负整数，实为 -1（V-1）"
    assert isinstance(error, InputError)


def test_library_messages_do_not_speak_of_command_line_flags(tmp_path: Path) -> None:
    """A Python caller passes ``force=True``; only the command line adds ``--force`` to the message."""
    from gpr_docx import examples, render_to_file

    report = examples.load("dasheng-2024")
    target = render_to_file(report, tmp_path / "a.docx")
    with pytest.raises(OutputExistsError) as exists:
        render_to_file(report, target)
    refused = ReportHasErrors([])
    for error, flag in ((exists.value, "--overwrite"), (refused, "--force")):
        assert "--" not in str(error)
        assert "--" not in with_hint("GPR000", error.message)
        assert flag in with_hint(error.code, error.message)


def test_every_error_is_a_gpr_error_with_a_documented_code() -> None:
    """Nothing outside the tree: each public exception class derives from GprError."""
    import gpr_docx

    exceptions = [
        value
        for name in gpr_docx.__all__
        if isinstance(value := getattr(gpr_docx, name), type) and issubclass(value, Exception)
    ]
    assert exceptions
    assert all(issubclass(cls, GprError) for cls in exceptions)

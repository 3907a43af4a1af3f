"""The error tree: unique stable codes, all documented, messages shaped ``<code> <place>：<message>``."""

from __future__ import annotations

import re

from gpr_docx import errors
from gpr_docx.errors import Fault, GprError, InputNotFoundError, InvalidValueError, SchemaError
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

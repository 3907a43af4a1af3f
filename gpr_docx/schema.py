"""The ``gpr/2021`` interchange format: plain data (from TOML, YAML, JSON) to and from the model.

One cattrs :class:`~cattrs.Converter`, kept apart from the model, with strict hooks: cattrs' defaults
would turn ``1.9`` into ``1`` and ``True`` into ``1``; here a count is a whole number ≥ 0 or an error
(rule V-1), a fee is an exact decimal (V-2). Every fault in a document is collected and raised at once
as a :class:`~gpr_docx.errors.SchemaError` whose problems name the ``$.path`` and the official label.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, Final

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError
from cattrs.gen import make_dict_structure_fn

from . import errors
from .errors import Problem, SchemaError
from .model import (
    _XML_ILLEGAL,
    APPLICANT_COLUMNS,
    LABEL,
    ApplicantRow,
    Report,
)

__all__ = ["SCHEMA", "structure", "unstructure"]

SCHEMA: Final = "gpr/2021"
"""The format edition this module reads and writes (the ``schema`` key of every file)."""

# Top-level sections that must be present in a file even though the model gives them defaults.
_REQUIRED_SECTIONS: Final = (
    "overview",
    "active_disclosure",
    "applications",
    "review_litigation",
    "problems",
    "improvements",
    "other_matters",
)

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－＋", "0123456789.-+")
_DIGITS: Final = re.compile(r"\d+", re.ASCII)


class _Fault(ValueError):
    """A hook's rejection of one value, with the Problem code it stands for."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _structure_count(value: object, _type: type) -> int:
    if isinstance(value, bool):
        raise _Fault("V-1", f"应为非负整数，实为 {value!r}")
    if isinstance(value, int):
        if value < 0:
            raise _Fault("V-1", f"应为非负整数，实为 {value}")
        return value
    if isinstance(value, str):
        digits = value.translate(_FULL_WIDTH).strip()
        if _DIGITS.fullmatch(digits):
            return int(digits)
    raise _Fault("V-1", f"应为非负整数，实为 {value!r}")


def _structure_fee(value: object, _type: type) -> Decimal:
    amount: Decimal | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        amount = Decimal(value)
    elif isinstance(value, float):
        amount = Decimal(repr(value))
    elif isinstance(value, str):
        try:
            amount = Decimal(value.translate(_FULL_WIDTH).strip())
        except InvalidOperation:
            amount = None
    if amount is None or not amount.is_finite():
        raise _Fault("V-2", f"应为以万元计的数值（如 12.5），实为 {value!r}")
    if amount < 0:
        raise _Fault("V-2", f"收费金额不能为负数，实为 {value!r}")
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -4:
        raise _Fault("V-2", f"收费金额（万元）最多保留 4 位小数，实为 {value!r}")
    return amount


def _structure_text(value: object, _type: type) -> str:
    if not isinstance(value, str):
        raise _Fault(errors.WRONG_TYPE, f"应为文字，实为 {value!r}")
    bad = _XML_ILLEGAL.search(value)
    if bad:
        raise _Fault(
            errors.ILLEGAL_CHARACTER,
            f"含有 Word 文档不能保存的控制字符 U+{ord(bad.group()):04X}"
            f"（第 {bad.start() + 1} 个字符），请删除",
        )
    return value


def _structure_year(value: object, _type: type) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return value
    raise _Fault(errors.WRONG_TYPE, f"应为四位数年份（如 2024），实为 {value!r}")


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(int, _structure_count)
    converter.register_structure_hook(str, _structure_text)
    converter.register_structure_hook(Decimal, _structure_fee)
    converter.register_unstructure_hook(Decimal, str)

    row_fn = make_dict_structure_fn(ApplicantRow, converter, _cattrs_forbid_extra_keys=True)

    def structure_row(value: object, cls: type) -> ApplicantRow:
        # Convenience: a row may be given as its 6 applicant counts, or all 7 cells, in form order.
        if isinstance(value, list | tuple):
            if len(value) not in (6, 7):
                raise _Fault(errors.WRONG_TYPE, f"按列给出时应为 6 或 7 个数，实为 {len(value)} 个")
            value = dict(zip(APPLICANT_COLUMNS, value, strict=False))
        if not isinstance(value, Mapping):
            raise _Fault(errors.WRONG_TYPE, f"应为键值表或 6～7 个数的列表，实为 {value!r}")
        return row_fn(value, cls)

    converter.register_structure_hook(ApplicantRow, structure_row)

    # Built last: it resolves the hooks of every nested class when it is made.
    report_fn = make_dict_structure_fn(
        Report,
        converter,
        _cattrs_forbid_extra_keys=True,
        year=cattrs.override(struct_hook=_structure_year),
    )
    converter.register_structure_hook(Report, report_fn)
    return converter


_converter: Final = _make_converter()


def structure(data: object, *, source: str = "") -> Report:
    """Build a :class:`Report` from parsed ``gpr/2021`` data, or raise :class:`SchemaError` listing every fault."""
    problems = _check_top_level(data)
    if isinstance(data, Mapping):
        body = {k: v for k, v in data.items() if k != "schema"}
        try:
            report = _converter.structure(body, Report)
        except ClassValidationError as exc:
            problems.extend(_problems_from(exc, Report, "$"))
        except errors.GprError as exc:  # a model validator the hooks did not pre-empt
            problems.append(Problem(getattr(exc, "rule", exc.code), "$", exc.message, exc.place))
        else:
            if not problems:
                return report
    raise SchemaError(_dedupe(problems), place=source)


def unstructure(report: Report) -> dict[str, Any]:
    """Plain ``gpr/2021`` data for ``report``: ``schema`` first, totals always present."""
    data: dict[str, Any] = {"schema": SCHEMA, **_converter.unstructure(report)}
    if data.get("title") is None:
        data.pop("title", None)
    if not data.get("preface"):
        data.pop("preface", None)
    return data


def _check_top_level(data: object) -> list[Problem]:
    if not isinstance(data, Mapping):
        return [Problem(errors.WRONG_TYPE, "$", f"文件内容应为键值表，实为 {type(data).__name__}")]
    problems: list[Problem] = []
    edition = data.get("schema")
    if edition is None:
        problems.append(Problem(errors.MISSING_KEY, "$.schema", f'缺少 schema = "{SCHEMA}"'))
    elif edition != SCHEMA:
        problems.append(
            Problem(errors.BAD_VALUE, "$.schema", f'不支持的格式版本 {edition!r}，应为 "{SCHEMA}"')
        )
    fields = attrs.fields_dict(Report)
    for name in _REQUIRED_SECTIONS:
        if name not in data:
            problems.append(
                Problem(errors.MISSING_KEY, f"$.{name}", "缺少此部分", fields[name].metadata[LABEL])
            )
    return problems


def _problems_from(exc: BaseException, cls: type | None, path: str) -> list[Problem]:
    """Flatten cattrs' nested ClassValidationError into located Problems."""
    if isinstance(exc, ClassValidationError):
        found: list[Problem] = []
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            name = str(note.name)
            field_cls = _field_type(exc.cl, name)
            found.extend(_problems_from(sub, field_cls, f"{path}.{name}"))
        for sub in without:
            found.extend(_problems_from(sub, exc.cl, path))
        return found
    if isinstance(exc, ForbiddenExtraKeysError):
        known = [f.name for f in attrs.fields(exc.cl)] if attrs.has(exc.cl) else []
        out = []
        for key in sorted(exc.extra_fields):
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.5)
            hint = f"，是否应为「{close[0]}」？" if close else f"；可用的键：{'、'.join(known)}"
            out.append(Problem(errors.UNKNOWN_KEY, f"{path}.{key}", f"未知的键「{key}」{hint}"))
        return out
    where = _label_path(path)
    if isinstance(exc, _Fault):
        return [Problem(exc.code, path, exc.message, where)]
    if isinstance(exc, KeyError):
        return [Problem(errors.MISSING_KEY, path, "缺少必填项", where)]
    if isinstance(exc, errors.GprError):
        return [Problem(getattr(exc, "rule", exc.code), path, exc.message, where)]
    if isinstance(exc, ClassValidationError | ExceptionGroup):  # pragma: no cover - defensive
        return [p for sub in exc.exceptions for p in _problems_from(sub, cls, path)]
    return [Problem(errors.WRONG_TYPE, path, f"格式不对：{exc}", where)]


def _field_type(cls: type, name: str) -> type | None:
    field = attrs.fields_dict(cls).get(name) if attrs.has(cls) else None
    return field.type if field is not None and isinstance(field.type, type) else None


def _label_path(path: str) -> str:
    """Official labels along a ``$.a.b.c`` path, joined with ' · '."""
    labels: list[str] = []
    cls: Any = Report
    for name in path.split(".")[1:]:
        if not attrs.has(cls):
            break
        field = attrs.fields_dict(cls).get(name)
        if field is None:
            break
        if field.metadata.get(LABEL):
            labels.append(field.metadata[LABEL])
        cls = field.type
    return " · ".join(labels)


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[str, str]] = set()
    out = []
    for problem in problems:
        key = (problem.code, problem.path)
        if key not in seen:
            seen.add(key)
            out.append(problem)
    return out

"""The ``gpr/2021`` interchange format: plain data (from TOML, YAML, JSON) to and from the model.

One cattrs :class:`~cattrs.Converter`, kept apart from the model, with strict hooks: cattrs' defaults
would turn ``1.9`` into ``1`` and ``True`` into ``1``; here a count is a whole number ≥ 0 or an error
(rule V-1), a fee is an exact decimal (V-2). Every fault in a document is collected and raised at once
as a :class:`~gpr_docx.errors.SchemaError` whose faults name the ``$.path`` and the official label.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Final, cast

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError
from cattrs.gen import make_dict_structure_fn

from . import errors
from .errors import WRONG_TYPE, Fault, SchemaError
from .form import CELL_PATHS, name_of_path
from .model import (
    APPLICANT_COLUMNS,
    ApplicantRow,
    Report,
    explanations_rejection,
    flag_rejection,
    level_rejection,
)
from .values import (
    Rejection,
    as_count,
    as_date,
    as_fee,
    count_rejection,
    date_rejection,
    described,
    fee_rejection,
    shown,
    text_rejection,
    unknown_key_message,
    year_rejection,
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


class _Fault(ValueError):
    """A hook's rejection of one value, with the fault code it stands for."""

    def __init__(self, rejection: Rejection) -> None:
        super().__init__(rejection.message)
        self.code = rejection.code
        self.message = rejection.message


def _checked(value: object, check: Callable[[object], Rejection | None]) -> Any:
    rejection = check(value)
    if rejection is not None:
        raise _Fault(rejection)
    return value


def _structure_count(value: object, _type: type) -> int:
    return cast(int, _checked(as_count(value), count_rejection))


def _structure_fee(value: object, _type: type) -> Decimal:
    return cast(Decimal, _checked(as_fee(value), fee_rejection))


def _structure_text(value: object, _type: type) -> str:
    return cast(str, _checked(value, text_rejection))


def _structure_year(value: object, _type: type) -> int:
    return cast(int, _checked(value, year_rejection))


def _structure_level(value: object, _type: type) -> str | None:
    return cast(str | None, _checked(value, level_rejection))


def _structure_flag(value: object, _type: type) -> bool | None:
    return cast(bool | None, _checked(value, flag_rejection))


def _structure_explanations(value: object, _type: type) -> dict[str, str]:
    return dict(cast(dict[str, str], _checked(value, explanations_rejection)))


def _structure_date(value: object, _type: type) -> datetime.date | None:
    return cast(datetime.date | None, _checked(as_date(value), date_rejection))


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(int, _structure_count)
    converter.register_structure_hook(str, _structure_text)
    converter.register_structure_hook(Decimal, _structure_fee)
    converter.register_unstructure_hook(Decimal, str)
    converter.register_unstructure_hook(datetime.date, datetime.date.isoformat)

    row_fn = make_dict_structure_fn(ApplicantRow, converter, _cattrs_forbid_extra_keys=True)

    def structure_row(value: object, cls: type) -> ApplicantRow:
        # Convenience: a row may be given as its 6 applicant counts, or all 7 cells, in form order.
        if isinstance(value, list | tuple):
            if len(value) not in (6, 7):
                raise _Fault(
                    Rejection(WRONG_TYPE, f"按列给出时应为 6 或 7 个数，实为 {len(value)} 个")
                )
            value = dict(zip(APPLICANT_COLUMNS, value, strict=False))
        if not isinstance(value, Mapping):
            raise _Fault(
                Rejection(WRONG_TYPE, f"应为键值表或 6～7 个数的列表，实为{described(value)}")
            )
        return row_fn(value, cls)

    converter.register_structure_hook(ApplicantRow, structure_row)
    for part in _parts_of(Report):
        if part is not ApplicantRow:
            converter.register_structure_hook(part, _mapping_only(converter, part))

    # Built last: it resolves the hooks of every nested class when it is made.
    report_fn = make_dict_structure_fn(
        Report,
        converter,
        _cattrs_forbid_extra_keys=True,
        year=cattrs.override(struct_hook=_structure_year),
        level=cattrs.override(struct_hook=_structure_level),
        has_rule_making_power=cattrs.override(struct_hook=_structure_flag),
        explanations=cattrs.override(struct_hook=_structure_explanations),
        date=cattrs.override(struct_hook=_structure_date),
        published_on=cattrs.override(struct_hook=_structure_date),
        filed_on=cattrs.override(struct_hook=_structure_date),
    )
    converter.register_structure_hook(Report, report_fn)
    return converter


def _parts_of(cls: type) -> list[type]:
    """Every model class nested in ``cls``, innermost first, so each hook finds its children's."""
    found: list[type] = []
    for field in attrs.fields(cls):
        if isinstance(field.type, type) and attrs.has(field.type):
            found.extend(c for c in [*_parts_of(field.type), field.type] if c not in found)
    return found


def _mapping_only(converter: cattrs.Converter, cls: type) -> Callable[[object, type], Any]:
    """cattrs' hook for ``cls``, after making sure the value is a table of keys (not text, a list …)."""
    structure_fn: Callable[[Any, Any], Any] = make_dict_structure_fn(
        cls, converter, _cattrs_forbid_extra_keys=True
    )

    def structure_part(value: object, target: type) -> Any:
        if not isinstance(value, Mapping):
            raise _Fault(Rejection(WRONG_TYPE, f"应为键值表，实为{described(value)}"))
        return structure_fn(value, target)

    return structure_part


_converter: Final = _make_converter()


def structure(data: object, *, source: str = "") -> Report:
    """Build a :class:`Report` from parsed ``gpr/2021`` data, or raise :class:`SchemaError` listing every fault."""
    faults = _check_top_level(data)
    if isinstance(data, Mapping):
        body = {k: v for k, v in data.items() if k != "schema"}
        try:
            report = _converter.structure(body, Report)
        except ClassValidationError as exc:
            faults.extend(_faults_from(exc, Report, "$"))
        except errors.GprError as exc:  # a model validator the hooks did not pre-empt
            faults.append(Fault(getattr(exc, "rule", exc.code), "$", exc.message, exc.place))
        else:
            if not faults:
                return report
    raise SchemaError(_dedupe(faults), place=source)


def unstructure(report: Report) -> dict[str, Any]:
    """Plain ``gpr/2021`` data for ``report``: ``schema`` first, totals always present."""
    data: dict[str, Any] = {"schema": SCHEMA, **_converter.unstructure(report)}
    if data.get("title") is None:
        data.pop("title", None)
    if not data.get("preface"):
        data.pop("preface", None)
    for optional in ("level", "has_rule_making_power", "date", "published_on", "filed_on"):
        if data.get(optional) is None:
            data.pop(optional, None)
    for day in ("published_on", "filed_on"):
        if day in data:
            data[day] = report_day(getattr(report, day))
    if not data.get("explanations"):
        data.pop("explanations", None)
    if not data.get("unfilled"):
        data.pop("unfilled", None)
    else:
        data["unfilled"] = list(data["unfilled"])
    return data


def report_day(day: datetime.date) -> str:
    """A date as every format writes it: ``2025-01-20`` (TOML reads it back as text, as JSON does)."""
    return day.isoformat()


def _check_top_level(data: object) -> list[Fault]:
    if not isinstance(data, Mapping):
        return [Fault(errors.WRONG_TYPE, "$", f"文件内容应为键值表，实为{described(data)}")]
    faults: list[Fault] = _unfilled_faults(data.get("unfilled", []))
    faults.extend(_explanation_faults(data.get("explanations", {})))
    edition = data.get("schema")
    if edition is None:
        faults.append(Fault(errors.MISSING_KEY, "$.schema", f'缺少 schema = "{SCHEMA}"'))
    elif edition != SCHEMA:
        faults.append(
            Fault(
                errors.BAD_VALUE, "$.schema", f'不支持的格式版本 {shown(edition)}，应为 "{SCHEMA}"'
            )
        )
    for name in _REQUIRED_SECTIONS:
        if name not in data:
            faults.append(Fault(errors.MISSING_KEY, f"$.{name}", "缺少此部分", name_of_path(name)))
    return faults


def _unfilled_faults(unfilled: object) -> list[Fault]:
    """``unfilled`` names table cells: a list of their dotted paths, each a cell of the form."""
    if not isinstance(unfilled, list | tuple):
        return [
            Fault(
                errors.WRONG_TYPE, "$.unfilled", f"应为单元格路径的列表，实为{described(unfilled)}"
            )
        ]
    return [
        Fault(errors.BAD_VALUE, f"$.unfilled[{index}]", f"不是表格单元格的路径：{shown(path)}")
        for index, path in enumerate(unfilled)
        if path not in CELL_PATHS
    ]


def _explanation_faults(explanations: object) -> list[Fault]:
    """``explanations`` is keyed by table cells (its type is checked with the other values)."""
    if not isinstance(explanations, Mapping):
        return []
    return [
        Fault(errors.BAD_VALUE, f"$.explanations.{path}", f"不是表格单元格的路径：{shown(path)}")
        for path in explanations
        if path not in CELL_PATHS
    ]


def _faults_from(exc: BaseException, cls: type | None, path: str) -> list[Fault]:
    """Flatten cattrs' nested ClassValidationError into located Problems."""
    if isinstance(exc, ClassValidationError):
        found: list[Fault] = []
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            name = str(note.name)
            field_cls = _field_type(exc.cl, name)
            found.extend(_faults_from(sub, field_cls, f"{path}.{name}"))
        for sub in without:
            found.extend(_faults_from(sub, exc.cl, path))
        return found
    if isinstance(exc, ForbiddenExtraKeysError):
        known = [f.name for f in attrs.fields(exc.cl)] if attrs.has(exc.cl) else []
        return [
            Fault(errors.UNKNOWN_KEY, f"{path}.{key}", unknown_key_message(key, known))
            for key in sorted(exc.extra_fields)
        ]
    where = name_of_path(path)
    if isinstance(exc, _Fault):
        return [Fault(exc.code, path, exc.message, where)]
    if isinstance(exc, KeyError):
        return [Fault(errors.MISSING_KEY, path, "缺少必填项", where)]
    if isinstance(exc, errors.GprError):
        return [Fault(getattr(exc, "rule", exc.code), path, exc.message, where)]
    if isinstance(exc, ClassValidationError | ExceptionGroup):  # pragma: no cover - defensive
        return [p for sub in exc.exceptions for p in _faults_from(sub, cls, path)]
    return [Fault(errors.WRONG_TYPE, path, "格式不对，无法读取此项", where)]


def _field_type(cls: type, name: str) -> type | None:
    field = attrs.fields_dict(cls).get(name) if attrs.has(cls) else None
    return field.type if field is not None and isinstance(field.type, type) else None


def _dedupe(faults: list[Fault]) -> list[Fault]:
    seen: set[tuple[str, str]] = set()
    out = []
    for problem in faults:
        key = (problem.code, problem.path)
        if key not in seen:
            seen.add(key)
            out.append(problem)
    return out

"""What a check reports: a :class:`Finding` (rule, severity, place, numbers, message).

Kept apart from the rules themselves so that the CLI printer, batch rendering and filling can use
findings without importing every check.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs

from .errors import ReportHasErrors
from .form import Location

__all__ = [
    "Finding",
    "Number",
    "Severity",
    "Value",
    "findings_data",
    "findings_json",
    "findings_json_by_source",
    "has_errors",
    "raise_for_errors",
    "sort_findings",
]

Value = int | Decimal | str | None
"""An expected or actual value of a finding: a count, a fee, a year or a piece of text."""


class Severity(enum.Enum):
    """How sure a finding is: an error makes the report wrong, a warning needs a look, info is a hint."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        """The Chinese word printed for people."""
        return _SEVERITY_LABELS[self]

    @property
    def rank(self) -> int:
        """0 for errors, 1 for warnings, 2 for info: the order findings are listed in."""
        return _SEVERITY_RANKS[self]


_SEVERITY_LABELS: Final = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
_SEVERITY_RANKS: Final = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@attrs.frozen
class Number:
    """One number a finding is about: its official label, its value and its cell."""

    label: str
    """The official label of its row or column (一、本年新收, 自然人)."""
    value: int | Decimal
    """The number as the report gives it (a fee is a ``Decimal`` in 万元)."""
    path: str = ""
    """Dotted model path of its cell (``applications.new_requests.natural_person``)."""

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data: ``label``, ``value`` (a fee as its exact decimal text), ``path``."""
        return {"label": self.label, "value": _json_value(self.value), "path": self.path}


@attrs.frozen
class Finding:
    """One thing a check found: rule ID, severity, place, message, and the numbers behind it."""

    rule: str
    """The rule ID of docs/rules.md (``T3-1``), or an error code (``GPR511``) for an input problem."""
    severity: Severity
    location: Location
    """Where: a table cell, row or column by official labels, or a text section and phrase."""
    message: str
    """What was found, in Chinese, with the numbers."""
    expected: Value = None
    """What the value should be, when the rule knows (a sum, last year's figure)."""
    actual: Value = None
    """What the report says instead."""
    numbers: tuple[Number, ...] = ()
    """Every number the finding is about, each with its label and cell."""

    def __str__(self) -> str:
        return f"{self.rule} {self.severity.label} {self.location}：{self.message}"

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data: ``rule``, ``severity``, ``location`` (text), ``place`` (parts), ``message``…"""
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "location": str(self.location),
            "place": self.location.as_dict(),
            "message": self.message,
            "expected": _json_value(self.expected),
            "actual": _json_value(self.actual),
            "numbers": [number.as_dict() for number in self.numbers],
        }


def _json_value(value: Value) -> int | str | None:
    # A fee stays an exact decimal string ("12.5"), never a float.
    if isinstance(value, Decimal):
        return f"{value:f}"
    return value


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Errors first, then warnings, then info; within each, top to bottom of the report."""
    return sorted(
        findings,
        key=lambda f: (f.severity.rank, f.location.order, f.rule, str(f.location), f.message),
    )


def has_errors(findings: Iterable[Finding]) -> bool:
    """True when any finding is an error (the report must not go out as it is).

    >>> import gpr_docx
    >>> gpr_docx.has_errors(gpr_docx.check(gpr_docx.examples.load("dasheng-2024")))
    False
    """
    return any(f.severity is Severity.ERROR for f in findings)


def raise_for_errors(findings: Iterable[Finding], *, place: str = "") -> None:
    """Raise :class:`~gpr_docx.errors.ReportHasErrors` with the errors among ``findings``, if any.

    Warnings and info never stop a report; this is the one gate before a report is written.
    """
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if errors:
        raise ReportHasErrors(errors, place=place)


def findings_data(
    findings: Sequence[Finding], *, source: str | None = None
) -> list[dict[str, Any]]:
    """Each finding's :meth:`~gpr_docx.Finding.as_dict`, plus ``source`` when given, errors first.

    The one JSON shape of findings (docs/check-json.md): ``gpr-docx check --format json`` prints
    it and the HTTP service answers with it.
    """
    out = []
    for finding in sort_findings(findings):
        item = finding.as_dict()
        if source is not None:
            item["source"] = source
        out.append(item)
    return out


def _dumps(data: list[dict[str, Any]]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def findings_json(findings: Sequence[Finding], *, source: str | None = None) -> str:
    """The findings as a JSON list (docs/check-json.md): sorted keys, UTF-8 text, stable for one input."""
    return _dumps(findings_data(findings, source=source))


def findings_json_by_source(by_source: Mapping[str, Sequence[Finding]]) -> str:
    """The findings of several inputs as one JSON list, each object carrying its ``source``."""
    return _dumps(
        [item for src, found in by_source.items() for item in findings_data(found, source=src)]
    )

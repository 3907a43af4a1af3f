"""The roll-up (汇总): tables 二、三、四 summed cell by cell over the units the office includes.

Every data cell of the form (:data:`gpr_docx.form.CELL_PATHS`, totals too) is summed: counts as
whole numbers, the fee (万元) as an exact :class:`~decimal.Decimal`. A cell a unit published blank
is not 0, but it is not nothing either: it adds what the checks read for it (0 for a count, the
sum of its row or group for a 总计), so the sums stay balanced exactly when the units' tables are;
the breakdown sheet shows which units left which cells blank, and the summed cell is blank itself
only when every unit counted left it blank. The form's arithmetic rules (T2, T3, T4 without last
year) are run on the sums.

The units' cells are kept as one small tuple per unit (:class:`UnitCells`), not as reports, so a
province's thousands of units fit in a few megabytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs

from ..check import RULES
from ..check.profile import Profile
from ..findings import Finding, sort_findings
from ..form import CELL_PATHS, FEE_PATH, field_value
from ..model import Report
from ..schema import SCHEMA, structure

__all__ = ["ROLLUP_RULES", "UnitCells", "cells_of", "roll_up", "sum_cells"]

CellValue = int | Decimal

_FEE_INDEX: Final = CELL_PATHS.index(FEE_PATH)
_TABLE_KINDS: Final = ("T2", "T3", "T4")
ROLLUP_RULES: Final = tuple(
    rule_id
    for rule_id, rule in RULES.items()
    if rule_id.rpartition("-")[0] in _TABLE_KINDS and not rule.needs_previous
)
"""The rules run on the sums: the form's arithmetic within one year (T2, T3 and T4)."""


@attrs.frozen
class UnitCells:
    """One unit's table cells as the roll-up counts them, in the order of ``CELL_PATHS``."""

    values: tuple[CellValue, ...]
    """Each cell's value (a blank count 0, a blank 总计 its sum, the fee a ``Decimal``)."""
    blank: frozenset[int] = frozenset()
    """Indexes (into ``CELL_PATHS``) of the cells the unit left blank."""


def cells_of(report: Report) -> UnitCells:
    """The cells of ``report`` as the roll-up counts them."""
    unfilled = set(report.unfilled)
    return UnitCells(
        tuple(field_value(report, path) for path in CELL_PATHS),
        frozenset(i for i, path in enumerate(CELL_PATHS) if path in unfilled),
    )


def sum_cells(units: Iterable[UnitCells]) -> UnitCells:
    """Every cell summed over ``units``; a cell is blank only when every unit left it blank.

    No units gives all zeros, none blank.
    """
    sums: list[CellValue] = [0] * len(CELL_PATHS)
    sums[_FEE_INDEX] = Decimal(0)
    blank_in_all: set[int] | None = None
    for unit in units:
        for index, value in enumerate(unit.values):
            sums[index] += value
        blank_in_all = set(unit.blank) if blank_in_all is None else blank_in_all & unit.blank
    return UnitCells(tuple(sums), frozenset(blank_in_all or ()))


def roll_up(
    sums: UnitCells,
    *,
    year: int,
    agency: str,
    level: str | None = None,
    profile: Profile | None = None,
) -> tuple[Report, list[Finding]]:
    """The report holding ``sums`` in its tables (texts left empty for the office to write), and
    what the arithmetic rules (:data:`ROLLUP_RULES`) find in it — as ``profile`` runs them (its
    thresholds and severities; a rule it switches off is not run) when one is given."""
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "year": year,
        "agency": agency,
        "overview": {},
        "problems": "",
        "improvements": "",
        "other_matters": "",
    }
    if level is not None:
        data["level"] = level
    for path, value in zip(CELL_PATHS, sums.values, strict=True):
        *parents, name = path.split(".")
        node = data
        for parent in parents:
            node = node.setdefault(parent, {})
        node[name] = f"{value:f}" if isinstance(value, Decimal) else value
    data["unfilled"] = [CELL_PATHS[i] for i in sorted(sums.blank)]
    report = structure(data, source="汇总")
    rules = RULES if profile is None else profile.national(RULES)
    findings = [
        finding if profile is None else profile.adjusted(finding)
        for rule_id in ROLLUP_RULES
        if profile is None or profile.setting(rule_id).enabled
        for finding in rules[rule_id].run(report, None)
    ]
    return report, sort_findings(findings)


def cell_total(units: Sequence[UnitCells], index: int) -> CellValue:
    """One cell summed the plain way (for tests and the breakdown sheet's check)."""
    return sum((u.values[index] for u in units), Decimal(0) if index == _FEE_INDEX else 0)

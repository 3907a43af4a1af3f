"""Properties of the arithmetic rules over generated reports (tests/strategies.py)."""

from __future__ import annotations

import attrs
from hypothesis import given
from hypothesis import strategies as st

from gpr_docx import RULES, ApplicantRow, Report, Severity, check
from gpr_docx.form import FORM_TABLES, field_value
from tests.helpers.editing import bumped
from tests.helpers.strategies import applicant_rows, reports

ARITHMETIC = {rule_id for rule_id in RULES if rule_id[:2] in {"T3", "T4"} and rule_id != "T3-4"}

# Every count of tables 3 and 4: the cells the arithmetic rules tie together.
TIED_CELLS = sorted(
    cell.field
    for table in FORM_TABLES
    if table.key in {"applications", "review_litigation"}
    for cell in table.data_cells()
    if cell.field is not None
)


@given(reports())
def test_model_computed_totals_pass_every_arithmetic_rule(report: Report) -> None:
    found = check(report)
    assert not [f for f in found if f.rule in ARITHMETIC]
    assert not [f for f in found if f.severity is Severity.ERROR]


@given(reports(), applicant_rows())
def test_t3_1_fires_only_when_the_columns_do_not_balance(
    report: Report, extra: ApplicantRow
) -> None:
    # Replace 结转下年度 with any other row: T3-1 holds exactly where 一 + 二 = （七） + 四 still holds.
    applications = attrs.evolve(report.applications, carried_forward=extra)
    changed = attrs.evolve(report, applications=applications)
    unbalanced = {
        column
        for column in attrs.fields_dict(type(applications.new_requests))
        if getattr(applications.new_requests, column) + getattr(applications.carried_over, column)
        != getattr(applications.results.total, column)
        + getattr(applications.carried_forward, column)
    }
    flagged = {f.location.path.rsplit(".", 1)[1] for f in check(changed) if f.rule == "T3-1"}
    assert flagged == unbalanced
    assert not [f for f in check(changed) if f.rule in ARITHMETIC - {"T3-1"}]


@given(reports(), st.sampled_from(TIED_CELLS), st.sampled_from([1, -1]))
def test_changing_any_single_cell_by_one_is_an_error(report: Report, path: str, delta: int) -> None:
    if field_value(report, path) + delta < 0:
        delta = 1
    changed = bumped(report, path, delta)
    found = [f for f in check(changed) if f.severity is Severity.ERROR]
    assert found, path
    assert {f.rule for f in found} <= ARITHMETIC


def test_the_tied_cells_are_all_of_tables_3_and_4() -> None:
    assert len(TIED_CELLS) == 25 * 7 + 3 * 5

"""The roll-up is the cell-by-cell sum of the units' tables, blank cells and fees included."""

from __future__ import annotations

from decimal import Decimal

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from gpr_docx.check import check
from gpr_docx.collect.rollup import ROLLUP_RULES, cells_of, roll_up, sum_cells
from gpr_docx.form import CELL_PATHS, FEE_PATH, field_value
from gpr_docx.model import Report
from tests.helpers.strategies import reports

unit_lists = st.lists(reports(), min_size=1, max_size=6)
blank_cells = st.lists(st.sampled_from(CELL_PATHS), max_size=8, unique=True).map(tuple)


@given(unit_lists)
@settings(max_examples=40, deadline=None)
def test_every_cell_is_the_brute_force_sum_of_the_units(units: list[Report]) -> None:
    rollup, _findings = roll_up(
        sum_cells(cells_of(u) for u in units), year=2024, agency="某某区人民政府"
    )
    for path in CELL_PATHS:
        total: int | Decimal = Decimal(0) if path == FEE_PATH else 0
        for unit in units:
            total += field_value(unit, path)
        assert field_value(rollup, path) == total, path
    assert isinstance(rollup.active_disclosure.fees, Decimal)


@given(unit_lists)
@settings(max_examples=40, deadline=None)
def test_the_sums_pass_t3_and_t4_when_every_unit_does(units: list[Report]) -> None:
    table_rules = ("T3", "T4")
    assert all(
        not [f for f in check(u) if f.rule.startswith(table_rules)] for u in units
    )  # the strategy balances each unit's tables
    rollup, findings = roll_up(
        sum_cells(cells_of(u) for u in units), year=2024, agency="某某区人民政府"
    )
    assert not [f for f in findings if f.rule.startswith(table_rules)]
    assert not [f for f in check(rollup) if f.rule.startswith(table_rules)]


@given(st.lists(st.tuples(reports(), blank_cells), min_size=1, max_size=5))
@settings(max_examples=40, deadline=None)
def test_a_cell_is_blank_only_when_every_unit_left_it_blank(
    units: list[tuple[Report, tuple[str, ...]]],
) -> None:
    cells = [cells_of(attrs.evolve(report, unfilled=blank)) for report, blank in units]
    sums = sum_cells(cells)
    for index, path in enumerate(CELL_PATHS):
        everywhere = all(path in blank for _report, blank in units)
        assert (index in sums.blank) == everywhere
    rollup, _ = roll_up(sums, year=2024, agency="汇总")
    assert set(rollup.unfilled) == {CELL_PATHS[i] for i in sums.blank}


def test_no_units_sum_to_zero_and_the_rules_are_the_tables_own() -> None:
    sums = sum_cells([])
    assert set(sums.values) == {0} and not sums.blank
    assert ROLLUP_RULES == ("T2-1", "T2-4", "T3-1", "T3-2", "T3-3", "T4-1", "T4-2", "T4-3")


def test_an_unbalanced_unit_unbalances_the_rollup() -> None:
    from gpr_docx import examples

    good = examples.load("dasheng-2024")
    row = attrs.evolve(
        good.applications.new_requests, total=good.applications.new_requests.total + 3
    )
    bad = attrs.evolve(good, applications=attrs.evolve(good.applications, new_requests=row))
    _, findings = roll_up(sum_cells([cells_of(good), cells_of(bad)]), year=2024, agency="汇总")
    assert {f.rule for f in findings} >= {"T3-1", "T3-3"}

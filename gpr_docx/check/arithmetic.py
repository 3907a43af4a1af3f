"""Rules on one report's own values: single cells (V-), table 二 (T2-1, T2-4) and the sums of tables 三 and 四.

The sum rules (T3-1…T3-3, T4-1…T4-3) are generated from the structure of the model — its rows,
columns and their official labels — as identities "these cells add up to that one", not written
out cell by cell.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Final

import attrs

from .._zh import NUMERALS
from ..findings import Finding, Number, Severity
from ..form import (
    FEE_PATH,
    FORM_TABLES,
    Location,
    cell_location,
    column_location,
    field_value,
    group_label,
    report_location,
    row_label,
    short_row_label,
)
from ..model import (
    APPLICANT_COLUMNS,
    ActiveDisclosure,
    ApplicantRow,
    Applications,
    CaseOutcomes,
    DocumentCounts,
    Report,
    Results,
    ReviewLitigation,
    label,
)
from ..values import count_rejection, fee_rejection
from .engine import Basis, Rule, RuleFunction, declare

__all__ = [
    "DOCUMENT_ROWS",
    "FEE_IN_YUAN_OTHER",
    "FEE_IN_YUAN_TOWNSHIP",
    "FIRST_YEAR",
    "document_number",
    "document_path",
    "has_rule_making_power",
    "is_total",
    "is_township",
    "report_has_rule_making_power",
    "report_is_township",
]

# -- arithmetic identities, generated from the table structure --------------------------------


@attrs.frozen
class _Term:
    label: str
    path: str


@attrs.frozen
class _Identity:
    """``sum(parts) == sum(totals)`` at ``location``; ``parts_name`` names a long sum in messages."""

    location: Location
    parts: tuple[_Term, ...]
    totals: tuple[_Term, ...]
    parts_name: str = ""


def _side(terms: tuple[_Term, ...], values: list[int], name: str) -> str:
    total = sum(values)
    if name:
        return f"{name} = {total}"
    if len(terms) == 1:
        return f"{terms[0].label} 为 {values[0]}"
    shown = " + ".join(f"{t.label}({v})" for t, v in zip(terms, values, strict=True))
    return f"{shown} = {total}"


def _check_identity(rule: Rule, identity: _Identity, report: Report) -> Finding | None:
    parts = [int(field_value(report, t.path)) for t in identity.parts]
    totals = [int(field_value(report, t.path)) for t in identity.totals]
    expected, actual = sum(parts), sum(totals)
    if expected == actual:
        return None
    message = (
        f"{_side(identity.parts, parts, identity.parts_name)}，"
        f"但 {_side(identity.totals, totals, '')}，相差 {abs(expected - actual)}"
    )
    numbers = [
        Number(t.label, v, t.path)
        for t, v in zip((*identity.parts, *identity.totals), (*parts, *totals), strict=True)
    ]
    return rule.finding(
        identity.location, message, expected=expected, actual=actual, numbers=numbers
    )


def _identities_rule(identities: tuple[_Identity, ...]) -> RuleFunction:
    def run(rule: Rule, report: Report, _previous: Report | None) -> Iterator[Finding]:
        for identity in identities:
            found = _check_identity(rule, identity, report)
            if found is not None:
                yield found

    return run


_NUMBERING: Final = re.compile(rf"^（[{NUMERALS}]+）")


def _t3_balance() -> tuple[_Identity, ...]:
    """T3-1, per column: 一 + 二 = （七）总计 + 四 (the form's corner note)."""
    out = []
    for column in APPLICANT_COLUMNS:

        def term(row: str, name: str, column: str = column) -> _Term:
            return _Term(name, f"applications.{row}.{column}")

        out.append(
            _Identity(
                column_location(f"applications.new_requests.{column}"),
                parts=(
                    term("new_requests", short_row_label("new_requests")),
                    term("carried_over", short_row_label("carried_over")),
                ),
                totals=(
                    term("results.total", label(Results, "total")),
                    term("carried_forward", short_row_label("carried_forward")),
                ),
            )
        )
    return tuple(out)


def _t3_results_total() -> tuple[_Identity, ...]:
    """T3-2, per column: （七）总计 = the sum of the 21 result rows."""
    rows = Results().result_rows()
    first = _NUMBERING.match(label(Results, rows[0][0].split(".")[0]))
    last = _NUMBERING.match(label(Results, rows[-1][0].split(".")[0]))
    name = f"{first.group() if first else ''}至{last.group() if last else ''}各行之和"
    out = []
    for column in APPLICANT_COLUMNS:
        out.append(
            _Identity(
                cell_location(f"applications.results.total.{column}"),
                parts=tuple(
                    _Term(row_label(f"results.{path}"), f"applications.results.{path}.{column}")
                    for path, _ in rows
                ),
                totals=(_Term(label(Results, "total"), f"applications.results.total.{column}"),),
                parts_name=name,
            )
        )
    return tuple(out)


def _t3_row_totals() -> tuple[_Identity, ...]:
    """T3-3, per row: 总计 = 自然人 + the five kinds of 法人或其他组织."""
    *applicants, total = APPLICANT_COLUMNS
    out = []
    for path, _ in Applications().rows():
        out.append(
            _Identity(
                cell_location(f"applications.{path}.{total}"),
                parts=tuple(
                    _Term(label(ApplicantRow, c), f"applications.{path}.{c}") for c in applicants
                ),
                totals=(_Term(label(ApplicantRow, total), f"applications.{path}.{total}"),),
            )
        )
    return tuple(out)


def _t4_total(group: str) -> tuple[_Identity, ...]:
    """T4-n: a group's 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结."""
    *outcomes, total = (f.name for f in attrs.fields(CaseOutcomes))
    prefix = f"review_litigation.{group}"
    return (
        _Identity(
            cell_location(f"{prefix}.{total}"),
            parts=tuple(_Term(label(CaseOutcomes, o), f"{prefix}.{o}") for o in outcomes),
            totals=(_Term(label(CaseOutcomes, total), f"{prefix}.{total}"),),
        ),
    )


# -- field rules ------------------------------------------------------------------------------

_COUNT_PATHS: Final = tuple(
    cell.field
    for table in FORM_TABLES
    for cell in table.data_cells()
    if cell.field is not None and cell.field != FEE_PATH
)


@declare("V-1", Severity.ERROR, Basis.IMPLIED, "每个件数都是不小于 0 的整数")
def _counts_are_whole(rule: Rule, report: Report, _previous: Report | None) -> Iterator[Finding]:
    # A loaded or constructed Report already holds; this catches values built around the validators.
    for path in _COUNT_PATHS:
        value = field_value(report, path)
        rejection = count_rejection(value)
        if rejection is not None:
            yield rule.finding(cell_location(path), rejection.message, actual=repr(value))


@declare("V-2", Severity.ERROR, Basis.IMPLIED, "收费金额是以万元计、不小于 0、最多 6 位小数的数")
def _fee_is_an_amount(rule: Rule, report: Report, _previous: Report | None) -> Iterator[Finding]:
    value = field_value(report, FEE_PATH)
    rejection = fee_rejection(value)
    if rejection is not None:
        yield rule.finding(cell_location(FEE_PATH), rejection.message, actual=str(value))


# Township-level bodies: the last unit of the name is a 乡, 镇 or 街道 (镇江市 is not).
_TOWNSHIP: Final = re.compile(r"(乡|镇|街道)(人民政府|办事处|党委|党工委)?$")
# County-level governments and their departments: a 县, 旗 or district (市辖区) in the name.
_COUNTY: Final = re.compile(r"(县|旗|(?<!自治)区)")
_NATIONAL: Final = re.compile(r"^(国务院|国家|中华人民共和国|中国)")

FEE_IN_YUAN_TOWNSHIP: Final = Decimal(10_000)
"""V-3: a whole-number fee at or above this many 万元 (1 亿元) at a 乡/镇/街道 was likely entered in 元."""
FEE_IN_YUAN_OTHER: Final = Decimal(1_000_000)
"""V-3: the same threshold (100 亿元) for any other body."""


def is_township(agency: str) -> bool:
    """True for a 乡、镇 or 街道 body (by the last unit of its name)."""
    return bool(_TOWNSHIP.search(agency.strip()))


# The general office of a government reports for that government (and its 规章).
_GOVERNMENT_OFFICE: Final = re.compile(r"(?:人民)?政府办公(?:厅|室)$")


def has_rule_making_power(agency: str) -> bool:
    """Whether a body can make 规章, by its name: State Council bodies, provincial and city
    governments, and the general offices (办公厅/办公室) that report for them."""
    name = _GOVERNMENT_OFFICE.sub("人民政府", agency.strip())
    if _NATIONAL.match(name):
        return True
    if is_township(name) or _COUNTY.search(name):
        return False
    return name.endswith("人民政府")


_WITHOUT_POWER: Final = {"按名称判断": "通常没有规章制定权（乡镇、街道、县级及以下、大多数部门）"}
_POWER_BY_LEVEL: Final = {"省级": True, "市级": True, "县级": False, "乡级": False}


def report_has_rule_making_power(report: Report) -> tuple[bool, str]:
    """Whether the body may report 规章, and on what that rests: the data's
    ``has_rule_making_power``, its ``level`` (a 部门 by its name), or the agency's name."""
    if report.has_rule_making_power is not None:
        return report.has_rule_making_power, "数据中注明"
    if report.level in _POWER_BY_LEVEL:
        return _POWER_BY_LEVEL[report.level], f"层级为{report.level}"
    return has_rule_making_power(report.agency), "按名称判断"


def report_is_township(report: Report) -> bool:
    """Whether the body is a 乡、镇 or 街道: its stated ``level`` when given, else by its name."""
    if report.level is not None:
        return report.level == "乡级"
    return is_township(report.agency)


@declare("V-3", Severity.WARNING, Basis.PRACTICE, "收费金额疑似按元而非万元填写")
def _fee_in_yuan(rule: Rule, report: Report, _previous: Report | None) -> Iterator[Finding]:
    fee = report.active_disclosure.fees
    township = report_is_township(report)
    limit = FEE_IN_YUAN_TOWNSHIP if township else FEE_IN_YUAN_OTHER
    if fee >= limit and fee == fee.to_integral_value():
        in_yi = fee / 10_000
        yield rule.finding(
            cell_location(FEE_PATH),
            f"收费金额 {fee:f} 万元即 {in_yi:f} 亿元，"
            f"{'对乡镇（街道）' if township else '对本机关'}而言过大；单位是万元，"
            f"如填的是元，应为 {fee / 10_000:f}",
            expected=f"< {limit:f}",
            actual=fee,
            numbers=[Number(label(ActiveDisclosure, "fees"), fee, FEE_PATH)],
        )


FIRST_YEAR: Final = 2021
"""The first reporting year the 2021 format applies to."""


@declare("V-4", Severity.ERROR, Basis.PRACTICE, "报告年度适用 2021 年版格式且不在将来")
def _year_applies(rule: Rule, report: Report, _previous: Report | None) -> Iterator[Finding]:
    where = report_location("year")
    this_year = datetime.date.today().year
    if report.year < FIRST_YEAR:
        yield rule.finding(
            where,
            f"{report.year} 年度的报告不适用 2021 年版格式（自 {FIRST_YEAR} 年度起适用）",
            expected=f">= {FIRST_YEAR}",
            actual=report.year,
        )
    elif report.year > this_year:
        yield rule.finding(
            where,
            f"报告年度 {report.year} 尚未到来（今年是 {this_year} 年）",
            expected=f"<= {this_year}",
            actual=report.year,
        )


def is_total(path: str) -> bool:
    """Whether the cell at ``path`` is a 总计: a row's or a group's, or one of （七）总计's."""
    return path.endswith(".total") or path.startswith("applications.results.total.")


def _unfilled_by_table(report: Report, totals: bool) -> Iterator[tuple[str, list[str]]]:
    """The cells a published report left blank, per table: its 总计 cells or the others."""
    by_table: dict[str, list[str]] = {}
    for path in report.unfilled:
        if is_total(path) == totals:
            by_table.setdefault(path.split(".", 1)[0], []).append(path)
    for table in FORM_TABLES:
        if table.key in by_table:
            yield table.heading, by_table[table.key]


@declare("V-5", Severity.WARNING, Basis.PRACTICE, "总计栏未填写（按各项之和计算）")
def _totals_left_blank(rule: Rule, report: Report, _previous: Report | None) -> Iterator[Finding]:
    for heading, paths in _unfilled_by_table(report, totals=True):
        first = cell_location(paths[0])
        yield rule.finding(
            Location(heading, path=paths[0], order=first.order),
            f"{len(paths)} 个总计单元格未填写（如{first.inner()}）；"
            "已按各项之和计算，其余核对用计算值",
            actual=len(paths),
        )


@declare("V-6", Severity.INFO, Basis.PRACTICE, "表格中有空白单元格（空白不是 0，按 0 计）")
def _cells_left_blank(rule: Rule, report: Report, _previous: Report | None) -> Iterator[Finding]:
    for heading, paths in _unfilled_by_table(report, totals=False):
        first = cell_location(paths[0])
        yield rule.finding(
            Location(heading, path=paths[0], order=first.order),
            f"{len(paths)} 个单元格空白（如{first.inner()}），按 0 计；发布的表格应填写 0",
            actual=len(paths),
        )


# -- table 2 ----------------------------------------------------------------------------------

DOCUMENT_ROWS: Final = tuple(
    f.name for f in attrs.fields(ActiveDisclosure) if f.type is DocumentCounts
)


def document_path(row: str, column: str) -> str:
    return f"active_disclosure.{row}.{column}"


def document_number(report: Report, row: str, column: str, *, last_year: bool = False) -> Number:
    name = label(DocumentCounts, column)
    return Number(
        f"上年{name}" if last_year else name,
        getattr(getattr(report.active_disclosure, row), column),
        document_path(row, column),
    )


@declare("T2-1", Severity.WARNING, Basis.PRACTICE, "现行有效件数不少于本年制发件数")
def _in_force_covers_issued(
    rule: Rule, report: Report, _previous: Report | None
) -> Iterator[Finding]:
    for row in DOCUMENT_ROWS:
        counts: DocumentCounts = getattr(report.active_disclosure, row)
        if counts.in_force < counts.issued:
            yield rule.finding(
                cell_location(document_path(row, "in_force")),
                f"{label(DocumentCounts, 'in_force')}({counts.in_force}) 少于 "
                f"{label(DocumentCounts, 'issued')}({counts.issued})；本年制发的文件通常仍然有效",
                expected=f">= {counts.issued}",
                actual=counts.in_force,
                numbers=[
                    document_number(report, row, "issued"),
                    document_number(report, row, "in_force"),
                ],
            )


@declare("T2-4", Severity.INFO, Basis.PRACTICE, "没有规章制定权的机关填报了规章")
def _regulations_without_power(
    rule: Rule, report: Report, _previous: Report | None
) -> Iterator[Finding]:
    power, basis = report_has_rule_making_power(report)
    if power:
        return
    row = "regulations"
    counts: DocumentCounts = getattr(report.active_disclosure, row)
    for column in (f.name for f in attrs.fields(DocumentCounts)):
        value = getattr(counts, column)
        if value:
            yield rule.finding(
                cell_location(document_path(row, column)),
                f"{report.agency}{_WITHOUT_POWER.get(basis, f'没有规章制定权（{basis}）')}，"
                f"此处一般应为 0，实为 {value}",
                expected=0,
                actual=value,
                numbers=[document_number(report, row, column)],
            )


# -- table 3 and table 4 ----------------------------------------------------------------------

# The sum rules check the identities generated above; they are declared like every other rule.
declare(
    "T3-1",
    Severity.ERROR,
    Basis.FORM,
    "每列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理",
)(_identities_rule(_t3_balance()))
declare("T3-2", Severity.ERROR, Basis.IMPLIED, "每列：（七）总计 = （一）至（六）各行之和")(
    _identities_rule(_t3_results_total())
)
declare("T3-3", Severity.ERROR, Basis.IMPLIED, "每行：总计 = 自然人 + 法人或其他组织各列")(
    _identities_rule(_t3_row_totals())
)
for _rule_id, _group in zip(
    ("T4-1", "T4-2", "T4-3"), (f.name for f in attrs.fields(ReviewLitigation)), strict=True
):
    declare(
        _rule_id,
        Severity.ERROR,
        Basis.IMPLIED,
        f"{group_label(_group)}：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
    )(_identities_rule(_t4_total(_group)))

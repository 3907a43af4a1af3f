"""The consistency rules of a report (docs/rules.md): each declared once with its ID, severity and basis.

:func:`check` runs every rule and returns the findings, errors first. The arithmetic rules (T3-1…T3-3,
T4-1…T4-3) are generated from the structure of the model — its rows, columns and their official
labels — as identities "these cells add up to that one", not written out cell by cell.
"""

from __future__ import annotations

import datetime
import difflib
import enum
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Final

import attrs

from .errors import GprError, SchemaError
from .findings import Finding, Location, Number, Severity, Value, has_errors, sort_findings
from .form import FORM_TABLES, field_value
from .model import (
    APPLICANT_COLUMNS,
    GROUP,
    LABEL,
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
from .phrases import FIGURES, NamedYear, claims, named_years
from .places import (
    FEE_PATH,
    cell_location,
    column_location,
    location_of_path,
    report_location,
    row_label,
    text_places,
)

__all__ = [
    "RULES",
    "Basis",
    "Finding",
    "Location",
    "Number",
    "Rule",
    "Severity",
    "check",
    "findings_from_error",
    "has_errors",
]


class Basis(enum.Enum):
    """Where a rule comes from (rules.md): the form itself, a label, or the practice of supervisors."""

    FORM = "F"
    IMPLIED = "I"
    PRACTICE = "P"


RuleFunction = Callable[["Rule", Report, Report | None], Iterable[Finding]]
"""A rule's check: given the rule, the report and maybe last year's report, yield findings."""


@attrs.frozen
class Rule:
    """One rule of rules.md: stable ID, severity, basis, a one-line summary, and its check."""

    id: str
    severity: Severity
    basis: Basis
    summary: str
    function: RuleFunction = attrs.field(eq=False, repr=False)
    needs_previous: bool = False

    def finding(
        self,
        location: Location,
        message: str,
        *,
        expected: Value = None,
        actual: Value = None,
        numbers: Iterable[Number] = (),
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of this rule (at the rule's own severity unless another is given)."""
        return Finding(
            rule=self.id,
            severity=severity or self.severity,
            location=location,
            message=message,
            expected=expected,
            actual=actual,
            numbers=tuple(numbers),
        )

    def run(self, report: Report, previous: Report | None) -> list[Finding]:
        return list(self.function(self, report, previous))


_registry: dict[str, Rule] = {}


def _register(rule: Rule) -> None:
    if rule.id in _registry:  # pragma: no cover - guards the declarations below
        raise ValueError(f"rule {rule.id} declared twice")
    _registry[rule.id] = rule


def _rule(
    rule_id: str, severity: Severity, basis: Basis, summary: str, *, needs_previous: bool = False
) -> Callable[[RuleFunction], RuleFunction]:
    """Declare the decorated function as the check of rule ``rule_id``."""

    def register(function: RuleFunction) -> RuleFunction:
        _register(Rule(rule_id, severity, basis, summary, function, needs_previous))
        return function

    return register


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


def _short_row(name: str) -> str:
    """A table-3 row label without the wording rows 一 and 二 share (一、本年新收政府信息公开申请数量 → 一、本年新收)."""
    full = label(Applications, name)
    if name in _SHARED_ROW_SUFFIX_OF:
        return full.removesuffix(_SHARED_ROW_SUFFIX)
    return full


_SHARED_ROW_SUFFIX_OF: Final = ("new_requests", "carried_over")


def _common_suffix(first: str, second: str) -> str:
    size = 0
    while size < min(len(first), len(second)) and first[-1 - size] == second[-1 - size]:
        size += 1
    return first[len(first) - size :]


_SHARED_ROW_SUFFIX: Final = _common_suffix(
    label(Applications, "new_requests"), label(Applications, "carried_over")
)

_NUMBERING: Final = re.compile(r"^（[一二三四五六七八九十]+）")


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
                    term("new_requests", _short_row("new_requests")),
                    term("carried_over", _short_row("carried_over")),
                ),
                totals=(
                    term("results.total", label(Results, "total")),
                    term("carried_forward", _short_row("carried_forward")),
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


@_rule("V-1", Severity.ERROR, Basis.IMPLIED, "每个件数都是不小于 0 的整数")
def _counts_are_whole(rule: Rule, report: Report, _previous: Report | None) -> Iterator[Finding]:
    # A loaded or constructed Report already holds; this catches values built around the validators.
    for path in _COUNT_PATHS:
        value = field_value(report, path)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            yield rule.finding(
                cell_location(path), f"应为非负整数，实为 {value!r}", actual=repr(value)
            )


def _fee_problem(value: object) -> str | None:
    if not isinstance(value, Decimal) or not value.is_finite():
        return f"应为以万元计的数值，实为 {value!r}"
    if value < 0:
        return f"收费金额不能为负数，实为 {value}"
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -4:
        return f"收费金额（万元）最多保留 4 位小数，实为 {value}"
    return None


@_rule("V-2", Severity.ERROR, Basis.IMPLIED, "收费金额是以万元计、不小于 0、最多 4 位小数的数")
def _fee_is_an_amount(rule: Rule, report: Report, _previous: Report | None) -> Iterator[Finding]:
    value = field_value(report, FEE_PATH)
    problem = _fee_problem(value)
    if problem:
        yield rule.finding(cell_location(FEE_PATH), problem, actual=str(value))


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


def has_rule_making_power(agency: str) -> bool:
    """Whether a body can make 规章: State Council bodies, provincial and city governments only."""
    name = agency.strip()
    if _NATIONAL.match(name):
        return True
    if is_township(name) or _COUNTY.search(name):
        return False
    return name.endswith("人民政府")


@_rule("V-3", Severity.WARNING, Basis.PRACTICE, "收费金额疑似按元而非万元填写")
def _fee_in_yuan(rule: Rule, report: Report, _previous: Report | None) -> Iterator[Finding]:
    fee = report.active_disclosure.fees
    township = is_township(report.agency)
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


@_rule("V-4", Severity.ERROR, Basis.PRACTICE, "报告年度适用 2021 年版格式且不在将来")
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


# -- table 2 ----------------------------------------------------------------------------------

_DOCUMENT_ROWS: Final = tuple(
    f.name for f in attrs.fields(ActiveDisclosure) if f.type is DocumentCounts
)


def _doc_path(row: str, column: str) -> str:
    return f"active_disclosure.{row}.{column}"


def _doc_number(report: Report, row: str, column: str, *, last_year: bool = False) -> Number:
    name = label(DocumentCounts, column)
    return Number(
        f"上年{name}" if last_year else name,
        getattr(getattr(report.active_disclosure, row), column),
        _doc_path(row, column),
    )


@_rule("T2-1", Severity.WARNING, Basis.PRACTICE, "现行有效件数不少于本年制发件数")
def _in_force_covers_issued(
    rule: Rule, report: Report, _previous: Report | None
) -> Iterator[Finding]:
    for row in _DOCUMENT_ROWS:
        counts: DocumentCounts = getattr(report.active_disclosure, row)
        if counts.in_force < counts.issued:
            yield rule.finding(
                cell_location(_doc_path(row, "in_force")),
                f"{label(DocumentCounts, 'in_force')}({counts.in_force}) 少于 "
                f"{label(DocumentCounts, 'issued')}({counts.issued})；本年制发的文件通常仍然有效",
                expected=f">= {counts.issued}",
                actual=counts.in_force,
                numbers=[_doc_number(report, row, "issued"), _doc_number(report, row, "in_force")],
            )


@_rule(
    "T2-2",
    Severity.WARNING,
    Basis.PRACTICE,
    "现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数",
    needs_previous=True,
)
def _in_force_carries_on(rule: Rule, report: Report, previous: Report | None) -> Iterator[Finding]:
    if previous is None:
        return
    for row in _DOCUMENT_ROWS:
        now: DocumentCounts = getattr(report.active_disclosure, row)
        before: DocumentCounts = getattr(previous.active_disclosure, row)
        expected = before.in_force + now.issued - now.repealed
        if now.in_force != expected:
            yield rule.finding(
                cell_location(_doc_path(row, "in_force")),
                f"上年{label(DocumentCounts, 'in_force')}({before.in_force}) + "
                f"{label(DocumentCounts, 'issued')}({now.issued}) − "
                f"{label(DocumentCounts, 'repealed')}({now.repealed}) = {expected}，"
                f"但本年{label(DocumentCounts, 'in_force')} 为 {now.in_force}，"
                f"相差 {abs(expected - now.in_force)}",
                expected=expected,
                actual=now.in_force,
                numbers=[
                    _doc_number(previous, row, "in_force", last_year=True),
                    _doc_number(report, row, "issued"),
                    _doc_number(report, row, "repealed"),
                    _doc_number(report, row, "in_force"),
                ],
            )


@_rule(
    "T2-3",
    Severity.WARNING,
    Basis.PRACTICE,
    "本年废止件数不超过上年现行有效件数 + 本年制发件数",
    needs_previous=True,
)
def _repealed_existed(rule: Rule, report: Report, previous: Report | None) -> Iterator[Finding]:
    if previous is None:
        return
    for row in _DOCUMENT_ROWS:
        now: DocumentCounts = getattr(report.active_disclosure, row)
        before: DocumentCounts = getattr(previous.active_disclosure, row)
        limit = before.in_force + now.issued
        if now.repealed > limit:
            yield rule.finding(
                cell_location(_doc_path(row, "repealed")),
                f"{label(DocumentCounts, 'repealed')}({now.repealed}) 多于 "
                f"上年{label(DocumentCounts, 'in_force')}({before.in_force}) + "
                f"{label(DocumentCounts, 'issued')}({now.issued}) = {limit}；废止的文件应当存在过",
                expected=f"<= {limit}",
                actual=now.repealed,
                numbers=[
                    _doc_number(previous, row, "in_force", last_year=True),
                    _doc_number(report, row, "issued"),
                    _doc_number(report, row, "repealed"),
                ],
            )


@_rule("T2-4", Severity.INFO, Basis.PRACTICE, "没有规章制定权的机关填报了规章")
def _regulations_without_power(
    rule: Rule, report: Report, _previous: Report | None
) -> Iterator[Finding]:
    if has_rule_making_power(report.agency):
        return
    row = "regulations"
    counts: DocumentCounts = getattr(report.active_disclosure, row)
    for column in (f.name for f in attrs.fields(DocumentCounts)):
        value = getattr(counts, column)
        if value:
            yield rule.finding(
                cell_location(_doc_path(row, column)),
                f"{report.agency}通常没有规章制定权（乡镇、街道、县级及以下、大多数部门），"
                f"此处一般应为 0，实为 {value}",
                expected=0,
                actual=value,
                numbers=[_doc_number(report, row, column)],
            )


# -- table 3 and table 4 ----------------------------------------------------------------------

_register(
    Rule(
        "T3-1",
        Severity.ERROR,
        Basis.FORM,
        "每列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理",
        _identities_rule(_t3_balance()),
    )
)
_register(
    Rule(
        "T3-2",
        Severity.ERROR,
        Basis.IMPLIED,
        "每列：（七）总计 = （一）至（六）各行之和",
        _identities_rule(_t3_results_total()),
    )
)
_register(
    Rule(
        "T3-3",
        Severity.ERROR,
        Basis.IMPLIED,
        "每行：总计 = 自然人 + 法人或其他组织各列",
        _identities_rule(_t3_row_totals()),
    )
)


@_rule(
    "T3-4",
    Severity.WARNING,
    Basis.PRACTICE,
    "每列：上年结转 = 上年报告的结转下年度继续办理",
    needs_previous=True,
)
def _carried_over_matches(rule: Rule, report: Report, previous: Report | None) -> Iterator[Finding]:
    if previous is None:
        return
    for column in APPLICANT_COLUMNS:
        now = getattr(report.applications.carried_over, column)
        before = getattr(previous.applications.carried_forward, column)
        if now != before:
            forward = label(Applications, "carried_forward")
            yield rule.finding(
                cell_location(f"applications.carried_over.{column}"),
                f"{previous.year} 年度报告「{forward}」为 {before}，"
                f"但本年「{_short_row('carried_over')}」为 {now}，相差 {abs(now - before)}",
                expected=before,
                actual=now,
                numbers=[
                    Number(f"上年{forward}", before, f"applications.carried_forward.{column}"),
                    Number(_short_row("carried_over"), now, f"applications.carried_over.{column}"),
                ],
            )


def _group_label(group: str) -> str:
    """A table-4 group with its heading (行政诉讼 · 未经复议直接起诉)."""
    field = attrs.fields_dict(ReviewLitigation)[group]
    return " · ".join(str(n) for n in (field.metadata.get(GROUP), field.metadata[LABEL]) if n)


for _rule_id, _group in zip(
    ("T4-1", "T4-2", "T4-3"), (f.name for f in attrs.fields(ReviewLitigation)), strict=True
):
    _register(
        Rule(
            _rule_id,
            Severity.ERROR,
            Basis.IMPLIED,
            f"{_group_label(_group)}：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
            _identities_rule(_t4_total(_group)),
        )
    )


# -- the text and the whole report -----------------------------------------------------------


def _is_blank(text: str) -> bool:
    return not text.strip()


@_rule("R-1", Severity.ERROR, Basis.FORM, "格式要求的每个部分都有内容（总体情况的五个方面为警告）")
def _sections_present(rule: Rule, report: Report, _previous: Report | None) -> Iterator[Finding]:
    places = list(text_places(report))
    overview = [(where, text) for where, text in places if where.path.startswith("overview.")]
    if all(_is_blank(text) for _, text in overview):
        part = label(Report, "overview")
        yield rule.finding(
            Location(part, path="overview", order=overview[0][0].order),
            f"缺少「{part}」：五个方面（"
            f"{'、'.join(where.section for where, _ in overview)}）都没有内容",
        )
    else:
        for where, text in overview:
            if _is_blank(text):
                yield rule.finding(
                    where,
                    f"「{where.section}」没有内容；总体情况应写明这一方面的工作",
                    severity=Severity.WARNING,
                )
    for where, text in places:
        if where.path in _REQUIRED_TEXTS and _is_blank(text):
            name = where.section or where.part
            yield rule.finding(where, f"缺少「{name}」的内容；没有可写的也应写明“无”")


_REQUIRED_TEXTS: Final = ("problems", "improvements", "other_matters")


def _figure_value(report: Report, key: str) -> tuple[int, list[Number]]:
    paths = FIGURES[key].paths
    values = [int(field_value(report, path)) for path in paths]
    numbers = [
        Number(str(cell_location(path)), value, path)
        for path, value in zip(paths, values, strict=True)
    ]
    return sum(values), numbers


def _figure_place(key: str) -> str:
    return "与".join(str(cell_location(path)) for path in FIGURES[key].paths)


@_rule("R-2", Severity.WARNING, Basis.PRACTICE, "正文引用的数字与表格一致")
def _text_matches_tables(rule: Rule, report: Report, _previous: Report | None) -> Iterator[Finding]:
    for where, text in text_places(report):
        if where.path == "title":
            continue
        for claim in claims(text, report.year):
            value, numbers = _figure_value(report, claim.key)
            if claim.value == value:
                continue
            said = "文中称没有，" if claim.negative else f"文中为 {claim.value} 件，"
            yield rule.finding(
                attrs.evolve(where, phrase=claim.phrase, order=(*where.order, claim.start)),
                f"{said}但{_figure_place(claim.key)}合计为 {value}"
                if len(numbers) > 1
                else f"{said}但{_figure_place(claim.key)}为 {value}",
                expected=value,
                actual=claim.value,
                numbers=numbers,
            )


@attrs.frozen
class _YearsAllowed:
    """R-3: which years a text may name besides the report's own."""

    later: int = 0
    """How many later years it may name (改进 plans the next year)."""
    looking_back: bool = False
    """Whether it may name last year as a point of reference (较2023年, 2023年度报告中提出的问题)."""
    dated_next_year: bool = False
    """Whether it may date something early next year (截至2025年1月, when the report is written)."""


_YEAR_PLACES: Final = {
    "title": _YearsAllowed(),
    "preface": _YearsAllowed(dated_next_year=True),
    "problems": _YearsAllowed(looking_back=True, dated_next_year=True),
    "improvements": _YearsAllowed(later=1, looking_back=True),
}
"""R-3: the texts whose years must be the report's, and what else each may name."""


def _year_is_allowed(named: NamedYear, year: int, allowed: _YearsAllowed) -> bool:
    if year <= named.year <= year + allowed.later:
        return True
    if allowed.looking_back and named.looks_back and named.year == year - 1:
        return True
    return allowed.dated_next_year and named.dated and named.year == year + 1


@_rule("R-3", Severity.WARNING, Basis.PRACTICE, "标题、前言、问题和改进部分写的年份与报告年度一致")
def _years_agree(rule: Rule, report: Report, _previous: Report | None) -> Iterator[Finding]:
    for where, text in text_places(report):
        if where.path not in _YEAR_PLACES:
            continue
        seen: set[int] = set()
        for named in named_years(text):
            if _year_is_allowed(named, report.year, _YEAR_PLACES[where.path]):
                continue
            if named.year in seen:
                continue
            seen.add(named.year)
            yield rule.finding(
                attrs.evolve(where, phrase=_shorten(named.clause)),
                f"写的是 {named.year} 年，报告年度是 {report.year} 年；是否沿用了其他年度的文字？",
                expected=report.year,
                actual=named.year,
            )


def _shorten(text: str, size: int = 40) -> str:
    return text if len(text) <= size else f"{text[: size - 1]}…"


SIMILARITY_THRESHOLD: Final = 0.9
"""R-4: a section this similar to last year's (difflib ratio, years normalised) is flagged."""
SIMILARITY_MIN_LENGTH: Final = 20
"""R-4: sections shorter than this (无, 没有其他需要报告的事项) are expected to repeat."""


def _normalised(text: str, year: int) -> str:
    bare = re.sub(r"\s+", "", text)
    return bare.replace(str(year), "{本年}").replace(str(year - 1), "{上年}")


SIMILARITY_CHARACTER_LIMIT: Final = 3000
"""R-4: texts up to this length are compared character by character, longer ones clause by clause."""

_CLAUSE: Final = re.compile(r"[^。；;！!？?]*[。；;！!？?]?")


def similarity(text: str, year: int, last_text: str, last_year: int) -> float:
    """How alike two years' texts are (0…1), with each report's own years made equal.

    difflib's ratio over characters; its cost grows with the square of the length, so long texts
    are aligned by whole clauses instead (copied text copies sentences), each weighted by its length.
    """
    this, last = _normalised(text, year), _normalised(last_text, last_year)
    if max(len(this), len(last)) <= SIMILARITY_CHARACTER_LIMIT:
        return difflib.SequenceMatcher(None, this, last, autojunk=False).ratio()
    these = [c for c in _CLAUSE.findall(this) if c]
    matcher = difflib.SequenceMatcher(
        None, these, [c for c in _CLAUSE.findall(last) if c], autojunk=False
    )
    matched = sum(
        len(clause)
        for a, _, size in matcher.get_matching_blocks()
        for clause in these[a : a + size]
    )
    return 2 * matched / (len(this) + len(last))


@_rule(
    "R-4",
    Severity.WARNING,
    Basis.FORM,
    "与上一年度报告内容雷同（某部分相似度 ≥ 0.9，或全部数字相同）",
    needs_previous=True,
)
def _copied_from_last_year(
    rule: Rule, report: Report, previous: Report | None
) -> Iterator[Finding]:
    if previous is None:
        return
    last = {where.path: text for where, text in text_places(previous)}
    for where, text in text_places(report):
        if where.path == "title" or len(_normalised(text, report.year)) < SIMILARITY_MIN_LENGTH:
            continue
        ratio = similarity(text, report.year, last.get(where.path, ""), previous.year)
        if ratio >= SIMILARITY_THRESHOLD:
            yield rule.finding(
                where,
                f"与 {previous.year} 年度报告的同一部分相似度为 {ratio:.0%}"
                f"（阈值 {SIMILARITY_THRESHOLD:.0%}），内容雷同",
                expected=f"< {SIMILARITY_THRESHOLD}",
                actual=f"{ratio:.2f}",
            )
    now = [field_value(report, path) for path in _CELL_PATHS]
    before = [field_value(previous, path) for path in _CELL_PATHS]
    if now == before and any(now):
        yield rule.finding(
            Location("、".join(_TABLE_NAMES), path="", order=cell_location(_CELL_PATHS[0]).order),
            f"表格中全部 {len(now)} 个数字与 {previous.year} 年度报告完全相同，是否沿用了上年数据？",
        )


_CELL_PATHS: Final = tuple(
    cell.field for table in FORM_TABLES for cell in table.data_cells() if cell.field is not None
)
_TABLE_NAMES: Final = tuple(f"表{table.heading.split('、', 1)[0]}" for table in FORM_TABLES)


def _same_agency(first: str, second: str) -> bool:
    a, b = re.sub(r"\s+", "", first), re.sub(r"\s+", "", second)
    return a.endswith(b) or b.endswith(a)


@_rule(
    "R-5",
    Severity.WARNING,
    Basis.PRACTICE,
    "上一年度报告的机关相同、年度为本年度减一",
    needs_previous=True,
)
def _previous_is_last_year(
    rule: Rule, report: Report, previous: Report | None
) -> Iterator[Finding]:
    if previous is None:
        return
    if previous.year != report.year - 1:
        yield rule.finding(
            report_location("year"),
            f"作为上一年度报告给出的是 {previous.year} 年度报告，应为 {report.year - 1} 年度；"
            "跨年度核对已跳过",
            expected=report.year - 1,
            actual=previous.year,
        )
    if not _same_agency(report.agency, previous.agency):
        yield rule.finding(
            report_location("agency"),
            f"上一年度报告的机关是「{previous.agency}」，与本报告「{report.agency}」不同，"
            "可能选错了文件；跨年度核对已跳过",
            expected=report.agency,
            actual=previous.agency,
        )


# -- running the rules ------------------------------------------------------------------------

RULES: Final[Mapping[str, Rule]] = MappingProxyType(_registry)
"""Every rule by ID, in the order of docs/rules.md."""


def check(report: Report, previous: Report | None = None) -> list[Finding]:
    """Run every rule on ``report`` (and the cross-year ones when ``previous`` is given).

    Findings come errors first, then warnings, then info, each top to bottom of the report.
    """
    findings: list[Finding] = []
    # R-5 decides whether last year's report is comparable at all; if not, the other
    # cross-year rules would only add noise.
    mismatch = RULES[_PREVIOUS_MATCHES].run(report, previous) if previous is not None else []
    findings.extend(mismatch)
    for rule in RULES.values():
        if rule.id == _PREVIOUS_MATCHES:
            continue
        if rule.needs_previous and (previous is None or mismatch):
            continue
        findings.extend(rule.run(report, previous))
    return sort_findings(findings)


_PREVIOUS_MATCHES: Final = "R-5"


def findings_from_error(error: GprError) -> list[Finding]:
    """A report that could not be loaded, as findings: one per problem (V-1, V-2, GPR11x), or one for the file."""
    if isinstance(error, SchemaError):
        return sort_findings(
            Finding(
                rule=problem.code,
                severity=Severity.ERROR,
                location=location_of_path(problem.path, problem.label),
                message=problem.message,
            )
            for problem in error.problems
        )
    return [
        Finding(
            rule=error.code,
            severity=Severity.ERROR,
            location=Location(error.place or "输入", path=error.place),
            message=error.message,
        )
    ]

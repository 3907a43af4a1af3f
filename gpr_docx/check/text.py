"""Rules on the narrative: every part present (R-1), figures quoted right (R-2), the right year named (R-3)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from typing import Final

import attrs

from ..findings import Finding, Number, Severity
from ..form import (
    Location,
    cell_location,
    field_value,
    report_location,
    text_places,
)
from ..model import (
    Report,
    label,
)
from .engine import Basis, Rule, declare
from .phrases import FIGURES, NamedYear, Share, claims, named_years, shares

__all__ = []

# -- the text and the whole report -----------------------------------------------------------


def _is_blank(text: str) -> bool:
    return not text.strip()


@declare(
    "R-1",
    Severity.ERROR,
    Basis.FORM,
    "报告机关和格式要求的每个部分都有内容（总体情况的五个方面为警告）",
)
def _sections_present(rule: Rule, report: Report, _previous: Report | None) -> Iterator[Finding]:
    if _is_blank(report.agency):
        yield rule.finding(
            report_location("agency"),
            "缺少报告机关：标题、落款和文件名都要用到机关名称",
        )
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


def _figure_total(report: Report, key: str) -> int:
    return sum(int(field_value(report, path)) for path in FIGURES[key].paths)


def _figure_value(report: Report, key: str) -> tuple[int, list[Number]]:
    paths = FIGURES[key].paths
    values = [int(field_value(report, path)) for path in paths]
    numbers = [
        Number(str(cell_location(path)), value, path)
        for path, value in zip(paths, values, strict=True)
    ]
    return sum(values), numbers


def _figure_place(key: str) -> str:
    figure = FIGURES[key]
    if figure.name:
        first = cell_location(figure.paths[0])
        return f"表三「{figure.name}」「{first.column}」列"
    return "与".join(str(cell_location(path)) for path in figure.paths)


def _step(percent: Decimal) -> Decimal:
    """The precision ``percent`` is written to: 1 for 34%, 0.1 for 33.9%."""
    exponent = percent.as_tuple().exponent
    return Decimal(1).scaleb(exponent if isinstance(exponent, int) and exponent < 0 else 0)


def _within_precision(percent: Decimal, exact: Decimal) -> bool:
    """Whether ``percent`` is ``exact`` written to its own decimals (rounded, or cut off)."""
    step = _step(percent)
    written = {
        exact.quantize(step, rounding=ROUND_HALF_UP),
        exact.quantize(step, rounding=ROUND_HALF_EVEN),
        exact.quantize(step, rounding=ROUND_DOWN),
    }
    return percent in written


@declare("R-2", Severity.WARNING, Basis.PRACTICE, "正文引用的数字和百分比与表格一致")
def _text_matches_tables(rule: Rule, report: Report, _previous: Report | None) -> Iterator[Finding]:
    for where, text in text_places(report):
        if where.path == "title":
            continue
        for claim in claims(text, report.year):
            if claim.value == _figure_total(report, claim.key):
                continue  # the usual case: the cells named only when they disagree
            value, numbers = _figure_value(report, claim.key)
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
        for share in shares(text, report.year):
            yield from _share_finding(rule, report, where, share)


def _share_finding(rule: Rule, report: Report, where: Location, share: Share) -> Iterator[Finding]:
    value, numbers = _figure_value(report, share.key)
    base, base_numbers = _figure_value(report, share.base)
    if base == 0:
        return
    exact = Decimal(value * 100) / Decimal(base)
    if _within_precision(share.percent, exact):
        return
    shown = exact.quantize(_step(share.percent), rounding=ROUND_HALF_UP)
    yield rule.finding(
        attrs.evolve(where, phrase=share.phrase, order=(*where.order, share.start)),
        f"文中为 {share.percent}%，但{_figure_place(share.key)}为 {value}，"
        f"占{_figure_place(share.base)} {base} 的 {shown}%",
        expected=f"{shown}%",
        actual=f"{share.percent}%",
        numbers=[*numbers, *base_numbers],
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


@declare(
    "R-3", Severity.WARNING, Basis.PRACTICE, "标题、前言、问题和改进部分写的年份与报告年度一致"
)
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

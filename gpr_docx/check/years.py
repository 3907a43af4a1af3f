"""Rules across two years: carry-over of documents in force and of pending requests, copied text, the right file."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Final

import attrs

from ..findings import Finding, Number, Severity
from ..form import (
    CELL_PATHS,
    FORM_TABLES,
    Location,
    cell_location,
    field_value,
    report_location,
    short_row_label,
    text_places,
)
from ..model import (
    APPLICANT_COLUMNS,
    Applications,
    DocumentCounts,
    Report,
    label,
)
from .arithmetic import DOCUMENT_ROWS, document_number, document_path
from .engine import Basis, Rule, declare, declared

__all__ = [
    "EXPLAINED_BY",
    "SIMILARITY_CHARACTER_LIMIT",
    "SIMILARITY_MIN_LENGTH",
    "SIMILARITY_THRESHOLD",
    "copied_from_last_year",
    "explained",
    "similarity",
]


@declare(
    "T2-2",
    Severity.WARNING,
    Basis.PRACTICE,
    "现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数",
    needs_previous=True,
)
def _in_force_carries_on(rule: Rule, report: Report, previous: Report | None) -> Iterator[Finding]:
    if previous is None:
        return
    for row in DOCUMENT_ROWS:
        now: DocumentCounts = getattr(report.active_disclosure, row)
        before: DocumentCounts = getattr(previous.active_disclosure, row)
        expected = before.in_force + now.issued - now.repealed
        if now.in_force != expected:
            yield rule.finding(
                cell_location(document_path(row, "in_force")),
                f"上年{label(DocumentCounts, 'in_force')}({before.in_force}) + "
                f"{label(DocumentCounts, 'issued')}({now.issued}) − "
                f"{label(DocumentCounts, 'repealed')}({now.repealed}) = {expected}，"
                f"但本年{label(DocumentCounts, 'in_force')} 为 {now.in_force}，"
                f"相差 {abs(expected - now.in_force)}",
                expected=expected,
                actual=now.in_force,
                numbers=[
                    document_number(previous, row, "in_force", last_year=True),
                    document_number(report, row, "issued"),
                    document_number(report, row, "repealed"),
                    document_number(report, row, "in_force"),
                ],
            )


@declare(
    "T2-3",
    Severity.WARNING,
    Basis.PRACTICE,
    "本年废止件数不超过上年现行有效件数 + 本年制发件数",
    needs_previous=True,
)
def _repealed_existed(rule: Rule, report: Report, previous: Report | None) -> Iterator[Finding]:
    if previous is None:
        return
    for row in DOCUMENT_ROWS:
        now: DocumentCounts = getattr(report.active_disclosure, row)
        before: DocumentCounts = getattr(previous.active_disclosure, row)
        limit = before.in_force + now.issued
        if now.repealed > limit:
            yield rule.finding(
                cell_location(document_path(row, "repealed")),
                f"{label(DocumentCounts, 'repealed')}({now.repealed}) 多于 "
                f"上年{label(DocumentCounts, 'in_force')}({before.in_force}) + "
                f"{label(DocumentCounts, 'issued')}({now.issued}) = {limit}；废止的文件应当存在过",
                expected=f"<= {limit}",
                actual=now.repealed,
                numbers=[
                    document_number(previous, row, "in_force", last_year=True),
                    document_number(report, row, "issued"),
                    document_number(report, row, "repealed"),
                ],
            )


@declare(
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
                f"但本年「{short_row_label('carried_over')}」为 {now}，相差 {abs(now - before)}",
                expected=before,
                actual=now,
                numbers=[
                    Number(f"上年{forward}", before, f"applications.carried_forward.{column}"),
                    Number(
                        short_row_label("carried_over"), now, f"applications.carried_over.{column}"
                    ),
                ],
            )


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


@declare(
    "R-4",
    Severity.WARNING,
    Basis.FORM,
    "与上一年度报告内容雷同（某部分相似度 ≥ 0.9，或全部数字相同）",
    needs_previous=True,
)
def _copied_from_last_year(
    rule: Rule, report: Report, previous: Report | None
) -> Iterator[Finding]:
    return copied_from_last_year(rule, report, previous, SIMILARITY_THRESHOLD)


def copied_from_last_year(
    rule: Rule, report: Report, previous: Report | None, threshold: float
) -> Iterator[Finding]:
    """R-4 at a given similarity ``threshold`` (a rule profile may set its own; 0.9 by default)."""
    if previous is None:
        return
    last = {where.path: text for where, text in text_places(previous)}
    for where, text in text_places(report):
        if where.path == "title" or len(_normalised(text, report.year)) < SIMILARITY_MIN_LENGTH:
            continue
        ratio = similarity(text, report.year, last.get(where.path, ""), previous.year)
        if ratio >= threshold:
            yield rule.finding(
                where,
                f"与 {previous.year} 年度报告的同一部分相似度为 {ratio:.0%}"
                f"（阈值 {threshold:.0%}），内容雷同",
                expected=f"< {threshold}",
                actual=f"{ratio:.2f}",
            )
    now = [field_value(report, path) for path in CELL_PATHS]
    before = [field_value(previous, path) for path in CELL_PATHS]
    if now == before and any(now):
        yield rule.finding(
            Location("、".join(_TABLE_NAMES), path="", order=cell_location(CELL_PATHS[0]).order),
            f"表格中全部 {len(now)} 个数字与 {previous.year} 年度报告完全相同，是否沿用了上年数据？",
        )


_TABLE_NAMES: Final = tuple(f"表{table.heading.split('、', 1)[0]}" for table in FORM_TABLES)


def _same_agency(first: str, second: str) -> bool:
    a, b = re.sub(r"\s+", "", first), re.sub(r"\s+", "", second)
    return a.endswith(b) or b.endswith(a)


@declare(
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


# -- explained differences ---------------------------------------------------------------------

EXPLAINED_BY: Final = "R-6"
"""The rule that reports an explanation (``Report.explanations``) with nothing left to explain."""


def _explainable() -> list[Rule]:
    """The cross-year rules whose findings an explanation may answer (not R-5 nor R-6 itself)."""
    return [
        rule
        for rule in declared().values()
        if rule.needs_previous and rule.id not in (EXPLAINED_BY, "R-5")
    ]


def explained(finding: Finding, report: Report) -> Finding:
    """``finding`` as an info quoting the report's reason, when it is a cross-year finding at a
    cell the report explains (``explanations``); otherwise ``finding`` unchanged."""
    reason = report.explanations.get(finding.location.path)
    if reason is None or finding.rule not in {rule.id for rule in _explainable()}:
        return finding
    return attrs.evolve(
        finding, severity=Severity.INFO, message=f"{finding.message}；报告已说明：{reason}"
    )


@declare(
    EXPLAINED_BY,
    Severity.WARNING,
    Basis.PRACTICE,
    "跨年度差异说明所指的单元格与上一年度报告并无差异（说明已过时或写错了单元格）",
    needs_previous=True,
)
def _stale_explanations(rule: Rule, report: Report, previous: Report | None) -> Iterator[Finding]:
    if previous is None or not report.explanations:
        return
    found = {
        finding.location.path for other in _explainable() for finding in other.run(report, previous)
    }
    for path, reason in report.explanations.items():
        if path not in found:
            yield rule.finding(
                cell_location(path),
                f"说明了与 {previous.year} 年度报告的差异（“{_excerpt(reason)}”），"
                "但此处与上一年度报告并无差异；说明已过时或写错了单元格",
            )


def _excerpt(text: str, size: int = 30) -> str:
    return text if len(text) <= size else f"{text[: size - 1]}…"

"""Findings → the printable 审核意见单 a reviewer sends back to the reporting unit.

``review_sheet(report, findings) -> bytes`` writes an A4 Word document in the official style: the
title 「政府信息公开工作年度报告审核意见单」, the unit, report year and title, the result line
(「3 处错误，1 处警告」), the findings grouped by the part of the report they are in (一…六, with
表二/三/四 for the tables) with rule, place, what was found and what is expected, a blank
「整改情况」 cell per finding and ruled lines for the unit's answer, and the reviewer's name and date
to sign. It is rendered by the report's own template engine (:mod:`gpr_docx.render.compiled`, in
the same sandbox) from ``templates/review-sheet-2021.docx``, which a user may restyle in Word like
the report template; docs/review-sheet.md lists its tags.

The sheet only presents findings; it never runs a check. Give it what :func:`gpr_docx.check`
returned (and what reading the report found), and it lists exactly those.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from ._fs import write_new
from .findings import Finding, Severity, Value, sort_findings
from .form import (
    TABLE_NAMES,
    Location,
    cell_location,
    cell_text,
    location_of_path,
    report_location,
)
from .model import Report, require_report
from .render import TemplateInput
from .render.template import TemplateKind, load_template

__all__ = [
    "DEFAULT_TEMPLATE",
    "KNOWN_NAMES",
    "REQUIRED_NAMES",
    "SHEET",
    "review_sheet",
    "review_sheet_to_file",
    "sheet_context",
    "summary_line",
]

DEFAULT_TEMPLATE: Final = "review-sheet-2021.docx"
"""The packaged sheet template, inside ``templates/`` (made by tools/build_review_template.py)."""

REQUIRED_NAMES: Final = frozenset(
    {"agency", "year", "summary", "groups", "reviewer", "reviewed_on"}
)
"""What every sheet template must show: without one of these a sheet would drop what it is for."""
KNOWN_NAMES: Final = REQUIRED_NAMES | {
    "report_title",
    "counts.error",
    "counts.warning",
    "counts.info",
    "counts.total",
}
"""Every name a sheet template may use (the findings' own fields are read from the loop variable)."""

NO_VALUE: Final = "—"
"""What the 应为 column shows when a rule has no single expected value."""
BLANK_DATE: Final = "　　　　年　　月　　日"
"""The date to sign when the sheet is printed before the review is dated."""


def summary_line(findings: Iterable[Finding]) -> str:
    """「N 处错误，M 处警告」 (and 「，K 处提示」 when there are hints), or 「未发现问题」.

    >>> summary_line([])
    '未发现问题'
    """
    counts = _counts(findings)
    if not counts[Severity.ERROR] + counts[Severity.WARNING] + counts[Severity.INFO]:
        return "未发现问题"
    shown = [Severity.ERROR, Severity.WARNING, *([Severity.INFO] if counts[Severity.INFO] else [])]
    return "，".join(f"{counts[s]} 处{s.label}" for s in shown)


def _counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    counts = dict.fromkeys(Severity, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return counts


def _value_text(value: Value) -> str:
    if value is None or value == "":
        return NO_VALUE
    if isinstance(value, Decimal | int):
        return cell_text(value)
    return value


def _heading(location: Location) -> str:
    """A group's heading: the part of the report, a table with its short name (表三)."""
    if location.is_table:
        return f"{location.part}（{TABLE_NAMES[location.part]}）"
    return location.part


def _date_text(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def sheet_context(
    report: Report,
    findings: Iterable[Finding],
    *,
    reviewer: str | None = None,
    reviewed_on: date | None = None,
) -> dict[str, Any]:
    """The values a sheet template's tags name (docs/review-sheet.md), all as text.

    Findings are grouped by the part of the report they are in, the parts in report order; within
    a part they are in :func:`~gpr_docx.findings.sort_findings` order (errors first), numbered
    from 1 across the whole sheet.
    """
    require_report(report, taker="review_sheet")
    found = list(findings)
    for finding in found:
        if not isinstance(finding, Finding):
            raise TypeError(
                f"review_sheet() takes gpr_docx.Finding objects, not {type(finding).__name__}; "
                "pass what gpr_docx.check returned"
            )
    if reviewer is not None and not isinstance(reviewer, str):
        raise TypeError(f"reviewer must be a str, not {type(reviewer).__name__}")
    if reviewed_on is not None and not isinstance(reviewed_on, date):
        raise TypeError(f"reviewed_on must be a datetime.date, not {type(reviewed_on).__name__}")

    parts: dict[str, list[Finding]] = {}
    for finding in sort_findings(found):
        parts.setdefault(finding.location.part, []).append(finding)
    ordered = sorted(parts.values(), key=lambda group: min(_part_rank(f) for f in group))
    groups: list[dict[str, Any]] = []
    number = 0
    for group in ordered:
        items = []
        for finding in group:
            number += 1
            items.append(_item(number, finding))
        first = group[0].location
        groups.append(
            {
                "heading": _heading(first),
                "part": first.part,
                "table": TABLE_NAMES.get(first.part, ""),
                "findings": items,
            }
        )
    counts = _counts(found)
    return {
        "agency": report.agency,
        "year": str(report.year),
        "report_title": report.document_title,
        "summary": summary_line(found),
        "counts": {
            "error": str(counts[Severity.ERROR]),
            "warning": str(counts[Severity.WARNING]),
            "info": str(counts[Severity.INFO]),
            "total": str(len(found)),
        },
        "groups": groups,
        "reviewer": reviewer.strip() if reviewer else "",
        "reviewed_on": _date_text(reviewed_on) if reviewed_on else BLANK_DATE,
    }


def _part_rank(finding: Finding) -> tuple[int, ...]:
    # A place without an order (an input problem) goes after the report's own parts.
    return finding.location.order[:1] or (99,)


def _item(number: int, finding: Finding) -> dict[str, str]:
    return {
        "number": str(number),
        "rule": finding.rule,
        "severity": finding.severity.label,
        "location": str(finding.location),
        "place": finding.location.inner() or str(finding.location),
        "message": finding.message,
        "expected": _value_text(finding.expected),
        "actual": _value_text(finding.actual),
    }


# -- templates ----------------------------------------------------------------------------------


def _sample() -> dict[str, Any]:
    """A sheet with one finding of each severity, in a table and in the text: a template is tried
    on it once when loaded, so a tag it cannot fill is found then, not on a reviewer's report."""
    from . import examples

    report = examples.load("example-district-2024")
    findings = [
        Finding(
            "T3-1",
            Severity.ERROR,
            cell_location("applications.new_requests.total"),
            "示例：两边之和不等",
            expected=2,
            actual=1,
        ),
        Finding(
            "R-3", Severity.WARNING, location_of_path("problems"), "示例：年份不符", expected="2024"
        ),
        Finding("V-4", Severity.INFO, report_location("year"), "示例：提示"),
    ]
    return sheet_context(report, findings, reviewer="示例", reviewed_on=date(2025, 1, 1))


SHEET: Final = TemplateKind(
    name="review-sheet",
    default=DEFAULT_TEMPLATE,
    what="审核意见单模板",
    known=KNOWN_NAMES,
    required=REQUIRED_NAMES,
    sample=_sample,
    unknown_words="审核意见单模板中有不认识的标签",
    missing_words="审核意见单模板缺少以下内容的标签",
    shown_names=10,
    trial_note="用示例意见试渲染时发现",
)
"""The sheet template, loaded, checked and cached like the report's (:func:`load_template`)."""


# -- the sheet ------------------------------------------------------------------------------------


def review_sheet(
    report: Report,
    findings: Iterable[Finding],
    *,
    reviewer: str | None = None,
    reviewed_on: date | None = None,
    template: TemplateInput = None,
) -> bytes:
    """The 审核意见单 for ``report`` listing ``findings``, as .docx bytes.

    Args:
        report: The report that was reviewed (its unit, year and title head the sheet).
        findings: What the review found: :func:`gpr_docx.check`'s findings, with those of reading
            the report (:attr:`gpr_docx.ReportInput.findings`) if it was a document. Each one is
            listed once; none gives a sheet that says 未发现问题.
        reviewer: The reviewer's name; ``None`` leaves the line blank to sign by hand.
        reviewed_on: The date of the review; ``None`` leaves 「年 月 日」 to fill in.
        template: ``None`` for the packaged sheet template, or a user's restyled copy of it (a
            path or the bytes of a .docx); its tags are in docs/review-sheet.md.

    Returns:
        The bytes of the .docx.

    Raises:
        TemplateError: The template is missing, not a .docx, over a safety limit, has a tag the
            sandbox refuses, lacks a tag the sheet needs or has one it does not know, or fails
            while rendering (the message names the tag).
        TypeError: ``report`` is not a :class:`~gpr_docx.Report` or a finding is not a
            :class:`~gpr_docx.Finding`.
    """
    context = sheet_context(report, findings, reviewer=reviewer, reviewed_on=reviewed_on)
    return load_template(template, SHEET).render(context)


def review_sheet_to_file(
    report: Report,
    findings: Iterable[Finding],
    path: str | os.PathLike[str],
    *,
    reviewer: str | None = None,
    reviewed_on: date | None = None,
    template: TemplateInput = None,
    force: bool = False,
) -> Path:
    """Write :func:`review_sheet` to ``path`` as :func:`~gpr_docx.render_to_file` writes a report:
    atomically, and never over an existing file unless ``force``.

    Args:
        report, findings, reviewer, reviewed_on, template: As for :func:`review_sheet`.
        path, force: As for :func:`~gpr_docx.render_to_file`.

    Returns:
        The path written.

    Raises:
        OutputExistsError, OutputError: As for :func:`~gpr_docx.render_to_file`.
        TemplateError, TypeError: As for :func:`review_sheet`.
    """
    return write_new(
        path,
        lambda: review_sheet(
            report, findings, reviewer=reviewer, reviewed_on=reviewed_on, template=template
        ),
        force=force,
    )

"""The clerk's workbook: the official tables in Excel or WPS 表格, and reading one back.

:func:`workbook` writes a workbook in the form's own shape (tables 二、三、四 on their own sheets with
the official labels and merges, checks as the clerk types, a sheet for the texts, a cover sheet);
:func:`gpr_docx.load` and :func:`gpr_docx.read` read a filled one back by its labels.

This module stays light: openpyxl is imported when a workbook is written or read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Report

__all__ = ["workbook"]


def workbook(
    report: Report | None = None,
    *,
    previous: Report | None = None,
    agency: str | None = None,
    year: int | None = None,
) -> bytes:
    """A workbook (.xlsx bytes) to fill in the year's figures and texts, blank or filled from ``report``.

    Tables 二, 三 and 四 each have a sheet with the official labels, merged cells and column widths
    (the same grid as the Word template); input cells are unlocked and validated, totals are live
    ``=SUM(…)`` formulas, a check column (and a check row under table 三) shows the form's balancing
    rules as ✔ or the difference. A sheet holds the texts with their character counts and the
    optional statements (机关层级 and 有规章制定权 from dropdowns, the dates as spreadsheet dates);
    another the explanations (跨年度差异说明: a cell chosen by its official name, and the reason);
    a cover sheet says how to fill it in. Sheets are protected without a password; every sheet
    prints on A4.

    Args:
        report: The report to fill the workbook with (``None``: a blank workbook). A total that is
            not the sum of its cells is written as the number it is, not as a formula, so the
            check shows the difference.
        previous: Last year's report: its 结转下年度继续办理 becomes this year's 上年结转 and its
            现行有效件数 this year's starting count (both in a blank workbook); that count also
            stands beside table 二 with a check of 上年 + 制发 − 废止 (T2-2) as the clerk types.
            Agency and year (the next one) follow from it when not given, and so do its level
            and rule-making power in a blank workbook.
        agency: The reporting agency (over the report's own).
        year: The reporting year (over the report's own).

    Returns:
        The bytes of the .xlsx file.

    Raises:
        RenderError: A text or an explanation is longer than a spreadsheet cell holds (32 767
            characters).
    """
    from ..model import require_report
    from .write import write_workbook

    for value, name in ((report, "report"), (previous, "previous")):
        if value is not None:
            require_report(value, taker="workbook", name=name)
    return write_workbook(report, previous=previous, agency=agency, year=year)

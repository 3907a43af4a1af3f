"""A document as every front end gives it — body paragraphs and table grids — read into a report.

This is all of reading that does not depend on the file format: the front end (:mod:`.docx` today)
opens the file and hands over :class:`gpr_docx.grid.Paragraph` s and :class:`gpr_docx.grid.Grid` s;
the tables are mapped by their labels (:mod:`.cells`), the texts by the outline (:mod:`.narrative`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..errors import LegacyFormatError, NotAReportError
from ..form import CELL_PATHS
from ..grid import Grid, Paragraph
from ..model import APPLICANT_COLUMNS
from ..schema import SCHEMA, structure
from .cells import locate, read_values
from .labels import normalize
from .narrative import read_narrative
from .result import NoteKind, ParsedReport

__all__ = ["read_document"]

_TOTAL = ".total"
"""The last part of a 总计 cell's path (a row of table 三, a group of table 四, （七）总计's cells)."""
_RESULTS_TOTAL = "applications.results.total"
"""The （七）总计 row of table 三."""
_SECTION_TABLES = frozenset({"active_disclosure", "applications"})
"""Tables of the 2019 and the 2021 form alike: without one of them it is no such report."""


def _drop(data: dict[str, Any], path: str) -> None:
    *parents, name = path.split(".")
    for key in parents:
        data = data[key]
    data.pop(name, None)


def read_document(
    paragraphs: Sequence[Paragraph[Any]], grids: Sequence[Grid[Any]], *, name: str = ""
) -> ParsedReport:
    """Read a report from its body ``paragraphs`` and its tables' ``grids``, both in document order.

    Raises :class:`~gpr_docx.errors.NotAReportError` without the official tables,
    :class:`~gpr_docx.errors.LegacyFormatError` for a report older than the 2019 form, and
    :class:`~gpr_docx.errors.ReportTitleError` without a report year; ``name`` places them.
    """
    if not grids:
        raise NotAReportError("文档中没有表格，不是年度报告（或表格已转为文字）", place=name)
    located = locate(grids)
    if not _SECTION_TABLES & located.tables.keys():
        text = normalize("".join(p.text for p in paragraphs))
        if "政府信息公开" in text and "报告" in text:
            raise LegacyFormatError(
                "未找到 2019 版或 2021 版格式的表格（第二十条第（一）项、申请人情况），"
                "可能是 2019 年以前的旧格式年报，不受支持",
                place=name,
            )
        raise NotAReportError("未找到官方表格（二、三、四），不是年度报告", place=name)
    edition = located.edition
    values = read_values(located, edition)
    narrative = read_narrative(paragraphs, name=name)
    unfilled = [n.field for n in values.notes if n.kind is NoteKind.BLANK and n.field]
    for path in unfilled:
        if path.endswith(_TOTAL):
            _drop(values.data, path)  # a 总计 left blank is computed from its row or group
    if {f"{_RESULTS_TOTAL}.{column}" for column in APPLICANT_COLUMNS} <= set(unfilled):
        _drop(values.data, _RESULTS_TOTAL)  # （七）总计 left blank: computed from the 21 rows
    data: dict[str, Any] = {
        "schema": SCHEMA,
        **values.data,
        **narrative.data,
        "unfilled": sorted(unfilled, key=CELL_PATHS.index),
    }
    report = structure(data, source=name)
    notes = values.notes + narrative.notes
    return ParsedReport(report, edition, notes, values.undivided_other, name)

"""Workbooks as the tests handle them: cells found by the golden grid's labels, edits an office makes.

Independent of the writer's layout: a table is found on whatever sheet by the text of its first
official label, and each data cell by the golden grid's offset from it.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from typing import Any

import attrs
import openpyxl
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from gpr_docx import Report
from tests.helpers.official import GRID, TABLE_KEYS

TEXTS_SHEET = "基本信息和正文"
EXPLANATIONS_SHEET = "跨年度差异说明"


def load(data: bytes, *, data_only: bool = False) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data), data_only=data_only)


def save(book: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def anchor(book: openpyxl.Workbook, key: str) -> tuple[Worksheet, int, int]:
    """The sheet holding table ``key`` and the 1-based (row, column) of its grid's top-left."""
    r, c, _, _, text = GRID[key]["labels"][0]
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value == text:
                    return sheet, cell.row - r, cell.column - c
    raise AssertionError(f"table {key} not found")


def data_cells(book: openpyxl.Workbook) -> Iterator[tuple[str, Any]]:
    """Every data cell of the three tables: its dotted path and the openpyxl cell."""
    for key in TABLE_KEYS:
        sheet, top, left = anchor(book, key)
        for r, c, _, _, path in GRID[key]["data"]:
            yield path, sheet.cell(top + r, left + c)


def value_at(data: dict[str, Any], path: str) -> Any:
    for key in path.split("."):
        data = data[key]
    return data


def merges(sheet: Worksheet, top: int, left: int) -> set[tuple[int, int, int, int]]:
    """The sheet's merged ranges as (row, column, rowspan, colspan) from the table's top-left."""
    return {
        (m.min_row - top, m.min_col - left, m.max_row - m.min_row + 1, m.max_col - m.min_col + 1)
        for m in sheet.merged_cells.ranges
    }


def insert_column(sheet: Worksheet, col: int) -> None:
    """Insert an empty column before ``col`` as a spreadsheet program does: cells move right, and a
    merged range over the column widens (openpyxl's own insert_cols leaves merges behind)."""
    ranges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in sheet.merged_cells.ranges]
    for coordinate in [str(m) for m in sheet.merged_cells.ranges]:
        sheet.unmerge_cells(coordinate)
    sheet.insert_cols(col)
    for r0, c0, r1, c1 in ranges:
        first = c0 + 1 if c0 >= col else c0
        last = c1 + 1 if c1 >= col else c1
        sheet.merge_cells(start_row=r0, start_column=first, end_row=r1, end_column=last)


def stated(report: Report) -> Report:
    """``report`` stating everything optional: level, rule-making power, both dates, two reasons."""
    return attrs.evolve(
        report,
        level="县级",
        has_rule_making_power=False,
        published_on=datetime.date(2025, 1, 20),
        filed_on=datetime.date(2025, 1, 10),
        explanations={
            "active_disclosure.normative_documents.in_force": "2024年开展文件清理，现行有效件数重新统计",
            "applications.carried_over.natural_person": "上年结转数经核实更正\n已报上级备案",
        },
    )


def text_cells(book: openpyxl.Workbook) -> dict[str, Cell]:
    """The texts sheet's input cells by the label left of them (报告机关, 机关层级, 公开发布日期 …)."""
    sheet = book[TEXTS_SHEET]
    return {
        str(label.value): content
        for label, content, *_ in sheet.iter_rows()
        if label.value and isinstance(content, Cell)
    }


def explanation_rows(book: openpyxl.Workbook) -> list[tuple[Cell, Cell]]:
    """The explanations table's (单元格, 说明) input cells, top to bottom, under its header."""
    sheet = book[EXPLANATIONS_SHEET]
    header = next(row[0].row for row in sheet.iter_rows() if row[0].value == "单元格")
    return [
        (name, reason)
        for name, reason in sheet.iter_rows(min_row=header + 1, max_col=2)
        if isinstance(name, Cell) and isinstance(reason, Cell)
    ]

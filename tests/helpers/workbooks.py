"""Workbooks as the tests handle them: cells found by the golden grid's labels, edits an office makes.

Independent of the writer's layout: a table is found on whatever sheet by the text of its first
official label, and each data cell by the golden grid's offset from it.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from tests.helpers.official import GRID, TABLE_KEYS


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

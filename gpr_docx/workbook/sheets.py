"""An untrusted .xlsx opened within limits, and each worksheet read into cells, merges and grids.

The package goes through the same zip guard as a .docx (:func:`gpr_docx.oxml.open_package`, with
the workbook's own error codes) and every part through the same XML parser (no DOCTYPE, no
entities). What is read is only what a reader of the form needs, straight from SpreadsheetML: each
cell's shown value (a shared string, an inline string, a number as written, a formula's cached
result), whether it is a formula and whether that formula has a result, and the merged ranges. Styles,
validations, conditional formats and drawings are never parsed. (openpyxl writes the workbook; it is
not used to read one, because its loader spends ten times as long re-drawing the borders of merged
cells as this takes to read everything.)

Each sheet becomes one :class:`gpr_docx.grid.Grid` per block of rows (a row without any cell in the
file separates blocks), every position of the block a cell, so that a table an office moved, a note
set apart below it or a second table on the same sheet are told apart, and a blank input cell is
still a cell.
"""

from __future__ import annotations

import math
import os
import posixpath
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Final

import attrs
from lxml import etree

from ..errors import (
    BrokenWorkbookError,
    EncryptedWorkbookError,
    InputTooLargeError,
    LegacyWorkbookError,
    NotWorkbookError,
    WorkbookLimitError,
)
from ..grid import Cell, Grid
from ..oxml.package import DocxPackage, Limits, PackageKind, open_package

__all__ = [
    "MAX_CELLS",
    "SIGNIFICANT_DIGITS",
    "WORKBOOK_LIMITS",
    "XLSX",
    "Sheet",
    "SheetCell",
    "all_grids",
    "column_letter",
    "grids",
    "read_sheets",
]

_MB: Final = 1024 * 1024

XLSX: Final = PackageKind(
    name="Excel 工作簿（.xlsx）",
    app="Excel 或 WPS",
    main_part="[Content_Types].xml",
    legacy_message="这是旧版 Excel 工作簿（.xls），不能读取：请在 Excel 或 WPS 中另存为 .xlsx 后再试",
    not_package=NotWorkbookError,
    legacy=LegacyWorkbookError,
    encrypted=EncryptedWorkbookError,
    broken=BrokenWorkbookError,
    limit=WorkbookLimitError,
    too_large=InputTooLargeError,
    hint="：可能是改了后缀的 CSV 或文本文件，请在 Excel 或 WPS 中打开后另存为 .xlsx",
)
"""An Excel (or WPS, LibreOffice) workbook."""

WORKBOOK_LIMITS: Final = Limits(
    file_size=20 * _MB, members=1000, part_size=32 * _MB, total_size=64 * _MB
)
"""Safety limits for a workbook: a filled-in form is some 20 KB, one with an office's logo a few
MB; 20 MB is far above any of them."""
MAX_CELLS: Final = 200_000
"""Most cells read from one workbook (the form has about 300); more is not a form to read."""

_CONTENT_TYPES: Final = "[Content_Types].xml"
_ROOT_RELS: Final = "_rels/.rels"
_OFFICE_DOCUMENT: Final = "/officeDocument"
_WORKSHEET: Final = "/worksheet"
_REF: Final = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})")
_ESCAPED: Final = re.compile(r"_x([0-9A-Fa-f]{4})_")
_MAX_COLUMNS: Final = 16_384
_MAX_ROWS: Final = 1_048_576


@attrs.frozen
class SheetCell:
    """Where a value came from: the handle of each grid cell read from a workbook."""

    sheet: str
    row: int
    """0-based sheet row."""
    col: int
    """0-based sheet column."""
    formula: bool = False
    """The cell holds a formula."""
    cached: bool = True
    """A formula's result is stored in the file (a workbook written by a program and never opened
    in a spreadsheet program has none)."""
    number: bool = False
    """The cell holds a number (a date is one: its day count), not text."""

    @property
    def coordinate(self) -> str:
        """``D6``."""
        return f"{column_letter(self.col)}{self.row + 1}"

    @property
    def place(self) -> str:
        """``表三!D6``, as a spreadsheet names a cell."""
        return f"{self.sheet}!{self.coordinate}"


@attrs.frozen
class Sheet:
    """One worksheet: its cells' shown texts by 0-based (row, column), and its merged ranges."""

    name: str
    cells: dict[tuple[int, int], tuple[str, SheetCell]]
    merges: tuple[tuple[int, int, int, int], ...]
    """``(first row, first column, last row, last column)``, 0-based and inclusive."""
    date1904: bool = False
    """The workbook counts dates from 1904 (old Mac Excel), not 1900: a date cell's number means
    another day."""


def column_letter(col: int) -> str:
    """The letters of 0-based column ``col``: 0 → ``A``, 27 → ``AB``."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _reference(ref: str) -> tuple[int, int] | None:
    found = _REF.fullmatch(ref.strip())
    if found is None:
        return None
    col = 0
    for ch in found.group(1).upper():
        col = col * 26 + ord(ch) - 64
    row = int(found.group(2))
    if not (1 <= col <= _MAX_COLUMNS and 1 <= row <= _MAX_ROWS):
        return None
    return row - 1, col - 1


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _unescape(text: str) -> str:
    """SpreadsheetML's ``_xHHHH_`` escapes (a carriage return is ``_x000D_``) as characters."""
    if "_x" not in text:
        return text
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


def _string(item: etree._Element) -> str:
    """The text of a shared or inline string: its runs in order, without phonetic guides."""
    parts: list[str] = []
    for child in item:
        name = _local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts.extend(t.text or "" for t in child.iterfind("{*}t"))
    return _unescape("".join(parts)).replace("\r\n", "\n").replace("\r", "\n")


SIGNIFICANT_DIGITS: Final = 15
"""Digits of a number a spreadsheet keeps and shows (Excel, WPS and LibreOffice alike)."""


def _number(text: str) -> str:
    """A number as the file writes it, shown as a person typed it: ``12``, ``12.5``, never ``1.2E1``.

    A cell's number is a binary double, written with up to 17 digits (openpyxl writes 83.21 as
    ``83.20999999999999``); a spreadsheet keeps and shows 15, which is what the clerk typed.

    >>> _number("83.20999999999999"), _number("1.2E1"), _number("0.10000000000000001")
    ('83.21', '12', '0.1')
    """
    try:
        value = float(text.strip())
    except ValueError:
        return text
    if not math.isfinite(value):
        return text
    number = Decimal(f"{value:.{SIGNIFICANT_DIGITS}g}")
    if number == number.to_integral_value():
        return str(int(number))
    return f"{number.normalize():f}"


class _Reader:
    """Reads the parts of one opened workbook package."""

    def __init__(self, package: DocxPackage) -> None:
        self.package = package
        self.count = 0

    def xml(self, part: str) -> etree._Element:
        return self.package.xml(part)

    def targets(self, part: str) -> dict[str, tuple[str, str]]:
        """The relationships of ``part``: id → (type, part name it points to)."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", f"{name}.rels")
        if not self.package.has(rels):
            return {}
        found: dict[str, tuple[str, str]] = {}
        for rel in self.xml(rels).iterfind("{*}Relationship"):
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External" or not target:
                continue
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            found[rel.get("Id", "")] = (rel.get("Type", ""), posixpath.normpath(path))
        return found

    def workbook_part(self) -> str:
        for kind, target in self.targets("").values():
            if kind.endswith(_OFFICE_DOCUMENT) and self.package.has(target):
                return target
        raise NotWorkbookError(
            "压缩包中没有工作簿（xl/workbook.xml），不是 Excel 工作簿", place=self.package.name
        )

    def shared_strings(self, workbook: str, rels: dict[str, tuple[str, str]]) -> list[str]:
        for kind, target in rels.values():
            if kind.endswith("/sharedStrings") and self.package.has(target):
                return [_string(si) for si in self.xml(target).iterfind("{*}si")]
        return []

    def sheets(self) -> list[Sheet]:
        workbook = self.workbook_part()
        root = self.xml(workbook)
        rels = self.targets(workbook)
        strings = self.shared_strings(workbook, rels)
        properties = root.find("{*}workbookPr")
        date1904 = properties is not None and properties.get("date1904") in ("1", "true")
        found: list[Sheet] = []
        for entry in root.iterfind("{*}sheets/{*}sheet"):
            rid = next((v for k, v in entry.attrib.items() if _local(k) == "id"), None)
            kind, target = rels.get(str(rid), ("", ""))
            if not kind.endswith(_WORKSHEET) or not self.package.has(target):
                continue  # a chart sheet or a dangling entry: nothing of the form is there
            found.append(self.sheet(str(entry.get("name", "")), target, strings, date1904))
        return found

    def sheet(self, name: str, part: str, strings: list[str], date1904: bool) -> Sheet:
        root = self.xml(part)
        cells: dict[tuple[int, int], tuple[str, SheetCell]] = {}
        row_index = -1
        for row in root.iterfind("{*}sheetData/{*}row"):
            given = row.get("r")
            row_index = int(given) - 1 if given and given.isdigit() else row_index + 1
            col_index = -1
            for cell in row.iterfind("{*}c"):
                place = _reference(cell.get("r", ""))
                if place is not None:
                    row_index, col_index = place[0], place[1]
                else:
                    col_index += 1
                self.count += 1
                if self.count > MAX_CELLS:
                    raise WorkbookLimitError(
                        f"工作簿的单元格超过 {MAX_CELLS:,} 个，不是年报填报表",
                        place=self.package.name,
                    )
                text, handle = self.value(cell, name, row_index, col_index, strings)
                cells[row_index, col_index] = (text, handle)
        merges = []
        for merge in root.iterfind("{*}mergeCells/{*}mergeCell"):
            first, _, last = merge.get("ref", "").partition(":")
            start, end = _reference(first), _reference(last or first)
            if start is not None and end is not None:
                merges.append((*start, *end))
        return Sheet(name, cells, tuple(merges), date1904)

    @staticmethod
    def value(
        cell: etree._Element, sheet: str, row: int, col: int, strings: list[str]
    ) -> tuple[str, SheetCell]:
        kind = cell.get("t", "n")
        formula = cell.find("{*}f") is not None
        raw = cell.findtext("{*}v")
        # openpyxl writes a formula with an empty <v/>: no result, unless the result is text.
        cached = not formula or bool(raw) or (raw is not None and kind == "str")
        number = kind == "n" and bool(raw)
        handle = SheetCell(sheet, row, col, formula, cached, number)
        if kind == "inlineStr":
            inline = cell.find("{*}is")
            return (_string(inline) if inline is not None else ""), handle
        if not raw:
            return "", handle
        if kind == "s":
            index = int(raw) if raw.strip().isdigit() else -1
            return (strings[index] if 0 <= index < len(strings) else ""), handle
        if kind == "b":
            return ("TRUE" if raw.strip() == "1" else "FALSE"), handle
        if kind in ("str", "e", "d"):
            return _unescape(raw), handle
        return _number(raw), handle


def read_sheets(
    source: str | os.PathLike[str] | bytes, *, limits: Limits = WORKBOOK_LIMITS
) -> tuple[str, list[Sheet]]:
    """The name of the workbook as messages give it, and its worksheets in tab order.

    Raises the :class:`~gpr_docx.errors.WorkbookError` s of the zip guard, and
    :class:`~gpr_docx.errors.UnsafeXmlError` for a part with a DOCTYPE.
    """
    with open_package(source, kind=XLSX, limits=limits) as package:
        if not package.has(_CONTENT_TYPES):  # pragma: no cover - the guard's main part
            raise BrokenWorkbookError(f"缺少 {_CONTENT_TYPES}", place=package.name)
        return package.name, _Reader(package).sheets()


def _covered(sheet: Sheet) -> tuple[dict[tuple[int, int], tuple[int, int]], set[tuple[int, int]]]:
    """The spans of each merged range's first cell, and every other position a merge covers."""
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    hidden: set[tuple[int, int]] = set()
    for r0, c0, r1, c1 in sheet.merges:
        if (r0, c0) in spans or (r0, c0) in hidden or r1 < r0 or c1 < c0:
            continue  # an overlapping or reversed range: Excel would not open it either
        spans[r0, c0] = (r1 - r0 + 1, c1 - c0 + 1)
        hidden.update((r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1))
        hidden.discard((r0, c0))
    return spans, hidden


def _blocks(sheet: Sheet, spans: dict[tuple[int, int], tuple[int, int]]) -> Iterator[range]:
    """Runs of rows that hold cells (a table's blank input cells are still written, with their
    borders); a merged cell holds its rows together. A row without any cell separates blocks."""
    filled: set[int] = set()
    for row, col in sheet.cells:
        rowspan = spans.get((row, col), (1, 1))[0]
        filled.update(range(row, row + rowspan))
    start = previous = None
    for row in sorted(filled):
        if start is None or previous is None:
            start = previous = row
        elif row == previous + 1:
            previous = row
        else:
            yield range(start, previous + 1)
            start = previous = row
    if start is not None and previous is not None:
        yield range(start, previous + 1)


def grids(sheet: Sheet) -> Iterator[Grid[SheetCell]]:
    """One grid per block of rows, every position in it a cell (blank ones too), merges as spans."""
    spans, hidden = _covered(sheet)
    for rows in _blocks(sheet, spans):
        width = 1 + max(
            (
                col + spans.get((row, col), (1, 1))[1] - 1
                for (row, col), (text, _) in sheet.cells.items()
                if row in rows and text.strip()
            ),
            default=0,
        )
        cells: list[Cell[SheetCell]] = []
        for row in rows:
            for col in range(width):
                if (row, col) in hidden:
                    continue
                text, handle = sheet.cells.get((row, col), ("", SheetCell(sheet.name, row, col)))
                rowspan, colspan = spans.get((row, col), (1, 1))
                rowspan = min(rowspan, rows.stop - row)
                cells.append(Cell(row - rows.start, col, rowspan, colspan, text, handle))
        yield Grid(tuple(cells))


def all_grids(sheets: list[Sheet]) -> list[Grid[SheetCell]]:
    """Every block of every sheet, sheet by sheet in tab order."""
    return [grid for sheet in sheets for grid in grids(sheet)]

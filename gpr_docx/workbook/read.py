"""The clerk's workbook → a report: cells found by their labels, every problem at its cell.

The tables are read by the label-anchored mapping every reader shares
(:func:`gpr_docx.parse.cells.locate` and :func:`~gpr_docx.parse.cells.read_values`), so a workbook
where an office inserted a column, moved a table, renamed a sheet or added a row below a table
reads the same. The texts are found by their labels on any sheet, each taken from the 内容 column
(or the cell right of its label).

A workbook is a data file the clerk filled in, so it is read by the data format's rules, not a
published document's: a blank input cell is 0 (the workbook says so), a total left blank or a
formula without a result in the file (a workbook never opened in a spreadsheet program) is computed
from its cells, a total typed over its formula is a given total and is checked. Anything that is
not a number where a number belongs — ``十二``, ``-3``, ``/`` — and any official cell that cannot be
found is a :class:`~gpr_docx.errors.Fault` naming the cell (``表三!D6``) and its official label;
all of them are raised together as one :class:`~gpr_docx.errors.SchemaError`.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Sequence
from typing import Any, Final

from ..errors import (
    BAD_VALUE,
    MISSING_KEY,
    UNREADABLE_CELL,
    WRONG_TYPE,
    Fault,
    NotAReportError,
    SchemaError,
)
from ..form import FEE_PATH, name_of_path
from ..grid import Grid
from ..model import APPLICANT_COLUMNS, Report
from ..oxml.package import Limits
from ..parse.cells import FORM_INDEX, Located, locate, read_values
from ..parse.labels import normalize
from ..parse.result import NoteKind
from ..schema import SCHEMA, structure
from ..values import (
    as_count,
    as_fee,
    count_rejection,
    fee_rejection,
    year_rejection,
)
from .layout import AGENCY, CONTENT_HEADER, TEXTS, YEAR, is_total, total_parts
from .sheets import WORKBOOK_LIMITS, Sheet, SheetCell, all_grids, read_sheets

__all__ = ["read_workbook"]

_NOT_A_NUMBER_HINT: Final = "；没有的请填 0 或留空"
_OPTIONAL_TEXTS: Final = frozenset({"title", "preface"})
_UNCACHED: Final = (
    "是公式，但文件中没有它的计算结果（工作簿未在 Excel、WPS 或 LibreOffice 中打开保存过）；"
    "请打开后保存，或直接填写数值"
)


def _get(data: dict[str, Any], path: str) -> Any:
    for key in path.split("."):
        data = data[key]
    return data


def _put(data: dict[str, Any], path: str, value: object) -> None:
    *parents, name = path.split(".")
    for key in parents:
        data = data.setdefault(key, {})
    data[name] = value


def _fault(code: str, path: str, message: str) -> Fault:
    return Fault(code, f"$.{path}", message, name_of_path(path))


def _places(cells: Sequence[SheetCell]) -> str:
    return "、".join(cell.place for cell in cells)


def _value_fault(path: str, text: str, cells: Sequence[SheetCell], kind: NoteKind) -> Fault:
    """A cell that holds no number where one belongs: the data format's own words, and the cell."""
    shown = text.strip()
    if path == FEE_PATH:
        rejection = fee_rejection(as_fee(shown))
    else:
        rejection = count_rejection(as_count(shown))
    code, message = (
        (rejection.code, rejection.message) if rejection else ("V-1", f"无法读取为数值：{shown!r}")
    )
    hint = _NOT_A_NUMBER_HINT if kind is NoteKind.NOT_APPLICABLE else ""
    return _fault(code, path, f"{message}{hint}（单元格 {_places(cells)}）")


def _tables(located: Located[SheetCell], data: dict[str, Any], faults: list[Fault]) -> None:
    """The table values in ``data`` (as :func:`read_values` reads them), blanks settled, faults noted."""
    values = read_values(located, "2021")
    data.update(values.data)
    blank_totals: list[str] = []
    for note in values.notes:
        path = note.field
        if path is None:
            if note.kind is NoteKind.MISSING and note.location is not None:
                key = next(s.key for s in FORM_INDEX if s.heading == note.location.part)
                faults.append(_fault(MISSING_KEY, key, "工作簿中找不到此表（按栏目名称查找）"))
            continue  # a number beside the tables that belongs to no cell of the form: not read
        cells = [c.cell.handle for c in located.cells.get(path, ())]
        if note.kind is NoteKind.BLANK:
            if is_total(path):
                blank_totals.append(path)
            continue
        if note.kind is NoteKind.MISSING:
            faults.append(
                _fault(MISSING_KEY, path, "工作簿中找不到此栏目（按行、列的栏目名称查找）")
            )
        elif note.kind in (NoteKind.UNREADABLE, NoteKind.NOT_APPLICABLE):
            if len({c.text.strip() for c in located.cells.get(path, ()) if c.text.strip()}) > 1:
                faults.append(
                    _fault(UNREADABLE_CELL, path, f"{note.message}（单元格 {_places(cells)}）")
                )
            else:
                faults.append(_value_fault(path, note.text, cells, note.kind))
    # A blank total (or a formula without its result) is the sum of its cells, as the model adds
    # them: the rows' and groups' totals first, then （七）总计 over the rows.
    for path in sorted(blank_totals, key=lambda p: len(total_parts(p)) > len(APPLICANT_COLUMNS)):
        _put(data, path, sum(int(_get(data, part)) for part in total_parts(path)))
    for path, found in located.cells.items():
        uncached = [
            c.cell.handle for c in found if c.cell.handle.formula and not c.cell.handle.cached
        ]
        if uncached and not is_total(path):
            faults.append(_fault(BAD_VALUE, path, f"单元格 {_places(uncached)} {_UNCACHED}"))


def _content_columns(sheet: Sheet) -> dict[int, int]:
    """For each row of ``sheet``, the column of the 内容 header nearest above it (if any)."""
    headers = sorted(
        (row, col)
        for (row, col), (text, _) in sheet.cells.items()
        if normalize(text) == CONTENT_HEADER
    )
    columns: dict[int, int] = {}
    for row, col in headers:
        for below in range(row + 1, row + 1 + len(TEXTS) * 4):
            columns.setdefault(below, col)
    return columns


def _texts(sheets: Sequence[Sheet], data: dict[str, Any], faults: list[Fault]) -> bool:
    """The texts by their labels on any sheet; whether any label was found."""
    wanted = {normalize(item.label): item for item in TEXTS}
    found: dict[str, list[tuple[str, SheetCell]]] = {}
    for sheet in sheets:
        merged = {(r0, c0): c1 - c0 + 1 for r0, c0, _, c1 in sheet.merges}
        content = _content_columns(sheet)
        for (row, col), (text, _) in sheet.cells.items():
            item = wanted.get(normalize(text)) if text else None
            if item is None:
                continue
            target = content.get(row)
            if target is None or target <= col:
                target = col + merged.get((row, col), 1)
            value, handle = sheet.cells.get((row, target), ("", SheetCell(sheet.name, row, target)))
            found.setdefault(item.path, []).append((value, handle))
    for item in TEXTS:
        places = found.get(item.path)
        if not places:
            if item.path in (AGENCY, YEAR, "problems", "improvements", "other_matters"):
                faults.append(_fault(MISSING_KEY, item.path, f"工作簿中找不到「{item.label}」栏目"))
            continue
        values = {text.strip() for text, _ in places}
        handles = [handle for _, handle in places]
        if len(values) > 1:
            faults.append(
                _fault(
                    UNREADABLE_CELL,
                    item.path,
                    f"「{item.label}」出现多处且内容不同，无法确定（单元格 {_places(handles)}）",
                )
            )
            continue
        text = places[0][0].strip()
        if item.path == YEAR:
            _year(text, handles, data, faults)
        elif item.path == AGENCY and not text:
            faults.append(
                _fault(MISSING_KEY, AGENCY, f"未填写报告机关（单元格 {_places(handles)}）")
            )
        elif text or item.path not in _OPTIONAL_TEXTS:
            _put(data, item.path, text)
    return bool(found)


def _year(text: str, cells: Sequence[SheetCell], data: dict[str, Any], faults: list[Fault]) -> None:
    digits = unicodedata.normalize("NFKC", text).replace(" ", "").removesuffix("年")
    value: object = int(digits) if digits.isascii() and digits.isdigit() else text
    rejection = year_rejection(value)
    if not text:
        faults.append(_fault(MISSING_KEY, YEAR, f"未填写报告年度（单元格 {_places(cells)}）"))
    elif rejection is not None:
        faults.append(_fault(WRONG_TYPE, YEAR, f"{rejection.message}（单元格 {_places(cells)}）"))
    else:
        data[YEAR] = value


def read_workbook(
    source: str | os.PathLike[str] | bytes, *, limits: Limits | None = None
) -> Report:
    """Read a filled-in workbook (a path or its bytes) into a report.

    Raises the :class:`~gpr_docx.errors.WorkbookError` s of a file that cannot be opened,
    :class:`~gpr_docx.errors.NotAReportError` for a workbook with neither the form's tables nor its
    texts, and :class:`~gpr_docx.errors.SchemaError` with every cell that could not be read.
    """
    name, sheets = read_sheets(source, limits=WORKBOOK_LIMITS if limits is None else limits)
    grids: list[Grid[SheetCell]] = all_grids(sheets)
    located = locate(grids)
    faults: list[Fault] = []
    data: dict[str, Any] = {"schema": SCHEMA}
    has_texts = _texts(sheets, data, faults)
    if not located.tables and not has_texts:
        raise NotAReportError(
            "工作簿中找不到年报的表格（二、三、四）和正文栏目，不是年报填报表", place=name
        )
    _tables(located, data, faults)
    for key in ("overview", "active_disclosure", "applications", "review_litigation"):
        data.setdefault(key, {})
    for key in ("problems", "improvements", "other_matters"):
        data.setdefault(key, "")
    try:
        report = structure(data, source=name)
    except SchemaError as error:
        seen = {(f.code, f.path) for f in faults} | {("GPR112", f.path) for f in faults}
        faults.extend(f for f in error.faults if (f.code, f.path) not in seen)
    if faults:
        raise SchemaError(faults, place=name)
    return report

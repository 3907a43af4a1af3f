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

import datetime
import difflib
import os
import unicodedata
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from .._zh import date_value
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
from ..grid import Cell, Grid
from ..model import APPLICANT_COLUMNS, Report, level_rejection
from ..oxml.package import Limits
from ..parse.cells import FORM_INDEX, Located, locate, read_values
from ..parse.labels import normalize
from ..parse.result import NoteKind
from ..schema import SCHEMA, structure
from ..values import (
    Rejection,
    as_count,
    as_date,
    as_fee,
    count_rejection,
    date_rejection,
    fee_rejection,
    shown,
    year_rejection,
)
from .layout import (
    AGENCY,
    CONTENT_HEADER,
    EXPLAINED_CELL_HEADER,
    NAMES_HEADER,
    NO,
    REASON_HEADER,
    TEXTS,
    YEAR,
    YES,
    Kind,
    TextItem,
    cell_names,
    is_total,
    path_of_name,
    total_parts,
)
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


_EXPLANATIONS: Final = "explanations"
_FLAGS: Final = {YES: True, NO: False, "TRUE": True, "FALSE": False}
"""What a yes/no cell may hold: the dropdown's 是/否, or a spreadsheet's own TRUE/FALSE."""
_LAST_SERIAL: Final = 2_958_465
"""The day number of 9999-12-31, the last day a spreadsheet shows."""
_EPOCHS: Final = (datetime.datetime(1899, 12, 30), datetime.datetime(1904, 1, 1))


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
    """The texts and statements by their labels on any sheet; whether any label was found."""
    wanted = {normalize(item.label): item for item in TEXTS}
    date1904 = {sheet.name: sheet.date1904 for sheet in sheets}
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
        if places:
            _text(item, places, date1904[places[0][1].sheet], data, faults)
        elif item.path in (AGENCY, YEAR, "problems", "improvements", "other_matters"):
            faults.append(_fault(MISSING_KEY, item.path, f"工作簿中找不到「{item.label}」栏目"))
    return bool(found)


def _text(
    item: TextItem,
    places: Sequence[tuple[str, SheetCell]],
    date1904: bool,
    data: dict[str, Any],
    faults: list[Fault],
) -> None:
    """The value of one row of the texts sheet (found at ``places``) in ``data``, or its fault."""
    handles = [handle for _, handle in places]
    if len({text.strip() for text, _ in places}) > 1:
        faults.append(
            _fault(
                UNREADABLE_CELL,
                item.path,
                f"「{item.label}」出现多处且内容不同，无法确定（单元格 {_places(handles)}）",
            )
        )
        return
    text = places[0][0].strip()
    if item.kind is Kind.YEAR:
        _year(text, handles, data, faults)
    elif item.kind is not Kind.TEXT:
        if text:  # blank: the report does not say
            value, rejection = _statement(item, text, handles[0], date1904)
            if rejection is not None:
                message = f"{rejection.message}（单元格 {_places(handles)}）"
                faults.append(_fault(rejection.code, item.path, message))
            else:
                data[item.path] = value
    elif item.path == AGENCY and not text:
        faults.append(_fault(MISSING_KEY, AGENCY, f"未填写报告机关（单元格 {_places(handles)}）"))
    elif text or item.path not in _OPTIONAL_TEXTS:
        _put(data, item.path, text)


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


def _statement(
    item: TextItem, text: str, cell: SheetCell, date1904: bool
) -> tuple[object, Rejection | None]:
    """An optional statement as the model takes it (a level, a flag, a date), or why not."""
    if item.kind is Kind.LEVEL:
        return text, level_rejection(text)
    if item.kind is Kind.FLAG:
        flag = _FLAGS.get(text.upper())
        if flag is None:
            return text, Rejection(
                WRONG_TYPE, f"应为「{YES}」或「{NO}」（或留空），实为 {shown(text)}"
            )
        return flag, None
    return _day(text, cell, date1904)


def _day(text: str, cell: SheetCell, date1904: bool) -> tuple[object, Rejection | None]:
    """A date cell: a spreadsheet date (a day number in the file), or text ``2025-01-20`` (the data
    format's own reading) or ``2025年1月20日`` (:func:`gpr_docx._zh.date_value`)."""
    if not cell.number:
        day = as_date(text)
        if isinstance(day, str):
            day = date_value(text) or text
        return day, date_rejection(day)
    try:
        serial = Decimal(text)
    except InvalidOperation:  # pragma: no cover - a number cell holds a number
        return text, date_rejection(text)
    if not 1 <= serial <= _LAST_SERIAL:
        return text, date_rejection(int(serial) if serial == serial.to_integral_value() else serial)
    # Day numbers count from 1899-12-30 in the 1900 system (Excel's phantom 1900-02-29 aside:
    # no report is dated before 1900-03-01) or from 1904-01-01.
    moment = _EPOCHS[date1904] + datetime.timedelta(days=float(serial))
    if serial != serial.to_integral_value():
        return text, Rejection(
            BAD_VALUE, f"应为日期（如 2025-01-20），不含时刻，实为 {moment:%Y-%m-%d %H:%M}"
        )
    return moment.date(), None


_NAMES: Final = frozenset(normalize(name) for name in cell_names())
_HEADERS: Final = frozenset({normalize(EXPLAINED_CELL_HEADER), normalize(REASON_HEADER)})


def _is_explanation_block(grid: Grid[SheetCell]) -> bool:
    """A block of the explanations table, or the list of cell names its dropdown offers: never a
    table of the form (a cell's name holds the labels of its row and column)."""
    texts = {normalize(cell.text) for cell in grid.cells if cell.text.strip()}
    return bool(texts & _NAMES) or texts >= _HEADERS or normalize(NAMES_HEADER) in texts


def _explanations(
    grids: Sequence[Grid[SheetCell]], data: dict[str, Any], faults: list[Fault]
) -> None:
    """The explanations table: under the 单元格 | 说明 header, each row's cell (its official name
    or data path) and reason, wherever the table stands."""
    found: dict[str, tuple[str, SheetCell]] = {}
    for grid in grids:
        at = {(cell.row, cell.col): cell for cell in grid.cells}
        header = next(
            (
                (cell.row, cell.col, reason.col)
                for cell in grid.cells
                if normalize(cell.text) == normalize(EXPLAINED_CELL_HEADER)
                for reason in grid.cells
                if reason.row == cell.row and normalize(reason.text) == normalize(REASON_HEADER)
            ),
            None,
        )
        if header is None:
            continue
        top, name_col, reason_col = header
        for row in range(top + 1, grid.height):
            name, reason = at.get((row, name_col)), at.get((row, reason_col))
            if name is not None and reason is not None:
                _explanation(name, reason, found, faults)
    if found:
        data[_EXPLANATIONS] = {path: reason for path, (reason, _) in found.items()}


def _explanation(
    name: Cell[SheetCell],
    reason: Cell[SheetCell],
    found: dict[str, tuple[str, SheetCell]],
    faults: list[Fault],
) -> None:
    """One row of the explanations table into ``found`` (path → reason and its cell), or a fault."""
    cell, text = name.text.strip(), reason.text.strip()
    if not cell and not text:
        return
    if not cell:
        message = f"填写了{REASON_HEADER}，但没有选择{EXPLAINED_CELL_HEADER}"
        faults.append(
            _fault(MISSING_KEY, _EXPLANATIONS, f"{message}（单元格 {reason.handle.place}）")
        )
        return
    path = path_of_name(cell)
    if path is None:
        close = difflib.get_close_matches(cell, cell_names(), n=1, cutoff=0.6)
        hint = f"，是否应为「{close[0]}」？" if close else "，请从下拉列表选择"
        faults.append(
            _fault(
                BAD_VALUE,
                _EXPLANATIONS,
                f"不是表格单元格的名称：{shown(cell)}{hint}（单元格 {name.handle.place}）",
            )
        )
        return
    if not text:
        message = f"选择了「{cell}」，但没有填写{REASON_HEADER}"
        faults.append(
            _fault(MISSING_KEY, _EXPLANATIONS, f"{message}（单元格 {reason.handle.place}）")
        )
        return
    if path in found and found[path][0] != text:
        places = _places([found[path][1], reason.handle])
        faults.append(
            _fault(
                UNREADABLE_CELL,
                _EXPLANATIONS,
                f"「{cell}」有两条不同的{REASON_HEADER}，无法确定（单元格 {places}）",
            )
        )
        return
    found[path] = (text, reason.handle)


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
    explained = [grid for grid in grids if _is_explanation_block(grid)]
    located = locate([grid for grid in grids if grid not in explained])
    faults: list[Fault] = []
    data: dict[str, Any] = {"schema": SCHEMA}
    has_texts = _texts(sheets, data, faults)
    _explanations(explained, data, faults)
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

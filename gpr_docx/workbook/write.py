"""Report → the clerk's workbook: the official tables as sheets, checks as they type, texts, a cover.

Each of tables 二, 三 and 四 is laid out on its own sheet from :data:`gpr_docx.form.FORM_TABLES` —
the same grid, labels and merges the Word template is built from, with its column widths — so the
workbook looks like the printed form. Input cells are unlocked and validated (counts whole ≥ 0, the
fee a decimal with at most :data:`~gpr_docx.values.FEE_DECIMALS` places), totals are live
``=SUM(…)`` formulas on a grey ground, and a check column (and for table 三 a check row) shows the
form's balancing rules as ✔ or the difference while the clerk types. The sheets are protected
without a password, so a layout is not broken by accident but an office can lift it.
"""

from __future__ import annotations

import datetime
import io
import math
import unicodedata
import zipfile
from collections.abc import Iterable
from typing import Any, Final

import attrs
from lxml import etree
from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from .._version import __version__
from ..errors import RenderError
from ..form import (
    CELL_PATHS,
    COLUMN_WIDTHS,
    FEE_PATH,
    FORM_TABLES,
    FormTable,
    cell_location,
    field_value,
)
from ..model import APPLICANT_COLUMNS, LEVELS, DocumentCounts, Report, ReviewLitigation, label
from ..schema import SCHEMA
from ..values import FEE_DECIMALS
from .layout import (
    AGENCY,
    CHECK_HEADER,
    CONTENT_HEADER,
    COUNT_HEADER,
    COVER_SHEET,
    EXCEL_CELL_CHARACTERS,
    EXPLAINED_CELL_HEADER,
    EXPLANATIONS_SHEET,
    EXPLANATIONS_TOP,
    IN_FORCE_BEFORE,
    ITEM_HEADER,
    NAMES_HEADER,
    NAMES_SHEET,
    NO,
    PLACES,
    REASON_HEADER,
    TABLE_TOP,
    TEXTS,
    TEXTS_SHEET,
    TEXTS_TOP,
    YES,
    Kind,
    TextItem,
    cell_names,
    is_total,
    sheet_name,
    total_parts,
)

__all__ = ["CHECK_ROW_LABEL", "DATE_FORMAT", "write_workbook"]

CHECK_ROW_LABEL: Final = "核对（一 + 二 = 三 + 四）"
"""The label of the check row under table 三: the form's own balancing rule (T3-1), short enough to
stand in the label columns unmerged, so that the sheet's merges are the form's alone."""
DATE_FORMAT: Final = "yyyy-mm-dd"
"""The number format of the date cells: a real spreadsheet date, shown as 2025-01-20."""
CHECK_MARK: Final = "✔"
_DIFFERENCE: Final = "相差 "

_TWIPS_PER_WIDTH: Final = 105
"""Twips per unit of spreadsheet column width (one digit of the default font, 7 px at 96 dpi)."""
_POINTS_PER_LINE: Final = 15.0
_MAX_ROW_HEIGHT: Final = 409.0
_FONT_NAME: Final = "宋体"
_THIN: Final = Side(style="thin", color="000000")
_BORDER: Final = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_OK_FILL: Final = PatternFill("solid", fgColor="C6EFCE")
_OK_FONT: Final = Font(name=_FONT_NAME, color="006100")
_BAD_FILL: Final = PatternFill("solid", fgColor="FFC7CE")
_BAD_FONT: Final = Font(name=_FONT_NAME, color="9C0006", bold=True)

HEADER: Final = "填报-表头"
ROW_LABEL: Final = "填报-栏目"
INPUT: Final = "填报-填写"
TOTAL: Final = "填报-合计"
CHECK: Final = "填报-核对"
TEXT: Final = "填报-文字"
DATE: Final = "填报-日期"
TITLE: Final = "填报-标题"
NOTE: Final = "填报-说明"


def _named_styles() -> list[NamedStyle]:
    """The workbook's cell styles, named (an office restyles one and every cell of it follows):
    headers and labels, input cells (the only unlocked ones), totals on grey, checks, texts."""
    font = Font(name=_FONT_NAME, size=10.5)
    bold = Font(name=_FONT_NAME, size=10.5, bold=True)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    label_fill = PatternFill("solid", fgColor="F2F2F2")
    unlocked = Protection(locked=False)
    return [
        NamedStyle(HEADER, font=bold, alignment=center, border=_BORDER, fill=label_fill),
        NamedStyle(
            ROW_LABEL,
            font=font,
            alignment=Alignment(horizontal="left", vertical="center", wrap_text=True),
            border=_BORDER,
            fill=label_fill,
        ),
        NamedStyle(INPUT, font=font, alignment=center, border=_BORDER, protection=unlocked),
        NamedStyle(
            TOTAL,
            font=font,
            alignment=center,
            border=_BORDER,
            fill=PatternFill("solid", fgColor="D9D9D9"),
        ),
        NamedStyle(CHECK, font=font, alignment=center, border=_BORDER),
        NamedStyle(
            TEXT,
            font=font,
            alignment=Alignment(horizontal="left", vertical="top", wrap_text=True),
            border=_BORDER,
            protection=unlocked,
        ),
        NamedStyle(
            DATE,
            font=font,
            alignment=Alignment(horizontal="left", vertical="top"),
            border=_BORDER,
            protection=unlocked,
            number_format=DATE_FORMAT,
        ),
        NamedStyle(TITLE, font=Font(name=_FONT_NAME, size=14, bold=True)),
        NamedStyle(NOTE, font=font, alignment=Alignment(vertical="top", wrap_text=True)),
    ]


_COUNT_PROMPT: Final = "填写件数（不小于 0 的整数）；没有的填 0 或留空，留空按 0 计。"
_COUNT_ERROR: Final = "件数应为不小于 0 的整数，请重新填写。"
_FEE_PROMPT: Final = (
    f"填写本年收费金额，单位为万元（不小于 0，最多 {FEE_DECIMALS} 位小数）；没有的填 0。"
)
_FEE_ERROR: Final = f"收费金额应为不小于 0 的数，单位为万元，最多 {FEE_DECIMALS} 位小数。"
_YEAR_PROMPT: Final = "填写报告年度，四位数字，如 2024。"
_YEAR_ERROR: Final = "报告年度应为四位数字，如 2024。"
_LEVEL_PROMPT: Final = (
    f"可不填：从下拉列表选择本机关的层级（{'、'.join(LEVELS)}；政府部门选「部门」）；"
    "不填时按机关名称判断。"
)
_LEVEL_ERROR: Final = f"机关层级应为{'、'.join(LEVELS)}之一，请从下拉列表选择或留空。"
_FLAG_PROMPT: Final = (
    f"可不填：本机关（或所代表的政府）有无规章制定权，选「{YES}」或「{NO}」；"
    "不填时按机关层级或名称判断。"
)
_FLAG_ERROR: Final = f"应为「{YES}」或「{NO}」，请从下拉列表选择或留空。"
_DATE_PROMPT: Final = (
    "可不填：填写日期，如 2025-01-20（也可写 2025年1月20日）；"
    "地方规则（gpr-docx check --profile）据此检查期限。"
)
_DATE_ERROR: Final = "应为 2000 年至 2099 年间的日期，如 2025-01-20。"
_FIRST_DAY: Final = datetime.date(2000, 1, 1)
_LAST_DAY: Final = datetime.date(2099, 12, 31)
_EXPLAINED_PROMPT: Final = (
    "从下拉列表选择单元格；名称与 gpr-docx check 检查结果中的单元格名称相同。"
)
_EXPLAINED_ERROR: Final = "应为表格中的单元格名称，请从下拉列表选择。"
_REASON_PROMPT: Final = (
    "填写此单元格与上年报告不衔接的原因，如：2024年开展文件清理，现行有效件数重新统计。"
)
_EXPLANATIONS_NOTE: Final = (
    "某个数与上年报告不衔接（如清理文件后现行有效件数重新统计）时，在此说明原因："
    f"「{EXPLAINED_CELL_HEADER}」列从下拉列表选择单元格，「{REASON_HEADER}」列填写原因。"
    "检查时，该单元格的跨年度差异改为提示并引用此说明。没有的不填。"
)
_EXPLANATION_ROWS: Final = 20
_SPARE_ROWS: Final = 5
_TEXT_PROMPT: Final = "每段一行（单元格内换行：Alt+Enter）；字数列自动统计。"
_TITLE_PROMPT: Final = "可不填：默认为「报告机关 + 年度 + 年政府信息公开工作年度报告」。"

_COVER: Final = (
    "政府信息公开工作年度报告 · 填报表",
    "",
    "本工作簿按国务院办公厅政府信息公开办公室《中华人民共和国政府信息公开工作年度报告格式》"
    "（国办公开办函〔2021〕30号）制作，各表的栏目、合并单元格与正式年报的表格相同。",
    "",
    "填写方法：",
    f"1. 在「{TEXTS_SHEET}」表中填写报告机关、报告年度和各部分文字；每段一行，单元格内换行用 Alt+Enter。"
    "机关层级、有规章制定权（下拉选择）和公开发布日期、报送日期可不填，不填的按未说明处理。",
    "2. 在「表二」「表三」「表四」的白色单元格中填写数字：件数为不小于 0 的整数；"
    f"收费金额以万元计，最多 {FEE_DECIMALS} 位小数。留空的单元格按 0 计。",
    "3. 灰色单元格是自动求和的合计，不需要填写。",
    f"4. 表格右侧（表三还有下方）的「{CHECK_HEADER}」显示勾稽关系：{CHECK_MARK} 表示相符，"
    "红色表示不符并给出相差的数。",
    f"5. 某个数与上年报告不衔接时，可在「{EXPLANATIONS_SHEET}」表中选择该单元格并填写原因。",
    "6. 各表已设保护（没有密码），以免误改表格格式；确需修改时，可在「审阅」中撤销工作表保护。"
    "读取时按栏目名称查找各单元格，所以可以重命名工作表、插入行列，但请不要修改栏目名称。",
    "7. 填好后保存为 .xlsx 格式（不要另存为 .xls 或 .csv）。",
    "",
    "生成和检查（需安装 gpr-docx）：",
    "  gpr-docx check 本文件.xlsx                     检查勾稽关系和跨年度衔接",
    "  gpr-docx render 本文件.xlsx -o 年度报告.docx   生成正式格式的 Word 年度报告",
    "",
    f"数据格式：{SCHEMA}（2021 年版年报格式）；由 gpr-docx {__version__} 生成。",
)


def _width(text: str) -> int:
    """Display width of ``text`` in units of one Latin digit: a Chinese character is two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _lines(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` units wide."""
    room = max(width - 1, 1)
    return sum(max(1, math.ceil(_width(line) / room)) for line in (text.split("\n") or [""]))


def _height(lines: int) -> float:
    return min(_MAX_ROW_HEIGHT, max(1, lines) * _POINTS_PER_LINE + 3)


def _runs(cells: Iterable[tuple[int, int]]) -> str:
    """A validation's ``sqref`` for 1-based (row, column) cells: one range per run along a row."""
    ranges: list[str] = []
    by_row: dict[int, list[int]] = {}
    for row, col in cells:
        by_row.setdefault(row, []).append(col)
    for row, cols in sorted(by_row.items()):
        runs: list[list[int]] = []
        for col in sorted(cols):
            if runs and col == runs[-1][-1] + 1:
                runs[-1].append(col)
            else:
                runs.append([col])
        for run in runs:
            first, last = f"{get_column_letter(run[0])}{row}", f"{get_column_letter(run[-1])}{row}"
            ranges.append(first if first == last else f"{first}:{last}")
    return " ".join(ranges)


def _validation(kind: Any, prompt: str, error: str, **rule: Any) -> DataValidation:
    return DataValidation(
        type=kind,
        allow_blank=True,
        showInputMessage=True,
        showErrorMessage=True,
        promptTitle="填写提示",
        prompt=prompt,
        errorTitle="输入有误",
        error=error,
        errorStyle="stop",
        **rule,
    )


def _protect(sheet: Worksheet) -> None:
    """Protection without a password: labels and formulas locked; columns and rows may be resized."""
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _print_setup(sheet: Worksheet, *, landscape: bool, area: str, titles: str | None) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.horizontalCentered = True
    sheet.print_area = area
    if titles:
        sheet.print_title_rows = titles


def _check_formats(sheet: Worksheet, area: str) -> None:
    """✔ on green, anything else (a difference) on red, as the clerk types."""
    first = area.split(":", 1)[0]
    sheet.conditional_formatting.add(
        area,
        FormulaRule(  # type: ignore[no-untyped-call]
            formula=[f'{first}="{CHECK_MARK}"'], fill=_OK_FILL, font=_OK_FONT
        ),
    )
    sheet.conditional_formatting.add(
        area,
        FormulaRule(  # type: ignore[no-untyped-call]
            formula=[f'AND({first}<>"",{first}<>"{CHECK_MARK}")'], fill=_BAD_FILL, font=_BAD_FONT
        ),
    )


def _differs(left: str, right: str, prefix: str = _DIFFERENCE) -> str:
    """A formula piece: ✔ when ``left`` equals ``right``, else the difference with its words."""
    return f'IF({left}={right},"{CHECK_MARK}","{prefix}"&({left}-({right})))'


class _TableSheet:
    """One official table on its own sheet: grid cells at :data:`TABLE_TOP`, checks beside."""

    def __init__(self, sheet: Worksheet, table: FormTable) -> None:
        self.sheet = sheet
        self.table = table
        self.places = PLACES[table.key]
        self.counts: list[tuple[int, int]] = []
        self.fees: list[tuple[int, int]] = []
        self.widths = [w / _TWIPS_PER_WIDTH for w in COLUMN_WIDTHS[table.key]]
        self.lines: dict[int, int] = {}

    def address(self, path: str) -> str:
        place = self.places[path]
        return f"{get_column_letter(place.col + 1)}{TABLE_TOP + place.row}"

    def row_of(self, grid_row: int) -> int:
        return TABLE_TOP + grid_row

    def span_width(self, col: int, colspan: int) -> float:
        return sum(self.widths[col : col + colspan])

    def lay_out(self, report: Report | None, given: dict[str, Any]) -> None:
        sheet, table = self.sheet, self.table
        sheet.cell(1, 1, table.heading).style = TITLE
        for cell in table.cells:
            row, col = self.row_of(cell.row), cell.col + 1
            target = sheet.cell(row, col)
            if cell.field is None:
                target.value = cell.text
                header = cell.row < table.header_rows or cell.colspan == table.columns
                target.style = HEADER if header or table.key != "applications" else ROW_LABEL
                lines = _lines(cell.text, self.span_width(cell.col, cell.colspan))
                share = math.ceil(lines / cell.rowspan)
                for r in range(row, row + cell.rowspan):
                    self.lines[r] = max(self.lines.get(r, 1), share)
            else:
                self.put(cell.field, target, report, given)
            if cell.rowspan > 1 or cell.colspan > 1:
                self.merge(target.style, row, col, cell.rowspan, cell.colspan)
        for index, width in enumerate(self.widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = round(width, 2)

    def merge(self, style: str, row: int, col: int, rowspan: int, colspan: int) -> None:
        """Merge a cell over its spans; every covered cell takes its style (so each draws its
        border), as spreadsheet programs store a merged cell themselves."""
        last_row, last_col = row + rowspan - 1, col + colspan - 1
        for r in range(row, last_row + 1):
            for c in range(col, last_col + 1):
                if (r, c) != (row, col):
                    self.sheet.cell(r, c).style = style
        self.sheet.merged_cells.add(
            MergedCellRange(
                self.sheet, f"{get_column_letter(col)}{row}:{get_column_letter(last_col)}{last_row}"
            )
        )

    def put(self, path: str, target: Any, report: Report | None, given: dict[str, Any]) -> None:
        """A data cell: a total's formula (or the total as given when it is not the sum), or an input."""
        if is_total(path):
            target.style = TOTAL
            target.value = self.total_formula(path)
            if report is not None:
                value = field_value(report, path)
                if value != sum(field_value(report, p) for p in total_parts(path)):
                    target.value = value  # a given total that is not the sum: kept, and checked
            return
        target.style = INPUT
        (self.fees if path == FEE_PATH else self.counts).append((target.row, target.column))
        if path in given:
            target.value = given[path]
        elif report is not None and path not in report.unfilled:
            target.value = field_value(report, path)

    def total_formula(self, path: str) -> str:
        parts = [self.places[p] for p in total_parts(path)]
        rows = {p.row for p in parts}
        cols = {p.col for p in parts}
        first = min(parts, key=lambda p: (p.row, p.col))
        last = max(parts, key=lambda p: (p.row, p.col))
        contiguous = (len(rows) == 1 and max(cols) - min(cols) + 1 == len(parts)) or (
            len(cols) == 1 and max(rows) - min(rows) + 1 == len(parts)
        )
        if not contiguous:  # pragma: no cover - every total of the form is a run of cells
            return "=" + "+".join(self.cell_name(p.row, p.col) for p in parts)
        return f"=SUM({self.cell_name(first.row, first.col)}:{self.cell_name(last.row, last.col)})"

    def cell_name(self, grid_row: int, grid_col: int) -> str:
        return f"{get_column_letter(grid_col + 1)}{self.row_of(grid_row)}"

    def validate(self) -> None:
        sheet = self.sheet
        if self.counts:
            counts = _validation(
                "whole", _COUNT_PROMPT, _COUNT_ERROR, operator="greaterThanOrEqual", formula1="0"
            )
            counts.sqref = _runs(self.counts)
            sheet.add_data_validation(counts)
        if self.fees:
            row, col = self.fees[0]
            at = f"{get_column_letter(col)}{row}"
            fees = _validation(
                "custom",
                _FEE_PROMPT,
                _FEE_ERROR,
                formula1=f"AND(ISNUMBER({at}),{at}>=0,ROUND({at},{FEE_DECIMALS})={at})",
            )
            fees.sqref = _runs(self.fees)
            sheet.add_data_validation(fees)

    def heights(self) -> None:
        for row, lines in self.lines.items():
            self.sheet.row_dimensions[row].height = _height(lines)


def _check_cell(sheet: Worksheet, row: int, col: int, formula: str) -> None:
    sheet.cell(row, col, formula).style = CHECK


def _header_cell(sheet: Worksheet, row: int, col: int, text: str, rows: int = 1) -> None:
    sheet.cell(row, col, text).style = HEADER
    for r in range(row + 1, row + rows):
        sheet.cell(r, col).style = HEADER


def _table2(layout: _TableSheet, previous: Report | None) -> str:
    """Table 二: with last year's report, its 现行有效件数 beside, in a blank workbook also as this
    year's base (a number, not a formula: an input cell holds what was typed), and a check."""
    sheet, table = layout.sheet, layout.table
    last_col = table.columns
    if previous is not None:
        before_col, check_col = table.columns + 1, table.columns + 2
        last_col = check_col
        in_force_label = label(DocumentCounts, "in_force")
        header_row = next(c.row for c in table.cells if c.text == in_force_label)
        _header_cell(sheet, layout.row_of(header_row), before_col, IN_FORCE_BEFORE)
        _header_cell(sheet, layout.row_of(header_row), check_col, CHECK_HEADER)
        rows = []
        for name in ("regulations", "normative_documents"):
            path = f"active_disclosure.{name}"
            row = int(layout.address(f"{path}.in_force")[1:])
            rows.append(row)
            before = sheet.cell(row, before_col, getattr(previous.active_disclosure, name).in_force)
            before.style = INPUT
            layout.counts.append((row, before_col))
            issued = layout.address(f"{path}.issued")
            repealed = layout.address(f"{path}.repealed")
            base = f"{get_column_letter(before_col)}{row}"
            in_force_cell = sheet[layout.address(f"{path}.in_force")]
            if in_force_cell.value is None:  # a blank workbook: last year's count as the base
                in_force_cell.value = before.value
            expected = f"{base}+{issued}-{repealed}"
            in_force = layout.address(f"{path}.in_force")
            _check_cell(
                sheet,
                row,
                check_col,
                f'=IF({base}="","",IF({in_force}={expected},"{CHECK_MARK}","应为 "&({expected})))',
            )
        for col in (before_col, check_col):
            sheet.column_dimensions[get_column_letter(col)].width = 14
        letter = get_column_letter(check_col)
        _check_formats(sheet, f"{letter}{min(rows)}:{letter}{max(rows)}")
    return f"A1:{get_column_letter(last_col)}{layout.row_of(table.rows - 1)}"


def _table3(layout: _TableSheet) -> str:
    """Table 三: a check column (each row's 总计) and a check row (the form's balancing rule)."""
    sheet, table = layout.sheet, layout.table
    check_col = table.columns + 1
    _header_cell(sheet, layout.row_of(0), check_col, CHECK_HEADER, rows=table.header_rows)
    data_rows = sorted({p.row for p in layout.places.values()})
    for grid_row in data_rows:
        total = next(
            p
            for p, place in layout.places.items()
            if place.row == grid_row and p.endswith(".total")
        )
        row = layout.row_of(grid_row)
        parts = total_parts(total) if not total.startswith("applications.results.total") else ()
        if not parts:
            parts = tuple(
                p for p, place in layout.places.items() if place.row == grid_row and p != total
            )
        first, last = layout.address(parts[0]), layout.address(parts[-1])
        _check_cell(
            sheet, row, check_col, "=" + _differs(layout.address(total), f"SUM({first}:{last})")
        )
    letter = get_column_letter(check_col)
    _check_formats(
        sheet, f"{letter}{layout.row_of(data_rows[0])}:{letter}{layout.row_of(data_rows[-1])}"
    )
    check_row = layout.row_of(table.rows)
    for col in range(1, 4):
        sheet.cell(check_row, col).style = HEADER
    label_cell = sheet.cell(check_row, 1, CHECK_ROW_LABEL)
    label_cell.alignment = Alignment(horizontal="left", vertical="center")  # runs on into B and C
    layout.lines[check_row] = 1
    for name in APPLICANT_COLUMNS:
        new = layout.address(f"applications.new_requests.{name}")
        carried = layout.address(f"applications.carried_over.{name}")
        total = layout.address(f"applications.results.total.{name}")
        forward = layout.address(f"applications.carried_forward.{name}")
        rows = total_parts(f"applications.results.total.{name}")
        first, last = layout.address(rows[0]), layout.address(rows[-1])
        col = layout.places[f"applications.new_requests.{name}"].col + 1
        formula = (
            f'=IF({total}<>SUM({first}:{last}),"（七）{_DIFFERENCE}"&({total}-SUM({first}:{last})),'
            f"{_differs(f'{new}+{carried}', f'{total}+{forward}')})"
        )
        _check_cell(sheet, check_row, col, formula)
    first_col = get_column_letter(layout.places["applications.new_requests.natural_person"].col + 1)
    last_letter = get_column_letter(layout.places["applications.new_requests.total"].col + 1)
    _check_formats(sheet, f"{first_col}{check_row}:{last_letter}{check_row}")
    sheet.column_dimensions[letter].width = 12
    sheet.freeze_panes = f"D{layout.row_of(table.header_rows)}"
    return f"A1:{letter}{check_row}"


def _table4(layout: _TableSheet) -> str:
    """Table 四: one check cell beside the row: each group's 总计 against its four outcomes."""
    sheet, table = layout.sheet, layout.table
    check_col = table.columns + 1
    _header_cell(sheet, layout.row_of(0), check_col, CHECK_HEADER, rows=table.header_rows)
    groups = [f.name for f in attrs.fields(ReviewLitigation)]
    row = layout.row_of(table.rows - 1)
    conditions, pieces = [], []
    for group in groups:
        total = f"review_litigation.{group}.total"
        parts = total_parts(total)
        summed = f"SUM({layout.address(parts[0])}:{layout.address(parts[-1])})"
        conditions.append(f"{layout.address(total)}={summed}")
        name = label(ReviewLitigation, group)
        pieces.append(
            f'IF({layout.address(total)}={summed},"","{name}{_DIFFERENCE}"&'
            f'({layout.address(total)}-{summed})&" ")'
        )
    formula = f'=IF(AND({",".join(conditions)}),"{CHECK_MARK}",TRIM({"&".join(pieces)}))'
    _check_cell(sheet, row, check_col, formula)
    letter = get_column_letter(check_col)
    _check_formats(sheet, f"{letter}{row}:{letter}{row}")
    sheet.column_dimensions[letter].width = 16
    layout.lines[row] = max(layout.lines.get(row, 1), 2)
    return f"A1:{letter}{row}"


def _stated(item: TextItem, report: Report | None, known: Report | None) -> object:
    """What a row other than agency and year holds: a text, or what the report states in an
    optional row as the cell holds it (the level's word, 是/否, a date; ``None``: not stated).
    The level and the power come from ``known`` (the report, or last year's for a blank one)."""
    if item.kind is Kind.TEXT:
        return field_value(report, item.path) if report is not None else None
    source = report if item.kind is Kind.DATE else known
    value = getattr(source, item.path) if source is not None else None
    if item.kind is Kind.FLAG and value is not None:
        return YES if value else NO
    return value


def _texts(
    sheet: Worksheet,
    report: Report | None,
    agency: str | None,
    year: int | None,
    previous: Report | None,
) -> None:
    sheet.cell(1, 1, TEXTS_SHEET).style = TITLE
    for col, text in enumerate((ITEM_HEADER, CONTENT_HEADER, COUNT_HEADER), start=1):
        _header_cell(sheet, TEXTS_TOP, col, text)
    widths = (30, 90, 8)
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    texts = _validation(None, _TEXT_PROMPT, "")
    texts.showErrorMessage = False
    title = _validation(None, _TITLE_PROMPT, "")
    title.showErrorMessage = False
    years = _validation(
        "whole", _YEAR_PROMPT, _YEAR_ERROR, operator="between", formula1="1000", formula2="9999"
    )
    levels = _validation("list", _LEVEL_PROMPT, _LEVEL_ERROR, formula1=f'"{",".join(LEVELS)}"')
    flags = _validation("list", _FLAG_PROMPT, _FLAG_ERROR, formula1=f'"{YES},{NO}"')
    dates = _validation(
        "date",
        _DATE_PROMPT,
        _DATE_ERROR,
        operator="between",
        formula1=_serial(_FIRST_DAY),
        formula2=_serial(_LAST_DAY),
    )
    by_kind = {Kind.YEAR: years, Kind.LEVEL: levels, Kind.FLAG: flags, Kind.DATE: dates}
    # A workbook for next year keeps what does not change with the year: the body's level and power.
    known = report if report is not None else previous
    for index, item in enumerate(TEXTS):
        row = TEXTS_TOP + 1 + index
        sheet.cell(row, 1, item.label).style = ROW_LABEL
        value: object
        if item.path == AGENCY:
            value = agency if agency is not None else (report.agency if report else None)
        elif item.kind is Kind.YEAR:
            value = year if year is not None else (report.year if report else None)
        else:
            value = _stated(item, report, known)
        if isinstance(value, str) and len(value) > EXCEL_CELL_CHARACTERS:
            raise RenderError(
                f"「{item.label}」有 {len(value)} 字，超过电子表格单元格的上限 "
                f"{EXCEL_CELL_CHARACTERS} 字，无法写入工作簿",
                place=item.label,
            )
        typed = value if isinstance(value, str | int | datetime.date) and value != "" else None
        content = sheet.cell(row, 2, typed)
        content.style = DATE if item.kind is Kind.DATE else TEXT
        count = sheet.cell(row, 3, f"=LEN(B{row})")
        count.style = TOTAL
        if item.kind in by_kind:
            by_kind[item.kind].add(content.coordinate)
            count.value = None
        elif item.path == "title":
            title.add(content.coordinate)
        elif item.path != AGENCY:
            texts.add(content.coordinate)
        shown = str(value) if value is not None else ""
        lines = max(_lines(item.label, widths[0]), _lines(shown, widths[1]))
        sheet.row_dimensions[row].height = _height(min(lines, 27))
    for validation in (texts, title, years, levels, flags, dates):
        sheet.add_data_validation(validation)
    last = TEXTS_TOP + len(TEXTS)
    sheet.freeze_panes = f"A{TEXTS_TOP + 1}"
    _protect(sheet)
    _print_setup(sheet, landscape=False, area=f"A1:C{last}", titles=f"{TEXTS_TOP}:{TEXTS_TOP}")


def _serial(day: datetime.date) -> str:
    """``day`` as a spreadsheet date number (1900 date system), as validation formulas take it."""
    return str(int(to_excel(day)))  # type: ignore[no-untyped-call]


def _cell_name(path: str) -> str:
    """The official name of the cell at ``path`` (a key the model does not know stays as it is,
    and reading the workbook back names it)."""
    return str(cell_location(path)) if path in CELL_PATHS else path


def _explanations(sheet: Worksheet, report: Report | None) -> None:
    """The explanations: a row per cell, its official name chosen from a list, and the reason."""
    given = report.explanations if report is not None else {}
    sheet.cell(1, 1, EXPLANATIONS_SHEET).style = TITLE
    note = sheet.cell(2, 1, _EXPLANATIONS_NOTE)
    note.style = NOTE
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=2)
    widths = (72, 60)
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.row_dimensions[2].height = _height(_lines(_EXPLANATIONS_NOTE, sum(widths)))
    for col, text in enumerate((EXPLAINED_CELL_HEADER, REASON_HEADER), start=1):
        _header_cell(sheet, EXPLANATIONS_TOP, col, text)
    first = EXPLANATIONS_TOP + 1
    last = EXPLANATIONS_TOP + max(_EXPLANATION_ROWS, len(given) + _SPARE_ROWS)
    entries = list(given.items())
    for row in range(first, last + 1):
        path, reason = entries[row - first] if row - first < len(entries) else (None, None)
        if reason is not None and len(reason) > EXCEL_CELL_CHARACTERS:
            raise RenderError(
                f"「{EXPLANATIONS_SHEET}」中 {path} 的说明有 {len(reason)} 字，超过电子表格单元格的"
                f"上限 {EXCEL_CELL_CHARACTERS} 字，无法写入工作簿",
                place=EXPLANATIONS_SHEET,
            )
        sheet.cell(row, 1, _cell_name(path) if path is not None else None).style = TEXT
        sheet.cell(row, 2, reason or None).style = TEXT
        lines = max(
            _lines(_cell_name(path), widths[0]) if path else 1, _lines(reason or "", widths[1])
        )
        sheet.row_dimensions[row].height = _height(min(lines, 27))
    names = _validation(
        "list",
        _EXPLAINED_PROMPT,
        _EXPLAINED_ERROR,
        formula1=f"{quote_sheetname(NAMES_SHEET)}!$A$2:$A${1 + len(cell_names())}",
    )
    names.add(f"A{first}:A{last}")
    reasons = _validation(None, _REASON_PROMPT, "")
    reasons.showErrorMessage = False
    reasons.add(f"B{first}:B{last}")
    for validation in (names, reasons):
        sheet.add_data_validation(validation)
    sheet.freeze_panes = f"A{first}"
    _protect(sheet)
    titles = f"{EXPLANATIONS_TOP}:{EXPLANATIONS_TOP}"
    _print_setup(sheet, landscape=True, area=f"A1:B{last}", titles=titles)


def _names(sheet: Worksheet) -> None:
    """The hidden list the explanations' dropdown offers: every cell's official name."""
    sheet.cell(1, 1, NAMES_HEADER).style = HEADER
    for row, name in enumerate(cell_names(), start=2):
        sheet.cell(row, 1, name)
    sheet.column_dimensions["A"].width = 110
    sheet.sheet_state = "hidden"
    _protect(sheet)
    _print_setup(sheet, landscape=False, area=f"A1:A{1 + len(cell_names())}", titles=None)


def _cover(sheet: Worksheet) -> None:
    sheet.column_dimensions["A"].width = 110
    for index, text in enumerate(_COVER, start=1):
        sheet.cell(index, 1, text or None).style = TITLE if index == 1 else NOTE
        sheet.row_dimensions[index].height = _height(_lines(text, 110)) if text else 8
    _protect(sheet)
    _print_setup(sheet, landscape=False, area=f"A1:A{len(_COVER)}", titles=None)


def _carried(previous: Report | None) -> dict[str, Any]:
    """Input cells filled from last year's report: 二、上年结转 is last year's 四、结转下年度继续办理."""
    if previous is None:
        return {}
    forward = previous.applications.carried_forward
    return {
        f"applications.carried_over.{name}": getattr(forward, name)
        for name in APPLICANT_COLUMNS
        if name != "total"
    }


def write_workbook(
    report: Report | None = None,
    *,
    previous: Report | None = None,
    agency: str | None = None,
    year: int | None = None,
) -> bytes:
    """The workbook as .xlsx bytes (see :func:`gpr_docx.workbook.workbook`)."""
    if previous is not None:
        agency = agency if agency is not None else (None if report else previous.agency)
        year = year if year is not None else (None if report else previous.year + 1)
    book = Workbook()
    for style in _named_styles():
        book.add_named_style(style)
    cover = book.active
    if cover is None:  # pragma: no cover - a new workbook always has its first sheet
        raise RenderError("无法创建工作簿")
    cover.title = COVER_SHEET
    _cover(cover)
    _texts(book.create_sheet(TEXTS_SHEET), report, agency, year, previous)
    given = _carried(previous) if report is None else {}
    for table in FORM_TABLES:
        sheet = book.create_sheet(sheet_name(table))
        layout = _TableSheet(sheet, table)
        layout.lay_out(report, given)
        if table.key == "active_disclosure":
            area, landscape = _table2(layout, previous), False
        elif table.key == "applications":
            area, landscape = _table3(layout), False
        else:
            area, landscape = _table4(layout), True
        layout.validate()
        layout.heights()
        titles = f"{TABLE_TOP}:{TABLE_TOP + table.header_rows - 1}" if table.header_rows else None
        _protect(sheet)
        _print_setup(sheet, landscape=landscape, area=area, titles=titles)
    _explanations(book.create_sheet(EXPLANATIONS_SHEET), report)
    _names(book.create_sheet(NAMES_SHEET))
    book.properties.creator = f"gpr-docx {__version__}"
    book.properties.title = "政府信息公开工作年度报告填报表"
    book.properties.created = book.properties.modified = _WRITTEN_AT
    buffer = io.BytesIO()
    book.save(buffer)
    return _without_write_times(buffer.getvalue())


_WRITTEN_AT: Final = datetime.datetime(2021, 1, 1)
"""The moment every workbook says it was written: a fixed one, so that the same report gives the
same bytes (a service's answer can be compared, a file's hash means its content)."""


_CORE_PROPERTIES: Final = "docProps/core.xml"
_MODIFIED: Final = "{http://purl.org/dc/terms/}modified"


def _without_write_times(data: bytes) -> bytes:
    """The workbook with every member, and its 修改时间 (which openpyxl sets to the moment of saving
    whatever it was told), dated :data:`_WRITTEN_AT`; names, order, compression and content kept."""
    stamp = _WRITTEN_AT.timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as written, zipfile.ZipFile(buffer, "w") as out:
        for info in written.infolist():
            content = written.read(info.filename)
            if info.filename == _CORE_PROPERTIES:
                content = _modified_at_written_time(content)
            dated = zipfile.ZipInfo(info.filename, date_time=stamp)
            dated.compress_type = info.compress_type
            dated.external_attr = info.external_attr
            out.writestr(dated, content)
    return buffer.getvalue()


def _modified_at_written_time(core: bytes) -> bytes:
    root = etree.fromstring(core)
    for modified in root.iter(_MODIFIED):
        modified.text = f"{_WRITTEN_AT.isoformat()}Z"
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))

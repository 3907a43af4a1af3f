"""The status workbook (汇总表.xlsx): one row per unit, every finding, the roll-up's breakdown.

Written with openpyxl in write-only mode, row by row, so a province's units and their findings
(replayed from the spool) never sit in memory as a sheet. Sheets:

- 各单位情况: one row per unit of the registry — status, files, error and warning counts, the key
  figures and the derived rates; frozen header, filters, the status coloured.
- 问题清单: every finding — unit, file, rule, severity, place (the official name of the cell or
  section), message — with the collect's own (未报送, 重复报送, 年度不符) and the roll-up's.
- 雷同: pairs of units whose narratives copy one another's, and units whose narrative copies
  their own last year's: the shares, the copied characters and the longest shared passages.
- 未匹配的文件: received files that could not be told to belong to one unit, and why.
- 汇总明细: the roll-up's every cell (official names across the top), the 汇总 row, then one row
  per unit counted, so each summed cell can be traced to its units; cells a unit left blank are
  shaded.
- 说明: what the statuses, figures and rates mean.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..form import CELL_PATHS, cell_location, name_of_path
from .rollup import UnitCells

if TYPE_CHECKING:
    from .run import CollectResult, UnitOutcome

__all__ = ["FIGURES", "RATES", "Figure", "Rate", "figure_values", "status_workbook"]

UNITS_SHEET: Final = "各单位情况"
FINDINGS_SHEET: Final = "问题清单"
SIMILAR_SHEET: Final = "雷同"
UNMATCHED_SHEET: Final = "未匹配的文件"
BREAKDOWN_SHEET: Final = "汇总明细"
NOTES_SHEET: Final = "说明"
ROLLUP_ROW: Final = "汇总"


@attrs.frozen
class Figure:
    """A key figure of the status sheet: a header and the cells it adds up."""

    header: str
    paths: tuple[str, ...]
    definition: str


@attrs.frozen
class Rate:
    """A derived rate: what is divided by what (each a sum of cells), with its definition."""

    header: str
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]
    subtract: tuple[str, ...]
    """Cells taken off the denominator (cases not yet decided)."""
    definition: str


_CASES: Final = ("review", "litigation_direct", "litigation_after_review")


def _cases(outcome: str) -> tuple[str, ...]:
    return tuple(f"review_litigation.{group}.{outcome}" for group in _CASES)


def _one_cell(header: str, path: str) -> Figure:
    """A figure that is one cell, defined by the cell's official name."""
    return Figure(header, (path,), name_of_path(path))


FIGURES: Final = (
    _one_cell("新收申请", "applications.new_requests.total"),
    _one_cell("办结", "applications.results.total.total"),
    _one_cell("结转下年", "applications.carried_forward.total"),
    _one_cell("行政复议", "review_litigation.review.total"),
    Figure(
        "行政诉讼",
        (
            "review_litigation.litigation_direct.total",
            "review_litigation.litigation_after_review.total",
        ),
        "表四「行政诉讼」两组（未经复议直接起诉、复议后起诉）的「总计」之和",
    ),
    Figure("复议诉讼纠错", _cases("corrected"), "表四三组「结果纠正」之和"),
    _one_cell("规范性文件制发", "active_disclosure.normative_documents.issued"),
    _one_cell("规范性文件现行有效", "active_disclosure.normative_documents.in_force"),
)
"""The key figures of each unit's row, in column order."""

RATES: Final = (
    Rate(
        "纠错率",
        _cases("corrected"),
        _cases("total"),
        _cases("pending"),
        "表四三组「结果纠正」之和 ÷（三组「总计」之和 − 三组「尚未审结」之和），即已审结的行政复议、"
        "行政诉讼案件中被纠错的比例；没有已审结案件时不计算（留空）",
    ),
    Rate(
        "予以公开率",
        ("applications.results.disclosed.total",),
        ("applications.results.total.total",),
        (),
        "表三「（一）予以公开」行「总计」÷「（七）总计」行「总计」，即本年度办理结果中予以公开的"
        "比例（部分公开不计入）；没有办理结果时不计算（留空）",
    ),
)
"""The derived rates of each unit's row, after the figures."""

Sheet = Any
"""A write-only worksheet (types-openpyxl's stub lacks the attributes it takes from a worksheet)."""

_INDEX: Final = {path: i for i, path in enumerate(CELL_PATHS)}
_HEADER_FONT: Final = Font(bold=True)
_WRAP: Final = Alignment(wrap_text=True, vertical="top")
_BLANK_FILL: Final = PatternFill("solid", fgColor="D9D9D9")
_ROLLUP_FONT: Final = Font(bold=True, color="1F4E79")
_STATUS_FILLS: Final = {
    "通过": ("C6EFCE", "006100"),
    "已报送": ("FFEB9C", "9C5700"),
    "有错误": ("FFC7CE", "9C0006"),
    "无法读取": ("F4B084", "833C0B"),
    "未报送": ("D9D9D9", "404040"),
}
_PERCENT: Final = "0.0%"
_AUTHOR: Final = "gpr-docx"
_BLANK_NOTE: Final = "该单位此格空白：按 0（合计格按其各项之和）计入汇总"

_UNIT_HEADERS: Final = (
    "代码",
    "名称",
    "类别",
    "状态",
    "错误",
    "警告",
    "雷同",
    "计入汇总",
    "未计入原因",
    "文件",
    "匹配方式",
    "报告机关",
    "报告年度",
)


def _sum(cells: UnitCells, paths: Sequence[str]) -> int | Decimal | None:
    """The cells added up; ``None`` when the unit left every one of them blank."""
    indexes = [_INDEX[p] for p in paths]
    if all(i in cells.blank for i in indexes):
        return None
    return sum((cells.values[i] for i in indexes), 0)


def figure_values(cells: UnitCells) -> list[int | Decimal | None]:
    """The key figures and then the rates of one unit (or of the roll-up), in column order."""
    values: list[int | Decimal | None] = [_sum(cells, f.paths) for f in FIGURES]
    for rate in RATES:
        top = _sum(cells, rate.numerator)
        bottom = _sum(cells, rate.denominator)
        taken = _sum(cells, rate.subtract) if rate.subtract else 0
        if top is None or bottom is None:
            values.append(None)
            continue
        base = bottom - (taken or 0)
        values.append(Decimal(top) / Decimal(base) if base > 0 else None)
    return values


def _cell(sheet: Sheet, value: Any, **style: Any) -> Any:
    cell = WriteOnlyCell(sheet, value=_excel(value))
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def _excel(value: Any) -> Any:
    # A Decimal is written as its float: a spreadsheet has no other number (the JSON keeps it exact).
    if isinstance(value, Decimal):
        return float(value)
    return value


def _header(
    sheet: Sheet,
    headers: Sequence[str],
    widths: Sequence[float],
    freeze: str = "A2",
    notes: Mapping[str, str] | None = None,
) -> None:
    """The header row (with each header's note, if any) under frozen panes."""
    # Write-only: the view (frozen panes) and the widths go before the first row.
    sheet.freeze_panes = freeze
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    cells = []
    for header in headers:
        cell = _cell(sheet, header, font=_HEADER_FONT, alignment=_WRAP)
        if notes and header in notes:
            cell.comment = Comment(notes[header], _AUTHOR, width=320, height=120)
        cells.append(cell)
    sheet.append(cells)


def _finish(sheet: Sheet, columns: int, rows: int) -> None:
    sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{max(rows, 1) + 1}"


def status_workbook(
    result: CollectResult,
    cells_of_unit: Any,
    finding_rows: Iterable[Sequence[Any]],
    rollup_cells: UnitCells | None,
) -> bytes:
    """The status workbook of ``result`` as .xlsx bytes.

    ``cells_of_unit(code)`` gives a unit's :class:`~gpr_docx.collect.rollup.UnitCells`; ``finding_rows`` yields
    ``[unit code, file, rule, severity, place, message]`` for every finding of every file.
    """
    book = Workbook(write_only=True)
    names = {o.unit.code: o.unit.name for o in result.units}
    _units_sheet(book, result, cells_of_unit)
    _findings_sheet(book, result, names, finding_rows)
    _similar_sheet(book, result, names)
    _unmatched_sheet(book, result)
    _breakdown_sheet(book, result.units, cells_of_unit, rollup_cells)
    _notes_sheet(book, result)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _units_sheet(book: Workbook, result: CollectResult, cells_of_unit: Any) -> None:
    units = result.units
    copies: dict[str, int] = {}
    for pair in result.similar:
        for code in {pair.left, pair.right}:
            copies[code] = copies.get(code, 0) + 1
    sheet = book.create_sheet(UNITS_SHEET)
    headers = [*_UNIT_HEADERS, *(f.header for f in FIGURES), *(r.header for r in RATES)]
    widths = [12, 28, 10, 9, 7, 7, 7, 9, 11, 36, 18, 28, 9, *(10,) * (len(FIGURES) + len(RATES))]
    notes = {
        "雷同": "与其他单位的报告、或与本单位上年报告雷同的对数，见「雷同」表",
        **{f.header: f.definition for f in (*FIGURES, *RATES)},
    }
    _header(sheet, headers, widths, freeze="C2", notes=notes)
    rate_columns = range(len(headers) - len(RATES) + 1, len(headers) + 1)
    for outcome in units:
        cells = cells_of_unit(outcome.unit.code) if outcome.files else None
        figures = (
            figure_values(cells) if cells is not None else [None] * (len(FIGURES) + len(RATES))
        )
        row: list[Any] = [
            outcome.unit.code,
            outcome.unit.name,
            outcome.unit.category,
            outcome.status.value,
            outcome.errors if outcome.files else None,
            outcome.warnings if outcome.files else None,
            copies.get(outcome.unit.code, 0)
            if outcome.files and not result.similarity_skipped
            else None,
            "是" if outcome.included else "否",
            outcome.excluded_because,
            "\n".join(outcome.files),
            outcome.how,
            outcome.agency,
            outcome.year,
            *figures,
        ]
        sheet.append(
            [
                _cell(sheet, value, number_format=_PERCENT)
                if i in rate_columns
                else _cell(sheet, value)
                for i, value in enumerate(row, start=1)
            ]
        )
    last = max(len(units), 1) + 1
    status_range = f"D2:D{last}"
    for status, (fill, font) in _STATUS_FILLS.items():
        sheet.conditional_formatting.add(
            status_range,
            CellIsRule(  # type: ignore[no-untyped-call]
                operator="equal",
                formula=[f'"{status}"'],
                fill=PatternFill("solid", fgColor=fill),
                font=Font(color=font, bold=status != "通过"),
            ),
        )
    for column in ("E", "F", "G"):
        sheet.conditional_formatting.add(
            f"{column}2:{column}{last}",
            CellIsRule(  # type: ignore[no-untyped-call]
                operator="greaterThan", formula=["0"], font=Font(color="9C0006", bold=True)
            ),
        )
    _finish(sheet, len(headers), len(units))


def _findings_sheet(
    book: Workbook,
    result: CollectResult,
    names: dict[str, str],
    finding_rows: Iterable[Sequence[Any]],
) -> None:
    sheet = book.create_sheet(FINDINGS_SHEET)
    headers = ["单位代码", "单位名称", "文件", "规则", "严重程度", "位置", "说明"]
    _header(sheet, headers, [12, 28, 36, 9, 9, 48, 80], freeze="C2")
    count = 0
    for outcome in result.units:
        for problem in outcome.problems:
            sheet.append(
                [
                    outcome.unit.code,
                    outcome.unit.name,
                    "\n".join(outcome.files),
                    problem.rule,
                    problem.severity.label,
                    str(problem.location),
                    problem.message,
                ]
            )
            count += 1
    for unit_code, source, rule, severity, place, message in finding_rows:
        sheet.append([unit_code, names.get(unit_code, ""), source, rule, severity, place, message])
        count += 1
    for finding in result.rollup_findings:
        sheet.append(
            [
                ROLLUP_ROW,
                ROLLUP_ROW,
                "",
                finding.rule,
                finding.severity.label,
                str(finding.location),
                finding.message,
            ]
        )
        count += 1
    sheet.conditional_formatting.add(
        f"E2:E{max(count, 1) + 1}",
        CellIsRule(  # type: ignore[no-untyped-call]
            operator="equal", formula=['"错误"'], font=Font(color="9C0006", bold=True)
        ),
    )
    _finish(sheet, len(headers), count)


def _similar_sheet(book: Workbook, result: CollectResult, names: Mapping[str, str]) -> None:
    sheet = book.create_sheet(SIMILAR_SHEET)
    headers = [
        "单位代码", "单位名称", "对方代码", "对方名称", "比较", "雷同比例",
        "本方被对方包含", "对方被本方包含", "本方相同字数", "对方相同字数", "最长的相同段落",
    ]  # fmt: skip
    notes = {
        "雷同比例": "两者中较高的一个比例：一份报告的文字（各单位共用的模板套话不计）有多少也出现在另一份中",
        "本方相同字数": "落在相同片段中的字数（一串数字算一个字）",
        "最长的相同段落": "最长的几段相同文字，摘自本方报告",
    }
    _header(sheet, headers, [12, 28, 12, 28, 12, 10, 10, 10, 10, 10, 90], "C2", notes)
    if result.similarity_skipped:  # said where the pairs would be, so no one takes it for none
        sheet.append([None, None, None, None, "未比对", *[None] * 5, result.similarity_skipped])
    for pair in result.similar:
        other = "本单位上年报告" if pair.cross_year else "单位之间"
        row: list[Any] = [
            pair.left,
            names.get(pair.left, ""),
            pair.right,
            names.get(pair.right, ""),
            other,
            pair.share,
            pair.left_share,
            pair.right_share,
            pair.left_copied,
            pair.right_copied,
            "\n".join(f"“{passage.text}”" for passage in pair.passages),
        ]
        sheet.append(
            [
                _cell(sheet, value, number_format=_PERCENT) if 6 <= i <= 8 else value
                for i, value in enumerate(row, start=1)
            ]
        )
    _finish(sheet, len(headers), len(result.similar) + bool(result.similarity_skipped))


def _unmatched_sheet(book: Workbook, result: CollectResult) -> None:
    sheet = book.create_sheet(UNMATCHED_SHEET)
    headers = ["文件", "报告机关", "报告年度", "能否读取", "问题", "说明"]
    _header(sheet, headers, [40, 28, 9, 9, 9, 90])
    for item in result.unmatched:
        sheet.append(
            [
                item.source,
                item.agency,
                item.year,
                "能" if item.readable else f"否（{item.code}）",
                item.problem,
                item.how if item.readable else f"{item.how}\n无法读取：{item.message}",
            ]
        )
    _finish(sheet, len(headers), len(result.unmatched))


def _breakdown_sheet(
    book: Workbook,
    units: Sequence[UnitOutcome],
    cells_of_unit: Any,
    rollup_cells: UnitCells | None,
) -> None:
    sheet = book.create_sheet(BREAKDOWN_SHEET)
    headers = ["代码", "名称", "类别", "空白单元格", *(str(cell_location(p)) for p in CELL_PATHS)]
    _header(sheet, headers, [12, 28, 10, 9, *(14,) * len(CELL_PATHS)], freeze="E2")
    rows = 0
    if rollup_cells is not None:
        sheet.append(
            [
                _cell(sheet, ROLLUP_ROW, font=_ROLLUP_FONT),
                _cell(sheet, "计入汇总的各单位之和", font=_ROLLUP_FONT),
                None,
                len(rollup_cells.blank),
                *(
                    _cell(sheet, None if i in rollup_cells.blank else v, font=_ROLLUP_FONT)
                    for i, v in enumerate(rollup_cells.values)
                ),
            ]
        )
        rows += 1
    for outcome in units:
        if not outcome.included:
            continue
        cells = cells_of_unit(outcome.unit.code)
        if cells is None:  # pragma: no cover - an included unit has exactly one report
            continue
        row: list[Any] = [
            outcome.unit.code,
            outcome.unit.name,
            outcome.unit.category,
            len(cells.blank),
        ]
        for i, value in enumerate(cells.values):
            if i in cells.blank:
                cell = _cell(sheet, value, fill=_BLANK_FILL)
                cell.comment = Comment(_BLANK_NOTE, _AUTHOR)
                row.append(cell)
            else:
                row.append(value)
        sheet.append(row)
        rows += 1
    _finish(sheet, len(headers), rows)


def _notes_sheet(book: Workbook, result: CollectResult) -> None:
    sheet = book.create_sheet(NOTES_SHEET)
    _header(sheet, ["项目", "说明"], [18, 110])
    year = f"{result.year} 年" if result.year is not None else "（无法确定）"
    lines: list[tuple[str, str]] = [
        ("汇总年度", year),
        ("通过", "收到并读取，检查没有错误，也没有警告"),
        ("已报送", "收到并读取，检查没有错误，但有警告需要看一眼"),
        (
            "有错误",
            "检查发现错误；或同一单位报送了多份报告（GPR613）、报告年度不是汇总年度（GPR614）",
        ),
        ("无法读取", "收到的文件无法读取为年度报告（文件损坏、格式不对、扫描件等），见问题清单"),
        ("未报送", "单位名录中有、但没有收到其报告（GPR610）"),
        (
            "计入汇总",
            "单位在汇总的类别内，且恰好一份可读取的、年度相符的报告；有错误的报告照样计入，"
            "其错误会出现在汇总数上",
        ),
        *((f.header, f.definition) for f in FIGURES),
        *((r.header, r.definition) for r in RATES),
        (
            "空白单元格",
            "单位报告中留空的单元格不等于 0：汇总时按 0（合计格按其各项之和）计入，"
            "在「汇总明细」中以灰色标出；只有所有计入单位都留空的格，汇总数才留空",
        ),
        (
            "单位匹配",
            "先看文件名中的单位代码，再看报告机关中的代码，再按名称和别名（去掉地区前缀）匹配报告机关，"
            "最后按名称匹配文件名；对不上或可能是多个单位的文件列在「未匹配的文件」，不会猜",
        ),
    ]
    for item, text in lines:
        sheet.append([_cell(sheet, item, font=_HEADER_FONT), _cell(sheet, text, alignment=_WRAP)])

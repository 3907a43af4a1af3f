"""What the writer lays out and the reader looks for: sheet names, the texts' labels, the formulas.

The tables' labels and merges come from :data:`gpr_docx.form.FORM_TABLES` alone; this module adds
only what a workbook has beyond the printed form: where each sheet puts its table, the labels of the
texts sheet (built from the model's labels), the check column and row, and which cells are totals
with the cells they add up. The reader uses the labels, never the positions: a workbook an office
rearranged is read by what its cells say.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterator
from typing import Final

import attrs

from ..form import (
    CELL_PATHS,
    FORM_TABLES,
    TABLE_NAMES,
    TEXT_PATHS,
    FormTable,
    cell_location,
    location_of_path,
    report_location,
)
from ..model import Applications, Report, Results, label
from ..parse.labels import normalize

__all__ = [
    "AGENCY",
    "CHECK_HEADER",
    "CONTENT_HEADER",
    "COUNT_HEADER",
    "COVER_SHEET",
    "DATES",
    "EXCEL_CELL_CHARACTERS",
    "EXPLAINED_CELL_HEADER",
    "EXPLANATIONS_SHEET",
    "EXPLANATIONS_TOP",
    "IN_FORCE_BEFORE",
    "ITEM_HEADER",
    "NAMES_HEADER",
    "NAMES_SHEET",
    "NO",
    "PLACES",
    "REASON_HEADER",
    "TABLE_TOP",
    "TEXTS",
    "TEXTS_SHEET",
    "TEXTS_TOP",
    "YEAR",
    "YES",
    "Kind",
    "Place",
    "TextItem",
    "cell_names",
    "is_total",
    "path_of_name",
    "sheet_name",
    "total_parts",
]

COVER_SHEET: Final = "填写说明"
TEXTS_SHEET: Final = "基本信息和正文"
TABLE_TOP: Final = 3
"""Sheet row (1-based) of each table's first grid row; row 1 holds the table's heading."""
TEXTS_TOP: Final = 3
"""Sheet row of the texts sheet's header (项目 | 内容 | 字数)."""
ITEM_HEADER: Final = "项目"
CONTENT_HEADER: Final = "内容"
"""Header of the column the texts are typed in; the reader takes each text from this column."""
COUNT_HEADER: Final = "字数"
CHECK_HEADER: Final = "核对"
"""Header of the check column beside tables 三 and 四 (and 二 with last year's figures): a word
that is no label of the form, so the reader never takes the column for data."""
IN_FORCE_BEFORE: Final = "上年末有效件数"
"""Header of the column beside table 二 that holds last year's 现行有效件数 (with ``previous``);
worded so that it never matches the form's own 现行有效件数."""
EXCEL_CELL_CHARACTERS: Final = 32_767
"""Most characters one spreadsheet cell holds (Excel, WPS and LibreOffice alike)."""

AGENCY: Final = "agency"
YEAR: Final = "year"
YES: Final = "是"
NO: Final = "否"
"""The two choices of a yes/no row (有规章制定权); left blank, the report does not say."""
DATES: Final = ("date", "published_on", "filed_on")
"""The report's optional dates, each a date row of the texts sheet under its model label, in this
order (one more date of the model is one more name here)."""


class Kind(enum.Enum):
    """What a row of the texts sheet holds, and so how it is validated, written and read."""

    TEXT = "text"
    """Text as typed (a new line in the cell is a new paragraph)."""
    YEAR = "year"
    """The four-digit reporting year."""
    LEVEL = "level"
    """One of :data:`gpr_docx.model.LEVELS`, chosen from a list; blank: not stated."""
    FLAG = "flag"
    """:data:`YES` or :data:`NO`, chosen from a list; blank: not stated."""
    DATE = "date"
    """A spreadsheet date (``yyyy-mm-dd``); typed text ``2025-01-20`` or ``2025年1月20日`` reads too."""


@attrs.frozen
class TextItem:
    """One row of the texts sheet: its label, the report field it holds and what kind of value."""

    label: str
    path: str
    """``agency``, ``year``, ``level``, a date's name, ``title``, ``preface`` or a dotted text path
    (``overview.on_request``)."""
    kind: Kind = Kind.TEXT


def _texts() -> tuple[TextItem, ...]:
    items = [
        TextItem(report_location(AGENCY).part, AGENCY),
        TextItem(report_location(YEAR).part, YEAR, Kind.YEAR),
        TextItem(label(Report, "level"), "level", Kind.LEVEL),
        TextItem(label(Report, "has_rule_making_power"), "has_rule_making_power", Kind.FLAG),
        *(TextItem(label(Report, name), name, Kind.DATE) for name in DATES),
    ]
    for path in TEXT_PATHS:
        where = location_of_path(path)
        name = f"{where.part} · {where.section}" if where.section else where.part
        items.append(TextItem(name, where.path))
    return tuple(items)


TEXTS: Final = _texts()
"""The rows of the texts sheet, in report order: agency, year, the optional statements (level,
rule-making power, the dates), title, preface, the five parts of 一、总体情况, 五's two parts, 六."""

EXPLANATIONS_SHEET: Final = label(Report, "explanations")
"""The sheet of the report's explanations (跨年度差异说明): a cell and the reason, one per row."""
EXPLANATIONS_TOP: Final = 4
"""Sheet row of the explanations table's header (单元格 | 说明); rows 1-2 hold its title and how
to use it, row 3 is left empty so that they are a block of their own."""
EXPLAINED_CELL_HEADER: Final = "单元格"
"""Header of the column that names the explained cell, as the checks name it (or its data path)."""
REASON_HEADER: Final = "说明"
NAMES_SHEET: Final = "单元格名称"
"""The hidden sheet listing every cell's name, the source of the explanations' dropdown."""
NAMES_HEADER: Final = "单元格名称（供「跨年度差异说明」下拉选择）"


def cell_names() -> tuple[str, ...]:
    """Every data cell's official name (``表二「规章」行「现行有效件数」列``), in form order: the names
    :func:`gpr_docx.form.cell_location` gives and the checks print, so a clerk picks the cell a
    finding names."""
    return _CELL_NAMES


_CELL_NAMES: Final = tuple(str(cell_location(path)) for path in CELL_PATHS)
_PATH_OF: Final = {
    **{path: path for path in CELL_PATHS},
    **{normalize(name): path for name, path in zip(_CELL_NAMES, CELL_PATHS, strict=True)},
}


def path_of_name(text: str) -> str | None:
    """The data path of the cell ``text`` names: its official name (compared as labels are, so
    full-width brackets or spaces do not matter) or its data path (``$.`` allowed); else ``None``.

    >>> path_of_name("表二「规章」行「现行有效件数」列")
    'active_disclosure.regulations.in_force'
    """
    key = text.strip().removeprefix("$.")
    return _PATH_OF.get(key) or _PATH_OF.get(normalize(key))


def sheet_name(table: FormTable) -> str:
    """The sheet a table is written on: 表二, 表三, 表四."""
    return TABLE_NAMES[table.heading]


@attrs.frozen
class Place:
    """A data cell of a table as the writer lays it out: its grid row and column."""

    row: int
    col: int


def _places(table: FormTable) -> dict[str, Place]:
    return {c.field: Place(c.row, c.col) for c in table.data_cells() if c.field is not None}


PLACES: Final = {table.key: _places(table) for table in FORM_TABLES}
"""Each table's data cells by path: where the writer puts them (the reader never asks)."""

_RESULTS_TOTAL: Final = "applications.results.total."
_TOTAL: Final = ".total"


def is_total(path: str) -> bool:
    """Whether the cell at ``path`` is a total the model computes when it is left out."""
    return path.endswith(_TOTAL) or path.startswith(_RESULTS_TOTAL)


def _result_rows() -> Iterator[str]:
    results = attrs.fields_dict(Applications)["results"].type
    if results is not Results:  # pragma: no cover - the model's own types
        raise TypeError(results)
    empty = Results()
    for path, _ in empty.result_rows():
        yield f"applications.results.{path}"


_RESULT_ROWS: Final = tuple(_result_rows())


@functools.cache
def total_parts(path: str) -> tuple[str, ...]:
    """The cells the total at ``path`` adds up, as the model adds them: a row's or group's other
    cells, or （七）总计's column over the 21 result rows.

    >>> total_parts("review_litigation.review.total")
    ('review_litigation.review.upheld', 'review_litigation.review.corrected', 'review_litigation.review.other', 'review_litigation.review.pending')
    """
    if path.startswith(_RESULTS_TOTAL):
        column = path.removeprefix(_RESULTS_TOTAL)
        return tuple(f"{row}.{column}" for row in _RESULT_ROWS)
    prefix = path.removesuffix(_TOTAL)
    table = next(t for t in FORM_TABLES if path in PLACES[t.key])
    return tuple(p for p in PLACES[table.key] if p.rsplit(".", 1)[0] == prefix and not is_total(p))

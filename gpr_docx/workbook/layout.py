"""What the writer lays out and the reader looks for: sheet names, the texts' labels, the formulas.

The tables' labels and merges come from :data:`gpr_docx.form.FORM_TABLES` alone; this module adds
only what a workbook has beyond the printed form: where each sheet puts its table, the labels of the
texts sheet (built from the model's labels), the check column and row, and which cells are totals
with the cells they add up. The reader uses the labels, never the positions: a workbook an office
rearranged is read by what its cells say.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Final

import attrs

from ..form import (
    FORM_TABLES,
    TABLE_NAMES,
    TEXT_PATHS,
    FormTable,
    location_of_path,
    report_location,
)
from ..model import Applications, Results

__all__ = [
    "AGENCY",
    "CHECK_HEADER",
    "CONTENT_HEADER",
    "COUNT_HEADER",
    "COVER_SHEET",
    "EXCEL_CELL_CHARACTERS",
    "IN_FORCE_BEFORE",
    "ITEM_HEADER",
    "PLACES",
    "TABLE_TOP",
    "TEXTS",
    "TEXTS_SHEET",
    "TEXTS_TOP",
    "YEAR",
    "Place",
    "TextItem",
    "is_total",
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


@attrs.frozen
class TextItem:
    """One row of the texts sheet: its label and the report field it holds."""

    label: str
    path: str
    """``agency``, ``year``, ``title``, ``preface`` or a dotted text path (``overview.on_request``)."""


def _texts() -> tuple[TextItem, ...]:
    items = [
        TextItem(report_location(AGENCY).part, AGENCY),
        TextItem(report_location(YEAR).part, YEAR),
    ]
    for path in TEXT_PATHS:
        where = location_of_path(path)
        name = f"{where.part} · {where.section}" if where.section else where.part
        items.append(TextItem(name, where.path))
    return tuple(items)


TEXTS: Final = _texts()
"""The rows of the texts sheet, in report order: agency, year, title, preface, the five parts of
一、总体情况, 五's two parts, 六."""


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

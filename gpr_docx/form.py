"""The official form: the grid of tables 二–四 and the one name of every place in a report.

Built once from the model's labels (never a second copy of them), this module is the single place
that knows where a value sits and what it is called: the grid (every merged cell, and which field each
data cell shows) is what the template builder lays out and what the parser and the filler look cells
up by; :class:`Location` and :func:`cell_location` name each cell the way the printed form does
(表三「一、本年新收政府信息公开申请数量」行「自然人」列), and a load error, a parse note and a check
finding on the same cell all use that name. Rows and grid columns count from 0; ``rowspan`` is a
``w:vMerge`` run, ``colspan`` a ``w:gridSpan``.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter
from typing import Any, Final

import attrs

from .model import (
    COLUMN,
    GROUP,
    LABEL,
    PROBLEMS_HEADING,
    SECTION_HEADINGS,
    ActiveDisclosure,
    ApplicantRow,
    Applications,
    CaseOutcomes,
    DocumentCounts,
    Overview,
    Report,
    Results,
    ReviewLitigation,
    label,
)

__all__ = [
    "APPLICANTS_HEADER",
    "CELL_PATHS",
    "COLUMN_WIDTHS",
    "CORNER_NOTE",
    "FEE_PATH",
    "FORM_TABLES",
    "INFO_CONTENT",
    "TABLE_NAMES",
    "TEXT_PATHS",
    "FormCell",
    "FormTable",
    "Location",
    "cell_location",
    "cell_text",
    "column_location",
    "field_value",
    "group_label",
    "location_of_path",
    "name_of_path",
    "report_location",
    "row_label",
    "short_row_label",
    "text_places",
]

CORNER_NOTE: Final = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
"""The corner cell of table 3: the form's own statement of the balancing rule (T3-1)."""
APPLICANTS_HEADER: Final = "申请人情况"
"""Header over the seven applicant columns of table 3."""
INFO_CONTENT: Final = "信息内容"
"""Header of the label column in every block of table 2."""


@attrs.frozen
class FormCell:
    """One visible cell of an official table: its place, its spans, and a label or a field."""

    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    text: str = ""
    field: str | None = None
    """Dotted path from the report root (``applications.new_requests.total``) for a data cell."""

    @property
    def is_data(self) -> bool:
        return self.field is not None


@attrs.frozen
class FormTable:
    """One official table: its section, grid width, repeated header rows and cells."""

    key: str
    heading: str
    columns: int
    header_rows: int
    cells: tuple[FormCell, ...]

    @property
    def rows(self) -> int:
        return max(c.row + c.rowspan for c in self.cells)

    def data_cells(self) -> Iterator[FormCell]:
        return (c for c in self.cells if c.is_data)

    def row_cells(self, row: int) -> list[FormCell]:
        """Cells whose top-left corner is in ``row``, left to right."""
        return sorted((c for c in self.cells if c.row == row), key=lambda c: c.col)


def _meta(cls: type, name: str, key: str) -> str:
    return str(attrs.fields_dict(cls)[name].metadata[key])


def _names(cls: type) -> list[str]:
    return [f.name for f in attrs.fields(cls)]


def _table2() -> FormTable:
    cells: list[FormCell] = []
    row = 0
    prefix = "active_disclosure"
    groups: dict[str, list[str]] = {}
    for name in _names(ActiveDisclosure):
        groups.setdefault(_meta(ActiveDisclosure, name, GROUP), []).append(name)
    for group, names in groups.items():
        cells.append(FormCell(row, 0, colspan=4, text=group))
        row += 1
        if attrs.fields_dict(ActiveDisclosure)[names[0]].type is DocumentCounts:
            columns = _names(DocumentCounts)
            cells.append(FormCell(row, 0, text=INFO_CONTENT))
            cells.extend(
                FormCell(row, 1 + i, text=label(DocumentCounts, c)) for i, c in enumerate(columns)
            )
            row += 1
            for name in names:
                cells.append(FormCell(row, 0, text=label(ActiveDisclosure, name)))
                cells.extend(
                    FormCell(row, 1 + i, field=f"{prefix}.{name}.{c}")
                    for i, c in enumerate(columns)
                )
                row += 1
        else:
            cells.append(FormCell(row, 0, text=INFO_CONTENT))
            cells.append(
                FormCell(row, 1, colspan=3, text=_meta(ActiveDisclosure, names[0], COLUMN))
            )
            row += 1
            for name in names:
                cells.append(FormCell(row, 0, text=label(ActiveDisclosure, name)))
                cells.append(FormCell(row, 1, colspan=3, field=f"{prefix}.{name}"))
                row += 1
    return FormTable("active_disclosure", label(Report, "active_disclosure"), 4, 0, tuple(cells))


def _table3() -> FormTable:
    columns = _names(ApplicantRow)
    cells = [
        FormCell(0, 0, rowspan=3, colspan=3, text=CORNER_NOTE),
        FormCell(0, 3, colspan=7, text=APPLICANTS_HEADER),
        FormCell(1, 3, rowspan=2, text=label(ApplicantRow, "natural_person")),
        FormCell(1, 4, colspan=5, text=_meta(ApplicantRow, "commercial_enterprise", GROUP)),
        FormCell(1, 9, rowspan=2, text=label(ApplicantRow, "total")),
    ]
    cells.extend(
        FormCell(2, 4 + i, text=label(ApplicantRow, c)) for i, c in enumerate(columns[1:6])
    )

    def data_row(row: int, path: str) -> list[FormCell]:
        return [
            FormCell(row, 3 + i, field=f"applications.{path}.{c}") for i, c in enumerate(columns)
        ]

    row = 3
    for name in ("new_requests", "carried_over"):
        cells.append(FormCell(row, 0, colspan=3, text=label(Applications, name)))
        cells.extend(data_row(row, name))
        row += 1
    results_rows = 1 + 1 + 8 + 3 + 5 + 3 + 1
    cells.append(FormCell(row, 0, rowspan=results_rows, text=label(Applications, "results")))
    for name in _names(Results):
        field_type = attrs.fields_dict(Results)[name].type
        if field_type is ApplicantRow:
            cells.append(FormCell(row, 1, colspan=2, text=label(Results, name)))
            cells.extend(data_row(row, f"results.{name}"))
            row += 1
            continue
        if not isinstance(field_type, type):  # pragma: no cover - the model's own types
            raise TypeError(field_type)
        members = _names(field_type)
        cells.append(FormCell(row, 1, rowspan=len(members), text=label(Results, name)))
        for member in members:
            cells.append(FormCell(row, 2, text=label(field_type, member)))
            cells.extend(data_row(row, f"results.{name}.{member}"))
            row += 1
    cells.append(FormCell(row, 0, colspan=3, text=label(Applications, "carried_forward")))
    cells.extend(data_row(row, "carried_forward"))
    return FormTable("applications", label(Report, "applications"), 10, 3, tuple(cells))


def _table4() -> FormTable:
    outcomes = _names(CaseOutcomes)
    groups = _names(ReviewLitigation)
    review, *litigation = groups
    cells = [
        FormCell(0, 0, colspan=5, text=label(ReviewLitigation, review)),
        FormCell(0, 5, colspan=10, text=_meta(ReviewLitigation, litigation[0], GROUP)),
    ]
    cells.extend(
        FormCell(1, i, rowspan=2, text=label(CaseOutcomes, name)) for i, name in enumerate(outcomes)
    )
    for g, name in enumerate(litigation):
        cells.append(FormCell(1, 5 + 5 * g, colspan=5, text=label(ReviewLitigation, name)))
        cells.extend(
            FormCell(2, 5 + 5 * g + i, text=label(CaseOutcomes, o)) for i, o in enumerate(outcomes)
        )
    for g, name in enumerate(groups):
        cells.extend(
            FormCell(3, 5 * g + i, field=f"review_litigation.{name}.{o}")
            for i, o in enumerate(outcomes)
        )
    return FormTable("review_litigation", label(Report, "review_litigation"), 15, 3, tuple(cells))


FORM_TABLES: Final = (_table2(), _table3(), _table4())
"""Tables 二, 三 and 四 of the 2021 form, in document order."""

COLUMN_WIDTHS: Final[dict[str, tuple[int, ...]]] = {
    "active_disclosure": (2211,) * 4,
    "applications": (700, 980, 2684, *(640,) * 7),
    "review_litigation": (590,) * 14 + (584,),
}
"""Grid column widths (twips) of tables 二, 三 and 四, by table key: each row adds up to the text
width of the page (156 mm); the Word template and the workbook both lay their tables out by them."""


def field_value(report: Report, path: str) -> Any:
    """The value of the data cell at dotted ``path`` in ``report``."""
    return _getter(path)(report)


@lru_cache(maxsize=1024)
def _getter(path: str) -> attrgetter[Any]:
    """The getter of ``path``, made once: making it costs four times reading with it, and check()
    reads some 600 cells per report."""
    return attrgetter(path)


def cell_text(value: object) -> str:
    """How a value is written in its cell: digits for counts, the fee in 万元 exactly as given."""
    if isinstance(value, Decimal):
        return f"{value:f}"
    return str(value)


# 表二、表三、表四: the short names of the three tables, derived from their section headings.
TABLE_NAMES: Final = {
    heading: f"表{heading.split('、', 1)[0]}" for heading in SECTION_HEADINGS[1:4]
}
"""The short names of the three tables (表二、表三、表四) by their section headings."""


@attrs.frozen
class Location:
    """Where a finding is: a table cell, row or column by official labels, or a text section and phrase."""

    part: str
    """A table or section heading (三、收到和处理政府信息公开申请情况), or a report item (报告年度)."""
    row: str = ""
    """The official label of a table row."""
    column: str = ""
    """The official label of a table column."""
    section: str = ""
    """The sub-part of a text section (依申请公开, （一）存在的主要问题)."""
    phrase: str = ""
    """The words of the text a finding quotes."""
    path: str = ""
    """Dotted model path of the cell or text (``applications.new_requests.total``), or a file."""
    order: tuple[int, ...] = attrs.field(default=(), eq=False, repr=False)
    """Position in the report, for listing findings top to bottom (not part of the place itself)."""

    @property
    def is_table(self) -> bool:
        return self.part in TABLE_NAMES

    def inner(self) -> str:
        """The place within its table or section, e.g. ``「自然人」列``."""
        out = ""
        if self.section:
            out += f"「{self.section}」"
        if self.row:
            out += f"「{self.row}」行"
        if self.column:
            out += f"「{self.column}」列"
        if self.phrase:
            out += f"“{self.phrase}”"
        return out

    def __str__(self) -> str:
        if self.is_table:
            return f"{TABLE_NAMES[self.part]}{self.inner()}"
        head = f"{self.part} · {self.section}" if self.section else self.part
        tail = f"「{self.row}」行" if self.row else ""
        tail += f"「{self.column}」列" if self.column else ""
        tail += f"“{self.phrase}”" if self.phrase else ""
        return f"「{head}」{tail}"

    def as_dict(self) -> dict[str, str]:
        return {
            "part": self.part,
            "row": self.row,
            "column": self.column,
            "section": self.section,
            "phrase": self.phrase,
            "path": self.path,
        }


FEE_PATH: Final = "active_disclosure.fees"
"""The one data cell that holds an amount in 万元 rather than a count."""

# Position of each part in the printed report (report-wide items first).
_PART_ORDER: Final = {
    label(Report, "year"): 0,
    label(Report, "agency"): 0,
    label(Report, "title"): 1,
    label(Report, "preface"): 2,
    **{heading: 3 + i for i, heading in enumerate(SECTION_HEADINGS)},
}
_UNKNOWN_ORDER: Final = 99


def _part_order(part: str) -> int:
    return _PART_ORDER.get(part, _UNKNOWN_ORDER)


def _field(cls: type, name: str) -> Any:
    return attrs.fields_dict(cls)[name]


def row_label(path: str) -> str:
    """The official label of a table-3 row (``results.withheld.state_secret`` → （三）不予公开 · 1.属于国家秘密)."""
    labels: list[str] = []
    cls: Any = Applications
    for name in path.split("."):
        field = _field(cls, name)
        if not (name == "results" and cls is Applications):
            labels.append(str(field.metadata[LABEL]))
        cls = field.type
    return " · ".join(labels)


def _cell_labels(path: str) -> tuple[str, str, str]:
    """(table heading, row label, column label) of the data cell at dotted ``path``."""
    table, *rest = path.split(".")
    heading = label(Report, table)
    if table == "applications":
        *row, column = rest
        return heading, row_label(".".join(row)), label(ApplicantRow, column)
    if table == "active_disclosure":
        field = _field(ActiveDisclosure, rest[0])
        if len(rest) == 2:
            return heading, str(field.metadata[LABEL]), label(DocumentCounts, rest[1])
        return heading, str(field.metadata[LABEL]), str(field.metadata[COLUMN])
    group, outcome = rest
    field = _field(ReviewLitigation, group)
    names = [field.metadata.get(GROUP), field.metadata[LABEL], label(CaseOutcomes, outcome)]
    return heading, "", " · ".join(str(n) for n in names if n)


def _build_cells() -> dict[str, Location]:
    cells: dict[str, Location] = {}
    for table in FORM_TABLES:
        for cell in table.data_cells():
            if cell.field is None:  # pragma: no cover - data_cells() yields only cells with a field
                continue
            heading, row, column = _cell_labels(cell.field)
            cells[cell.field] = Location(
                heading,
                row=row,
                column=column,
                path=cell.field,
                order=(_part_order(heading), cell.row, cell.col),
            )
    return cells


_CELLS: Final = _build_cells()


def cell_location(path: str) -> Location:
    """The location of the data cell at dotted ``path``, named as the printed form names it.

    >>> print(cell_location("active_disclosure.fees"))
    表二「行政事业性收费」行「本年收费金额（单位：万元）」列
    >>> print(cell_location("applications.new_requests.natural_person"))
    表三「一、本年新收政府信息公开申请数量」行「自然人」列

    Raises:
        KeyError: ``path`` is not a data cell (one of :data:`CELL_PATHS`).
    """
    return _CELLS[path]


def column_location(path: str) -> Location:
    """A whole column of table 3, located by one of its cells (``applications.new_requests.total``).

    Raises:
        KeyError: ``path`` is not a data cell (one of :data:`CELL_PATHS`).
    """
    cell = _CELLS[path]
    return Location(
        cell.part, column=cell.column, path=path, order=(cell.order[0], -1, cell.order[2])
    )


def report_location(name: str) -> Location:
    """A report-wide item (``year``, ``agency``, ``title``) by its field name.

    Raises:
        KeyError: ``name`` is not a field of :class:`~gpr_docx.Report`.
    """
    part = label(Report, name)
    return Location(part, path=name, order=(_part_order(part),))


def _text_locations() -> dict[str, Location]:
    overview = label(Report, "overview")
    found = {
        f"overview.{field.name}": Location(
            overview,
            section=str(field.metadata[LABEL]),
            path=f"overview.{field.name}",
            order=(_part_order(overview), i),
        )
        for i, field in enumerate(attrs.fields(Overview))
    }
    for i, name in enumerate(("problems", "improvements")):
        found[name] = Location(
            PROBLEMS_HEADING,
            section=label(Report, name),
            path=name,
            order=(_part_order(PROBLEMS_HEADING), i),
        )
    other = label(Report, "other_matters")
    found["other_matters"] = Location(other, path="other_matters", order=(_part_order(other),))
    return found


_TEXTS: Final = _text_locations()
TEXT_PATHS: Final = ("title", "preface", *_TEXTS)
"""Dotted paths of every narrative text, in report order (``title`` is the document title)."""


def text_places(report: Report) -> Iterator[tuple[Location, str]]:
    """Every narrative text of ``report`` with its location, in report order (the title included)."""
    yield report_location("title"), report.document_title
    yield report_location("preface"), report.preface
    for path, where in _TEXTS.items():
        yield where, attrgetter(path)(report)


def location_of_path(path: str) -> Location:
    """The location of any ``$.dotted.path`` of the data format (or a dotted model path).

    A data cell is named as the printed form names it, a text by its section, a report item by its
    label; a path inside a part that is neither (a key the model does not know) keeps its own words.
    """
    dotted = path.removeprefix("$").removeprefix(".")
    if dotted in _CELLS:
        return _CELLS[dotted]
    if dotted in _TEXTS:
        return _TEXTS[dotted]
    top, _, rest = dotted.partition(".")
    fields = attrs.fields_dict(Report)
    if top not in fields:
        return Location(dotted or path, path=dotted or path, order=(_UNKNOWN_ORDER,))
    if top in ("problems", "improvements"):
        return attrs.evolve(_TEXTS[top], section=f"{_TEXTS[top].section} · {rest}", path=dotted)
    part = label(Report, top)
    order = (_part_order(part),)
    kind = _type_along(fields[top].type, rest)
    if kind is ApplicantRow:
        return Location(part, row=row_label(rest), path=dotted, order=order)
    if kind is DocumentCounts:
        return Location(part, row=label(ActiveDisclosure, rest), path=dotted, order=order)
    if kind is CaseOutcomes:
        return Location(part, column=group_label(rest), path=dotted, order=order)
    section = " · ".join(_labels_along(fields[top].type, rest)) or rest
    return Location(part, section=section, path=dotted, order=order)


def name_of_path(path: str) -> str:
    """The official name of the place at ``$.dotted.path``, or ``""`` when the path names nothing
    of the model (a misspelt key, the document root).

    >>> print(name_of_path("$.active_disclosure.fees"))
    表二「行政事业性收费」行「本年收费金额（单位：万元）」列
    >>> name_of_path("$.agencyy")
    ''
    """
    dotted = path.removeprefix("$").removeprefix(".")
    top, _, rest = dotted.partition(".")
    fields = attrs.fields_dict(Report)
    if top not in fields or len(_labels_along(fields[top].type, rest)) != len(
        rest.split(".") if rest else ()
    ):
        return ""
    return str(location_of_path(dotted))


def _type_along(cls: Any, dotted: str) -> Any:
    """The model class of the field at ``dotted`` inside ``cls``, or ``None`` if the path leaves the model."""
    for name in dotted.split(".") if dotted else ():
        field = attrs.fields_dict(cls).get(name) if attrs.has(cls) else None
        if field is None:
            return None
        cls = field.type
    return cls


def _labels_along(cls: Any, dotted: str) -> list[str]:
    """Official labels of the fields along ``dotted`` inside model class ``cls``, while it knows them."""
    labels: list[str] = []
    for name in dotted.split(".") if dotted else ():
        field = attrs.fields_dict(cls).get(name) if attrs.has(cls) else None
        if field is None:
            break
        labels.append(str(field.metadata[LABEL]))
        cls = field.type
    return labels


def short_row_label(name: str) -> str:
    """A table-3 row label without the wording rows 一 and 二 share (一、本年新收政府信息公开申请数量 → 一、本年新收)."""
    full = label(Applications, name)
    if name in _SHARED_ROW_SUFFIX_OF:
        return full.removesuffix(_SHARED_ROW_SUFFIX)
    return full


_SHARED_ROW_SUFFIX_OF: Final = ("new_requests", "carried_over")


def _common_suffix(first: str, second: str) -> str:
    size = 0
    while size < min(len(first), len(second)) and first[-1 - size] == second[-1 - size]:
        size += 1
    return first[len(first) - size :]


_SHARED_ROW_SUFFIX: Final = _common_suffix(
    label(Applications, "new_requests"), label(Applications, "carried_over")
)


def group_label(group: str) -> str:
    """A table-4 group with its heading (行政诉讼 · 未经复议直接起诉)."""
    field = attrs.fields_dict(ReviewLitigation)[group]
    return " · ".join(str(n) for n in (field.metadata.get(GROUP), field.metadata[LABEL]) if n)


CELL_PATHS: Final = tuple(
    cell.field for table in FORM_TABLES for cell in table.data_cells() if cell.field is not None
)
"""Dotted paths of every data cell of tables 二, 三 and 四, in form order."""

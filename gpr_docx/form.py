"""The map of the official form: the grid of tables 2–4, every merged cell, and which field each data cell shows.

Built once from the model's labels (never a second copy of them), this is what the template builder
lays out, what the parser and the filler look cells up by, and what the checks quote.
Rows and grid columns count from 0; ``rowspan`` is a ``w:vMerge`` run, ``colspan`` a ``w:gridSpan``.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from operator import attrgetter
from typing import Any, Final

import attrs

from .model import (
    COLUMN,
    GROUP,
    LABEL,
    ActiveDisclosure,
    ApplicantRow,
    Applications,
    CaseOutcomes,
    DocumentCounts,
    Report,
    Results,
    ReviewLitigation,
    label,
)

__all__ = [
    "APPLICANTS_HEADER",
    "CORNER_NOTE",
    "FORM_TABLES",
    "INFO_CONTENT",
    "FormCell",
    "FormTable",
    "cell_text",
    "field_label",
    "field_value",
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


def field_value(report: Report, path: str) -> Any:
    """The value of the data cell at dotted ``path`` in ``report``."""
    return attrgetter(path)(report)


def cell_text(value: object) -> str:
    """How a value is written in its cell: digits for counts, the fee in 万元 exactly as given."""
    if isinstance(value, Decimal):
        return f"{value:f}"
    return str(value)


def field_label(path: str) -> str:
    """The official labels along a dotted field path, outermost first, joined by ' · '."""
    labels: list[str] = []
    cls: Any = Report
    for name in path.split("."):
        field = attrs.fields_dict(cls)[name]
        group = field.metadata.get(GROUP)
        if group and cls is not ApplicantRow:
            labels.append(str(group))
        labels.append(str(field.metadata[LABEL]))
        column = field.metadata.get(COLUMN)
        if column:
            labels.append(str(column))
        cls = field.type
    return " · ".join(labels)

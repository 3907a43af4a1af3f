"""Official places of a report: every data cell and text section as a :class:`Location`, in report order.

Built once from :data:`~gpr_docx.form.FORM_TABLES` and the model's labels, so a finding names a cell
exactly as the printed form does (表三「一、本年新收政府信息公开申请数量」行「自然人」列).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Final

import attrs

from .findings import Location
from .form import FORM_TABLES
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
    ReviewLitigation,
    label,
)

__all__ = [
    "FEE_PATH",
    "cell_location",
    "column_location",
    "location_of_path",
    "report_location",
    "row_label",
    "text_places",
]

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
    """The location of the data cell at dotted ``path`` (``applications.new_requests.total``)."""
    return _CELLS[path]


def column_location(path: str) -> Location:
    """A whole column of table 3, located by one of its cells (``applications.new_requests.total``)."""
    cell = _CELLS[path]
    return Location(
        cell.part, column=cell.column, path=path, order=(cell.order[0], -1, cell.order[2])
    )


def report_location(name: str) -> Location:
    """A report-wide item (``year``, ``agency``, ``title``) by its field name."""
    part = label(Report, name)
    return Location(part, path=name, order=(_part_order(part),))


def text_places(report: Report) -> Iterator[tuple[Location, str]]:
    """Every narrative text of ``report`` with its location, in report order (the title included)."""
    yield report_location("title"), report.heading
    yield report_location("preface"), report.preface
    overview = label(Report, "overview")
    for i, field in enumerate(attrs.fields(Overview)):
        yield (
            Location(
                overview,
                section=str(field.metadata[LABEL]),
                path=f"overview.{field.name}",
                order=(_part_order(overview), i),
            ),
            getattr(report.overview, field.name),
        )
    for i, name in enumerate(("problems", "improvements")):
        yield (
            Location(
                PROBLEMS_HEADING,
                section=label(Report, name),
                path=name,
                order=(_part_order(PROBLEMS_HEADING), i),
            ),
            getattr(report, name),
        )
    other = label(Report, "other_matters")
    yield Location(other, path="other_matters", order=(_part_order(other),)), report.other_matters


def location_of_path(path: str, label_text: str = "") -> Location:
    """The location of a loading problem at ``$.dotted.path``: its cell when it is one, else the path."""
    dotted = path.removeprefix("$").removeprefix(".")
    if dotted in _CELLS:
        return _CELLS[dotted]
    top = dotted.split(".", 1)[0]
    if top in attrs.fields_dict(Report):
        part = label(Report, top)
        parts = label_text.split(" · ")
        section = " · ".join(parts[1:]) if parts[0] == part else ""
        section = section or dotted.partition(".")[2]
        return Location(part, section=section, path=dotted, order=(_part_order(part),))
    return Location(label_text or path, path=dotted or path, order=(_UNKNOWN_ORDER,))

"""The official tables in any document's grids, found by their labels; every data cell read into its field.

The map comes from :data:`gpr_docx.form.FORM_TABLES` alone: for each data cell of the official grid
it records the labels left of it (its row) and the labels of the header block above it (its column),
each with the nearest one as the *leaf*. A table made by anyone is read the same way: its header rows
give each grid column its labels, each other row gives its row labels, and a data cell belongs to the
field whose leaves it carries, the rest of the labels breaking ties (which 结果维持 of table 四).
Tables are found by what they contain, never by their position or number: four small tables for
section 二, header rows repeated after a page break, empty extra rows and columns all work.

Only :class:`gpr_docx.grid.Grid` s are read here, never a format's own elements, so every front end
(.docx today) shares the mapping. Labels are compared as :mod:`.labels` says. Nothing is guessed: a
blank data cell counts as 0 and a ``/``, ``—`` or ``无`` as not applicable (also 0), and both are
noted, as is every cell that cannot be read, with its place (see docs/parsing.md).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, Final, Generic, TypeVar

import attrs

from ..form import FORM_TABLES, FormCell, FormTable, Location, cell_location
from ..grid import Cell, Grid
from ..model import APPLICANT_COLUMNS, ApplicantRow, DocumentCounts, OtherProcessing, Results, label
from ..values import FEE_DECIMALS
from .labels import LabelIndex, core, normalize, numbering, similarity, visible
from .result import Edition, Note, NoteKind

__all__ = [
    "FORMAT_2019_MARKERS",
    "FORM_INDEX",
    "CellValues",
    "FieldSpec",
    "Located",
    "LocatedCell",
    "Relabel",
    "StrayCell",
    "TableSpec",
    "locate",
    "read_value",
    "read_values",
]

H = TypeVar("H")

# Labels of the 2019 form that the 2021 form dropped (official-format.md §4.1): seeing one means 2019.
FORMAT_2019_MARKERS: Final = (
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "其他对外管理服务事项",
    "第二十条第（九）项",
    "政府集中采购",
)


# -- the official map ---------------------------------------------------------------------------


@attrs.frozen
class FieldSpec:
    """Where one data field sits in the official form: its row and column labels and their leaves."""

    path: str
    row_leaf: str | None
    row_chain: frozenset[str]
    col_leaf: str
    col_chain: frozenset[str]


@attrs.frozen
class TableSpec:
    """One official table: its fields, and indexes of the labels found in row and in header position."""

    key: str
    heading: str
    fields: tuple[FieldSpec, ...]
    rows: LabelIndex
    columns: LabelIndex
    groups: frozenset[str]
    """Row labels that head a group of rows (（六）其他处理) rather than one row."""

    def field(self, path: str) -> FieldSpec:
        return next(f for f in self.fields if f.path == path)


def _covering(table: FormTable, row: int) -> list[FormCell]:
    return [c for c in table.cells if c.row <= row < c.row + c.rowspan]


def _table_spec(table: FormTable) -> TableSpec:
    data_rows = {c.row for c in table.data_cells()}
    fields: list[FieldSpec] = []
    for cell in table.data_cells():
        left = sorted(
            (c for c in _covering(table, cell.row) if not c.is_data and c.col < cell.col),
            key=lambda c: c.col,
        )
        row = cell.row - 1
        while row >= 0 and row in data_rows:
            row -= 1
        block: set[int] = set()
        while row >= 0 and row not in data_rows:
            block.add(row)
            row -= 1
        cols = range(cell.col, cell.col + cell.colspan)
        above = sorted(
            (
                c
                for c in table.cells
                if not c.is_data
                and any(r in block for r in range(c.row, c.row + c.rowspan))
                and any(c.col <= x < c.col + c.colspan for x in cols)
                and core(c.text)
            ),
            key=lambda c: (c.row + c.rowspan, c.row),
        )
        if cell.field is None:  # pragma: no cover - data_cells() yields fields only
            continue
        fields.append(
            FieldSpec(
                path=cell.field,
                row_leaf=left[-1].text if left else None,
                row_chain=frozenset(c.text for c in left),
                col_leaf=above[-1].text,
                col_chain=frozenset(c.text for c in above),
            )
        )
    row_labels = {x for f in fields for x in f.row_chain}
    leaves = {f.row_leaf for f in fields}
    return TableSpec(
        key=table.key,
        heading=table.heading,
        fields=tuple(fields),
        rows=LabelIndex(tuple(sorted(row_labels))),
        columns=LabelIndex(tuple(sorted({x for f in fields for x in f.col_chain}))),
        groups=frozenset(row_labels - leaves),
    )


FORM_INDEX: Final = tuple(_table_spec(t) for t in FORM_TABLES)
"""The label map of tables 二, 三, 四, derived from the form map."""

_MARKERS_2021: Final = tuple(
    [label(DocumentCounts, name) for name in ("issued", "repealed", "in_force")]
    + [label(OtherProcessing, name) for name in ("overdue_correction", "overdue_fee")]
)


# -- locating -----------------------------------------------------------------------------------


@attrs.frozen
class LocatedCell(Generic[H]):
    """A cell of the document that holds the value of field ``path``."""

    path: str
    table: str
    row_label: str
    column_label: str
    text: str
    cell: Cell[H] = attrs.field(eq=False, repr=False)


@attrs.frozen
class StrayCell:
    """A cell that looks like data but belongs to no field (or to a group row of the 2019 form)."""

    table: str
    row_label: str
    column_label: str
    text: str
    group: str | None = None
    """The official group label when the row is a whole group (2019's single （六）其他处理 row)."""
    column_path: str | None = None
    """For a group row: the name of the column's field (``natural_person`` …)."""
    ambiguous: bool = False


@attrs.frozen
class Relabel:
    """A row label the document misspells, taken for the one official label it can only mean."""

    table: str
    published: str
    official: str


@attrs.frozen
class Located(Generic[H]):
    """What :func:`locate` found: the cells of each field, stray data, tables per section, format hints."""

    cells: dict[str, tuple[LocatedCell[H], ...]]
    stray: tuple[StrayCell, ...]
    tables: dict[str, tuple[int, ...]]
    """Section key → indexes (in document order) of the grids that belong to it."""
    has_2019_labels: bool
    has_2021_labels: bool
    relabelled: tuple[Relabel, ...] = ()
    """Misspelt row labels read as official ones (each gets a note)."""

    @property
    def edition(self) -> Edition:
        """The form's edition: 2019 when only the 2019 form's own labels are there."""
        return "2019" if self.has_2019_labels and not self.has_2021_labels else "2021"


_VALUE: Final = re.compile(r"^[+-]?[\d.,]+(?:件|万元|元)?$|^[/\-—–]+$|^无$")


def _looks_like_value(text: str) -> bool:
    return bool(_VALUE.match(normalize(text)))


@attrs.define
class _Header:
    """The header block in force: the labels (official, per grid column) and the raw texts."""

    matches: dict[int, list[tuple[int, frozenset[str], str]]] = attrs.Factory(dict)

    def column(self, cols: Iterable[int]) -> tuple[frozenset[str], frozenset[str], str]:
        """Leaf labels, all labels, and the raw text of the leaf for a cell over ``cols``."""
        entries = [e for c in cols for e in self.matches.get(c, [])]
        if not entries:
            return frozenset(), frozenset(), ""
        bottom = max(depth for depth, _, _ in entries)
        leaf = frozenset(x for depth, m, _ in entries if depth == bottom for x in m)
        raw = next(text for depth, _, text in entries if depth == bottom)
        return leaf, frozenset(x for _, m, _ in entries for x in m), raw


def _classify(cells: Sequence[Cell[H]]) -> TableSpec | None:
    best: tuple[int, TableSpec | None] = (0, None)
    for spec in FORM_INDEX:
        found = {x for c in cells for x in spec.rows.match(c.text) | spec.columns.match(c.text)}
        if len(found) > best[0]:
            best = (len(found), spec)
    return best[1] if best[0] >= 2 else None


def locate(grids: Sequence[Grid[H]]) -> Located[H]:
    """Map the data cells of ``grids`` (every table of a document, in order) to model fields."""
    found: dict[str, list[LocatedCell[H]]] = {}
    stray: list[StrayCell] = []
    where: dict[str, list[int]] = {}
    headers: dict[str, _Header] = {}
    relabelled: list[Relabel] = []
    has_2019 = has_2021 = False
    markers_2019 = {core(m) for m in FORMAT_2019_MARKERS}
    markers_2021 = {core(m) for m in _MARKERS_2021}
    for index, grid in enumerate(grids):
        cells = grid.cells
        spec = _classify(cells)
        if spec is None:
            continue
        cores = {core(c.text) for c in cells}
        has_2019 = has_2019 or bool(cores & markers_2019)
        has_2021 = has_2021 or bool(cores & markers_2021)
        where.setdefault(spec.key, []).append(index)
        header = headers.setdefault(spec.key, _Header())
        _read_table(spec, grid, header, _Sink(found, stray, relabelled))
    return Located(
        cells={k: tuple(v) for k, v in found.items()},
        stray=tuple(stray),
        tables={k: tuple(v) for k, v in where.items()},
        has_2019_labels=has_2019,
        has_2021_labels=has_2021,
        relabelled=tuple(relabelled),
    )


@attrs.frozen
class _Sink(Generic[H]):
    """Where reading a table puts what it finds."""

    found: dict[str, list[LocatedCell[H]]]
    stray: list[StrayCell]
    relabelled: list[Relabel]


def _read_table(spec: TableSpec, grid: Grid[H], header: _Header, sink: _Sink[H]) -> None:
    in_header = False
    for row_index, row in enumerate(grid.rows()):
        own = [c for c in row if c.row == row_index]
        col_hits = sum(1 for c in own if spec.columns.match(c.text))
        row_hits = sum(1 for c in own if spec.rows.match(c.text))
        values = sum(1 for c in own if _looks_like_value(c.text))
        if col_hits > row_hits and not values:
            if not in_header:
                header.matches = {}
                in_header = True
            for cell in own:
                hit = spec.columns.match(cell.text)
                if hit:
                    for col in range(cell.col, cell.col + cell.colspan):
                        header.matches.setdefault(col, []).append(
                            (cell.row + cell.rowspan, hit, cell.text)
                        )
            continue
        in_header = False
        _read_row(spec, row=row, own=own, header=header, sink=sink)


_NEAR: Final = 0.5
"""Least bigram similarity for a misspelt row label to be taken for the only official one it can be."""


def _near_label(spec: TableSpec, text: str, context: frozenset[str]) -> str | None:
    """The one official row label a misspelt ``text`` can mean, in a row whose groups are ``context``.

    Candidates are the leaves of the groups the row is in (all of them, no fewer), numbered as
    ``text`` is (``2.`` for ``2.其他法律行政止公开``) and not already in the row; the most similar
    one is taken when it is at least :data:`_NEAR` alike and no other is as close.
    """
    wanted = core(text)
    if not wanted or _looks_like_value(text):
        return None
    mark = numbering(text)
    groups = context & spec.groups
    candidates = {
        f.row_leaf
        for f in spec.fields
        if f.row_leaf is not None
        and f.row_leaf not in context
        and groups <= f.row_chain
        and (not mark or numbering(f.row_leaf) == mark)
    }
    scored = sorted(((similarity(wanted, core(c)), c) for c in candidates), reverse=True)
    if not scored or scored[0][0] < _NEAR:
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    return scored[0][1]


def _read_row(
    spec: TableSpec, *, row: list[Cell[H]], own: list[Cell[H]], header: _Header, sink: _Sink[H]
) -> None:
    found, stray = sink.found, sink.stray
    row_matches = {id(c): spec.rows.match(c.text) for c in row}
    context = frozenset(x for m in row_matches.values() for x in m)
    if not any(row_matches[id(c)] - spec.groups for c in row):
        for cell in row:
            near = None if row_matches[id(cell)] else _near_label(spec, cell.text, context)
            if near is not None:
                row_matches[id(cell)] = frozenset({near})
                context |= {near}
                sink.relabelled.append(Relabel(spec.key, cell.text, near))
                break
    for cell in own:
        if row_matches[id(cell)]:
            continue
        labelled = [c for c in row if row_matches[id(c)] and c.col < cell.col]
        if not labelled and any(row_matches[id(c)] and c.col > cell.col for c in row):
            continue  # before the row's label: a serial number (序号) column, never data
        leaf_cell = max(labelled, key=lambda c: c.col, default=None)
        row_leaf = row_matches[id(leaf_cell)] if leaf_cell is not None else frozenset()
        row_text = leaf_cell.text if leaf_cell is not None else ""
        col_leaf, col_context, col_text = header.column(range(cell.col, cell.col + cell.colspan))
        candidates = [
            f
            for f in spec.fields
            if f.col_leaf in col_leaf
            and (f.row_leaf in row_leaf if f.row_leaf is not None else not row_leaf)
        ]
        if not candidates:
            group = next(iter(sorted(row_leaf & spec.groups)), None)
            if group is not None and col_leaf:
                column = _group_column(spec, group, col_leaf)
                stray.append(StrayCell(spec.key, row_text, col_text, cell.text, group, column))
            elif _looks_like_value(cell.text) and cell.text.strip():
                stray.append(StrayCell(spec.key, row_text, col_text, cell.text))
            continue
        scored = sorted(
            ((len(f.row_chain & context) + len(f.col_chain & col_context), f) for f in candidates),
            key=lambda pair: -pair[0],
        )
        if len(scored) > 1 and scored[0][0] == scored[1][0]:
            if cell.text.strip():
                stray.append(StrayCell(spec.key, row_text, col_text, cell.text, ambiguous=True))
            continue
        chosen = scored[0][1]
        found.setdefault(chosen.path, []).append(
            LocatedCell(chosen.path, spec.key, row_text, col_text, cell.text, cell)
        )


def _group_column(spec: TableSpec, group: str, col_leaf: frozenset[str]) -> str | None:
    """The column field name (last path part) of a group row's cell, from the group's members."""
    members = [f for f in spec.fields if group in f.row_chain and f.col_leaf in col_leaf]
    names = {f.path.rsplit(".", 1)[1] for f in members}
    return names.pop() if len(names) == 1 else None


# -- reading the located cells into data --------------------------------------------------------

_OTHER_ROWS: Final = "applications.results.other."
_NOT_APPLICABLE: Final = frozenset({"/", "-", "—", "–", "--", "——", "无", "\\"})
_GROUPED: Final = re.compile(r"\d{1,3}(?:,\d{3})+")


def read_value(text: str, *, fee: bool) -> tuple[NoteKind | None, int | Decimal]:
    """A data cell's text as a value: ``(None, value)`` for a number, else the note kind and 0.

    Full-width digits, ``1,234``, a trailing 件 (万元 for the fee) and surrounding spaces are fine;
    blank is :attr:`NoteKind.BLANK`, ``/``, ``—`` or ``无`` :attr:`NoteKind.NOT_APPLICABLE`, and
    anything else (``十二``, ``-3``, ``1.5`` for a count) :attr:`NoteKind.UNREADABLE`.

    >>> read_value("１２件", fee=False), read_value("/", fee=False)
    ((None, 12), (<NoteKind.NOT_APPLICABLE: 'not_applicable'>, 0))
    """
    value = re.sub(r"\s+", "", unicodedata.normalize("NFKC", visible(text)))
    if not value:
        return NoteKind.BLANK, 0
    if value in _NOT_APPLICABLE:
        return NoteKind.NOT_APPLICABLE, 0
    value = value.removesuffix("万元") if fee else value.removesuffix("件")
    if _GROUPED.fullmatch(value.split(".")[0]):
        value = value.replace(",", "")
    if value.isascii() and value.isdigit():
        return None, Decimal(value) if fee else int(value)
    if fee and re.fullmatch(rf"\d+\.\d{{1,{FEE_DECIMALS}}}", value):
        return None, Decimal(value)
    return NoteKind.UNREADABLE, 0


_VALUE_MESSAGES: Final = {
    NoteKind.BLANK: "空白，按 0 计",
    NoteKind.NOT_APPLICABLE: "填写为不适用，按 0 计",
    NoteKind.UNREADABLE: "无法读取为数值，按 0 计，请核对原文",
}


@attrs.frozen
class CellValues:
    """The tables' values as data (dotted paths nested), and the notes on how the cells were read."""

    data: dict[str, Any]
    notes: tuple[Note, ...]
    undivided_other: ApplicantRow | None = None
    """The single （六）其他处理 row of the 2019 form, when the document has it (see
    :class:`~.result.ParsedReport`)."""


def read_values(located: Located[Any], edition: Edition) -> CellValues:
    """Every field's value from its located cells: a missing table, cell or unreadable value is 0, noted."""
    notes: list[Note] = [_relabel_note(r) for r in dict.fromkeys(located.relabelled)]
    data: dict[str, Any] = {}
    absent: list[str] = []
    for spec in FORM_INDEX:
        if spec.key not in located.tables:
            notes.append(
                Note(NoteKind.MISSING, "文档中没有此表，各项按 0 计", Location(spec.heading))
            )
        for field in spec.fields:
            cells = located.cells.get(field.path, ())
            if not cells:
                if spec.key in located.tables:
                    absent.append(field.path)
                value: int | Decimal = 0
            else:
                value = _cell_value(field.path, cells, notes)
            _put(data, field.path, value)
    undivided = _stray(located.stray, edition, notes, absent)
    if undivided is not None and edition == "2021":
        absent = [p for p in absent if not p.startswith(_OTHER_ROWS)]
        for name in APPLICANT_COLUMNS:
            _put(data, f"{_OTHER_ROWS}other.{name}", getattr(undivided, name))
    _note_absent(absent, edition, notes)
    return CellValues(data, tuple(notes), undivided)


def _relabel_note(relabel: Relabel) -> Note:
    heading = _heading(relabel.table)
    return Note(
        NoteKind.INFO,
        f"行标签与官方表格不一致，按编号和相近文字读作“{relabel.official}”，请核对",
        Location(heading, row=relabel.official),
        relabel.published,
    )


def _cell_value(path: str, cells: Sequence[LocatedCell[Any]], notes: list[Note]) -> int | Decimal:
    fee = path == "active_disclosure.fees"
    read = [(cell, *read_value(cell.text, fee=fee)) for cell in cells]
    numbers = {value for _, kind, value in read if kind is None}
    if len(numbers) > 1:
        shown = "、".join(sorted(str(n) for n in numbers))
        notes.append(
            Note(
                NoteKind.UNREADABLE,
                f"同一栏目出现多个不同数值（{shown}），按 0 计，请核对",
                cell_location(path),
                " | ".join(c.text for c in cells),
            )
        )
        return 0
    for _cell, kind, value in read:
        if kind is None:
            return value
    # No number: the first cell that says something decides (an extra blank cell never does).
    cell, kind, value = next(((c, k, v) for c, k, v in read if c.text.strip()), read[0])
    kind = kind or NoteKind.UNREADABLE  # never None here: a number was returned above
    notes.append(Note(kind, _VALUE_MESSAGES[kind], cell_location(path), cell.text))
    return value


def _note_absent(absent: list[str], edition: Edition, notes: list[Note]) -> None:
    if not absent:
        return
    if edition == "2019":
        # The （六） sub-rows are covered by the note on the undivided 2019 row.
        absent = [p for p in absent if not p.startswith(_OTHER_ROWS)]
        notes.append(
            Note(
                NoteKind.INFO,
                "2019 版格式没有以下 2021 版栏目，按 0 计："
                + "；".join(str(cell_location(p)) for p in absent),
            )
        )
        return
    for path in absent:
        notes.append(Note(NoteKind.MISSING, "表中找不到此栏目，按 0 计", cell_location(path)))


def _heading(key: str) -> str:
    return next(s.heading for s in FORM_INDEX if s.key == key)


def _stray(
    stray: Iterable[StrayCell], edition: Edition, notes: list[Note], absent: Sequence[str]
) -> ApplicantRow | None:
    """Notes on the cells that map to no field; the single （六）其他处理 row's values, if it has one.

    That row is the 2019 form's; a 2021 table that kept it (and lacks the three rows that replace
    it, all of ``absent``) has its values read too, for :func:`read_values` to put under 3.其他.
    """
    other_group = label(Results, "other")
    undivided_allowed = edition == "2019" or all(
        f"{_OTHER_ROWS}{row}.{name}" in absent
        for row in ("overdue_correction", "overdue_fee", "other")
        for name in APPLICANT_COLUMNS
    )
    undivided: dict[str, int] = {}
    for cell in stray:
        place = Location(_heading(cell.table), row=cell.row_label, column=cell.column_label)
        if cell.group == other_group and cell.column_path and undivided_allowed:
            kind, value = read_value(cell.text, fee=False)
            undivided[cell.column_path] = int(value)
            if kind is not None:
                notes.append(Note(kind, _VALUE_MESSAGES[kind], place, cell.text))
            continue
        if edition == "2019" and cell.table == "active_disclosure":
            notes.append(Note(NoteKind.INFO, "2019 版栏目，2021 版没有，未读入", place, cell.text))
            continue
        if cell.ambiguous:
            message = "此格对应的栏目不唯一，未读入"
        elif cell.group:
            message = "此行是分组小计，官方表格没有此行，未读入"
        else:
            message = "此格有数值，但对应不到官方表格的栏目，未读入"
        notes.append(Note(NoteKind.UNREADABLE, message, place, cell.text))
    if not undivided:
        return None
    if edition == "2019":
        message = "2019 版的（六）其他处理只有一行，2021 版分为三行；此行数值单独保存（undivided_other），不拆分"
    else:
        message = (
            "（六）其他处理只印了一行（2019 版的写法），没有分为 2021 版的三行；此行数值记入"
            f"“{label(OtherProcessing, 'other')}”，另两行按 0 计，原行数值另存于 undivided_other"
        )
    notes.append(Note(NoteKind.INFO, message, Location(_heading("applications"), row=other_group)))
    return ApplicantRow(**{k: undivided.get(k, 0) for k in APPLICANT_COLUMNS})


def _put(data: dict[str, Any], path: str, value: object) -> None:
    *parents, name = path.split(".")
    target = data
    for parent in parents:
        target = target.setdefault(parent, {})
    target[name] = str(value) if isinstance(value, Decimal) else value

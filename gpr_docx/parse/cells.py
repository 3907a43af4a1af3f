"""Find the official tables in any .docx by their labels and map every data cell to its model field.

The map comes from :data:`gpr_docx.form.FORM_TABLES` alone: for each data cell of the official grid
it records the labels left of it (its row) and the labels of the header block above it (its column),
each with the nearest one as the *leaf*. A table made by anyone is read the same way: its header rows
give each grid column its labels, each other row gives its row labels, and a data cell belongs to the
field whose leaves it carries, the rest of the labels breaking ties (which 结果维持 of table 四).
Tables are found by what they contain, never by their position or number: four small tables for
section 二, header rows repeated after a page break, empty extra rows and columns all work.

Labels are compared after :func:`normalize` (official-format.md §6) on their :func:`core`: numbering
and explanatory notes in brackets removed, so small drift still matches; a near miss is accepted
only when it is clearly closer to one label than to nothing.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Final

import attrs
from lxml import etree

from ..form import FORM_TABLES, FormCell, FormTable
from ..model import DocumentCounts, OtherProcessing, label
from ..oxml import GridCell, table_cells

__all__ = [
    "FORM_INDEX",
    "LabelIndex",
    "Located",
    "LocatedCell",
    "StrayCell",
    "TableSpec",
    "core",
    "locate",
    "normalize",
    "numbering",
    "similarity",
    "visible",
]

_CN_NUMERALS: Final = "一二三四五六七八九十"
_QUOTES: Final = str.maketrans(
    {"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"', "『": '"', "』": '"'}
)
_NUMBERING: Final = re.compile(rf"^(?:[{_CN_NUMERALS}]+、|\([{_CN_NUMERALS}\d]+\)|\d+\.)")
_NOTE: Final = re.compile(rf"\((?![{_CN_NUMERALS}\d]+\))[^()]*\)")
_PUNCTUATION: Final = re.compile(r"[\"'、,，。.:;!?·《》<>]")
_SYNONYMS: Final = (("合计", "总计"),)
"""Words some forms use for an official one (``合计`` for ``总计``); no official label has them."""

# Labels of the 2019 form that the 2021 form dropped (official-format.md §4.1): seeing one means 2019.
FORMAT_2019_MARKERS: Final = (
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "其他对外管理服务事项",
    "第二十条第（九）项",
    "政府集中采购",
)


def visible(text: str) -> str:
    """``text`` without invisible format characters (zero-width space, soft hyphen, BOM, joiners)."""
    if text.isascii():
        return text
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


@functools.lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """Canonical form for comparing labels: half-width, no whitespace, straight quotes, ``1.``/``一、``."""
    value = unicodedata.normalize("NFKC", visible(text)).translate(_QUOTES)
    value = re.sub(r"\s+", "", value)
    value = re.sub(rf"^([{_CN_NUMERALS}]+)[、.,]", r"\1、", value)
    return re.sub(r"^(\d+)[、.,]", r"\1.", value)


def numbering(text: str) -> str:
    """The leading numbering of a label (``一、``, ``(三)``, ``2.``), normalised, or ``""``."""
    found = _NUMBERING.match(normalize(text))
    return found.group() if found else ""


@functools.lru_cache(maxsize=8192)
def core(text: str) -> str:
    """The distinctive part of a label: no numbering, no bracketed note, no punctuation or quotes."""
    value = _NUMBERING.sub("", normalize(text), count=1)
    value = _NOTE.sub("", value)
    value = _PUNCTUATION.sub("", value)
    for variant, official in _SYNONYMS:
        value = value.replace(variant, official)
    return value


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def similarity(a: str, b: str) -> float:
    """Dice coefficient of the character bigrams of two strings (1.0 = same bigrams)."""
    if not a or not b:
        return 0.0
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y))


_FUZZY: Final = 0.75


@attrs.frozen
class LabelIndex:
    """A set of official labels, matched on their cores: exact, then containment, then near misses."""

    labels: tuple[str, ...]
    numbered: bool = True
    """Whether numbering tells labels apart: a numbered cell ("（七）总计", "3.其他") is then a row
    label and never an unnumbered header ("总计", "其他"). Off for sub-headings the form does not number."""

    def match(self, text: str) -> frozenset[str]:
        return _match(self.labels, text, self.numbered)


@functools.lru_cache(maxsize=65536)
def _match(labels: tuple[str, ...], text: str, numbered: bool) -> frozenset[str]:
    wanted = core(text)
    if not wanted or wanted.isdigit():
        return frozenset()
    mark = numbering(text) if numbered else ""

    def numbered_alike(candidate: str) -> bool:
        return not mark or mark == numbering(candidate)

    pool = [c for c in labels if core(c) and numbered_alike(c)]
    exact = [c for c in pool if core(c) == wanted]
    if exact:
        return frozenset(exact)
    containing = [c for c in pool if core(c) in wanted and 2 * len(core(c)) >= len(wanted)]
    if containing:
        longest = max(len(core(c)) for c in containing)
        return frozenset(c for c in containing if len(core(c)) == longest)
    within = [c for c in pool if wanted in core(c) and 5 * len(wanted) >= 3 * len(core(c))]
    if within:
        shortest = min(len(core(c)) for c in within)
        return frozenset(c for c in within if len(core(c)) == shortest)
    scored = [(similarity(wanted, core(c)), c) for c in pool]
    best = max((s for s, _ in scored), default=0.0)
    if best < _FUZZY:
        return frozenset()
    return frozenset(c for s, c in scored if s == best)


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
class LocatedCell:
    """A cell of the document that holds the value of field ``path``."""

    path: str
    table: str
    row_label: str
    column_label: str
    text: str
    cell: GridCell = attrs.field(eq=False, repr=False)


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
class Located:
    """What :func:`locate` found: the cells of each field, stray data, tables per section, format hints."""

    cells: dict[str, tuple[LocatedCell, ...]]
    stray: tuple[StrayCell, ...]
    tables: dict[str, tuple[int, ...]]
    """Section key → indexes (in document order) of the ``w:tbl`` elements that belong to it."""
    has_2019_labels: bool
    has_2021_labels: bool


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


def _classify(cells: Sequence[GridCell]) -> TableSpec | None:
    best: tuple[int, TableSpec | None] = (0, None)
    for spec in FORM_INDEX:
        found = {x for c in cells for x in spec.rows.match(c.text) | spec.columns.match(c.text)}
        if len(found) > best[0]:
            best = (len(found), spec)
    return best[1] if best[0] >= 2 else None


def _table_rows(cells: Sequence[GridCell]) -> list[list[GridCell]]:
    height = max((c.row + c.rowspan for c in cells), default=0)
    rows: list[list[GridCell]] = [[] for _ in range(height)]
    for cell in cells:
        for r in range(cell.row, cell.row + cell.rowspan):
            rows[r].append(cell)
    return [sorted(r, key=lambda c: c.col) for r in rows]


def locate(tables: Sequence[etree._Element]) -> Located:
    """Map the data cells of ``tables`` (every ``w:tbl`` of a body, in order) to model fields."""
    found: dict[str, list[LocatedCell]] = {}
    stray: list[StrayCell] = []
    where: dict[str, list[int]] = {}
    headers: dict[str, _Header] = {}
    has_2019 = has_2021 = False
    markers_2019 = {core(m) for m in FORMAT_2019_MARKERS}
    markers_2021 = {core(m) for m in _MARKERS_2021}
    for index, tbl in enumerate(tables):
        cells = table_cells(tbl)
        spec = _classify(cells)
        if spec is None:
            continue
        cores = {core(c.text) for c in cells}
        has_2019 = has_2019 or bool(cores & markers_2019)
        has_2021 = has_2021 or bool(cores & markers_2021)
        where.setdefault(spec.key, []).append(index)
        header = headers.setdefault(spec.key, _Header())
        _read_table(spec, cells, header, found, stray)
    return Located(
        cells={k: tuple(v) for k, v in found.items()},
        stray=tuple(stray),
        tables={k: tuple(v) for k, v in where.items()},
        has_2019_labels=has_2019,
        has_2021_labels=has_2021,
    )


def _read_table(
    spec: TableSpec,
    cells: Sequence[GridCell],
    header: _Header,
    found: dict[str, list[LocatedCell]],
    stray: list[StrayCell],
) -> None:
    in_header = False
    for row_index, row in enumerate(_table_rows(cells)):
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
        _read_row(spec, row=row, own=own, header=header, found=found, stray=stray)


def _read_row(
    spec: TableSpec,
    *,
    row: list[GridCell],
    own: list[GridCell],
    header: _Header,
    found: dict[str, list[LocatedCell]],
    stray: list[StrayCell],
) -> None:
    row_matches = {id(c): spec.rows.match(c.text) for c in row}
    context = frozenset(x for m in row_matches.values() for x in m)
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

"""What every reader makes of a document, whatever its format: table grids and paragraphs.

A front end (today .docx, through :mod:`gpr_docx.oxml`; later HTML or PDF) reads each table into a
:class:`Grid` of :class:`Cell` s — top-left row and column, spans, visible text — and the body into
:class:`Paragraph` s. The shared reading (:mod:`gpr_docx.parse.cells` maps cells to fields by their
labels, :mod:`gpr_docx.parse.narrative` reads the texts) sees only these. Each piece carries an
opaque ``handle`` back to where it came from (the ``w:tc`` of a .docx cell, an HTML ``<td>`` …), so
a writer can put a value into the very cell it was read from.

>>> grid = Grid((Cell(0, 0, 2, 1, "类别", None), Cell(0, 1, 1, 1, "数量", None),
...              Cell(1, 1, 1, 1, "7", None)))
>>> [[cell.text for cell in row] for row in grid.rows()]
[['类别', '数量'], ['类别', '7']]
"""

from __future__ import annotations

from typing import Generic, TypeVar

import attrs

__all__ = ["BoundingBox", "Cell", "Grid", "Paragraph"]

H_co = TypeVar("H_co", covariant=True)
"""The type of a front end's handle (``lxml`` element for .docx)."""

BoundingBox = tuple[float, float, float, float]
"""``(x0, y0, x1, y1)`` on a page, in points from its top-left corner."""


@attrs.frozen
class Cell(Generic[H_co]):
    """A visible table cell: its top-left grid row and column, how far it spans, and its text."""

    row: int
    col: int
    rowspan: int
    colspan: int
    text: str
    """What a reader sees in the cell; its paragraphs and line breaks as ``\\n``."""
    handle: H_co = attrs.field(eq=False, repr=False)
    """The front end's own object for the cell (``w:tc`` for .docx); opaque to shared code."""
    page: int | None = attrs.field(default=None, kw_only=True)
    """1-based page the cell is on, for formats that have pages (PDF)."""
    bbox: BoundingBox | None = attrs.field(default=None, kw_only=True)
    """Where on its page the cell is, for formats that have positions (PDF)."""

    def covers(self, row: int, col: int) -> bool:
        """Whether the cell spans grid position ``(row, col)``."""
        return (
            self.row <= row < self.row + self.rowspan and self.col <= col < self.col + self.colspan
        )


@attrs.frozen
class Grid(Generic[H_co]):
    """One table as a grid: every visible cell once, in reading order (row by row, left to right)."""

    cells: tuple[Cell[H_co], ...]

    @property
    def height(self) -> int:
        """Number of grid rows."""
        return max((c.row + c.rowspan for c in self.cells), default=0)

    @property
    def width(self) -> int:
        """Number of grid columns."""
        return max((c.col + c.colspan for c in self.cells), default=0)

    def rows(self) -> list[list[Cell[H_co]]]:
        """For each grid row, the cells covering it (a cell merged down appears in each), by column."""
        rows: list[list[Cell[H_co]]] = [[] for _ in range(self.height)]
        for cell in self.cells:
            for r in range(cell.row, cell.row + cell.rowspan):
                rows[r].append(cell)
        return [sorted(row, key=lambda c: c.col) for row in rows]


@attrs.frozen
class Paragraph(Generic[H_co]):
    """A body paragraph (not one in a table) as a reader sees it."""

    text: str
    """What a reader sees: a list number the format draws (``一、``) and then the typed text."""
    handle: H_co = attrs.field(eq=False, repr=False)
    """The front end's own object for the paragraph (``w:p`` for .docx); opaque to shared code."""
    typed: str = attrs.field(default=attrs.Factory(lambda self: self.text, takes_self=True))
    """The typed text alone, ``text`` unless the format numbers the paragraph: a heading typed
    ``一、…`` in a style that numbers it too is still found by what was typed."""
    right_aligned: bool = False
    """Set flush right (a signature or a date)."""

"""Reading a document body as a person sees it: blocks in order, visible text, tables as grids.

Tracked deletions, hidden runs, field codes and text-box fallbacks are not what a reader sees, so
they are not read; ``gridBefore``, ``gridSpan`` and ``vMerge`` are resolved into row and column spans
of a format-neutral :class:`gpr_docx.grid.Grid` whose cells' handles are their ``w:tc`` elements.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

import attrs
from lxml import etree

from ..grid import Cell, Grid
from .package import w

__all__ = [
    "block_items",
    "cell_paragraphs",
    "element_text",
    "table_cells",
    "table_grid",
    "table_rows",
]


_WRAPPERS: Final = frozenset({w("sdt"), w("sdtContent"), w("customXml"), w("smartTag")})


def _children(element: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Direct children with ``tag``, looking through content controls and custom XML wrappers."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def block_items(body: etree._Element) -> Iterator[etree._Element]:
    """The body's paragraphs and tables in document order (content controls looked through)."""
    for child in body:
        if child.tag in (w("p"), w("tbl")):
            yield child
        elif child.tag in _WRAPPERS:
            yield from block_items(child)


_MC: Final = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_UNSEEN: Final = frozenset(
    {
        w("del"),  # a tracked deletion
        w("moveFrom"),  # the old place of a tracked move (its text is w:t, not w:delText)
        w("delText"),
        w("instrText"),  # a field's code; its result is ordinary runs
        w("pPr"),
        w("rPr"),
        f"{{{_MC}}}Fallback",  # the same content again, for older readers (text boxes)
    }
)


def _hidden(run: etree._Element) -> bool:
    vanish = run.find(f"{w('rPr')}/{w('vanish')}")
    return vanish is not None and vanish.get(w("val"), "true") not in ("false", "0", "off")


def element_text(element: etree._Element) -> str:
    """Visible text of a paragraph (or run): ``w:t``, tabs as spaces, breaks as newlines.

    What a reader does not see is left out: tracked deletions and the old place of a move, hidden
    runs, field codes (``w:instrText``) and the fallback copy of a text box. The paragraphs of a text
    box anchored in the paragraph are its lines.
    """
    parts: list[str] = []
    _collect_text(element, parts)
    return "".join(parts)


def _collect_text(element: etree._Element, parts: list[str]) -> None:
    for node in element:
        tag = node.tag
        if tag in _UNSEEN or (tag == w("r") and _hidden(node)):
            continue
        if tag == w("t"):
            parts.append(node.text or "")
        elif tag == w("tab"):
            if element.tag == w("r"):
                parts.append(" ")
        elif tag == w("noBreakHyphen"):
            parts.append("-")
        elif tag in (w("br"), w("cr")):
            parts.append("\n")
        elif tag == w("p"):
            if parts and not parts[-1].endswith("\n"):
                parts.append("\n")
            _collect_text(node, parts)
        else:
            _collect_text(node, parts)


def cell_paragraphs(tc: etree._Element) -> list[etree._Element]:
    """The paragraphs directly in a cell (not those of a nested table)."""
    return list(_children(tc, w("p")))


def table_rows(tbl: etree._Element) -> list[etree._Element]:
    """The ``w:tr`` rows of a table, less rows deleted with tracked changes on."""
    return [tr for tr in _children(tbl, w("tr")) if tr.find(f"{w('trPr')}/{w('del')}") is None]


def _int_val(element: etree._Element | None, default: int) -> int:
    if element is None:
        return default
    try:
        return max(int(element.get(w("val"), str(default))), 0)
    except ValueError:
        return default


@attrs.define
class _OpenCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    tc: etree._Element


def table_grid(tbl: etree._Element) -> Grid[etree._Element]:
    """A table as a grid of its visible cells (see :func:`table_cells`)."""
    return Grid(tuple(table_cells(tbl)))


def table_cells(tbl: etree._Element) -> list[Cell[etree._Element]]:
    """Every visible cell of a table, with ``gridBefore``, ``gridSpan`` and ``vMerge`` resolved.

    A ``vMerge`` continuation cell lengthens the cell above it in the same grid column; one
    without a cell to continue (a malformed table) is kept as a cell of its own.
    """
    cells: list[_OpenCell] = []
    open_above: dict[int, _OpenCell] = {}
    for row_index, tr in enumerate(table_rows(tbl)):
        col = _int_val(tr.find(f"{w('trPr')}/{w('gridBefore')}"), 0)
        for tc in _children(tr, w("tc")):
            props = tc.find(w("tcPr"))
            if props is not None and props.find(w("cellDel")) is not None:
                continue  # a cell deleted with tracked changes on
            span = _int_val(props.find(w("gridSpan")) if props is not None else None, 1) or 1
            merge = props.find(w("vMerge")) if props is not None else None
            above = open_above.get(col)
            if (
                merge is not None
                and merge.get(w("val"), "continue") == "continue"
                and above is not None
                and above.row + above.rowspan == row_index
            ):
                above.rowspan += 1
            else:
                cell = _OpenCell(row_index, col, 1, span, tc)
                cells.append(cell)
                open_above[col] = cell
            col += span
    return [Cell(c.row, c.col, c.rowspan, c.colspan, _tc_text(c.tc), c.tc) for c in cells]


def _tc_text(tc: etree._Element) -> str:
    return "\n".join(element_text(p) for p in cell_paragraphs(tc))

"""Read a .docx's tables straight from its XML: the merge signature of each table, for fidelity tests.

Deliberately independent of gpr_docx (no form map, no python-docx table API), so that a test built on
it checks what the renderer wrote rather than re-running the code that wrote it.
"""

from __future__ import annotations

import io
import zipfile
from typing import NamedTuple

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class SignatureCell(NamedTuple):
    """A visible cell: top-left row and grid column, its spans, and its text."""

    row: int
    col: int
    rowspan: int
    colspan: int
    text: str


def document_xml(docx: bytes, part: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return etree.fromstring(archive.read(part))


def cell_text(tc: etree._Element) -> str:
    paragraphs = tc.findall(f"{W}p")
    return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in paragraphs)


def _val(element: etree._Element | None, default: str | None = None) -> str | None:
    if element is None:
        return default
    return element.get(f"{W}val", default)


def table_signature(tbl: etree._Element) -> list[SignatureCell]:
    """Every visible cell of a ``w:tbl`` with gridSpan and vMerge resolved."""
    cells: list[list[object]] = []
    open_above: dict[int, list[object]] = {}
    for row_index, tr in enumerate(tbl.findall(f"{W}tr")):
        col = int(_val(tr.find(f"{W}trPr/{W}gridBefore"), "0") or 0)
        for tc in tr.findall(f"{W}tc"):
            props = tc.find(f"{W}tcPr")
            span = int(_val(props.find(f"{W}gridSpan") if props is not None else None, "1") or 1)
            merge = props.find(f"{W}vMerge") if props is not None else None
            if merge is not None and _val(merge, "continue") == "continue":
                above = open_above[col]
                above[2] = int(str(above[2])) + 1
            else:
                cell: list[object] = [row_index, col, 1, span, cell_text(tc)]
                cells.append(cell)
                open_above[col] = cell
            col += span
    return [
        SignatureCell(int(str(r)), int(str(c)), int(str(rs)), int(str(cs)), str(t))
        for r, c, rs, cs, t in cells
    ]


def tables(docx: bytes) -> list[etree._Element]:
    return document_xml(docx).findall(f".//{W}tbl")


def wattr(element: etree._Element | None, name: str) -> str:
    """The ``w:name`` attribute of ``element``; a missing element or attribute fails the test."""
    assert element is not None, f"missing element for w:{name}"
    value = element.get(f"{W}{name}")
    assert value is not None, f"missing w:{name}"
    return value

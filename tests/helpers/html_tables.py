"""Read a web page's tables as a browser lays them out: the merge signature of each, for fidelity tests.

Deliberately independent of gpr_docx (the page is parsed by html5lib, the HTML standard's own
parsing algorithm, and the spans are resolved here), so that a test built on it checks what the
writer wrote rather than re-running the code that wrote it or the reader that reads it back.
"""

from __future__ import annotations

import html5lib
from lxml import etree

from tests.helpers.docx_signature import SignatureCell


def page_tree(page: str) -> etree._Element:
    """The page as the HTML standard parses it (an lxml tree without namespaces)."""
    tree = html5lib.parse(page, treebuilder="lxml", namespaceHTMLElements=False)
    root: etree._Element = tree.getroot() if hasattr(tree, "getroot") else tree
    return root


def text_of(element: etree._Element) -> str:
    return "".join(str(text) for text in element.itertext())


def rows_of(table: etree._Element) -> list[etree._Element]:
    """The table's rows in the order a browser shows them (``thead`` first, then each ``tbody``)."""
    head = [tr for group in table.findall("thead") for tr in group.findall("tr")]
    body = [tr for group in table.findall("tbody") for tr in group.findall("tr")]
    return head + body + table.findall("tr")


def table_signature(table: etree._Element) -> list[SignatureCell]:
    """Every cell of ``table`` with its grid row and column and its spans (the HTML table model)."""
    taken: set[tuple[int, int]] = set()
    cells: list[SignatureCell] = []
    for r, tr in enumerate(rows_of(table)):
        col = 0
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            while (r, col) in taken:
                col += 1
            rowspan = int(cell.get("rowspan", "1"))
            colspan = int(cell.get("colspan", "1"))
            taken.update((r + i, col + j) for i in range(rowspan) for j in range(colspan))
            cells.append(SignatureCell(r, col, rowspan, colspan, text_of(cell)))
            col += colspan
    return sorted(cells)


def signatures(page: str) -> list[list[SignatureCell]]:
    return [table_signature(t) for t in page_tree(page).iter("table")]

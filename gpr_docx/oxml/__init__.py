"""The raw OOXML layer: every element-level reading and editing of a .docx lives here.

Like python-docx's ``oxml``, nothing above this package touches ``w:`` elements directly: readers ask
for blocks, visible text and table grids, the filler for paragraph and cell edits.
"""

from .body import GridCell, block_items, cell_paragraphs, element_text, table_cells, table_rows
from .numbering import ListNumbering
from .package import (
    DEFAULT_LIMITS,
    DOCUMENT_PART,
    NUMBERING_PART,
    STYLES_PART,
    DocxPackage,
    Limits,
    W,
    open_docx,
    parse_xml,
    w,
)

__all__ = [
    "DEFAULT_LIMITS",
    "DOCUMENT_PART",
    "NUMBERING_PART",
    "STYLES_PART",
    "DocxPackage",
    "GridCell",
    "Limits",
    "ListNumbering",
    "W",
    "block_items",
    "cell_paragraphs",
    "element_text",
    "open_docx",
    "parse_xml",
    "table_cells",
    "table_rows",
    "w",
]

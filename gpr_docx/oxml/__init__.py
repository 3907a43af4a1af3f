"""The raw OOXML layer: every element-level reading and editing of a .docx lives here.

Like python-docx's ``oxml``, nothing above this package touches ``w:`` elements directly: readers
get body paragraphs and table grids (:mod:`gpr_docx.grid`) from :class:`DocxDocument`, the filler
edits through :mod:`.edit` and writes the package back with :meth:`DocxPackage.replaced`. Elements
reach the layers above only as opaque handles (:data:`Element`).
"""

from .body import block_items, cell_paragraphs, element_text, table_cells, table_grid, table_rows
from .document import DocxDocument
from .edit import (
    centre_cell,
    copy_with_text,
    insert_after,
    remove,
    right_aligned_copy,
    set_cell_text,
    set_paragraph_text,
    visible_runs,
)
from .numbering import ListNumbering
from .package import (
    DEFAULT_LIMITS,
    DOCUMENT_PART,
    DOCX,
    NUMBERING_PART,
    STYLES_PART,
    DocxPackage,
    Element,
    Limits,
    PackageKind,
    W,
    open_docx,
    open_package,
    parse_xml,
    serialize_xml,
    w,
)
from .styles import ParagraphStyles

__all__ = [
    "DEFAULT_LIMITS",
    "DOCUMENT_PART",
    "DOCX",
    "NUMBERING_PART",
    "STYLES_PART",
    "DocxDocument",
    "DocxPackage",
    "Element",
    "Limits",
    "ListNumbering",
    "PackageKind",
    "ParagraphStyles",
    "W",
    "block_items",
    "cell_paragraphs",
    "centre_cell",
    "copy_with_text",
    "element_text",
    "insert_after",
    "open_docx",
    "open_package",
    "parse_xml",
    "remove",
    "right_aligned_copy",
    "serialize_xml",
    "set_cell_text",
    "set_paragraph_text",
    "table_cells",
    "table_grid",
    "table_rows",
    "visible_runs",
    "w",
]

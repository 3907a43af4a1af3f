"""The main document part of an opened .docx, as every reader and the filler see it.

Its body paragraphs come with the list number Word draws before them (``word/numbering.xml``) and
whether they are set flush right (directly or by style); its tables come as grids. Both are the
format-neutral pieces of :mod:`gpr_docx.grid`, with the ``w:p`` and ``w:tc`` elements as handles,
so an edit can go back to the very element a value was read from.
"""

from __future__ import annotations

from lxml import etree

from ..grid import Grid, Paragraph
from .body import block_items, element_text, table_grid
from .numbering import ListNumbering
from .package import DOCUMENT_PART, NUMBERING_PART, STYLES_PART, DocxPackage, serialize_xml, w
from .styles import ParagraphStyles

__all__ = ["DocxDocument"]


class DocxDocument:
    """``word/document.xml`` of one package, with the styles and numbering its paragraphs use."""

    def __init__(
        self,
        root: etree._Element,
        body: etree._Element,
        *,
        styles: etree._Element | None = None,
        numbering: etree._Element | None = None,
        name: str = "",
    ) -> None:
        self.root = root
        self.body = body
        self.name = name
        self._styles = ParagraphStyles(styles)
        self._numbering = ListNumbering(numbering, styles)

    @classmethod
    def read(cls, package: DocxPackage) -> DocxDocument | None:
        """The package's document, or ``None`` when its ``word/document.xml`` has no ``w:body``."""
        root = package.document()
        body = root.find(w("body"))
        if body is None:
            return None
        return cls(
            root,
            body,
            styles=package.optional_xml(STYLES_PART),
            numbering=package.optional_xml(NUMBERING_PART),
            name=package.name,
        )

    def paragraphs(self) -> list[Paragraph[etree._Element]]:
        """The body's paragraphs in order (not those in tables), as a reader sees them."""
        shown = self._numbering.labels(self.body.iter(w("p")))
        right_aligned = self._styles.right_aligned
        return [
            Paragraph(shown.get(p, "") + typed, p, typed, right_aligned(p))
            for p in block_items(self.body)
            if p.tag == w("p")
            for typed in [element_text(p)]
        ]

    def alignment(self, p: etree._Element) -> str | None:
        """The ``w:jc`` a paragraph has, its own or its style's; ``None`` if the document sets none."""
        return self._styles.alignment(p)

    def grids(self) -> list[Grid[etree._Element]]:
        """Every table in the body, nested ones included, in document order, as a grid."""
        return [table_grid(tbl) for tbl in self.body.iter(w("tbl"))]

    def parts(self) -> dict[str, bytes]:
        """This document's part as it is now, to write back with :meth:`DocxPackage.replaced`."""
        return {DOCUMENT_PART: serialize_xml(self.root)}

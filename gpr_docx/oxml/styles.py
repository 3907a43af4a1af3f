"""Paragraph styles (``word/styles.xml``) as far as reading needs them: what a paragraph inherits.

A paragraph set flush right by its style (or by the style its style is based on) looks the same as
one aligned right directly; a signature is found either way.
"""

from __future__ import annotations

from typing import Final

from lxml import etree

from .package import w

__all__ = ["ParagraphStyles"]

_RIGHT: Final = frozenset({"right", "end"})
_STYLE: Final = w("style")
_STYLE_ID: Final = w("styleId")
_PPR: Final = w("pPr")
_JC: Final = w("jc")
_PSTYLE: Final = w("pStyle")
_BASED_ON: Final = w("basedOn")
_VAL: Final = w("val")


def _properties(element: etree._Element) -> tuple[bool, str | None, str | None]:
    """Whether ``w:pPr`` is there, its ``w:jc`` value (``""`` without a value) and its ``w:pStyle``."""
    props = element.find(_PPR)
    if props is None:
        return False, None, None
    jc = style = None
    for child in props:
        if child.tag == _JC and jc is None:
            jc = child.get(_VAL, "")
        elif child.tag == _PSTYLE and style is None:
            style = child.get(_VAL)
    return True, jc, style


class ParagraphStyles:
    """The paragraph styles of one document: the alignment each style gives, through ``basedOn``.

    Styles are looked up only when a paragraph uses one, and each is resolved once.
    """

    def __init__(self, styles: etree._Element | None) -> None:
        self._root = styles
        self._elements: dict[str, etree._Element] | None = None
        self._resolved: dict[str, str | None] = {}

    def _style(self, style_id: str) -> etree._Element | None:
        if self._elements is None:
            self._elements = {}
            if self._root is not None:
                for style in self._root.iter(_STYLE):
                    # The first definition of an id is the one Word uses.
                    self._elements.setdefault(style.get(_STYLE_ID) or "", style)
        return self._elements.get(style_id)

    def style_alignment(self, style_id: str) -> str | None:
        """The ``w:jc`` value style ``style_id`` gives, its own or inherited; ``None`` if unset."""
        if style_id in self._resolved:
            return self._resolved[style_id]
        found: str | None = None
        seen: set[str] = set()
        current: str | None = style_id
        while current and current not in seen:
            seen.add(current)
            style = self._style(current)
            if style is None:
                break
            _, own, _ = _properties(style)
            if own is not None:
                found = own
                break
            based = style.find(_BASED_ON)
            current = based.get(_VAL) if based is not None else None
        self._resolved[style_id] = found
        return found

    def alignment(self, p: etree._Element) -> str | None:
        """The ``w:jc`` value a paragraph shows with: its own, else its style chain's; ``None`` if unset."""
        _, own, style_id = _properties(p)
        if own is not None:
            return own
        return self.style_alignment(style_id) if style_id else None

    def right_aligned(self, p: etree._Element) -> bool:
        """Whether paragraph ``p`` is set flush right, directly or by its style."""
        return self.alignment(p) in _RIGHT

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


class ParagraphStyles:
    """The styles of one document, by id: each style's own alignment and the style it is based on."""

    def __init__(self, styles: etree._Element | None) -> None:
        self._styles: dict[str, tuple[str | None, str | None]] = {}
        if styles is None:
            return
        for style in styles.iter(w("style")):
            style_id = style.get(w("styleId"))
            if style_id is None or style_id in self._styles:
                continue  # the first definition of an id is the one Word uses
            jc = style.find(f"{w('pPr')}/{w('jc')}")
            based = style.find(w("basedOn"))
            self._styles[style_id] = (
                None if jc is None else jc.get(w("val"), ""),
                None if based is None else based.get(w("val")),
            )

    def alignment(self, p: etree._Element) -> str | None:
        """The ``w:jc`` value a paragraph shows with: its own, else its style chain's; ``None`` if unset."""
        jc = p.find(f"{w('pPr')}/{w('jc')}")
        if jc is not None:
            return jc.get(w("val"), "")
        style = p.find(f"{w('pPr')}/{w('pStyle')}")
        style_id = style.get(w("val")) if style is not None else None
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            found = self._styles.get(style_id)
            if found is None:
                return None
            own, style_id = found
            if own is not None:
                return own
        return None

    def right_aligned(self, p: etree._Element) -> bool:
        """Whether paragraph ``p`` is set flush right, directly or by its style."""
        return self.alignment(p) in _RIGHT

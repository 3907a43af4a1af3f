"""Editing a document body's text in place: every other element and property stays as it was.

A paragraph's new text goes into its first visible run (its run properties kept, or the paragraph
mark's when it has no run); new paragraphs are copies of a model paragraph with their own text, so
they look like it. Nothing here adds or removes a property the document did not have, except the
flush-right alignment of :func:`right_aligned_copy`.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from typing import Final

from lxml import etree

from .body import cell_paragraphs, element_text
from .package import w

__all__ = [
    "centre_cell",
    "copy_with_text",
    "insert_after",
    "remove",
    "right_aligned_copy",
    "set_cell_text",
    "set_paragraph_text",
    "visible_runs",
]

_TEXT_TAGS: Final = frozenset({w("t"), w("tab"), w("br"), w("cr"), w("lastRenderedPageBreak")})
_XML_SPACE: Final = "{http://www.w3.org/XML/1998/namespace}space"
_UNSEEN_WRAPPERS: Final = frozenset(
    {
        w("del"),
        w("moveFrom"),
        "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
    }
)
# Revision marks cannot move from a paragraph mark onto a run.
_MARK_ONLY: Final = frozenset({w("ins"), w("del"), w("moveFrom"), w("moveTo"), w("rPrChange")})
_FIRST_LINE: Final = ("firstLine", "firstLineChars", "hanging", "hangingChars")


def visible_runs(p: etree._Element) -> list[etree._Element]:
    """The paragraph's visible runs, including those in hyperlinks, insertions and content controls.

    Runs of a tracked deletion or of a move's old place are not: text put there would not be seen.
    """
    return [r for r in p.iter(w("r")) if _owner(r) is p]


def _owner(run: etree._Element) -> etree._Element | None:
    """The paragraph ``run`` shows in, or ``None`` when it is deleted or in a text box's fallback."""
    parent = run.getparent()
    while parent is not None and parent.tag != w("p"):
        if parent.tag in _UNSEEN_WRAPPERS:
            return None
        parent = parent.getparent()
    return parent


def _text_only(run: etree._Element) -> bool:
    return all(child.tag == w("rPr") or child.tag in _TEXT_TAGS for child in run)


def _new_run(p: etree._Element) -> etree._Element:
    run = etree.Element(w("r"))
    mark = p.find(f"{w('pPr')}/{w('rPr')}")
    if mark is not None:
        props = copy.deepcopy(mark)
        for child in list(props):
            if child.tag in _MARK_ONLY:
                props.remove(child)
        run.append(props)
    props_at = p.find(w("pPr"))
    if props_at is not None:
        props_at.addnext(run)
    else:
        p.insert(0, run)
    return run


def set_paragraph_text(p: etree._Element, text: str) -> None:
    """Make ``text`` the paragraph's text: it goes into the first run; other plain-text runs go."""
    runs = visible_runs(p)
    first = runs[0] if runs else _new_run(p)
    for run in runs[1:]:
        if _text_only(run):
            remove(run)
        else:
            for child in [c for c in run if c.tag in _TEXT_TAGS]:
                run.remove(child)
    for child in [c for c in first if c.tag in _TEXT_TAGS]:
        first.remove(child)
    node = etree.SubElement(first, w("t"))
    node.text = text
    if text != text.strip():
        node.set(_XML_SPACE, "preserve")


def set_cell_text(tc: etree._Element, text: str) -> None:
    """Make ``text`` a table cell's text: in its first paragraph; other paragraphs with text emptied."""
    paragraphs = cell_paragraphs(tc)
    if not paragraphs:
        paragraphs = [etree.SubElement(tc, w("p"))]
    set_paragraph_text(paragraphs[0], text)
    for extra in paragraphs[1:]:
        if element_text(extra).strip():
            set_paragraph_text(extra, "")


def centre_cell(tc: etree._Element, alignment: Callable[[etree._Element], str | None]) -> None:
    """Centre a table cell the form left unaligned: vertically when its ``w:tcPr`` has no
    ``w:vAlign``, and each paragraph horizontally when ``alignment`` (the paragraph's own ``w:jc``
    or its style's) says it has none. An alignment the form set is kept."""
    props = tc.find(w("tcPr"))
    if props is None:
        props = etree.Element(w("tcPr"))
        tc.insert(0, props)
    if props.find(w("vAlign")) is None:
        _insert_in_order(props, etree.Element(w("vAlign"), {w("val"): "center"}), _TC_PR_ORDER)
    for p in cell_paragraphs(tc):
        if alignment(p) is not None:
            continue
        p_props = p.find(w("pPr"))
        if p_props is None:
            p_props = etree.Element(w("pPr"))
            p.insert(0, p_props)
        _insert_in_order(p_props, etree.Element(w("jc"), {w("val"): "center"}), _P_PR_ORDER)


# The schema's order of the children that may follow w:vAlign in w:tcPr, and w:jc in w:pPr: a
# new element goes before the first of these (Word refuses a document whose order is wrong).
_TC_PR_ORDER: Final = (
    w("hideMark"),
    w("headers"),
    w("cellIns"),
    w("cellDel"),
    w("cellMerge"),
    w("tcPrChange"),
)
_P_PR_ORDER: Final = (
    w("textDirection"),
    w("textAlignment"),
    w("textboxTightWrap"),
    w("outlineLvl"),
    w("divId"),
    w("cnfStyle"),
    w("rPr"),
    w("sectPr"),
    w("pPrChange"),
)


def _insert_in_order(parent: etree._Element, child: etree._Element, after: tuple[str, ...]) -> None:
    following = next((c for c in parent if c.tag in after), None)
    if following is None:
        parent.append(child)
    else:
        following.addprevious(child)


def copy_with_text(model: etree._Element, text: str) -> etree._Element:
    """A new paragraph like ``model`` (its paragraph and run properties) holding ``text``."""
    clone = copy.deepcopy(model)
    set_paragraph_text(clone, text)
    return clone


def right_aligned_copy(model: etree._Element, text: str) -> etree._Element:
    """A copy of ``model`` holding ``text``, set flush right without a first-line indent (a signature)."""
    p = copy_with_text(model, text)
    props = p.find(w("pPr"))
    if props is None:
        props = etree.Element(w("pPr"))
        p.insert(0, props)
    indent = props.find(w("ind"))
    if indent is not None:
        for name in _FIRST_LINE:
            indent.attrib.pop(w(name), "")
    jc = props.find(w("jc"))
    if jc is None:
        jc = etree.SubElement(props, w("jc"))
    jc.set(w("val"), "right")
    return p


def insert_after(anchor: etree._Element, new: Iterable[etree._Element]) -> etree._Element:
    """Put ``new`` after ``anchor`` in order; the last one put (or ``anchor``) is returned."""
    for element in new:
        anchor.addnext(element)
        anchor = element
    return anchor


def remove(element: etree._Element) -> None:
    """Take ``element`` out of the document (nothing happens to one that is not in it)."""
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)

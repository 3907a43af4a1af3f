"""Report → a blank official form made by anyone: values into its cells, texts in place of its placeholders.

The form is not a template (it has no tags): cells are found by their labels (:mod:`gpr_docx.locate`)
and the narrative goes where the form says （文字描述） under each heading. Only text changes: a
cell's first paragraph gets the value in its first run (its run properties kept, or the paragraph
mark's when it has no run), and each placeholder becomes one paragraph per line with the
placeholder's own paragraph and run properties. Every other part of the package is copied byte for
byte, and ``word/document.xml`` keeps every element it had.
"""

from __future__ import annotations

import copy
import io
import os
import re
import zipfile
from operator import attrgetter
from pathlib import Path
from typing import Final

import attrs
from lxml import etree

from .._fs import writable, write_atomic
from ..errors import FormMismatchError
from ..form import cell_location, cell_text, field_value
from ..model import SECTION_HEADINGS, Overview, Report, label
from ..oxml import (
    DEFAULT_LIMITS,
    DOCUMENT_PART,
    NUMBERING_PART,
    STYLES_PART,
    Limits,
    ListNumbering,
    block_items,
    cell_paragraphs,
    element_text,
    open_docx,
    w,
)
from ..parse.cells import FORM_INDEX, locate, normalize
from ..parse.docx import is_section_heading, subheading_field

__all__ = ["fill", "fill_to_file", "set_paragraph_text"]

DocxInput = str | os.PathLike[str] | bytes

_PLACEHOLDER: Final = re.compile(r"^\(文字描述.*\)$")
_CN_NUMERALS: Final = "一二三四五六七八九十"
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


def _runs(p: etree._Element) -> list[etree._Element]:
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
    runs = _runs(p)
    first = runs[0] if runs else _new_run(p)
    for run in runs[1:]:
        if _text_only(run):
            parent = run.getparent()
            if parent is not None:
                parent.remove(run)
        else:
            for child in [c for c in run if c.tag in _TEXT_TAGS]:
                run.remove(child)
    for child in [c for c in first if c.tag in _TEXT_TAGS]:
        first.remove(child)
    node = etree.SubElement(first, w("t"))
    node.text = text
    if text != text.strip():
        node.set(_XML_SPACE, "preserve")


def _set_cell_text(tc: etree._Element, text: str) -> None:
    paragraphs = cell_paragraphs(tc)
    if not paragraphs:
        paragraphs = [etree.SubElement(tc, w("p"))]
    set_paragraph_text(paragraphs[0], text)
    for extra in paragraphs[1:]:
        if element_text(extra).strip():
            set_paragraph_text(extra, "")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _section_lines(report: Report, number: int) -> list[str]:
    """The paragraphs that replace the placeholder of section ``number`` (1, 5 or 6)."""
    if number == 1:
        lines: list[str] = []
        for i, field in enumerate(attrs.fields(Overview)):
            lines.append(f"（{_CN_NUMERALS[i]}）{label(Overview, field.name)}")
            lines.extend(_lines(getattr(report.overview, field.name)))
        return lines
    if number == 5:
        return [
            label(Report, "problems"),  # these labels carry their own numbering
            *_lines(report.problems),
            label(Report, "improvements"),
            *_lines(report.improvements),
        ]
    if number == 6:
        return _lines(report.other_matters)
    return []


def _part_lines(report: Report, number: int, heading: str) -> list[str] | None:
    """The lines for a placeholder under a sub-heading the form already has (（一）主动公开 …), if any."""
    field = subheading_field(heading, number) if number in (1, 5) else None
    return _lines(str(attrgetter(field)(report))) if field else None


def _clone_with(template: etree._Element, text: str) -> etree._Element:
    clone = copy.deepcopy(template)
    set_paragraph_text(clone, text)
    return clone


def _insert_after(anchor: etree._Element, new: list[etree._Element]) -> etree._Element:
    for element in new:
        anchor.addnext(element)
        anchor = element
    return anchor


def _right_aligned(template: etree._Element, text: str) -> etree._Element:
    p = _clone_with(template, text)
    props = p.find(w("pPr"))
    if props is None:
        props = etree.Element(w("pPr"))
        p.insert(0, props)
    indent = props.find(w("ind"))
    if indent is not None:
        for name in ("firstLine", "firstLineChars", "hanging", "hangingChars"):
            indent.attrib.pop(w(name), "")
    jc = props.find(w("jc"))
    if jc is None:
        jc = etree.SubElement(props, w("jc"))
    jc.set(w("val"), "right")
    return p


def _fill_values(body: etree._Element, report: Report, name: str) -> None:
    tables = list(body.iter(w("tbl")))
    located = locate(tables)
    missing: list[str] = []
    for spec in FORM_INDEX:
        for field in spec.fields:
            cells = located.cells.get(field.path)
            if not cells:
                missing.append(str(cell_location(field.path)))
                continue
            _set_cell_text(cells[0].cell.element, cell_text(field_value(report, field.path)))
    if missing:
        shown = "；".join(missing[:5]) + ("……" if len(missing) > 5 else "")
        raise FormMismatchError(
            f"表格中找不到 {len(missing)} 个栏目：{shown}（请确认是官方 2021 版空白表格）",
            place=name,
        )


def _fill_texts(body: etree._Element, report: Report, numbering: ListNumbering, name: str) -> None:
    paragraphs = [p for p in block_items(body) if p.tag == w("p")]
    shown = numbering.labels(body.iter(w("p")))
    typed = [element_text(p) for p in paragraphs]
    texts = [shown.get(p, "") + text for p, text in zip(paragraphs, typed, strict=True)]
    starts: dict[int, int] = {}
    position = 0
    for number, heading in enumerate(SECTION_HEADINGS, start=1):
        found = next(
            (
                i
                for i in range(position, len(texts))
                if is_section_heading(texts[i], number, heading)
                or is_section_heading(typed[i], number, heading)
            ),
            None,
        )
        if found is None:
            raise FormMismatchError(f"空白表格中找不到标题“{heading}”", place=name)
        starts[number] = found
        position = found + 1
    title_at = next((i for i in range(starts[1]) if "报告" in texts[i]), None)
    if title_at is None:
        raise FormMismatchError("空白表格中找不到标题行（含“报告”二字的段落）", place=name)
    placeholders = [i for i, text in enumerate(texts) if _PLACEHOLDER.match(normalize(text))]
    if not placeholders:
        raise FormMismatchError("空白表格中没有（文字描述）占位段落，不知文字写在何处", place=name)
    model = paragraphs[placeholders[0]]

    def section_of(index: int) -> int:
        return max((n for n, start in starts.items() if start < index), default=0)

    last_of_six: etree._Element = paragraphs[starts[6]]
    done: set[int] = set()
    for index in placeholders:
        number = section_of(index)
        placeholder = paragraphs[index]
        heading = next(
            (texts[i] for i in range(index - 1, starts.get(number, 0), -1) if texts[i].strip()), ""
        )
        lines = _part_lines(report, number, heading)
        if lines is None:
            lines = _section_lines(report, number)
        new = [_clone_with(placeholder, line) for line in lines]
        end = _insert_after(placeholder, new)
        if number == 6:
            last_of_six = end if new else paragraphs[starts[6]]
        done.add(number)
        placeholder.getparent().remove(placeholder)  # type: ignore[union-attr]
    for number in (1, 5, 6):
        if number not in done:
            new = [_clone_with(model, line) for line in _section_lines(report, number)]
            end = _insert_after(paragraphs[starts[number]], new)
            if number == 6 and new:
                last_of_six = end
    title = paragraphs[title_at]
    set_paragraph_text(title, report.document_title)
    _insert_after(title, [_clone_with(model, line) for line in _lines(report.preface)])
    if normalize(report.agency) not in normalize(report.document_title):
        _insert_after(last_of_six, [_right_aligned(model, report.agency)])


def fill(report: Report, form: DocxInput, *, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """``report`` filled into the blank official form ``form`` (a path or its bytes), as .docx bytes.

    Raises :class:`~gpr_docx.errors.FormMismatchError` when the form lacks a cell, table or heading
    of the official form, and the errors of :func:`gpr_docx.parse` for a file that is not a .docx.
    """
    with open_docx(form, limits=limits) as package:
        root = package.document()
        body = root.find(w("body"))
        if body is None:
            raise FormMismatchError("word/document.xml 中没有正文", place=package.name)
        styles = package.xml(STYLES_PART) if package.has(STYLES_PART) else None
        numbering = package.xml(NUMBERING_PART) if package.has(NUMBERING_PART) else None
        _fill_values(body, report, package.name)
        _fill_texts(body, report, ListNumbering(numbering, styles), package.name)
        document = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as out:
            for info in package.infos:
                data = document if info.filename == DOCUMENT_PART else package.read(info.filename)
                copied = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                copied.compress_type = info.compress_type
                copied.external_attr = info.external_attr
                copied.create_system = info.create_system
                out.writestr(copied, data)
    return buffer.getvalue()


def fill_to_file(
    report: Report,
    form: DocxInput,
    path: str | os.PathLike[str],
    *,
    force: bool = False,
    limits: Limits = DEFAULT_LIMITS,
) -> Path:
    """Fill ``form`` and write ``path`` atomically; an existing file is kept unless ``force``.

    Raises :class:`~gpr_docx.errors.OutputExistsError` before any work when ``path`` exists.
    """
    target = writable(path, force=force)
    return write_atomic(target, fill(report, form, limits=limits), force=force)

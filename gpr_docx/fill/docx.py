"""Report → a blank official form made by anyone: values into its cells, texts in place of its placeholders.

The form is not a template (it has no tags): cells are found by their labels (:mod:`gpr_docx.parse.cells`)
and the narrative goes where the form says （文字描述） under each heading (:mod:`gpr_docx.parse.outline`).
A form without placeholders whose sections are already written is a report waiting for its
figures: its tables are filled and its text kept as it is, with a note saying so.

Only text changes: a cell's first paragraph gets the value in its first run (its run properties
kept, or the paragraph mark's when it has no run), and each placeholder becomes one paragraph per
line with the placeholder's own paragraph and run properties. A value cell the form left without
an alignment is centred (vertically and horizontally), as the official form prints its figures;
one the form aligned keeps it. Every other part of the package is copied byte for byte, and
``word/document.xml`` keeps every element it had. The element edits themselves are
:mod:`gpr_docx.oxml.edit`'s.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from operator import attrgetter
from pathlib import Path
from typing import Final

import attrs

from .._fs import write_new
from .._zh import chinese_date, lines
from ..errors import FormMismatchError
from ..form import cell_location, cell_text, field_value
from ..grid import Paragraph
from ..model import SECTION_HEADINGS, Report
from ..oxml import (
    DEFAULT_LIMITS,
    DocxDocument,
    Element,
    Limits,
    centre_cell,
    copy_with_text,
    insert_after,
    open_docx,
    remove,
    right_aligned_copy,
    set_cell_text,
    set_paragraph_text,
)
from ..parse.cells import FORM_INDEX, locate
from ..parse.labels import normalize
from ..parse.outline import (
    SUBHEADINGS,
    is_placeholder,
    section_starts,
    subheading_field,
    title_index,
)

__all__ = ["TEXT_KEPT", "FilledForm", "fill", "fill_form", "fill_to_file"]

TEXT_KEPT: Final = (
    "空白表格中没有（文字描述）占位段落，表格以外的文字已经写好：已原样保留，只填写了表格中的数据"
)
"""The note of a form whose text was already written (only its tables were filled)."""


@attrs.frozen
class FilledForm:
    """A filled form and what the filler has to say about it."""

    data: bytes
    """The bytes of the filled .docx."""
    notes: tuple[str, ...] = ()
    """Notes for the person filling, in Chinese (e.g. :data:`TEXT_KEPT`)."""


DocxInput = str | os.PathLike[str] | bytes


def _section_lines(report: Report, number: int) -> list[str]:
    """The paragraphs that replace the placeholder of section ``number`` (1, 5 or 6)."""
    if number in SUBHEADINGS:
        out: list[str] = []
        for path, heading in SUBHEADINGS[number]:
            out.append(heading)
            out.extend(lines(str(attrgetter(path)(report))))
        return out
    if number == 6:
        return lines(report.other_matters)
    return []


def _part_lines(report: Report, number: int, heading: str) -> list[str] | None:
    """The lines for a placeholder under a sub-heading the form already has (（一）主动公开 …), if any."""
    field = subheading_field(heading, number) if number in SUBHEADINGS else None
    return lines(str(attrgetter(field)(report))) if field else None


def _fill_values(document: DocxDocument, report: Report, name: str) -> None:
    located = locate(document.grids())
    missing: list[str] = []
    for spec in FORM_INDEX:
        for field in spec.fields:
            cells = located.cells.get(field.path)
            if not cells:
                missing.append(str(cell_location(field.path)))
                continue
            handle = cells[0].cell.handle
            set_cell_text(handle, cell_text(field_value(report, field.path)))
            centre_cell(handle, document.alignment)
    if missing:
        shown = "；".join(missing[:5]) + ("……" if len(missing) > 5 else "")
        raise FormMismatchError(
            f"表格中找不到 {len(missing)} 个栏目：{shown}（请确认是官方 2021 版空白表格）",
            place=name,
        )


def _written(paragraphs: Sequence[Paragraph[Element]], starts: dict[int, int]) -> bool:
    """True if sections 一 and 六 already hold text of their own (not only sub-headings)."""
    ends = {1: starts[2], 6: len(paragraphs)}

    def has_text(number: int) -> bool:
        return any(
            p.text.strip() and subheading_field(p.text, number) is None
            for p in paragraphs[starts[number] + 1 : ends[number]]
            if not p.right_aligned  # a signature is not the section's text
        )

    return has_text(1) and has_text(6)


def _fill_texts(paragraphs: Sequence[Paragraph[Element]], report: Report, name: str) -> list[str]:
    """Put the texts where the form's placeholders are; the notes to give (none, or TEXT_KEPT)."""
    found = section_starts(paragraphs)
    starts: dict[int, int] = {}
    for number, (heading, start) in enumerate(zip(SECTION_HEADINGS, found, strict=True), 1):
        if start is None:
            raise FormMismatchError(f"空白表格中找不到标题“{heading}”", place=name)
        starts[number] = start
    texts = [p.text for p in paragraphs]
    elements = [p.handle for p in paragraphs]
    title_at = title_index(texts[: starts[1]])
    if title_at is None:
        raise FormMismatchError("空白表格中找不到标题行（含“报告”二字的段落）", place=name)
    placeholders = [i for i, text in enumerate(texts) if is_placeholder(text)]
    if not placeholders:
        if _written(paragraphs, starts):
            return [TEXT_KEPT]
        raise FormMismatchError(
            "空白表格中没有（文字描述）占位段落，各部分也没有写好的文字，不知文字写在何处",
            place=name,
        )
    model = elements[placeholders[0]]

    def section_of(index: int) -> int:
        return max((n for n, start in starts.items() if start < index), default=0)

    last_of_six = elements[starts[6]]
    done: set[int] = set()
    for index in placeholders:
        number = section_of(index)
        placeholder = elements[index]
        heading = next(
            (texts[i] for i in range(index - 1, starts.get(number, 0), -1) if texts[i].strip()), ""
        )
        part = _part_lines(report, number, heading)
        new = [
            copy_with_text(placeholder, line)
            for line in (part if part is not None else _section_lines(report, number))
        ]
        end = insert_after(placeholder, new)
        if number == 6:
            last_of_six = end if new else elements[starts[6]]
        done.add(number)
        remove(placeholder)
    for number in (1, 5, 6):
        if number not in done:
            new = [copy_with_text(model, line) for line in _section_lines(report, number)]
            end = insert_after(elements[starts[number]], new)
            if number == 6 and new:
                last_of_six = end
    title = elements[title_at]
    set_paragraph_text(title, report.document_title)
    insert_after(title, [copy_with_text(model, line) for line in lines(report.preface)])
    signature = []
    if normalize(report.agency) not in normalize(report.document_title):
        signature.append(right_aligned_copy(model, report.agency))
    if (
        report.date is not None
    ):  # the 成文日期 on its own line under the agency, as the template has it
        signature.append(right_aligned_copy(model, chinese_date(report.date)))
    insert_after(last_of_six, signature)
    return []


def fill_form(report: Report, form: DocxInput, *, limits: Limits = DEFAULT_LIMITS) -> FilledForm:
    """``report`` filled into the blank official form ``form`` (a path or its bytes), with notes.

    Raises :class:`~gpr_docx.errors.FormMismatchError` when the form lacks a cell, table or heading
    of the official form, and the errors of :func:`gpr_docx.parse` for a file that is not a .docx.
    """
    with open_docx(form, limits=limits) as package:
        document = DocxDocument.read(package)
        if document is None:
            raise FormMismatchError("word/document.xml 中没有正文", place=package.name)
        _fill_values(document, report, package.name)
        notes = _fill_texts(document.paragraphs(), report, package.name)
        return FilledForm(package.replaced(document.parts()), tuple(notes))


def fill(report: Report, form: DocxInput, *, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """``report`` filled into the blank official form ``form``, as .docx bytes (:func:`fill_form`
    without its notes)."""
    return fill_form(report, form, limits=limits).data


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
    return write_new(path, lambda: fill(report, form, limits=limits), force=force)

"""Filling blank forms the way offices pass them around: half filled in, edited, re-laid, auto-numbered."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from gpr_docx import Report, fill, parse
from gpr_docx.oxml import W, w
from tests.helpers.docx_signature import document_xml
from tests.helpers.editing import with_document_xml, with_parts


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(w("t")))


def _empty_cells(root: etree._Element) -> list[etree._Element]:
    """The form's empty table cells: its data cells (and a few blank corners)."""
    return [tc for tc in root.iter(w("tc")) if not _text(tc).strip()]


def _edited(form: Path, edit: Callable[[etree._Element], None]) -> bytes:
    data = form.read_bytes()
    root = document_xml(data)
    edit(root)
    return with_document_xml(data, root)


def _assert_fills(form: bytes, report: Report) -> None:
    parsed = parse(fill(report, form))
    assert [str(n) for n in parsed.gaps] == []
    assert parsed.report == report


def _prefilled(root: etree._Element) -> None:
    for i, tc in enumerate(_empty_cells(root)):
        p = tc.find(w("p"))
        assert p is not None
        etree.SubElement(etree.SubElement(p, w("r")), w("t")).text = "/" if i % 2 else "0"


def _bare(root: etree._Element) -> None:
    """Data cells with no paragraph at all, or a paragraph with no properties and no run."""
    for i, tc in enumerate(_empty_cells(root)):
        for p in tc.findall(w("p")):
            tc.remove(p)
        if i % 2:
            tc.append(etree.Element(w("p")))


def _tracked_deletion(root: etree._Element) -> None:
    """Someone deleted an old value with tracked changes on: only a deleted run is in each cell."""
    for i, tc in enumerate(_empty_cells(root)):
        p = tc.find(w("p"))
        assert p is not None
        deleted = etree.SubElement(p, w("del"), {w("id"): str(i), w("author"): "a"})
        etree.SubElement(etree.SubElement(deleted, w("r")), w("delText")).text = "5"


def _table_two_in_four(root: etree._Element) -> None:
    """Section 二's table cut into its four blocks, an empty paragraph between them."""
    table = next(t for t in root.iter(w("tbl")) if "第二十条" in _text(t))
    rows = table.findall(w("tr"))
    starts = [i for i, tr in enumerate(rows) if _text(tr).strip().startswith("第二十条")]
    assert len(starts) == 4
    previous = table
    for start, end in zip(starts[1:], [*starts[2:], len(rows)], strict=True):
        part = etree.Element(w("tbl"))
        part.extend(copy.deepcopy(c) for c in table if c.tag in (w("tblPr"), w("tblGrid")))
        part.extend(rows[start:end])
        gap = etree.Element(w("p"))
        previous.addnext(gap)
        gap.addnext(part)
        previous = part


@pytest.mark.parametrize(
    "edit",
    [_prefilled, _bare, _tracked_deletion, _table_two_in_four],
    ids=[
        "cells-already-0-or-slash",
        "cells-without-run-or-paragraph",
        "tracked-deletion",
        "table-2-in-four",
    ],
)
def test_edited_forms_are_filled(
    blank_form: Path, district: Report, edit: Callable[[etree._Element], None]
) -> None:
    _assert_fills(_edited(blank_form, edit), district)


_NUMBERING = f"""<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
<w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"""


def test_form_with_headings_numbered_by_word(blank_form: Path, district: Report) -> None:
    """The six headings numbered by a list: their text is just 总体情况 … 其他需要报告的事项."""

    def numbered(root: etree._Element) -> None:
        body = root.find(w("body"))
        assert body is not None
        for p in body.findall(w("p")):
            texts = list(p.iter(w("t")))
            if not texts or not re.match("^[一二三四五六]、", _text(p)):
                continue
            texts[0].text = re.sub("^[一二三四五六]、", "", texts[0].text or "")
            props = p.find(w("pPr"))
            if props is None:
                props = etree.Element(w("pPr"))
                p.insert(0, props)
            number = etree.fromstring(
                f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
            )
            props.insert(0, number)

    form = with_parts(_edited(blank_form, numbered), {"word/numbering.xml": _NUMBERING.encode()})
    _assert_fills(form, district)

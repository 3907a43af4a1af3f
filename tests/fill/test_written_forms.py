"""A form whose text is already written (no （文字描述） placeholders): only its tables are filled.
And numbers put into a form's empty cells are centred, unless the form aligned the cell itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from gpr_docx import Report, parse
from gpr_docx.cli import app
from gpr_docx.data import dump
from gpr_docx.errors import FormMismatchError
from gpr_docx.fill import fill, fill_form
from gpr_docx.fill.docx import TEXT_KEPT
from gpr_docx.oxml import set_paragraph_text, w
from gpr_docx.parse.outline import is_placeholder
from tests.helpers.docx_signature import document_xml
from tests.helpers.editing import with_document_xml


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(w("t")))


def _written(form: Path, title: str = "") -> tuple[bytes, list[str]]:
    """The blank form with every placeholder replaced by text of its own (and its title by
    ``title``), and those texts."""
    data = form.read_bytes()
    root = document_xml(data)
    written: list[str] = []
    for p in root.iter(w("p")):
        if title and "年度报告" in _text(p):
            set_paragraph_text(p, title)
            title = ""
        if is_placeholder(_text(p)):
            text = f"本单位自行撰写的第{len(written) + 1}段文字。"
            set_paragraph_text(p, text)
            written.append(text)
    assert written
    return with_document_xml(data, root), written


def _paragraphs(data: bytes) -> list[str]:
    body = document_xml(data).find(w("body"))
    assert body is not None
    return [_text(p) for p in body.findall(w("p"))]


def test_a_form_with_written_text_gets_its_tables_filled_and_keeps_its_text(
    blank_form: Path, district: Report
) -> None:
    form, written = _written(blank_form, district.document_title)
    filled = fill_form(district, form)
    assert filled.notes == (TEXT_KEPT,)
    # The text is what the form's author wrote, not the report's.
    assert _paragraphs(filled.data) == _paragraphs(form)
    assert all(text in _paragraphs(filled.data) for text in written)
    assert district.problems.splitlines()[0] not in "".join(_paragraphs(filled.data))
    # The tables hold the report's figures.
    back = parse(filled.data).report
    assert back.active_disclosure == district.active_disclosure
    assert back.applications == district.applications
    assert back.review_litigation == district.review_litigation
    assert fill(district, form) == filled.data


def test_a_form_with_neither_placeholders_nor_text_is_still_refused(
    blank_form: Path, district: Report
) -> None:
    data = blank_form.read_bytes()
    root = document_xml(data)
    for p in list(root.iter(w("p"))):
        parent = p.getparent()
        if is_placeholder(_text(p)) and parent is not None:
            parent.remove(p)
    with pytest.raises(FormMismatchError, match="占位段落"):
        fill(district, with_document_xml(data, root))


def test_the_command_says_the_text_was_kept(
    runner: CliRunner, blank_form: Path, district: Report, tmp_path: Path
) -> None:
    form, _ = _written(blank_form)
    (tmp_path / "form.docx").write_bytes(form)
    dump(district, tmp_path / "data.toml")
    out = tmp_path / "out.docx"
    result = runner.invoke(
        app,
        ["fill", str(tmp_path / "form.docx"), str(tmp_path / "data.toml"), "-o", str(out)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert TEXT_KEPT in result.stderr
    assert out.exists()


# -- alignment of the filled cells ----------------------------------------------------------------


def _unaligned_except_one(form: Path) -> tuple[bytes, int]:
    """The form with every empty cell stripped of its alignment, but one set flush left."""
    data = form.read_bytes()
    root = document_xml(data)
    empty = [tc for tc in root.iter(w("tc")) if not _text(tc).strip()]
    for tc in empty:
        for element in [*tc.iter(w("vAlign")), *tc.iter(w("jc"))]:
            parent = element.getparent()
            assert parent is not None
            parent.remove(element)
    kept = len(empty) // 2
    p = empty[kept].find(w("p"))
    assert p is not None
    props = p.find(w("pPr"))
    if props is None:
        props = etree.SubElement(p, w("pPr"))
        p.insert(0, props)
    etree.SubElement(props, w("jc")).set(w("val"), "left")
    return with_document_xml(data, root), kept


def test_numbers_in_empty_cells_are_centred_unless_the_form_aligned_them(
    blank_form: Path, district: Report
) -> None:
    form, kept = _unaligned_except_one(blank_form)
    before = [tc for tc in document_xml(form).iter(w("tc")) if not _text(tc).strip()]
    after_root = document_xml(fill(district, form))
    cells = list(after_root.iter(w("tc")))
    before_all = list(document_xml(form).iter(w("tc")))
    assert len(cells) == len(before_all)
    positions = [i for i, tc in enumerate(before_all) if not _text(tc).strip()]
    assert len(positions) == len(before)
    centred = 0
    for n, index in enumerate(positions):
        tc = cells[index]
        if not _text(tc).strip():
            continue  # a blank corner, not a value cell
        jcs = [jc.get(w("val")) for jc in tc.iter(w("jc"))]
        if n == kept:
            assert jcs == ["left"]
            continue
        assert jcs and set(jcs) == {"center"}, _text(tc)
        v_align = tc.find(f"{w('tcPr')}/{w('vAlign')}")
        assert v_align is not None and v_align.get(w("val")) == "center"
        centred += 1
    assert centred > 100
    # Still a well-formed report: it parses back to the input.
    assert parse(fill(district, form)).report == district

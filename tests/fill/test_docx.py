"""Filling the blank official form: only cell and placeholder text changes, and it parses back."""

from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path

import attrs
import pytest
from lxml import etree

from gpr_docx import Report, fill, parse, render
from gpr_docx.errors import FormMismatchError, OutputExistsError
from gpr_docx.fill import fill_to_file
from gpr_docx.form import FORM_TABLES, cell_text, field_value
from gpr_docx.oxml import set_paragraph_text, w
from tests.helpers.docx_signature import document_xml, table_signature, tables
from tests.helpers.editing import with_document_xml


@pytest.fixture
def form(blank_form: Path) -> bytes:
    return blank_form.read_bytes()


def _shape(tbl: etree._Element) -> list[tuple[int, int, int, int]]:
    return sorted((c.row, c.col, c.rowspan, c.colspan) for c in table_signature(tbl))


def test_merge_signatures_are_unchanged_and_cells_hold_the_values(
    form: bytes, example_report: Report
) -> None:
    filled = fill(example_report, form)
    before, after = tables(form), tables(filled)
    assert len(before) == len(after) == 3
    for old, new, official in zip(before, after, FORM_TABLES, strict=True):
        assert _shape(old) == _shape(new)
        labels = {(c.row, c.col): c.text for c in table_signature(old) if c.text.strip()}
        got = {(c.row, c.col): c.text for c in table_signature(new)}
        # Label cells keep their text; every data cell holds its value.
        assert all(got[place] == text for place, text in labels.items())
        values = sorted(got[p] for p in got if p not in labels)
        expected = sorted(
            cell_text(field_value(example_report, c.field or "")) for c in official.data_cells()
        )
        assert values == expected


def test_filled_form_parses_back_to_the_input(form: bytes, example_report: Report) -> None:
    parsed = parse(fill(example_report, form))
    assert parsed.report == example_report
    assert parsed.gaps == ()


def test_narrative_goes_under_the_official_sub_headings(form: bytes, district: Report) -> None:
    texts = [
        "".join(t.text or "" for t in p.iter(w("t")))
        for p in document_xml(fill(district, form)).iter(w("p"))
    ]
    expected = [
        "（一）主动公开",
        "（二）依申请公开",
        "（三）政府信息管理",
        "（四）政府信息公开平台建设",
        "（五）监督保障",
        "（一）存在的主要问题",
        "（二）改进情况",
    ]
    assert [
        t
        for t in texts
        if t.startswith("（") and t.rstrip("）") in {e.rstrip("）") for e in expected}
    ] == expected
    assert texts.index("（二）改进情况") - texts.index("（一）存在的主要问题") == 1 + len(
        district.problems.splitlines()
    )


def _cell_properties(data: bytes) -> list[bytes]:
    root = document_xml(data)
    return [etree.tostring(p) for p in root.iter(w("tcPr"), w("tblPr"), w("trPr"), w("tblGrid"))]


def test_only_text_changes(form: bytes, district: Report) -> None:
    filled = fill(district, form)
    assert _cell_properties(filled) == _cell_properties(form)
    # The run properties of data cells are the form's own.
    before = [etree.tostring(r) for r in document_xml(form).iter(w("rPr"))]
    after = {etree.tostring(r) for r in document_xml(filled).iter(w("rPr"))}
    assert after <= set(before)
    with zipfile.ZipFile(io.BytesIO(form)) as old, zipfile.ZipFile(io.BytesIO(filled)) as new:
        assert old.namelist() == new.namelist()
        for name in old.namelist():
            if name != "word/document.xml":
                assert old.read(name) == new.read(name), name
    text = "".join(t.text or "" for t in document_xml(filled).iter(w("t")))
    assert "文字描述" not in text
    assert district.agency in text


def test_signature_is_added_when_the_title_has_no_agency(form: bytes, dasheng: Report) -> None:
    assert dasheng.agency not in dasheng.document_title
    assert parse(fill(dasheng, form)).report.agency == dasheng.agency


@pytest.mark.parametrize("agency_in_title", [False, True])
def test_the_date_goes_under_the_signature_and_reads_back(
    form: bytes, dasheng: Report, agency_in_title: bool
) -> None:
    """The 成文日期 on its own right-aligned line at the end, under the agency when it is printed."""
    title = (
        f"{dasheng.agency}{dasheng.year}年度政府信息公开工作报告"
        if agency_in_title
        else dasheng.title
    )
    dated = attrs.evolve(dasheng, title=title, date=datetime.date(2025, 1, 20))
    filled = fill(dated, form)
    assert parse(filled).report == dated
    texts = [
        "".join(t.text or "" for t in p.iter(w("t"))) for p in document_xml(filled).iter(w("p"))
    ]
    ending = [t for t in texts if t.strip()][-2:]
    assert ending[-1] == "2025年1月20日"
    assert (ending[0] == dasheng.agency) is not agency_in_title


def test_a_document_without_the_form_is_refused(dasheng: Report) -> None:
    rendered = render(dasheng)
    root = document_xml(rendered)
    last = root.findall(f".//{w('tbl')}")[-1]
    parent = last.getparent()
    assert parent is not None
    parent.remove(last)
    with pytest.raises(FormMismatchError, match=r"GPR509.*15 个栏目"):
        fill(dasheng, with_document_xml(rendered, root))


def test_fill_to_file_is_atomic_and_keeps_existing_files(
    form: bytes, dasheng: Report, tmp_path: Path
) -> None:
    out = tmp_path / "filled.docx"
    fill_to_file(dasheng, form, out)
    assert parse(out).report == dasheng
    with pytest.raises(OutputExistsError):
        fill_to_file(dasheng, form, out)
    assert [p.name for p in tmp_path.iterdir()] == ["filled.docx"]


def test_placeholders_under_sub_headings_get_their_part(form: bytes, district: Report) -> None:
    """A form that already has （一）主动公开 … with a placeholder under each gets one text per placeholder."""
    root = document_xml(form)
    body = root.find(w("body"))
    assert body is not None
    placeholders = [
        p for p in body.iter(w("p")) if "文字描述" in "".join(t.text or "" for t in p.iter(w("t")))
    ]
    first, fifth = placeholders[0], placeholders[1]
    for anchor, headings in (
        (
            first,
            [
                "（一）主动公开",
                "（二）依申请公开",
                "（三）政府信息管理",
                "（四）政府信息公开平台建设",
                "（五）监督保障",
            ],
        ),
        (fifth, ["（一）存在的主要问题", "（二）改进情况"]),
    ):
        for heading in headings:
            title = etree.fromstring(etree.tostring(anchor))
            set_paragraph_text(title, heading)
            anchor.addprevious(title)
            anchor.addprevious(etree.fromstring(etree.tostring(anchor)))
        parent = anchor.getparent()
        assert parent is not None
        parent.remove(anchor)
    filled = fill(district, with_document_xml(form, root))
    assert parse(filled).report == district

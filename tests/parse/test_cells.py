"""Label normalisation and the locator: every data cell found by its labels, whatever the layout."""

from __future__ import annotations

import pytest
from lxml import etree

from gpr_docx import Report, render
from gpr_docx.form import FORM_TABLES, cell_text, field_value
from gpr_docx.model import ActiveDisclosure, ApplicantRow, Withheld, label
from gpr_docx.oxml import W, w
from gpr_docx.parse.cells import FORM_INDEX, LabelIndex, core, locate, normalize, numbering
from tests.helpers.docx_signature import document_xml


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("商业\n企业", "商业企业"),
        (" （一）予以公开 ", "(一)予以公开"),
        ("１２３", "123"),
        ("1、属于国家秘密", "1.属于国家秘密"),
        ("一.总体情况", "一、总体情况"),
        ("危及“三安全一稳定”", '危及"三安全一稳定"'),
        ("本年收费金额（单位：万元）", "本年收费金额(单位:万元)"),
        ("\u3000\u3000", ""),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_core_drops_numbering_notes_and_quotes_but_keeps_item_numbers() -> None:
    assert core(label(ApplicantRow, "total")) == "总计"
    assert core("（二）部分公开（区分处理的，只计这一情形，不计其他情形）") == "部分公开"
    assert core(label(Withheld, "three_safeties_one_stability")) == "危及三安全一稳定"
    assert core("第二十条第（五）项") != core("第二十条第（六）项")
    assert numbering("（七）总计") == "(七)"
    assert numbering("3、其他") == "3."


def test_label_drift_matches_the_official_label() -> None:
    rows = next(s for s in FORM_INDEX if s.key == "active_disclosure").rows
    assert rows.match("规范性文件") == {label(ActiveDisclosure, "normative_documents")}
    table3 = next(s for s in FORM_INDEX if s.key == "applications")
    secret = label(Withheld, "three_safeties_one_stability")
    assert table3.rows.match('3、危及"三安全一稳定"') == {secret}
    assert table3.rows.match("3.危及三安全一稳定") == {secret}
    assert table3.rows.match("（二）部分公开") == {
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    }
    assert table3.columns.match("法人或者其他组织") == {"法人或其他组织"}
    assert table3.columns.match("商 业\n企 业") == {label(ApplicantRow, "commercial_enterprise")}


def test_numbered_row_labels_never_match_unnumbered_headers() -> None:
    table3 = next(s for s in FORM_INDEX if s.key == "applications")
    assert table3.columns.match("（七）总计") == frozenset()
    assert table3.columns.match("3.其他") == frozenset()
    assert LabelIndex(("主动公开",), numbered=False).match("（一）主动公开情况") == {"主动公开"}


def test_unrelated_text_matches_nothing() -> None:
    for spec in FORM_INDEX:
        for text in (
            "",
            "0",
            "１２",
            "本列数据",
            "（本列数据的勾稽关系为：第一项加第二项之和）",
            "备注",
        ):
            assert not spec.rows.match(text), (spec.key, text)
            assert not spec.columns.match(text), (spec.key, text)


def test_the_index_covers_every_data_cell_once() -> None:
    for table, spec in zip(FORM_TABLES, FORM_INDEX, strict=True):
        paths = [c.field for c in table.data_cells()]
        assert [f.path for f in spec.fields] == paths
        assert len(set(paths)) == len(paths)


def _tables(data: bytes) -> list[etree._Element]:
    return document_xml(data).findall(f".//{w('tbl')}")


def test_every_field_of_a_rendered_report_is_found(example_report: Report) -> None:
    located = locate(_tables(render(example_report)))
    assert not located.stray
    assert located.has_2021_labels and not located.has_2019_labels
    for spec in FORM_INDEX:
        for field in spec.fields:
            (cell,) = located.cells[field.path]
            assert cell.text == cell_text(field_value(example_report, field.path))


def test_tables_are_found_by_labels_not_position(district: Report) -> None:
    shuffled = list(reversed(_tables(render(district))))
    located = locate(shuffled)
    assert located.tables == {
        "review_litigation": (0,),
        "applications": (1,),
        "active_disclosure": (2,),
    }
    assert located.cells["review_litigation.litigation_direct.upheld"][0].text == "5"


def test_extra_rows_columns_and_repeated_headers(district: Report) -> None:
    table3 = _tables(render(district))[1]
    rows = table3.findall(w("tr"))
    # A repeated header block after row 10, an empty row, and an empty cell at the end of each row.
    for header in rows[:3]:
        rows[10].addprevious(etree.fromstring(etree.tostring(header)))
    rows[5].addnext(etree.fromstring(etree.tostring(rows[5])))
    extra = rows[5].getnext()
    assert extra is not None
    for t in extra.iter(w("t")):
        t.text = ""
    for tr in table3.findall(w("tr")):
        tr.append(etree.fromstring(f'<w:tc xmlns:w="{W}"><w:p/></w:tc>'))
    located = locate([table3])
    assert not located.stray
    for field in FORM_INDEX[1].fields:
        (cell,) = [c for c in located.cells[field.path] if c.text.strip()] or located.cells[
            field.path
        ][:1]
        assert cell.text == cell_text(field_value(district, field.path))

"""The locator and the reading of cells: every data cell found by its labels, whatever the layout.

The locator reads format-neutral grids; here they come from rendered .docx tables
(:func:`gpr_docx.oxml.table_grid`) or are built by hand, as an HTML or PDF front end would.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from lxml import etree

from gpr_docx import Report, Severity, parse, render
from gpr_docx.form import FORM_TABLES, cell_text, field_value
from gpr_docx.grid import Cell, Grid
from gpr_docx.model import ActiveDisclosure, ApplicantRow, Withheld, label
from gpr_docx.oxml import W, table_grid, w
from gpr_docx.parse import NoteKind
from gpr_docx.parse.cells import FORM_INDEX, locate, read_value, read_values
from tests.helpers.docx_signature import document_xml
from tests.helpers.editing import with_cell_texts


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


def _grids(tables: list[etree._Element]) -> list[Grid[etree._Element]]:
    return [table_grid(tbl) for tbl in tables]


def test_every_field_of_a_rendered_report_is_found(example_report: Report) -> None:
    located = locate(_grids(_tables(render(example_report))))
    assert not located.stray
    assert located.has_2021_labels and not located.has_2019_labels
    for spec in FORM_INDEX:
        for field in spec.fields:
            (cell,) = located.cells[field.path]
            assert cell.text == cell_text(field_value(example_report, field.path))


def test_tables_are_found_by_labels_not_position(district: Report) -> None:
    shuffled = list(reversed(_tables(render(district))))
    located = locate(_grids(shuffled))
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
    located = locate(_grids([table3]))
    assert not located.stray
    for field in FORM_INDEX[1].fields:
        (cell,) = [c for c in located.cells[field.path] if c.text.strip()] or located.cells[
            field.path
        ][:1]
        assert cell.text == cell_text(field_value(district, field.path))


def _form_grid(index: int, texts: dict[str, str]) -> Grid[str]:
    """Official table ``index`` as a grid made by hand (as an HTML or PDF front end makes one)."""
    table = FORM_TABLES[index]
    return Grid(
        tuple(
            Cell(
                c.row, c.col, c.rowspan, c.colspan, texts.get(c.field or "", c.text), c.field or ""
            )
            for c in table.cells
        )
    )


def test_hand_made_grids_are_located_like_docx_tables(district: Report) -> None:
    """The locator needs nothing of a format: cells with spans, text and an opaque handle."""
    values = {
        c.field: cell_text(field_value(district, c.field))
        for table in FORM_TABLES
        for c in table.data_cells()
        if c.field
    }
    grids = [_form_grid(i, values) for i in (2, 0, 1)]
    located = locate(grids)
    assert located.tables == {
        "review_litigation": (0,),
        "active_disclosure": (1,),
        "applications": (2,),
    }
    assert located.edition == "2021"
    for path, value in values.items():
        (cell,) = located.cells[path]
        assert (cell.text, cell.cell.handle) == (value, path)
    read = read_values(located, located.edition)
    assert read.notes == ()
    assert read.data["applications"]["new_requests"]["total"] == (
        district.applications.new_requests.total
    )


def test_a_missing_table_and_blank_cells_are_noted() -> None:
    located = locate([_form_grid(1, {})])
    read = read_values(located, located.edition)
    kinds = {n.kind for n in read.notes}
    assert kinds == {NoteKind.MISSING, NoteKind.BLANK}
    missing = [n for n in read.notes if n.kind is NoteKind.MISSING]
    assert [n.location.part for n in missing if n.location] == [
        FORM_TABLES[0].heading,
        FORM_TABLES[2].heading,
    ]
    blank = {n.field for n in read.notes if n.kind is NoteKind.BLANK}
    assert blank == {c.field for c in FORM_TABLES[1].data_cells()}
    assert read.data["active_disclosure"]["fees"] == 0


def test_two_different_values_for_one_field_are_unreadable() -> None:
    path = "applications.new_requests.natural_person"
    grid = _form_grid(1, {path: "5"})
    extra = next(c for c in grid.cells if c.handle == path)
    doubled = Grid((*grid.cells, Cell(extra.row, 99, 1, 1, "6", "copy")))
    header = [c for c in grid.cells if c.row < extra.row and c.covers(c.row, extra.col)]
    header_copy = tuple(Cell(c.row, 99, c.rowspan, 1, c.text, "") for c in header)
    located = locate([Grid(doubled.cells + header_copy)])
    read = read_values(located, located.edition)
    (note,) = [n for n in read.notes if n.kind is NoteKind.UNREADABLE]
    assert note.field == path
    assert "5、6" in note.message


@pytest.mark.parametrize(
    ("text", "fee", "kind", "value"),
    [
        ("１２", False, None, 12),
        (" 12  ", False, None, 12),
        ("1,234", False, None, 1234),
        ("7件", False, None, 7),
        ("", False, NoteKind.BLANK, 0),
        ("\u3000", False, NoteKind.BLANK, 0),
        ("/", False, NoteKind.NOT_APPLICABLE, 0),
        ("—", False, NoteKind.NOT_APPLICABLE, 0),
        ("无", False, NoteKind.NOT_APPLICABLE, 0),
        ("1.5", False, NoteKind.UNREADABLE, 0),
        ("25.10", True, None, Decimal("25.10")),
        ("０．５万元", True, None, Decimal("0.5")),
        ("251000元", True, NoteKind.UNREADABLE, 0),
    ],
)
def test_cell_values(text: str, fee: bool, kind: NoteKind | None, value: object) -> None:
    assert read_value(text, fee=fee) == (kind, value)


def test_unreadable_cells_are_reported_with_their_place(district: Report) -> None:
    data = with_cell_texts(
        render(district), "一、本年新收政府信息公开申请数量", {1: "十二", 2: "-3", 3: "无"}
    )
    parsed = parse(data)
    unreadable = [n for n in parsed.notes if n.kind is NoteKind.UNREADABLE]
    assert [(str(n.location), n.text) for n in unreadable] == [
        ("表三「一、本年新收政府信息公开申请数量」行「自然人」列", "十二"),
        ("表三「一、本年新收政府信息公开申请数量」行「商业企业」列", "-3"),
    ]
    assert all(
        n.location and n.location.part == "三、收到和处理政府信息公开申请情况" for n in unreadable
    )
    assert parsed.not_applicable == {"applications.new_requests.research_institution"}
    assert parsed.report.applications.new_requests.natural_person == 0
    assert "十二" in str(unreadable[0])


def test_what_cannot_be_read_is_a_finding_at_its_cell(district: Report) -> None:
    data = with_cell_texts(render(district), "一、本年新收政府信息公开申请数量", {1: "十二件"})
    (finding,) = parse(data).findings()
    assert (finding.rule, finding.severity) == ("GPR511", Severity.ERROR)
    assert str(finding.location) == "表三「一、本年新收政府信息公开申请数量」行「自然人」列“十二件”"
    assert "十二件" in finding.message
    assert parse(render(district)).findings() == []

"""Variants of the form seen in published reports, read by the code every front end shares.

A misspelt row label, the 2019 single （六）其他处理 row inside a 2021 table, titles that put the year
first, whole pages in Traditional characters: built here as the format-neutral grids and paragraphs
any front end (.docx, HTML, PDF) hands over, and read by :func:`read_document`.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import attrs
import pytest

from gpr_docx import Report
from gpr_docx.form import FORM_TABLES, cell_text, field_value
from gpr_docx.grid import Cell, Grid, Paragraph
from gpr_docx.model import APPLICANT_COLUMNS, ApplicantRow
from gpr_docx.parse import NoteKind
from gpr_docx.parse.document import read_document
from gpr_docx.parse.labels import normalize
from gpr_docx.parse.narrative import read_narrative
from gpr_docx.parse.traditional import TRADITIONAL
from tests.parse.test_document import _grids, _paragraphs

OTHER = "applications.results.other"


def _relabelled(grids: list[Grid[None]], old: str, new: str) -> list[Grid[None]]:
    return [
        Grid(tuple(attrs.evolve(c, text=new) if c.text == old else c for c in grid.cells))
        for grid in grids
    ]


def test_misspelt_row_label_is_read_as_the_only_row_it_can_be(district: Report) -> None:
    grids = _relabelled(_grids(district), "2.其他法律行政法规禁止公开", "2.其他法律行政止公开")
    parsed = read_document(_paragraphs(district), grids)
    assert parsed.report == district
    (note,) = parsed.notes
    assert note.kind is NoteKind.INFO
    assert note.text == "2.其他法律行政止公开"
    assert "“2.其他法律行政法规禁止公开”" in note.message
    assert note.location is not None and note.location.row == "2.其他法律行政法规禁止公开"


@pytest.mark.parametrize(
    "published",
    [
        "2.某某某某",  # nothing alike
        "5.其他法律行政止公开",  # the group has no 5. like it (5.属于三类内部事务信息 is not alike)
    ],
)
def test_a_label_that_is_not_plainly_one_row_is_not_guessed(
    district: Report, published: str
) -> None:
    grids = _relabelled(_grids(district), "2.其他法律行政法规禁止公开", published)
    parsed = read_document(_paragraphs(district), grids)
    assert not [n for n in parsed.notes if n.kind is NoteKind.INFO]
    missing = {n.field for n in parsed.notes if n.kind is NoteKind.MISSING}
    assert "applications.results.withheld.prohibited_by_law.total" in missing


def test_misspelt_label_never_takes_a_row_that_is_there(district: Report) -> None:
    """A near miss of 1. when 1.属于国家秘密 is in its row is no candidate: the numbering differs."""
    grids = _relabelled(_grids(district), "3.危及“三安全一稳定”", "3.属于国家秘")
    parsed = read_document(_paragraphs(district), grids)
    assert not [n for n in parsed.notes if n.kind is NoteKind.INFO]


def _single_other_row(report: Report, row: ApplicantRow) -> list[Grid[None]]:
    """Table 三 with （六）其他处理 printed as one row (the 2019 way) holding ``row``."""
    table = FORM_TABLES[1]
    group = next(c for c in table.cells if c.text == "（六）其他处理")
    first, dropped = group.row, range(group.row + 1, group.row + group.rowspan)
    cells: list[Cell[None]] = []
    for c in table.cells:
        if c.row in dropped or (c.row == first and c.col == group.col + 1):
            continue  # the three sub-rows' own labels and cells
        text = c.text
        if c.field and c.row == first:
            text = str(getattr(row, c.field.rsplit(".", 1)[1]))
        elif c.field:
            text = cell_text(field_value(report, c.field))
        rowspan = c.rowspan - sum(1 for r in dropped if c.row <= r < c.row + c.rowspan)
        row_index = c.row - len(dropped) if c.row > first else c.row
        colspan = 2 if c is group else c.colspan
        cells.append(Cell(row_index, c.col, 1 if c is group else rowspan, colspan, text, None))
    grids = _grids(report)
    grids[1] = Grid(tuple(cells))
    return grids


def test_single_2019_other_row_in_a_2021_table_goes_under_3_other(district: Report) -> None:
    results = district.applications.results
    parts = ("overdue_correction", "overdue_fee", "other")
    row = ApplicantRow(
        **{
            name: sum(getattr(getattr(results.other, part), name) for part in parts)
            for name in APPLICANT_COLUMNS
        }
    )
    parsed = read_document(_paragraphs(district), _single_other_row(district, row))
    assert parsed.edition == "2021"
    assert parsed.undivided_other == row
    other = parsed.report.applications.results.other
    assert other.other == row
    assert other.overdue_correction == other.overdue_fee == ApplicantRow()
    assert parsed.report.applications.results.total == results.total
    assert parsed.report.active_disclosure == district.active_disclosure
    assert parsed.gaps == ()  # no group row unreadable, no sub-row missing
    (note,) = parsed.notes
    assert "只印了一行" in note.message and "3.其他" in note.message


@pytest.mark.parametrize(
    ("title", "year", "agency"),
    [
        ("2019年上海市人民政府办公厅政府信息公开工作年度报告", 2019, "上海市人民政府办公厅"),
        ("2022 年度上海市某某局政务公开工作年度报告", 2022, "上海市某某局"),
        ("某某区人民政府关于2023年度政府信息公开工作年度报告", 2023, "某某区人民政府"),
        ("关于某某局2024年政府信息公开工作年度报告", 2024, "某某局"),
    ],
)
def test_year_first_titles_name_year_and_agency(title: str, year: int, agency: str) -> None:
    narrative = read_narrative([Paragraph(title, None), Paragraph("一、总体情况", None)])
    assert (narrative.data["year"], narrative.data["agency"]) == (year, agency)


def test_title_without_an_agency_takes_it_from_the_signature() -> None:
    paragraphs = [
        Paragraph("关于2022年度政府信息公开情况的报告", None),
        Paragraph("六、其他需要报告的事项", None),
        Paragraph("无。", None),
        Paragraph("某某县人民政府", None, right_aligned=True),
    ]
    narrative = read_narrative(paragraphs)
    assert (narrative.data["year"], narrative.data["agency"]) == (2022, "某某县人民政府")
    assert narrative.data["title"] == "关于2022年度政府信息公开情况的报告"


_TO_TRADITIONAL = str.maketrans({new: old for old, new in reversed(TRADITIONAL.items())})


def test_traditional_labels_are_matched_and_the_text_kept_as_published(district: Report) -> None:
    def traditional(text: str) -> str:
        return text.translate(_TO_TRADITIONAL)

    grids = [
        Grid(tuple(attrs.evolve(c, text=traditional(c.text)) for c in grid.cells))
        for grid in _grids(district)
    ]
    paragraphs = [
        attrs.evolve(p, text=traditional(p.text), typed=traditional(p.typed))
        for p in _paragraphs(district)
    ]
    assert any("本年新收政府信息公開申請數量" in c.text for g in grids for c in g.cells)
    assert any("第二十條" in c.text for g in grids for c in g.cells)
    parsed = read_document(paragraphs, grids)
    for table in ("active_disclosure", "applications", "review_litigation"):
        assert getattr(parsed.report, table) == getattr(district, table)
    assert parsed.report.agency == traditional(district.agency)  # as published
    assert parsed.report.problems == traditional(district.problems)
    assert parsed.report.year == district.year
    assert not [n for n in parsed.notes if n.kind is NoteKind.MISSING]


def test_traditional_map_only_touches_traditional_characters() -> None:
    assert normalize("第二十條 第(一)項") == normalize("第二十条第（一）项")
    assert normalize("本年新收政府信息公開申請數量") == "本年新收政府信息公开申请数量"
    assert all(old != new and len(old) == len(new) == 1 for old, new in TRADITIONAL.items())
    simplified = set(TRADITIONAL.values())
    assert not simplified & set(TRADITIONAL)


@pytest.mark.skipif(importlib.util.find_spec("opencc") is None, reason="OpenCC not installed")
def test_traditional_map_is_what_the_tool_makes() -> None:
    from gpr_docx.parse import traditional
    from tools.make_traditional_map import module_text, pairs

    assert traditional.__file__ is not None
    assert Path(traditional.__file__).read_text("utf-8") == module_text(pairs())

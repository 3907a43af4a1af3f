"""Reading a report from format-neutral pieces: what an HTML or PDF front end would hand over."""

from __future__ import annotations

from operator import attrgetter

import pytest

from gpr_docx import Report
from gpr_docx.errors import LegacyFormatError, NotAReportError
from gpr_docx.form import FORM_TABLES, cell_text, field_value
from gpr_docx.grid import Cell, Grid, Paragraph
from gpr_docx.model import SECTION_HEADINGS
from gpr_docx.parse.document import read_document
from gpr_docx.parse.outline import SUBHEADINGS


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _grids(report: Report) -> list[Grid[None]]:
    return [
        Grid(
            tuple(
                Cell(
                    c.row,
                    c.col,
                    c.rowspan,
                    c.colspan,
                    cell_text(field_value(report, c.field)) if c.field else c.text,
                    None,
                )
                for c in table.cells
            )
        )
        for table in FORM_TABLES
    ]


def _paragraphs(report: Report) -> list[Paragraph[None]]:
    texts = [report.document_title, *lines(report.preface)]
    for number, heading in enumerate(SECTION_HEADINGS, start=1):
        texts.append(f"{'一二三四五六'[number - 1]}、{heading}")
        for path, subheading in SUBHEADINGS.get(number, ()):
            texts.extend([subheading, *lines(str(attrgetter(path)(report)))])
        if number == 6:
            texts.extend(lines(report.other_matters))
    return [
        *(Paragraph(text, None) for text in texts),
        Paragraph(report.agency, None, right_aligned=True),
    ]


def test_a_report_from_grids_and_paragraphs(example_report: Report) -> None:
    parsed = read_document(_paragraphs(example_report), _grids(example_report), name="web")
    assert parsed.report == example_report
    assert (parsed.edition, parsed.notes, parsed.source) == ("2021", (), "web")


def test_without_the_official_tables_it_is_no_report(district: Report) -> None:
    paragraphs = _paragraphs(district)
    with pytest.raises(NotAReportError, match="没有表格"):
        read_document(paragraphs, [], name="web")
    unrelated = [Grid((Cell(0, 0, 1, 1, "序号", None), Cell(0, 1, 1, 1, "姓名", None)))]
    with pytest.raises(LegacyFormatError, match="2019 年以前"):
        read_document(paragraphs, unrelated)
    with pytest.raises(NotAReportError, match="未找到官方表格"):
        read_document([Paragraph("会议纪要", None)], unrelated)

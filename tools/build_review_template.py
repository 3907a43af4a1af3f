"""Build ``templates/review-sheet-2021.docx``: the 审核意见单 a reviewer sends back with a checked report.

Run ``python tools/build_review_template.py`` after changing the layout below or the report
template's styles; ``tests/test_review.py`` fails while the committed file differs from what this
script makes.

The sheet shares the report template's page and styles (:mod:`tools.build_template`: A4 with the
margins of GB/T 9704, 方正小标宋简体 title, 仿宋_GB2312 body, 宋体 tables, East Asian fonts set in
every style), so that the two documents look like one office's papers. Its tags are described in
docs/review-sheet.md; :mod:`gpr_docx.review` fills them through the report's template engine.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Final

import docx
from docx.enum.section import WD_SECTION_START
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.shared import Mm, Twips
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

ROOT: Final = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.build_template import (  # noqa: E402
    LINE,
    ROW_HEIGHT,
    TEXT_WIDTH,
    W,
    _normalise_zip,
    _page_number_footer,
    _set_widths,
    _skeleton,
)

TARGET: Final = ROOT / "templates" / "review-sheet-2021.docx"
TITLE: Final = "政府信息公开工作年度报告审核意见单"

INFO_WIDTHS: Final = (1800, 2622, 1800, 2622)
"""报告单位 / 报告年度 table: label, value, label, value (twips; they add up to the text width)."""
FINDING_COLUMNS: Final = (
    ("序号", 600),
    ("规则", 1000),
    ("位置", 1900),
    ("发现的问题", 2744),
    ("应为", 900),
    ("整改情况", 1700),
)
"""The findings table: header and width (twips) of each column; the widths add up to the text width."""
ANSWER_LINES: Final = 5
"""Blank ruled lines under 「整改情况说明」 for the unit to write on."""


def _cell_text(cell: _Cell, *texts: str, left: bool = False) -> None:
    """``texts`` as the cell's paragraphs, in the table style."""
    paragraph = cell.paragraphs[0]
    for index, text in enumerate(texts):
        if index:
            paragraph = cell.add_paragraph()
        paragraph.style = "Table Text"
        if left:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        if text:
            paragraph.add_run(text)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _table(document: docx.document.Document, rows: int, widths: tuple[int, ...]) -> Table:
    table: Table = document.add_table(rows=rows, cols=len(widths))
    table.style = "Official Table"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _set_widths(table, list(widths))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Twips(width)
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(
            parse_xml(f'<w:trHeight xmlns:w="{W}" w:val="{ROW_HEIGHT}" w:hRule="atLeast"/>')
        )
    return table


def _info_table(document: docx.document.Document) -> None:
    """报告单位, 报告名称 and 报告年度 with the checked result beside it."""
    table = _table(document, 3, INFO_WIDTHS)
    _cell_text(table.cell(0, 0), "报告单位")
    _cell_text(table.cell(0, 1).merge(table.cell(0, 3)), "{{ agency }}", left=True)
    _cell_text(table.cell(1, 0), "报告名称")
    _cell_text(table.cell(1, 1).merge(table.cell(1, 3)), "{{ report_title }}", left=True)
    _cell_text(table.cell(2, 0), "报告年度")
    _cell_text(table.cell(2, 1), "{{ year }}年度", left=True)
    _cell_text(table.cell(2, 2), "审核结果")
    _cell_text(table.cell(2, 3), "{{ summary }}", left=True)


def _findings_table(document: docx.document.Document) -> None:
    """One row per finding of a group (``{%tr for %}``), the 整改情况 cell left blank."""
    widths = tuple(width for _, width in FINDING_COLUMNS)
    table = _table(document, 4, widths)
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader xmlns:w="{W}"/>'))
    for cell, (name, _) in zip(header.cells, FINDING_COLUMNS, strict=True):
        _cell_text(cell, name)
    first, last = table.rows[1].cells, table.rows[3].cells
    _cell_text(first[0].merge(first[-1]), "{%tr for item in group.findings %}")
    _cell_text(last[0].merge(last[-1]), "{%tr endfor %}")
    cells = table.rows[2].cells
    _cell_text(cells[0], "{{ item.number }}")
    _cell_text(cells[1], "{{ item.rule }}", "{{ item.severity }}")
    _cell_text(cells[2], "{{ item.location }}", left=True)
    _cell_text(cells[3], "{{ item.message }}", left=True)
    _cell_text(cells[4], "{{ item.expected }}")
    _cell_text(cells[5], "", left=True)


def _ruled(paragraph: Paragraph, *pieces: tuple[str, int | None]) -> None:
    """Text and underlined blanks: each piece is a text run, then (with a stop) a ruled tab to it.

    A blank is an underlined tab up to a tab stop, the way forms to fill in are ruled in Word,
    so that a name written into it keeps the line's length.
    """
    p_pr = paragraph._p.get_or_add_pPr()
    stops = "".join(
        f'<w:tab w:val="{"right" if stop >= TEXT_WIDTH else "left"}" w:pos="{stop}"/>'
        for _, stop in pieces
        if stop is not None
    )
    if stops:
        p_pr.insert(0, parse_xml(f'<w:tabs xmlns:w="{W}">{stops}</w:tabs>'))
    for text, stop in pieces:
        if stop is None:
            paragraph.add_run(text)
            continue
        if text:
            paragraph.add_run(text).font.underline = True
        paragraph.add_run().font.underline = True
        paragraph.runs[-1]._r.append(parse_xml(f'<w:tab xmlns:w="{W}"/>'))


def build() -> bytes:
    """The template's bytes, the same on every run."""
    document = docx.Document(io.BytesIO(_skeleton()))  # the report template's styles and fonts
    document.core_properties.title = TITLE
    section = document.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(28)
    section._sectPr.append(
        parse_xml(f'<w:docGrid xmlns:w="{W}" w:type="lines" w:linePitch="{LINE}"/>')
    )
    document.settings.odd_and_even_pages_header_footer = True
    _page_number_footer(section.footer, odd=True)
    _page_number_footer(section.even_page_footer, odd=False)

    document.add_paragraph(TITLE, style="Title")
    _info_table(document)

    document.add_paragraph("审核意见", style="heading 1")
    document.add_paragraph("{%p for group in groups %}", style="Body Text")
    document.add_paragraph("{{ group.heading }}", style="heading 2")
    _findings_table(document)
    document.add_paragraph("{%p endfor %}", style="Body Text")
    document.add_paragraph("{%p if not groups %}", style="Body Text")
    document.add_paragraph("经审核，未发现问题。", style="Body Text")
    document.add_paragraph("{%p endif %}", style="Body Text")

    document.add_paragraph("整改情况（由报告单位填写）", style="heading 1")
    for _ in range(ANSWER_LINES):
        _ruled(document.add_paragraph(style="Normal"), ("", TEXT_WIDTH))
    _ruled(
        document.add_paragraph(style="Normal"),
        ("报告单位（盖章）：", None),
        ("", 5400),
        ("日期：", None),
        ("", TEXT_WIDTH),
    )

    document.add_paragraph("审核人签字", style="heading 1")
    _ruled(
        document.add_paragraph(style="Normal"),
        ("审核人：", None),
        ("{{ reviewer }}", 4200),
        ("审核日期：", None),
        ("{{ reviewed_on }}", TEXT_WIDTH),
    )

    buffer = io.BytesIO()
    document.save(buffer)
    return _normalise_zip(buffer.getvalue())


def main() -> None:
    """Write the template into ``templates/``."""
    TARGET.write_bytes(build())
    print(f"wrote {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

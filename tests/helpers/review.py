"""Reading a 审核意见单 back (python-docx), and the broken report its tests check.

Independent of :mod:`gpr_docx.review`: a sheet is read as any Word user sees it, table by table.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import attrs
import docx
from docx.oxml.ns import qn
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from tests.helpers import ROOT

EXAMPLES = ROOT / "templates" / "examples"
SHEET_TEMPLATE = ROOT / "templates" / "review-sheet-2021.docx"


@attrs.frozen
class Row:
    """One finding as the sheet prints it."""

    number: str
    rule: str
    severity: str
    location: str
    message: str
    expected: str
    answer: str


@attrs.frozen
class Sheet:
    paragraphs: list[str]
    info: dict[str, str]
    """报告单位, 报告名称, 报告年度, 审核结果 → the cell beside each."""
    groups: list[tuple[str, list[Row]]]
    """Each group heading and the rows of the findings table under it."""

    @property
    def rows(self) -> list[Row]:
        return [row for _, group in self.groups for row in group]


def read_sheet(data: bytes) -> Sheet:
    """The sheet's paragraphs, its head table and each findings table with its heading."""
    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    info: dict[str, str] = {}
    groups: list[tuple[str, list[Row]]] = []
    paragraphs: list[str] = []
    heading = ""
    tables = iter(document.tables)
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(child, document).text
            paragraphs.append(text)
            if text:
                heading = text
        elif tag == "tbl":
            table = next(tables)
            cells = [_texts(row.cells) for row in table.rows]
            if not info:
                for row in cells:
                    for label, value in zip(row[::2], row[1::2], strict=True):
                        info.setdefault(label, value)
                continue
            assert cells[0] == ["序号", "规则", "位置", "发现的问题", "应为", "整改情况"]
            rows = []
            for number, rule, location, message, expected, answer in cells[1:]:
                rule_id, severity = rule.split("\n")
                rows.append(Row(number, rule_id, severity, location, message, expected, answer))
            groups.append((heading, rows))
    return Sheet(paragraphs, info, groups)


def _texts(cells: list[_Cell]) -> list[str]:
    """The text of each cell of a row once (a merged cell is listed once per grid column)."""
    seen: list[_Cell] = []
    for cell in cells:
        if not any(cell._tc is other._tc for other in seen):
            seen.append(cell)
    return [cell.text for cell in seen]


def district_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / "example-district-2024.json").read_text("utf-8"))
    return data


def broken_data() -> dict[str, Any]:
    """The district example with three planted mistakes: a wrong total (表三 一、本年新收 总计), a
    wrong carry-over (四、结转下年度继续办理 自然人) and a text figure that is not the table's."""
    data = district_data()
    applications = data["applications"]
    applications["new_requests"]["total"] += 1
    applications["carried_forward"]["natural_person"] += 1
    overview = data["overview"]
    assert "450件" in overview["on_request"]
    overview["on_request"] = overview["on_request"].replace("450件", "460件")
    return data


def write_json(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def edited_template(change: str) -> bytes:
    """The packaged sheet template with one edit made as a user makes it in Word."""
    document = docx.Document(str(SHEET_TEMPLATE))
    if change == "restyle":
        cover = document.paragraphs[0].insert_paragraph_before("内部审核 · 请勿外传")
        cover.runs[0].bold = True
        document.paragraphs[1].runs[0].text = "年度报告审核意见书"
        fonts = document.styles["Body Text"].element.rPr.rFonts
        fonts.set(qn("w:eastAsia"), "宋体")
        document.add_paragraph("共 {{ counts.total }} 项，其中错误 {{ counts.error }} 项")
    elif change == "unknown":
        document.add_paragraph("{{ unit_name }}")
    elif change == "missing":
        for paragraph in document.paragraphs:
            for run in paragraph.runs:
                run.text = run.text.replace("{{ reviewer }}", "")
    elif change == "typo":
        cell = document.tables[1].rows[2].cells[3]
        cell.paragraphs[0].runs[0].text = "{{ item.mesage }}"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

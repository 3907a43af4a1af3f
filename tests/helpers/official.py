"""The official form as the tests know it: the golden grid, example data, a template a user restyled."""

from __future__ import annotations

import io
import json
from typing import Any

import docx
from docx.oxml.ns import qn

from gpr_docx.render.template import load_template
from tests.helpers import DATA, ROOT
from tests.helpers.docx_signature import SignatureCell

TABLE_KEYS = ("active_disclosure", "applications", "review_litigation")
HEADINGS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)
"""The six headings as the national format prints them (typed from the spec, not taken from the code)."""
GRID: dict[str, Any] = json.loads((DATA / "golden" / "official-grid.json").read_text("utf-8"))
"""The official grid of each table: label cells with their text, data cells with their path."""


def example_data(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (ROOT / "templates" / "examples" / f"{name}.json").read_text("utf-8")
    )
    return data


def _lookup(data: dict[str, Any], path: str) -> str:
    value: Any = data
    for key in path.split("."):
        value = value[key]
    return str(value)


def expected_signature(key: str, values: dict[str, Any]) -> list[SignatureCell]:
    grid = GRID[key]
    cells = [SignatureCell(*cell) for cell in grid["labels"]]
    cells += [SignatureCell(r, c, rs, cs, _lookup(values, p)) for r, c, rs, cs, p in grid["data"]]
    return sorted(cells)


def restyled_template() -> bytes:
    """The official template as a user might change it in Word: a cover line, a footer, a font."""
    document = docx.Document(io.BytesIO(load_template().data))
    first = document.paragraphs[0]
    cover = first.insert_paragraph_before("内部审核稿 · 请勿外传")
    cover.runs[0].bold = True
    section = document.sections[0]
    section.footer.add_paragraph("示例市人民政府办公室印发")
    body_style = document.styles["Body Text"]
    fonts = body_style.element.rPr.rFonts
    fonts.set(qn("w:eastAsia"), "宋体")
    last = document.tables[2]._tbl
    note = document.add_paragraph("注：本表数据截至12月31日。")
    last.addnext(note._p)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

"""Rendering: the official grid exactly, every value in its cell, the page as GB/T 9704 wants it."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from lxml import etree

from gpr_docx import Report, examples
from gpr_docx.errors import OutputExistsError, TemplateError
from gpr_docx.render.template import build_context, load_template, render, render_to_file
from tests.helpers import EXAMPLE_NAMES, ROOT
from tests.helpers.docx_signature import (
    W,
    document_xml,
    table_signature,
    tables,
    wattr,
)
from tests.helpers.libreoffice import flat, pdf_text
from tests.helpers.official import (
    GRID,
    HEADINGS,
    TABLE_KEYS,
    example_data,
    expected_signature,
    restyled_template,
)
from tests.helpers.strategies import reports


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_tables_have_the_official_grid_and_values(name: str) -> None:
    """Merge signature (row, column, spans, text) of every table equals the official form's."""
    produced = tables(render(examples.load(name)))
    assert len(produced) == 3
    for key, tbl in zip(TABLE_KEYS, produced, strict=True):
        assert sorted(table_signature(tbl)) == expected_signature(key, example_data(name)), key
        widths = [int(wattr(g, "w")) for g in tbl.findall(f"{W}tblGrid/{W}gridCol")]
        assert len(widths) == GRID[key]["columns"]
        assert sum(widths) == 8844  # the text block is 156 mm wide


@settings(max_examples=15)
@given(reports())
def test_generated_reports_fill_every_cell(report: Report) -> None:
    from gpr_docx.schema import unstructure

    data = json.loads(json.dumps(unstructure(report), ensure_ascii=False))
    produced = tables(render(report))
    for key, tbl in zip(TABLE_KEYS, produced, strict=True):
        assert sorted(table_signature(tbl)) == expected_signature(key, data)


def _paragraph_texts(body: etree._Element, *styles: str) -> list[str]:
    return [
        "".join(t.text or "" for t in p.iter(f"{W}t"))
        for p in body.iter(f"{W}p")
        if p.find(f"{W}pPr/{W}pStyle") is not None
        and p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") in styles  # type: ignore[union-attr,operator]
    ]


def test_page_fonts_and_table_rows(dasheng: Report) -> None:
    """A4, GB/T 9704 margins, East Asian fonts, repeated header rows, rows that never split."""
    data = render(dasheng)
    root = document_xml(data)
    size = root.find(f".//{W}sectPr/{W}pgSz")
    margins = root.find(f".//{W}sectPr/{W}pgMar")
    assert size is not None
    assert margins is not None
    mm = {
        k: round(int(wattr(margins, k)) / 1440 * 25.4) for k in ("top", "bottom", "left", "right")
    }
    assert (
        round(int(wattr(size, "w")) / 1440 * 25.4),
        round(int(wattr(size, "h")) / 1440 * 25.4),
    ) == (
        210,
        297,
    )
    assert mm == {"top": 37, "bottom": 35, "left": 28, "right": 26}
    styles = document_xml(data, "word/styles.xml")
    east_asia = {
        s.find(f"{W}name").get(f"{W}val"): s.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia")  # type: ignore[union-attr]
        for s in styles.findall(f"{W}style")
        if s.find(f"{W}rPr/{W}rFonts") is not None
    }
    assert east_asia["Title"] == "方正小标宋简体"
    assert east_asia["heading 1"] == "黑体"
    assert east_asia["heading 2"] == "楷体_GB2312"
    assert east_asia["Body Text"] == "仿宋_GB2312"
    assert east_asia["Table Text"] in ("宋体", "仿宋_GB2312")
    for index, tbl in enumerate(tables(data)):
        rows = tbl.findall(f"{W}tr")
        assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
        headers = [r.find(f"{W}trPr/{W}tblHeader") is not None for r in rows]
        expected = 0 if index == 0 else 3
        assert headers == [True] * expected + [False] * (len(rows) - expected)


def test_page_numbers_have_dashes_on_the_outside(dasheng: Report) -> None:
    data = render(dasheng)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        footers = [n for n in archive.namelist() if re.fullmatch(r"word/footer\d+\.xml", n)]
    alignments = set()
    for name in footers:
        footer = document_xml(data, name)
        text = "".join(t.text or "" for t in footer.iter(f"{W}t"))
        instr = "".join(t.text or "" for t in footer.iter(f"{W}instrText"))
        assert text.startswith("— ")
        assert text.endswith(" —")
        assert "PAGE" in instr
        alignments.add(footer.find(f".//{W}jc").get(f"{W}val"))  # type: ignore[union-attr]
    assert alignments == {"left", "right"}
    settings_xml = document_xml(data, "word/settings.xml")
    assert settings_xml.find(f"{W}evenAndOddHeaders") is not None


def test_texts_are_one_paragraph_per_line_and_escaped(district: Report) -> None:
    """User text is data: markup and template syntax come out exactly as typed."""
    hostile = "注意 <b>粗体</b> & {{ agency }} {% if x %} ]]> \"引号\" 'x'"
    report = attrs.evolve(district, other_matters=f"第一段\n\n{hostile}\n  第三段  ")
    body = document_xml(render(report))
    # The report's last paragraph has a style of its own: it is kept with the signature.
    paragraphs = _paragraph_texts(body, "BodyText", "BodyTextLast")
    assert paragraphs[-3:] == ["第一段", hostile, "第三段"]
    assert _paragraph_texts(body, "BodyTextLast") == ["第三段"]
    assert _paragraph_texts(body, "Title") == [district.document_title]
    assert _paragraph_texts(body, "Signature") == [district.agency]
    problems = [line for line in district.problems.splitlines() if line.strip()]
    start = paragraphs.index(problems[0])
    assert paragraphs[start : start + len(problems)] == problems


def test_headings_in_order(dasheng: Report) -> None:
    body = document_xml(render(dasheng))
    assert _paragraph_texts(body, "Heading1") == list(HEADINGS)


def test_committed_template_is_what_the_build_script_makes() -> None:
    from tools.build_template import TARGET, build

    assert TARGET.read_bytes() == build(), "run: python tools/build_template.py"


def test_a_restyled_template_keeps_every_edit(district: Report) -> None:
    data = render(district, restyled_template())
    body = document_xml(data)
    texts = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in body.iter(f"{W}p")]
    assert texts[0] == "内部审核稿 · 请勿外传"
    assert "注：本表数据截至12月31日。" in texts
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        footer_text = "".join(
            archive.read(n).decode() for n in archive.namelist() if n.startswith("word/footer")
        )
    assert "示例市人民政府办公室印发" in footer_text
    styles = document_xml(data, "word/styles.xml")
    body_style = next(s for s in styles.findall(f"{W}style") if s.get(f"{W}styleId") == "BodyText")
    assert body_style.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "宋体"  # type: ignore[union-attr]
    for key, tbl in zip(TABLE_KEYS, tables(data), strict=True):
        raw = json.loads(json.dumps(example_data("example-district-2024")))
        assert sorted(table_signature(tbl)) == expected_signature(key, raw)


def _template_with(edit: str, replacement: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(load_template().data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            payload = source.read(item.filename)
            if item.filename == "word/document.xml":
                text = payload.decode("utf-8")
                assert edit in text
                payload = text.replace(edit, replacement, 1).encode("utf-8")
            target.writestr(item, payload)
    return buffer.getvalue()


def test_template_with_unknown_and_missing_tags_is_refused(dasheng: Report) -> None:
    broken = _template_with(
        "{{ applications.new_requests.total }}", "{{ applications.new_request.totl }}"
    )
    with pytest.raises(TemplateError) as info:
        render(dasheng, broken)
    message = str(info.value)
    assert "applications.new_request.totl" in message
    assert "applications.new_requests.total" in message


def test_template_syntax_error_is_reported(dasheng: Report) -> None:
    broken = _template_with("{%p for line in preface %}", "{%p for line in %}")
    with pytest.raises(TemplateError, match="语法"):
        render(dasheng, broken)


def test_not_a_docx_template(dasheng: Report, tmp_path: Path) -> None:
    path = tmp_path / "t.docx"
    path.write_bytes(b"plain text")
    with pytest.raises(TemplateError) as info:
        render(dasheng, path)
    assert info.value.place == str(path)
    with pytest.raises(TemplateError):
        render(dasheng, tmp_path / "missing.docx")


def test_a_template_with_a_doctype_is_refused_before_docxtpl_reads_it(dasheng: Report) -> None:
    """Templates pass the hardened reader: a DOCTYPE (entity tricks) is refused with its reason."""
    unsafe = _template_with("<w:document", '<!DOCTYPE w:document [<!ENTITY x "x">]><w:document')
    with pytest.raises(TemplateError, match="DOCTYPE") as info:
        render(dasheng, unsafe)
    assert info.value.place == "<模板>:word/document.xml"


def test_a_zip_bomb_template_is_refused(dasheng: Report, tmp_path: Path) -> None:
    source = zipfile.ZipFile(io.BytesIO(load_template().data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("word/media/zeros.bin", bytes(4 * 1024 * 1024))
    path = tmp_path / "bomb.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(TemplateError, match="压缩比") as info:
        render(dasheng, path)
    assert info.value.place == f"{path}:word/media/zeros.bin"


def test_compiling_within_limits() -> None:
    from gpr_docx import DocxLimitError, Limits
    from gpr_docx.render.compiled import CompiledTemplate

    with pytest.raises(DocxLimitError):
        CompiledTemplate.compile(load_template().data, limits=Limits(members=3))


def test_context_holds_cell_text_and_paragraphs(district: Report) -> None:
    context = build_context(district)
    assert context["active_disclosure"]["fees"] == "1253.47"
    assert context["applications"]["results"]["total"]["total"] == "454"
    assert context["problems"] == district.problems.splitlines()


def test_render_to_file_is_atomic_and_keeps_existing(dasheng: Report, tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    render_to_file(dasheng, out)
    first = out.read_bytes()
    with pytest.raises(OutputExistsError):
        render_to_file(dasheng, out)
    assert out.read_bytes() == first
    render_to_file(dasheng, out, force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.docx"]


def test_libreoffice_opens_it_and_prints_every_heading(
    example_report: Report, tmp_path: Path
) -> None:
    """LibreOffice converts the output to PDF; the PDF text has the title, agency and six headings."""
    source = tmp_path / "report.docx"
    source.write_bytes(render(example_report))
    text = pdf_text(source, tmp_path)
    for needle in (
        example_report.document_title,
        example_report.agency,
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ):
        assert flat(needle) in text, needle


def test_docs_list_every_tag() -> None:
    """docs/templates.md lists every tag, and each cell's tag by the cell's one official name."""
    from gpr_docx.form import CELL_PATHS, cell_location
    from gpr_docx.render.template import KNOWN_NAMES

    rows = dict(
        re.findall(
            r"^\| `([a-z_.]+)` \| (.*) \|$",
            (ROOT / "docs" / "templates.md").read_text("utf-8"),
            re.M,
        )
    )
    assert set(rows) == set(KNOWN_NAMES)
    assert {path: rows[path] for path in CELL_PATHS} == {
        path: str(cell_location(path)) for path in CELL_PATHS
    }

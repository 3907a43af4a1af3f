"""The rendered .docx keeps the rules Word, WPS and LibreOffice need to show it as designed.

WPS rules (from its bug reports): every cell has a width, the grid matches the cell widths, the
layout is fixed, no autofit, no theme fonts, ``w:eastAsia`` on every run style. Then the font
fallbacks, the centring of every table cell, and the signature kept with the last paragraph.
"""

from __future__ import annotations

import datetime
import io
import zipfile

import attrs
import pytest
from lxml import etree

from gpr_docx import examples
from gpr_docx.render.template import render
from tests.helpers import EXAMPLE_NAMES

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def q(name: str) -> str:
    return f"{{{W}}}{name}"


def find(element: etree._Element, path: str) -> etree._Element:
    """The element at ``path``, which must be there."""
    found = element.find(path, NS)
    assert found is not None, path
    return found


def attr(element: etree._Element, path: str, name: str = "val") -> str:
    """The ``w:name`` attribute of the element at ``path`` (``"."``: the element itself)."""
    value = find(element, path).get(q(name)) if path != "." else element.get(q(name))
    assert isinstance(value, str), (path, name)
    return value


def text(element: etree._Element) -> str:
    return "".join(str(t) for t in element.itertext())


def parts(name: str) -> dict[str, etree._Element]:
    """Every XML part of the rendered example, by name."""
    with zipfile.ZipFile(io.BytesIO(render(examples.load(name)))) as package:
        return {
            item: etree.fromstring(package.read(item))
            for item in package.namelist()
            if item.endswith(".xml")
        }


@pytest.fixture(scope="module", params=EXAMPLE_NAMES)
def package(request: pytest.FixtureRequest) -> dict[str, etree._Element]:
    return parts(request.param)


def tables(package: dict[str, etree._Element]) -> list[etree._Element]:
    found: list[etree._Element] = package["word/document.xml"].findall(".//w:tbl", NS)
    assert len(found) == 3
    return found


def test_every_cell_has_a_width_and_the_grid_adds_up_to_it(
    package: dict[str, etree._Element],
) -> None:
    for table in tables(package):
        grid = [int(attr(col, ".", "w")) for col in table.findall("w:tblGrid/w:gridCol", NS)]
        assert grid and all(width > 0 for width in grid)
        for row in table.findall("w:tr", NS):
            column = 0
            for cell in row.findall("w:tc", NS):
                assert attr(cell, "w:tcPr/w:tcW", "type") == "dxa"
                spanned = cell.find("w:tcPr/w:gridSpan", NS) is not None
                span = int(attr(cell, "w:tcPr/w:gridSpan")) if spanned else 1
                width = int(attr(cell, "w:tcPr/w:tcW", "w"))
                assert width == sum(grid[column : column + span])
                column += span
            assert column == len(grid)


def test_tables_have_a_fixed_layout_and_a_fixed_width(package: dict[str, etree._Element]) -> None:
    for table in tables(package):
        assert attr(table, "w:tblPr/w:tblLayout", "type") == "fixed"  # no autofit
        assert attr(table, "w:tblPr/w:tblW", "type") == "dxa"
        grid = sum(int(attr(c, ".", "w")) for c in table.findall("w:tblGrid/w:gridCol", NS))
        assert int(attr(table, "w:tblPr/w:tblW", "w")) == grid


def test_no_theme_fonts_and_east_asian_fonts_everywhere(
    package: dict[str, etree._Element],
) -> None:
    for name, root in package.items():
        for element in root.iter():
            themed = [
                a for a in map(str, element.attrib) if a.startswith(f"{{{W}}}") and "Theme" in a
            ]
            assert not themed, (name, element.tag, themed)
        for fonts in root.iter(q("rFonts")):
            assert fonts.get(q("eastAsia")), (name, etree.tostring(fonts))
    styles = package["word/styles.xml"]
    for style in styles.findall("w:style", NS):
        if (
            style.get(q("type")) in ("paragraph", "character")
            or style.find("w:rPr", NS) is not None
        ):
            if style.get(q("styleId")) == "TableNormal":
                continue
            assert attr(style, "w:rPr/w:rFonts", "eastAsia"), style.get(q("styleId"))
    assert attr(styles, "w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", "eastAsia")


def test_the_gb2312_fonts_fall_back_to_chinese_fonts(package: dict[str, etree._Element]) -> None:
    fonts = {
        font.get(q("name")): font for font in package["word/fontTable.xml"].findall("w:font", NS)
    }
    for name, fallback in (
        ("仿宋_GB2312", "仿宋"),
        ("楷体_GB2312", "楷体"),
        ("方正小标宋简体", "宋体"),
    ):
        font = fonts[name]
        assert attr(font, "w:altName") == fallback
        assert attr(font, "w:charset") == "86"  # GB2312
        panose = attr(font, "w:panose1")
        assert len(panose) == 20 and int(panose, 16) > 0
    # Every font a style or run names is in the table, so it has a classification to substitute by.
    named = {
        value
        for root in package.values()
        for element in root.iter(q("rFonts"))
        for key in ("ascii", "hAnsi", "eastAsia", "cs")
        if (value := element.get(q(key)))
    }
    assert named <= set(fonts)


def test_every_table_cell_is_centred(package: dict[str, etree._Element]) -> None:
    styles = {
        style.get(q("styleId")): style
        for style in package["word/styles.xml"].findall("w:style", NS)
    }
    assert attr(styles["TableText"], "w:pPr/w:jc") == "center"
    data_cells = 0
    for table in tables(package):
        for cell in table.iter(q("tc")):
            assert attr(cell, "w:tcPr/w:vAlign") == "center"
            if not text(cell).replace(".", "").isdigit():
                continue
            data_cells += 1
            for paragraph in cell.findall("w:p", NS):
                assert attr(paragraph, "w:pPr/w:pStyle") == "TableText"
                direct = paragraph.find("w:pPr/w:jc", NS)
                assert direct is None or direct.get(q("val")) == "center"
    assert data_cells > 100


def test_the_last_row_of_table_three_is_centred_like_the_others(
    package: dict[str, etree._Element],
) -> None:
    """（六）2. 申请人逾期未按收费通知…: its row is as tall as its label, every cell centred."""
    table = tables(package)[1]
    rows = table.findall("w:tr", NS)
    (row,) = [r for r in rows if "申请人逾期未按收费通知" in text(r)]
    height = int(attr(row, "w:trPr/w:trHeight"))
    one_line = min(int(attr(r, "w:trPr/w:trHeight")) for r in rows)
    assert height >= 3 * one_line - 300  # three lines of label
    for cell in row.findall("w:tc", NS):
        assert attr(cell, "w:tcPr/w:vAlign") == "center"


def test_the_signature_keeps_with_the_date_and_the_last_paragraph() -> None:
    report = attrs.evolve(
        examples.load("dasheng-2024"),
        other_matters="第一段。\n第二段。\n最后一段。",
        date=datetime.date(2025, 1, 20),
    )
    with zipfile.ZipFile(io.BytesIO(render(report))) as package:
        body = etree.fromstring(package.read("word/document.xml"))
        styles = etree.fromstring(package.read("word/styles.xml"))
    texts = [(p.find("w:pPr/w:pStyle", NS), text(p)) for p in body.iter(q("p"))]
    tail = [(s.get(q("val")) if s is not None else None, t) for s, t in texts if t][-5:]
    assert tail == [
        ("BodyText", "第一段。"),
        ("BodyText", "第二段。"),
        ("BodyTextLast", "最后一段。"),
        ("Signature", report.agency),
        ("Date", "2025年1月20日"),
    ]

    def keeps(style_id: str) -> set[str]:
        (style,) = [s for s in styles.findall("w:style", NS) if s.get(q("styleId")) == style_id]
        ppr = find(style, "w:pPr")
        return {etree.QName(child).localname for child in ppr} & {"keepNext", "keepLines"}

    assert keeps("BodyTextLast") == {"keepNext"}
    assert keeps("Signature") == {"keepNext", "keepLines"}
    assert "keepLines" in keeps("Date")
    assert "keepNext" not in keeps("BodyText")


def test_without_a_date_no_date_paragraph_is_printed() -> None:
    report = examples.load("dasheng-2024")
    assert report.date is None
    with zipfile.ZipFile(io.BytesIO(render(report))) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    dated = [
        p
        for p in body.iter(q("p"))
        if (s := p.find("w:pPr/w:pStyle", NS)) is not None and s.get(q("val")) == "Date"
    ]
    assert dated == []

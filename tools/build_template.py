"""Build ``templates/official-2021.docx``: the official form as a docxtpl template, from the model's labels.

Run ``python tools/build_template.py`` after changing the model's labels, the form map or the layout;
``tests/test_template.py`` fails while the committed file differs from what this script makes.

The package skeleton (styles, settings, fonts) is written here as plain OOXML so that it is small and
holds only what GB/T 9704 asks for; the body, tables and footers are built with python-docx.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path
from typing import Final

import docx
from docx.enum.section import WD_SECTION_START
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Twips
from docx.table import Table
from lxml import etree

ROOT: Final = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gpr_docx.form import COLUMN_WIDTHS, FORM_TABLES, FormTable  # noqa: E402
from gpr_docx.model import (  # noqa: E402
    PROBLEMS_HEADING,
    SECTION_HEADINGS,
    Report,
    label,
)
from gpr_docx.parse.outline import SUBHEADINGS  # noqa: E402

TARGET: Final = ROOT / "templates" / "official-2021.docx"

W: Final = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

# -- page: GB/T 9704—2012 §5 -------------------------------------------------------------------
TEXT_WIDTH: Final = 8844  # 156 mm in twips
LINE: Final = 579  # 28.95 pt: 22 lines in the 225 mm text block

ROW_HEIGHT: Final = 420  # twips, at least: room for 10.5 pt text with air above and below
TABLE_LINE: Final = 320  # twips a wrapped line of 10.5 pt table text takes, generously
CELL_MARGINS: Final = 114  # twips: the table style's left and right cell margins


FONT_SONG: Final = "宋体"
FONT_FANGSONG: Final = "仿宋_GB2312"
FONT_HEITI: Final = "黑体"
FONT_KAITI: Final = "楷体_GB2312"
FONT_TITLE: Final = "方正小标宋简体"
FONT_LATIN: Final = "Times New Roman"


def _fonts(east_asia: str, latin: str = FONT_LATIN) -> str:
    return (
        f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east_asia}" w:cs="{latin}"/>'
    )


def _paragraph_style(
    style_id: str,
    name: str,
    *,
    east_asia: str,
    size: int,
    ppr: str = "",
    based_on: str | None = "Normal",
    next_style: str | None = None,
    extra_rpr: str = "",
    outline: int | None = None,
) -> str:
    parts = [f'<w:style w:type="paragraph" w:styleId="{style_id}">', f'<w:name w:val="{name}"/>']
    if based_on:
        parts.append(f'<w:basedOn w:val="{based_on}"/>')
    if next_style:
        parts.append(f'<w:next w:val="{next_style}"/>')
    parts.append("<w:qFormat/>")
    outline_xml = f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else ""
    parts.append(f"<w:pPr>{ppr}{outline_xml}</w:pPr>")
    parts.append(
        f'<w:rPr>{_fonts(east_asia)}{extra_rpr}<w:color w:val="000000"/>'
        f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
    )
    parts.append("</w:style>")
    return "".join(parts)


def _styles_xml() -> str:
    spacing = f'<w:spacing w:before="0" w:after="0" w:line="{LINE}" w:lineRule="exact"/>'
    styles = [
        _paragraph_style(
            "Normal",
            "Normal",
            east_asia=FONT_FANGSONG,
            size=32,
            ppr=f'<w:widowControl w:val="0"/>{spacing}<w:jc w:val="both"/>',
            based_on=None,
        ),
        _paragraph_style(
            "Title",
            "Title",
            east_asia=FONT_TITLE,
            size=44,
            ppr='<w:keepNext/><w:snapToGrid w:val="0"/>'
            '<w:spacing w:before="0" w:after="579" w:line="700" w:lineRule="exact"/>'
            '<w:jc w:val="center"/>',
            next_style="BodyText",
        ),
        _paragraph_style(
            "Heading1",
            "heading 1",
            east_asia=FONT_HEITI,
            size=32,
            ppr='<w:keepNext/><w:ind w:firstLineChars="200" w:firstLine="640"/>',
            next_style="BodyText",
            extra_rpr='<w:b w:val="0"/><w:bCs w:val="0"/>',
            outline=0,
        ),
        _paragraph_style(
            "Heading2",
            "heading 2",
            east_asia=FONT_KAITI,
            size=32,
            ppr='<w:keepNext/><w:ind w:firstLineChars="200" w:firstLine="640"/>',
            next_style="BodyText",
            extra_rpr='<w:b w:val="0"/><w:bCs w:val="0"/>',
            outline=1,
        ),
        _paragraph_style(
            "BodyText",
            "Body Text",
            east_asia=FONT_FANGSONG,
            size=32,
            ppr='<w:ind w:firstLineChars="200" w:firstLine="640"/>',
        ),
        _paragraph_style(
            "Signature",
            "Signature",
            east_asia=FONT_FANGSONG,
            size=32,
            # Kept with the date below it, and (through the last body paragraph's keepNext) with
            # the text above: the 落款 never stands alone on the last page.
            ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="579" w:after="0"/>'
            '<w:ind w:right="640"/><w:jc w:val="right"/>',
        ),
        _paragraph_style(
            "Date",
            "Date",
            east_asia=FONT_FANGSONG,
            size=32,
            ppr='<w:keepLines/><w:spacing w:before="0" w:after="0"/><w:ind w:right="640"/>'
            '<w:jc w:val="right"/>',
        ),
        _paragraph_style(
            "BodyTextLast",
            "Body Text Last",
            east_asia=FONT_FANGSONG,
            size=32,
            ppr='<w:keepNext/><w:ind w:firstLineChars="200" w:firstLine="640"/>',
            based_on="BodyText",
        ),
        _paragraph_style(
            "TableText",
            "Table Text",
            east_asia=FONT_SONG,
            size=21,
            ppr='<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
            '<w:jc w:val="center"/>',
        ),
        _paragraph_style(
            "Footer",
            "footer",
            east_asia=FONT_SONG,
            size=28,
            ppr='<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>',
            extra_rpr="",
        ),
        (
            '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
            '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
            '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="57" w:type="dxa"/>'
            '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
        ),
        (
            '<w:style w:type="table" w:styleId="OfficialTable"><w:name w:val="Official Table"/>'
            '<w:basedOn w:val="TableNormal"/><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
            '<w:jc w:val="center"/></w:pPr><w:rPr>'
            f"{_fonts(FONT_SONG)}"
            '<w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr><w:tblPr><w:jc w:val="center"/><w:tblBorders>'
            + "".join(
                f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                for side in ("top", "left", "bottom", "right", "insideH", "insideV")
            )
            + "</w:tblBorders></w:tblPr></w:style>"
        ),
    ]
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W}">'
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f"{_fonts(FONT_FANGSONG)}"
        '<w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        "<w:pPrDefault><w:pPr/></w:pPrDefault></w:docDefaults>" + "".join(styles) + "</w:styles>"
    )


# name, the font a reader without it should use (w:altName), PANOSE, family, charset. The GB2312
# fonts of GB/T 9704 are missing on most machines; without a CJK fallback in the font table, Word
# and WPS may substitute a Latin font and print boxes. Charset 86 is GB2312.
FONT_TABLE: Final = (
    (FONT_LATIN, "", "02020603050405020304", "roman", "00"),
    (FONT_SONG, "SimSun", "02010600030101010101", "auto", "86"),
    (FONT_FANGSONG, "仿宋", "02010609030101010101", "modern", "86"),
    (FONT_HEITI, "SimHei", "02010609060101010101", "modern", "86"),
    (FONT_KAITI, "楷体", "02010609030101010101", "modern", "86"),
    (FONT_TITLE, "宋体", "02000000000000000000", "auto", "86"),
)
"""Every font the template names, with the fallback and classification a substituting reader uses."""


def _font_table_xml() -> str:
    body = "".join(
        f'<w:font w:name="{name}">'
        + (f'<w:altName w:val="{alt}"/>' if alt else "")
        + f'<w:panose1 w:val="{panose}"/><w:charset w:val="{charset}"/>'
        f'<w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'
        for name, alt, panose, family, charset in FONT_TABLE
    )
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="{W}">{body}</w:fonts>'


SETTINGS_XML: Final = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings xmlns:w="{W}">'
    '<w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>'
    '<w:drawingGridVerticalSpacing w:val="579"/><w:characterSpacingControl w:val="compressPunctuation"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>'
)

CONTENT_TYPES_XML: Final = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)

PACKAGE_RELS_XML: Final = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)

DOCUMENT_RELS_XML: Final = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>'
    "</Relationships>"
)

CORE_XML: Final = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>政府信息公开工作年度报告</dc:title><dc:creator>gpr_docx</dc:creator>"
    "<cp:lastModifiedBy>gpr_docx</cp:lastModifiedBy><cp:revision>1</cp:revision>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">2021-09-29T00:00:00Z</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">2021-09-29T00:00:00Z</dcterms:modified>'
    "</cp:coreProperties>"
)

APP_XML: Final = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>gpr_docx</Application></Properties>"
)

DOCUMENT_XML: Final = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body><w:sectPr/></w:body></w:document>'
)


def _skeleton() -> bytes:
    """A minimal package with our styles, for python-docx to build the body in."""
    parts = {
        "[Content_Types].xml": CONTENT_TYPES_XML,
        "_rels/.rels": PACKAGE_RELS_XML,
        "word/document.xml": DOCUMENT_XML,
        "word/_rels/document.xml.rels": DOCUMENT_RELS_XML,
        "word/styles.xml": _styles_xml(),
        "word/settings.xml": SETTINGS_XML,
        "word/fontTable.xml": _font_table_xml(),
        "docProps/core.xml": CORE_XML,
        "docProps/app.xml": APP_XML,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in parts.items():
            archive.writestr(name, xml.encode("utf-8"))
    return buffer.getvalue()


# -- body ----------------------------------------------------------------------------------------


def _loop(document: docx.document.Document, var: str, source: str, style: str) -> None:
    """Three paragraphs that docxtpl turns into one ``style`` paragraph per line of ``source``."""
    document.add_paragraph(f"{{%p for {var} in {source} %}}", style=style)
    document.add_paragraph(f"{{{{ {var} }}}}", style=style)
    document.add_paragraph("{%p endfor %}", style=style)


def _set_cell(cell: object, text: str, *, left: bool = False) -> None:
    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    paragraph.style = "Table Text"
    if left:
        paragraph.paragraph_format.alignment = 0
    paragraph.add_run(text)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER  # type: ignore[attr-defined]


def _set_widths(table: Table, widths: list[int]) -> None:
    table_width = table._tbl.tblPr.find(qn("w:tblW"))
    if table_width is None:  # python-docx always writes one; fail loudly if that changes
        raise RuntimeError("python-docx made a table without w:tblW")
    table_width.set(qn("w:w"), str(TEXT_WIDTH))
    table_width.set(qn("w:type"), "dxa")
    for grid_col, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        grid_col.w = Twips(width)


def _add_table(document: docx.document.Document, layout: FormTable) -> Table:
    widths = list(COLUMN_WIDTHS[layout.key])
    table: Table = document.add_table(rows=layout.rows, cols=layout.columns)
    table.style = "Official Table"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _set_widths(table, widths)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Twips(width)
    for row_index, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(parse_xml(f'<w:cantSplit xmlns:w="{W}"/>'))
        tr_pr.append(
            parse_xml(f'<w:trHeight xmlns:w="{W}" w:val="{ROW_HEIGHT}" w:hRule="atLeast"/>')
        )
        if row_index < layout.header_rows:
            tr_pr.append(parse_xml(f'<w:tblHeader xmlns:w="{W}"/>'))
        tr_pr.append(parse_xml(f'<w:jc xmlns:w="{W}" w:val="center"/>'))
    for form_cell in layout.cells:
        first = table.cell(form_cell.row, form_cell.col)
        last = table.cell(
            form_cell.row + form_cell.rowspan - 1, form_cell.col + form_cell.colspan - 1
        )
        cell = first.merge(last) if last._tc is not first._tc else first
        if form_cell.field is not None:
            _set_cell(cell, f"{{{{ {form_cell.field} }}}}")
        else:
            long_label = (
                form_cell.col == 0 and form_cell.colspan >= 3 and layout.key == "applications"
            )
            _set_cell(cell, form_cell.text, left=long_label and form_cell.row >= layout.header_rows)
    _centre_every_cell(table)
    _fit_row_heights(table, layout, widths)
    return table


def _centre_every_cell(table: Table) -> None:
    """Every ``w:tc`` centred vertically, its paragraphs in Table Text (centred).

    Walks the XML rather than ``row.cells``, which hands back the first cell of a vertical merge
    for its continuation cells: those kept no ``w:vAlign``, and LibreOffice lays out some rows of
    such a merge top-aligned.
    """
    for tc in table._tbl.iter(qn("w:tc")):
        tc_pr = tc.get_or_add_tcPr()  # type: ignore[attr-defined]
        v_align = tc_pr.find(qn("w:vAlign"))
        if v_align is None:
            v_align = parse_xml(f'<w:vAlign xmlns:w="{W}" w:val="center"/>')
            tc_pr.append(v_align)
        v_align.set(qn("w:val"), "center")
        for p in tc.iter(qn("w:p")):
            p_pr = p.get_or_add_pPr()  # type: ignore[attr-defined]
            p_pr.style = "TableText"


def _text_twips(text: str) -> int:
    """How wide ``text`` is at 10.5 pt: 210 twips a Chinese character, half that for others."""
    return sum(210 if ord(ch) > 0x2E80 else 105 for ch in text)


def _fit_row_heights(table: Table, layout: FormTable, widths: list[int]) -> None:
    """Give a row whose label wraps a height for all its lines, not just the one-line minimum.

    LibreOffice centres the cells of a row vertically only once it knows the row's height; a
    row sized by a wrapping label at the foot of a page (table 三's （六）2.) was drawn with its
    figures at the top. Rows tall enough for their label are centred in every reader.
    """
    lines = [1] * layout.rows
    for cell in layout.cells:
        if cell.rowspan != 1 or not cell.text:
            continue
        room = sum(widths[cell.col : cell.col + cell.colspan]) - CELL_MARGINS
        lines[cell.row] = max(lines[cell.row], -(-_text_twips(cell.text) // room))
    for row, count in zip(table.rows, lines, strict=True):
        height = max(ROW_HEIGHT, count * TABLE_LINE + 100)
        row._tr.trPr.find(qn("w:trHeight")).set(qn("w:val"), str(height))


def _page_number_footer(footer: object, *, odd: bool) -> None:
    paragraph = footer.paragraphs[0]  # type: ignore[attr-defined]
    paragraph.style = "footer"
    side = "right" if odd else "left"
    paragraph_pr = paragraph._p.get_or_add_pPr()
    paragraph_pr.append(parse_xml(f'<w:ind xmlns:w="{W}" w:{side}="280"/>'))
    paragraph_pr.append(parse_xml(f'<w:jc xmlns:w="{W}" w:val="{side}"/>'))
    run_pr = f'<w:rPr>{_fonts(FONT_SONG, FONT_SONG)}<w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr>'
    runs = [
        f'<w:r>{run_pr}<w:t xml:space="preserve">— </w:t></w:r>',
        f'<w:r>{run_pr}<w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r>{run_pr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
        f'<w:r>{run_pr}<w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r>{run_pr}<w:t>1</w:t></w:r>",
        f'<w:r>{run_pr}<w:fldChar w:fldCharType="end"/></w:r>',
        f'<w:r>{run_pr}<w:t xml:space="preserve"> —</w:t></w:r>',
    ]
    for run in runs:
        paragraph._p.append(parse_xml(f'<w:r xmlns:w="{W}"{run[4:]}'))


def build() -> bytes:
    """The template's bytes, the same on every run."""
    document = docx.Document(io.BytesIO(_skeleton()))
    section = document.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(28)
    sect_pr = section._sectPr
    sect_pr.append(parse_xml(f'<w:docGrid xmlns:w="{W}" w:type="lines" w:linePitch="{LINE}"/>'))
    document.settings.odd_and_even_pages_header_footer = True
    _page_number_footer(section.footer, odd=True)
    _page_number_footer(section.even_page_footer, odd=False)

    document.add_paragraph("{{ title }}", style="Title")
    _loop(document, "line", "preface", "Body Text")

    tables = {layout.key: layout for layout in FORM_TABLES}
    document.add_paragraph(SECTION_HEADINGS[0], style="heading 1")
    for path, heading in SUBHEADINGS[1]:
        document.add_paragraph(heading, style="heading 2")
        _loop(document, "line", path, "Body Text")
    for key in ("active_disclosure", "applications", "review_litigation"):
        document.add_paragraph(label(Report, key), style="heading 1")
        _add_table(document, tables[key])
    document.add_paragraph(PROBLEMS_HEADING, style="heading 1")
    for path, heading in SUBHEADINGS[5]:
        document.add_paragraph(heading, style="heading 2")
        _loop(document, "line", path, "Body Text")
    document.add_paragraph(label(Report, "other_matters"), style="heading 1")
    # The report's last paragraph is kept with the signature (keepNext), the others flow freely.
    document.add_paragraph("{%p for line in other_matters %}", style="Body Text")
    document.add_paragraph("{%p if loop.last %}", style="Body Text")
    document.add_paragraph("{{ line }}", style="Body Text Last")
    document.add_paragraph("{%p else %}", style="Body Text")
    document.add_paragraph("{{ line }}", style="Body Text")
    document.add_paragraph("{%p endif %}", style="Body Text")
    document.add_paragraph("{%p endfor %}", style="Body Text")
    document.add_paragraph("{{ agency }}", style="Signature")
    document.add_paragraph("{%p if date %}", style="Date")
    document.add_paragraph("{{ date }}", style="Date")
    document.add_paragraph("{%p endif %}", style="Date")

    buffer = io.BytesIO()
    document.save(buffer)
    return _normalise_zip(buffer.getvalue())


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite the zip with fixed timestamps and canonical XML, so the build is reproducible."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            payload = source.read(item.filename)
            if item.filename.endswith((".xml", ".rels")):
                tree = etree.fromstring(payload)
                payload = etree.tostring(
                    tree, xml_declaration=True, encoding="UTF-8", standalone=True
                )
            info = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, payload)
    return buffer.getvalue()


def main() -> None:
    """Write the template into ``templates/``."""
    TARGET.write_bytes(build())
    print(f"wrote {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

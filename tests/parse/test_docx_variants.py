"""Reading back reports the way real offices' Word files differ from the project's own output.

Each test takes the rendered district report, rewrites its XML the way Word, WPS or a clerk would
(split runs, tracked changes, fields, invisible characters, auto-numbered headings, re-laid tables)
and checks that it reads back exactly, with no problem notes.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Callable, Iterable

import attrs
import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.table import _Cell as DocxCell
from lxml import etree

from gpr_docx import ParsedReport, Report, parse, render
from gpr_docx.form import FORM_TABLES, cell_text, field_value
from gpr_docx.model import SECTION_HEADINGS, Overview, label
from gpr_docx.oxml import W, w
from tests.helpers.docx_signature import document_xml
from tests.helpers.editing import with_document_xml, with_parts

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _x(markup: str) -> etree._Element:
    """An element from WordprocessingML markup written with the ``w:`` (and ``mc:``) prefix."""
    declared = f'<\\1 xmlns:w="{W}" xmlns:mc="{_MC}"'
    return etree.fromstring(re.sub(r"^<([\w:]+)", declared, markup, count=1))


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(w("t")))


def _cells(root: etree._Element, wanted: Callable[[str], bool]) -> list[etree._Element]:
    return [tc for tc in root.iter(w("tc")) if wanted(_text(tc))]


def _numbers(root: etree._Element) -> list[etree._Element]:
    """Data cells holding a number of two digits or more."""
    return _cells(root, lambda s: s.isdigit() and len(s) >= 2)


def _labels(root: etree._Element) -> list[etree._Element]:
    return _cells(root, lambda s: len(s) > 3 and not s.isdigit())


def _paragraphs(root: etree._Element) -> list[etree._Element]:
    body = root.find(w("body"))
    assert body is not None
    return [p for p in body if p.tag == w("p")]


def _retype(tc: etree._Element, pieces: Iterable[str | etree._Element]) -> None:
    """Replace the first paragraph's runs by one run per piece (``"\\n"`` is a line break)."""
    p = tc.find(w("p"))
    assert p is not None
    for run in p.findall(w("r")):
        p.remove(run)
    for piece in pieces:
        if isinstance(piece, etree._Element):
            p.append(piece)
            continue
        run = etree.SubElement(p, w("r"))
        if piece == "\n":
            etree.SubElement(run, w("br"))
        else:
            t = etree.SubElement(run, w("t"))
            t.text = piece
            t.set(_XML_SPACE, "preserve")


def _read(root: etree._Element, report: Report) -> ParsedReport:
    return parse(with_document_xml(render(report), root))


def _assert_exact(root: etree._Element, report: Report) -> ParsedReport:
    parsed = _read(root, report)
    assert [str(n) for n in parsed.gaps] == []
    assert parsed.report == report
    return parsed


@pytest.fixture
def root(district: Report) -> etree._Element:
    return document_xml(render(district))


# -- runs, breaks and paragraphs inside cells ----------------------------------------------------


def test_digits_typed_in_separate_runs(root: etree._Element, district: Report) -> None:
    for tc in _numbers(root):
        _retype(tc, list(_text(tc)))
    _assert_exact(root, district)


def test_labels_broken_by_line_breaks_and_spaces(root: etree._Element, district: Report) -> None:
    for tc in _labels(root):
        text = _text(tc)
        half = len(text) // 2
        _retype(tc, [text[:half], "\n", " ", text[half:], " "])
    _assert_exact(root, district)


def test_labels_and_values_over_several_paragraphs(root: etree._Element, district: Report) -> None:
    for tc in _labels(root):
        text = _text(tc)
        first = tc.find(w("p"))
        assert first is not None
        second = copy.deepcopy(first)
        first.addnext(second)
        _retype(tc, [text[:3]])
        for t in second.iter(w("t")):
            t.text = ""
        next(second.iter(w("t"))).text = text[3:]
    for tc in _numbers(root):
        tc.append(_x("<w:p/>"))
    _assert_exact(root, district)


# -- what Word wraps runs in -----------------------------------------------------------------------


def test_fields_hyperlinks_and_custom_xml_around_values(
    root: etree._Element, district: Report
) -> None:
    for i, tc in enumerate(_numbers(root)):
        value = _text(tc)
        wrappings: list[list[str | etree._Element]] = [
            [
                _x(
                    f'<w:fldSimple w:instr=" =SUM(ABOVE) "><w:r><w:t>{value}</w:t></w:r></w:fldSimple>'
                )
            ],
            [
                _x('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'),
                _x("<w:r><w:instrText> =SUM(LEFT) \\# 99 </w:instrText></w:r>"),
                _x('<w:r><w:fldChar w:fldCharType="separate"/></w:r>'),
                value,
                _x('<w:r><w:fldChar w:fldCharType="end"/></w:r>'),
            ],
            [_x(f'<w:hyperlink w:anchor="t"><w:r><w:t>{value}</w:t></w:r></w:hyperlink>')],
            [
                _x(
                    f'<w:customXml w:element="n"><w:smartTag w:element="d"><w:r><w:t>{value[0]}'
                    f"</w:t></w:r></w:smartTag><w:r><w:t>{value[1:]}</w:t></w:r></w:customXml>"
                )
            ],
        ]
        _retype(tc, wrappings[i % 4])
    for tc in _labels(root)[::3]:
        p = tc.find(w("p"))
        assert p is not None
        tag = etree.SubElement(p, w("smartTag"))
        for run in p.findall(w("r")):
            tag.append(run)
    _assert_exact(root, district)


def test_tracked_changes_deleted_text_is_not_read(root: etree._Element, district: Report) -> None:
    for i, tc in enumerate(_numbers(root)):
        value = _text(tc)
        old, new = ("del", "ins") if i % 2 else ("moveFrom", "moveTo")
        text_tag = "delText" if old == "del" else "t"  # Word keeps moved-away text in w:t
        _retype(
            tc,
            [
                _x(
                    f'<w:{old} w:id="{2 * i}" w:author="a"><w:r><w:{text_tag}>9</w:{text_tag}></w:r></w:{old}>'
                ),
                _x(
                    f'<w:{new} w:id="{2 * i + 1}" w:author="a"><w:r><w:t>{value}</w:t></w:r></w:{new}>'
                ),
            ],
        )
    _assert_exact(root, district)


def test_tracked_deleted_row_is_not_read(root: etree._Element, district: Report) -> None:
    row = next(tr for tr in root.iter(w("tr")) if "本年新收" in _text(tr))
    deleted = copy.deepcopy(row)
    props = deleted.find(w("trPr"))
    if props is None:
        props = etree.Element(w("trPr"))
        deleted.insert(0, props)
    props.append(_x('<w:del w:id="90" w:author="a"/>'))
    for t in deleted.iter(w("t")):
        if (t.text or "").isdigit():
            t.text = "777"
    row.addprevious(deleted)
    _assert_exact(root, district)


def test_hidden_text_is_not_read(root: etree._Element, district: Report) -> None:
    for tc in _numbers(root):
        _retype(tc, [_x("<w:r><w:rPr><w:vanish/></w:rPr><w:t>9</w:t></w:r>"), _text(tc)])
    _assert_exact(root, district)


def test_title_in_a_text_box_is_read_once(root: etree._Element, district: Report) -> None:
    title = _paragraphs(root)[0]
    heading = _text(title)
    at = heading.index("2024")
    box = (
        f"<w:txbxContent><w:p><w:r><w:t>{heading[:at]}</w:t></w:r></w:p>"
        f"<w:p><w:r><w:t>{heading[at:]}</w:t></w:r></w:p></w:txbxContent>"
    )
    for run in title.findall(w("r")):
        title.remove(run)
    title.append(
        _x(
            f"<w:r><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing>{box}</w:drawing>"
            f"</mc:Choice><mc:Fallback><w:pict>{box}</w:pict></mc:Fallback></mc:AlternateContent></w:r>"
        )
    )
    parsed = _assert_exact(root, district)
    assert (parsed.report.year, parsed.report.agency) == (2024, district.agency)


# -- invisible and look-alike characters -------------------------------------------------------------


@pytest.mark.parametrize(
    "mark",
    ["\u200b", "\u00ad", "\ufeff", "\u2060", "\u200c", "\u00a0", "\u3000"],
    ids=["zero-width-space", "soft-hyphen", "bom", "word-joiner", "zwnj", "nbsp", "ideographic"],
)
def test_invisible_characters_in_values_and_labels(
    root: etree._Element, district: Report, mark: str
) -> None:
    for tc in _numbers(root):
        value = _text(tc)
        _retype(tc, [f"{mark}{value[0]}{mark}{value[1:]}{mark}"])
    for tc in _labels(root):
        text = _text(tc)
        _retype(tc, [f"{text[:2]}{mark}{text[2:]}"])
    _assert_exact(root, district)


@pytest.mark.parametrize(
    "year", ["二〇二四", "二○二四", "二Ｏ二四", "二O二四", "二零二四", "二0二四"]
)
def test_year_in_chinese_numerals_with_look_alike_zeros(
    root: etree._Element, district: Report, year: str
) -> None:
    title, preface = _paragraphs(root)[:2]
    next(title.iter(w("t"))).text = _text(title).replace("2024", year)
    preface.getparent().remove(preface)  # type: ignore[union-attr]
    parsed = _read(root, district)
    assert (parsed.report.year, parsed.report.agency) == (2024, district.agency)
    assert re.sub(year, "2024", parsed.report.title or "") == district.document_title


# -- headings numbered by Word (numbering.xml), not typed ---------------------------------------------

_NUMBERING = f"""<w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:pStyle w:val="Heading1"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:pStyle w:val="Heading2"/><w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="(%2)"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""

_HEADING_NUMBER = re.compile(r"^(?:[一二三四五六]、|（[一二三四五]）)")


def _numbered(root: etree._Element, district: Report, styles: etree._Element) -> bytes:
    """The report with its numbers dropped from the heading text, for ``numbering.xml`` to show."""
    for p in _paragraphs(root):
        for t in p.iter(w("t")):
            t.text = _HEADING_NUMBER.sub("", t.text or "")
    data = with_document_xml(render(district), root)
    return with_parts(
        data,
        {
            "word/numbering.xml": _NUMBERING.encode(),
            "word/styles.xml": etree.tostring(styles, xml_declaration=True, encoding="UTF-8"),
        },
    )


def test_headings_numbered_by_their_styles(root: etree._Element, district: Report) -> None:
    """Word's multilevel list linked to the heading styles: the runs hold only 总体情况."""
    styles = document_xml(render(district), "word/styles.xml")
    for style in styles.iter(w("style")):
        if style.get(w("styleId")) in ("Heading1", "Heading2"):
            props = style.find(w("pPr"))
            if props is None:
                props = etree.SubElement(style, w("pPr"))
            props.insert(0, _x('<w:numPr><w:numId w:val="1"/></w:numPr>'))
    parsed = parse(_numbered(root, district, styles))
    assert [str(n) for n in parsed.gaps] == []
    assert parsed.report == district


def test_headings_numbered_by_their_style_and_typed_too(
    root: etree._Element, district: Report
) -> None:
    """A heading style numbered 1, 2 … over headings typed 一、总体情况: found by the typed text."""
    styles = document_xml(render(district), "word/styles.xml")
    for style in styles.iter(w("style")):
        if style.get(w("styleId")) == "Heading1":
            props = style.find(w("pPr"))
            if props is None:
                props = etree.SubElement(style, w("pPr"))
            props.insert(0, _x('<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'))
    numbering = (
        f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">'
        '<w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl>'
        '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )
    data = with_parts(
        with_document_xml(render(district), root),
        {
            "word/numbering.xml": numbering.encode(),
            "word/styles.xml": etree.tostring(styles, xml_declaration=True, encoding="UTF-8"),
        },
    )
    parsed = parse(data)
    assert [str(n) for n in parsed.gaps] == []
    assert parsed.report == district


def test_headings_numbered_directly_with_arabic_numbers(
    root: etree._Element, district: Report
) -> None:
    """A list applied to each heading paragraph (1. … (1) …); bullets in the body stay text."""
    styles = document_xml(render(district), "word/styles.xml")
    for p in _paragraphs(root):
        style = p.find(f"{w('pPr')}/{w('pStyle')}")
        level = {"Heading1": "0", "Heading2": "1", "BodyText": "2"}.get(
            style.get(w("val"), "") if style is not None else ""
        )
        if level is not None and not _text(p).startswith(("示例", "本报告")):
            props = p.find(w("pPr"))
            assert props is not None
            props.append(_x(f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="2"/></w:numPr>'))
    parsed = parse(_numbered(root, district, styles))
    assert [str(n) for n in parsed.gaps] == []
    assert parsed.report == district


# -- tables re-laid by hand -----------------------------------------------------------------------


def _table(root: etree._Element, marker: str) -> etree._Element:
    return next(t for t in root.iter(w("tbl")) if marker in _text(t))


def _new_cell(text: str = "", *, merge: str | None = None) -> etree._Element:
    cell = _x("<w:tc><w:tcPr/><w:p/></w:tc>")
    if merge is not None:
        props = cell.find(w("tcPr"))
        assert props is not None
        etree.SubElement(props, w("vMerge")).set(w("val"), merge)
    if text:
        _retype(cell, [text])
    return cell


def _widen(tbl: etree._Element) -> None:
    grid = tbl.find(w("tblGrid"))
    assert grid is not None
    grid.insert(0, _x('<w:gridCol w:w="400"/>'))


def test_serial_number_column_before_the_labels(root: etree._Element, district: Report) -> None:
    """A 序号 column left of table 三's labels: its numbers are not data."""
    table = _table(root, "申请人情况")
    _widen(table)
    for i, tr in enumerate(table.findall(w("tr"))):
        if i < 3:
            cell = _new_cell("序号" if i == 0 else "", merge="restart" if i == 0 else "continue")
        else:
            cell = _new_cell(str(i - 2))
        next(tr.iter(w("tc"))).addprevious(cell)
    _assert_exact(root, district)


def test_header_laid_out_with_grid_before(root: etree._Element, district: Report) -> None:
    """No corner cell: the header rows of table 三 start after ``w:gridBefore``."""
    table = _table(root, "申请人情况")
    for tr in table.findall(w("tr"))[:3]:
        tr.remove(next(tr.iter(w("tc"))))
        props = tr.find(w("trPr"))
        if props is None:
            props = etree.Element(w("trPr"))
            tr.insert(0, props)
        props.insert(0, _x('<w:gridBefore w:val="3"/>'))
    _assert_exact(root, district)


def test_merges_undone_with_labels_repeated(root: etree._Element, district: Report) -> None:
    """Vertical merges undone (every row restarts) and the label typed again in each row."""
    for tbl in root.iter(w("tbl")):
        above: dict[int, str] = {}
        for tr in tbl.findall(w("tr")):
            col = 0
            for tc in tr.findall(w("tc")):
                span = tc.find(f"{w('tcPr')}/{w('gridSpan')}")
                merge = tc.find(f"{w('tcPr')}/{w('vMerge')}")
                if merge is not None:
                    if merge.get(w("val")) == "restart":
                        above[col] = _text(tc)
                    else:
                        merge.set(w("val"), "restart")
                        _retype(tc, [above.get(col, "")])
                col += int(span.get(w("val"), "1")) if span is not None else 1
    _assert_exact(root, district)


def test_review_header_merged_over_two_rows(root: etree._Element, district: Report) -> None:
    """Table 四 with 行政复议 merged down over two rows and its outcomes in the third."""
    rows = _table(root, "复议后起诉").findall(w("tr"))
    top, middle, bottom = (tr.findall(w("tc")) for tr in rows[:3])
    props = top[0].find(w("tcPr"))
    assert props is not None
    etree.SubElement(props, w("vMerge")).set(w("val"), "restart")
    outcomes = [_text(tc) for tc in middle[:5]]
    for tc in middle[:5]:
        rows[1].remove(tc)
    spanned = _new_cell(merge="continue")
    spanned[0].insert(0, _x('<w:gridSpan w:val="5"/>'))
    middle[5].addprevious(spanned)
    for tc, text in zip(bottom[:5], outcomes, strict=True):
        rows[2].replace(tc, _new_cell(text))
    _assert_exact(root, district)


def test_heji_for_zongji(root: etree._Element, district: Report) -> None:
    """Some forms say 合计 where the official one says 总计."""
    for t in root.iter(w("t")):
        t.text = (t.text or "").replace("总计", "合计")
    _assert_exact(root, district)


def test_tables_inside_a_layout_table_and_content_controls(
    root: etree._Element, district: Report
) -> None:
    body = root.find(w("body"))
    assert body is not None
    first, *others = list(body.iter(w("tbl")))
    frame = _x('<w:tbl><w:tblGrid><w:gridCol w:w="9000"/></w:tblGrid><w:tr><w:tc/></w:tr></w:tbl>')
    first.addprevious(frame)
    frame_cell = next(frame.iter(w("tc")))
    frame_cell.append(first)
    frame_cell.append(_x("<w:p/>"))
    for tbl in others:
        control = _x("<w:sdt><w:sdtPr/><w:sdtContent/></w:sdt>")
        tbl.addprevious(control)
        control[1].append(tbl)
        for tr in tbl.findall(w("tr"))[1::2]:
            row_control = _x("<w:sdt><w:sdtContent/></w:sdt>")
            tr.addprevious(row_control)
            row_control[0].append(tr)
        for tc in list(tbl.iter(w("tc")))[::3]:
            cell_control = _x("<w:sdt><w:sdtContent/></w:sdt>")
            tc.addprevious(cell_control)
            cell_control[0].append(tc)
    _assert_exact(root, district)


# -- a report typed into Word's own tables -----------------------------------------------------------


def _typed_label(cell: DocxCell, text: str) -> None:
    """A label as a clerk types it: broken over lines at its middle, in two runs."""
    paragraph = cell.paragraphs[0]
    half = len(text) // 2
    paragraph.add_run(text[:half]).add_break()
    paragraph.add_run(text[half:] + " ")


def _typed_value(cell: DocxCell, text: str) -> None:
    """A value as typed: zero left blank, digits in separate runs, a second empty paragraph."""
    if text == "0":
        return
    paragraph = cell.paragraphs[0]
    for digit in text:
        paragraph.add_run(digit)
    cell.add_paragraph("")


def _word_document(report: Report) -> bytes:
    """The report typed into a new Word document: python-docx's own tables, styles and merges."""
    document = docx.Document()
    document.add_paragraph(report.document_title, style="Title")
    for line in report.preface.splitlines():
        document.add_paragraph(line)
    overview = [
        (f"（{'一二三四五'[i]}）{label(Overview, f.name)}", getattr(report.overview, f.name))
        for i, f in enumerate(attrs.fields(Overview))
    ]
    parts: dict[int, list[tuple[str, str]]] = {
        1: overview,
        5: [
            (label(Report, "problems"), report.problems),
            (label(Report, "improvements"), report.improvements),
        ],
        6: [("", report.other_matters)],
    }
    tables = {2: FORM_TABLES[0], 3: FORM_TABLES[1], 4: FORM_TABLES[2]}
    for number, heading in enumerate(SECTION_HEADINGS, start=1):
        document.add_heading(heading, level=1)
        for sub, text in parts.get(number, []):
            if sub:
                document.add_heading(sub, level=2)
            for line in text.splitlines():
                document.add_paragraph(line)
        form = tables.get(number)
        if form is None:
            continue
        table = document.add_table(rows=form.rows, cols=form.columns)
        table.style = "Table Grid"
        for spec in form.cells:
            cell = table.cell(spec.row, spec.col)
            if spec.rowspan > 1 or spec.colspan > 1:
                cell = cell.merge(
                    table.cell(spec.row + spec.rowspan - 1, spec.col + spec.colspan - 1)
                )
            if spec.field is None:
                _typed_label(cell, spec.text)
            else:
                _typed_value(cell, cell_text(field_value(report, spec.field)))
    document.add_paragraph(report.agency).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_report_typed_into_word_tables(example_report: Report) -> None:
    parsed = parse(_word_document(example_report))
    assert [str(n) for n in parsed.gaps] == []
    assert attrs.evolve(parsed.report, unfilled=()) == example_report
    zeros = {
        c.field
        for t in FORM_TABLES
        for c in t.data_cells()
        if c.field and cell_text(field_value(example_report, c.field)) == "0"
    }
    assert parsed.blank == zeros == set(parsed.report.unfilled)


# -- section 一 without sub-headings ----------------------------------------------------------------


def test_overview_parts_found_by_their_run_in_leads(dasheng: Report) -> None:
    """Like the real 大盛镇 report: no （一） sub-headings, each part a paragraph led by 一是……情况。"""
    root = document_xml(render(dasheng))
    paragraphs = _paragraphs(root)
    first = next(i for i, p in enumerate(paragraphs) if _text(p) == "一、总体情况")
    end = next(i for i, p in enumerate(paragraphs) if _text(p).startswith("二、"))
    for p in paragraphs[first + 1 : end]:
        style = p.find(f"{w('pPr')}/{w('pStyle')}")
        if style is not None and style.get(w("val")) == "Heading2":
            p.getparent().remove(p)  # type: ignore[union-attr]
    parsed = _assert_exact(root, dasheng)
    assert any("段首" in n.message for n in parsed.notes)

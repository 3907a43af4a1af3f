"""A .docx body as readers see it: paragraphs with Word's list numbers and alignment, tables as grids."""

from __future__ import annotations

import io
import zipfile

from gpr_docx.oxml import DocxDocument, W, open_docx

_NUMBERING = f"""<w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>
  <w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"""
_STYLES = f"""<w:styles xmlns:w="{W}"><w:style w:styleId="H1"><w:pPr>
  <w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:styleId="Sign"><w:pPr><w:jc w:val="right"/></w:pPr></w:style></w:styles>"""
_BODY = f"""<w:document xmlns:w="{W}"><w:body>
<w:p><w:pPr><w:pStyle w:val="H1"/></w:pPr><w:r><w:t>总体情况</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>内</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
  <w:p><w:pPr><w:pStyle w:val="H1"/></w:pPr><w:r><w:t>外</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:sdt><w:sdtContent><w:p><w:pPr><w:pStyle w:val="H1"/></w:pPr><w:r><w:t>主动公开</w:t></w:r></w:p>
</w:sdtContent></w:sdt>
<w:p><w:pPr><w:pStyle w:val="Sign"/></w:pPr><w:r><w:t>某某局</w:t></w:r></w:p>
</w:body></w:document>"""


def _docx(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text.encode())
    return buffer.getvalue()


def test_paragraphs_and_grids_as_a_reader_sees_them() -> None:
    data = _docx(
        {
            "word/document.xml": _BODY,
            "word/numbering.xml": _NUMBERING,
            "word/styles.xml": _STYLES,
        }
    )
    with open_docx(data) as package:
        document = DocxDocument.read(package)
    assert document is not None
    paragraphs = document.paragraphs()
    # The paragraph in the table is counted (二、) but is not a body paragraph.
    assert [(p.text, p.typed, p.right_aligned) for p in paragraphs] == [
        ("一、总体情况", "总体情况", False),
        ("三、主动公开", "主动公开", False),
        ("某某局", "某某局", True),
    ]
    assert all(p.handle.tag == f"{{{W}}}p" for p in paragraphs)
    outer, inner = document.grids()
    assert [c.text for c in inner.cells] == ["内"]
    assert outer.cells[0].text == "外"
    assert outer.cells[0].handle.tag == f"{{{W}}}tc"
    assert set(document.parts()) == {"word/document.xml"}


def test_a_document_without_a_body() -> None:
    with open_docx(_docx({"word/document.xml": f'<w:document xmlns:w="{W}"/>'})) as package:
        assert DocxDocument.read(package) is None

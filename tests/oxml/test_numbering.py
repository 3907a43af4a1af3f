"""List numbers Word draws before paragraphs: number formats and how the counters run."""

from __future__ import annotations

import pytest
from lxml import etree

from gpr_docx.oxml import W
from gpr_docx.oxml.numbering import ListNumbering, format_number


@pytest.mark.parametrize(
    ("n", "fmt", "shown"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (12, "chineseCountingThousand", "十二"),
        (21, "chineseCounting", "二十一"),
        (3, "chineseLegalSimplified", "叁"),
        (2024, "ideographDigital", "二〇二四"),
        (2, "ideographTraditional", "乙"),
        (12, "decimalFullWidth", "１２"),
        (3, "decimalEnclosedCircle", "③"),
        (7, "decimalZero", "07"),
        (28, "lowerLetter", "bb"),
        (14, "upperRoman", "XIV"),
        (5, "someFutureFormat", "5"),
    ],
)
def test_number_formats(n: int, fmt: str, shown: str) -> None:
    assert format_number(n, fmt) == shown


def _paragraph(num_id: str | None, ilvl: str = "0", style: str | None = None) -> etree._Element:
    props = "".join(
        [
            f'<w:pStyle w:val="{style}"/>' if style else "",
            f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
            if num_id
            else "",
        ]
    )
    return etree.fromstring(f'<w:p xmlns:w="{W}"><w:pPr>{props}</w:pPr></w:p>')


_LISTS = f"""<w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="7">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>
    <w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/>
    <w:isLgl/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="7"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="7"/>
  <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
</w:numbering>"""


def test_counters_continue_restart_and_nest() -> None:
    numbering = ListNumbering(etree.fromstring(_LISTS), None)
    paragraphs = [
        _paragraph("1"),
        _paragraph("1", "1"),
        _paragraph("1", "1"),
        _paragraph(None),
        _paragraph("2"),  # same definition: the list goes on
        _paragraph("1", "1"),  # deeper level restarts under a new parent
        _paragraph("3"),  # restarted at 5
        _paragraph("0"),  # numbering removed
    ]
    shown = numbering.labels(paragraphs)
    assert [shown.get(p) for p in paragraphs] == [
        "一、",
        "1.1 ",
        "1.2 ",
        None,
        "二、",
        "2.1 ",
        "五、",
        None,
    ]


def test_numbering_from_a_style_and_its_base() -> None:
    styles = etree.fromstring(
        f'<w:styles xmlns:w="{W}">'
        '<w:style w:styleId="Base"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
        '<w:style w:styleId="H1"><w:basedOn w:val="Base"/></w:style></w:styles>'
    )
    numbering = ListNumbering(etree.fromstring(_LISTS), styles)
    first, second = _paragraph(None, style="H1"), _paragraph(None, style="H1")
    assert numbering.labels([first, second]) == {first: "一、", second: "二、"}
    assert ListNumbering(None, styles).labels([first]) == {}

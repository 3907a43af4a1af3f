"""Paragraph alignment as Word shows it: the paragraph's own, else its style's, through basedOn."""

from __future__ import annotations

from lxml import etree

from gpr_docx.oxml import ParagraphStyles, W


def _styles(markup: str) -> etree._Element:
    return etree.fromstring(f'<w:styles xmlns:w="{W}">{markup}</w:styles>')


def _p(props: str) -> etree._Element:
    return etree.fromstring(f'<w:p xmlns:w="{W}"><w:pPr>{props}</w:pPr></w:p>')


STYLES = _styles(
    '<w:style w:styleId="Sign"><w:basedOn w:val="Right"/></w:style>'
    '<w:style w:styleId="Right"><w:pPr><w:jc w:val="end"/></w:pPr></w:style>'
    '<w:style w:styleId="Right"><w:pPr><w:jc w:val="left"/></w:pPr></w:style>'
    '<w:style w:styleId="Loop"><w:basedOn w:val="Loop2"/></w:style>'
    '<w:style w:styleId="Loop2"><w:basedOn w:val="Loop"/></w:style>'
    '<w:style w:styleId="Body"><w:basedOn w:val="Missing"/></w:style>'
)


def test_alignment_through_the_style_chain() -> None:
    styles = ParagraphStyles(STYLES)
    assert styles.right_aligned(_p('<w:jc w:val="right"/>'))
    assert styles.right_aligned(_p('<w:pStyle w:val="Sign"/>'))
    assert styles.right_aligned(_p('<w:pStyle w:val="Right"/>')), "the first definition counts"
    assert not styles.right_aligned(_p('<w:pStyle w:val="Sign"/><w:jc w:val="center"/>'))
    assert styles.alignment(_p('<w:pStyle w:val="Sign"/><w:jc w:val="center"/>')) == "center"


def test_unknown_styles_loops_and_no_styles_are_not_aligned() -> None:
    styles = ParagraphStyles(STYLES)
    for style in ("Loop", "Body", "Nowhere"):
        assert styles.alignment(_p(f'<w:pStyle w:val="{style}"/>')) is None
    assert not styles.right_aligned(_p(""))
    assert not ParagraphStyles(None).right_aligned(_p('<w:pStyle w:val="Sign"/>'))

"""Editing text in place: only the text changes, properties and the elements around it stay."""

from __future__ import annotations

import re

from lxml import etree

from gpr_docx.oxml import (
    W,
    copy_with_text,
    element_text,
    insert_after,
    remove,
    right_aligned_copy,
    set_cell_text,
    set_paragraph_text,
    visible_runs,
    w,
)

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _x(markup: str) -> etree._Element:
    """An element from markup written with the ``w:`` (and ``mc:``) prefix."""
    declared = f'<\\1 xmlns:w="{W}" xmlns:mc="{_MC}"'
    return etree.fromstring(re.sub(r"^<([\w:]+)", declared, markup, count=1))


def _texts(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(w("t")))


def test_set_paragraph_text_keeps_the_first_run_properties() -> None:
    p = _x(
        "<w:p><w:pPr><w:rPr><w:b/></w:rPr></w:pPr>"
        "<w:r><w:rPr><w:sz w:val='20'/></w:rPr><w:t>（文字</w:t></w:r><w:r><w:t>描述）</w:t></w:r></w:p>"
    )
    set_paragraph_text(p, "新内容")
    (run,) = p.findall(w("r"))
    assert run.find(f"{w('rPr')}/{w('sz')}") is not None
    assert _texts(p) == "新内容"
    empty = _x("<w:p><w:pPr><w:rPr><w:b/></w:rPr></w:pPr></w:p>")
    set_paragraph_text(empty, "7")
    assert empty.find(f"{w('r')}/{w('rPr')}/{w('b')}") is not None


def test_a_new_run_takes_the_paragraph_mark_without_its_revision_marks() -> None:
    p = _x('<w:p><w:pPr><w:rPr><w:ins w:id="1" w:author="a"/><w:i/></w:rPr></w:pPr></w:p>')
    set_paragraph_text(p, " 7 ")
    (run,) = p.findall(w("r"))
    props = run.find(w("rPr"))
    assert props is not None
    assert [child.tag for child in props] == [w("i")]
    t = run.find(w("t"))
    assert t is not None
    assert t.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"


def test_deleted_runs_are_not_visible_and_keep_their_text() -> None:
    p = _x(
        '<w:p><w:del w:id="1" w:author="a"><w:r><w:delText>9</w:delText></w:r></w:del>'
        '<w:hyperlink w:anchor="x"><w:r><w:t>1</w:t></w:r></w:hyperlink>'
        "<w:r><w:fldChar w:fldCharType='begin'/><w:t>2</w:t></w:r></w:p>"
    )
    assert len(visible_runs(p)) == 2
    set_paragraph_text(p, "5")
    assert element_text(p) == "5"
    assert p.find(f"{w('del')}/{w('r')}/{w('delText')}") is not None
    assert p.find(f"{w('r')}/{w('fldChar')}") is not None  # not plain text: kept, emptied


def test_set_cell_text_uses_the_first_paragraph_and_empties_the_others() -> None:
    tc = _x(
        "<w:tc><w:tcPr/><w:p><w:r><w:t>1</w:t></w:r></w:p><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc>"
    )
    set_cell_text(tc, "12")
    assert [element_text(p) for p in tc.findall(w("p"))] == ["12", ""]
    bare = _x("<w:tc><w:tcPr/></w:tc>")
    set_cell_text(bare, "3")
    assert element_text(bare) == "3"


def test_copies_look_like_their_model() -> None:
    model = _x(
        '<w:p><w:pPr><w:pStyle w:val="Body"/><w:ind w:firstLineChars="200" w:left="10"/></w:pPr>'
        "<w:r><w:t>（文字描述）</w:t></w:r></w:p>"
    )
    copy = copy_with_text(model, "正文")
    assert (element_text(copy), element_text(model)) == ("正文", "（文字描述）")
    signature = right_aligned_copy(model, "某某局")
    indent = signature.find(f"{w('pPr')}/{w('ind')}")
    jc = signature.find(f"{w('pPr')}/{w('jc')}")
    assert indent is not None and jc is not None
    assert list(indent.attrib.items()) == [(w("left"), "10")]
    assert jc.get(w("val")) == "right"
    plain = right_aligned_copy(_x("<w:p/>"), "某某局")
    assert plain.find(f"{w('pPr')}/{w('jc')}") is not None


def test_insert_after_and_remove() -> None:
    body = _x("<w:body><w:p/><w:p/></w:body>")
    first, last = list(body)
    new = [copy_with_text(first, text) for text in ("a", "b")]
    assert insert_after(first, new) is new[-1]
    assert insert_after(last, []) is last
    remove(first)
    remove(first)  # no longer in the document: nothing happens
    assert [element_text(p) for p in body] == ["a", "b", ""]

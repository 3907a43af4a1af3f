"""The compiled template gives docxtpl's document: same XML after C14N, every other part byte for byte."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs
import docx
import pytest
from docxtpl import DocxTemplate
from hypothesis import given, settings
from lxml import etree

from gpr_docx import Report, examples
from gpr_docx.render.compiled import (
    CompiledBody,
    CompiledTemplate,
    blocks_are_balanced,
    environment,
    structure_is_fixed,
)
from gpr_docx.render.sandbox import RenderFailure
from gpr_docx.render.template import load_template, render, render_docxtpl
from tests.helpers import EXAMPLE_NAMES
from tests.helpers.docx_signature import table_signature, tables
from tests.helpers.official import TABLE_KEYS, example_data, expected_signature, restyled_template
from tests.helpers.strategies import reports
from tests.helpers.templates import loop_template

# Parts docxtpl regenerates from XML (compared after canonicalisation); all others byte for byte.
_REGENERATED = re.compile(r"word/(document|header\d*|footer\d*)\.xml")


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def _c14n(xml: bytes, *, blank_text: bool = True) -> bytes:
    """Canonical XML; without ``blank_text``, whitespace between elements (pretty-printing) is dropped."""
    parser = etree.XMLParser(remove_blank_text=not blank_text)
    return bytes(etree.tostring(etree.fromstring(xml, parser), method="c14n"))


def _part_types(xml: bytes, names: Iterable[str]) -> dict[str, str]:
    """The content type ``[Content_Types].xml`` gives each part: its override, else its extension's default."""
    root = etree.fromstring(xml)
    local = {e: e.tag.rsplit("}", 1)[-1] for e in root}
    overrides = {
        e.get("PartName"): e.get("ContentType") for e, t in local.items() if t == "Override"
    }
    defaults = {
        (e.get("Extension") or "").lower(): e.get("ContentType")
        for e, t in local.items()
        if t == "Default"
    }
    return {
        name: str(overrides.get(f"/{name}") or defaults.get(name.rsplit(".", 1)[-1].lower()))
        for name in names
    }


def assert_equivalent(compiled: bytes, plain: bytes) -> None:
    """Same parts; document, headers and footers C14N-equal; every other part identical."""
    ours, theirs = _members(compiled), _members(plain)
    assert sorted(ours) == sorted(theirs)  # in the template's order, python-docx has its own
    for name, payload in theirs.items():
        if _REGENERATED.fullmatch(name):
            assert _c14n(ours[name]) == _c14n(payload), name
        else:
            assert ours[name] == payload, name


def _docxtpl(template: bytes, context: dict[str, Any]) -> bytes:
    document = DocxTemplate(io.BytesIO(template))
    document.render(context, jinja_env=environment(), autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_examples_equal_docxtpl(name: str) -> None:
    report = examples.load(name)
    assert_equivalent(render(report), render_docxtpl(report))


@settings(max_examples=12)
@given(reports())
def test_generated_reports_equal_docxtpl(report: Report) -> None:
    assert_equivalent(render(report), render_docxtpl(report))


def test_restyled_template_equals_docxtpl(district: Report) -> None:
    template = restyled_template()
    assert_equivalent(render(district, template), render_docxtpl(district, template))


def test_tabs_and_markup_in_values_as_docxtpl(district: Report) -> None:
    """docxtpl turns a tab in a value into <w:tab/> after rendering; so do we."""
    report = attrs.evolve(
        district,
        agency="示例市\t人民政府",
        other_matters="第一段\t制表\n& < > ]]> {{ agency }}",
    )
    compiled = render(report)
    assert_equivalent(compiled, render_docxtpl(report))
    assert b"<w:tab/>" in _members(compiled)["word/document.xml"]


def test_brace_escapes_apply_to_template_text_only(district: Report) -> None:
    """``{_{`` in the template's text prints ``{{`` as with docxtpl; in a value it is printed as
    typed, where docxtpl would turn it into ``{{`` too (a known difference, docs/rendering.md)."""
    document = docx.Document(io.BytesIO(load_template().data))
    document.add_paragraph("模板文字 {_{ 转义 }_} {_% x %_}")
    buffer = io.BytesIO()
    document.save(buffer)
    template = buffer.getvalue()
    assert_equivalent(render(district, template), render_docxtpl(district, template))
    body = _members(render(district, template))["word/document.xml"].decode()
    assert "模板文字 {{ 转义 }} {% x %}" in body

    typed = "用户文字 {_{ x }_} {_% y %_} }_} %_}"
    report = attrs.evolve(district, other_matters=typed)
    assert typed in _members(render(report))["word/document.xml"].decode()
    assert typed not in _members(render_docxtpl(report))["word/document.xml"].decode()


def test_a_line_break_in_a_single_line_value_as_docxtpl(district: Report) -> None:
    """A "\n" in the output takes the marked template and docxtpl's full post-processing."""
    report = attrs.evolve(district, agency="示例市\n人民政府办公室")
    compiled = render(report)
    assert_equivalent(compiled, render_docxtpl(report))
    assert b"<w:br/>" in _members(compiled)["word/document.xml"]


@pytest.mark.parametrize("render_with", [render, render_docxtpl])
def test_both_paths_keep_the_official_grid(render_with: Any, example_report: Report) -> None:
    from gpr_docx.schema import unstructure

    values = json.loads(json.dumps(unstructure(example_report), ensure_ascii=False))
    produced = tables(render_with(example_report))
    for key, tbl in zip(TABLE_KEYS, produced, strict=True):
        assert sorted(table_signature(tbl)) == expected_signature(key, values)


def test_example_grid_matches_the_raw_file(district: Report) -> None:
    for key, tbl in zip(TABLE_KEYS, tables(render(district)), strict=True):
        assert sorted(table_signature(tbl)) == expected_signature(
            key, example_data("example-district-2024")
        )


def test_untouched_members_keep_their_bytes_order_and_dates(dasheng: Report) -> None:
    template = load_template().data
    with (
        zipfile.ZipFile(io.BytesIO(template)) as source,
        zipfile.ZipFile(io.BytesIO(render(dasheng))) as output,
    ):
        assert [i.filename for i in output.infolist()] == [i.filename for i in source.infolist()]
        for before, after in zip(source.infolist(), output.infolist(), strict=True):
            assert after.date_time == before.date_time
            assert after.external_attr == before.external_attr
        assert output.read("word/styles.xml") == source.read("word/styles.xml")
        assert output.read("word/document.xml") != source.read("word/document.xml")


def test_the_official_template_is_fast_path_after_one_render(dasheng: Report) -> None:
    compiled = load_template().compiled
    body = next(m.content for m in compiled if isinstance(m.content, CompiledBody))
    render(dasheng)
    assert body.fix is False  # tables cannot change shape: fix_tables/fix_docpr_ids are skipped


def test_cache_is_keyed_by_content(tmp_path: Any) -> None:
    data = load_template().data
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    first.write_bytes(data)
    second.write_bytes(data)
    assert load_template(first).compiled is load_template(second).compiled
    assert load_template(first).compiled is load_template(None).compiled
    edited = restyled_template()
    assert load_template(edited).compiled is not load_template(None).compiled


# -- templates with loops, headers and properties (CompiledTemplate without the model's tag check) ---


@pytest.mark.parametrize("count", [0, 1, 4])
def test_row_loops_headers_and_properties_equal_docxtpl(count: int) -> None:
    template = loop_template()
    compiled = CompiledTemplate.compile(template)
    body = _body_of(compiled)
    assert body.fix is True  # a {%tr for %} can change the table's shape: run docxtpl's fixes
    context = {
        "title": "年报 <&>",
        "rows": [{"name": f"第{i}行\t&", "count": str(i)} for i in range(count)],
        "note": "备注" if count else "",
    }
    output = compiled.render(context)
    assert_equivalent(output, _docxtpl(template, context))
    members = _members(output)
    assert "年报 &amp;lt;&amp;amp;&amp;gt;" in members["docProps/core.xml"].decode()
    assert "页眉 年报 &lt;&amp;&gt;" in members["word/header1.xml"].decode()


def _source_with(body: str) -> Any:
    return environment().parse(body)


@pytest.mark.parametrize(
    ("source", "fixed"),
    [
        ("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>{{ a }}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>", True),
        ("{% for x in xs %}<w:p><w:r><w:t>{{ x }}</w:t></w:r></w:p>{% endfor %}", True),
        ('<w:tc><w:tcPr><w:gridSpan w:val="{{ n }}"/></w:tcPr></w:tc>', False),
        ("<w:tbl>{% for x in xs %}<w:tr><w:tc></w:tc></w:tr>{% endfor %}</w:tbl>", False),
        ('<w:tc><w:gridSpan w:val="{% if a %}2{% endif %}"/></w:tc>', False),
        ("<w:tbl><w:tr><w:tc><w:t>{{ a|safe }}</w:t></w:tc></w:tr></w:tbl>", False),
        ("{% autoescape false %}<w:t>{{ a }}</w:t>{% endautoescape %}", False),
        ("{% if a %}<wp:docPr id='1'/>{% endif %}", False),
    ],
)
def test_structure_analysis(source: str, fixed: bool) -> None:
    assert structure_is_fixed(_source_with(source)) is fixed


def _wide_grid_template() -> bytes:
    """A static table whose tblGrid has a column no row uses, and a title tag."""
    document = docx.Document()
    document.add_paragraph("{{ title }}")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "甲"
    table.cell(0, 1).text = "乙"
    grid = table._tbl.tblGrid
    grid.append(etree.fromstring(etree.tostring(grid[-1])))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_grid_wider_than_its_rows_is_fixed_as_docxtpl_does() -> None:
    """docxtpl drops the unused column on every render; so do we."""
    template = _wide_grid_template()
    compiled = CompiledTemplate.compile(template)
    for title in ("一", "二"):
        assert_equivalent(compiled.render({"title": title}), _docxtpl(template, {"title": title}))
    body = next(m.content for m in compiled if isinstance(m.content, CompiledBody))
    assert body.fix is True


def _body_of(compiled: CompiledTemplate) -> CompiledBody:
    return next(m.content for m in compiled if isinstance(m.content, CompiledBody))


@pytest.mark.parametrize(
    ("source", "balanced"),
    [
        ("{% for x in xs %}<w:p><w:r><w:t>{{ x }}</w:t></w:r></w:p>{% endfor %}", True),
        ("<w:p>{% if a %}<w:r><w:t>甲</w:t></w:r>{% else %}<w:r/>{% endif %}</w:p>", True),
        ('{% for x in xs %}<w:t a="1>2">{{ x }}</w:t>{% endfor %}', True),
        ("{% for x in xs %}<!-- <w:p> --><w:br/>{% endfor %}", True),
        ("{% for x in xs %}{% if x %}<w:p/>{% endif %}<w:br/>{% endfor %}", True),
        ("{% if a %}<w:p>{% endif %}<w:r/></w:p>", False),  # opened in a block, closed outside
        ("{% if a %}<w:p>{% else %}</w:p>{% endif %}", False),  # balanced only taken together
        ("{% if a %}<w:p/>{% elif b %}<w:p>{% endif %}", False),
        ("{% for x in xs %}{% if x %}<w:p>{% endif %}</w:p>{% endfor %}", False),
        ("<w:p>{% for x in xs %}</w:p><w:p>{% endfor %}</w:p>", False),
        ("{% set y = 1 %}<w:p/>", False),  # only for and if are understood
    ],
)
def test_block_balance_analysis(source: str, balanced: bool) -> None:
    assert blocks_are_balanced(_source_with(source)) is balanced


def _unbalanced_block_template() -> bytes:
    """A body whose ``if`` opens a paragraph the text after it closes: well-formed only for a title."""
    document = docx.Document()
    document.add_paragraph("MARK")
    buffer = io.BytesIO()
    document.save(buffer)
    marked = "<w:p><w:r><w:t>MARK</w:t></w:r></w:p>"
    replacement = "{% if title %}<w:p><w:r><w:t>{{ title }}</w:t></w:r>{% endif %}</w:p>"
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            payload = source.read(item.filename)
            if item.filename == "word/document.xml":
                assert marked.encode() in payload
                payload = payload.replace(marked.encode(), replacement.encode())
            target.writestr(item, payload)
    return output.getvalue()


@pytest.mark.parametrize(
    ("make", "sample", "decided"),
    [
        (lambda: load_template().data, None, False),  # the official template, its own sample
        (_wide_grid_template, {"title": "一"}, True),
        (loop_template, {"title": "一", "rows": [], "note": ""}, True),  # rows can change shape
        (_unbalanced_block_template, {"title": "一"}, None),  # the data decides: first render
    ],
)
def test_a_sample_settles_the_fixes_when_the_template_alone_decides(
    make: Any, sample: dict[str, Any] | None, decided: bool | None, district: Report
) -> None:
    template = make()
    if sample is None:
        from gpr_docx.render.template import build_context

        sample = build_context(district)
    settled = _body_of(CompiledTemplate.compile(template, sample=sample))
    assert settled.fix is decided
    if decided is not None:  # the answer the first render gives when nothing was settled
        unsettled = CompiledTemplate.compile(template)
        unsettled.render(sample)
        assert _body_of(unsettled).fix is decided


def test_an_unsettled_template_still_renders_as_docxtpl() -> None:
    template = _unbalanced_block_template()
    for context in ({"title": "标题"}, {"title": ""}):
        compiled = CompiledTemplate.compile(template, sample={"title": "一"})
        assert _body_of(compiled).fix is None
        ours = _members(compiled.render(context))["word/document.xml"]
        theirs = _members(_docxtpl(template, context))["word/document.xml"]
        assert _c14n(ours) == _c14n(theirs)


def test_no_data_name_is_a_dict_method() -> None:
    """The environment reads dict keys before dict attributes; no name may tell the two apart."""
    from gpr_docx.render.template import KNOWN_NAMES

    parts = {part for name in KNOWN_NAMES for part in name.split(".")}
    assert parts
    assert not parts & set(dir(dict))
    env = environment()
    assert env.from_string("{{ d.items }}").render(d={"items": "数据"}) == "数据"
    with pytest.raises(RenderFailure, match="Python 内部"):
        env.from_string("{{ d.__class__.__subclasses__() }}").render(d={})


def test_a_word_saved_form_compiles_equivalently(blank_form: Path) -> None:
    """A blank form as published (saved by an office suite, no tags).

    docxtpl re-serialises every XML part through python-docx (dropping the zip's folder entries and
    the pretty-printing some producers write); the compiled template keeps the published bytes, which
    are the same XML.
    """
    template = blank_form.read_bytes()
    ours, theirs = (
        _members(CompiledTemplate.compile(template).render({})),
        _members(_docxtpl(template, {})),
    )
    assert {n for n in ours if not n.endswith("/")} == set(theirs)
    for name, payload in theirs.items():
        if name == "[Content_Types].xml":
            # python-docx writes its own (sorted, no unused or redundant entries): same types.
            parts = [n for n in theirs if n != name]
            assert _part_types(ours[name], parts) == _part_types(payload, parts)
        elif name.endswith((".xml", ".rels")):
            assert _c14n(ours[name], blank_text=False) == _c14n(payload, blank_text=False), name
        else:
            assert ours[name] == payload, name
    published = _members(template)
    # Always regenerated: the body, and the core properties docxtpl renders and completes.
    for name in ("word/document.xml", "docProps/core.xml"):
        del ours[name], published[name]
    assert ours == published  # every other part exactly as published


def test_a_footer_with_only_a_comment_is_rendered_like_docxtpl() -> None:
    """A Jinja comment is no tag to look up, but rendering removes it: the part is not static."""
    document = docx.Document()
    document.add_paragraph("{{ title }}")
    document.sections[0].footer.add_paragraph("页脚{# 内部备注 #}文字")
    buffer = io.BytesIO()
    document.save(buffer)
    template = buffer.getvalue()
    output = CompiledTemplate.compile(template).render({"title": "标题"})
    assert_equivalent(output, _docxtpl(template, {"title": "标题"}))
    assert "内部备注" not in _members(output)["word/footer1.xml"].decode()


_FOOTNOTES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:footnote w:id="1"><w:p><w:r><w:t>来源：{{ title }}</w:t></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)


def _with_footnotes(sections: int) -> bytes:
    """A template whose footnotes part has a tag (python-docx keeps such a part as plain bytes)."""
    document = docx.Document()
    document.add_paragraph("{{ title }}")
    for _ in range(sections - 1):
        document.add_section()
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            payload = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                payload = payload.replace(
                    b"</Types>",
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.'
                    b'openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
                )
            if item.filename == "word/_rels/document.xml.rels":
                payload = payload.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
                    b"</Relationships>",
                )
            target.writestr(item, payload)
        target.writestr("word/footnotes.xml", _FOOTNOTES.encode())
    return output.getvalue()


@pytest.mark.parametrize("sections", [1, 2])
def test_tagged_footnotes_are_rendered_once_as_data(sections: int) -> None:
    """Like docxtpl for one section; with more, docxtpl renders footnotes again over its own
    output (a user's "{{ … }}" becomes template code), the compiled template renders them once."""
    template = _with_footnotes(sections)
    context = {"title": "年报 {{ title }} &"}
    ours = _members(CompiledTemplate.compile(template).render(context))
    theirs = _members(_docxtpl(template, context))
    # python-docx rewrites [Content_Types].xml in its own order for this hand-made package; the
    # parts a render produces are what matters here.
    assert _c14n(ours["word/document.xml"]) == _c14n(theirs["word/document.xml"])
    footnote = "来源：年报 {{ title }} &amp;</w:t>"
    assert footnote in ours["word/footnotes.xml"].decode()
    if sections == 1:
        assert ours["word/footnotes.xml"] == theirs["word/footnotes.xml"]
    else:
        assert footnote not in theirs["word/footnotes.xml"].decode()


def test_tags_in_properties_are_checked_like_the_body(district: Report) -> None:
    from gpr_docx.errors import TemplateError

    document = docx.Document(io.BytesIO(load_template().data))
    document.core_properties.subject = "{{ agency }}"
    buffer = io.BytesIO()
    document.save(buffer)
    good = buffer.getvalue()
    assert_equivalent(render(district, good), render_docxtpl(district, good))
    assert district.agency in _members(render(district, good))["docProps/core.xml"].decode()
    document.core_properties.subject = "{{ agenc }}"
    buffer = io.BytesIO()
    document.save(buffer)
    with pytest.raises(TemplateError, match="agenc"):
        render(district, buffer.getvalue())


def test_concurrent_renders_share_one_compiled_template(district: Report, dasheng: Report) -> None:
    """A server renders from many threads: one compiled template, the same bytes as one by one."""
    import concurrent.futures

    expected = {r.agency: render(r) for r in (district, dasheng)}
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        outputs = list(pool.map(render, [district, dasheng] * 10))
    for output, report in zip(outputs, [district, dasheng] * 10, strict=True):
        assert output == expected[report.agency]

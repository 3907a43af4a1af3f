"""The web page: the official grid, the Word document's values, a round trip through the HTML reader,
escaping, a valid page that loads nothing, restyled and broken templates, and the command line.

The page is read here by html5lib (tests/helpers/html_tables.py), independently of the writer and
of gpr_docx's own HTML reader; the browser's view of it is tests/render/test_html_browser.py.
"""

from __future__ import annotations

import operator
import re
from decimal import Decimal
from pathlib import Path

import attrs
import html5lib
import pytest
from hypothesis import given, settings
from lxml import etree
from typer.testing import CliRunner

import gpr_docx
from gpr_docx import Report, examples, parse, render, render_many
from gpr_docx.cli import app
from gpr_docx.errors import HtmlTemplateError, TemplateError
from gpr_docx.form import FORM_TABLES, TEXT_PATHS
from gpr_docx.model import SECTION_HEADINGS
from gpr_docx.parse.html import parse_html
from gpr_docx.parse.outline import SUBHEADINGS
from gpr_docx.render.html import DEFAULT_HTML_TEMPLATE, html_context, render_html
from tests.helpers import EXAMPLE_NAMES, ROOT
from tests.helpers.docx_signature import SignatureCell
from tests.helpers.docx_signature import table_signature as docx_table_signature
from tests.helpers.docx_signature import tables as docx_tables
from tests.helpers.editing import with_value
from tests.helpers.html_tables import page_tree, rows_of, signatures, text_of
from tests.helpers.official import TABLE_KEYS, example_data, expected_signature
from tests.helpers.strategies import reports

OFFICIAL_TEMPLATE = ROOT / "templates" / DEFAULT_HTML_TEMPLATE


def _word_signatures(report: Report) -> list[list[SignatureCell]]:
    return [sorted(docx_table_signature(t)) for t in docx_tables(render(report))]


# -- the grid and the values ------------------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
@pytest.mark.parametrize("fragment", [False, True])
def test_tables_have_the_official_merge_signature(name: str, fragment: bool) -> None:
    grids = signatures(render_html(examples.load(name), fragment=fragment))
    assert len(grids) == 3
    for key, grid in zip(TABLE_KEYS, grids, strict=True):
        assert grid == expected_signature(key, example_data(name)), key


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_tables_are_the_word_documents_tables(name: str) -> None:
    """Cell for cell, spans and text: what the Word document prints is what the page shows."""
    report = examples.load(name)
    assert signatures(render_html(report)) == _word_signatures(report)


@settings(max_examples=25)
@given(reports())
def test_any_report_shows_the_word_documents_tables_and_texts(report: Report) -> None:
    page = render_html(report)
    assert signatures(page) == _word_signatures(report)
    shown = [text_of(p) for p in page_tree(page).iter("p")]
    for text in (report.preface, report.overview.on_request, report.problems, report.other_matters):
        for line in filter(None, (line.strip() for line in text.splitlines())):
            assert line in shown


def test_zeros_are_printed_and_the_fee_as_the_word_document_prints_it() -> None:
    report = examples.load("dasheng-2024")
    fees = attrs.evolve(report.active_disclosure, fees=Decimal("12.50"))
    report = attrs.evolve(report, active_disclosure=fees)
    tree = page_tree(render_html(report))
    data = [text_of(td) for td in tree.iter("td") if td.get("class") == "data"]
    assert len(data) == sum(len(list(t.data_cells())) for t in FORM_TABLES)
    assert "" not in data
    assert data.count("0") > 100
    assert "12.50" in data
    assert html_context(report)["values"]["active_disclosure.fees"] == "12.50"


def test_labels_are_header_cells_with_a_scope() -> None:
    tree = page_tree(render_html(examples.load("example-district-2024")))
    for table, form in zip(tree.iter("table"), FORM_TABLES, strict=True):
        headers = list(table.iter("th"))
        assert len(headers) == sum(1 for c in form.cells if not c.is_data)
        assert {c.get("scope") for c in headers} <= {"row", "col", "rowgroup", "colgroup"}
        assert all(c.get("class") == "data" for c in table.iter("td"))
        assert table.find("caption") is not None
        assert len(_found(table, "colgroup").findall("col")) == form.columns
    first, second, third = tree.iter("table")
    scopes = {text_of(c): c.get("scope") for c in second.iter("th")}
    assert scopes["申请人情况"] == scopes["法人或其他组织"] == "colgroup"
    assert scopes["自然人"] == scopes["商业企业"] == "col"
    assert (
        scopes["三、本年度办理结果"]
        == scopes["（三）不予公开"]
        == scopes["1.属于国家秘密"]
        == "row"
    )
    assert {text_of(c): c.get("scope") for c in first.iter("th")}[
        "第二十条第（一）项"
    ] == "rowgroup"
    assert len(first.findall("tbody")) == 4  # a row group per 第二十条 item
    assert {text_of(c): c.get("scope") for c in third.iter("th")}["行政诉讼"] == "colgroup"
    assert [len(rows_of(t)) for t in (first, second, third)] == [f.rows for f in FORM_TABLES]


# -- the round trip through the HTML reader -----------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_page_reads_back_to_the_report(name: str) -> None:
    report = examples.load(name)
    parsed = parse(render_html(report).encode("utf-8"))
    assert parsed.report == report
    assert parsed.notes == ()
    assert parsed.gaps == ()


def _as_a_browser_shows_it(report: Report) -> Report:
    """The report with each run of spaces in its texts as one: a browser shows a run as one space,
    and the reader reads the page as a browser shows it."""
    for path in TEXT_PATHS:
        text = operator.attrgetter(path)(report)
        if text:
            report = with_value(report, path, re.sub(" {2,}", " ", text))
    return report


@settings(max_examples=25)
@given(reports())
def test_any_report_reads_back(report: Report) -> None:
    """Texts with markup characters and braces, any figures: the page gives the report back (the
    title is the default one, which names the year the reader needs), the 成文日期 with it."""
    report = attrs.evolve(report, title=None)
    page = render_html(report)
    assert parse(page.encode("utf-8")).report == _as_a_browser_shows_it(report)
    dates = [text_of(p) for p in page_tree(page).iter("p") if p.get("class") == "date"]
    assert dates == (
        [f"{report.date.year}年{report.date.month}月{report.date.day}日"] if report.date else []
    )


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_fragment_reads_back_to_the_report(name: str) -> None:
    report = examples.load(name)
    fragment = render_html(report, fragment=True)
    parsed = parse(fragment.encode("utf-8"))  # a saved fragment is still known for a web page
    assert parsed.report == report == parse_html(fragment.encode("utf-8")).report
    assert parsed.notes == ()


# -- escaping ---------------------------------------------------------------------------------------


def test_user_text_is_never_markup() -> None:
    hostile = '<script>alert("x")</script> & <img src="http://example.com/a.png"> {{ 1 }}'
    report = attrs.evolve(
        examples.load("example-district-2024"),
        agency='示例区<b onmouseover="x()">人民政府</b>',
        other_matters=f"第一段。{hostile}\n第二段。",
    )
    page = render_html(report)
    tree = page_tree(page)
    assert tree.find(".//script") is None
    assert tree.find(".//img") is None
    assert tree.find(".//b") is None
    assert f"第一段。{hostile}" in [text_of(p) for p in tree.iter("p")]
    assert "&lt;script&gt;" in page
    assert parse(page.encode()).report == report


# -- a valid page that loads nothing -----------------------------------------------------------------


def _found(element: etree._Element, path: str) -> etree._Element:
    found = element.find(path)
    assert found is not None, path
    return found


def _strict(page: str, *, fragment: bool = False) -> None:
    """html5lib's parser in strict mode raises on any parse error of the HTML standard."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    if fragment:
        parser.parseFragment(page)
    else:
        parser.parse(page)


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_page_is_valid_html5_with_the_official_outline(name: str) -> None:
    report = examples.load(name)
    page = render_html(report)
    _strict(page)
    assert page.startswith("<!DOCTYPE html>\n")
    tree = page_tree(page)
    assert tree.get("lang") == "zh-CN"
    assert tree.find("head/meta[@charset='utf-8']") is not None
    assert tree.find("head/meta[@name='viewport']") is not None
    assert text_of(_found(tree, "head/title")) == report.document_title
    assert [text_of(h) for h in tree.iter("h1")] == [report.document_title]
    assert [text_of(h) for h in tree.iter("h2")] == list(SECTION_HEADINGS)
    subheadings = [heading for part in SUBHEADINGS.values() for _, heading in part]
    assert [text_of(h) for h in tree.iter("h3")] == subheadings
    assert [text_of(c) for c in tree.iter("caption")] == list(SECTION_HEADINGS[1:4])
    signature = tree.find(".//article/p[@class='signature']")
    assert signature is not None and text_of(signature) == report.agency
    style = text_of(_found(tree, "head/style"))
    assert "@media print" in style and "size: A4" in style
    assert ".table-wrap { overflow-x: auto;" in style
    assert all(_found(t, "..").get("class") == "table-wrap" for t in tree.iter("table"))


@pytest.mark.parametrize("fragment", [False, True])
def test_nothing_is_loaded_and_nothing_runs(fragment: bool) -> None:
    page = render_html(examples.load("example-district-2024"), fragment=fragment)
    tree = page_tree(page)
    for tag in ("script", "link", "img", "iframe", "object", "embed", "base", "form"):
        assert tree.find(f".//{tag}") is None, tag
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        names = {str(name) for name in element.attrib}
        assert not {"src", "href", "action", "srcset"} & names, element.tag
        assert not any(name.startswith("on") for name in names), element.tag
    assert not re.search(r"url\(|@import|https?:|//[a-z]", page.replace("zh-CN", ""))
    if not fragment:
        policy = tree.find("head/meta[@http-equiv='Content-Security-Policy']")
        assert policy is not None and "default-src 'none'" in policy.get("content", "")


def test_fragment_is_the_article_alone() -> None:
    report = examples.load("dasheng-2024")
    fragment = render_html(report, fragment=True)
    _strict(fragment, fragment=True)
    assert fragment.startswith("<!-- gpr-docx -->\n<article ")
    assert fragment.rstrip().endswith("</article>")
    for tag in ("<html", "<head", "<body", "<style", "<meta", "<!DOCTYPE"):
        assert tag not in fragment
    tree = page_tree(fragment)
    cells = list(tree.iter("td", "th"))
    assert all("border:1px solid" in c.get("style", "") for c in cells)
    assert all("overflow-x:auto" in w.get("style", "") for w in tree.iter("div"))
    page_article = _found(page_tree(render_html(report)), ".//article")
    parts = ("h1", "h2", "h3", "p", "td", "th")
    assert [text_of(e) for e in _found(tree, ".//article").iter(*parts)] == [
        text_of(e) for e in page_article.iter(*parts)
    ]


# -- templates -------------------------------------------------------------------------------------


def test_a_restyled_template_is_used(tmp_path: Path) -> None:
    source = OFFICIAL_TEMPLATE.read_text("utf-8")
    restyled = source.replace("</style>", "h1 { color: #a00; }\n</style>").replace(
        "<article", "<header>示例门户</header>\n<article"
    )
    path = tmp_path / "portal.html.j2"
    path.write_text(restyled, "utf-8")
    report = examples.load("dasheng-2024")
    page = render_html(report, template=path)
    assert "h1 { color: #a00; }" in page and "示例门户" in page
    assert signatures(page) == signatures(render_html(report))


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{{ title }{{ agency }}", "语法错误"),
        ("{% include 'x.html' %}{{ title }}", "include"),
        ("{{ title|safe }}{{ agency }}{{ preface }}{{ sections }}{{ values }}", "safe"),
        ("{{ title }}{{ agency }}{{ preface }}{{ sections }}", "values"),
        ("{{ title }}{{ agency }}{{ preface }}{{ sections }}{{ values }}{{ secret }}", "secret"),
        ("{{ title }}{{ agency }}{{ preface }}{{ sections }}{{ values['nope'] }}", "第 1 行"),
    ],
)
def test_a_broken_template_is_one_clear_error(tmp_path: Path, source: str, message: str) -> None:
    path = tmp_path / "bad.html.j2"
    path.write_text(source, "utf-8")
    with pytest.raises(HtmlTemplateError) as raised:
        render_html(examples.load("dasheng-2024"), template=path)
    assert raised.value.code == "GPR220"
    assert message in str(raised.value)
    assert str(path) in str(raised.value)
    assert isinstance(raised.value, TemplateError)


def test_a_missing_large_or_binary_template_is_refused(tmp_path: Path) -> None:
    report = examples.load("dasheng-2024")
    with pytest.raises(HtmlTemplateError, match="模板文件不存在"):
        render_html(report, template=tmp_path / "missing.html.j2")
    big = tmp_path / "big.html.j2"
    big.write_bytes(b" " * (1024 * 1024 + 1))
    with pytest.raises(HtmlTemplateError, match="超过"):
        render_html(report, template=big)
    binary = tmp_path / "binary.html.j2"
    binary.write_bytes("{{ title }}".encode("utf-16"))
    with pytest.raises(HtmlTemplateError, match="UTF-8"):
        render_html(report, template=binary)
    with pytest.raises(HtmlTemplateError, match="文件夹"):
        render_html(report, template=tmp_path)


def test_only_a_report_is_rendered() -> None:
    with pytest.raises(TypeError, match=r"render_html\(\) takes a gpr_docx.Report"):
        render_html(example_data("dasheng-2024"))  # type: ignore[arg-type]


def test_top_level_name() -> None:
    assert gpr_docx.render_html is render_html


# -- the command line -----------------------------------------------------------------------------


def test_cli_writes_the_page_and_the_fragment(runner: CliRunner, tmp_path: Path) -> None:
    report = examples.load("example-district-2024")
    page, fragment = tmp_path / "报告.html", tmp_path / "正文.html"
    args = ["render", "--example", "example-district-2024"]
    result = runner.invoke(app, [*args, "-o", str(page)])
    assert result.exit_code == 0, result.output
    assert page.read_text("utf-8") == render_html(report)
    result = runner.invoke(app, [*args, "-o", str(fragment), "--fragment"])
    assert result.exit_code == 0, result.output
    assert fragment.read_text("utf-8") == render_html(report, fragment=True)
    again = runner.invoke(app, [*args, "-o", str(page)])
    assert again.exit_code == 1 and "GPR401" in again.output
    assert runner.invoke(app, [*args, "-o", str(page), "--overwrite"]).exit_code == 0


def test_cli_fragment_only_for_a_page_and_template_errors(
    runner: CliRunner, tmp_path: Path
) -> None:
    args = ["render", "--example", "dasheng-2024"]
    result = runner.invoke(app, [*args, "-o", str(tmp_path / "a.docx"), "--fragment"])
    assert result.exit_code == 2 and "GPR001" in result.output
    assert not (tmp_path / "a.docx").exists()
    word = runner.invoke(
        app, [*args, "-o", str(tmp_path / "a.html"), "--template", str(tmp_path / "t.docx")]
    )
    assert word.exit_code == 2 and "网页模板" in word.output
    bad = tmp_path / "bad.html.j2"
    bad.write_text("{{ title }", "utf-8")
    result = runner.invoke(app, [*args, "-o", str(tmp_path / "a.html"), "--template", str(bad)])
    assert result.exit_code == 2 and "GPR220" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "a.html").exists()


# -- batches ------------------------------------------------------------------------------------


def test_a_batch_of_pages(tmp_path: Path) -> None:
    reports = [examples.load(name) for name in EXAMPLE_NAMES]
    out = tmp_path / "网页"
    summary = render_many(reports, out, to="html", jobs=1)
    assert summary.rendered == len(reports) and summary.ok
    for report in reports:
        page = out / f"{report.agency}-{report.year}.html"
        assert page.read_text("utf-8") == render_html(report)
    restyled = OFFICIAL_TEMPLATE.read_bytes().replace(b"</style>", b"h1 { color: #a00; }\n</style>")
    again = render_many(reports, tmp_path / "b", to="html", jobs=1, template=restyled)
    assert again.ok
    assert all("#a00" in p.read_text("utf-8") for p in (tmp_path / "b").iterdir())
    with pytest.raises(HtmlTemplateError):
        render_many(reports, tmp_path / "c", to="html", template=b"{{ title }", jobs=1)
    assert not list((tmp_path / "c").glob("*.html"))


def test_cli_batch_to_html(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = []
    for name in EXAMPLE_NAMES:
        source = tmp_path / f"{name}.toml"
        assert runner.invoke(app, ["example", name, "-o", str(source)]).exit_code == 0
        sources.append(str(source))
    out = tmp_path / "网页"
    result = runner.invoke(app, ["render", *sources, "-o", f"{out}/", "--to", "html", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert sorted(p.suffix for p in out.iterdir()) == [".html", ".html"]
    fragment = runner.invoke(app, ["render", *sources, "-o", f"{out}/", "--fragment"])
    assert fragment.exit_code == 2 and "--to html" in fragment.output
    word = runner.invoke(
        app, ["render", *sources, "-o", f"{out}/", "--to", "html", "--template", "t.docx"]
    )
    assert word.exit_code == 2 and "网页模板" in word.output
    single = runner.invoke(
        app, ["render", sources[0], "--to", "html", "-o", str(tmp_path / "a.docx")]
    )
    assert single.exit_code == 2 and "--to html 时输出文件应以 .html 结尾" in single.output
    monkeypatch.chdir(tmp_path)
    default = runner.invoke(app, ["render", "--example", "dasheng-2024", "--to", "html"])
    assert default.exit_code == 0, default.output
    assert (tmp_path / "report.html").read_text("utf-8").startswith("<!DOCTYPE html>")

"""Reading reports published as web pages: LibreOffice's HTML of our own reports, portal pages, Word's
"save as web page", GBK pages, tables typed as text, and hostile pages.

The committed pages are made by tools/make_foreign_html.py; the round trip through LibreOffice also
runs live when LibreOffice is installed (it must be in CI).
"""

from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from gpr_docx import Report, examples, render, render_html
from gpr_docx.cli import app
from gpr_docx.data import dumps, loads
from gpr_docx.errors import (
    HtmlEncodingError,
    HtmlLimitError,
    InputNotFoundError,
    LegacyFormatError,
    NotAReportError,
    NotHtmlError,
    ReportTitleError,
)
from gpr_docx.form import FORM_TABLES
from gpr_docx.inputs import read
from gpr_docx.parse import NoteKind, detect_format, parse
from gpr_docx.parse.html import HtmlLimits, decode_html, parse_html
from tests.helpers import DATA, EXAMPLE_NAMES, ROOT
from tests.helpers.docx_signature import SignatureCell
from tests.helpers.official import TABLE_KEYS, example_data, expected_signature
from tools.make_foreign_html import convert_to_html, pages, soffice

PAGES = DATA / "foreign" / "html"
PAGE_NAMES = [page.name for page in pages()]


def _expected(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((PAGES / f"{name}.expected.json").read_text("utf-8"))
    return loaded


def _as_data(report: Report) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(dumps(report, ".json"))
    return loaded


# -- the committed pages ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_each_page_reads_back_exactly(name: str) -> None:
    expected = _expected(name)
    parsed = parse(PAGES / f"{name}.html")
    assert parsed.edition == expected["format"]
    assert _as_data(attrs.evolve(parsed.report, unfilled=())) == expected["report"]
    assert sorted(parsed.blank) == expected["blank"] == sorted(parsed.report.unfilled)
    assert sorted(parsed.not_applicable) == expected["not_applicable"]
    assert sorted(parsed.fields_noted(NoteKind.UNREADABLE)) == expected["unreadable"]
    unplaced = [n.text for n in parsed.notes if n.kind is NoteKind.UNREADABLE and n.field is None]
    assert unplaced == expected["unplaced"]
    dropped = [n.text for n in parsed.notes if "导航和工具文字" in n.message]
    assert dropped == ([" / ".join(expected["dropped"])] if expected["dropped"] else [])
    if not expected["unreadable"] and not expected["unplaced"]:
        assert parsed.gaps == ()
        others = [n for n in parsed.notes if n.kind is not NoteKind.BLANK and n.text not in dropped]
        assert [str(n) for n in others] == []


def test_the_pages_have_their_quirks() -> None:
    """Each hand-made page really has what it is named for (else the tests above prove little)."""
    portal = (PAGES / "portal-2021.html").read_bytes()
    assert len(portal) > 100_000
    for chrome in ("打印本页", "关闭窗口", "上一篇", "2023年政府信息公开工作年度报告", "ICP备"):
        assert chrome.encode() in portal
    assert portal.count(b"<table") > 5  # layout tables around the official ones
    quirks = (PAGES / "quirks-2021.html").read_text("utf-8")
    assert "<br/>" in quirks and "&nbsp;&nbsp;&nbsp;" in quirks and "<td>&nbsp;</td>" in quirks
    assert len(_expected("quirks-2021")["blank"]) > 50
    word = (PAGES / "word-2021.html").read_bytes()
    assert b"<o:p>" in word and b"mso-hide:all" in word and b"charset=gb2312" in word
    with pytest.raises(UnicodeDecodeError):
        word.decode("gb2312")  # a character GB2312 lacks: read as GB18030
    assert re.search(r"[\u4e00-\u9fff]\n[\u4e00-\u9fff]", word.decode("gb18030"))
    gbk = (PAGES / "gbk-2021.html").read_bytes()
    assert gbk.index(b"charset") > 1024
    text = (PAGES / "text-table-2021.html").read_text("utf-8")
    assert "<table" not in text and text.count("|") > 300


def test_committed_pages_match_their_generator() -> None:
    """Each hand-made page is what tools/make_foreign_html.py writes, and so is every expected file."""
    for page in pages():
        assert _expected(page.name) == json.loads(
            json.dumps(page.expected_json(), ensure_ascii=False, default=str)
        ), page.name
        if page.content is not None:
            assert (PAGES / page.file_name).read_bytes() == page.content, page.name
        else:
            assert (PAGES / page.file_name).exists()


def _official_grids(parsed_source: bytes) -> list[list[SignatureCell]]:
    """The grid of each table of a page, as the front end lays it out."""
    from gpr_docx.parse import html

    text, _ = decode_html(parsed_source)
    root = html._parse_tree(text, html.DEFAULT_HTML_LIMITS, "t")
    page = html._read_page(root, html.DEFAULT_HTML_LIMITS, "t")
    return [
        sorted(SignatureCell(c.row, c.col, c.rowspan, c.colspan, c.text) for c in block.grid.cells)
        for block in page.blocks
        if isinstance(block, html._Table)
    ]


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_grids_of_libreoffice_pages_are_the_official_merge_signature(name: str) -> None:
    grids = _official_grids((PAGES / f"lo-{name}.html").read_bytes())
    assert len(grids) == 3
    for key, grid in zip(TABLE_KEYS, grids, strict=True):
        assert grid == expected_signature(key, example_data(name)), key
    assert sum(len(grid) for grid in grids) == 279  # every cell of tables 二–四, labels and data


# -- the round trip through LibreOffice, live ---------------------------------------------------


def _libreoffice() -> None:
    if soffice() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice must be installed in CI")
        pytest.skip("LibreOffice not installed")


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _narrative(data: dict[str, Any]) -> dict[str, Any]:
    return {
        key: ({k: _flat(v) for k, v in value.items()} if isinstance(value, dict) else _flat(value))
        for key, value in data.items()
        if key in ("title", "preface", "overview", "problems", "improvements", "other_matters")
        and value is not None
    }


def test_render_libreoffice_html_parse_gives_the_report_back(
    example_report: Report, tmp_path: Path
) -> None:
    """Render → LibreOffice HTML → parse: every table cell exactly, the text after white space."""
    _libreoffice()
    page = convert_to_html(render(example_report), tmp_path)
    parsed = parse(page)
    got, want = _as_data(parsed.report), _as_data(example_report)
    for key in TABLE_KEYS:
        assert got[key] == want[key], key
    assert (got["year"], got["agency"]) == (want["year"], want["agency"])
    assert _narrative(got) == _narrative(want)
    assert parsed.gaps == ()
    name = next(n for n in EXAMPLE_NAMES if examples.load(n) == example_report)
    for key, grid in zip(TABLE_KEYS, _official_grids(page), strict=True):
        assert grid == expected_signature(key, example_data(name)), key


def test_every_table_cell_is_read_from_the_libreoffice_pages() -> None:
    """All data cells of tables 二–四 of both examples, as committed."""
    cells = [c for t in FORM_TABLES for c in t.cells if c.is_data]
    assert len(cells) == 200
    for name in EXAMPLE_NAMES:
        parsed = parse(PAGES / f"lo-{name}.html")
        assert parsed.report == examples.load(name)
        assert parsed.notes == ()


# -- the .docx test pages, read as web pages -------------------------------------------------------


def test_the_docx_test_pages_read_as_web_pages_too() -> None:
    """tools/make_foreign_docx.py writes HTML first: read straight, it gives what the .docx gives."""
    from tools.make_foreign_docx import pages as docx_pages

    errors = {"LegacyFormatError": LegacyFormatError, "ReportTitleError": ReportTitleError}
    for page in docx_pages():
        if page.error is not None:
            with pytest.raises(errors[page.error]):
                parse_html(page.html.encode("utf-8"))
            continue
        parsed = parse_html(page.html.encode("utf-8"))
        assert _as_data(attrs.evolve(parsed.report, unfilled=())) == page.expected, page.name
        assert sorted(parsed.blank) == sorted(page.blank) == sorted(parsed.report.unfilled)
        assert sorted(parsed.not_applicable) == sorted(page.not_applicable)
        assert parsed.edition == page.format
        assert parsed.gaps == ()
        if page.undivided_other is not None:
            assert parsed.undivided_other is not None
            assert attrs.asdict(parsed.undivided_other) == page.undivided_other


# -- tables: spans laid out as a browser does ----------------------------------------------------


def _grid(markup: str) -> list[tuple[int, int, int, int, str]]:
    (grid,) = _official_grids(f"<html><body>{markup}</body></html>".encode())
    return [tuple(cell) for cell in grid]  # type: ignore[misc]


def test_spans_rowspan_zero_and_row_groups() -> None:
    markup = (
        "<table><tfoot><tr><td>foot</td><td>f2</td></tr></tfoot>"
        "<thead><tr><th rowspan=2>a</th><th colspan=2>b</th></tr><tr><td>c</td><td>d</td></tr></thead>"
        "<tbody><tr><td rowspan=0>e</td><td>1</td></tr><tr><td>2</td></tr><tr><td>3</td></tr></tbody>"
        "<tr><td rowspan=5>clipped</td><td>x</td></tr></table>"
    )
    assert _grid(markup) == [
        (0, 0, 2, 1, "a"),
        (0, 1, 1, 2, "b"),
        (1, 1, 1, 1, "c"),
        (1, 2, 1, 1, "d"),
        (2, 0, 3, 1, "e"),
        (2, 1, 1, 1, "1"),
        (3, 1, 1, 1, "2"),
        (4, 1, 1, 1, "3"),
        (5, 0, 1, 1, "clipped"),
        (5, 1, 1, 1, "x"),
        (6, 0, 1, 1, "foot"),
        (6, 1, 1, 1, "f2"),
    ]


def test_bad_span_values_are_read_as_browsers_read_them() -> None:
    markup = (
        "<table><tr><td colspan='2x'>a</td><td colspan=0>b</td><td rowspan=-1>c</td></tr></table>"
    )
    assert _grid(markup) == [(0, 0, 1, 2, "a"), (0, 2, 1, 1, "b"), (0, 3, 1, 1, "c")]


@st.composite
def merged_layouts(draw: st.DrawFn) -> list[tuple[int, int, int, int]]:
    """A rectangle of grid positions cut into merged cells (rows × columns up to 6 × 6)."""
    height, width = draw(st.integers(1, 6)), draw(st.integers(1, 6))
    taken: set[tuple[int, int]] = set()
    cells = []
    for row in range(height):
        for col in range(width):
            if (row, col) in taken:
                continue
            free = 1
            while col + free < width and (row, col + free) not in taken:
                free += 1
            colspan = draw(st.integers(1, free))
            rowspan = draw(st.integers(1, height - row))
            while any(
                (r, c) in taken
                for r in range(row, row + rowspan)
                for c in range(col, col + colspan)
            ):
                rowspan -= 1
            for r in range(row, row + rowspan):
                for c in range(col, col + colspan):
                    taken.add((r, c))
            cells.append((row, col, rowspan, colspan))
    return cells


@settings(max_examples=60)
@given(merged_layouts().filter(lambda layout: len(layout) > 1))
def test_any_merged_layout_is_laid_out_exactly(layout: list[tuple[int, int, int, int]]) -> None:
    """A table of more than one cell (one cell alone is layout), its spans in any arrangement."""
    rows: dict[int, list[str]] = {}
    for index, (row, _col, rowspan, colspan) in enumerate(layout):
        rows.setdefault(row, []).append(f"<td rowspan={rowspan} colspan={colspan}>c{index}</td>")
    height = max(r + rs for r, _, rs, _ in layout)
    body = "".join(f"<tr>{''.join(rows.get(r, []))}</tr>" for r in range(height))
    got = _grid(f"<table>{body}</table>")
    want = sorted((r, c, rs, cs, f"c{i}") for i, (r, c, rs, cs) in enumerate(layout))
    assert got == want


# -- text as a reader sees it ---------------------------------------------------------------------


def _lines(markup: str) -> list[tuple[str, bool]]:
    from gpr_docx.parse import html

    root = html._parse_tree(f"<html><body>{markup}</body></html>", html.DEFAULT_HTML_LIMITS, "t")
    page = html._read_page(root, html.DEFAULT_HTML_LIMITS, "t")
    return [(b.prefix + b.text, b.right) for b in page.blocks if isinstance(b, html._Line)]


def test_white_space_breaks_and_alignment() -> None:
    markup = (
        "<div>第一行<br>第二\n  行&nbsp;&nbsp;末尾 <span>2024</span>\n年</div>"
        "<p>  &nbsp;&nbsp;缩进<o:p></o:p></p><p><o:p>&nbsp;</o:p></p>"
        "<div style='text-align: right'><p>某某局</p><p align=left>左</p></div>"
        "<p align=RIGHT>2025年1月20日</p><center><p>居中</p></center>"
        "<pre>a  |  b\nc</pre>"
        "<p>见<span style='display:none'>隐藏</span><span style='mso-hide:all'>批注</span>文</p>"
        "<script>var x = '脚本';</script><style>p{}</style><nav>菜单</nav>"
    )
    assert _lines(markup) == [
        ("第一行", False),
        ("第二行 末尾 2024 年", False),
        ("缩进", False),
        ("某某局", True),
        ("左", False),
        ("2025年1月20日", True),
        ("居中", False),
        ("a | b", False),
        ("c", False),
        ("见文", False),
    ]


def test_ordered_lists_get_the_numbers_a_browser_draws() -> None:
    markup = (
        "<ol style='list-style-type: cjk-ideographic'><li>总体情况</li><li>主动公开</li></ol>"
        "<ol start=3><li>三</li><li value=7>七</li><li>八</li></ol><ul><li>无号</li></ul>"
    )
    assert [text for text, _ in _lines(markup)] == [
        "一、总体情况",
        "二、主动公开",
        "3.三",
        "7.七",
        "8.八",
        "无号",
    ]


def test_a_report_typed_in_an_ordered_list_is_read() -> None:
    report = examples.load("example-district-2024")
    source = (PAGES / "lo-example-district-2024.html").read_text("utf-8")
    for number, heading in enumerate(("一、总体情况", "五、存在的主要问题及改进情况"), start=1):
        _numeral, _, rest = heading.partition("、")
        start = 1 if number == 1 else 5
        list_item = (
            f"<ol start={start} style='list-style-type:cjk-ideographic'><li>{rest}</li></ol>"
        )
        source = re.sub(
            rf"<h1[^>]*>(?:(?!</h1>).)*{heading}.*?</h1>", list_item, source, flags=re.S
        )
    parsed = parse(source.encode("utf-8"))
    assert parsed.report == report


def test_layout_tables_are_read_as_text() -> None:
    markup = (
        "<table><tr><td><p>左栏</p><table><tr><td>甲</td><td>乙</td></tr></table></td>"
        "<td>右栏</td></tr></table><table><tr><td>独格</td></tr></table>"
    )
    from gpr_docx.parse import html

    root = html._parse_tree(f"<html><body>{markup}</body></html>", html.DEFAULT_HTML_LIMITS, "t")
    page = html._read_page(root, html.DEFAULT_HTML_LIMITS, "t")
    kinds = [
        b.text if isinstance(b, html._Line) else [c.text for c in b.grid.cells] for b in page.blocks
    ]
    assert kinds == ["左栏", ["甲", "乙"], "右栏", "独格"]


# -- the article inside the portal ----------------------------------------------------------------


def test_chrome_inside_the_article_is_dropped_and_the_title_comes_from_the_head() -> None:
    """A page whose only title is its <title>, with tool lines inside the article's element."""
    source = (PAGES / "lo-example-district-2024.html").read_text("utf-8")
    report = attrs.evolve(examples.load("example-district-2024"), title=None)
    body = source[source.index("<body") : source.index("</body>")]
    body = re.sub(r"<p align=\"center\".*?</p>", "", body, count=1, flags=re.S)  # no title line
    page = (
        f"<html><head><title>{report.document_title}_示例区政府网</title></head>"
        "<body><div class='nav'><a href='/'>首页</a> &gt; <a href='/x'>年报</a></div>"
        f"<div class='article'><p>发布时间：2025-01-20 来源：区政府办</p>{body[body.index('>') + 1 :]}"
        "<p>【打印本页】 【关闭窗口】</p><p>责任编辑：张三</p></div>"
        "<ul><li><a href='/1'>示例区2023年政府信息公开工作年度报告</a></li></ul></body></html>"
    )
    parsed = parse(page.encode("utf-8"))
    assert parsed.report == report
    assert parsed.gaps == ()
    (note,) = [n for n in parsed.notes if n.kind is not NoteKind.BLANK]
    assert (
        note.text
        == "发布时间：2025-01-20 来源：区政府办 / 【打印本页】 【关闭窗口】 / 责任编辑：张三"
    )
    # A short preface line naming 报告 and a year is no title: the <title> still is.
    short = "本报告数据截至2024年12月31日。"
    first = re.search(r"<p class=\"western\">", page)
    assert first is not None
    page = f"{page[: first.start()]}<p>{short}</p>{page[first.start() :]}"
    parsed = parse(page.encode("utf-8"))
    assert parsed.report == attrs.evolve(report, preface=f"{short}\n{report.preface}")


def test_a_title_broken_over_two_lines_is_found_where_it_is() -> None:
    source = (PAGES / "lo-example-district-2024.html").read_text("utf-8")
    report = attrs.evolve(examples.load("example-district-2024"), title=None)
    title = report.document_title
    cut = title.index("工作") + 2
    source = re.sub(
        r"<p align=\"center\".*?</p>",
        f'<p align="center">{title[:cut]}</p><p align="center">{title[cut:]}</p>',
        source,
        count=1,
        flags=re.S,
    )
    source = source.replace("<title>", "<title>别的2023年年度报告_").replace("<body", "<body", 1)
    assert parse(source.encode("utf-8")).report == report


def test_a_page_without_official_tables_is_not_a_report() -> None:
    page = (
        "<html><body><h1>某某局2024年政府信息公开工作年度报告</h1><p>一、总体情况</p></body></html>"
    )
    with pytest.raises(NotAReportError, match="GPR506"):
        parse(page.encode("utf-8"))


# -- encodings ------------------------------------------------------------------------------------

_DOC = "<p>政府信息公开（堃）</p>"


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"\xef\xbb\xbf" + _DOC.encode("utf-8"), _DOC),
        (b"\xff\xfe" + _DOC.encode("utf-16-le"), _DOC),
        (b"\xfe\xff" + _DOC.encode("utf-16-be"), _DOC),
        (("<meta charset='gb2312'>" + _DOC).encode("gb18030"), "<meta charset='gb2312'>" + _DOC),
        (
            ('<meta http-equiv="Content-Type" content="text/html; charset=GBK">' + _DOC).encode(
                "gbk"
            ),
            '<meta http-equiv="Content-Type" content="text/html; charset=GBK">' + _DOC,
        ),
        (
            ('<?xml version="1.0" encoding="gb18030"?>' + _DOC).encode("gb18030"),
            '<?xml version="1.0" encoding="gb18030"?>' + _DOC,
        ),
        (_DOC.encode("gbk"), _DOC),  # nothing declared, not UTF-8: GB18030
        (_DOC.encode("utf-8"), _DOC),
    ],
)
def test_encodings_real_pages_use(data: bytes, text: str) -> None:
    assert decode_html(data) == (text, ())


def test_a_page_declared_utf8_but_in_gbk_is_read_with_a_note() -> None:
    text, notes = decode_html(("<meta charset=utf-8>" + _DOC).encode("gbk"))
    assert text.endswith(_DOC)
    assert len(notes) == 1 and "GBK" in notes[0].message and notes[0].kind is NoteKind.INFO


def test_a_few_bad_bytes_become_replacement_characters_with_a_note() -> None:
    data = ("<meta charset=utf-8>" + _DOC).encode("utf-8").replace("信".encode(), b"\xff\xfe")
    text, notes = decode_html(data)
    assert "政府\ufffd\ufffd息" in text
    assert "2 处字节" in notes[0].message


def test_many_bad_bytes_are_refused() -> None:
    data = ("<meta charset=gbk>" + _DOC * 20).encode("gbk") + b"\x81\xff" * 40
    with pytest.raises(HtmlEncodingError, match=r"GPR533.*gbk"):
        decode_html(data)
    with pytest.raises(HtmlEncodingError, match="GPR533"):
        parse_html(b"\xff\xfe<\x00p\x00" + b"\x00\xd8" * 2)  # a UTF-16 page cut in a pair


@pytest.mark.parametrize(
    "data", [b"PK\x03\x04rest", b"%PDF-1.7\n", b"<p>\x00\x01\x02binary", b"", b"   "]
)
def test_what_is_no_web_page(data: bytes) -> None:
    with pytest.raises(NotHtmlError, match="GPR531"):
        parse_html(data)


# -- hostile pages --------------------------------------------------------------------------------

_HOSTILE = r"""
import sys, time
from gpr_docx.errors import GprError
from gpr_docx.parse.html import parse_html
cases = {
    "size": b"<html><body>" + b"<p>x</p>" * (50 * 1024 * 1024 // 8),
    "nested": b"<html><body>" + b"<div>" * 100_000 + b"x" + b"</div>" * 100_000,
    "unclosed": b"<html><body>" + b"<span><b>" * 50_000,
    "siblings": b"<html><body>" + b"<p>x</p>" * 100_000,
    "text": b"<p>" + "\u4e2d".encode() * 3_000_000 + b"</p>",
    "wide": b"<table>" + b"<tr><td colspan=1000 rowspan=65534>1</td><td>2</td></tr>" * 5_000,
    "entities": b'<!DOCTYPE html [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><p>&b;</p>',
    "bytes": bytes(range(256)) * 4000,
}
for name, data in cases.items():
    start = time.perf_counter()
    try:
        parse_html(data)
        code = "read"
    except GprError as error:
        code = error.code
    print(name, code, round(time.perf_counter() - start, 3))
"""


def test_hostile_pages_are_refused_within_seconds() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _HOSTILE],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    results = {name: (code, float(t)) for name, code, t in map(str.split, done.stdout.splitlines())}
    assert {name: code for name, (code, _) in results.items()} == {
        "size": "GPR532",
        "nested": "GPR532",
        "unclosed": "GPR532",
        "siblings": "GPR532",
        "text": "GPR532",
        "wide": "GPR506",  # too wide to be a report table: skipped, so no official table
        "entities": "GPR506",  # never expanded
        "bytes": "GPR531",
    }
    slow = {name: t for name, (_, t) in results.items() if t > 5}
    assert slow == {}


def test_limits_can_be_set() -> None:
    page = (PAGES / "lo-example-district-2024.html").read_bytes()
    with pytest.raises(HtmlLimitError, match="元素超过 100 个"):
        parse_html(page, html_limits=HtmlLimits(elements=100))
    with pytest.raises(HtmlLimitError, match="嵌套超过 3 层"):
        parse_html(page, html_limits=HtmlLimits(depth=3))
    with pytest.raises(HtmlLimitError, match="文字过多"):
        parse_html(page, html_limits=HtmlLimits(characters=1000))
    from gpr_docx import Limits

    with pytest.raises(HtmlLimitError, match="超过 10241 字节"):
        parse(page, limits=Limits(file_size=10 * 1024 + 1))


def test_a_missing_page_and_a_folder(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError, match="GPR101"):
        parse_html(tmp_path / "missing.html")
    with pytest.raises(NotHtmlError, match="文件夹"):
        parse_html(tmp_path)


# -- choosing the front end by content -----------------------------------------------------------


def test_the_front_end_is_chosen_by_content(tmp_path: Path) -> None:
    docx = render(examples.load("dasheng-2024"))
    page = (PAGES / "gbk-2021.html").read_bytes()
    assert detect_format(docx) == "docx"
    assert detect_format(page) == "html"
    assert detect_format(b"%PDF-1.4\n...") == "pdf"
    assert detect_format(b"\x00junk%PDF-1.4\n") == "pdf"
    assert detect_format(b"<html><p>%PDF-1.4 is a version</p>") == "html"
    assert detect_format(b"\xef\xbb\xbf\n  <!-- saved --><HTML>") == "html"
    assert detect_format(b"report text") is None
    misnamed = tmp_path / "report.html"
    misnamed.write_bytes(docx)  # a .docx named .html
    assert parse(misnamed).report == examples.load("dasheng-2024")
    asp = tmp_path / "view.asp"
    asp.write_bytes(page)  # a saved portal page named after its script
    on_page = _expected("gbk-2021")["report"]  # the town example, dated under its signature
    assert _as_data(read(asp).report) == on_page
    fragment = tmp_path / "fragment.htm"
    fragment.write_bytes(b"\n" + page[page.index(b"<body>") + 6 :])  # no tag to sniff: the suffix
    assert _as_data(parse(fragment).report) == on_page


# -- the command line -----------------------------------------------------------------------------


def test_cli_parse_a_page_and_stdin(runner: CliRunner) -> None:
    source = PAGES / "quirks-2021.html"
    result = runner.invoke(app, ["parse", str(source)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    read_back = loads(result.stdout, ".json")
    assert _as_data(attrs.evolve(read_back, unfilled=())) == _expected("quirks-2021")["report"]
    assert sorted(read_back.unfilled) == _expected("quirks-2021")["blank"]
    assert "空白" in result.stderr
    piped = runner.invoke(app, ["parse", "-"], input=source.read_bytes(), catch_exceptions=False)
    assert piped.exit_code == 0, piped.stderr
    assert piped.stdout == result.stdout
    assert "标准输入" in piped.stderr


def test_cli_parse_a_text_table_page_lists_what_it_could_not_place(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["parse", str(PAGES / "text-table-2021.html")], env={"COLUMNS": "400"}
    )
    assert result.exit_code == 1
    assert "（八）其他情形" in result.stderr
    assert "Traceback" not in result.output


def test_cli_check_and_batch_render_pages(runner: CliRunner) -> None:
    names = ("portal-2021.html", "word-2021.html", "gbk-2021.html")
    checked = runner.invoke(app, ["check", *(str(PAGES / n) for n in names)])
    assert checked.exit_code == 0, checked.output
    with tempfile.TemporaryDirectory() as out:
        rendered = runner.invoke(app, ["render", *(str(PAGES / n) for n in names), "-o", f"{out}/"])
        assert rendered.exit_code == 0, rendered.output
        made = sorted(p.suffix for p in Path(out).iterdir())
        assert made == [".docx"] * 3


def test_cli_a_hostile_page_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    page.write_bytes(b"<html><body>" + b"<div>" * 1000)
    result = runner.invoke(app, ["parse", str(page)])
    assert result.exit_code == 2
    assert "GPR532" in result.stderr and "Traceback" not in result.output


# -- tables typed as text, outside the sections -------------------------------------------------


def test_text_rows_of_two_tables_without_headings_each_go_to_their_table() -> None:
    page = (
        "<html><body><p>某某局2024年政府信息公开工作年度报告</p><pre>"
        "规章 | 3 | 0 | 12\n"
        "一、本年新收政府信息公开申请数量 | 1 | 2 | 3 | 4 | 5 | 6 | 21\n"
        "四、结转下年度继续办理 | 0 | 0 | 0\n"
        "| 0 | 1 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"
        "</pre></body></html>"
    )
    parsed = parse(page.encode("utf-8"))
    report = parsed.report
    assert (
        report.active_disclosure.regulations.issued,
        report.active_disclosure.regulations.in_force,
    ) == (3, 12)
    assert report.applications.new_requests.total == 21
    assert report.applications.new_requests.other_org == 6
    assert (
        report.review_litigation.review.upheld == 0
    )  # a row without labels outside section 四: unread
    texts = [n.text for n in parsed.notes if n.kind is NoteKind.INFO and "格数字" in n.message]
    assert texts == ["四、结转下年度继续办理 | 0 | 0 | 0"]
    unplaced = [n.text for n in parsed.notes if n.kind is NoteKind.UNREADABLE and n.field is None]
    assert unplaced == ["| 0 | 1 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"]
    carried = {n.field for n in parsed.gaps if n.field and "carried_forward" in n.field}
    assert len(carried) == 7  # the short row's cells: not read, each noted


def test_a_pipe_in_chrome_or_text_is_no_table() -> None:
    source = (PAGES / "lo-dasheng-2024.html").read_text("utf-8")
    matters = "年没有其他需要报告的事项。</span></font></p>"
    source = source.replace("<body", "<div>网站地图 | 联系我们 | 使用帮助</div><body", 1)
    source = source.replace(matters, f"{matters}<p>热线 12345 | 在线咨询</p>")
    parsed = parse(source.encode("utf-8"))
    report = examples.load("dasheng-2024")
    matters_text = f"{report.other_matters}\n热线 12345 | 在线咨询"
    assert parsed.report == attrs.evolve(report, other_matters=matters_text)
    assert [n.text for n in parsed.notes] == ["网站地图 | 联系我们 | 使用帮助"]  # dropped, noted


def test_the_deepest_nesting_allowed_reads_without_recursion_errors() -> None:
    """At the largest depth limit a page nested that deep is read (not truncated, no RecursionError)."""
    limits = HtmlLimits(depth=200)
    deep = b"<html><body>" + b"<div><span>" * 99 + "深处".encode() + b"</span></div>" * 99
    with pytest.raises(NotAReportError):  # read to the end: it simply holds no report
        parse_html(deep, html_limits=limits)
    with pytest.raises(HtmlLimitError, match="200 层"):
        parse_html(b"<html><body>" + b"<div>" * 199 + b"x", html_limits=limits)
    with pytest.raises(ValueError, match="200"):
        HtmlLimits(depth=300)


# -- the 成文日期 ----------------------------------------------------------------------------------


@pytest.mark.parametrize("joined", [False, True])
def test_the_date_under_the_signature_is_read(joined: bool) -> None:
    """As the page writer prints it (two paragraphs), or signature and date in one ``<br>``-split one."""
    report = attrs.evolve(examples.load("dasheng-2024"), date=datetime.date(2025, 1, 20))
    page = render_html(report)
    if joined:
        signature = f'<p class="signature" style="text-align:right">{report.agency}</p>\n'
        assert signature in page
        page = page.replace(signature, "").replace(
            '<p class="date" style="text-align:right">',
            f'<p style="text-align:right">{report.agency}<br>',
        )
    parsed = parse(page.encode("utf-8"))
    assert parsed.report == report
    assert parsed.notes == ()

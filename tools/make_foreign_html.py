"""Make the web-page test reports in ``tests/data/foreign/html/``: pages as portals and offices publish them.

Two kinds of page:

* **Converted** (``lo-*``): each built-in example rendered by gpr_docx and converted to HTML by
  LibreOffice (``soffice --convert-to html``), the way many offices put a report on their portal.
* **Hand-made** (the others), each with the quirks of one kind of real page, its table labels taken
  from the form map (``gpr_docx.form``) and then disturbed, never typed in again:

  - ``portal-2021``: the report inside 100 kB of portal chrome — a menu, a breadcrumb, the title
    above the article, 发布时间/来源/字号 lines, 打印本页/关闭窗口, 上一篇/下一篇, related links
    naming other years' reports, a footer — and the whole page laid out in nested tables;
  - ``quirks-2021``: labels broken by ``<br>``, ``<p>``, ``&nbsp;`` runs and inline styles,
    zeros left as empty or ``&nbsp;`` cells, full-width and padded digits, headings in
    ``<strong>``, source lines broken between Chinese characters, the signature set right by CSS;
  - ``word-2021``: Word's "save as web page" (``mso-*`` styles, ``<o:p>``, conditional comments,
    list numbers as ``<![if !supportLists]>`` text, a hidden ``mso-hide:all`` span), declared
    ``gb2312`` and encoded as GBK with a character GB2312 does not have;
  - ``gbk-2021``: a GBK page whose ``<meta charset>`` comes after a long script;
  - ``text-table-2021``: the tables typed as text with ``|`` separators, with one row short of a
    cell and one row whose label names no row of the form (both must be noted, never guessed).

Run ``python tools/make_foreign_html.py [NAME...]``; the converted pages need ``soffice``. It writes
each page and its ``*.expected.json`` (the report data, which cells are blank / not applicable /
unreadable, and the texts of rows that could not be placed). The hand-made pages are the same bytes
every run; LibreOffice's may differ between its versions, so rewrite those only when needed.
"""

from __future__ import annotations

import datetime
import html
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Final

import attrs

ROOT: Final = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gpr_docx import examples, render  # noqa: E402
from gpr_docx._zh import chinese_date  # noqa: E402
from gpr_docx.data import dumps  # noqa: E402
from gpr_docx.form import FORM_TABLES, FormCell, FormTable, cell_text, field_value  # noqa: E402
from gpr_docx.model import SECTION_HEADINGS, Overview, Report, label  # noqa: E402
from tools.make_foreign_docx import _cells, _path, _quirky_value, _table  # noqa: E402

OUT: Final = ROOT / "tests" / "data" / "foreign" / "html"
EXAMPLES: Final = ("dasheng-2024", "example-district-2024")


@attrs.frozen
class HtmlPage:
    """One test page: its bytes (or the .docx LibreOffice converts), and what a reader must get."""

    name: str
    content: bytes | None
    """The page; ``None`` for a page LibreOffice makes from ``docx``."""
    expected: dict[str, Any]
    docx: bytes | None = None
    blank: tuple[str, ...] = ()
    not_applicable: tuple[str, ...] = ()
    unreadable: tuple[str, ...] = ()
    """Fields whose cells are there but cannot be read (a text row short of a cell)."""
    unplaced: tuple[str, ...] = ()
    """Rows with numbers that belong to no row of the form, as typed."""
    dropped: tuple[str, ...] = ()
    """The portal's lines inside the report's element, which the reader leaves out with a note."""
    encoding: str = "utf-8"

    @property
    def file_name(self) -> str:
        return f"{self.name}.html"

    def expected_json(self) -> dict[str, Any]:
        return {
            "format": "2021",
            "encoding": self.encoding,
            "report": self.expected,
            "blank": list(self.blank),
            "not_applicable": list(self.not_applicable),
            "unreadable": list(self.unreadable),
            "unplaced": list(self.unplaced),
            "dropped": list(self.dropped),
        }


def _data(report: Report) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(dumps(report, ".json"))
    return loaded


def _dated(report: Report) -> Report:
    """``report`` with the 成文日期 a page prints under its signature: 20 January of the next year."""
    return attrs.evolve(report, date=datetime.date(report.year + 1, 1, 20))


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _paragraphs(text: str, tag: str = "p") -> str:
    return "".join(f"<{tag}>{_esc(line)}</{tag}>" for line in text.splitlines() if line.strip())


def _plain_value(cell: FormCell, _index: int, report: Report) -> str:
    return cell_text(field_value(report, _path(cell)))


def _article(
    report: Report,
    tables: list[str],
    *,
    heading: Callable[[str], str],
    subheading: Callable[[str], str],
    text: Callable[[str], str],
    signature: Callable[[str], str],
) -> str:
    """The report's body after its title: preface, the six sections, the signature and date."""
    parts = [text(report.preface), heading(SECTION_HEADINGS[0])]
    for i, field in enumerate(attrs.fields(Overview)):
        parts.append(subheading(f"（{'一二三四五'[i]}）{label(Overview, field.name)}"))
        parts.append(text(getattr(report.overview, field.name)))
    for number, table in zip((1, 2, 3), tables, strict=True):
        parts.append(heading(SECTION_HEADINGS[number]) + table)
    parts.append(heading(SECTION_HEADINGS[4]))
    parts.append(subheading("（一）存在的主要问题") + text(report.problems))
    parts.append(subheading("（二）改进情况") + text(report.improvements))
    parts.append(heading(SECTION_HEADINGS[5]) + text(report.other_matters))
    parts.append(signature(report.agency))
    if report.date is not None:
        parts.append(signature(chinese_date(report.date)))
    return "".join(parts)


# -- portal chrome ------------------------------------------------------------------------------

_MENU: Final = (
    *("首页", "政务公开", "政府信息公开指南", "政府信息公开制度", "法定主动公开内容"),
    *("政府信息公开年报", "依申请公开", "政策解读", "新闻发布会", "重点领域信息公开"),
    *("财政预决算", "政府采购", "人事信息", "建议提案办理", "互动交流", "政民互动"),
    *("领导信箱", "在线访谈", "征集调查", "办事服务", "个人办事", "法人办事"),
)


def _chrome_links(count: int, words: tuple[str, ...]) -> str:
    items = (
        f'<li><a href="/list/{i}.html" title="{words[i % len(words)]}">{words[i % len(words)]}</a></li>'
        for i in range(count)
    )
    return f'<ul class="menu">{"".join(items)}</ul>'


def _portal_page() -> HtmlPage:
    """The district report inside a portal: chrome before, beside and after it, tables for layout."""
    report = _dated(attrs.evolve(examples.load("example-district-2024"), title=None))
    tables = [
        _table(_cells(t, lambda c, i: _plain_value(c, i, report), corner=True)) for t in FORM_TABLES
    ]
    body = _article(
        report,
        tables,
        heading=lambda h: f"<p><strong>{_esc(h)}</strong></p>",
        subheading=lambda h: f"<p><strong>{_esc(h)}</strong></p>",
        text=_paragraphs,
        signature=lambda s: f'<p style="text-align: right;">{_esc(s)}</p>',
    )
    related = (
        "示例市示例区人民政府2023年政府信息公开工作年度报告",
        "示例市示例区人民政府2022年政府信息公开工作年度报告",
        "示例市示例区发展和改革委员会2024年政府信息公开工作年度报告",
    )
    related_list = "".join(f'<li><a href="/n/{i}.html">{t}</a></li>' for i, t in enumerate(related))
    filler = "".join(
        f".c{i}{{margin:0 {i % 7}px;padding:{i % 5}px;color:#{i * 2654435761 % 0xFFFFFF:06x}}}"
        for i in range(1500)
    )
    script = "".join(f"var menu{i}=['{w}',{i}];" for i, w in enumerate(_MENU * 40))
    head = (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head>'
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />'
        f"<title>{_esc(report.document_title)}_示例市示例区人民政府门户网站</title>"
        f'<style type="text/css">{filler}</style><script type="text/javascript">{script}</script>'
        "</head>"
    )
    top = (
        '<div class="top"><div class="logo">示例市示例区人民政府</div>'
        '<form action="/search"><input name="q" value="请输入关键字"/><button>搜索</button></form>'
        f"<nav>{_chrome_links(120, _MENU)}</nav></div>"
    )
    crumb = (
        '<div class="crumb">您当前的位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a>'
        ' &gt; <a href="/nb">政府信息公开年报</a></div>'
    )
    meta = (
        '<table class="meta"><tr><td>索引号：</td><td>11500000MB1234567X/2025-00012</td>'
        "<td>发布机构：</td><td>示例区人民政府办公室</td></tr>"
        "<tr><td>生成日期：</td><td>2025-01-20</td><td>主题分类：</td><td>政府信息公开年报</td></tr>"
        "</table>"
    )
    article = (
        f'<h1 class="title">{_esc(report.document_title)}</h1>'
        '<div class="info">发布时间：2025-01-20 09:30&nbsp;&nbsp;来源：区政府办公室&nbsp;&nbsp;'
        "浏览次数：<span id='hits'>1024</span></div>"
        '<div class="tools">字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></div>'
        f'<div class="content" id="zoom">{body}'
        '<div class="print">【<a href="javascript:window.print()">打印本页</a>】'
        '【<a href="javascript:window.close()">关闭窗口</a>】</div>'
        '<p class="prev">上一篇：<a href="/n/9.html">示例区2024年度法治政府建设情况报告</a></p>'
        '<p class="next">下一篇：<a href="/n/8.html">示例区2025年政府工作报告</a></p>'
        "</div>"
    )
    side = (
        '<div class="side"><h3>相关链接</h3>'
        f"<ul>{related_list}</ul><h3>热点专题</h3>{_chrome_links(40, _MENU[5:])}</div>"
    )
    footer = (
        '<div class="footer"><p><a href="/map">网站地图</a> | <a href="/contact">联系我们</a> | '
        '<a href="/help">使用帮助</a></p><p>版权所有：示例市示例区人民政府办公室</p>'
        "<p>主办单位：示例市示例区人民政府办公室 网站标识码：5000000001</p>"
        "<p>渝ICP备12345678号-1 渝公网安备 50011202500001号</p></div>"
    )
    layout = (
        '<table width="1000" align="center" cellpadding="0" cellspacing="0"><tr><td>'
        f"{top}{crumb}</td></tr><tr><td>"
        '<table width="100%"><tr>'
        f'<td width="240" valign="top">{side}</td>'
        f'<td valign="top">{meta}{article}</td>'
        f"</tr></table></td></tr><tr><td>{footer}</td></tr></table>"
    )
    page = f"{head}<body>{layout}</body></html>"
    dropped = (
        "【打印本页】【关闭窗口】",
        "上一篇：示例区2024年度法治政府建设情况报告",
        "下一篇：示例区2025年政府工作报告",
    )
    return HtmlPage("portal-2021", page.encode("utf-8"), _data(report), dropped=dropped)


# -- labels and cells as people type them ----------------------------------------------------------


def _broken_label(text: str, index: int) -> str:
    """A label broken the ways pages break them: ``<br>``, ``<p>``, ``&nbsp;`` runs, inline styles."""
    half = len(text) // 2
    head, tail = _esc(text[:half]), _esc(text[half:])
    kind = index % 5
    if len(text) <= 3 or kind == 0:
        return f'<span style="font-family:宋体">{_esc(text)}</span>'
    if kind == 1:
        return f"{head}<br/>{tail}"
    if kind == 2:
        return f"<p>{head}</p><p>{tail}</p>"
    if kind == 3:
        return f"{head}&nbsp;&nbsp;&nbsp;{tail}"
    return f'<font face="仿宋_GB2312"><span style="font-size:10.5pt">{head}</span></font>\n{tail}'


def _quirks_page() -> HtmlPage:
    """The district report as a clerk's page: broken labels, blank zeros, odd spaces and digits."""
    report = _dated(attrs.evolve(examples.load("example-district-2024"), title=None))
    blank: list[str] = []

    def value_of(cell: FormCell, index: int) -> str:
        text = _quirky_value(field_value(report, _path(cell)), index, blank_zeros=True)
        if text in ("", "&nbsp;"):
            blank.append(_path(cell))
        return text

    tables = [_quirky_table(t, value_of) for t in FORM_TABLES]
    body = _article(
        report,
        tables,
        heading=lambda h: (
            f"<p>\n<strong><span style='font-family:黑体'>{_cjk_wrap(h)}</span></strong></p>"
        ),
        subheading=lambda h: f"<h3 style='font-weight:normal'>{_esc(h)}</h3>",
        text=lambda t: "".join(
            f"<p style='text-indent:2em'>&nbsp;&nbsp;&nbsp;&nbsp;{_cjk_wrap(line)}</p>"
            for line in t.splitlines()
            if line.strip()
        ),
        signature=lambda s: f'<div style="text-align: right"><span>{_esc(s)}</span></div>',
    )
    title = report.document_title
    page = (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="UTF-8">'
        f"<title>{_esc(title)}</title></head><body>"
        f'<div align="center"><b>{_esc(title[:9])}<br>{_esc(title[9:])}</b></div>'
        f"{body}</body></html>"
    )
    return HtmlPage("quirks-2021", page.encode("utf-8"), _data(report), blank=tuple(sorted(blank)))


def _cjk_wrap(text: str, every: int = 23) -> str:
    """Escaped text with a source line break between two Chinese characters every few characters,
    as editors wrap long lines (a browser shows no space there)."""
    out: list[str] = []
    start = 0
    for index in range(1, len(text)):
        if index - start >= every and _chinese(text[index - 1]) and _chinese(text[index]):
            out.append(_esc(text[start:index]))
            start = index
    out.append(_esc(text[start:]))
    return "\n".join(out)


def _chinese(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _quirky_table(table: FormTable, value_of: Callable[[FormCell, int], str]) -> str:
    rows: list[list[str]] = [[] for _ in range(table.rows)]
    for index, cell in enumerate(table.cells):
        spans = ""
        if cell.rowspan > 1:
            spans += f' rowspan="{cell.rowspan}"'
        if cell.colspan > 1:
            spans += f" colspan={cell.colspan}"
        text = value_of(cell, index) if cell.is_data else _broken_label(cell.text, index)
        tag = "th" if not cell.is_data and cell.row < table.header_rows else "td"
        rows[cell.row].append(f"<{tag}{spans}>{text}</{tag}>")
    head = "".join(f"<tr>{''.join(r)}</tr>" for r in rows[: table.header_rows])
    body = "".join(f"\n<tr>\n{''.join(r)}</tr>" for r in rows[table.header_rows :])
    thead = f"<thead>{head}</thead>" if head else ""
    return (
        f'<table border="1" style="border-collapse:collapse">{thead}<tbody>{body}</tbody></table>'
    )


# -- Word's "save as web page" ------------------------------------------------------------------

_WORD_HEAD: Final = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=gb2312">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<meta name=Originator content="Microsoft Word 15">
<title>{title}</title>
<!--[if gte mso 9]><xml>
 <o:DocumentProperties>
  <o:Author>办公室</o:Author>
  <o:Pages>6</o:Pages>
 </o:DocumentProperties>
</xml><![endif]-->
<style>
<!--
 /* Font Definitions */
 @font-face
	{{font-family:宋体;
	panose-1:2 1 6 0 3 1 1 1 1 1;
	mso-font-charset:134;}}
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{{mso-style-unhide:no;
	mso-style-qformat:yes;
	margin:0cm;
	text-align:justify;
	font-size:10.5pt;
	font-family:等线;}}
-->
</style>
</head>

<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>

<div class=WordSection1 style='layout-grid:15.6pt'>
"""


def _word_wrap(markup: str, width: int = 76) -> str:
    """Markup with a line break every ``width`` characters or so, as Word writes its HTML: at a
    space where there is one, else between two Chinese characters."""

    out: list[str] = []
    start = 0
    for index in range(1, len(markup)):
        if index - start < width:
            continue
        before, after = markup[index - 1], markup[index]
        if after == " ":
            out.append(markup[start:index])
            start = index + 1
        elif _chinese(before) and _chinese(after):
            out.append(markup[start:index])
            start = index
    out.append(markup[start:])
    return "\n".join(out)


def _word_p(text: str, *, align: str | None = None, size: str = "16.0pt") -> str:
    style = f"text-align:{align};" if align else ""
    attr = f" align={align}" if align else ""
    return (
        f"<p class=MsoNormal{attr} style='{style}line-height:28.0pt;mso-line-height-rule:exactly'>"
        f"<span style='font-size:{size};font-family:仿宋_GB2312;mso-hansi-font-family:\"Times New Roman\"'>"
        f"{_esc(text)}<span lang=EN-US><o:p></o:p></span></span></p>"
    )


def _word_list_heading(text: str) -> str:
    number, _, rest = text.partition("、")
    return (
        "<p class=MsoListParagraph style='margin-left:32.0pt;text-indent:-32.0pt;"
        "mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-size:16.0pt;"
        f"font-family:黑体'>{number}、<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp; "
        f"</span></span><![endif]><span style='font-size:16.0pt;font-family:黑体'>{_esc(rest)}"
        "<span lang=EN-US><o:p></o:p></span></span></p>"
    )


def _word_table(table: FormTable, report: Report) -> str:
    rows: list[list[str]] = [[] for _ in range(table.rows)]
    for cell in table.cells:
        spans = (f" rowspan={cell.rowspan}" if cell.rowspan > 1 else "") + (
            f" colspan={cell.colspan}" if cell.colspan > 1 else ""
        )
        if cell.is_data:
            value = cell_text(field_value(report, _path(cell)))
            inner = f"<span lang=EN-US style='font-size:10.0pt'>{value}<o:p></o:p></span>"
        else:
            inner = f"<span style='font-size:10.0pt;font-family:宋体'>{_esc(cell.text)}</span>"
        rows[cell.row].append(
            f"<td width=60{spans} valign=top style='border:solid windowtext 1.0pt;"
            "mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'>"
            f"<p class=MsoNormal align=center style='text-align:center'>{inner}</p></td>"
        )
    body = "".join(f"<tr style='mso-yfti-irow:{i}'>{''.join(r)}</tr>\n" for i, r in enumerate(rows))
    return (
        "<div align=center><table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 "
        "style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;"
        f"mso-yfti-tbllook:1184'>\n{body}</table></div>"
    )


def _word_page() -> HtmlPage:
    """The district report as Word saves it as a web page, in GB2312 as declared (GBK in fact)."""
    base = _dated(attrs.evolve(examples.load("example-district-2024"), title=None))
    report = attrs.evolve(
        base, other_matters=f"{base.other_matters}\n联系人：王堃，电话：023-12345678。"
    )
    tables = [_word_table(t, report) for t in FORM_TABLES]
    body = _article(
        report,
        tables,
        heading=_word_list_heading,
        subheading=_word_p,
        text=lambda t: "".join(_word_p(line) for line in t.splitlines() if line.strip()),
        signature=lambda s: _word_p(s, align="right"),
    )
    title = _word_p(report.document_title, align="center", size="22.0pt")
    hidden = (
        "<p class=MsoNormal><span style='display:none;mso-hide:all'>"
        "批注：请核对表三数据<o:p></o:p></span></p>"
    )
    empty = "<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>"
    page = (
        _WORD_HEAD.format(title=_esc(report.document_title))
        + _word_wrap(title + empty + hidden + body)
        + "\n\n</div>\n\n</body>\n\n</html>\n"
    )
    return HtmlPage("word-2021", page.encode("gbk"), _data(report), encoding="gbk")


def _gbk_page() -> HtmlPage:
    """The town example in GBK, its ``<meta charset>`` after a long script (past the first KB)."""
    report = _dated(examples.load("dasheng-2024"))
    tables = [
        _table(_cells(t, lambda c, i: _plain_value(c, i, report), corner=True)) for t in FORM_TABLES
    ]
    body = _article(
        report,
        tables,
        heading=lambda h: f"<h2>{_esc(h)}</h2>",
        subheading=lambda h: f"<h3>{_esc(h)}</h3>",
        text=_paragraphs,
        signature=lambda s: f'<p align="right">{_esc(s)}</p>',
    )
    script = "\n".join(f"  var item{i} = {i};" for i in range(200))
    page = (
        f"<html><head><script>\n{script}\n</script>"
        '<meta charset="gbk"><title>年报</title></head><body>'
        f'<p align="center">{_esc(report.document_title)}</p>{body}</body></html>'
    )
    return HtmlPage("gbk-2021", page.encode("gbk"), _data(report), encoding="gbk")


# -- tables typed as text -------------------------------------------------------------------------


def _text_rows(table: FormTable, report: Report) -> list[str]:
    """The rows of an official table typed as text: labels and values between ``|``."""
    lines: list[str] = []
    for row in range(table.rows):
        covering = sorted(
            (c for c in table.cells if c.row <= row < c.row + c.rowspan), key=lambda c: c.col
        )
        pieces = []
        for cell in covering:
            if cell.is_data:
                pieces.append(cell_text(field_value(report, _path(cell))))
            else:
                pieces.append(cell.text if cell.row == row else "")
        lines.append("| " + " | ".join(pieces) + " |")
    return lines


def _text_table_page() -> HtmlPage:
    """The district report with its tables typed as text, one row short, one row not of the form."""
    base = _dated(attrs.evolve(examples.load("example-district-2024"), title=None))
    table2, table3, table4 = FORM_TABLES
    rows3 = _text_rows(table3, base)
    short_label = "（二）部分公开"
    short = next(i for i, line in enumerate(rows3) if short_label in line)
    pieces = rows3[short].split(" | ")
    rows3[short] = " | ".join(pieces[:-2] + pieces[-1:])  # one cell left out
    stray = "| （八）其他情形 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |"
    rows3.insert(short + 1, stray)
    short_fields = sorted(
        _path(c) for c in table3.cells if c.is_data and c.row == table3.header_rows + 3
    )
    if not all("partially_disclosed" in f for f in short_fields):
        raise ValueError(f"not the row of （二）部分公开: {short_fields}")
    applications = attrs.evolve(
        base.applications,
        results=attrs.evolve(
            base.applications.results,
            partially_disclosed=type(base.applications.results.partially_disclosed)(),
        ),
    )
    expected = attrs.evolve(base, applications=applications)

    def block(lines: list[str]) -> str:
        rule = "|" + "---|" * 3
        return "<pre>" + "\n".join(_esc(line) for line in [lines[0], rule, *lines[1:]]) + "</pre>"

    tables = [
        "".join(f"<p>{_esc(line)}</p>" for line in _text_rows(table2, base)),
        block(rows3),
        "<p>" + "<br>".join(_esc(line) for line in _text_rows(table4, base)) + "</p>",
    ]
    body = _article(
        base,
        tables,
        heading=lambda h: f"<p><b>{_esc(h)}</b></p>",
        subheading=lambda h: f"<p>{_esc(h)}</p>",
        text=_paragraphs,
        signature=lambda s: f'<p align="right">{_esc(s)}</p>',
    )
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>年报</title></head><body>'
        f'<p align="center">{_esc(base.document_title)}</p>{body}</body></html>'
    )
    return HtmlPage(
        "text-table-2021",
        page.encode("utf-8"),
        _data(expected),
        unreadable=tuple(short_fields),
        unplaced=(stray,),
    )


# -- LibreOffice's conversion of our own reports ----------------------------------------------------


def _converted(name: str) -> HtmlPage:
    report = examples.load(name)
    return HtmlPage(f"lo-{name}", None, _data(report), docx=render(report))


def pages() -> Iterator[HtmlPage]:
    """Every test page, in the order they are written."""
    for name in EXAMPLES:
        yield _converted(name)
    yield _portal_page()
    yield _quirks_page()
    yield _word_page()
    yield _gbk_page()
    yield _text_table_page()


def soffice() -> str | None:
    """LibreOffice's command, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_html(docx: bytes, work: Path, stem: str = "report") -> bytes:
    """A .docx converted to a web page by LibreOffice (``soffice --convert-to html``)."""
    command = soffice()
    if command is None:
        raise SystemExit("LibreOffice (soffice) is needed to convert the examples to HTML")
    source = work / f"{stem}.docx"
    source.write_bytes(docx)
    profile = work / "lo-profile"
    subprocess.run(
        [
            command,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "html",
            "--outdir",
            str(work),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return (work / f"{stem}.html").read_bytes()


def main(names: list[str]) -> None:
    """Write every page, or only the pages named (e.g. ``portal-2021``)."""
    OUT.mkdir(parents=True, exist_ok=True)
    known = {page.name for page in pages()}
    unknown = set(names) - known
    if unknown:
        raise SystemExit(f"unknown page(s): {', '.join(sorted(unknown))}")
    with tempfile.TemporaryDirectory() as work:
        for page in pages():
            if names and page.name not in names:
                continue
            content = page.content
            if content is None and page.docx is not None:
                content = convert_to_html(page.docx, Path(work), page.name)
            if content is None:
                raise ValueError(f"{page.name}: neither a page nor a .docx to convert")
            (OUT / page.file_name).write_bytes(content)
            text = json.dumps(page.expected_json(), ensure_ascii=False, indent=1, default=str)
            (OUT / f"{page.name}.expected.json").write_text(text + "\n", "utf-8")
            print(f"wrote {OUT / page.file_name}")


if __name__ == "__main__":
    main(sys.argv[1:])

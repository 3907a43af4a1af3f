"""Web page → report: the HTML front end of :func:`gpr_docx.parse`.

Most reports reach the public as a page on a government portal, or as the page Word, WPS or
LibreOffice wrote when the report was saved as HTML. This front end turns such a page into what every
front end gives the shared reading (:func:`.document.read_document`): the tables as
:class:`gpr_docx.grid.Grid` s (``colspan``/``rowspan`` expanded as a browser lays them out, the
``<td>`` as each cell's handle) and the text as :class:`gpr_docx.grid.Paragraph` s in reading order.

* **Bytes to text.** The encoding is the byte-order mark's, else the one the page declares
  (``<meta charset>``, ``<meta http-equiv … charset=…>``, an XML declaration), GB2312 and GBK read as
  their superset GB18030; a page that does not decode as declared is tried as UTF-8 and GB18030, and
  a few stray bytes become ``�`` with a note. Bytes that are no text at all are refused (GPR531, GPR533).
* **Within limits.** The page is parsed by libxml2's HTML parser (lxml), no network, no entities
  but HTML's own; its size and its start tags are counted before it is parsed, its elements'
  number and nesting depth after (:class:`HtmlLimits`, GPR532), so a hostile page never fills
  memory.
* **What is text.** Block elements (``p``, ``div``, ``h1``–``h6``, ``li``, table cells …) and ``<br>``
  end a line; inline elements (``span``, ``font``, Word's ``<o:p>``) do not. Whitespace collapses as a
  browser collapses it (a source line break between two Chinese characters is no space), ``&nbsp;``
  counts as a space, and scripts, styles, forms' controls, navigation and hidden elements
  (``display:none``, Word's ``mso-hide:all``) are not read. ``align="right"`` or
  ``text-align:right`` marks a right-aligned line (the signature); an ``<ol>`` item gets the number a
  browser draws before it.
* **Which tables.** A table that holds another table is page layout: its cells are read as text and
  the tables inside as tables. A table of one cell is layout too.
* **Where the report is.** A portal wraps the report in menus, a breadcrumb, "打印本页/关闭窗口",
  related links and a footer. The report is the innermost element holding its section headings and
  its official tables; the title above it is taken when it lies outside (else the page's
  ``<title>``), and navigation lines that are still inside are dropped.
* **Tables typed as text** (``规章 | 3 | 0 | 12``): a row is read only when its label names one row
  of the official table (of the section it is in) and it has exactly that row's number of cells;
  any other row with numbers gets a note, never a guess.

Nothing is dropped or fixed silently: bytes replaced, rows typed as text that could not be read and
the portal's lines found inside the report's element are all in :attr:`ParsedReport.notes`.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterable, Sequence
from typing import Final

import attrs
from lxml import etree

from .._fs import read_limited
from ..errors import (
    HtmlEncodingError,
    HtmlLimitError,
    NotHtmlError,
)
from ..form import FORM_TABLES, FormCell, FormTable, Location
from ..grid import Cell, Grid, Paragraph
from ..oxml.package import Limits
from .cells import FORM_INDEX, read_value
from .document import read_document
from .labels import LabelIndex, normalize
from .narrative import report_year
from .outline import TITLE_WORD, section_starts
from .result import Edition, Note, NoteKind, ParsedReport

__all__ = [
    "DEFAULT_HTML_LIMITS",
    "Edition",
    "HtmlLimits",
    "Note",
    "NoteKind",
    "ParsedReport",
    "decode_html",
    "parse_html",
]

Element = etree._Element
"""An element of the parsed page; the handle of every cell and paragraph read from it."""

_MB: Final = 1024 * 1024


@attrs.frozen
class HtmlLimits:
    """Safety limits for one web page; the defaults are far above any real report page.

    A report page is about 0.1–1 MB with a few thousand elements nested some twenty deep, Word's and
    WPS's own pages included; a portal's chrome adds a few thousand more.
    """

    file_size: int = 16 * _MB
    """Largest page, in bytes. :class:`~gpr_docx.Limits`' ``file_size``, when given, caps it too."""
    elements: int = 50_000
    """Most elements in the page."""
    depth: int = attrs.field(
        default=128, validator=[attrs.validators.ge(1), attrs.validators.le(200)]
    )
    """Deepest nesting of elements, at most 200 (libxml2 stops reading at 256 levels without
    saying so, and the page is read by recursion)."""
    characters: int = 1_000_000
    """Most characters of text a reader sees (a whole report, at the data format's limits, has
    under 400 000)."""


DEFAULT_HTML_LIMITS: Final = HtmlLimits()
_MAX_COLUMNS: Final = 1000
"""A table wider than this is no report table (the HTML standard caps one ``colspan`` at 1000)."""
_MAX_SLOTS: Final = 1_000_000
"""Grid positions a table's spans may cover; more is no report table, and is not laid out."""


def parse_html(
    source: str | os.PathLike[str] | bytes,
    *,
    limits: Limits | None = None,
    html_limits: HtmlLimits = DEFAULT_HTML_LIMITS,
) -> ParsedReport:
    """Read a report published as a web page (a path or its bytes) into a :class:`ParsedReport`.

    Args:
        source: The page: a saved portal page, a page Word, WPS or LibreOffice wrote, or its bytes.
        limits: The limits for any report file; its ``file_size`` caps the page's size too.
        html_limits: The page's own limits (size, elements, nesting depth).

    Raises:
        NotHtmlError: The bytes are not a web page (binary, a .docx or a PDF).
        HtmlLimitError: The page is over a limit of ``html_limits`` (or ``limits.file_size``).
        HtmlEncodingError: The page's bytes are text in no encoding it could be in.
        InputNotFoundError: The file does not exist.
        ParseError: The page holds no report (no official table, no reporting year …), as for a
            .docx.
    """
    size = html_limits.file_size
    if limits is not None:
        size = min(size, limits.file_size)
    data, name = read_limited(
        source,
        size,
        unnamed="<网页>",
        what="年度报告网页",
        too_large=HtmlLimitError,
        unreadable=NotHtmlError,
    )
    text, notes = decode_html(data, place=name)
    root = _parse_tree(text, html_limits, name)
    page = _read_page(root, html_limits, name)
    article = _article(page)
    paragraphs, grids, text_notes = _document_parts(article)
    parsed = read_document(paragraphs, grids, name=name)
    if article.dropped:
        text_notes.insert(
            0,
            Note(
                NoteKind.INFO,
                "网页正文中网站的导航和工具文字（打印、关闭、上一篇、发布时间等）未读入",
                text=" / ".join(article.dropped),
            ),
        )
    extra = (*notes, *page.notes, *text_notes)
    return attrs.evolve(parsed, notes=(*extra, *parsed.notes)) if extra else parsed


# -- bytes -----------------------------------------------------------------------------------------


_BOMS: Final = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED: Final = re.compile(
    rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([-\w.:]+)|<\?xml[^>]{0,512}?encoding\s*=\s*["']([-\w.:]+)""",
    re.IGNORECASE,
)
_PRESCAN: Final = 16 * 1024
"""How far into the page a declared encoding is looked for (portals put long scripts before it)."""
_GB: Final = frozenset(
    (
        *("gb2312", "gbk", "x-gbk", "gb_2312", "gb_2312-80", "cp936", "ms936", "windows-936"),
        *("euc-cn", "csgb2312", "chinese", "iso-ir-58", "csiso58gb231280", "gb18030"),
    )
)
_BIG5: Final = frozenset(["big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"])
_BAD_BYTES_NOTED: Final = 16
"""Up to this many undecodable bytes become ``�`` with a note; more, and the page is refused."""
_BINARY: Final = (b"PK\x03\x04", b"%PDF-", b"\xd0\xcf\x11\xe0")


def _codec(label: str) -> str | None:
    """The Python codec for an encoding label as pages write it (WHATWG's aliases), or ``None``."""
    value = label.strip().lower()
    if value in _GB:
        return "gb18030"  # GB2312 and GBK pages use GBK's characters: GB18030 reads them all
    if value in _BIG5:
        return "big5hkscs"
    if value.startswith(("utf-16", "utf16", "ucs-2")):
        return "utf-8"  # a page that can read its own meta tag is not UTF-16 (WHATWG)
    try:
        return codecs.lookup(value).name
    except LookupError:
        return None


def decode_html(data: bytes, *, place: str = "") -> tuple[str, tuple[Note, ...]]:
    """The text of a page's bytes, and a note when it was not what the page declares.

    The encoding is the byte-order mark's, else the declared one (``<meta charset>``, ``<meta
    http-equiv content="…charset=…">``, ``<?xml encoding=…?>``; GB2312/GBK read as GB18030), else
    UTF-8 or GB18030, whichever reads the bytes. When none reads them all, a few bad bytes become
    ``�`` with a note; more are refused.

    Raises:
        NotHtmlError: The bytes are binary (a .docx, a PDF, a .doc, NUL bytes).
        HtmlEncodingError: The bytes are not text in the declared encoding, UTF-8 or GB18030.
    """
    if data.startswith(_BINARY):
        raise NotHtmlError("这是 Word 或 PDF 文件，不是网页", place=place)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), ()
            except UnicodeDecodeError as exc:
                raise HtmlEncodingError(
                    f"网页以 {encoding.upper()} 字节顺序标记开头，但第 {exc.start + len(bom)} "
                    f"字节起不是 {encoding.upper()} 文字",
                    place=place,
                ) from None
    if b"\x00" in data[:_PRESCAN]:
        raise NotHtmlError("文件含有二进制内容，不是网页", place=place)
    found = _DECLARED.search(data[:_PRESCAN])
    label = (found.group(1) or found.group(2)).decode("ascii") if found else ""
    declared = _codec(label) if label else None
    tried = [e for e in dict.fromkeys((declared, "utf-8", "gb18030")) if e is not None]
    for encoding in tried:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if declared is None or encoding == declared:
            return text, ()
        return text, (
            Note(
                NoteKind.INFO,
                f"网页声明的编码是 {label}，但其内容是 {_shown(encoding)}，已按后者读取",
            ),
        )
    encoding = declared or "utf-8"
    text = data.decode(encoding, errors="replace")
    bad = text.count("\ufffd") - _count_replacement_characters(data, encoding)
    if bad > _BAD_BYTES_NOTED:
        what = f"所声明的 {label} " if label else " UTF-8 或 GB18030 "
        raise HtmlEncodingError(
            f"网页有 {bad} 处字节不是{what}编码的文字，无法读取（文件可能已损坏或不是网页）",
            place=place,
        )
    return text, (
        Note(
            NoteKind.INFO,
            f"网页有 {bad} 处字节不是 {_shown(encoding)} 编码的文字，已显示为“\ufffd”，请核对原文",
        ),
    )


def _shown(encoding: str) -> str:
    return {"gb18030": "GBK/GB18030", "utf-8": "UTF-8", "big5hkscs": "Big5"}.get(
        encoding, encoding.upper()
    )


def _count_replacement_characters(data: bytes, encoding: str) -> int:
    """How many ``�`` the page itself writes (its encoded form), not counted as bad bytes."""
    try:
        mark = "\ufffd".encode(encoding)
    except UnicodeEncodeError:
        return 0
    return data.count(mark)


# -- the tree ------------------------------------------------------------------------------------


def _parse_tree(text: str, limits: HtmlLimits, name: str) -> Element:
    """The page's element tree, within the limits on elements and nesting.

    The start tags are counted in the bytes before parsing (every ``<`` that opens no end tag,
    comment or declaration: at least as many as the elements), so a page of too many elements
    never becomes a tree; the tree's own count and depth are checked after. libxml2 stops reading
    a page nested 256 deep without a word, so the depth limit is below that.
    """
    data = text.encode("utf-8")
    starts = data.count(b"<") - data.count(b"</") - data.count(b"<!")
    too_many = f"网页元素超过 {limits.elements} 个，不是年度报告网页，已拒绝读取"
    if starts > limits.elements:
        raise HtmlLimitError(too_many, place=name)
    parser = etree.HTMLParser(
        encoding="utf-8", no_network=True, remove_comments=True, remove_pis=True, huge_tree=False
    )
    try:
        root: Element | None = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        root = None
    if root is None:  # nothing but white space
        raise NotHtmlError("文件是空的，不是网页", place=name)
    tree = root.getroottree()
    if tree.xpath(f"count(//*) > {limits.elements}"):
        raise HtmlLimitError(too_many, place=name)
    if tree.xpath(f"boolean({'/*' * (limits.depth + 1)})"):
        raise HtmlLimitError(
            f"网页元素嵌套超过 {limits.depth} 层，不是年度报告网页，已拒绝读取", place=name
        )
    return root


# -- reading the page into lines and tables ---------------------------------------------------------

_BLOCK_TAGS: Final = frozenset(
    (
        *("address", "article", "aside", "blockquote", "body", "center", "dd", "details"),
        *("dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure"),
        *("footer", "form", "h1", "h2", "h3", "h4", "h5", "h6"),
        *("header", "hgroup", "hr", "html", "legend", "li", "listing", "main"),
        *("menu", "ol", "p", "plaintext", "pre", "section", "summary", "ul"),
        *("caption", "tr", "td", "th", "thead", "tbody", "tfoot", "xmp"),
    )
)
_SKIPPED_TAGS: Final = frozenset(
    (
        *("head", "script", "style", "noscript", "template", "iframe", "frame", "frameset"),
        *("object", "embed", "applet", "svg", "math", "select", "option", "optgroup"),
        *("button", "textarea", "input", "img", "map", "area", "audio", "video"),
        *("canvas", "source", "track", "meta", "link", "base", "title", "xml"),
        *("nav",),
    )
)
_PRE_TAGS: Final = frozenset(("pre", "listing", "plaintext", "xmp"))
_LIST_TAGS: Final = frozenset(("ul", "ol", "li", "menu", "dir", "dl", "dd", "dt"))
_HIDDEN_STYLE: Final = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all", re.IGNORECASE
)
_TEXT_ALIGN: Final = re.compile(r"text-align\s*:\s*([a-z-]+)", re.IGNORECASE)
_WHITE_SPACE_PRE: Final = re.compile(r"white-space\s*:\s*pre", re.IGNORECASE)
_LIST_STYLE: Final = re.compile(r"list-style(?:-type)?\s*:\s*([a-z-]+)", re.IGNORECASE)
_CJK: Final = "\u2e80-\u2fff\u3000-\u303f\u3040-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2018-\u201f\u2026"
_SEGMENT_BREAK: Final = re.compile(rf"(?<=[{_CJK}])[ \t\r\f]*\n[ \t\r\n\f]*(?=[{_CJK}])")
"""A source line break between two East Asian characters, which renders as nothing (CSS Text 3)."""
_COLLAPSIBLE: Final = re.compile(r"[ \t\r\n\f]+")
_SPACES: Final = re.compile(r" {2,}")
_CHINESE_LISTS: Final = frozenset(
    ("cjk-ideographic", "simp-chinese-informal", "trad-chinese-informal", "cjk-decimal")
)


@attrs.frozen
class _Line:
    """One line of text as a reader sees it, with the block element it is in."""

    text: str
    element: Element
    right: bool = False
    prefix: str = ""
    """The list number a browser draws before it (``<ol>``), not typed."""
    link_only: bool = False
    """All its text is inside links."""
    in_list: bool = False
    """It is in a list (``ul``, ``ol``, ``dl``): with ``link_only``, a list of links."""


@attrs.frozen
class _Table:
    """A table that is not layout, as a grid."""

    element: Element
    grid: Grid[Element]


_Block = _Line | _Table


@attrs.define
class _Context:
    """Where the walk is: the block element lines belong to and what it says about them."""

    element: Element
    right: bool = False
    pre: bool = False
    link: bool = False
    in_list: bool = False
    list_style: str | None = None
    """For an ``<ol>``: how its items are numbered (``decimal``, ``cjk-ideographic``)."""
    counter: list[int] = attrs.Factory(list)
    prefix: str = ""


@attrs.frozen
class _Page:
    """The page read into blocks, in document order, and its ``<title>``."""

    blocks: tuple[_Block, ...]
    title: str
    root: Element
    notes: tuple[Note, ...] = ()


def _hidden(element: Element) -> bool:
    if element.get("hidden") is not None:
        return True
    style = element.get("style")
    if not style or ("none" not in style and "hid" not in style):
        return False
    return bool(_HIDDEN_STYLE.search(style))


def _alignment(element: Element, inherited: bool) -> bool:
    """Whether text in ``element`` is set flush right (``align`` or ``text-align``; else inherited)."""
    style = element.get("style")
    found = _TEXT_ALIGN.search(style) if style else None
    value = found.group(1) if found else element.get("align")
    if value is None:
        return False if element.tag == "center" else inherited
    return value.strip().lower() in ("right", "end")


def _collapse(raw: str) -> str:
    """Text as a browser shows it: white space collapsed, ``&nbsp;`` a space, ends trimmed."""
    value = _SEGMENT_BREAK.sub("", raw) if "\n" in raw else raw
    value = _COLLAPSIBLE.sub(" ", value)
    if "\xa0" in value:
        value = value.replace("\xa0", " ")
    if "  " in value:
        value = _SPACES.sub(" ", value)
    return value.strip()


@attrs.define
class _Budget:
    """The characters of text the page may still show (:attr:`HtmlLimits.characters`)."""

    left: int
    place: str

    def spend(self, count: int) -> None:
        self.left -= count
        if self.left < 0:
            raise HtmlLimitError("网页文字过多，不是年度报告网页，已停止读取", place=self.place)


class _Walker:
    """Reads elements into :class:`_Line` s and :class:`_Table` s, in document order."""

    def __init__(self, budget: _Budget) -> None:
        self.budget = budget
        self.blocks: list[_Block] = []
        self.notes: list[Note] = []
        self._pieces: list[str] = []
        self._shown = False
        """Whether the line in progress has text to show, not only white space."""
        self._unlinked = False
        """Whether some of that text is outside links."""

    def read(self, element: Element, context: _Context) -> None:
        """``element``'s text and children (not its tail), then the line in progress ends."""
        self._walk(element, context)
        self._flush(context)

    def _walk(self, element: Element, context: _Context) -> None:
        if element.text:
            self._add(element.text, context)
        for child in element:
            self._child(child, context)
            if child.tail:
                self._add(child.tail, context)

    def _child(self, child: Element, context: _Context) -> None:
        tag = child.tag
        if not isinstance(tag, str):
            return  # a comment or processing instruction the parser kept
        tag = tag.lower()
        if tag in _SKIPPED_TAGS or tag.startswith("v:") or _hidden(child):
            return
        if tag == "br":
            self._flush(context)
            return
        if tag == "table":
            self._flush(context)
            self._table(child, context)
            return
        if tag in _BLOCK_TAGS:
            self._flush(context)
            self.read(child, self._enter(child, tag, context))
            return
        if tag == "a" and child.get("href") is not None and not context.link:
            self._walk(child, attrs.evolve(context, link=True))
            return
        self._walk(child, context)

    def _enter(self, element: Element, tag: str, context: _Context) -> _Context:
        style = element.get("style") or ""
        inner = _Context(
            element,
            right=_alignment(element, context.right),
            pre=context.pre or tag in _PRE_TAGS or bool(_WHITE_SPACE_PRE.search(style)),
            in_list=context.in_list or tag in _LIST_TAGS,
        )
        if tag == "ol":
            found = _LIST_STYLE.search(style)
            inner.list_style = (found.group(1).lower() if found else None) or _ol_type(element)
            inner.counter = [_integer(element.get("start"), 1) - 1]
        elif tag == "li" and context.list_style is not None and context.counter:
            value = element.get("value")
            context.counter[0] = (
                _integer(value, context.counter[0] + 1) if value else context.counter[0] + 1
            )
            inner.prefix = _list_number(context.counter[0], context.list_style)
        return inner

    def _add(self, text: str, context: _Context) -> None:
        if context.pre:
            *lines, text = text.replace(" ", "\xa0").split("\n")
            for line in lines:
                self._piece(line, context.link)
                self._flush(context)
        self._piece(text, context.link)

    def _piece(self, text: str, link: bool) -> None:
        self._pieces.append(text)
        if text and not text.isspace():  # text to show (``&nbsp;`` alone is white space too)
            self._shown = True
            self._unlinked = self._unlinked or not link

    def _flush(self, context: _Context) -> None:
        if not self._pieces:
            return
        shown, link_only = self._shown, not self._unlinked
        text = _collapse("".join(self._pieces)) if shown else ""
        self._pieces.clear()
        self._shown = self._unlinked = False
        if not text:
            return
        self.budget.spend(len(text))
        self.blocks.append(
            _Line(
                text,
                context.element,
                context.right,
                context.prefix,
                link_only=link_only,
                in_list=context.in_list,
            )
        )
        context.prefix = ""

    def _table(self, table: Element, context: _Context) -> None:
        groups = [[_cells_of(tr) for tr in group] for group in _row_groups(table)]
        cells = sum(len(row) for group in groups for row in group)
        inner = self._enter(table, "table", context)
        if cells <= 1 or next(table.iterdescendants("table"), None) is not None:
            self.read(table, inner)  # layout: its cells are text, its tables are tables
            return
        for caption in table.iterchildren("caption"):
            self.read(caption, self._enter(caption, "caption", inner))
        grid = _grid(groups, self.budget)
        if grid is None:
            self.notes.append(
                Note(NoteKind.INFO, f"网页中有一个表格超过 {_MAX_COLUMNS} 列或过大，未读入")
            )
            return
        self.blocks.append(_Table(table, grid))


def _ol_type(element: Element) -> str:
    return {"1": "decimal", "a": "lower-alpha", "A": "upper-alpha", "i": "lower-roman"}.get(
        element.get("type") or "1", "decimal"
    )


def _list_number(n: int, style: str) -> str:
    """The number a browser draws before item ``n`` of an ordered list (the ones reports use)."""
    from .._zh import chinese_number

    if style == "decimal":
        return f"{n}."
    if style in _CHINESE_LISTS:
        return f"{chinese_number(n)}、" if n > 0 else ""
    return ""


_INTEGER: Final = re.compile(r"^\s*([+-]?\d+)")


def _integer(value: str | None, default: int) -> int:
    """An HTML integer attribute (leading digits; anything else is ``default``)."""
    found = _INTEGER.match(value) if value else None
    return int(found.group(1)) if found else default


def _span(value: str | None) -> int:
    """A ``colspan``/``rowspan`` as HTML reads it: a non-negative integer, else 1."""
    number = _integer(value, 1)
    return number if number >= 0 else 1


def _cells_of(tr: Element) -> list[Element]:
    return [c for c in tr if c.tag in ("td", "th") and not _hidden(c)]


def _row_groups(table: Element) -> list[list[Element]]:
    """The table's rows by row group as a browser shows them: ``<thead>`` first, ``<tfoot>`` last;
    rows written straight in the table (no ``<tbody>``) form a group with the rows next to them."""
    head: list[list[Element]] = []
    body: list[list[Element]] = []
    foot: list[list[Element]] = []
    loose: list[Element] = []
    for child in table:
        if child.tag == "tr":
            if not _hidden(child):
                loose.append(child)
            continue
        if child.tag not in ("thead", "tbody", "tfoot") or _hidden(child):
            continue
        if loose:
            body.append(loose)
            loose = []
        rows = [tr for tr in child if tr.tag == "tr" and not _hidden(tr)]
        {"thead": head, "tbody": body, "tfoot": foot}[str(child.tag)].append(rows)
    if loose:
        body.append(loose)
    return [*head, *body, *foot]


def _grid(groups: Sequence[Sequence[Sequence[Element]]], budget: _Budget) -> Grid[Element] | None:
    """The table laid out as a browser does (HTML's table model), or ``None`` when too large.

    ``groups`` are the row groups, each row the list of its ``<td>``/``<th>`` elements.

    ``colspan`` is 1–1000, ``rowspan`` 0–65534 (0: to the end of the row group), and a row span
    ends with its row group; a cell goes into the first grid column no cell above still covers.
    """
    cells: list[Cell[Element]] = []
    row = 0
    slots = 0
    for group in groups:
        end = row + len(group)
        covered: dict[int, int] = {}  # grid column -> first row no longer covered from above
        for tds in group:
            col = 0
            for td in tds:
                while covered.get(col, 0) > row:
                    col += 1
                colspan = min(max(_span(td.get("colspan")), 1), 1000)
                rowspan = min(_span(td.get("rowspan")), 65534)
                rowspan = end - row if rowspan == 0 else min(rowspan, end - row)
                slots += colspan
                if col + colspan > _MAX_COLUMNS or slots > _MAX_SLOTS:
                    return None
                cells.append(Cell(row, col, rowspan, colspan, _cell_text(td, budget), td))
                for c in range(col, col + colspan):
                    covered[c] = row + rowspan
                col += colspan
            row += 1
    return Grid(tuple(cells))


def _cell_text(td: Element, budget: _Budget) -> str:
    """A cell's text as a reader sees it: its lines (paragraphs, ``<br>``) joined by ``\\n``."""
    walker = _Walker(budget)
    walker.read(td, _Context(td))
    return "\n".join(b.text for b in walker.blocks if isinstance(b, _Line))


def _read_page(root: Element, limits: HtmlLimits, name: str) -> _Page:
    body = root.find("body")
    walker = _Walker(_Budget(limits.characters, name))
    top = body if body is not None else root
    walker.read(top, _Context(top))
    title = root.find("head/title")
    return _Page(
        tuple(walker.blocks),
        _collapse(title.text or "") if title is not None else "",
        root,
        tuple(walker.notes),
    )


# -- the article inside the portal --------------------------------------------------------------

_CHROME_LINE: Final = re.compile(
    r"^(?:[\[【(（]?\s*(?:打印本页|打印此页|打印|关闭窗口|关闭本页|关闭|返回顶部|回到顶部|返回|"
    r"收藏本页|收藏|加入收藏|分享到|分享|保存本页|纠错|我要纠错|字[号体]\s*[:：]?\s*(?:[大中小]\s*)*|"
    r"[大中小]|[【\[]?\s*[大中小]\s*[】\]]?)\s*[\]】)）]?[\s|｜/·]*)+$"
)
"""A line that is only the page's tools (【打印本页】【关闭窗口】, 字号：大 中 小)."""
_CHROME_LEAD: Final = re.compile(
    r"^(?:上一篇|下一篇|上一条|下一条|相关链接|相关文章|相关阅读|相关新闻|"
    r"责任编辑|扫一扫|分享到|网站地图|版权所有|主办单位|承办单位|技术支持|网站标识码|"
    r"[京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤琼川贵云陕甘青蒙桂藏宁新]ICP|ICP备|.{0,10}公网安备|"
    r"您?(?:当前|现在)?(?:所在)?的?位置|当前位置)"
)
"""A line of the portal around the report: navigation, footer, the page's place (breadcrumb)."""
_META_LEAD: Final = re.compile(
    r"^(?:索引号|发布机构|发文机关|发文字号|发布日期|发布时间|生成日期|成文日期|信息来源|来源|"
    r"作者|浏览次数|访问次数|点击数|点击量|阅读次数|阅读量|字号|文号|主题分类|体裁分类|分类|"
    r"公开方式|公开范围|公开时限|有效性|时效性)\s*[:：]"
)
"""A line of the portal's notes on the page (发布时间：…, 来源：…)."""
_BREADCRUMB: Final = re.compile(r"首页\s*[>＞»›/]")


def _is_chrome(line: _Line, *, outside_text: bool) -> bool:
    """Whether a line is the portal's, not the report's; ``outside_text``: before the first heading
    or after the last one, where notes and navigation are all a portal puts."""
    text = normalize(line.text)
    if _CHROME_LINE.match(text) or (line.link_only and line.in_list):
        return True
    return outside_text and bool(
        _CHROME_LEAD.match(text) or _META_LEAD.match(text) or _BREADCRUMB.search(text)
    )


@attrs.frozen
class _Article:
    """The report's part of the page: its blocks, in document order, and its title."""

    blocks: tuple[_Block, ...]
    title: _Line | None
    """A title found outside the report's element (or the page's ``<title>``), put before it."""
    dropped: tuple[str, ...] = ()
    """Lines inside the report's element that are the portal's (打印本页, 上一篇 …), not read."""


def _lines_as_paragraphs(lines: Iterable[_Line]) -> list[Paragraph[Element]]:
    return [
        Paragraph(line.prefix + line.text, line.element, line.text, line.right) for line in lines
    ]


def _article(page: _Page) -> _Article:
    """The blocks of the element that holds the section headings and the official tables."""
    blocks = page.blocks
    lines = [b for b in blocks if isinstance(b, _Line)]
    tables = [b for b in blocks if isinstance(b, _Table)]
    starts = section_starts(_lines_as_paragraphs(lines))
    keys: list[Element] = [lines[s].element for s in starts if s is not None]
    keys += [t.element for t in tables if _carries_labels(t.grid)]
    keys += [line.element for line in lines if _text_row_labels(line.text)]
    if not keys:
        return _Article(blocks, None)
    root = _common_ancestor(keys)
    if len(set(keys)) == 1 or root.tag in ("table", "tr", "thead", "tbody", "tfoot"):
        parent = root.getparent()  # one heading or one table alone: the element around it
        root = parent if parent is not None else root
    inside = set(root.iter())
    first = next(i for i, b in enumerate(blocks) if b.element in inside)
    chosen = [b for b in blocks[first:] if b.element in inside]
    heading_lines = {id(lines[s]) for s in starts if s is not None}
    kept = _without_chrome(chosen, heading_lines)
    title = None if _has_title(kept, heading_lines) else _title_outside(blocks[:first], page)
    kept_ids = {id(b) for b in kept}
    dropped = tuple(b.text for b in chosen if isinstance(b, _Line) and id(b) not in kept_ids)
    return _Article(tuple(kept), title, dropped)


def _has_title(blocks: Sequence[_Block], headings: set[int]) -> bool:
    """Whether a line before the first heading is a title, alone or with the line above it (a
    title broken over two lines)."""
    above = ""
    for block in blocks:
        if id(block) in headings:
            break
        if isinstance(block, _Line):
            if _is_title(block.text) or (above and _is_title(above + block.text)):
                return True
            above = block.text
    return False


def _carries_labels(grid: Grid[Element]) -> bool:
    """Whether a table names at least two labels of one official table: the test by which
    :func:`.cells.locate` takes a table for one of the form's, here to find the article."""
    texts = {c.text for c in grid.cells if c.text}
    for spec in FORM_INDEX:
        found: set[str] = set()
        for text in texts:
            found |= spec.rows.match(text) | spec.columns.match(text)
            if len(found) >= 2:
                return True
    return False


def _common_ancestor(elements: Sequence[Element]) -> Element:
    chains = [[*reversed(list(e.iterancestors())), e] for e in elements]
    common = chains[0]
    for chain in chains[1:]:
        size = 0
        for a, b in zip(common, chain, strict=False):
            if a is not b:
                break
            size += 1
        common = common[:size]
    return common[-1]


def _without_chrome(blocks: Sequence[_Block], headings: set[int]) -> list[_Block]:
    at_headings = [i for i, b in enumerate(blocks) if id(b) in headings]
    first = at_headings[0] if at_headings else len(blocks)
    last = at_headings[-1] if at_headings else -1
    kept: list[_Block] = []
    for index, block in enumerate(blocks):
        if isinstance(block, _Line) and _is_chrome(
            block, outside_text=index < first or index > last
        ):
            continue
        kept.append(block)
    return kept


_TITLE_MAX: Final = 80
_TITLE_SEPARATORS: Final = re.compile(r"\s*(?:[_|｜]|\s[-—–]\s|——)\s*")


_TITLE_END: Final = re.compile(rf"{TITLE_WORD}(?:\([^()]*\))?$")
"""How a title ends: 报告, perhaps with a bracketed note (（全文）, （2024年度）)."""


def _is_title(text: str) -> bool:
    """Whether a line reads as a report's title: short, ending in 报告, naming a year."""
    value = normalize(text)
    return (
        len(value) <= _TITLE_MAX
        and "。" not in value
        and bool(_TITLE_END.search(value))
        and report_year(value) is not None
    )


def _title_outside(before: Sequence[_Block], page: _Page) -> _Line | None:
    """The report's title when the portal sets it above the article: the nearest line before it
    naming 报告 and a year (not a link), else the page's ``<title>`` without the site's name."""
    for block in reversed(before):
        if isinstance(block, _Line) and not block.link_only and _is_title(block.text):
            return block
    for part in _TITLE_SEPARATORS.split(page.title):
        if _is_title(part):
            return _Line(part.strip(), page.root)
    return None


# -- tables typed as text ----------------------------------------------------------------------

_PIPE: Final = re.compile(r"[|｜¦]")
_RULE_LINE: Final = re.compile(r"^[|｜¦+\-—─=:：\s]+$")


def _pieces(text: str) -> list[str]:
    """The cells of a text row: between ``|`` separators, the outer border's empty ends dropped."""
    pieces = [p.strip() for p in _PIPE.split(text)]
    if pieces and not pieces[0]:
        pieces = pieces[1:]
    if pieces and not pieces[-1]:
        pieces = pieces[:-1]
    return pieces


def _text_row_labels(text: str) -> bool:
    """Whether a line is a row of a table typed as text: ``|`` separators and an official label."""
    if not _PIPE.search(text) or _RULE_LINE.match(text):
        return False
    return any(
        spec.rows.match(piece) or spec.columns.match(piece)
        for piece in _pieces(text)
        if piece
        for spec in FORM_INDEX
    )


@attrs.frozen
class _RowShape:
    """One data row of an official table: its leaf label and its data cells, left to right."""

    table: FormTable
    leaf: str
    cells: tuple[FormCell, ...]


def _row_shapes(table: FormTable) -> tuple[_RowShape, ...]:
    shapes = []
    for row in sorted({c.row for c in table.data_cells()}):
        data = tuple(sorted((c for c in table.row_cells(row) if c.is_data), key=lambda c: c.col))
        labels = sorted(
            (
                c
                for c in table.cells
                if not c.is_data and c.row <= row < c.row + c.rowspan and c.col < data[0].col
            ),
            key=lambda c: c.col,
        )
        shapes.append(_RowShape(table, labels[-1].text if labels else "", data))
    return tuple(shapes)


_SHAPES: Final = {t.key: _row_shapes(t) for t in FORM_TABLES}
_LEAVES: Final = {
    key: LabelIndex(tuple(s.leaf for s in shapes if s.leaf)) for key, shapes in _SHAPES.items()
}
_SECTION_TABLES: Final = {2: FORM_TABLES[0], 3: FORM_TABLES[1], 4: FORM_TABLES[2]}


def _split_label(pieces: Sequence[str]) -> tuple[list[str], list[str]]:
    """A text row's label cells (up to the last that is text) and its data cells (the rest)."""
    last = -1
    for index, piece in enumerate(pieces):
        kind, _ = read_value(piece, fee=True)
        if piece and kind is NoteKind.UNREADABLE:
            last = index
    return [p for p in pieces[: last + 1] if p], list(pieces[last + 1 :])


def _text_grids(
    rows: Sequence[_Line], section: int | None
) -> tuple[list[Grid[Element]], list[Note]]:
    """A table typed as text, as grids of the official tables' shape with the rows that are certain.

    A row is certain when its label names exactly one data row of the official table (of the
    section the text is in, else of any table) and it has that row's number of cells; then its
    cells are that row's cells, in order. A row with numbers that is not certain is noted; one
    whose row is certain but not its cells gives each of its cells the row's text, unread.
    """
    tables = [_SECTION_TABLES[section]] if section in _SECTION_TABLES else list(FORM_TABLES)
    notes: list[Note] = []
    chosen: dict[str, list[tuple[_RowShape, list[str], _Line]]] = {}
    for line in rows:
        if _RULE_LINE.match(line.text):
            continue
        labels, data = _split_label(_pieces(line.text))
        if not any(data) and _is_header(tables, labels):
            continue
        shapes = _matching_shapes(tables, labels, len(data))
        if not any(data) and len(shapes) != 1:
            continue  # labels only, or empty cells under no row label
        if len(shapes) != 1:
            place = Location(tables[0].heading) if len(tables) == 1 else None
            notes.append(
                Note(
                    NoteKind.UNREADABLE,
                    "以“|”分隔的文字表格：此行对应官方表格的哪一行无法确定，数字未读入",
                    place,
                    line.text,
                )
            )
            continue
        shape = shapes[0]
        if len(data) != len(shape.cells):
            notes.append(
                Note(
                    NoteKind.INFO,
                    f"以“|”分隔的文字表格：此行应有 {len(shape.cells)} 格数字，实有 {len(data)} 格，"
                    "无法确定各数字属于哪一栏，未读入",
                    Location(shape.table.heading, row=shape.leaf),
                    line.text,
                )
            )
            data = [line.text] * len(shape.cells)  # each cell reads as what it is: not a number
        chosen.setdefault(shape.table.key, []).append((shape, data, line))
    return [
        _official_grid(table, chosen[table.key]) for table in FORM_TABLES if table.key in chosen
    ], notes


def _official_grid(
    table: FormTable, rows: Sequence[tuple[_RowShape, Sequence[str], _Line]]
) -> Grid[Element]:
    """The official table's grid: its labels, and the data cells of ``rows`` with their texts."""
    values = {
        (cell.row, cell.col): (text, line.element)
        for shape, data, line in rows
        for cell, text in zip(shape.cells, data, strict=True)
    }
    handle = rows[0][2].element
    cells = [
        Cell(cell.row, cell.col, cell.rowspan, cell.colspan, text, element)
        for cell in table.cells
        if not cell.is_data or (cell.row, cell.col) in values
        for text, element in [values.get((cell.row, cell.col), (cell.text, handle))]
    ]
    return Grid(tuple(cells))


def _is_header(tables: Sequence[FormTable], labels: Sequence[str]) -> bool:
    """Whether a text row without numbers names columns (自然人 … 总计): a header row."""
    specs = [spec for spec in FORM_INDEX if spec.key in {t.key for t in tables}]
    return any(spec.columns.match(label) for label in labels for spec in specs)


def _matching_shapes(
    tables: Sequence[FormTable], labels: Sequence[str], count: int
) -> list[_RowShape]:
    """The official data rows a text row's labels name (a row without labels only in table 四,
    whose one data row has none, and only with all its cells)."""
    if not labels:
        return [
            s
            for t in tables
            for s in _SHAPES[t.key]
            if not s.leaf and len(tables) == 1 and len(s.cells) == count
        ]
    found: list[_RowShape] = []
    for table in tables:
        hit = _LEAVES[table.key].match(labels[-1])
        found += [s for s in _SHAPES[table.key] if s.leaf and s.leaf in hit]
    return found


# -- putting it together -------------------------------------------------------------------------


def _document_parts(
    article: _Article,
) -> tuple[list[Paragraph[Element]], list[Grid[Element]], list[Note]]:
    """The article's paragraphs and grids for :func:`.document.read_document`, text tables read."""
    blocks: list[_Block] = [*([article.title] if article.title else []), *article.blocks]
    lines = [b for b in blocks if isinstance(b, _Line)]
    numbers = {
        start: number
        for number, start in enumerate(section_starts(_lines_as_paragraphs(lines)), start=1)
        if start is not None
    }
    section: int | None = None
    paragraphs: list[Paragraph[Element]] = []
    grids: list[Grid[Element]] = []
    notes: list[Note] = []
    pending: list[_Line] = []
    pending_section: int | None = None

    def close_text_table() -> None:
        if not pending:
            return
        found, text_notes = _text_grids(pending, pending_section)
        grids.extend(found)
        notes.extend(text_notes)
        pending.clear()

    line_index = 0
    for block in blocks:
        if isinstance(block, _Table):
            close_text_table()
            grids.append(block.grid)
            continue
        section = numbers.get(line_index, section)
        line_index += 1
        if _text_row_labels(block.text) or (pending and _PIPE.search(block.text)):
            if not pending:
                pending_section = section
            pending.append(block)
            continue
        close_text_table()
        paragraphs.extend(_lines_as_paragraphs([block]))
    close_text_table()
    return paragraphs, grids, notes

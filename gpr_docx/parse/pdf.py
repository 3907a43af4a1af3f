"""PDF → report: the PDF front end of :func:`gpr_docx.parse`, with pdfplumber (MIT).

A published PDF has no tables and no paragraphs, only characters, lines and boxes at positions on
pages. This module rebuilds what the shared reading (:func:`.document.read_document`) needs from
them, deterministically and without guessing:

* **Tables** from their ruling: only stroked lines, stroked boxes and hairline-thin filled boxes
  are rules (a white or coloured background behind text is not). pdfplumber's table finder turns
  the rules into cell boxes; the distinct cell edges give the grid's rows and columns, and each
  box's edges its row and column spans — so a merged cell (``结果维持`` over two rows, ``行政诉讼``
  over ten columns) is one :class:`~gpr_docx.grid.Cell` with its spans, as in the Word file.
* A table cut by a page break continues: the last table of a page and the first of the next, with
  nothing but a page header or footer between them and the same outer edges, are one grid; a
  repeated header is dropped; a cell cut in two by the break (a merged ``三、本年度办理结果`` column,
  a row label ``（四）无`` / ``法提供``) is joined when its two parts make one official label or one
  part is empty.
* A box around body text is no table: a "table" of one column, and whole-width rows of prose at the
  top or bottom of a real table, are read as body text.
* **Paragraphs** from the text outside the tables, in reading order: lines are grouped by position,
  a line starts a paragraph when it is indented, centred or right-aligned or the line before ended
  short; page headers, footers and page numbers (``- 1 -``, ``— 1 —``, ``第 1 页``) are dropped.
  Text is joined without the spaces a PDF puts between Chinese characters and digits
  (``2024 年`` → ``2024年``), and a cell's lines (``商业企`` / ``业``, vertical text one character
  per line) are kept as lines, which label matching ignores.

Untrusted files are read within limits (:class:`~gpr_docx.oxml.Limits` for sizes, plus the page
count and a time budget here): the raw file is scanned for compressed streams before pdfminer
sees it, so a stream that would inflate past the limit is refused without inflating it; pages are
counted while they are enumerated; the time is checked between pages. A PDF without a text layer
(a scan) is refused with its own error rather than read as an empty report. See docs/parsing.md.
"""

from __future__ import annotations

import bisect
import io
import os
import re
import statistics
import time
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Final

import attrs

from .._fs import read_limited
from ..errors import (
    BrokenPdfError,
    EncryptedPdfError,
    NotPdfError,
    PdfLimitError,
    PdfSupportMissingError,
    ScannedPdfError,
)
from ..grid import BoundingBox, Cell, Grid, Paragraph
from ..oxml.package import DEFAULT_LIMITS, Limits
from .cells import FORM_INDEX, read_value
from .document import read_document
from .labels import core, normalize
from .result import Note, NoteKind, ParsedReport

if TYPE_CHECKING:
    from pdfplumber.page import Page
    from pdfplumber.pdf import PDF

__all__ = [
    "MAX_DEPTH",
    "MAX_PAGES",
    "MAX_RULES",
    "OBJECT_DATA",
    "PAGE_CONTENT",
    "TIME_BUDGET",
    "PdfLayout",
    "check_structure",
    "parse_pdf",
    "read_layout",
]

MAX_PAGES: Final = 200
"""Most pages read; an annual report has five to twenty."""
TIME_BUDGET: Final = 20.0
"""Seconds a PDF may take to read, checked between pages (pdfminer itself has no time limit)."""
PAGE_CONTENT: Final = 2 * 1024 * 1024
"""Largest decoded drawing instructions of one page (a real report page has 10 to 100 kB)."""
OBJECT_DATA: Final = 2 * 1024 * 1024
"""Most bytes of PDF objects outside streams (and in object streams); real reports have 10–300 kB."""
MAX_DEPTH: Final = 64
"""Deepest nesting of dictionaries and arrays; real files stay under 10."""
MAX_RULES: Final = 2500
"""Most line segments on one page: the table finder compares every vertical with every horizontal
one. A page of table 三 has 40 to 60; one with every cell's four borders drawn apart some 2000."""
INSTALL_HINT: Final = "pip install 'gpr-docx[pdf]'"
"""How to install the PDF reader, which is an optional extra."""

_MB: Final = 1024 * 1024
_HEADER_WINDOW: Final = 1024
"""The ``%PDF-`` header may follow some junk, within the first kilobyte (as readers accept)."""
_TOLERANCE: Final = 3.0
"""Points within which two edges are one (rules drawn twice, rounding)."""
_HAIRLINE: Final = 2.0
"""A filled box at most this thick is a rule drawn as a box (Word and LibreOffice do that)."""
_MARGIN_BAND: Final = 0.15
"""Share of the page height at its top and bottom where headers, footers and page numbers are."""
_PAGE_NUMBER: Final = re.compile(
    r"^[-—–－―~·\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*/\s*\d+)?[-—–－―~·\s]*$"
)
_PROSE: Final = 40
"""A table row whose only cell holds more than this many characters is body text in a box."""
_ASCII_WORD: Final = re.compile(r"[A-Za-z0-9]")
_TITLE_SIZE: Final = 1.2
"""A line in a font this much larger than the body's is a title line."""


def parse_pdf(
    source: str | os.PathLike[str] | bytes, *, limits: Limits | None = None
) -> ParsedReport:
    """Read a published PDF report (a path or its bytes) into a :class:`ParsedReport` with its notes.

    Raises:
        PdfSupportMissingError: pdfplumber is not installed (``pip install 'gpr-docx[pdf]'``).
        NotPdfError, EncryptedPdfError, BrokenPdfError, PdfLimitError, ScannedPdfError: The file is
            not a PDF, has an open password, is damaged, is over a limit or has no text layer.
        ParseError: For a PDF that is no report, the errors of the shared reading
            (``gpr_docx.parse.document.read_document``), as for a .docx.
        InputNotFoundError: The file does not exist.
    """
    limits = DEFAULT_LIMITS if limits is None else limits
    data, name = read_limited(
        source,
        limits.file_size,
        unnamed="<PDF>",
        what="PDF 文件",
        too_large=PdfLimitError,
        unreadable=NotPdfError,
    )
    layout = read_layout(data, name=name, limits=limits)
    parsed = read_document(layout.paragraphs, layout.grids, name=name)
    if not layout.textless_pages:
        return parsed
    pages = "、".join(str(n) for n in layout.textless_pages)
    note = Note(NoteKind.MISSING, f"第 {pages} 页没有文字层（可能是扫描图片），其内容未读入")
    return attrs.evolve(parsed, notes=(*parsed.notes, note))


@attrs.frozen
class PdfLayout:
    """What a PDF holds for the shared reading: its body paragraphs and table grids, in order."""

    paragraphs: tuple[Paragraph[None], ...]
    grids: tuple[Grid[None], ...]
    pages: int
    textless_pages: tuple[int, ...] = ()
    """Pages without a single character (scanned pages in a PDF that has text elsewhere)."""


def read_layout(data: bytes, *, name: str = "<PDF>", limits: Limits = DEFAULT_LIMITS) -> PdfLayout:
    """The paragraphs and table grids of the PDF ``data`` (see the module's description)."""
    _check_header(data, name)
    pdfplumber = _pdfplumber()
    check_structure(data, limits=limits, name=name)
    started = time.monotonic()
    pages: list[_PageContent] = []
    with _Opened(pdfplumber, data, name) as pdf:
        for page in _pages(pdf, name):
            _check_time(started, name, page.page_number)
            pages.append(_read_page(page, name))
            page.close()
    if not pages:
        raise BrokenPdfError("PDF 中没有页面", place=name)
    text_chars = sum(p.chars for p in pages)
    if text_chars == 0:
        raise ScannedPdfError(
            "PDF 没有文字层（可能是扫描件或图片），无法读取表格和文字；"
            "请使用可复制文字的 PDF、网页或 Word 版本",
            place=name,
        )
    undecodable = sum(p.undecodable for p in pages)
    if undecodable * 2 > text_chars:
        raise ScannedPdfError(
            "PDF 的文字无法解码为汉字（字体缺少编码映射），无法读取；请使用网页或 Word 版本",
            place=name,
        )
    grids = _join_pages(pages)
    paragraphs = _paragraphs(pages)
    textless = tuple(p.number for p in pages if not p.chars)
    return PdfLayout(tuple(paragraphs), tuple(g.grid() for g in grids), len(pages), textless)


# -- opening within limits -----------------------------------------------------------------------


def _check_header(data: bytes, name: str) -> None:
    if b"%PDF-" not in data[:_HEADER_WINDOW]:
        raise NotPdfError("不是 PDF 文件（文件开头没有 %PDF- 标记）", place=name)


_STREAM: Final = re.compile(rb">>\s*stream\r?\n")
_ENDSTREAM: Final = b"endstream"
_NESTING: Final = re.compile(rb"<<|>>|\[|\]")
_OBJECT_STREAM: Final = re.compile(rb"/Type\s*/(?:ObjStm|XRef)\b")


def check_structure(data: bytes, *, limits: Limits = DEFAULT_LIMITS, name: str = "<PDF>") -> None:
    """Refuse a hostile PDF from its raw bytes, before pdfminer (which has no limits) parses it.

    * Every ``stream`` whose filters name ``/FlateDecode`` (also behind an ASCII filter) is inflated
      here in chunks, counting and discarding the output, up to ``limits.part_size`` for one stream
      and ``limits.total_size`` for all (the limits of a .docx's parts): a stream that would
      inflate to 1 GB stops at 64 MB, and pdfminer, which inflates a stream whole in memory, never
      meets it. LZW and run-length streams, which pdfminer decodes slowly and no current producer
      writes, are refused over 256 kB.
    * The objects themselves (everything outside streams, and the compressed object and
      cross-reference streams once inflated) are at most :data:`OBJECT_DATA` bytes — pdfminer
      parses them at some 300 kB a second, and a real report has 10 to 300 kB of them — and
      dictionaries and arrays nest at most :data:`MAX_DEPTH` deep (real files: under 10).
    """
    total = 0
    objects = 0
    depth = 0
    position = 0

    def structure(chunk: bytes) -> None:
        nonlocal objects, depth
        objects += len(chunk)
        if objects > OBJECT_DATA:
            raise PdfLimitError(
                f"PDF 的对象数据超过 {OBJECT_DATA // _MB} MB（年度报告通常不到 0.3 MB），已拒绝读取",
                place=name,
            )
        for token in _NESTING.finditer(chunk):
            depth = depth + 1 if token.group() in (b"<<", b"[") else max(0, depth - 1)
            if depth > MAX_DEPTH:
                raise PdfLimitError(
                    f"PDF 的字典或数组嵌套超过 {MAX_DEPTH} 层，已拒绝读取", place=name
                )

    while True:
        found = _STREAM.search(data, position)
        if found is None:
            structure(data[position:])
            return
        start = found.end()
        end = data.find(_ENDSTREAM, start)
        if end < 0:
            end = len(data)
        structure(data[position:start])
        position = end + len(_ENDSTREAM)
        dictionary = _stream_dictionary(data, found.start())
        compressed = _compressed(data[start:end], _filters(dictionary))
        if compressed is None:
            continue
        method, raw = compressed
        if method != b"FlateDecode":
            if len(raw) > _SLOW_FILTER_RAW:
                raise PdfLimitError(
                    "PDF 中有一个 LZW 或游程编码的大数据流（现代软件不再使用），已拒绝读取",
                    place=name,
                )
            continue
        size = _inflated_size(raw, limits.part_size)
        if size > limits.part_size:
            raise PdfLimitError(
                f"PDF 中有一个压缩数据流解压后超过 {limits.part_size // _MB} MB，已拒绝读取",
                place=name,
            )
        total += size
        if total > limits.total_size:
            raise PdfLimitError(
                f"PDF 的压缩数据解压后总计超过 {limits.total_size // _MB} MB，已拒绝读取",
                place=name,
            )
        if _OBJECT_STREAM.search(dictionary):
            structure(_inflated(raw, OBJECT_DATA))


_ABBREVIATIONS: Final = {
    b"AHx": b"ASCIIHexDecode",
    b"A85": b"ASCII85Decode",
    b"Fl": b"FlateDecode",
    b"LZW": b"LZWDecode",
    b"RL": b"RunLengthDecode",
}
_FILTERS: Final = re.compile(rb"/Filter\s*(\[[^\]]*\]|/\w+)")
_SLOW_FILTER_RAW: Final = 256 * 1024
"""Largest LZW or run-length stream: pdfminer decodes them in slow pure Python, and nothing that
makes annual reports today uses them (Word, WPS and LibreOffice write Flate)."""


def _stream_dictionary(data: bytes, at: int) -> bytes:
    """The dictionary of the stream whose ``stream`` keyword is at ``at``: from its ``obj``."""
    window = max(0, at - 65536)
    begin = data.rfind(b"obj", window, at)
    return data[begin if begin >= 0 else window : at + 2]


def _filters(dictionary: bytes) -> list[bytes]:
    """The stream's filters in order, full names (``/Fl`` is ``FlateDecode``)."""
    found = _FILTERS.search(dictionary)
    if found is None:
        return []
    names = re.findall(rb"/(\w+)", found.group(1))
    return [_ABBREVIATIONS.get(n, n) for n in names]


def _compressed(raw: bytes, filters: Sequence[bytes]) -> tuple[bytes, bytes] | None:
    """The stream's compression filter and its input: ``raw`` after the leading ASCII filters
    (which only shrink it); ``None`` for a stream without one (pictures, plain data)."""
    from pdfminer.ascii85 import ascii85decode, asciihexdecode

    for name in filters:
        if name == b"ASCIIHexDecode":
            raw = asciihexdecode(raw)
        elif name == b"ASCII85Decode":
            raw = ascii85decode(raw)
        elif name in (b"FlateDecode", b"LZWDecode", b"RunLengthDecode"):
            return name, raw
        else:
            return None
    return None


def _inflated(raw: bytes, limit: int) -> bytes:
    """``raw`` inflated, at most ``limit`` + 1 bytes of it (the caller refuses more)."""
    try:
        return zlib.decompressobj().decompress(raw, limit + 1)
    except zlib.error:
        return b""


def _inflated_size(raw: bytes, limit: int) -> int:
    """How many bytes ``raw`` inflates to, stopping just past ``limit``; a broken stream counts what it gave."""
    inflater = zlib.decompressobj()
    size = 0
    pending = raw
    chunk = 1 * _MB
    try:
        while pending and size <= limit:
            size += len(inflater.decompress(pending, chunk))
            pending = inflater.unconsumed_tail
            if inflater.eof:
                break
    except zlib.error:
        pass  # pdfminer reports a damaged stream its own way; only the size matters here
    return size


def _pdfplumber() -> Any:
    try:
        import pdfplumber
    except ImportError:
        raise PdfSupportMissingError(
            f"读取 PDF 需要安装可选依赖 pdfplumber：{INSTALL_HINT}"
        ) from None
    return pdfplumber


class _Opened:
    """pdfplumber's PDF as a context manager that turns pdfminer's failures into ours."""

    def __init__(self, pdfplumber: Any, data: bytes, name: str) -> None:
        self.name = name
        try:
            self.pdf: PDF = pdfplumber.PDF(io.BytesIO(data))
        except Exception as exc:  # pdfminer raises many kinds, all meaning "cannot open"
            raise _open_error(exc, name) from None

    def __enter__(self) -> PDF:
        return self.pdf

    def __exit__(self, *_: object) -> None:
        # Not pdf.close(): it enumerates every page of the document, past the page limit.
        self.pdf.stream.close()


def _open_error(exc: BaseException, name: str) -> Exception:
    cause = exc.__cause__ or exc.__context__ or exc
    if isinstance(exc, RecursionError) or isinstance(cause, RecursionError):
        return PdfLimitError("PDF 的对象嵌套过深，已拒绝读取", place=name)
    kinds = {type(exc).__name__, type(cause).__name__}
    text = f"{exc} {cause}"
    if kinds & {"PDFPasswordIncorrect", "PDFEncryptionError"} or "password" in text.lower():
        return EncryptedPdfError(
            "PDF 设有打开密码，无法读取；请发布机关提供未加密的版本", place=name
        )
    return BrokenPdfError("PDF 文件不完整或已损坏（可能下载时中断），无法读取", place=name)


def _pages(pdf: PDF, name: str) -> Iterator[Page]:
    """pdfplumber pages one by one, refusing a document past :data:`MAX_PAGES` as it is counted."""
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.page import Page

    doctop = 0.0
    found = PDFPage.create_pages(pdf.doc)
    number = 0
    while True:
        try:
            page_object = next(found)
        except StopIteration:
            return
        except RecursionError:
            raise PdfLimitError("PDF 的页面树嵌套过深，已拒绝读取", place=name) from None
        except Exception as exc:
            raise _open_error(exc, name) from None
        number += 1
        if number > MAX_PAGES:
            raise PdfLimitError(f"PDF 超过 {MAX_PAGES} 页，不像年度报告，已拒绝读取", place=name)
        try:
            page = Page(pdf, page_object, page_number=number, initial_doctop=doctop)
        except Exception as exc:
            raise _page_error(exc, name, number) from None
        doctop += float(page.height)
        yield page


def _page_error(exc: BaseException, name: str, number: int) -> Exception:
    if isinstance(exc, RecursionError):
        return PdfLimitError(f"第 {number} 页的对象嵌套过深，已拒绝读取", place=name)
    if isinstance(exc, PdfLimitError | ScannedPdfError):
        return exc
    return BrokenPdfError(f"第 {number} 页已损坏，无法读取", place=name)


def _check_time(started: float, name: str, number: int) -> None:
    if time.monotonic() - started > TIME_BUDGET:
        raise PdfLimitError(
            f"读到第 {number} 页时已超过 {TIME_BUDGET:.0f} 秒，已停止读取", place=name
        )


def _content_size(page: Page) -> int:
    contents = page.page_obj.contents
    size = 0
    for stream in contents:
        data = stream.get_data() if hasattr(stream, "get_data") else b""
        size += len(data)
    return size


# -- one page: characters, rules, tables ---------------------------------------------------------


@attrs.frozen
class _Line:
    """A line of text: its characters' extent and text, and the font size."""

    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    text: str


@attrs.frozen
class _Box:
    """A table cell as found on its page: its box and text, before rows and columns are counted."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    text: str

    @property
    def bbox(self) -> BoundingBox:
        return (self.x0, self.top, self.x1, self.bottom)


@attrs.define
class _Fragment:
    """One table on one page (or several joined across pages): cells with their grid rows."""

    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    cells: list[tuple[int, int, _Box]]
    """``(row, rowspan, box)`` for every cell; columns are counted from the boxes at the end."""
    height: int

    def grid(self) -> Grid[None]:
        edges = _clusters([b.x0 for _, _, b in self.cells] + [b.x1 for _, _, b in self.cells])
        cells = []
        for row, rowspan, box in sorted(self.cells, key=lambda c: (c[0], c[2].x0)):
            col = _index(edges, box.x0)
            colspan = max(1, _index(edges, box.x1) - col)
            cells.append(
                Cell(row, col, rowspan, colspan, box.text, None, page=box.page, bbox=box.bbox)
            )
        return Grid(tuple(cells))


@attrs.frozen
class _PageContent:
    number: int
    height: float
    lines: tuple[_Line, ...]
    """Text outside the tables, in reading order."""
    tables: tuple[_Fragment, ...]
    chars: int
    undecodable: int


def _read_page(page: Page, name: str) -> _PageContent:
    number = int(page.page_number)
    try:
        if _content_size(page) > PAGE_CONTENT:
            raise PdfLimitError(
                f"第 {number} 页的绘制指令超过 {PAGE_CONTENT // _MB} MB，已拒绝读取", place=name
            )
        page = page.dedupe_chars(tolerance=1)
        chars = [c for c in page.chars if str(c["text"]).strip()]
        rules = page.filter(_is_rule_or_text)
        edges = rules.edges
        if len(edges) > MAX_RULES:
            raise PdfLimitError(
                f"第 {number} 页有 {len(edges)} 条线，超过 {MAX_RULES} 条（表格用不了这么多），已拒绝读取",
                place=name,
            )
        settings = {"explicit_horizontal_lines": _closing_lines(edges)}
        found = rules.find_tables(settings) if chars else []
        index = _CharIndex(chars)
        tables = [_fragment(number, t.cells, index) for t in found]
    except (PdfLimitError, ScannedPdfError):
        raise
    except Exception as exc:
        raise _page_error(exc, name, number) from None
    kept: list[_Fragment] = []
    for table in tables:
        real = _drop_prose_rows(table)
        if real is not None:
            kept.append(real)
    inside = {id(c) for t in kept for _, _, box in t.cells for c in index.within(box.bbox)}
    body = [c for c in chars if id(c) not in inside]
    return _PageContent(
        number=number,
        height=float(page.height),
        lines=tuple(_lines(body, number)),
        tables=tuple(kept),
        chars=len(chars),
        undecodable=sum(1 for c in chars if str(c["text"]).startswith("(cid:")),
    )


def _is_rule_or_text(obj: dict[str, Any]) -> bool:
    """Keep what can rule a table: lines, stroked boxes, hairline filled boxes (and everything else
    that is not a box); a filled box without a stroke is a background, not a rule."""
    if obj.get("object_type") != "rect":
        return True
    if obj.get("stroke"):
        return True
    return min(float(obj["width"]), float(obj["height"])) <= _HAIRLINE


def _closing_lines(edges: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Horizontal rules to close a table cut by a page break, whose open side has none.

    Word and WPS draw no border where a page break cuts a table, so the last row on a page (and the
    first on the next) has its vertical rules but no horizontal one. For each block of vertical
    rules (rules whose heights overlap: one table), where two or more of them end at the block's
    bottom (or start at its top) and no horizontal rule joins them there, one is added.
    """
    verticals = sorted(
        (e for e in edges if e.get("orientation") == "v"), key=lambda e: float(e["top"])
    )
    horizontals = [e for e in edges if e.get("orientation") == "h"]
    blocks: list[list[dict[str, Any]]] = []
    for edge in verticals:
        if (
            blocks
            and float(edge["top"]) <= max(float(e["bottom"]) for e in blocks[-1]) + _TOLERANCE
        ):
            blocks[-1].append(edge)
        else:
            blocks.append([edge])
    added: list[dict[str, Any]] = []
    for block in blocks:
        for y, side in (
            (min(float(e["top"]) for e in block), "top"),
            (max(float(e["bottom"]) for e in block), "bottom"),
        ):
            ends = [e for e in block if abs(float(e[side]) - y) <= _TOLERANCE]
            if len(ends) < 2:
                continue
            x0 = min(float(e["x0"]) for e in ends)
            x1 = max(float(e["x1"]) for e in ends)
            closed = any(
                abs(float(h["top"]) - y) <= _TOLERANCE
                and float(h["x0"]) <= x0 + _TOLERANCE
                and float(h["x1"]) >= x1 - _TOLERANCE
                for h in horizontals
            )
            if not closed:
                added.append(_rule(x0, x1, y))
    return added


def _rule(x0: float, x1: float, y: float) -> dict[str, Any]:
    """A horizontal line object as pdfplumber describes one."""
    return {
        "object_type": "line",
        "x0": x0,
        "x1": x1,
        "top": y,
        "bottom": y,
        "width": x1 - x0,
        "height": 0.0,
    }


def _center(char: dict[str, Any]) -> tuple[float, float]:
    return (float(char["x0"]) + float(char["x1"])) / 2, (
        float(char["top"]) + float(char["bottom"])
    ) / 2


class _CharIndex:
    """A page's characters by the height of their centres, to find those inside a box quickly."""

    def __init__(self, chars: Sequence[dict[str, Any]]) -> None:
        placed = sorted(((*_center(c)[::-1], i) for i, c in enumerate(chars)))
        self.ys = [y for y, _, _ in placed]
        self.placed = placed
        self.chars = chars

    def within(self, bbox: BoundingBox) -> list[dict[str, Any]]:
        """The characters whose centre is inside ``bbox`` (edges included), in page order."""
        x0, top, x1, bottom = bbox
        start = bisect.bisect_left(self.ys, top)
        end = bisect.bisect_right(self.ys, bottom)
        found = sorted(i for _, x, i in self.placed[start:end] if x0 <= x <= x1)
        return [self.chars[i] for i in found]


def _clusters(values: Iterable[float]) -> list[float]:
    """Distinct positions: values within :data:`_TOLERANCE` of the previous one are one edge."""
    edges: list[float] = []
    for value in sorted(values):
        if not edges or value - edges[-1] > _TOLERANCE:
            edges.append(value)
    return edges


def _index(edges: Sequence[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def _fragment(
    page: int, boxes: Sequence[tuple[float, float, float, float]], chars: _CharIndex
) -> _Fragment:
    """A table from pdfplumber's cell boxes: rows from the distinct top and bottom edges."""
    unique = sorted(set(boxes), key=lambda b: (b[1], b[0]))
    rows = _clusters([b[1] for b in unique] + [b[3] for b in unique])
    cells: list[tuple[int, int, _Box]] = []
    for x0, top, x1, bottom in unique:
        text = _cell_text(chars.within((x0, top, x1, bottom)), page)
        row = _index(rows, top)
        rowspan = max(1, _index(rows, bottom) - row)
        cells.append((row, rowspan, _Box(page, x0, top, x1, bottom, text)))
    return _Fragment(
        page=page,
        top=min(b[1] for b in unique),
        bottom=max(b[3] for b in unique),
        x0=min(b[0] for b in unique),
        x1=max(b[2] for b in unique),
        cells=cells,
        height=max(1, len(rows) - 1),
    )


def _cell_text(chars: Sequence[dict[str, Any]], page: int) -> str:
    return "\n".join(line.text for line in _lines(chars, page))


def _drop_prose_rows(table: _Fragment) -> _Fragment | None:
    """``table`` without whole-width rows of prose at its top and bottom (body text in a box that
    touches a real table); ``None`` when nothing of a table is left (a box around text)."""
    width = len(_clusters([b.x0 for _, _, b in table.cells] + [b.x1 for _, _, b in table.cells]))
    if width <= 2:
        return None  # one column: a box around text, not a table
    rows = sorted({row for row, _, _ in table.cells})

    def prose(row: int) -> bool:
        own = [box for r, _, box in table.cells if r == row]
        if len(own) != 1 or len(normalize(own[0].text)) <= _PROSE:
            return False
        return not _label_core(own[0].text)

    keep = list(rows)
    while keep and prose(keep[0]):
        keep.pop(0)
    while keep and prose(keep[-1]):
        keep.pop()
    if not keep:
        return None
    if len(keep) == len(rows):
        return table
    first, last = keep[0], keep[-1]
    cells = [(r - first, s, b) for r, s, b in table.cells if first <= r <= last]
    return _Fragment(
        page=table.page,
        top=min(b.top for _, _, b in cells),
        bottom=max(b.bottom for _, _, b in cells),
        x0=min(b.x0 for _, _, b in cells),
        x1=max(b.x1 for _, _, b in cells),
        cells=cells,
        height=max(r + s for r, s, _ in cells),
    )


# -- text lines ----------------------------------------------------------------------------------


def _lines(chars: Sequence[dict[str, Any]], page: int) -> list[_Line]:
    """Characters grouped into lines (top to bottom), each line's text joined as a reader reads it."""
    if not chars:
        return []
    ordered = sorted(chars, key=lambda c: (_center(c)[1], float(c["x0"])))
    groups: list[list[dict[str, Any]]] = []
    anchor = 0.0
    for char in ordered:
        y = _center(char)[1]
        size = float(char["size"]) or 10.0
        if groups and abs(y - anchor) <= 0.4 * size:
            groups[-1].append(char)
            continue
        groups.append([char])
        anchor = y
    lines = []
    for group in groups:
        group.sort(key=lambda c: float(c["x0"]))
        sizes = [float(c["size"]) for c in group]
        lines.append(
            _Line(
                page=page,
                x0=min(float(c["x0"]) for c in group),
                x1=max(float(c["x1"]) for c in group),
                top=min(float(c["top"]) for c in group),
                bottom=max(float(c["bottom"]) for c in group),
                size=statistics.median(sizes),
                text=_join(group),
            )
        )
    return lines


def _join(chars: Sequence[dict[str, Any]]) -> str:
    """A line's characters as text: a space only between two Latin letters or digits apart."""
    out: list[str] = []
    previous: dict[str, Any] | None = None
    for char in chars:
        text = str(char["text"])
        if previous is not None:
            gap = float(char["x0"]) - float(previous["x1"])
            size = float(char["size"]) or 10.0
            if (
                gap > 0.25 * size
                and _ASCII_WORD.match(str(previous["text"])[-1:])
                and _ASCII_WORD.match(text[:1])
            ):
                out.append(" ")
        out.append(text)
        previous = char
    return "".join(out)


def _joined(a: str, b: str) -> str:
    """Two lines of one paragraph as one text (a space only between two Latin words)."""
    if a and b and _ASCII_WORD.match(a[-1]) and _ASCII_WORD.match(b[0]) and not a[-1].isdigit():
        return f"{a} {b}"
    return a + b


# -- tables across page breaks ---------------------------------------------------------------------


def _join_pages(pages: Sequence[_PageContent]) -> list[_Fragment]:
    """The tables of all pages in order, a table continued on the next page joined to its start."""
    joined: list[_Fragment] = []
    for index, page in enumerate(pages):
        for position, table in enumerate(page.tables):
            previous = joined[-1] if joined else None
            if (
                position == 0
                and previous is not None
                and index > 0
                and previous is _last_table(joined, pages[index - 1])
                and _ends_page(previous, pages[index - 1])
                and _starts_page(table, page)
                and abs(previous.x0 - table.x0) <= 3 * _TOLERANCE
                and abs(previous.x1 - table.x1) <= 3 * _TOLERANCE
            ):
                joined[-1] = _continue(previous, table)
            else:
                joined.append(table)
    return joined


def _last_table(joined: Sequence[_Fragment], page: _PageContent) -> _Fragment | None:
    own = [t for t in joined if any(box.page == page.number for _, _, box in t.cells)]
    return own[-1] if own else None


def _body(page: _PageContent) -> list[_Line]:
    return [line for line in page.lines if not _is_margin_line(line, page)]


def _ends_page(table: _Fragment, page: _PageContent) -> bool:
    bottom = max(b.bottom for _, _, b in table.cells if b.page == page.number)
    return not any(line.top >= bottom - _TOLERANCE for line in _body(page))


def _starts_page(table: _Fragment, page: _PageContent) -> bool:
    top = min(b.top for _, _, b in table.cells if b.page == page.number)
    return not any(line.bottom <= top + _TOLERANCE for line in _body(page))


def _continue(upper: _Fragment, lower: _Fragment) -> _Fragment:
    """``lower`` (the top of a page) appended to ``upper`` (the end of the page before)."""
    lower_cells = _without_repeated_header(upper, lower)
    if not lower_cells:
        return upper
    first = min(r for r, _, _ in lower_cells)
    lower_cells = [(r - first, s, b) for r, s, b in lower_cells]
    bottom = [cell for cell in upper.cells if cell[0] + cell[1] == upper.height]
    top = [cell for cell in lower_cells if cell[0] == 0]
    pairs = [
        (u, v)
        for u in bottom
        for v in top
        if abs(u[2].x0 - v[2].x0) <= _TOLERANCE and abs(u[2].x1 - v[2].x1) <= _TOLERANCE
    ]
    labels = {(id(u), id(v)) for u, v in pairs if _label_join(u[2].text, v[2].text)}
    single = [(u, v) for u, v in pairs if u[1] == 1 and v[1] == 1 and u[0] == upper.height - 1]
    split_row = bool(single) and any((id(u), id(v)) in labels for u, v in single)
    split_row = split_row and all(
        (id(u), id(v)) in labels or not u[2].text.strip() or not v[2].text.strip()
        for u, v in single
    )
    offset = upper.height - 1 if split_row else upper.height
    joins: dict[int, tuple[int, int, _Box]] = {}
    for u, v in pairs:
        spanning = u[1] > 1 or v[1] > 1
        empty = not u[2].text.strip() or not v[2].text.strip()
        if (id(u), id(v)) in labels or (split_row and (u, v) in single) or (spanning and empty):
            joins[id(v)] = u
    cells = list(upper.cells)
    for cell in lower_cells:
        row, span, box = cell
        partner = joins.get(id(cell))
        if partner is None:
            cells.append((row + offset, span, box))
            continue
        at = cells.index(partner)
        u_row, _, u_box = partner
        text = "\n".join(t for t in (u_box.text, box.text) if t.strip())
        cells[at] = (u_row, row + offset + span - u_row, attrs.evolve(u_box, text=text))
    height = max(r + s for r, s, _ in cells)
    return _Fragment(
        page=upper.page,
        top=upper.top,
        bottom=lower.bottom,
        x0=min(upper.x0, lower.x0),
        x1=max(upper.x1, lower.x1),
        cells=cells,
        height=height,
    )


def _without_repeated_header(upper: _Fragment, lower: _Fragment) -> list[tuple[int, int, _Box]]:
    """``lower``'s cells less its first rows when they repeat ``upper``'s first rows (a header)."""

    def row(cells: Sequence[tuple[int, int, _Box]], index: int) -> list[tuple[str, int, float]]:
        return sorted((normalize(b.text), s, round(b.x0)) for r, s, b in cells if r == index)

    repeated = 0
    while repeated < min(upper.height, lower.height) - 1:
        mine = row(lower.cells, repeated)
        theirs = row(upper.cells, repeated)
        if not mine or [(t, s) for t, s, _ in mine] != [(t, s) for t, s, _ in theirs]:
            break
        if not any(t for t, _, _ in mine):
            break
        repeated += 1
    return [(r, s, b) for r, s, b in lower.cells if r >= repeated]


def _label_cores() -> frozenset[str]:
    return frozenset(
        core(text)
        for spec in FORM_INDEX
        for text in (*spec.rows.labels, *spec.columns.labels)
        if core(text)
    )


_LABEL_CORES: Final = _label_cores()


def _label_core(text: str) -> bool:
    return core(text) in _LABEL_CORES


def _label_join(upper: str, lower: str) -> bool:
    """Whether a cell cut by a page break is one label: the halves are not, their sum is."""
    if not upper.strip() or not lower.strip():
        return False
    if read_value(upper, fee=False)[0] is None or read_value(lower, fee=False)[0] is None:
        return False
    return not _label_core(upper) and _label_core(upper + lower)


# -- paragraphs ------------------------------------------------------------------------------------


def _is_margin_line(line: _Line, page: _PageContent) -> bool:
    band = _MARGIN_BAND * page.height
    in_margin = line.bottom <= band or line.top >= page.height - band
    return in_margin and bool(_PAGE_NUMBER.match(line.text))


def _repeated_margin_texts(pages: Sequence[_PageContent]) -> frozenset[str]:
    """Texts in the top or bottom band of at least half the pages (running heads and feet)."""
    if len(pages) < 2:
        return frozenset()
    seen: Counter[str] = Counter()
    for page in pages:
        band = _MARGIN_BAND * page.height
        texts = {
            re.sub(r"\d+", "#", normalize(line.text))
            for line in page.lines
            if line.bottom <= band or line.top >= page.height - band
        }
        seen.update(t for t in texts if t)
    return frozenset(t for t, n in seen.items() if n >= max(2, len(pages) // 2))


@attrs.frozen
class _Margins:
    left: float
    right: float
    size: float

    @property
    def middle(self) -> float:
        return (self.left + self.right) / 2


def _margins(lines: Sequence[_Line]) -> _Margins:
    if not lines:
        return _Margins(0.0, 0.0, 10.0)
    size = statistics.median(line.size for line in lines)
    lefts = Counter(round(line.x0) for line in lines)
    common = [x for x, n in lefts.items() if n >= max(2, len(lines) // 10)]
    left = min(common) if common else min(line.x0 for line in lines)
    rights = Counter(round(line.x1) for line in lines)
    wide = [x for x, n in rights.items() if n >= max(2, len(lines) // 10)]
    right = max(wide) if wide else max(line.x1 for line in lines)
    return _Margins(float(left), float(right), float(size))


def _paragraphs(pages: Sequence[_PageContent]) -> list[Paragraph[None]]:
    repeated = _repeated_margin_texts(pages)
    body: list[tuple[_Line, bool]] = []
    for page in pages:
        band = _MARGIN_BAND * page.height
        table_tops = [t.top for t in page.tables] + [
            b.top for t in page.tables for _, _, b in t.cells if b.page == page.number
        ]
        previous_bottom = 0.0
        for line in page.lines:
            if _is_margin_line(line, page):
                continue
            if (line.bottom <= band or line.top >= page.height - band) and re.sub(
                r"\d+", "#", normalize(line.text)
            ) in repeated:
                continue
            after_table = any(previous_bottom <= top <= line.top for top in table_tops)
            body.append((line, after_table))
            previous_bottom = line.bottom
    margins = _margins([line for line, _ in body])
    paragraphs: list[Paragraph[None]] = []
    current: list[_Line] = []
    kind = ""
    for line, after_table in body:
        line_kind = _kind(line, margins)
        if current and not after_table and _continues(current[-1], line, kind, line_kind, margins):
            current.append(line)
            continue
        if current:
            paragraphs.append(_paragraph(current, kind))
        current = [line]
        kind = line_kind
    if current:
        paragraphs.append(_paragraph(current, kind))
    return paragraphs


def _kind(line: _Line, margins: _Margins) -> str:
    """``"centre"`` (also a line in a larger font: a title), ``"right"``, ``"indent"`` (a first
    line) or ``""`` (a line at the margin)."""
    unit = margins.size
    if line.size >= _TITLE_SIZE * margins.size:
        return "centre"
    inside = line.x0 > margins.left + unit and line.x1 < margins.right - unit
    if inside and abs((line.x0 + line.x1) / 2 - margins.middle) <= unit:
        return "centre"
    left, right = line.x0 - margins.left, margins.right - line.x1
    if left > 4 * unit and left > 2 * right + unit:
        return "right"
    if line.x0 > margins.left + 0.8 * unit:
        return "indent"
    return ""


def _continues(previous: _Line, line: _Line, kind: str, line_kind: str, margins: _Margins) -> bool:
    """Whether ``line`` goes on the paragraph that ``previous`` ended (of kind ``kind``)."""
    if kind == "centre" or line_kind == "centre":
        return (
            kind == line_kind
            and previous.page == line.page
            and abs(previous.size - line.size) < 0.5
            and line.top - previous.bottom < previous.size
        )
    if line_kind in ("right", "indent") or kind == "right":
        return False
    if previous.x1 < margins.right - 1.5 * margins.size:
        return False
    return previous.page != line.page or line.top - previous.bottom < 1.2 * max(
        previous.size, line.size
    )


def _paragraph(lines: Sequence[_Line], kind: str) -> Paragraph[None]:
    text = ""
    for line in lines:
        text = _joined(text, line.text) if text else line.text
    return Paragraph(text, None, right_aligned=kind == "right")

"""Tiny PDFs written by hand for the PDF reader's tests: text, ruled tables, boxes, pictures, bombs.

Independent of the reader: a page is drawn from :class:`Text` items (top-left positions in points,
Chinese through a Type0 font whose ToUnicode map is the identity, so the text layer says exactly
what was written), :class:`Rule` lines, filled :class:`Box` es and pictures; :func:`raw_pdf` writes
any objects given as bytes, with a correct cross-reference table, for the hostile files.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from typing import Final

import attrs

WIDTH: Final = 595.0
HEIGHT: Final = 842.0
ASCENT: Final = 0.88
"""Where a line's baseline is below its top, in ems (the font descriptor says the same)."""


@attrs.frozen
class Text:
    """``text`` at ``(x, top)``, each character one em wide, or stacked one per line (``vertical``)."""

    x: float
    top: float
    text: str
    size: float = 12.0
    vertical: bool = False


@attrs.frozen
class Rule:
    """A stroked line from ``(x0, y0)`` to ``(x1, y1)``, measured from the page's top-left corner."""

    x0: float
    y0: float
    x1: float
    y1: float


@attrs.frozen
class Box:
    """A rectangle, filled white (a text background) unless ``stroke`` draws its outline instead."""

    x0: float
    top: float
    x1: float
    bottom: float
    stroke: bool = False


@attrs.frozen
class Page:
    texts: Sequence[Text] = ()
    rules: Sequence[Rule] = ()
    boxes: Sequence[Box] = ()
    picture: bool = False
    """A full-page picture (a scanned page) and nothing else."""


def grid_rules(xs: Sequence[float], ys: Sequence[float]) -> list[Rule]:
    """The rules of a plain table with column edges ``xs`` and row edges ``ys``."""
    return [Rule(xs[0], y, xs[-1], y) for y in ys] + [Rule(x, ys[0], x, ys[-1]) for x in xs]


def _hex(text: str) -> str:
    return "".join(f"{ord(char):04X}" for char in text)


def _content(page: Page) -> bytes:
    out: list[str] = []
    for box in page.boxes:
        y = HEIGHT - box.bottom
        shape = f"{box.x0:.2f} {y:.2f} {box.x1 - box.x0:.2f} {box.bottom - box.top:.2f} re"
        out.append(f"0 G 0.5 w {shape} S" if box.stroke else f"1 g {shape} f")
    for rule in page.rules:
        out.append(
            f"0 G 0.5 w {rule.x0:.2f} {HEIGHT - rule.y0:.2f} m {rule.x1:.2f} {HEIGHT - rule.y1:.2f} l S"
        )
    if page.picture:
        out.append(f"q {WIDTH:.0f} 0 0 {HEIGHT:.0f} 0 0 cm /Im1 Do Q")
    out.append("0 g")
    for item in page.texts:
        lines = list(item.text) if item.vertical else [item.text]
        for index, line in enumerate(lines):
            top = item.top + index * item.size * 1.2
            baseline = HEIGHT - top - ASCENT * item.size
            out.append(
                f"BT /F1 {item.size:.2f} Tf 1 0 0 1 {item.x:.2f} {baseline:.2f} Tm <{_hex(line)}> Tj ET"
            )
    return "\n".join(out).encode("ascii")


def _stream(dictionary: str, data: bytes, *, compress: bool = True) -> bytes:
    if compress:
        data = zlib.compress(data)
        dictionary += " /Filter /FlateDecode"
    return f"<< {dictionary} /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream"


_TO_UNICODE: Final = (
    "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
    "/CMapName /Identity-UCS def /CMapType 2 def\n"
    "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
    "256 beginbfrange\n"
    + "".join(f"<{hi:02X}00> <{hi:02X}FF> <{hi:02X}00>\n" for hi in range(256))
    + "endbfrange\nendcmap CMapName currentdict /CMap defineresource pop end end"
)


def make_pdf(pages: Sequence[Page]) -> bytes:
    """A PDF of ``pages`` (A4) with a text layer in a CJK font that is not embedded."""
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, written once the pages are numbered
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H "
        b"/DescendantFonts [4 0 R] /ToUnicode 5 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor 6 0 R /DW 1000 >>",
        _stream("", _TO_UNICODE.encode("ascii")),
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 4 /FontBBox [0 -120 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>",
        _stream(
            "/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray "
            "/BitsPerComponent 8",
            bytes(range(64)),
        ),
    ]
    kids: list[int] = []
    for page in pages:
        objects.append(_stream("", _content(page)))
        content = len(objects)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {WIDTH:.0f} {HEIGHT:.0f}] "
            f"/Resources << /Font << /F1 3 0 R >> /XObject << /Im1 7 0 R >> >> "
            f"/Contents {content} 0 R >>".encode()
        )
        kids.append(len(objects))
    refs = " ".join(f"{k} 0 R" for k in kids)
    objects[1] = f"<< /Type /Pages /Kids [{refs}] /Count {len(kids)} >>".encode()
    return raw_pdf(objects)


def raw_pdf(objects: Sequence[bytes], *, root: int = 1) -> bytes:
    """A PDF file of ``objects`` (object ``n`` is ``objects[n - 1]``) with its xref and trailer."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: list[int] = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)

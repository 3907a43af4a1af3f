"""Reading PDF reports: the three real published PDFs, our own reports through LibreOffice, the
layouts real PDFs have (tables cut by page breaks, boxes around text, page numbers), hostile files."""

from __future__ import annotations

import base64
import datetime
import functools
import json
import re
import sys
import time
import zlib
from pathlib import Path
from typing import Any, Final

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gpr_docx import Limits, Report, check, examples, render
from gpr_docx.errors import (
    BrokenPdfError,
    EncryptedPdfError,
    InputNotFoundError,
    NotAReportError,
    NotPdfError,
    PdfLimitError,
    PdfSupportMissingError,
    ScannedPdfError,
)
from gpr_docx.findings import Severity
from gpr_docx.form import field_value
from gpr_docx.parse import NoteKind, ParsedReport
from gpr_docx.parse import pdf as pdf_reader
from gpr_docx.parse.cells import locate
from gpr_docx.parse.pdf import parse_pdf, read_layout
from tests.helpers import EXAMPLE_NAMES, SHARED
from tests.helpers.libreoffice import convert
from tests.helpers.official import TABLE_KEYS, example_data, expected_signature
from tests.helpers.pdf import Box, Page, Rule, Text, grid_rules, make_pdf, raw_pdf

pytest.importorskip("pdfplumber")

REALWORLD = SHARED / "realworld"
REAL = ("huaian-2024", "hongze-2023", "hongze-2024")


# -- the real published PDFs ------------------------------------------------------------------------


@functools.cache
def _real(name: str) -> tuple[ParsedReport, dict[str, Any]]:
    path = REALWORLD / f"{name}.pdf"
    if not path.exists():
        pytest.skip(f"real report not available at {path}")
    expected: dict[str, Any] = json.loads((REALWORLD / f"{name}.expected.json").read_text("utf-8"))
    return parse_pdf(path), expected


@pytest.mark.parametrize("name", REAL)
def test_every_hand_read_value_of_a_real_pdf_is_read_right(name: str) -> None:
    parsed, expected = _real(name)
    values = {**expected["table3_total_column"], **expected["table4"]}
    read = {path: field_value(parsed.report, path) for path, value in values.items() if value}
    assert read == {path: value for path, value in values.items() if value}
    zeros = [path for path, value in values.items() if value == 0]
    assert all(field_value(parsed.report, path) == 0 for path in zeros)
    assert len(values) >= 40
    assert parsed.edition == "2021"
    assert parsed.report.year == expected["year"]
    # These reports end with section 六's text, no 落款 or 成文日期 under it: no date is read, and
    # the hand-read values carry none.
    assert parsed.report.date is None and "date" not in expected
    assert parsed.gaps == ()


def _table_errors(report: Report) -> list[tuple[str, str]]:
    return [
        (f.rule, f.location.path)
        for f in check(report)
        if f.severity is Severity.ERROR and f.rule.startswith(("T3", "T4"))
    ]


def test_the_two_real_errors_of_hongze_2023_are_found() -> None:
    parsed, expected = _real("hongze-2023")
    assert len(expected["published_errors"]) == 2
    assert sorted(_table_errors(parsed.report)) == [
        ("T4-1", "review_litigation.review.total"),
        ("T4-3", "review_litigation.litigation_after_review.total"),
    ]


@pytest.mark.parametrize("name", ["huaian-2024", "hongze-2024"])
def test_consistent_real_pdfs_have_no_table_error(name: str) -> None:
    parsed, _ = _real(name)
    assert _table_errors(parsed.report) == []


@pytest.mark.parametrize("name", ["hongze-2023", "hongze-2024"])
def test_hongze_variants_are_read_with_notes(name: str) -> None:
    """The misspelt 2.其他法律行政止公开 and the single 2019-style （六）其他处理 row, each noted."""
    parsed, expected = _real(name)
    info = [n for n in parsed.notes if n.kind is NoteKind.INFO]
    misspelt = [n for n in info if n.text == "2.其他法律行政止公开"]
    assert len(misspelt) == 1
    assert "2.其他法律行政法规禁止公开" in misspelt[0].message
    assert any("只印了一行" in n.message for n in info)
    assert parsed.undivided_other is not None
    total = expected.get("undivided_other_processing_total", 0)
    assert parsed.undivided_other.total == total
    assert parsed.report.applications.results.other.other.total == total
    assert parsed.report.applications.results.withheld.prohibited_by_law.total == 0


def test_real_pdf_narrative_and_agency() -> None:
    parsed, _ = _real("huaian-2024")
    report = parsed.report
    assert report.agency == "淮安市人民政府"
    assert report.title is None  # 淮安市人民政府 / 2024 年政府信息公开工作年度报告, over two lines
    assert report.preface.startswith("本报告由淮安市人民政府办公室根据")
    assert "2024年1月1日至2024年12月31日" in report.preface  # digits and 年 without the spaces
    assert "3940元" in report.other_matters
    assert "- 5 -" not in report.problems and "- 6 -" not in report.other_matters
    assert "（二）依申请公开情况" in report.overview.on_request


def test_real_pdf_grids_have_pages_and_boxes() -> None:
    path = REALWORLD / "huaian-2024.pdf"
    if not path.exists():
        pytest.skip("real report not available")
    layout = read_layout(path.read_bytes())
    located = locate(layout.grids)
    (applications,) = (layout.grids[i] for i in located.tables["applications"])
    assert {cell.page for cell in applications.cells} == {4, 5}  # one grid across the break
    vertical = next(c for c in applications.cells if "本\n年\n度" in c.text)
    assert re.sub(r"\s", "", vertical.text) == "三、本年度办理结果"
    assert vertical.rowspan == 22
    cut = next(c for c in applications.cells if c.text.startswith("（四）无"))
    assert cut.text == "（四）无\n法提供"
    assert cut.rowspan == 3
    assert all(cell.bbox is not None for cell in applications.cells)
    (review,) = (layout.grids[i] for i in located.tables["review_litigation"])
    upheld = sorted((c.row, c.col, c.rowspan) for c in review.cells if c.text == "结果\n维持")
    assert upheld == [(1, 0, 2), (2, 5, 1), (2, 10, 1)]


# -- our own reports through LibreOffice -------------------------------------------------------------


_DATED: Final = {"example-district-2024": datetime.date(2025, 1, 20)}
"""The examples printed with a 成文日期 under the signature (the others without one)."""


def _printed(name: str) -> Report:
    """The example ``name`` as it is printed to PDF."""
    report = examples.load(name)
    return attrs.evolve(report, date=_DATED.get(name, report.date))


@pytest.fixture(scope="module")
def libreoffice_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdf")
    sources = []
    for name in EXAMPLE_NAMES:
        source = folder / f"{name}.docx"
        source.write_bytes(render(_printed(name)))
        sources.append(source)
    pdfs = convert(sources, "pdf", folder, timeout=300)
    return dict(zip(EXAMPLE_NAMES, pdfs, strict=True))


def _text(value: str) -> str:
    # LibreOffice hangs a comma at a line end into the margin and leaves it out of the text layer.
    return re.sub(r"[\s，]", "", value)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["dasheng-2024", "example-district-2024"])
def test_our_report_through_libreoffice_pdf_reads_back(
    libreoffice_pdfs: dict[str, Path], name: str
) -> None:
    report = _printed(name)
    parsed = parse_pdf(libreoffice_pdfs[name])
    assert parsed.report.date == report.date
    for table in TABLE_KEYS:  # every cell of tables 二–四
        assert getattr(parsed.report, table) == getattr(report, table), table
    assert parsed.gaps == ()
    assert parsed.edition == "2021"
    assert (parsed.report.year, parsed.report.agency) == (report.year, report.agency)
    for field in ("preface", "problems", "improvements", "other_matters"):
        assert _text(getattr(parsed.report, field)) == _text(getattr(report, field)), field
    assert _text(str(parsed.report.overview)) == _text(str(report.overview))
    assert _text(parsed.report.document_title) == _text(report.document_title)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["dasheng-2024", "example-district-2024"])
def test_libreoffice_pdf_grids_are_the_official_merge_signature(
    libreoffice_pdfs: dict[str, Path], name: str
) -> None:
    layout = read_layout(libreoffice_pdfs[name].read_bytes())
    located = locate(layout.grids)
    for key in TABLE_KEYS:
        (index,) = located.tables[key]  # a table cut by a page break is one grid
        got = sorted(
            (c.row, c.col, c.rowspan, c.colspan, re.sub(r"\s", "", c.text))
            for c in layout.grids[index].cells
        )
        want = sorted(
            (c.row, c.col, c.rowspan, c.colspan, re.sub(r"\s", "", c.text))
            for c in expected_signature(key, example_data(name))
        )
        assert got == want, key


# -- layouts of real PDFs, drawn by hand ---------------------------------------------------------------

_COLUMNS = (70.0, 200.0, 300.0, 400.0)


def _cells(top: float, rows: list[tuple[str, str, str]]) -> list[Text]:
    return [
        Text(x + 4, top + 8 + 30 * i, text)
        for i, row in enumerate(rows)
        for x, text in zip(_COLUMNS, row, strict=False)
        if text
    ]


def _grid_texts(layout: pdf_reader.PdfLayout) -> list[list[tuple[int, int, int, int, str]]]:
    return [
        sorted((c.row, c.col, c.rowspan, c.colspan, c.text) for c in grid.cells)
        for grid in layout.grids
    ]


def test_table_cut_by_a_page_break_is_one_grid() -> None:
    """No border where the page breaks, a repeated header, a group label cut in two, a vertical
    label continued by empty cells: one grid, the halves joined, the header once."""
    first = Page(
        texts=[
            Text(90, 70, "某某局2024年政府信息公开工作年度报告", size=16),
            *_cells(
                700, [("", "类别", "数量"), ("", "（三）不予公开", "4"), ("", "（四）无", "5")]
            ),
            Text(74, 735, "三、本年", vertical=True),
            Text(280, 800, "— 1 —", size=10),
        ],
        # no rule under the last row: the table goes on over the page
        rules=[Rule(70, 700, 400, 700), Rule(70, 730, 400, 730), Rule(200, 760, 400, 760)]
        + [Rule(x, 700, x, 790) for x in _COLUMNS],
    )
    second = Page(
        texts=[
            *_cells(80, [("", "类别", "数量"), ("", "法提供", "6"), ("", "（五）不予处理", "7")]),
            Text(280, 800, "— 2 —", size=10),
        ],
        rules=[Rule(70, 80, 400, 80), Rule(70, 110, 400, 110), Rule(200, 140, 400, 140)]
        + [Rule(70, 170, 400, 170)]
        + [Rule(x, 80, x, 170) for x in _COLUMNS],
    )
    layout = read_layout(make_pdf([first, second]))
    assert _grid_texts(layout) == [
        [
            (0, 0, 1, 1, ""),
            (0, 1, 1, 1, "类别"),
            (0, 2, 1, 1, "数量"),
            (1, 0, 4, 1, "三\n、\n本\n年"),
            (1, 1, 1, 1, "（三）不予公开"),
            (1, 2, 1, 1, "4"),
            (2, 1, 2, 1, "（四）无\n法提供"),
            (2, 2, 1, 1, "5"),
            (3, 2, 1, 1, "6"),
            (4, 1, 1, 1, "（五）不予处理"),
            (4, 2, 1, 1, "7"),
        ]
    ]
    assert {c.page for c in layout.grids[0].cells} == {1, 2}
    assert [p.text for p in layout.paragraphs] == ["某某局2024年政府信息公开工作年度报告"]


def test_box_around_body_text_is_text_not_a_table() -> None:
    body = "一、总体情况。本机关认真贯彻落实条例，全年主动公开政府信息一千条，办理申请二十件，答复全部按时。"
    prose = "这是表格上方的一段正文说明，和表格框在同一个方框里，它不属于表格，应当作为正文读出。"
    page = Page(
        texts=[
            Text(74, 100, body[:37]),
            Text(74, 118, body[37:]),
            Text(74, 204, prose[:26]),
            Text(74, 220, prose[26:]),
            *_cells(240, [("信息内容", "本年制发件数", "本年废止件数")]),
            *_cells(270, [("规章", "1", "2")]),
        ],
        boxes=[Box(70, 95, 470, 140, stroke=True)],  # a box around one paragraph
        rules=[
            *grid_rules(_COLUMNS, [240, 270, 300]),
            # a box above the table that shares its rules: one whole-width row of prose
            Rule(70, 200, 400, 200),
            Rule(70, 200, 70, 240),
            Rule(400, 200, 400, 240),
        ],
    )
    layout = read_layout(make_pdf([page]))
    texts = [p.text for p in layout.paragraphs]
    assert texts[0] == body
    assert "".join(texts[1:]) == prose
    (grid,) = layout.grids
    assert sorted(c.text for c in grid.cells if c.row == 0) == [
        "信息内容",
        "本年制发件数",
        "本年废止件数",
    ]


def test_white_backgrounds_behind_text_are_not_rules() -> None:
    """WPS fills a white box behind each line of body text; those boxes make no table."""
    lines = [f"第{i}行正文，这是一个较长的句子，用来占满整整一行的宽度。" for i in range(6)]
    page = Page(
        texts=[Text(74, 100 + 27 * i, line) for i, line in enumerate(lines)],
        boxes=[Box(70, 98 + 27 * i, 520, 125 + 27 * i) for i in range(6)],
    )
    layout = read_layout(make_pdf([page]))
    assert layout.grids == ()
    assert "".join(p.text for p in layout.paragraphs) == "".join(lines)


def test_paragraphs_page_numbers_signature_and_spaced_digits() -> None:
    full = "这一段正文很长，一直写到页面的右边，然后在下一页接着写下去"  # 28 characters
    pages = [
        Page(
            texts=[
                Text(200, 60, "某某市某某局", size=18),
                Text(120, 84, "2024 年政府信息公开工作年度报告", size=18),
                Text(98, 140, "一、总体情况"),
                Text(98, 160, full[:26]),
                Text(74, 180, full[:28]),
                Text(74, 800, "第 1 页"),
            ]
        ),
        Page(
            texts=[
                Text(74, 60, "到了第二页。"),
                Text(98, 80, "另起一段，共收到 12 件申请，比 2023 年增加 3 件。"),
                Text(380, 140, "某某市某某局"),
                Text(370, 160, "2025年1月20日"),
                Text(280, 800, "- 2 -"),
            ]
        ),
    ]
    layout = read_layout(make_pdf(pages))
    texts = [(p.text, p.right_aligned) for p in layout.paragraphs]
    assert texts == [
        ("某某市某某局2024年政府信息公开工作年度报告", False),
        ("一、总体情况", False),
        (full[:26] + full[:28] + "到了第二页。", False),
        ("另起一段，共收到12件申请，比2023年增加3件。", False),
        ("某某市某某局", True),
        ("2025年1月20日", True),
    ]


def test_latin_words_keep_their_spaces() -> None:
    page = Page(texts=[Text(74, 100, "邮箱："), Text(110, 100, "gk"), Text(140, 100, "office")])
    (paragraph,) = read_layout(make_pdf([page])).paragraphs
    assert paragraph.text == "邮箱：gk office"


# -- files that are no report, or hostile ----------------------------------------------------------


def _refused_quickly(data: bytes, match: str) -> None:
    """``data`` is refused over a limit, within seconds."""
    started = time.monotonic()
    with pytest.raises(PdfLimitError, match=match):
        parse_pdf(data)
    assert time.monotonic() - started < 5


def test_scanned_pdf_is_refused_with_its_own_error() -> None:
    with pytest.raises(ScannedPdfError, match=r"GPR525.*没有文字层"):
        parse_pdf(make_pdf([Page(picture=True)] * 3))


def test_pages_without_text_are_named() -> None:
    text = Page(texts=[Text(74, 100, "某某局2024年政府信息公开工作年度报告")])
    layout = read_layout(make_pdf([text, Page(picture=True), text]))
    assert layout.textless_pages == (2,)
    assert layout.pages == 3


def test_pdf_with_text_but_no_tables_is_no_report() -> None:
    page = Page(texts=[Text(74, 100, "某某局2024年政府信息公开工作年度报告")])
    with pytest.raises(NotAReportError, match="GPR506"):
        parse_pdf(make_pdf([page]))


@pytest.mark.parametrize("data", [b"", b"hello", b"PK\x03\x04 a zip file"])
def test_not_a_pdf(data: bytes) -> None:
    with pytest.raises(NotPdfError, match="GPR521"):
        parse_pdf(data)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError, match="GPR101"):
        parse_pdf(tmp_path / "none.pdf")
    with pytest.raises(NotPdfError, match="文件夹"):
        parse_pdf(tmp_path)


def test_truncated_pdf_is_broken() -> None:
    data = make_pdf([Page(texts=[Text(74, 100, "正文")])])
    for cut in (40, len(data) // 2):
        with pytest.raises(BrokenPdfError, match="GPR523"):
            parse_pdf(data[:cut])


def test_pdf_with_an_open_password_is_refused() -> None:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /Filter /Standard /V 1 /R 2 /P -4 /O <"
        + b"11" * 32
        + b"> /U <"
        + b"22" * 32
        + b"> >>",
    ]
    data = raw_pdf(objects).replace(
        b"/Root 1 0 R", b"/Root 1 0 R /Encrypt 4 0 R /ID [<00112233> <00112233>]"
    )
    with pytest.raises(EncryptedPdfError, match=r"GPR522.*密码"):
        parse_pdf(data)


def _pages(count: int) -> bytes:
    kids = " ".join(f"{n} 0 R" for n in range(3, count + 3))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * count
    return raw_pdf(objects)


def test_too_many_pages_are_refused_quickly() -> None:
    data = _pages(20_000)
    _refused_quickly(data, r"GPR524.*超过 200 页")


def _page_with(resources: bytes) -> bytes:
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
            + resources
            + b" >>",
        ]
    )


@pytest.mark.parametrize(
    "resources",
    [b"<< /X " + b"[" * 100_000 + b"]" * 100_000 + b" >>", b"<< /A " * 100_000 + b">> " * 100_000],
    ids=["arrays", "dictionaries"],
)
def test_deeply_nested_objects_are_refused(resources: bytes) -> None:
    data = _page_with(resources)
    _refused_quickly(data, "嵌套")


def test_deep_page_tree_is_refused() -> None:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    objects += [f"<< /Type /Pages /Kids [{n + 3} 0 R] /Count 1 >>".encode() for n in range(5000)]
    objects.append(b"<< /Type /Page /MediaBox [0 0 595 842] >>")
    with pytest.raises(PdfLimitError, match="GPR524"):
        parse_pdf(raw_pdf(objects))


def test_huge_objects_are_refused() -> None:
    data = _page_with(b"<< /Big [" + b"1 " * 1_500_000 + b"] >>")
    with pytest.raises(PdfLimitError, match="对象数据"):
        parse_pdf(data)


@pytest.fixture(scope="module")
def gigabyte_bomb() -> bytes:
    """A page whose content stream inflates to 1 GB (1 MB compressed)."""
    deflate = zlib.compressobj(1)
    zeros = bytes(1 << 20)
    stream = b"".join(deflate.compress(zeros) for _ in range(1024)) + deflate.flush()
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            f"<< /Length {len(stream)} /Filter /FlateDecode >>\nstream\n".encode()
            + stream
            + b"\nendstream",
        ]
    )


def test_gigabyte_stream_is_refused_without_inflating_it(gigabyte_bomb: bytes) -> None:
    _refused_quickly(gigabyte_bomb, "解压后超过 64 MB")
    with pytest.raises(PdfLimitError, match="解压后超过 1 MB"):
        parse_pdf(gigabyte_bomb, limits=Limits(part_size=1 << 20))


def test_file_size_limit() -> None:
    data = make_pdf([Page(texts=[Text(74, 100, "正文")])])
    with pytest.raises(PdfLimitError, match="文件超过"):
        parse_pdf(data, limits=Limits(file_size=100))


def test_page_drawing_instructions_and_time_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    data = make_pdf([Page(texts=[Text(74, 100 + 20 * i, "正文" * 10) for i in range(30)])] * 2)
    monkeypatch.setattr(pdf_reader, "PAGE_CONTENT", 100)
    with pytest.raises(PdfLimitError, match="第 1 页的绘制指令"):
        parse_pdf(data)
    monkeypatch.undo()
    monkeypatch.setattr(pdf_reader, "TIME_BUDGET", -1.0)
    with pytest.raises(PdfLimitError, match="读到第 1 页时已超过"):
        parse_pdf(data)


def test_missing_pdfplumber_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    with pytest.raises(PdfSupportMissingError, match=r"GPR520.*pip install 'gpr-docx\[pdf\]'"):
        parse_pdf(make_pdf([Page(texts=[Text(74, 100, "正文")])]))


def _stream_page(body: bytes, filters: bytes) -> bytes:
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            f"<< /Length {len(body)} /Filter ".encode()
            + filters
            + b" >>\nstream\n"
            + body
            + b"\nendstream",
        ]
    )


_FOUR_MB = zlib.compress(bytes(4 << 20), 1)


@pytest.mark.parametrize(
    ("body", "filters"),
    [
        # a dictionary inside the stream's dictionary, abbreviated names
        (_FOUR_MB, b"/Fl /DecodeParms << /Predictor 1 >>"),
        # the compressed data wrapped in an ASCII encoding first
        (base64.a85encode(_FOUR_MB) + b"~>", b"[/ASCII85Decode /FlateDecode]"),
        (_FOUR_MB.hex().encode() + b">", b"[/AHx /Fl]"),
    ],
    ids=["decode-parms", "ascii85", "hex"],
)
def test_every_spelling_of_a_compressed_stream_is_counted(body: bytes, filters: bytes) -> None:
    with pytest.raises(PdfLimitError, match="解压后超过 1 MB"):
        parse_pdf(_stream_page(body, filters), limits=Limits(part_size=1 << 20))


def test_large_lzw_stream_is_refused() -> None:
    with pytest.raises(PdfLimitError, match="LZW"):
        parse_pdf(_stream_page(b"\x80" * 400_000, b"/LZWDecode"))


def test_a_report_with_a_scanned_page_says_which(monkeypatch: pytest.MonkeyPatch) -> None:
    path = REALWORLD / "huaian-2024.pdf"
    if not path.exists():
        pytest.skip("real report not available")
    real = pdf_reader.read_layout

    def with_a_scanned_page(data: bytes, **options: Any) -> pdf_reader.PdfLayout:
        return attrs.evolve(real(data, **options), textless_pages=(7,))

    monkeypatch.setattr(pdf_reader, "read_layout", with_a_scanned_page)
    parsed = parse_pdf(path)
    (gap,) = parsed.gaps
    assert gap.kind is NoteKind.MISSING and "第 7 页没有文字层" in gap.message
    assert [f.rule for f in parsed.findings()] == ["GPR512"]


@st.composite
def merged_grids(draw: st.DrawFn) -> list[tuple[int, int, int, int]]:
    """A table's cells ``(row, col, rowspan, colspan)``: every grid position covered once."""
    rows, cols = draw(st.integers(2, 6)), draw(st.integers(2, 5))
    free = {(r, c) for r in range(rows) for c in range(cols)}
    cells = []
    for r in range(rows):
        for c in range(cols):
            if (r, c) not in free:
                continue
            width = 1
            while c + width < cols and (r, c + width) in free:
                width += 1
            colspan = draw(st.integers(1, width))
            rowspan = 1
            while r + rowspan < rows and all(
                (r + rowspan, x) in free for x in range(c, c + colspan)
            ):
                rowspan += 1
            rowspan = draw(st.integers(1, rowspan))
            free -= {(y, x) for y in range(r, r + rowspan) for x in range(c, c + colspan)}
            cells.append((r, c, rowspan, colspan))
    return cells


def _compressed(cells: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """The same cells counted on the edges they use (an edge no cell has is no grid line)."""
    xs = sorted({x for _, c, _, s in cells for x in (c, c + s)})
    ys = sorted({y for r, _, s, _ in cells for y in (r, r + s)})
    return [
        (ys.index(r), xs.index(c), ys.index(r + rs) - ys.index(r), xs.index(c + cs) - xs.index(c))
        for r, c, rs, cs in cells
    ]


@settings(max_examples=40, deadline=None)
@given(merged_grids())
def test_spans_of_merged_cells_are_rebuilt_from_the_rules(
    cells: list[tuple[int, int, int, int]],
) -> None:
    expected = _compressed(cells)
    assume(len({c for _, c, _, s in expected} | {c + s for _, c, _, s in expected}) > 2)
    left, top, width, height = 70.0, 100.0, 80.0, 30.0
    texts, rules = [], []
    for index, (r, c, rs, cs) in enumerate(cells):
        x0, y0 = left + c * width, top + r * height
        x1, y1 = x0 + cs * width, y0 + rs * height
        rules += [
            Rule(x0, y0, x1, y0),
            Rule(x0, y1, x1, y1),
            Rule(x0, y0, x0, y1),
            Rule(x1, y0, x1, y1),
        ]
        texts.append(Text(x0 + 4, y0 + 6, f"格{index}", size=10))
    (grid,) = read_layout(make_pdf([Page(texts=texts, rules=rules)])).grids
    got = sorted((c.row, c.col, c.rowspan, c.colspan, c.text) for c in grid.cells)
    assert got == sorted((*cell, f"格{i}") for i, cell in enumerate(expected))


def test_a_page_of_countless_lines_is_refused() -> None:
    """The table finder compares every vertical line with every horizontal one: the count is capped."""
    rules = [
        Rule(70 + i % 40 * 11, 60 + i // 40 * 11, 75 + i % 40 * 11, 60 + i // 40 * 11)
        for i in range(1300)
    ]
    rules += [Rule(r.x0, r.y0, r.x0, r.y0 + 5) for r in rules]
    with pytest.raises(PdfLimitError, match="2600 条线，超过 2500 条"):
        parse_pdf(make_pdf([Page(texts=[Text(74, 30, "正文")], rules=rules)]))


def test_parse_picks_the_pdf_reader_by_content(tmp_path: Path) -> None:
    """``gpr_docx.parse`` and ``gpr_docx.read`` reach the PDF reader by the file's bytes, any name."""
    from gpr_docx import parse, read

    source = REALWORLD / "huaian-2024.pdf"
    if not source.exists():
        pytest.skip(f"real reports not available at {REALWORLD}")
    renamed = tmp_path / "download.bin"
    renamed.write_bytes(source.read_bytes())
    assert parse(renamed).report == parse(source).report == read(source).report

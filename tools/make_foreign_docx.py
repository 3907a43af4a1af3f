"""Make the foreign test reports in ``tests/data/foreign/``: .docx files gpr_docx did not write.

Each report is written as an HTML page with the quirks real reports have (zeros left blank, labels
broken over lines, half-width brackets, straight quotes, digits padded with spaces or full-width,
section 二 as four small tables, no corner note, header rows repeated, an extra empty column,
table 四 with its vertical merges come apart into blank cells,
``/`` for not applicable, heading wording variants, a right-aligned signature) and converted to
.docx by LibreOffice, so the files come from another producer than the renderer. The table labels
are taken from the form map and then disturbed, never typed in again.

Run ``python tools/make_foreign_docx.py [NAME...]`` (needs ``soffice``); it rewrites the .docx files
(all, or the pages named) and the ``*.expected.json`` files beside them (the report data, and which
cells were blank / not applicable). LibreOffice stamps each file with the time, so rewrite only the
pages whose content changed.
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

from gpr_docx import examples  # noqa: E402
from gpr_docx._zh import chinese_date  # noqa: E402
from gpr_docx.data import dumps  # noqa: E402
from gpr_docx.form import FORM_TABLES, FormCell, FormTable, cell_text, field_value  # noqa: E402
from gpr_docx.model import (  # noqa: E402
    SECTION_HEADINGS,
    Overview,
    Report,
    Results,
    label,
)

OUT: Final = ROOT / "tests" / "data" / "foreign"
_HALF: Final = str.maketrans({"（": "(", "）": ")", "“": '"', "”": '"', "：": ":", "，": ","})
_FULL_DIGITS: Final = str.maketrans("0123456789.", "０１２３４５６７８９．")

# Labels of the 2019 form that the 2021 form does not have (official-format.md §4.1).
_LABELS_2019: Final = {
    "columns": ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
    "rows": ("规章", "规范性文件"),
    "changes": ("上一年项目数量", "本年增/减", "处理决定数量"),
    "other_services": "其他对外管理服务事项",
    "purchasing": ("第二十条第（九）项", "政府集中采购", "采购项目数量", "采购总金额"),
}


def _split(text: str, every: int = 4) -> str:
    """Break a label over lines the way a narrow Word cell does (``商业<br>企业``)."""
    escaped = [html.escape(text[i : i + every]) for i in range(0, len(text), every)]
    return "<br>".join(escaped)


def _quirky_label(text: str, index: int) -> str:
    value = text.translate(_HALF) if index % 2 == 0 else text
    value = value.replace("1.", "1、") if index % 5 == 0 else value
    return _split(value) if len(value) > 6 and index % 3 == 0 else html.escape(value)


def _quirky_value(value: object, index: int, *, blank_zeros: bool) -> str:
    """How an office typed a number: blank for 0, padded, full-width, or plain."""
    text = cell_text(value)
    if blank_zeros and text in ("0", "0.00"):
        return "" if index % 3 else "&nbsp;"
    if index % 4 == 1:
        return text.translate(_FULL_DIGITS)
    if index % 4 == 2:
        return f"&nbsp;{text}&nbsp;&nbsp;"
    return text


@attrs.frozen
class Page:
    """One foreign report: its HTML, and the data and notes a parser must read from it."""

    name: str
    html: str
    expected: dict[str, Any] | None
    blank: tuple[str, ...] = ()
    not_applicable: tuple[str, ...] = ()
    format: str = "2021"
    undivided_other: dict[str, int] | None = None
    error: str | None = None


def _path(cell: FormCell) -> str:
    if cell.field is None:
        raise ValueError(f"not a data cell: {cell}")
    return cell.field


def _cells(
    table: FormTable, value_of: Callable[[FormCell, int], str], corner: bool
) -> list[list[str]]:
    """HTML rows of one official table; a data cell's text comes from ``value_of``."""
    rows: list[list[str]] = [[] for _ in range(table.rows)]
    for index, cell in enumerate(table.cells):
        spans = ""
        if cell.rowspan > 1:
            spans += f' rowspan="{cell.rowspan}"'
        if cell.colspan > 1:
            spans += f' colspan="{cell.colspan}"'
        if cell.is_data:
            text = value_of(cell, index)
        elif cell.row == 0 and cell.col == 0 and cell.rowspan > 1 and not corner:
            text = ""
        else:
            text = _quirky_label(cell.text, index)
        rows[cell.row].append(f"<td{spans}>{text}</td>")
    return rows


def _table(rows: list[list[str]]) -> str:
    body = "".join(f"<tr>{''.join(r)}</tr>" for r in rows)
    return f'<table border="1" cellspacing="0" cellpadding="2">{body}</table>'


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())


def _narrative(report: Report, *, headings: list[str], tables: list[str], signature: bool) -> str:
    parts = [f'<p align="center"><b>{html.escape(report.document_title)}</b></p>']
    parts.append(_paragraphs(report.preface))
    parts.append(f"<p>{html.escape(headings[0])}</p>")
    for i, field in enumerate(attrs.fields(Overview)):
        parts.append(f"<p>({'一二三四五'[i]}){html.escape(label(Overview, field.name))}</p>")
        parts.append(_paragraphs(getattr(report.overview, field.name)))
    for heading, table in zip(headings[1:4], tables, strict=True):
        parts.append(f"<p>{html.escape(heading)}</p>{table}")
    parts.append(f"<p>{html.escape(headings[4])}</p>")
    parts.append(f"<p>（一）{report.year}年存在的主要问题</p>{_paragraphs(report.problems)}")
    parts.append(f"<p>（二）{report.year + 1}年工作改进措施</p>{_paragraphs(report.improvements)}")
    parts.append(f"<p>{html.escape(headings[5])}</p>{_paragraphs(report.other_matters)}")
    if signature:
        parts.append(f'<p align="right">{html.escape(report.agency)}</p>')
        if report.date is not None:
            parts.append(f'<p align="right">{chinese_date(report.date)}</p>')
    return "".join(parts)


def _page(body: str) -> str:
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>report</title></head>'
        f"<body>{body}</body></html>"
    )


def _quirks_report() -> Report:
    """The district example with a blank-heavy table 3 and no rule-making power (规章 not applicable)."""
    report = examples.load("example-district-2024")
    return attrs.evolve(report, title=None, date=datetime.date(report.year + 1, 1, 20))


def _quirks_page() -> Page:
    report = _quirks_report()
    blank: list[str] = []
    not_applicable: list[str] = []

    def value_of(cell: FormCell, index: int) -> str:
        path = _path(cell)
        if path.startswith("active_disclosure.regulations."):
            not_applicable.append(path)
            return "/" if index % 2 else "—"
        text = _quirky_value(field_value(report, path), index, blank_zeros=True)
        if text in ("", "&nbsp;"):
            blank.append(path)
        return text

    table2, table3, table4 = FORM_TABLES
    rows2 = _cells(table2, value_of, corner=True)
    # Section 二 as four small tables, one per 第二十条 item.
    starts = [c.row for c in table2.cells if c.colspan == table2.columns and not c.is_data]
    small = [rows2[a:b] for a, b in zip(starts, [*starts[1:], len(rows2)], strict=True)]
    tables2 = "<p></p>".join(_table(rows) for rows in small)
    rows3 = _cells(table3, value_of, corner=False)
    for row in rows3:  # an extra empty column at the right
        row.append("<td></td>")
    # Split table 3 as at a page break, the three header rows repeated on the next page.
    cut = table3.header_rows + 8
    first = rows3[:cut]
    header = rows3[: table3.header_rows]
    second = [list(r) for r in header] + _restart_spans(table3, cut, value_of)
    tables3 = _table(first) + _table(second)
    rows4 = _unmerged(table4, value_of)
    headings = list(SECTION_HEADINGS)
    headings[3] = "四、因政府信息公开工作被申请行政复议和提起行政诉讼情况"
    headings[4] = "五、存在问题及改进情况"
    headings[1] = headings[1].replace("、", ".")
    body = _narrative(
        report, headings=headings, tables=[tables2, tables3, _table(rows4)], signature=True
    )
    return Page(
        "quirks-2021",
        _page(body),
        json.loads(dumps(report, ".json")),
        tuple(sorted(set(blank))),
        tuple(sorted(set(not_applicable))),
    )


def _unmerged(table: FormTable, value_of: Callable[[FormCell, int], str]) -> list[list[str]]:
    """A table whose vertical merges came apart: the text in the top cell, blank cells below it."""
    rows: list[list[tuple[int, str]]] = [[] for _ in range(table.rows)]
    for index, cell in enumerate(table.cells):
        span = f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
        text = value_of(cell, index) if cell.is_data else _quirky_label(cell.text, index)
        rows[cell.row].append((cell.col, f"<td{span}>{text}</td>"))
        for below in range(cell.row + 1, cell.row + cell.rowspan):
            rows[below].append((cell.col, f"<td{span}></td>"))
    return [[html_cell for _, html_cell in sorted(row)] for row in rows]


def _restart_spans(
    table: FormTable, cut: int, value_of: Callable[[FormCell, int], str]
) -> list[list[str]]:
    """Rows from ``cut`` on as a table of their own: cells merged across the cut start again."""
    rows: list[list[str]] = [[] for _ in range(table.rows - cut)]
    for index, cell in enumerate(table.cells):
        end = cell.row + cell.rowspan
        if end <= cut:
            continue
        top = max(cell.row, cut)
        rowspan = end - top
        spans = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (
            f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
        )
        text = value_of(cell, index) if cell.is_data else _quirky_label(cell.text, index)
        rows[top - cut].append(f"<td{spans}>{text}</td>")
    for row in rows:
        row.append("<td></td>")
    return rows


def _table2_2019(report: Report) -> str:
    item = [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ]
    cols, rows_1, changes = (
        _LABELS_2019["columns"],
        _LABELS_2019["rows"],
        _LABELS_2019["changes"],
    )
    purchase = _LABELS_2019["purchasing"]
    ad = report.active_disclosure

    def block(title: str, header: str, lines: list[str]) -> str:
        return f'<tr><td colspan="5">{title}</td></tr>{header}{"".join(lines)}'

    one = (
        "".join(f"<td>{c}</td>" for c in (cols[0],))
        + f'<td colspan="2">{cols[1]}</td><td>{cols[2]}</td>'
    )
    change = f'<td>{changes[0]}</td><td colspan="2">{changes[1]}</td><td>{changes[2]}</td>'
    return (
        '<table border="1" cellspacing="0">'
        + block(
            item[0],
            f"<tr><td>信息内容</td>{one}</tr>",
            [f'<tr><td>{r}</td><td>3</td><td colspan="2">2</td><td>40</td></tr>' for r in rows_1],
        )
        + block(
            item[1],
            f"<tr><td>信息内容</td>{change}</tr>",
            [
                f'<tr><td>行政许可</td><td>120</td><td colspan="2">+8</td><td>{ad.licensing}</td></tr>',
                f'<tr><td>{_LABELS_2019["other_services"]}</td><td>5</td><td colspan="2">-1</td><td>9</td></tr>',
            ],
        )
        + block(
            item[2],
            f"<tr><td>信息内容</td>{change}</tr>",
            [
                f'<tr><td>行政处罚</td><td>30</td><td colspan="2">0</td><td>{ad.punishment}</td></tr>',
                f'<tr><td>行政强制</td><td>4</td><td colspan="2">0</td><td>{ad.coercion}</td></tr>',
            ],
        )
        + block(
            item[3],
            f'<tr><td>信息内容</td><td colspan="2">{changes[0]}</td><td colspan="2">{changes[1]}</td></tr>',
            ['<tr><td>行政事业性收费</td><td colspan="2">6</td><td colspan="2">-2</td></tr>'],
        )
        + block(
            purchase[0],
            f'<tr><td>信息内容</td><td colspan="2">{purchase[2]}</td><td colspan="2">{purchase[3]}</td></tr>',
            [
                f'<tr><td>{purchase[1]}</td><td colspan="2">12</td><td colspan="2">251000元</td></tr>'
            ],
        )
        + "</table>"
    )


def _page_2019() -> Page:
    """A 2019-format report for 2020: table 二 of 2019, table 三 with one （六）其他处理 row."""
    base = examples.load("example-district-2024")
    report = attrs.evolve(base, year=2020, title=None, date=datetime.date(2021, 1, 20))
    _, table3, table4 = FORM_TABLES
    other = next(c for c in table3.cells if c.text == label(Results, "other"))
    members = {c.row for c in table3.cells if other.row <= c.row < other.row + other.rowspan}
    rows: list[list[str]] = [[] for _ in range(table3.rows)]
    sums: dict[str, int] = {}
    for cell in table3.cells:
        spans = ""
        rowspan = cell.rowspan
        if cell.text == label(Results, "other"):
            continue
        if cell.rowspan > 1 and cell.row < other.row < cell.row + cell.rowspan:
            rowspan -= other.rowspan - 1
        if rowspan > 1:
            spans += f' rowspan="{rowspan}"'
        if cell.colspan > 1:
            spans += f' colspan="{cell.colspan}"'
        if cell.row in members and (cell.is_data or cell.col == 2):
            if cell.is_data:
                column = _path(cell).rsplit(".", 1)[1]
                sums[column] = sums.get(column, 0) + int(field_value(report, _path(cell)))
            continue
        text = (
            cell_text(field_value(report, _path(cell))) if cell.is_data else html.escape(cell.text)
        )
        rows[cell.row].append(f"<td{spans}>{text}</td>")
    single = [f'<td colspan="2">{html.escape(other.text)}</td>']
    single += [f"<td>{sums[name]}</td>" for name in sums]
    rows[other.row] = [*rows[other.row], *single]
    rows = [r for i, r in enumerate(rows) if i not in members or i == other.row]
    undivided = dict(sums)
    rows4 = _cells(table4, lambda c, _: cell_text(field_value(report, _path(c))), corner=True)
    headings = list(SECTION_HEADINGS)
    body = _narrative(
        report,
        headings=headings,
        tables=[_table2_2019(report), _table(rows), _table(rows4)],
        signature=True,
    )
    # What a 2021 report reads from this file: table 三 but the （六） rows, table 四, 处理决定数量 of
    # 行政许可/处罚/强制 (the same quantity as 本年处理决定数量); the rest of table 二 is 2019-only.
    zero_other = attrs.evolve(
        report.applications.results,
        other=type(report.applications.results.other)(),
    )
    results = attrs.evolve(zero_other, total=report.applications.results.total)
    expected = attrs.evolve(
        report,
        applications=attrs.evolve(report.applications, results=results),
        active_disclosure=type(report.active_disclosure)(
            licensing=report.active_disclosure.licensing,
            punishment=report.active_disclosure.punishment,
            coercion=report.active_disclosure.coercion,
        ),
    )
    return Page(
        "format-2019",
        _page(body),
        json.loads(dumps(expected, ".json")),
        format="2019",
        undivided_other=undivided,
    )


def _page_legacy() -> Page:
    """A report in the layout used before 2019: other headings, a 附表 of other items."""
    rows = [
        ("一、主动公开情况", "", ""),
        ("（一）主动公开政府信息数", "条", "1532"),
        ("二、依申请公开情况", "", ""),
        ("（一）收到申请数", "件", "87"),
        ("三、咨询处理情况", "", ""),
        ("（一）接受咨询数", "人次", "410"),
        ("四、复议、诉讼和申诉情况", "", ""),
        ("五、收费及减免情况", "", ""),
    ]
    table = "".join(f"<tr><td>{a}</td><td>{b}</td><td>{c}</td></tr>" for a, b, c in rows)
    body = (
        '<p align="center">某某市某某局2012年政府信息公开工作年度报告</p>'
        "<p>一、概述</p><p>本局认真贯彻落实《中华人民共和国政府信息公开条例》。</p>"
        "<p>二、主动公开政府信息情况</p><p>全年主动公开政府信息1532条。</p>"
        "<p>三、依申请公开政府信息情况</p><p>全年收到申请87件。</p>"
        "<p>四、咨询处理情况</p><p>接受咨询410人次。</p>"
        "<p>五、复议、诉讼和申诉情况</p><p>无。</p>"
        "<p>六、收费及减免情况</p><p>未收取费用。</p>"
        f'<p>附表</p><table border="1">{table}</table>'
    )
    return Page("legacy-2012", _page(body), None, error="LegacyFormatError")


PLACEHOLDER: Final = "（文字描述）"
"""What blank forms put under a heading where the text goes (official-format.md)."""


def _page_blank_form() -> Page:
    """A blank 2021 form as another office would make it: labels (some disturbed), empty cells, placeholders.

    It is the input of the fill tests that must run everywhere, beside the official blank form.
    It has no year, so reading it as a report fails with ReportTitleError.
    """
    tables = [_table(_cells(t, lambda cell, index: "", corner=True)) for t in FORM_TABLES]
    headings = list(SECTION_HEADINGS)
    parts = ['<p align="center"><b>政府信息公开工作年度报告</b></p>']
    for number, heading in enumerate(headings, start=1):
        parts.append(f"<p><b>{html.escape(heading)}</b></p>")
        if 2 <= number <= 4:
            parts.append(tables[number - 2])
        else:
            parts.append(f"<p>{PLACEHOLDER}</p>")
    return Page("blank-form-2021", _page("".join(parts)), None, error="ReportTitleError")


def pages() -> Iterator[Page]:
    yield _quirks_page()
    yield _page_2019()
    yield _page_legacy()
    yield _page_blank_form()


def _convert(source: Path, target_dir: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed to make the foreign test files")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--infilter=HTML (StarWriter)",
                "--convert-to",
                "docx:MS Word 2007 XML",
                "--outdir",
                str(target_dir),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    return target_dir / f"{source.stem}.docx"


def expected_json(page: Page) -> str:
    """The text of ``page``'s ``*.expected.json``: what a parser must read from its .docx."""
    expected = {
        "format": page.format,
        "error": page.error,
        "report": page.expected,
        "blank": list(page.blank),
        "not_applicable": list(page.not_applicable),
        "undivided_other": page.undivided_other,
    }
    return json.dumps(expected, ensure_ascii=False, indent=1, default=str) + "\n"


def main(names: list[str]) -> None:
    """Write every page, or only the pages named (e.g. ``blank-form-2021``)."""
    OUT.mkdir(parents=True, exist_ok=True)
    unknown = set(names) - {page.name for page in pages()}
    if unknown:
        raise SystemExit(f"unknown page(s): {', '.join(sorted(unknown))}")
    with tempfile.TemporaryDirectory() as work:
        for page in pages():
            if names and page.name not in names:
                continue
            source = Path(work) / f"{page.name}.html"
            source.write_text(page.html, "utf-8")
            made = _convert(source, Path(work))
            shutil.copyfile(made, OUT / f"{page.name}.docx")
            (OUT / f"{page.name}.expected.json").write_text(expected_json(page), "utf-8")
            print(f"wrote {OUT / page.name}.docx")


if __name__ == "__main__":
    main(sys.argv[1:])

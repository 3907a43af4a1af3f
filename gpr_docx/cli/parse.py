"""``gpr-docx parse``: read a published report (.docx or web page) back into data (JSON), listing what was odd."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from .base import EXIT_FAILED, app, err_console, out_console, reporting
from .language import ChineseCommand
from .paths import DATA_SUFFIXES, output_path


@app.command(cls=ChineseCommand)
def parse(
    report: Annotated[
        Path,
        typer.Argument(
            metavar="REPORT",
            help="官方格式的年度报告：Word（.docx）或网页（.html / .htm）；- 表示从标准输入读取",
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "-o", "--output", help="写出的数据文件（.json / .toml / .yaml）；不给则 JSON 输出到屏幕"
        ),
    ] = None,
    all_notes: Annotated[
        bool, typer.Option("--all-notes", help="逐格列出空白和不适用的单元格")
    ] = False,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", "--force", help="覆盖已存在的输出文件")
    ] = False,
) -> None:
    """把年度报告（Word 或网页）读回为数据：四张表格、各部分文字、年度和机关。"""
    from ..data import dump, dumps
    from ..parse import NoteKind, parse

    target = None
    if output is not None:
        target = output_path(output, suffixes=DATA_SUFFIXES, inputs=(report,))
    source_name = str(report)
    with reporting():
        if source_name == "-":
            from ..oxml.package import DEFAULT_LIMITS

            source_name = "标准输入"
            parsed = parse(sys.stdin.buffer.read(DEFAULT_LIMITS.file_size + 1))
        else:
            parsed = parse(report)
        if target is not None:
            written = dump(parsed.report, target, force=overwrite)
    shown = [
        n
        for n in parsed.notes
        if all_notes or n.kind not in (NoteKind.BLANK, NoteKind.NOT_APPLICABLE)
    ]
    err_console.print(f"{source_name}：{parsed.edition} 版格式", markup=False)
    blank, na = len(parsed.blank), len(parsed.not_applicable)
    if (blank or na) and not all_notes:
        err_console.print(
            f"空白 {blank} 格、不适用 {na} 格，均按 0 计（--all-notes 逐格列出）", markup=False
        )
    if shown:
        table = Table(title="读取说明", title_justify="left")
        for column in ("类别", "表格 / 部分", "行", "列", "原文", "说明"):
            table.add_column(column)
        for note in shown:
            where = note.location
            cells = (
                _KIND_NAMES[note.kind],
                where.part if where else "",
                (where.row or where.section) if where else "",
                where.column if where else "",
                note.text,
                note.message,
            )
            table.add_row(*(Text(cell) for cell in cells))  # text from the document is not markup
        err_console.print(table)
    if target is None:
        out_console.print(dumps(parsed.report, ".json").decode("utf-8"), markup=False, end="")
    else:
        err_console.print(f"已写出 {written}", markup=False)
    if parsed.gaps:
        raise typer.Exit(EXIT_FAILED)


_KIND_NAMES = {
    "blank": "空白",
    "not_applicable": "不适用",
    "unreadable": "无法读取",
    "missing": "缺失",
    "info": "说明",
}

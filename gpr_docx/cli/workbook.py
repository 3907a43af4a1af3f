"""``gpr-docx workbook``: a workbook (.xlsx) in the form's own shape for a clerk to fill in.

Blank, pre-filled from last year's report (``--previous``: carry-over and 现行有效件数), or filled
from any report (``--from``: a data file, a workbook or a report .docx), so that an office can send
back a corrected workbook.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Final

import typer

from .base import app, err_console, out_console, reporting, usage_error
from .language import ChineseCommand
from .paths import INPUT_HELP, WORKBOOK_SUFFIX, output_path, read
from .printing import print_findings

DEFAULT_OUTPUT: Final = "年报填报.xlsx"
_FIRST_YEAR: Final = 1000
_LAST_YEAR: Final = 9999


@app.command(cls=ChineseCommand)
def workbook(
    output: Annotated[
        str,
        typer.Option("-o", "--output", help="输出的 .xlsx 工作簿"),
    ] = DEFAULT_OUTPUT,
    *,
    agency: Annotated[str | None, typer.Option("--agency", help="报告机关名称")] = None,
    year: Annotated[int | None, typer.Option("--year", help="报告年度，如 2024")] = None,
    previous: Annotated[
        Path | None,
        typer.Option(
            "--previous",
            help="上一年度的报告（数据文件、.xlsx 或 .docx）：预填上年结转和上年末现行有效件数",
        ),
    ] = None,
    source: Annotated[
        Path | None,
        typer.Option("--from", help=f"把已有报告写成工作簿：{INPUT_HELP}"),
    ] = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="覆盖已存在的输出文件")] = False,
) -> None:
    """生成年报填报表（Excel / WPS 表格）：官方表格的栏目和合并单元格，合计自动求和，勾稽关系即时核对。

    填好后可直接生成 Word 年报：gpr-docx render 年报填报.xlsx -o 年度报告.docx
    """
    if year is not None and not _FIRST_YEAR <= year <= _LAST_YEAR:
        usage_error(f"报告年度应为四位数字，实为 {year}", place="--year")
    if agency is not None and not agency.strip():
        usage_error("报告机关名称为空", place="--agency")
    inputs = [p for p in (source, previous) if p is not None]
    target = output_path(output, suffixes=(WORKBOOK_SUFFIX,), inputs=inputs)
    from .._fs import write_atomic
    from ..workbook import workbook as make_workbook

    with reporting():
        report = last_year = None
        if source is not None:
            given = read(source)
            report = given.report
            if given.findings:
                print_findings(err_console, given.findings, source=given.source)
        if previous is not None:
            last_year = read(previous).report
        data = make_workbook(
            report,
            previous=last_year,
            agency=agency.strip() if agency else None,
            year=year,
        )
        written = write_atomic(target, data, force=overwrite)
    out_console.print(f"已生成 {written}", markup=False)

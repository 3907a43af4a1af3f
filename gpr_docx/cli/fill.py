"""``gpr-docx fill``: put a report into a blank official form (a .docx without tags) by its labels."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .base import app, err_console, reporting
from .language import ChineseCommand
from .paths import INPUT_HELP, output_path, read
from .printing import write_if_clean


@app.command(cls=ChineseCommand)
def fill(
    form: Annotated[
        Path, typer.Argument(metavar="FORM.docx", help="官方空白表格 .docx（无需模板标签）")
    ],
    input_: Annotated[
        Path,
        typer.Argument(metavar="INPUT", help=INPUT_HELP),
    ],
    output: Annotated[str, typer.Option("-o", "--output", help="输出的 .docx 文件")],
    force: Annotated[bool, typer.Option("--force", help="报告有错误时也照样生成")] = False,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="覆盖已存在的输出文件")] = False,
) -> None:
    """把报告数据按栏目名称填入官方空白表格，保留表格原有格式（先检查，有错误时不生成）。

    表格以外的文字已经写好（没有（文字描述）占位）的表格：只填表格，文字原样保留。
    """
    from .._fs import writable, write_atomic
    from ..fill import fill_form

    target = output_path(output, suffixes=(".docx",), inputs=(form, input_))

    def write() -> Path:
        writable(target, force=overwrite)  # before the work: an existing file costs nothing
        filled = fill_form(report, form)
        written = write_atomic(target, filled.data, force=overwrite)
        for note in filled.notes:
            err_console.print(f"说明：{note}", markup=False)
        return written

    with reporting():
        read_input = read(input_)
    report, reading = read_input.report, read_input.findings
    write_if_clean(
        report,
        str(input_),
        force=force,
        write=write,
        reading=reading,
    )

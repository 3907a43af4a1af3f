"""``gpr-docx fill``: put a report into a blank official form (a .docx without tags) by its labels."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._app import EXIT_FAILED, app, err_console, fail, out_console, reporting
from ._findings import print_findings


@app.command()
def fill(
    form: Annotated[
        Path, typer.Argument(metavar="FORM.docx", help="官方空白表格 .docx（无需模板标签）")
    ],
    input_: Annotated[
        Path,
        typer.Argument(
            metavar="INPUT", help="报告数据文件（.toml / .yaml / .yml / .json）或年度报告 .docx"
        ),
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="输出的 .docx 文件")],
    force: Annotated[
        bool, typer.Option("--force", help="覆盖已存在的输出文件；报告有错误时也照样生成")
    ] = False,
) -> None:
    """把报告数据按栏目名称填入官方空白表格，保留表格原有格式（先检查，有错误时不生成）。"""
    from .. import formats
    from ..errors import ReportHasErrors
    from ..filler import fill_to_file
    from ..findings import Severity
    from ..reader import parse
    from ..rules import check

    with reporting():
        report = parse(input_) if input_.suffix.lower() == ".docx" else formats.load(input_)
    source = str(input_)
    findings = check(report)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if findings:
        print_findings(err_console, findings, source=source)
    if errors and not force:
        fail(ReportHasErrors(errors, place=source), EXIT_FAILED)
    with reporting():
        written = fill_to_file(form, report, output, force=force)
    if errors:
        err_console.print(
            f"注意：报告有 {len(errors)} 处错误，因 --force 仍然生成了文件", markup=False
        )
    out_console.print(f"已生成 {written}", markup=False)

"""``gpr-docx render``: a report file (or a built-in example) to an official .docx."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._app import EXIT_FAILED, app, err_console, fail, out_console, reporting
from ._findings import print_findings


@app.command()
def render(
    inputs: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="INPUT",
            help="报告数据文件（.toml / .yaml / .yml / .json）；多个文件或文件夹时批量生成",
        ),
    ] = None,
    *,
    output: Annotated[
        Path, typer.Option("-o", "--output", help="输出的 .docx 文件；批量生成时为输出文件夹")
    ] = Path("report.docx"),
    template: Annotated[
        Path | None, typer.Option("--template", help="自定义模板（官方模板在 Word 中修改后的副本）")
    ] = None,
    example: Annotated[
        str | None,
        typer.Option("--example", help="改用内置示例作为输入，见 gpr-docx example --list"),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="覆盖已存在的输出文件；报告有错误时也照样生成")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="批量生成的并行进程数（默认：全部 CPU 核）"),
    ] = None,
) -> None:
    """按官方格式生成 Word 年度报告（先检查，有错误时不生成）。

    gpr-docx render A.toml B.toml … -o 输出文件夹/ ：批量生成，文件名取自单位名称和年度。
    """
    from ._batch import is_batch, run_batch

    if inputs and example is None and is_batch(inputs, output):
        with reporting():
            run_batch(inputs, output, template=template, force=force, jobs=jobs)
        return
    if inputs and len(inputs) > 1:
        err_console.print("GPR100 --example 不能与多个输入文件同时使用")
        raise typer.Exit(2)
    input_ = inputs[0] if inputs else None
    from .. import examples, formats
    from ..errors import ReportHasErrors
    from ..findings import Severity
    from ..renderer import render_to_file
    from ..rules import check

    with reporting():
        if (input_ is None) == (example is None):
            err_console.print("GPR100 请给出一个输入文件，或用 --example 指定内置示例（二者选一）")
            raise typer.Exit(2)
        report = examples.load(example) if example else formats.load(input_)  # type: ignore[arg-type]
    source = f"example:{example}" if example else str(input_)
    findings = check(report)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if findings:
        print_findings(err_console, findings, source=source)
    if errors and not force:
        fail(ReportHasErrors(errors, place=source), EXIT_FAILED)
    with reporting():
        written = render_to_file(report, output, template=template, force=force)
    if errors:
        err_console.print(
            f"注意：报告有 {len(errors)} 处错误，因 --force 仍然生成了文件", markup=False
        )
    out_console.print(f"已生成 {written}", markup=False)

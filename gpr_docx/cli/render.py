"""``gpr-docx render``: a report file (or a built-in example) to an official .docx."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._app import app, err_console, out_console, reporting


@app.command()
def render(
    input_: Annotated[
        Path | None,
        typer.Argument(metavar="INPUT", help="报告数据文件（.toml / .yaml / .yml / .json）"),
    ] = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="输出的 .docx 文件")] = Path(
        "report.docx"
    ),
    template: Annotated[
        Path | None, typer.Option("--template", help="自定义模板（官方模板在 Word 中修改后的副本）")
    ] = None,
    example: Annotated[
        str | None,
        typer.Option("--example", help="改用内置示例作为输入，见 gpr-docx example --list"),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已存在的输出文件")] = False,
) -> None:
    """按官方格式生成 Word 年度报告。"""
    from .. import examples, formats
    from ..renderer import render_to_file

    with reporting():
        if (input_ is None) == (example is None):
            err_console.print("GPR100 请给出一个输入文件，或用 --example 指定内置示例（二者选一）")
            raise typer.Exit(2)
        report = examples.load(example) if example else formats.load(input_)  # type: ignore[arg-type]
        written = render_to_file(report, output, template=template, force=force)
    out_console.print(f"已生成 {written}", markup=False)

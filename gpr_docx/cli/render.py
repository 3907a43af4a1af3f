"""``gpr-docx render``: a report file (or a built-in example) to an official .docx."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from ._app import app, err_console, reporting
from ._findings import write_if_clean
from ._inputs import INPUT_HELP, read


@app.command()
def render(
    inputs: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="INPUT",
            help=f"{INPUT_HELP}；多个文件或文件夹时批量生成（文件夹中只取数据文件）",
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
    if inputs and example is None and is_batch(inputs, output):
        from ._batch import run_batch

        with reporting():
            run_batch(inputs, output, template=template, force=force, jobs=jobs)
        return
    if bool(inputs) == (example is not None):
        err_console.print("GPR100 请给出输入文件，或用 --example 指定内置示例（二者选一）")
        raise typer.Exit(2)
    from .. import examples
    from ..render import render_to_file

    with reporting():
        if inputs:  # a single file: several went to the batch above
            read_input = read(inputs[0])
            report, reading, source = read_input.report, read_input.findings, read_input.source
        else:
            report, reading, source = examples.load(str(example)), (), f"example:{example}"
    write_if_clean(
        report,
        source,
        force=force,
        write=lambda: render_to_file(report, output, template=template, force=force),
        reading=reading,
    )


def is_batch(inputs: Sequence[Path], output: Path) -> bool:
    """Several inputs, a folder among them, or an output folder (``-o DIR/`` or an existing one)."""
    return (
        len(inputs) > 1
        or any(path.is_dir() for path in inputs)
        or str(output).endswith(("/", os.sep))
        or output.is_dir()
    )

"""``gpr-docx example``: list the built-in example reports, or write one out as an editable file."""

from __future__ import annotations

from typing import Annotated

import typer

from .base import app, out_console, reporting
from .language import ChineseCommand
from .paths import DATA_SUFFIXES, output_path


@app.command(cls=ChineseCommand)
def example(
    name: Annotated[str | None, typer.Argument(help="示例名称，见 --list")] = None,
    output: Annotated[
        str | None, typer.Option("-o", "--output", help="写出的文件（.toml / .yaml / .json）")
    ] = None,
    list_: Annotated[bool, typer.Option("--list", help="列出内置示例")] = False,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", "--force", help="覆盖已存在的输出文件")
    ] = False,
) -> None:
    """内置示例报告：列出，或写出一份可编辑的副本。"""
    from .. import examples

    target = None if output is None else output_path(output, suffixes=DATA_SUFFIXES, inputs=())

    if list_ or name is None:
        for item, title in examples.available().items():
            out_console.print(f"{item}\t{title}", markup=False)
        return
    with reporting():
        report = examples.load(name)
        if target is None:
            from ..data import dumps

            out_console.print(dumps(report, ".toml").decode("utf-8"), markup=False, end="")
            return
        from ..data import dump

        written = dump(report, target, force=overwrite)
        out_console.print(f"已写出 {written}", markup=False)

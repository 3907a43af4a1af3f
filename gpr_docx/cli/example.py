"""``gpr-docx example``: list the built-in example reports, or write one out as an editable file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._app import app, out_console, reporting


@app.command()
def example(
    name: Annotated[str | None, typer.Argument(help="示例名称，见 --list")] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="写出的文件（.toml / .yaml / .json）")
    ] = None,
    list_: Annotated[bool, typer.Option("--list", help="列出内置示例")] = False,
    force: Annotated[bool, typer.Option("--force", help="覆盖已存在的输出文件")] = False,
) -> None:
    """内置示例报告：列出，或写出一份可编辑的副本。"""
    from .. import examples

    if list_ or name is None:
        for item, title in examples.available().items():
            out_console.print(f"{item}\t{title}", markup=False)
        return
    with reporting():
        report = examples.load(name)
        if output is None:
            from ..data import dumps

            out_console.print(dumps(report, ".toml").decode("utf-8"), markup=False, end="")
            return
        from ..data import dump

        written = dump(report, output, force=force)
        out_console.print(f"已写出 {written}", markup=False)

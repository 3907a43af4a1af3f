"""``gpr-docx publish`` and ``gpr-docx verify``: a sealed publication bundle, and its check."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .base import EXIT_FAILED, app, err_console, out_console, reporting, usage_error
from .language import ChineseCommand
from .paths import INPUT_HELP, read
from .printing import write_if_clean


@app.command(cls=ChineseCommand)
def publish(
    input_: Annotated[Path, typer.Argument(metavar="INPUT", help=INPUT_HELP)],
    *,
    output: Annotated[
        str, typer.Option("-o", "--output", help="发布文件夹（不存在时新建），如 发布/")
    ],
    template: Annotated[
        Path | None, typer.Option("--template", help="自定义 Word 模板（官方模板修改后的副本）")
    ] = None,
    html_template: Annotated[
        Path | None, typer.Option("--html-template", help="自定义网页模板（.html.j2 的副本）")
    ] = None,
    pdf: Annotated[
        bool | None,
        typer.Option(
            "--pdf/--no-pdf",
            help="是否生成 PDF（需要 LibreOffice）；不指定时装有 LibreOffice 就生成",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="报告有错误时也照样生成")] = False,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="覆盖发布文件夹中同名的文件和清单")
    ] = False,
) -> None:
    """生成发布所需的全部文件：Word、网页、网页正文、PDF，并写入带 SHA-256 校验值的清单 manifest.json。

    文件名取自输入文件名（X.toml → X.docx、X.html、X.fragment.html、X.pdf）；之后可用
    gpr-docx verify 发布文件夹/ 检查发布后文件是否被改动。
    """
    if not output.strip():
        usage_error("输出路径为空，请用 -o 给出发布文件夹")
    folder = Path(output)
    if folder.exists() and not folder.is_dir():
        usage_error("发布位置应为文件夹，而这是一个文件", place=output)
    from .._fs import read_limited
    from ..data import MAX_FILE_SIZE
    from ..errors import InputError, InputTooLargeError
    from ..publish import publish as publish_bundle

    if pdf:
        from ..render.pdf import find_soffice

        with reporting():
            find_soffice()  # before reading: say at once that LibreOffice is missing
    with reporting():
        read_input = read(input_)
        data, _ = read_limited(
            input_,
            max(MAX_FILE_SIZE, 64 * 1024 * 1024),
            unnamed=str(input_),
            what="报告数据",
            too_large=InputTooLargeError,
            unreadable=InputError,
        )
    report = read_input.report

    def write() -> Path:
        bundle = publish_bundle(
            report,
            folder,
            name=input_.stem,
            data=data,
            data_name=input_.name,
            template=template,
            html_template=html_template,
            pdf=pdf,
            force=overwrite,
        )
        for path in bundle.paths[:-1]:
            out_console.print(f"  {path.name}", markup=False)
        if pdf is None and not any(f.name.endswith(".pdf") for f in bundle.files):
            err_console.print(
                "注意：没有找到 LibreOffice，未生成 PDF（安装后重新发布，或加 --no-pdf 不生成 PDF）",
                markup=False,
            )
        return bundle.folder

    write_if_clean(report, str(input_), force=force, write=write, reading=read_input.findings)


@app.command(cls=ChineseCommand)
def verify(
    folder: Annotated[
        Path, typer.Argument(metavar="FOLDER", help="gpr-docx publish 生成的发布文件夹")
    ],
    *,
    data: Annotated[
        Path | None, typer.Option("--data", help="同时核对报告数据文件是否与发布时相同")
    ] = None,
) -> None:
    """核对发布文件夹与清单 manifest.json：列出发布后被修改、删除或添加的文件（有则退出码为 1）。"""
    from ..publish import verify as verify_folder

    with reporting():
        result = verify_folder(folder, data=data)
    for problem in result.discrepancies:
        out_console.print(str(problem), markup=False)
    if not result.ok:
        out_console.print(
            f"发布文件夹与清单不一致：{len(result.discrepancies)} 处（{folder}）", markup=False
        )
        raise typer.Exit(EXIT_FAILED)
    out_console.print(
        f"发布文件夹与清单一致：{len(result.checked)} 个文件均未改动（{folder}）", markup=False
    )

"""``gpr-docx render``: a report file (or a built-in example) to an official .docx; many into a folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Final

import typer

from .base import app, reporting, usage_error
from .language import ChineseCommand
from .paths import INPUT_HELP, is_folder, output_path, read
from .printing import write_if_clean

if TYPE_CHECKING:
    from ..model import Report

OUTPUT_SUFFIXES: Final = (".docx", ".pdf", ".html")
"""What ``-o`` may name: the writers there are (.xlsx comes with its writer)."""
BATCH_FORMATS: Final = ("docx", "pdf", "html")
"""What ``--to`` may ask a batch for."""
HTML_SUFFIX: Final = ".html"
"""``-o X.html``: the web page (:func:`gpr_docx.render_html`), ``--fragment`` its article alone."""
DEFAULT_OUTPUT: Final = "report.docx"


@app.command(cls=ChineseCommand)
def render(
    inputs: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="INPUT",
            help=f"{INPUT_HELP}；多个文件或文件夹时批量生成（文件夹中只取数据文件和 .xlsx 填报表）",
        ),
    ] = None,
    *,
    output: Annotated[
        str | None,
        typer.Option(
            "-o",
            "--output",
            help=f"输出的 .docx 文件（默认 {DEFAULT_OUTPUT}；以 .pdf 结尾时生成 PDF，需要 LibreOffice；"
            "以 .html 结尾时生成网页）；批量生成时必须给出，为输出文件夹（以 / 结尾）",
        ),
    ] = None,
    to: Annotated[
        str,
        typer.Option(
            "--to",
            help="生成的文件格式：docx（默认）、pdf（需要 LibreOffice）或 html（网页）；单个文件也可由 -o 的后缀决定",
        ),
    ] = "docx",
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            help="自定义模板（官方模板在 Word 中修改后的副本；输出网页时为网页模板 .html.j2 的副本）",
        ),
    ] = None,
    fragment: Annotated[
        bool,
        typer.Option(
            "--fragment", help="输出网页时只输出正文部分（<article>），供粘贴到网站内容管理系统"
        ),
    ] = False,
    example: Annotated[
        str | None,
        typer.Option("--example", help="改用内置示例作为输入，见 gpr-docx example --list"),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="报告有错误时也照样生成")] = False,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="覆盖已存在的输出文件")] = False,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="批量生成的并行进程数（默认：全部 CPU 核）"),
    ] = None,
) -> None:
    """按官方格式生成 Word 年度报告（先检查，有错误时不生成）。

    gpr-docx render A.toml B.toml … -o 输出文件夹/ ：批量生成，文件名取自单位名称和年度。

    gpr-docx render A.toml -o A.html ：生成供网站发布的网页（加 --fragment 只生成正文部分；
    批量生成网页用 --to html）。
    """
    if to not in BATCH_FORMATS:
        usage_error(f"--to 只能是 {' 或 '.join(BATCH_FORMATS)}，而不是 {to}")
    page = to == "html" or (output or "").lower().endswith(HTML_SUFFIX)
    if page and template is not None and template.suffix.lower() == ".docx":
        usage_error("输出网页时 --template 应为网页模板（.html.j2 的副本），不是 Word 模板")
    if bool(inputs) == (example is not None):
        usage_error("请给出输入文件，或用 --example 指定内置示例（二者选一）")
    if inputs and (len(inputs) > 1 or any(p.is_dir() for p in inputs) or is_folder(output or "")):
        if output is None:
            usage_error("批量生成时请用 -o 给出输出文件夹，如 -o 输出/")
        if not output.strip():
            usage_error("输出路径为空，请用 -o 给出输出文件夹")
        if fragment:
            usage_error("--fragment 只用于生成单个网页；批量生成网页请用 --to html")
        from .render_batch import run_batch

        with reporting():
            run_batch(
                inputs,
                Path(output),
                template=template,
                force=force,
                overwrite=overwrite,
                jobs=jobs,
                to=to,
            )
        return
    sources = [*(inputs or ()), *([template] if template else [])]
    default = DEFAULT_OUTPUT if to == "docx" else str(Path(DEFAULT_OUTPUT).with_suffix(f".{to}"))
    target = output_path(output or default, suffixes=OUTPUT_SUFFIXES, inputs=sources)
    is_page = target.suffix.lower() == HTML_SUFFIX
    if fragment and not is_page:
        usage_error("--fragment 只用于输出网页（-o 文件名.html）")
    from .. import examples
    from ..render import render_to_file
    from ..render.pdf import find_soffice, render_pdf_to_file

    if to != "docx" and target.suffix.lower() != f".{to}":
        usage_error(f"--to {to} 时输出文件应以 .{to} 结尾（或省略 --to，按 -o 的后缀决定格式）")
    writer = render_pdf_to_file if target.suffix.lower() == ".pdf" else render_to_file
    with reporting():
        if writer is render_pdf_to_file:
            find_soffice()  # before reading: say at once that LibreOffice is missing
        if inputs:  # a single file: several went to the batch above
            read_input = read(inputs[0])
            report, reading, source = read_input.report, read_input.findings, read_input.source
        else:
            report, reading, source = examples.load(str(example)), (), f"example:{example}"
    write_if_clean(
        report,
        source,
        force=force,
        write=lambda: (
            _write_page(report, target, template=template, fragment=fragment, force=overwrite)
            if is_page
            else writer(report, target, template=template, force=overwrite)
        ),
        reading=reading,
    )


def _write_page(
    report: Report, target: Path, *, template: Path | None, fragment: bool, force: bool
) -> Path:
    """The web page (or its article) written atomically, UTF-8."""
    from .._fs import writable, write_atomic
    from ..render.html import render_html

    writable(target, force=force)
    page = render_html(report, fragment=fragment, template=template)
    return write_atomic(target, page.encode("utf-8"), force=force)

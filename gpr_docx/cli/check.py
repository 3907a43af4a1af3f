"""``gpr-docx check``: run the consistency rules on one or more report files (data, .docx or web page).

A report document (.docx, web page) is read back first; what could not be read in it is listed too (GPR511, GPR512).

Exit 0 when no input has an error (warnings allowed), 1 when some input has errors, 2 when some input
(or ``--previous``) could not be read — including values that cannot be loaded (V-1, V-2), which are
reported as findings with their cell, all of a file's problems together.

``--format docx -o 审核意见单.docx`` writes the findings as a printable 审核意见单 instead, one per
input (:mod:`.review_sheet`).
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from rich.text import Text

from .base import EXIT_FAILED, EXIT_INPUT, app, fail, out_console, usage_error
from .language import ChineseCommand
from .options import ProfileOption
from .paths import INPUT_HELP, REPORT_SUFFIXES, expand_inputs, read
from .printing import count_line, print_findings

if TYPE_CHECKING:
    from ..check import Profile
    from ..findings import Finding
    from ..model import Report


class OutputFormat(enum.Enum):
    """How findings are printed."""

    TEXT = "text"
    JSON = "json"
    DOCX = "docx"


@app.command(cls=ChineseCommand)
def check(
    inputs: Annotated[
        list[Path],
        typer.Argument(metavar="INPUT", help=f"{INPUT_HELP}，可多个；文件夹中取全部报告文件"),
    ],
    *,
    previous: Annotated[
        Path | None,
        typer.Option("--previous", help="上一年度的报告（数据文件、.docx 或网页），用于跨年度核对"),
    ] = None,
    format_: Annotated[
        OutputFormat,
        typer.Option("--format", help="输出格式：text（表格）、json 或 docx（审核意见单）"),
    ] = OutputFormat.TEXT,
    output: Annotated[
        str | None,
        typer.Option(
            "-o",
            "--output",
            help="--format docx 时：审核意见单 .docx 文件（默认 审核意见单.docx）；多个输入时为输出文件夹（以 / 结尾）",
        ),
    ] = None,
    reviewer: Annotated[
        str | None, typer.Option("--reviewer", help="--format docx 时：填入审核意见单的审核人")
    ] = None,
    template: Annotated[
        Path | None,
        typer.Option("--template", help="--format docx 时：自定义审核意见单模板"),
    ] = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="覆盖已存在的输出文件")] = False,
    profile: ProfileOption = None,
) -> None:
    """检查报告：表内勾稽关系、跨年度衔接、正文与表格是否一致。"""
    from ..check import check as run_checks
    from ..check import findings_from_error
    from ..errors import GprError, InputError
    from ..findings import has_errors, sort_findings

    rules = _profile(profile)
    last_year = None
    if previous is not None:
        try:
            last_year = read(previous).report
        except GprError as error:
            fail(error)

    results: dict[str, list[Finding]] = {}
    unreadable: set[str] = set()
    paths = list(expand_inputs(inputs, REPORT_SUFFIXES))
    if not paths:
        fail(InputError(f"没有找到报告文件（{' / '.join(REPORT_SUFFIXES)}）", place=str(inputs[0])))
    sheets = _sheet_targets(format_, paths, output, template, overwrite=overwrite)
    reports: dict[str, Report] = {}
    for path in paths:
        name = str(path)
        try:
            read_input = read(path)
        except GprError as error:
            results[name] = findings_from_error(error)
            unreadable.add(name)
            continue
        reports[name] = read_input.report
        results[name] = sort_findings(
            [*read_input.findings, *run_checks(read_input.report, last_year, profile=rules)]
        )

    if format_ is OutputFormat.JSON:
        from ..findings import findings_json_by_source

        typer.echo(findings_json_by_source(results), nl=False)
    elif format_ is OutputFormat.DOCX:
        from .review_sheet import write_sheets

        write_sheets(
            sheets, reports, results, reviewer=reviewer, template=template, overwrite=overwrite
        )
    else:
        for name, found in results.items():
            print_findings(out_console, found, source=name)
        if len(results) > 1:
            out_console.print(_summary(results, unreadable))

    if unreadable:
        raise typer.Exit(EXIT_INPUT)
    if any(has_errors(found) for found in results.values()):
        raise typer.Exit(EXIT_FAILED)


def _sheet_targets(
    format_: OutputFormat,
    paths: list[Path],
    output: str | None,
    template: Path | None,
    *,
    overwrite: bool,
) -> dict[str, Path]:
    """Where the review sheets go (checked before any input is read); only --format docx writes."""
    if format_ is not OutputFormat.DOCX:
        if output is not None or template is not None:
            usage_error("-o 和 --template 只用于 --format docx（生成审核意见单）")
        return {}
    from .review_sheet import plan_sheets

    return plan_sheets(paths, output, overwrite=overwrite, template=template)


def _profile(name: str | None) -> Profile | None:
    """The ``--profile`` rule profile (a file or a built-in name); exit 2 if it cannot be used."""
    from ..check import load_profile
    from ..errors import GprError

    if name is None:
        return None
    try:
        return load_profile(name)
    except GprError as error:
        fail(error)


def _summary(results: dict[str, list[Finding]], unreadable: set[str]) -> Table:
    from ..findings import has_errors

    table = Table(title="汇总", title_justify="left")
    table.add_column("文件", overflow="fold")
    table.add_column("结果", no_wrap=True)
    table.add_column("问题")
    for name, found in results.items():
        if name in unreadable:
            verdict = "[bold red]无法读取[/]"
        elif has_errors(found):
            verdict = "[bold red]有错误[/]"
        else:
            verdict = "[green]通过[/]"
        table.add_row(Text(name), verdict, count_line(found))
    passed = sum(1 for n, f in results.items() if n not in unreadable and not has_errors(f))
    table.caption = f"共 {len(results)} 份，通过 {passed} 份"
    return table

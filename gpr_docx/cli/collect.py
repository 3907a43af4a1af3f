"""``gpr-docx collect 收到的报告/ --units 单位.csv -o 审核结果/``: the supervising office's season.

Over :func:`gpr_docx.collect`: a progress bar on a terminal (none otherwise), each file that could
not be read or matched printed as it comes, then the summary — units per status, the units that
sent nothing, the files no unit could be told for, the roll-up's checks, the files written.

Exit 0 when every unit sent one readable report without errors; 2 when some file could not be
read; 1 otherwise (errors, missing units, files not matched) — the rule of docs/errors.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Final

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .base import EXIT_FAILED, EXIT_INPUT, app, err_console, reporting, usage_error
from .language import ChineseCommand
from .options import BatchProgress, ProfileOption

if TYPE_CHECKING:
    from ..collect.run import CollectResult, Submission

_STYLES: Final = {
    "通过": "green",
    "已报送": "yellow",
    "有错误": "red",
    "无法读取": "red",
    "未报送": "red",
}


class _Printer:
    """Prints each file that could not be read or matched, and moves the bar."""

    def __init__(self, console: Console, progress: BatchProgress) -> None:
        self.console = console
        self.progress = progress

    def __call__(self, submission: Submission) -> None:
        if not submission.readable:
            self.console.print(
                Text.assemble(
                    (submission.code, "bold red"), f" {submission.source}：{submission.message}"
                )
            )
        elif submission.problem:
            self.console.print(
                Text.assemble(
                    (submission.problem, "bold red"), f" {submission.source}：{submission.how}"
                )
            )
        self.progress.advance()


@app.command(cls=ChineseCommand)
def collect(
    submissions: Annotated[
        Path,
        typer.Argument(metavar="FOLDER", help="收到的各单位报告所在的文件夹（含子文件夹）"),
    ],
    *,
    units: Annotated[
        Path,
        typer.Option("--units", help="单位名录 .csv 或 .xlsx（代码,名称,类别,上级,别名）"),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="输出文件夹（全部写完后才出现）")],
    previous: Annotated[
        Path | None,
        typer.Option("--previous", help="上一年度各单位报告所在的文件夹，用于跨年度核对"),
    ] = None,
    include: Annotated[
        str | None,
        typer.Option("--include", help="汇总只计入这些类别的单位，用逗号分隔（默认：全部）"),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option("--year", help="汇总年度（默认：多数单位报告的年度）"),
    ] = None,
    agency: Annotated[
        str | None,
        typer.Option("--agency", help="汇总报告的机关名称，如「某某区人民政府」"),
    ] = None,
    profile: ProfileOption = None,
    similarity: Annotated[
        float | None,
        typer.Option(
            "--similarity",
            min=0.01,
            max=1.0,
            help="雷同：一份报告的文字有多大比例出现在另一份中时列出（默认 0.3）",
        ),
    ] = None,
    reviewer: Annotated[
        str | None, typer.Option("--reviewer", help="填入每份审核意见单的审核人")
    ] = None,
    no_review_sheets: Annotated[
        bool, typer.Option("--no-review-sheets", help="不生成各单位的审核意见单")
    ] = False,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="输出文件夹已存在且不是空的时替换它")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="并行进程数（默认：全部 CPU 核）"),
    ] = None,
) -> None:
    """汇总审核：按单位名录收齐各单位报告，逐份检查，列出未报送和有问题的，并汇总全区数据。"""
    from ..collect import collect as run_collect
    from ..collect.run import submissions_in

    if output.exists() and not output.is_dir():
        usage_error("-o 应为文件夹，而这是一个文件", place=str(output))
    categories = (
        [c.strip() for c in include.replace("，", ",").split(",") if c.strip()]
        if include is not None
        else None
    )
    if categories is not None and not categories:
        usage_error("--include 没有给出类别")
    console = err_console
    with reporting():
        total = len(submissions_in(submissions, skip=output))
        with BatchProgress(console, "审核中", total) as progress:
            result = run_collect(
                submissions,
                units,
                output,
                previous=previous,
                include=categories,
                year=year,
                agency=agency,
                jobs=jobs,
                force=overwrite,
                on_result=_Printer(console, progress),
                review_sheets=not no_review_sheets,
                reviewer=reviewer,
                profile=profile,
                similarity=similarity,
            )
    _print_summary(console, result)
    if any(not s.readable for s in result.unmatched) or any(
        u.status.value == "无法读取" for u in result.units
    ):
        raise typer.Exit(EXIT_INPUT)
    if result.unmatched or any(u.status.value in ("有错误", "未报送") for u in result.units):
        raise typer.Exit(EXIT_FAILED)


def _print_summary(console: Console, result: CollectResult) -> None:
    table = Table(title=f"汇总审核结果（{result.year or '年度未定'} 年度）", title_justify="left")
    table.add_column("状态")
    table.add_column("单位数", justify="right")
    for status, count in result.counts().items():
        style = _STYLES[status.value] if count else ""
        table.add_row(Text(status.value), Text(str(count), style=style))
    table.add_row(Text("合计"), Text(str(len(result.units))), style="bold")
    console.print(table)
    if result.missing:
        names = "、".join(u.label for u in result.missing)
        console.print(Text.assemble(("未报送：", "bold red"), names))
    for outcome in result.units:
        for problem in outcome.problems:
            if problem.rule != "GPR610":  # 未报送 is listed above, all in one line
                console.print(
                    Text.assemble(
                        (problem.rule, "bold red"), f" {outcome.unit.label}：{problem.message}"
                    )
                )
    if result.unmatched:
        console.print(Text(f"未能对应到单位的文件 {len(result.unmatched)} 个：", style="bold red"))
        for item in result.unmatched:
            console.print(Text(f"  {item.problem} {item.source}：{item.how}"))
    _print_similar(console, result)
    if result.rollup is not None:
        counted = len(result.included)
        errors = sum(1 for f in result.rollup_findings if f.severity.value == "error")
        verdict = "勾稽关系无误" if not errors else f"有 {errors} 处勾稽错误，见「问题清单」"
        console.print(f"汇总：计入 {counted} 个单位，{verdict}", markup=False)
    else:
        console.print("汇总：没有可以计入的单位，未生成汇总报告", markup=False)
    console.print(f"已写入：{result.out_dir}", markup=False)
    for path in result.files:
        console.print(f"  {path.name}", markup=False)
    if result.sheets:
        folder = result.sheets[0].parent.name
        console.print(f"  {folder}/（{len(result.sheets)} 份审核意见单）", markup=False)


def _print_similar(console: Console, result: CollectResult) -> None:
    """How many 雷同 pairs were found, or that they were not looked for (GPR630)."""
    if result.similarity_skipped:
        console.print(Text.assemble(("雷同未比对 ", "bold yellow"), result.similarity_skipped))
    elif result.similar:
        across = sum(1 for pair in result.similar if not pair.cross_year)
        own = len(result.similar) - across
        console.print(
            f"雷同：单位之间 {across} 对，与本单位上年报告 {own} 个，见汇总表「雷同」", markup=False
        )

"""``gpr-docx render A.toml B.toml … -o DIR/``: the batch form of render, over :func:`render_many`.

Problems are printed as they come (above the progress bar on a terminal; no bar otherwise), then a
summary table. Exit 0 if every input was rendered, 1 otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Final

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..batch import BatchResult, BatchStatus, BatchSummary, max_jobs, render_many
from ..errors import InputError
from ..findings import Severity
from .base import EXIT_FAILED, EXIT_INPUT, err_console, fail, usage_error, with_hint
from .options import BatchProgress
from .paths import BATCH_SUFFIXES, expand_inputs
from .printing import print_findings

__all__ = ["run_batch"]

_LABELS: Final = {
    BatchStatus.RENDERED: "已生成",
    BatchStatus.REFUSED: "有错误，未生成",
    BatchStatus.UNREADABLE: "无法读取",
    BatchStatus.FAILED: "生成或写入失败",
}


class _Printer:
    """Prints each input that was not rendered as soon as its result arrives, and moves the bar."""

    def __init__(self, console: Console, progress: BatchProgress) -> None:
        self.console = console
        self.progress = progress
        self.warned = 0
        self.forced = 0

    def __call__(self, result: BatchResult) -> None:
        severities = {f.severity for f in result.findings}
        if result.status is BatchStatus.RENDERED:
            self.forced += Severity.ERROR in severities
            self.warned += Severity.WARNING in severities
        else:
            self._problem(result)
        self.progress.advance()

    def _problem(self, result: BatchResult) -> None:
        head = Text()
        head.append(result.code, style="bold red")
        head.append(f" {result.source}：{with_hint(result.code, result.message)}")
        self.console.print(head)
        if result.findings:
            print_findings(self.console, result.findings, source=result.source)


def _summary_table(summary: BatchSummary, out_dir: Path) -> Table:
    table = Table(title=f"批量生成结果（输出文件夹：{out_dir}）", title_justify="left")
    table.add_column("结果")
    table.add_column("份数", justify="right")
    counts = {
        BatchStatus.RENDERED: summary.rendered,
        BatchStatus.REFUSED: summary.refused,
        BatchStatus.UNREADABLE: summary.unreadable,
        BatchStatus.FAILED: summary.failed,
    }
    for status, count in counts.items():
        style = "green" if status is BatchStatus.RENDERED else ("red" if count else "")
        table.add_row(Text(_LABELS[status]), Text(str(count), style=style))
    table.add_row(Text("合计"), Text(str(summary.total)), style="bold")
    return table


def run_batch(
    inputs: Sequence[Path],
    out_dir: Path,
    *,
    template: Path | None,
    force: bool,
    overwrite: bool,
    jobs: int | None,
    to: str = "docx",
) -> None:
    """Render every input into ``out_dir`` as ``to`` (docx, pdf or html); print problems and a summary.

    Exit 0 when every input was rendered, 2 when some input could not be read, else 1 (the rule of
    docs/errors.md: the highest code that applies).
    """
    if out_dir.exists() and not out_dir.is_dir():
        usage_error("批量生成时 -o 应为文件夹，而这是一个文件", place=str(out_dir))
    paths = list(expand_inputs(inputs, BATCH_SUFFIXES))
    if not paths:
        fail(
            InputError(
                f"没有找到报告数据文件（{' / '.join(BATCH_SUFFIXES)}）", place=str(inputs[0])
            )
        )
    if jobs is not None and jobs > max_jobs():
        note = f"注意：--jobs {jobs} 超过上限，按 {max_jobs()} 个进程运行（每核 4 个）"
        err_console.print(note, markup=False)
    console = err_console
    with BatchProgress(console, "生成中", len(paths)) as progress:
        printer = _Printer(console, progress)
        summary = render_many(
            paths,
            out_dir,
            template=template,
            force=overwrite,
            ignore_errors=force,
            on_result=printer,
            jobs=jobs,
            to=to,
        )
    console.print(_summary_table(summary, out_dir))
    if printer.forced:
        console.print(
            f"注意：{printer.forced} 份报告有错误，因 --force 仍然生成了文件", markup=False
        )
    if printer.warned:
        console.print(
            f"{printer.warned} 份已生成的报告有警告，可用 gpr-docx check 查看", markup=False
        )
    if summary.unreadable:
        raise typer.Exit(EXIT_INPUT)
    if not summary.ok:
        raise typer.Exit(EXIT_FAILED)

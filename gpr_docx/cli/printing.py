"""Printing findings for people (a rich table per table or section, errors first) and as stable JSON.

Shared by every command that checks a report (check, render, batch, fill)::

    print_findings(console, findings, source="report.toml")
    gpr_docx.findings.findings_json(findings, source="report.toml")   # same input → same text
    write_if_clean(report, source, force=False, write=lambda: render_to_file(...))
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .base import EXIT_FAILED, err_console, fail, out_console, reporting

if TYPE_CHECKING:
    from ..findings import Finding, Severity
    from ..model import Report

__all__ = [
    "count_line",
    "print_findings",
    "write_if_clean",
]

_STYLES: Final = {"error": "bold red", "warning": "yellow", "info": "cyan"}
"""The style of each severity, by its value (the findings module is imported only to print some)."""


def _style(severity: Severity) -> str:
    return _STYLES[severity.value]


def count_line(findings: Iterable[Finding]) -> str:
    """``2 个错误，1 个警告`` — or ``未发现问题`` when there is nothing."""
    from ..findings import Severity

    counts = Counter(f.severity for f in findings)
    parts = [f"{counts[s]} 个{s.label}" for s in Severity if counts[s]]
    return "，".join(parts) if parts else "未发现问题"


def _groups(findings: Sequence[Finding]) -> list[tuple[str, list[Finding]]]:
    """Findings grouped by table or section; the group with the worst finding first, then report order."""
    from ..findings import sort_findings

    groups: dict[str, list[Finding]] = {}
    for finding in sort_findings(findings):
        groups.setdefault(finding.location.part, []).append(finding)
    return sorted(
        groups.items(),
        key=lambda item: (item[1][0].severity.rank, item[1][0].location.order),
    )


def print_findings(
    console: Console, findings: Sequence[Finding], *, source: str | None = None
) -> None:
    """Print a heading line (source and counts), then one table per table or section, errors first."""
    head = f"{source}：" if source else ""
    console.print(Text(f"{head}{count_line(findings)}", style="bold"))
    for part, group in _groups(findings):
        table = Table(title=part, title_justify="left", show_lines=False, expand=False)
        table.add_column("级别", no_wrap=True)
        table.add_column("规则", no_wrap=True)
        table.add_column("位置", overflow="fold")
        table.add_column("说明", overflow="fold")
        for finding in group:
            table.add_row(
                Text(finding.severity.label, style=_style(finding.severity)),
                Text(finding.rule),
                Text(finding.location.inner() or str(finding.location)),
                Text(finding.message),
            )
        console.print(table)


def write_if_clean(
    report: Report,
    source: str,
    *,
    force: bool,
    write: Callable[[], Path],
    reading: Sequence[Finding] = (),
) -> None:
    """Check the report, print what was found, and write it only without errors (or with ``--force``).

    Errors stop the command with GPR301 and exit code 1 before anything is written; warnings are
    printed and do not stop it. When ``--force`` lets errors through, the command says so.
    ``reading`` holds what could not be read in the input (a .docx), listed with the checks' findings.
    """
    from ..check import check
    from ..errors import ReportHasErrors
    from ..findings import Severity, raise_for_errors, sort_findings

    findings = sort_findings([*reading, *check(report)])
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if findings:
        print_findings(err_console, findings, source=source)
    if not force:
        try:
            raise_for_errors(findings, place=source)
        except ReportHasErrors as refused:
            fail(refused, EXIT_FAILED)
    with reporting():
        written = write()
    if errors:
        err_console.print(
            f"注意：报告有 {len(errors)} 处错误，因 --force 仍然生成了文件", markup=False
        )
    out_console.print(f"已生成 {written}", markup=False)

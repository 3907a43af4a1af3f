"""The shared printer: one table per table or section, the groups with errors first; stable JSON."""

from __future__ import annotations

import json

from hypothesis import given
from rich.console import Console

from gpr_docx import Report, check, examples
from gpr_docx.cli.printing import count_line, print_findings
from gpr_docx.findings import findings_json
from tests.helpers.editing import bumped, with_value
from tests.helpers.strategies import reports


def _broken() -> Report:
    district = examples.load("example-district-2024")
    broken = with_value(district, "active_disclosure.normative_documents.in_force", 11)  # T2-1
    return bumped(broken, "review_litigation.review.total", 1)  # T4-1


def test_groups_with_errors_come_first() -> None:
    console = Console(record=True, width=200)
    found = check(_broken())
    print_findings(console, found, source="r.json")
    text = console.export_text()
    assert text.splitlines()[0] == "r.json：1 个错误，1 个警告"
    assert text.index("四、政府信息公开行政复议") < text.index("二、主动公开政府信息情况")
    assert "表四" not in text, "inside its group a place is named without the table"
    assert "「行政复议 · 总计」列" in text


def test_nothing_found() -> None:
    console = Console(record=True, width=100)
    print_findings(console, [], source="ok.json")
    assert console.export_text() == "ok.json：未发现问题\n"
    assert count_line([]) == "未发现问题"


def test_user_text_is_never_markup() -> None:
    report = with_value(_broken(), "problems", "[bold]2023年[/bold] :warning: 问题。")
    console = Console(record=True, width=200)
    print_findings(console, check(report))
    assert "[bold]2023年[/bold] :warning:" in console.export_text()


@given(reports())
def test_json_is_stable(report: Report) -> None:
    found = check(report)
    text = findings_json(found, source="x")
    assert text == findings_json(list(reversed(found)), source="x")
    assert json.loads(text) == [dict(f.as_dict(), source="x") for f in found]

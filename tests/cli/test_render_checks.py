"""``gpr-docx render`` checks first: errors stop it (nothing written) unless --force; warnings do not."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from gpr_docx.cli import app
from tests.helpers import ROOT

EXAMPLES = ROOT / "templates" / "examples"


def _source(tmp_path: Path, edit: dict[str, Any]) -> Path:
    data: dict[str, Any] = json.loads((EXAMPLES / "example-district-2024.json").read_text("utf-8"))
    for path, value in edit.items():
        *parents, name = path.split(".")
        target = data
        for parent in parents:
            target = target[parent]
        target[name] = value
    source = tmp_path / "report.json"
    source.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return source


def test_errors_stop_rendering(runner: CliRunner, tmp_path: Path) -> None:
    source = _source(tmp_path, {"review_litigation.review.total": 14})
    out = tmp_path / "out.docx"
    result = runner.invoke(app, ["render", str(source), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 1
    assert "T4-1" in result.stderr
    assert "GPR301" in result.stderr
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_force_renders_anyway_and_says_so(runner: CliRunner, tmp_path: Path) -> None:
    source = _source(tmp_path, {"review_litigation.review.total": 14})
    out = tmp_path / "out.docx"
    args = ["render", str(source), "-o", str(out), "--force"]
    result = runner.invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "T4-1" in result.stderr
    assert "报告有 1 处错误，因 --force 仍然生成了文件" in result.stderr
    assert out.read_bytes()[:2] == b"PK"


def test_warnings_are_printed_and_rendering_goes_on(runner: CliRunner, tmp_path: Path) -> None:
    source = _source(tmp_path, {"active_disclosure.normative_documents.in_force": 11})
    out = tmp_path / "out.docx"
    result = runner.invoke(app, ["render", str(source), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "T2-1" in result.stderr
    assert "1 个警告" in result.stderr
    assert out.exists()


def test_a_clean_report_prints_no_findings(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    result = runner.invoke(
        app, ["render", "--example", "dasheng-2024", "-o", str(out)], catch_exceptions=False
    )
    assert result.exit_code == 0
    assert result.stderr == ""

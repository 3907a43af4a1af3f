"""``gpr-docx parse``: JSON out, notes as a table, one clear message for a file that is not a report."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from gpr_docx import examples, render
from gpr_docx.cli import app
from gpr_docx.data import loads
from tests.helpers import DATA


def test_json_to_stdout(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "report.docx"
    report = examples.load("example-district-2024")
    source.write_bytes(render(report))
    result = runner.invoke(app, ["parse", str(source)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert loads(result.stdout, ".json") == report
    assert "2021 版" in result.stderr


def test_output_file_and_notes(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    source = DATA / "foreign" / "quirks-2021.docx"
    result = runner.invoke(app, ["parse", str(source), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert json.loads(out.read_text("utf-8"))["schema"] == "gpr/2021"
    assert "空白" in result.stderr and "不适用" in result.stderr
    again = runner.invoke(app, ["parse", str(source), "-o", str(out)])
    assert again.exit_code == 1  # the output exists: it cannot be written
    assert "GPR401" in again.stderr
    listed = runner.invoke(app, ["parse", str(source), "--all-notes", "-o", str(out), "--force"])
    assert listed.exit_code == 0
    assert "规章" in listed.stderr


def test_2019_format_is_named(runner: CliRunner) -> None:
    source = DATA / "foreign" / "format-2019.docx"
    result = runner.invoke(app, ["parse", str(source)], catch_exceptions=False)
    assert result.exit_code == 0
    assert "2019 版" in result.stderr


def test_unreadable_cells_give_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    from tests.helpers.editing import with_cell_texts

    source = tmp_path / "odd.docx"
    rendered = render(examples.load("example-district-2024"))
    source.write_bytes(with_cell_texts(rendered, "四、结转下年度继续办理", {2: "约五件"}))
    result = runner.invoke(app, ["parse", str(source)], catch_exceptions=False)
    assert result.exit_code == 1
    assert "约五件" in result.stderr
    assert "无法读取" in result.stderr
    assert loads(result.stdout, ".json").applications.carried_forward.commercial_enterprise == 0


def test_not_a_docx(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "noise.docx"
    source.write_bytes(b"\x00\x01garbage" * 100)
    result = runner.invoke(app, ["parse", str(source)])
    assert result.exit_code == 2
    assert "GPR501" in result.stderr
    assert "Traceback" not in result.output


def test_legacy_report(runner: CliRunner) -> None:
    result = runner.invoke(app, ["parse", str(DATA / "foreign" / "legacy-2012.docx")])
    assert result.exit_code == 2
    assert "GPR507" in result.stderr

"""``gpr-docx example``."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from gpr_docx import examples, load
from gpr_docx.cli import app


def test_list(runner: CliRunner) -> None:
    result = runner.invoke(app, ["example", "--list"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "dasheng-2024" in result.stdout
    assert "example-district-2024" in result.stdout


def test_writes_an_editable_toml_copy(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "report.toml"
    result = runner.invoke(app, ["example", "dasheng-2024", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert load(out) == examples.load("dasheng-2024")
    again = runner.invoke(app, ["example", "dasheng-2024", "-o", str(out)], catch_exceptions=False)
    assert again.exit_code == 1  # an output that cannot be written (docs/errors.md)
    assert "GPR401" in again.stderr


def test_unknown_example(runner: CliRunner) -> None:
    result = runner.invoke(app, ["example", "nope"], catch_exceptions=False)
    assert result.exit_code == 2
    assert "GPR101" in result.stderr

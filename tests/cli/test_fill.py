"""``gpr-docx fill``: data (or a .docx report) into the blank form; refuses reports with errors."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from typer.testing import CliRunner

from gpr_docx import dump, examples, parse
from gpr_docx.cli import app
from gpr_docx.model import ApplicantRow
from tests.helpers import DATA


@pytest.fixture
def form(blank_form: Path) -> Path:
    return blank_form


def test_fills_from_a_data_file(runner: CliRunner, tmp_path: Path, form: Path) -> None:
    report = examples.load("dasheng-2024")
    source = dump(report, tmp_path / "report.toml")
    out = tmp_path / "filled.docx"
    result = runner.invoke(
        app, ["fill", str(form), str(source), "-o", str(out)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    assert parse(out).report == report
    again = runner.invoke(app, ["fill", str(form), str(source), "-o", str(out)])
    assert again.exit_code == 1  # an output that cannot be written (docs/errors.md)
    assert "GPR401" in again.stderr
    assert "--overwrite" in again.stderr


def test_fills_from_a_docx_report(runner: CliRunner, tmp_path: Path, form: Path) -> None:
    out = tmp_path / "filled.docx"
    source = DATA / "foreign" / "quirks-2021.docx"
    result = runner.invoke(
        app, ["fill", str(form), str(source), "-o", str(out)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    read_back, source_report = parse(out).report, parse(source).report
    # the source left some cells blank; the filled form holds their values (0, or a computed 总计)
    assert source_report.unfilled
    assert read_back == attrs.evolve(source_report, unfilled=())


def test_refuses_a_report_with_errors_unless_forced(
    runner: CliRunner, tmp_path: Path, form: Path
) -> None:
    report = examples.load("example-district-2024")
    broken = attrs.evolve(
        report,
        applications=attrs.evolve(report.applications, new_requests=ApplicantRow(natural_person=1)),
    )
    source = dump(broken, tmp_path / "broken.json")
    out = tmp_path / "filled.docx"
    result = runner.invoke(app, ["fill", str(form), str(source), "-o", str(out)])
    assert result.exit_code == 1
    assert "GPR301" in result.stderr
    assert not out.exists()
    forced = runner.invoke(app, ["fill", str(form), str(source), "-o", str(out), "--force"])
    assert forced.exit_code == 0, forced.stderr
    assert out.exists()


def test_form_that_is_not_a_docx(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "form.docx"
    bad.write_text("not a form")
    source = dump(examples.load("dasheng-2024"), tmp_path / "r.json")
    result = runner.invoke(app, ["fill", str(bad), str(source), "-o", str(tmp_path / "o.docx")])
    assert result.exit_code == 2
    assert "GPR501" in result.stderr

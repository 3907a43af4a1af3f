"""``gpr-docx workbook`` and the commands that take a workbook (render, check, the batch)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

import gpr_docx
from gpr_docx import Report, dump, workbook
from gpr_docx.cli import app
from tests.helpers.workbooks import data_cells, load, save


def test_a_blank_workbook_for_an_agency_and_year(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "2024年报填报.xlsx"
    result = runner.invoke(
        app,
        ["workbook", "-o", str(out), "--agency", "某镇人民政府", "--year", "2024"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stderr
    texts = load(out.read_bytes())["基本信息和正文"]
    values = {row[0].value: row[1].value for row in texts.iter_rows() if row[0].value}
    assert values["报告机关"] == "某镇人民政府"
    assert values["报告年度"] == 2024
    again = runner.invoke(app, ["workbook", "-o", str(out)])
    assert again.exit_code == 1
    assert "GPR401" in again.stderr


def test_from_a_report_and_with_last_year(
    runner: CliRunner, tmp_path: Path, district: Report
) -> None:
    source = dump(district, tmp_path / "2024.toml")
    filled = tmp_path / "filled.xlsx"
    result = runner.invoke(app, ["workbook", "--from", str(source), "-o", str(filled)])
    assert result.exit_code == 0, result.stderr
    assert gpr_docx.load(filled) == district
    nxt = tmp_path / "2025.xlsx"
    result = runner.invoke(app, ["workbook", "--previous", str(filled), "-o", str(nxt)])
    assert result.exit_code == 0, result.stderr
    cells = dict(data_cells(load(nxt.read_bytes())))
    assert cells["applications.carried_over.natural_person"].value == 24


def test_wrong_calls_are_usage_errors(runner: CliRunner, tmp_path: Path) -> None:
    for arguments in (
        ["workbook", "-o", str(tmp_path / "x.xls")],
        ["workbook", "-o", str(tmp_path / "x.xlsx"), "--year", "24"],
        ["workbook", "-o", str(tmp_path / "x.xlsx"), "--agency", " "],
    ):
        result = runner.invoke(app, arguments)
        assert result.exit_code == 2, arguments
        assert "GPR001" in result.stderr
    missing = runner.invoke(app, ["workbook", "--from", str(tmp_path / "no.toml")])
    assert missing.exit_code == 2
    assert "GPR101" in missing.stderr


def test_render_and_check_take_a_workbook(
    runner: CliRunner, tmp_path: Path, district: Report
) -> None:
    source = tmp_path / "filled.xlsx"
    source.write_bytes(workbook(district))
    out = tmp_path / "report.docx"
    result = runner.invoke(app, ["render", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes() == gpr_docx.render(district)
    assert runner.invoke(app, ["check", str(source)]).exit_code == 0


def test_check_names_the_cell_of_an_unreadable_value(
    runner: CliRunner, tmp_path: Path, district: Report
) -> None:
    book = load(workbook(district))
    cell = dict(data_cells(book))["applications.new_requests.natural_person"]
    cell.value = "十二"
    source = tmp_path / "bad.xlsx"
    source.write_bytes(save(book))
    result = runner.invoke(app, ["check", str(source)])
    assert result.exit_code == 2
    assert f"{cell.parent.title}!{cell.coordinate}" in result.stdout


def test_a_batch_takes_the_workbooks_of_a_folder(
    runner: CliRunner, tmp_path: Path, district: Report, dasheng: Report
) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "a.xlsx").write_bytes(workbook(district))
    dump(dasheng, inbox / "b.toml")
    (inbox / "c.docx").write_bytes(gpr_docx.render(dasheng))  # a published report: not taken
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(inbox), "-o", f"{out}/", "--jobs", "1"])
    assert result.exit_code == 0, result.stderr
    assert len(list(out.glob("*.docx"))) == 2

"""What a command reads and where it writes: an output is never an input, a folder is said so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gpr_docx import dump, examples, load
from gpr_docx.cli import app
from tests.helpers import DATA


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    return dump(examples.load("example-district-2024"), tmp_path / "d.json")


def test_an_output_that_is_an_input_is_refused_even_with_force(
    runner: CliRunner, data_file: Path
) -> None:
    before = data_file.read_bytes()
    for flags in ([], ["--force"], ["--overwrite", "--force"]):
        result = runner.invoke(app, ["render", str(data_file), "-o", str(data_file), *flags])
        assert result.exit_code == 2, result.output
        assert "GPR001" in result.stderr
        assert "输出文件就是输入文件之一" in result.stderr
    form = DATA / "foreign" / "blank-form-2021.docx"
    copy = data_file.parent / "form.docx"
    copy.write_bytes(form.read_bytes())
    result = runner.invoke(app, ["fill", str(copy), str(data_file), "-o", str(copy), "--overwrite"])
    assert result.exit_code == 2
    assert "GPR001" in result.stderr
    assert copy.read_bytes() == form.read_bytes()
    assert data_file.read_bytes() == before


@pytest.mark.parametrize("name", ["out.txt", "out.json", "out", "out.DOC"])
def test_the_output_suffix_picks_the_writer(runner: CliRunner, data_file: Path, name: str) -> None:
    target = data_file.parent / name
    result = runner.invoke(app, ["render", str(data_file), "-o", str(target)])
    assert result.exit_code == 2
    assert "GPR001" in result.stderr and ".docx" in result.stderr
    assert not target.exists()


def test_parse_and_example_write_data_files_only(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["example", "dasheng-2024", "-o", str(tmp_path / "x.docx")])
    assert result.exit_code == 2
    assert "GPR001" in result.stderr
    result = runner.invoke(
        app, ["parse", str(DATA / "foreign" / "quirks-2021.docx"), "-o", str(tmp_path / "x.txt")]
    )
    assert result.exit_code == 2
    assert "GPR001" in result.stderr


def test_an_empty_output_path_is_a_usage_error(runner: CliRunner, data_file: Path) -> None:
    result = runner.invoke(app, ["render", str(data_file), "-o", ""])
    assert result.exit_code == 2
    assert "GPR001" in result.stderr
    assert [p.name for p in data_file.parent.iterdir()] == ["d.json"]


def test_a_batch_needs_an_output_folder(runner: CliRunner, data_file: Path, tmp_path: Path) -> None:
    second = dump(load(data_file), tmp_path / "e.toml")
    result = runner.invoke(app, ["render", str(data_file), str(second)])
    assert result.exit_code == 2
    assert "GPR001" in result.stderr and "-o" in result.stderr
    assert not (Path.cwd() / "report.docx").exists()


def test_a_trailing_slash_makes_a_folder_for_one_input(
    runner: CliRunner, data_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "outdir"
    result = runner.invoke(app, ["render", str(data_file), "-o", f"{out}/"])
    assert result.exit_code == 0, result.output
    assert out.is_dir()
    assert [p.suffix for p in out.iterdir()] == [".docx"]


def test_check_takes_folders_as_render_does(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "received"
    folder.mkdir()
    for index, name in enumerate(("dasheng-2024", "example-district-2024")):
        dump(examples.load(name), folder / f"{index}.json")
    (folder / "notes.txt").write_text("not a report", "utf-8")
    result = runner.invoke(app, ["check", str(folder), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    sources = (
        {item["source"] for item in json.loads(result.stdout)}
        if result.stdout.strip() != "[]"
        else set()
    )
    assert sources <= {str(folder / "0.json"), str(folder / "1.json")}
    table = runner.invoke(app, ["check", str(folder)])
    assert "0.json" in table.stdout and "1.json" in table.stdout
    assert "notes.txt" not in table.stdout
    empty = tmp_path / "empty"
    empty.mkdir()
    assert runner.invoke(app, ["check", str(empty)]).exit_code == 2


def test_too_many_jobs_are_lowered_with_a_note(
    runner: CliRunner, data_file: Path, tmp_path: Path
) -> None:
    result = runner.invoke(
        app, ["render", str(data_file), "-o", f"{tmp_path / 'out'}/", "--jobs", "100000"]
    )
    assert result.exit_code == 0, result.output
    assert "--jobs 100000 超过上限" in result.stderr

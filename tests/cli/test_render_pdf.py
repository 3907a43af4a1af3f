"""``gpr-docx render -o X.pdf`` and ``render … --to pdf -o DIR/``: PDFs through LibreOffice."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gpr_docx import examples
from gpr_docx.batch import render_many
from gpr_docx.cli import app
from gpr_docx.data import dump
from gpr_docx.render.pdf import SOFFICE_ENV
from tests.render.test_pdf import need_tools


def test_a_pdf_suffix_makes_a_pdf(runner: CliRunner, tmp_path: Path) -> None:
    need_tools()
    out = tmp_path / "大胜.pdf"
    result = runner.invoke(
        app, ["render", "--example", "dasheng-2024", "-o", str(out)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(
        ["pdftotext", str(out), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "".join(examples.load("dasheng-2024").agency.split()) in "".join(text.split())


def test_without_libreoffice_the_command_says_how_to_install_it(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SOFFICE_ENV, str(tmp_path / "missing"))
    out = tmp_path / "r.pdf"
    result = runner.invoke(app, ["render", "--example", "dasheng-2024", "-o", str(out)])
    assert result.exit_code != 0
    assert "GPR411" in result.stderr
    assert "libreoffice-writer-nogui" in result.stderr
    assert not out.exists()


def test_a_batch_to_pdf_converts_in_parallel_workers(runner: CliRunner, tmp_path: Path) -> None:
    need_tools()
    inputs = []
    for name in ("dasheng-2024", "example-district-2024"):
        path = tmp_path / f"{name}.toml"
        dump(examples.load(name), path)
        inputs.append(str(path))
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["render", *inputs, "--to", "pdf", "-j", "2", "-o", f"{out}/"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    made = sorted(out.iterdir())
    assert [p.suffix for p in made] == [".pdf", ".pdf"]
    assert all(p.read_bytes().startswith(b"%PDF-") for p in made)


def test_render_many_to_pdf_names_files_pdf(tmp_path: Path) -> None:
    need_tools()
    report = examples.load("dasheng-2024")
    summary = render_many([report, report], tmp_path, to="pdf", jobs=2)
    assert summary.ok
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [f"{report.agency}-2024-2.pdf", f"{report.agency}-2024.pdf"]


def test_an_unknown_format_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["render", "--example", "dasheng-2024", "--to", "odt"])
    assert result.exit_code == 2
    assert "GPR001" in result.stderr
    with pytest.raises(ValueError, match="to must be"):
        render_many([], tmp_path, to="odt")


def test_a_batch_to_pdf_without_libreoffice_fails_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gpr_docx.errors import PdfConverterMissingError

    monkeypatch.setenv(SOFFICE_ENV, str(tmp_path / "missing"))
    with pytest.raises(PdfConverterMissingError):
        render_many(["no-such-file.toml"], tmp_path / "out", to="pdf")
    assert not (tmp_path / "out").exists()


def test_to_pdf_with_a_docx_output_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    result = runner.invoke(
        app, ["render", "--example", "dasheng-2024", "--to", "pdf", "-o", str(out)]
    )
    assert result.exit_code == 2
    assert "GPR001" in result.stderr
    assert not out.exists()

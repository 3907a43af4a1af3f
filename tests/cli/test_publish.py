"""``gpr-docx publish`` and ``gpr-docx verify``: one command writes what an office publishes, one says
whether it was changed since."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gpr_docx import examples
from gpr_docx.cli import app
from gpr_docx.publish import MANIFEST
from gpr_docx.render.html import render_html
from gpr_docx.render.pdf import SOFFICE_ENV


def _data(runner: CliRunner, tmp_path: Path) -> Path:
    source = tmp_path / "区.toml"
    result = runner.invoke(app, ["example", "example-district-2024", "-o", str(source)])
    assert result.exit_code == 0, result.output
    return source


def test_publish_then_verify(runner: CliRunner, tmp_path: Path) -> None:
    source = _data(runner, tmp_path)
    folder = tmp_path / "发布"
    result = runner.invoke(app, ["publish", str(source), "-o", f"{folder}/", "--no-pdf"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["区.docx", "区.html", "区.fragment.html", MANIFEST]
    )
    assert (folder / "区.html").read_text("utf-8") == render_html(
        examples.load("example-district-2024")
    )
    manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
    assert manifest["data"]["name"] == "区.toml"
    result = runner.invoke(app, ["verify", str(folder), "--data", str(source)])
    assert result.exit_code == 0, result.output
    assert "3 个文件均未改动" in result.stdout

    (folder / "区.html").write_text("<p>改过的网页</p>", "utf-8")
    source.write_text(source.read_text("utf-8").replace("2024", "2025", 1), "utf-8")
    result = runner.invoke(app, ["verify", str(folder), "--data", str(source)])
    assert result.exit_code == 1
    assert "GPR221 区.html：发布后被修改" in result.stdout
    assert "GPR225" in result.stdout
    assert "不一致：2 处" in result.stdout


def test_publish_keeps_existing_files_and_refuses_a_report_with_errors(
    runner: CliRunner, tmp_path: Path
) -> None:
    source = _data(runner, tmp_path)
    folder = tmp_path / "发布"
    args = ["publish", str(source), "-o", str(folder), "--no-pdf"]
    assert runner.invoke(app, args).exit_code == 0
    again = runner.invoke(app, args)
    assert again.exit_code == 1 and "GPR401" in again.stderr
    assert (
        runner.invoke(app, ["publish", str(source), "-o", str(folder), "--overwrite"]).exit_code
        == 0
    )

    broken = tmp_path / "错.toml"
    broken.write_text(
        source.read_text("utf-8").replace("natural_person = 412", "natural_person = 999", 1),
        "utf-8",
    )
    out = tmp_path / "错误发布"
    result = runner.invoke(app, ["publish", str(broken), "-o", str(out), "--no-pdf"])
    assert result.exit_code == 1 and "GPR301" in result.stderr
    assert not out.exists()


def test_verify_without_a_manifest_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["verify", str(tmp_path)])
    assert result.exit_code == 2
    assert "GPR224" in result.stderr
    assert "Traceback" not in result.output


def test_publish_to_a_file_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    source = _data(runner, tmp_path)
    result = runner.invoke(app, ["publish", str(source), "-o", str(source)])
    assert result.exit_code == 2 and "GPR001" in result.stderr


def test_publish_says_when_the_pdf_is_left_out_and_refuses_pdf_without_libreoffice(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SOFFICE_ENV, str(tmp_path / "no-such-soffice"))
    source = _data(runner, tmp_path)
    refused = runner.invoke(app, ["publish", str(source), "-o", str(tmp_path / "a"), "--pdf"])
    assert refused.exit_code != 0 and "LibreOffice" in refused.stderr
    assert not (tmp_path / "a").exists()
    result = runner.invoke(app, ["publish", str(source), "-o", str(tmp_path / "b")])
    assert result.exit_code == 0, result.output
    assert "未生成 PDF" in result.stderr
    assert not (tmp_path / "b" / "区.pdf").exists()

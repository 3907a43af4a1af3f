"""``gpr-docx serve``: wrong settings stop it before it listens (the service itself: tests/server)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from gpr_docx.cli import app

pytest.importorskip("uvicorn")


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        (["--max-body", "lots"], "GPR001"),
        (["--templates-dir", "no-such-folder"], "GPR101"),
        (["--profiles-dir", "no-such-folder"], "GPR101"),
        (["--token-file", "no-such-file"], "GPR101"),
    ],
)
def test_wrong_settings_are_refused(
    runner: CliRunner,
    tmp_path: Path,
    arguments: list[str],
    code: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["serve", *arguments])
    assert result.exit_code == 2, result.output
    assert code in result.stderr


def test_an_empty_token_file_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    token = tmp_path / "token"
    token.write_text("\n", "utf-8")
    result = runner.invoke(app, ["serve", "--token-file", str(token)])
    assert result.exit_code == 2
    assert "GPR001" in result.stderr


def test_the_help_names_the_options(runner: CliRunner) -> None:
    result = runner.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in (
        "--host",
        "--port",
        "--workers",
        "--token-file",
        "--max-body",
        "--timeout",
        "--templates-dir",
    ):
        assert option in result.stdout

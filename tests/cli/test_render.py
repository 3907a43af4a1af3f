"""``gpr-docx render``: one command from data to .docx; bad input gives one clear message and no file."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from gpr_docx.cli import app

ROOT = Path(__file__).resolve().parents[2]


def _district() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (ROOT / "templates" / "examples" / "example-district-2024.json").read_text("utf-8")
    )
    return data


def test_renders_a_toml_file(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "report.toml"
    assert runner.invoke(app, ["example", "dasheng-2024", "-o", str(source)]).exit_code == 0
    out = tmp_path / "out.docx"
    result = runner.invoke(app, ["render", str(source), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:2] == b"PK"


def test_renders_a_built_in_example(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "dasheng.docx"
    result = runner.invoke(
        app, ["render", "--example", "dasheng-2024", "-o", str(out)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert out.exists()


def test_existing_output_needs_force(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    out.write_bytes(b"keep me")
    args = ["render", "--example", "dasheng-2024", "-o", str(out)]
    result = runner.invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 1
    assert "GPR401" in result.stderr
    assert "如需覆盖请加 --overwrite" in result.stderr
    assert out.read_bytes() == b"keep me"
    # --force lets a report with errors through; it does not overwrite: that is --overwrite
    assert runner.invoke(app, [*args, "--force"], catch_exceptions=False).exit_code == 1
    assert out.read_bytes() == b"keep me"
    assert runner.invoke(app, [*args, "--overwrite"], catch_exceptions=False).exit_code == 0
    assert out.read_bytes()[:2] == b"PK"


def _bad(kind: str) -> tuple[str, str]:
    """A broken input file's name and text, for each kind of bad input."""
    data = _district()
    if kind == "negative":
        data["applications"]["new_requests"]["natural_person"] = -3
    elif kind == "units":
        data["review_litigation"]["review"]["upheld"] = "12件"
    elif kind == "unknown-key":
        data["applications"]["carried_ovr"] = data["applications"].pop("carried_over")
    elif kind == "missing-section":
        del data["improvements"]
    elif kind == "broken-toml":
        return "report.toml", 'schema = "gpr/2021"\nyear = 2024\nagency = "未闭合\n'
    return "report.json", json.dumps(copy.deepcopy(data), ensure_ascii=False)


@pytest.mark.parametrize(
    ("kind", "code", "place"),
    [
        ("negative", "V-1", "$.applications.new_requests.natural_person"),
        ("units", "V-1", "$.review_litigation.review.upheld"),
        ("unknown-key", "GPR111", "$.applications.carried_ovr"),
        ("missing-section", "GPR112", "$.improvements"),
        ("broken-toml", "GPR103", "report.toml"),
    ],
)
def test_bad_input_is_one_clear_message(
    runner: CliRunner, tmp_path: Path, kind: str, code: str, place: str
) -> None:
    name, text = _bad(kind)
    source = tmp_path / name
    source.write_text(text, "utf-8")
    out = tmp_path / "out.docx"
    result = runner.invoke(app, ["render", str(source), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 2
    assert code in result.stderr
    assert place in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_missing_input_file(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    result = runner.invoke(
        app, ["render", str(tmp_path / "nope.toml"), "-o", str(out)], catch_exceptions=False
    )
    assert result.exit_code == 2
    assert "GPR101" in result.stderr
    assert "nope.toml" in result.stderr
    assert not out.exists()


def test_input_and_example_are_exclusive(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["render", "-o", str(tmp_path / "x.docx")], catch_exceptions=False)
    assert result.exit_code == 2


def test_user_text_in_messages_is_never_markup(runner: CliRunner, tmp_path: Path) -> None:
    """A key like ``[/x]`` is printed as typed; as console markup it would crash the message."""
    data = _district()
    data["[/x]"] = 1
    source = tmp_path / "[red]report.json"
    source.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    out = tmp_path / "out.docx"
    result = runner.invoke(app, ["render", str(source), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 2
    assert "GPR111 $.[/x]" in result.stderr
    assert "[red]report.json" in result.stderr
    assert not out.exists()

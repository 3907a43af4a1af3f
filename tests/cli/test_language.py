"""The command line speaks one language: help, usage and errors about the call in Chinese."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from gpr_docx.cli import app
from gpr_docx.cli.language import LANGUAGE_VARIABLE

ENGLISH = re.compile(r"Usage|Options|Arguments|Show this message|Missing|Invalid value|Try '|Error")
COMMANDS = ("check", "example", "fill", "parse", "render")


@pytest.mark.parametrize("command", [(), *((c,) for c in COMMANDS)])
def test_help_is_in_chinese(runner: CliRunner, command: tuple[str, ...]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert result.stdout.startswith("用法：gpr-docx")
    assert "显示本帮助并退出。" in result.stdout
    assert not ENGLISH.search(result.stdout), result.stdout


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["check"], "缺少参数 INPUT"),
        (["render", "--jobs", "x", "a.toml"], "应为整数"),
        (["render", "--jobs", "0", "a.toml"], "不在范围"),
        (["check", "--format", "xml", "a.toml"], "'xml' 不是可选值"),
        (["render", "--bogus"], "没有选项 --bogus"),
        (["nonsense"], "没有命令 nonsense"),
        (["example", "a", "b"], "多余的参数"),
        (["render", "a.toml", "-o"], "选项 -o 需要一个值"),
    ],
)
def test_a_wrong_call_is_a_gpr001_line(runner: CliRunner, args: list[str], said: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("GPR001 命令用法有误：")
    assert said in last
    assert "查看帮助" in result.stderr
    assert not ENGLISH.search(result.stderr), result.stderr


def test_check_usage_reads_plainly(runner: CliRunner) -> None:
    assert (
        "用法：gpr-docx check [选项] INPUT...\n" in runner.invoke(app, ["check", "--help"]).stdout
    )


def test_english_on_request(runner: CliRunner) -> None:
    help_text = runner.invoke(app, ["--help"], env={LANGUAGE_VARIABLE: "en"}).stdout
    assert help_text.startswith("Usage: gpr-docx")
    wrong = runner.invoke(app, ["check"], env={LANGUAGE_VARIABLE: "en"})
    assert wrong.exit_code == 2
    assert "Missing argument" in wrong.stderr

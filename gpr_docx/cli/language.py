"""The one language of the command line: help, usage and call errors in Chinese (English on request).

typer writes its help and its errors about the call itself (a missing argument, an unknown option) in
English, with its own copy of click that takes no translations. The command classes below keep its
layout and put its fixed words into Chinese; an error about the call becomes a GPR001 line like every
other message of the tool. Setting ``GPR_DOCX_LANG=en`` keeps typer's English.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, Final, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup

__all__ = ["LANGUAGE_VARIABLE", "ChineseCommand", "ChineseGroup", "in_chinese", "translated"]

LANGUAGE_VARIABLE: Final = "GPR_DOCX_LANG"
"""Environment variable choosing the command line's language: Chinese unless it starts with ``en``."""

_HELP_WORDS: Final = (
    ("Usage: ", "用法："),
    ("[OPTIONS]", "[选项]"),
    ("COMMAND [ARGS]...", "命令 [参数]..."),
    ("Arguments:", "参数："),
    ("Options:", "选项："),
    ("Commands:", "命令："),
    ("Show this message and exit.", "显示本帮助并退出。"),
    ("[required]", "[必填]"),
    ("[default: ", "[默认："),
    # Type hints keep their width, so that the help's second column stays aligned.
    ("<list[Path]>", "<多个文件>  "),
    ("<path>", "<文件>"),
    ("<str>", "<值> "),
    ("<int range>", "<整数>     "),
    ("<int>", "<数>"),
)
"""typer's fixed words in help and usage, and what the command line says instead."""

_ERRORS: Final[tuple[tuple[re.Pattern[str], str], ...]] = tuple(
    (re.compile(pattern, re.S), chinese)
    for pattern, chinese in (
        (r"^Missing argument '(.+?)'\.?$", r"缺少参数 \1"),
        (r"^Missing option '(.+?)'\.?$", r"缺少选项 \1"),
        (r"^Missing parameter: (.+)$", r"缺少参数 \1"),
        (r"^No such option: (\S+?)\.? Did you mean (\S+?)\?$", r"没有选项 \1，是否应为 \2？"),
        (r"^No such option: (\S+?)\.? \(Possible options: (.+)\)$", r"没有选项 \1，可用：\2"),
        (r"^No such option: (\S+?)\.?$", r"没有选项 \1"),
        (r"^No such command '(.+?)'\.?$", r"没有命令 \1"),
        (r"^Got unexpected extra argument(?:s|\(s\))? \((.+)\)$", r"多余的参数：\1"),
        (r"^Option '(.+?)' requires an argument\.?$", r"选项 \1 需要一个值"),
        (r"^Option '(.+?)' requires (\d+) arguments\.?$", r"选项 \1 需要 \2 个值"),
        (r"^Option '(.+?)' does not take a value\.?$", r"选项 \1 不带值"),
        (
            r"^Invalid value for (.+?): '?(.*?)'? is not a valid integer\.?$",
            r"\1 应为整数，实为 \2",
        ),
        (r"^Invalid value for (.+?): .*valid integer.*$", r"\1 应为整数"),
        (
            r"^Invalid value for (.+?): Input should be greater than or equal to (\d+)$",
            r"\1 的值不在范围内：应不小于 \2",
        ),
        (
            r"^Invalid value for (.+?): (.+?) is not in the range (.+?)\.?$",
            r"\1 的值 \2 不在范围 \3 内",
        ),
        (
            r"^Invalid value for (.+?): (?:Value error, )?'(.+?)' is not one of (.+?)\.?$",
            r"\1 的值 '\2' 不是可选值（\3）",
        ),
        (r"^Invalid value for (.+?): (.+)$", r"\1 的取值无效：\2"),
    )
)
"""typer's errors about the call, read by their English wording; anything else is kept as it is."""


def in_chinese() -> bool:
    """Whether the command line speaks Chinese (the default) rather than English."""
    return not os.environ.get(LANGUAGE_VARIABLE, "").lower().startswith("en")


_VARIADIC: Final = re.compile(r"\{([A-Z_]+)\}\.\.\.")
"""typer writes a required list argument as ``{INPUT}...``; people read ``INPUT...``."""


def translated(text: str) -> str:
    """Help or usage text with typer's fixed words in Chinese (in English, only tidied)."""
    text = _VARIADIC.sub(r"\1...", text)
    if not in_chinese():
        return text
    for english, chinese in _HELP_WORDS:
        text = text.replace(english, chinese)
    return text


def _error_message(message: str) -> str:
    for pattern, chinese in _ERRORS:
        if pattern.match(message):
            return pattern.sub(chinese, message)
    return message


class _Chinese:
    """What the command and group classes share: help, usage and call errors in the chosen language."""

    get_help: Callable[[typer.Context], str]
    get_usage: Callable[[typer.Context], str]

    def main(self, args: Sequence[str] | None = None, *rest: Any, **options: Any) -> Any:
        standalone = options.pop("standalone_mode", True)
        if not standalone or not in_chinese():
            return super().main(args, *rest, standalone_mode=standalone, **options)  # type: ignore[misc]
        try:
            result = super().main(args, *rest, standalone_mode=False, **options)  # type: ignore[misc]
        except typer.Abort:
            sys.stderr.write("已中止\n")
            sys.exit(1)
        except typer.TyperException as error:
            _show_call_error(error)
        sys.exit(result if isinstance(result, int) else 0)


def _show_call_error(error: typer.TyperException) -> NoReturn:
    """A wrong call, the way the tool says every error: code, then what is wrong; then the usage."""
    context = getattr(error, "ctx", None)
    lines = []
    if context is not None:
        lines.append(context.get_usage())
    lines.append(f"用 '{context.command_path if context else 'gpr-docx'} --help' 查看帮助。")
    lines.append(f"GPR001 命令用法有误：{_error_message(error.format_message())}")
    sys.stderr.write("\n".join(lines) + "\n")
    sys.exit(getattr(error, "exit_code", 2))


class ChineseCommand(_Chinese, TyperCommand):
    """A command whose help, usage and call errors are in Chinese."""

    def get_help(self, ctx: typer.Context) -> str:  # type: ignore[override]
        return translated(super().get_help(ctx))

    def get_usage(self, ctx: typer.Context) -> str:  # type: ignore[override]
        return translated(super().get_usage(ctx))


class ChineseGroup(_Chinese, TyperGroup):
    """The application: its own help and usage in Chinese, and its commands' call errors."""

    def get_help(self, ctx: typer.Context) -> str:  # type: ignore[override]
        return translated(super().get_help(ctx))

    def get_usage(self, ctx: typer.Context) -> str:  # type: ignore[override]
        return translated(super().get_usage(ctx))

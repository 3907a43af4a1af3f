"""The typer application, its console helpers and its exit codes."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Final, NoReturn

import typer
from rich.console import Console
from rich.text import Text

from .language import ChineseGroup

if TYPE_CHECKING:
    from ..errors import GprError

__all__ = [
    "EXIT_FAILED",
    "EXIT_INPUT",
    "EXIT_INTERRUPTED",
    "app",
    "err_console",
    "exit_code_for",
    "fail",
    "out_console",
    "reporting",
    "usage_error",
    "with_hint",
]

EXIT_FAILED = 1
"""Exit code: the command ran and found errors (or some inputs of a batch failed)."""
EXIT_INPUT = 2
"""Exit code: an input could not be read, or the call itself was wrong."""
EXIT_INTERRUPTED = 130
"""Exit code: interrupted with Ctrl-C (128 + SIGINT, as shells report it)."""

app = typer.Typer(
    name="gpr-docx",
    cls=ChineseGroup,
    help="政府信息公开工作年度报告：从数据生成正式 Word 文档、检查、解析。",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)

# Messages for people go to stderr; data (JSON, tables asked for) goes to stdout.
err_console = Console(stderr=True, highlight=False, soft_wrap=True)
out_console = Console(highlight=False, soft_wrap=True)


_FLAG_HINTS: Final = {
    "GPR301": "（确需生成请加 --force）",
    "GPR401": "；如需覆盖请加 --overwrite",
}
"""What the command line adds to a library message whose way out is one of its flags."""


def with_hint(code: str, message: str) -> str:
    """``message`` and, for an error that a flag overrides (--force, --overwrite), how to override it."""
    return message + _FLAG_HINTS.get(code, "")


def exit_code_for(error: GprError) -> int:
    """The exit code of the rule in docs/errors.md: 1 for a report with errors or an output that
    cannot be written, 2 for an input that cannot be read or a wrong call."""
    from ..errors import OutputError, RenderError

    return EXIT_FAILED if isinstance(error, OutputError | RenderError) else EXIT_INPUT


def print_error(error: GprError) -> None:
    """Print an error as ``<code> <place>：<message>``, one fault per line (user text is never markup)."""
    from ..errors import ProfileError, SchemaError

    place = f" {error.place}" if error.place else ""
    message = with_hint(error.code, error.message)
    err_console.print(Text.assemble((error.code, "bold red"), f"{place}：{message}"))
    if isinstance(error, SchemaError | ProfileError):
        for fault in error.faults:
            err_console.print(
                Text.assemble("  ", (fault.code, "red"), f" {fault.place}：{fault.message}")
            )


def fail(error: GprError, code: int | None = None) -> NoReturn:
    """Print ``error`` and leave with exit ``code`` (by default the one the rule gives the error)."""
    print_error(error)
    raise typer.Exit(exit_code_for(error) if code is None else code)


def usage_error(message: str, *, place: str = "") -> NoReturn:
    """Leave with GPR001 and exit 2: the command was called wrongly, nothing was done."""
    from ..errors import UsageError

    fail(UsageError(message, place=place))


@contextlib.contextmanager
def reporting() -> Iterator[None]:
    """Turn any GprError raised inside into a printed message and its exit code (never a traceback);
    Ctrl-C into 「已中断」 and exit 130."""
    from ..errors import GprError

    try:
        yield
    except GprError as error:
        fail(error)
    except KeyboardInterrupt:
        err_console.print("已中断")
        sys.exit(EXIT_INTERRUPTED)


def _show_version(value: bool) -> None:
    if value:
        from .._version import __version__

        out_console.print(f"gpr-docx {__version__}", markup=False)
        raise typer.Exit


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_show_version, is_eager=True, help="显示版本号"
    ),
) -> None:
    """政府信息公开工作年度报告：从数据生成正式 Word 文档、检查、解析。"""

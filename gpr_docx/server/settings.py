"""What the operator decides about a service: limits, workers, token, templates (:class:`Settings`)."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Final

import attrs

from .._fs import read_limited
from ..errors import InputNotFoundError, InputTooLargeError, UsageError

if TYPE_CHECKING:
    from ..check import Profile

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_MAX_BODY",
    "DEFAULT_PORT",
    "TEMPLATE_NAME",
    "Settings",
    "parse_size",
    "profiles_in",
    "read_token",
    "templates_in",
]

DEFAULT_HOST: Final = "127.0.0.1"
"""Loopback: the service is reachable from this machine only unless the operator says otherwise."""
DEFAULT_PORT: Final = 8765
_MB: Final = 1024 * 1024
DEFAULT_MAX_BODY: Final = 20 * _MB
"""Largest request body: above any report, form or published document the readers take."""
TEMPLATE_NAME: Final = re.compile(r"[\w\-]{1,64}")
"""What a template's name may be: letters (also Chinese), digits, ``_`` and ``-`` — never a path."""
_SIZE: Final = re.compile(r"(?i)\s*(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?\s*")
_UNITS: Final = {
    "b": 1,
    "k": 1024,
    "kb": 1024,
    "m": _MB,
    "mb": _MB,
    "g": 1024 * _MB,
    "gb": 1024 * _MB,
}
_TOKEN_FILE_MAX: Final = 4096


def _templates(given: Mapping[str, Path]) -> dict[str, Path]:
    return dict(given)


def _profiles(given: Mapping[str, Profile]) -> dict[str, Profile]:
    return dict(given)


def _default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


@attrs.frozen(kw_only=True)
class Settings:
    """How a service runs: its limits, its worker pool, its token and the templates it offers.

    Every limit has a safe default, so ``Settings()`` is a service fit for loopback.
    """

    max_body: int = DEFAULT_MAX_BODY
    """Largest request body in bytes; a larger one is refused (GPR701) before it is read whole."""
    timeout: float = 60.0
    """Seconds a request may take, to arrive and to be served (GPR705)."""
    header_timeout: float = 10.0
    """Seconds a client may take to send a request's headers before the connection is dropped."""
    workers: int = attrs.field(factory=_default_workers)
    """Processes that do the work (reading, checking, rendering), off the event loop."""
    token: str | None = attrs.field(default=None, repr=False)
    """A bearer token every request but ``GET /health`` must carry (``None``: none asked)."""
    templates: Mapping[str, Path] = attrs.field(factory=dict, converter=_templates)
    """The templates a request may choose by name (``?template=name``), each a .docx file."""
    profiles: Mapping[str, Profile] = attrs.field(factory=dict, converter=_profiles)
    """Local rule profiles a request may choose by name (``?profile=name``), besides the built-in
    ones (:func:`gpr_docx.check.profile.available_profiles`), which they override."""

    def __attrs_post_init__(self) -> None:
        if self.max_body < 1 or self.timeout <= 0 or self.header_timeout <= 0 or self.workers < 1:
            raise UsageError("服务的限制须为正数：请求体大小、超时时间、工作进程数")
        for name in (*self.templates, *self.profiles):
            if not TEMPLATE_NAME.fullmatch(name):
                raise UsageError(f"模板和规则集的名称只能由文字、数字、_ 和 - 组成：{name!r}")


def templates_in(folder: str | os.PathLike[str]) -> dict[str, Path]:
    """The templates an operator offers: every ``*.docx`` in ``folder``, named by its file name's stem.

    Raises:
        InputNotFoundError: ``folder`` is not a folder.
        UsageError: A file's stem is not a valid template name.
    """
    root = Path(folder)
    if not root.is_dir():
        raise InputNotFoundError("模板文件夹不存在", place=str(root))
    found = {path.stem: path.resolve() for path in sorted(root.glob("*.docx")) if path.is_file()}
    for name, path in found.items():
        if not TEMPLATE_NAME.fullmatch(name):
            raise UsageError(f"模板文件名只能由文字、数字、_ 和 - 组成：{path.name}")
    return found


def profiles_in(folder: str | os.PathLike[str]) -> dict[str, Profile]:
    """The rule profiles an operator offers: every ``*.toml`` in ``folder``, loaded and checked
    now (a broken one stops the service before it starts), named by its file name's stem.

    Raises:
        InputNotFoundError: ``folder`` is not a folder.
        UsageError: A file's stem is not a valid name.
        ProfileError: A file does not fit the profile format (the errors of
            :func:`gpr_docx.load_profile`).
    """
    from ..check import load_profile

    root = Path(folder)
    if not root.is_dir():
        raise InputNotFoundError("规则集文件夹不存在", place=str(root))
    found = {}
    for path in sorted(root.glob("*.toml")):
        if not TEMPLATE_NAME.fullmatch(path.stem):
            raise UsageError(f"规则集文件名只能由文字、数字、_ 和 - 组成：{path.name}")
        found[path.stem] = load_profile(path.resolve())
    return found


def read_token(path: str | os.PathLike[str]) -> str:
    """The bearer token in ``path``: its text without surrounding white space; never empty.

    Raises:
        InputNotFoundError: The file cannot be read.
        UsageError: The file is empty or not UTF-8.
    """
    raw, name = read_limited(
        Path(path),
        _TOKEN_FILE_MAX,
        unnamed=str(path),
        what="令牌文件",
        too_large=InputTooLargeError,
        unreadable=InputNotFoundError,
    )
    try:
        token = raw.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise UsageError("令牌文件不是 UTF-8 文本", place=name) from None
    if not token or any(c.isspace() for c in token):
        raise UsageError("令牌文件应只含一个令牌（不能为空，不能含空白）", place=name)
    return token


def parse_size(text: str) -> int:
    """A size as the command line writes it — ``20MB``, ``512k``, ``1048576`` — in bytes.

    >>> parse_size("20MB")
    20971520
    >>> parse_size("512k")
    524288

    Raises:
        UsageError: ``text`` is not a size.
    """
    match = _SIZE.fullmatch(text)
    if match is None:
        raise UsageError(f"不是大小：{text!r}（例如 20MB、512KB）")
    number, unit = match.groups()
    size = int(float(number) * _UNITS[(unit or "b").lower()])
    if size < 1:
        raise UsageError(f"大小须为正数：{text!r}")
    return size

"""Report files: pick the reader or writer by the file's suffix."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

from .._fs import read_limited
from ..errors import InputNotFoundError, InputTooLargeError, UnsupportedFormatError
from ..model import Report
from .text import READERS, WRITERS

__all__ = ["MAX_FILE_SIZE", "SUFFIXES", "dump", "dumps", "load", "loads"]

SUFFIXES = tuple(READERS)
"""The suffixes :func:`load` reads."""

_MB: Final = 1024 * 1024
MAX_FILE_SIZE: Final = 8 * _MB
"""Largest data file read: far above a whole report at the model's own limits (ten texts of at most
50 000 characters and 200 numbers), so a larger file is not a report."""


def load(path: str | os.PathLike[str]) -> Report:
    """Read a report from a ``.toml``, ``.yaml``/``.yml`` or ``.json`` file in the ``gpr/2021`` format.

    Every problem of the file's values is reported at once, each at its key and official label.

    Args:
        path: The data file; its suffix picks the format.

    Returns:
        The report, with every total that was left out computed.

    Raises:
        UnsupportedFormatError: The suffix is not ``.toml``, ``.yaml``, ``.yml`` or ``.json`` (a
            ``.docx`` is read with :func:`gpr_docx.parse` or :func:`gpr_docx.read`).
        InputNotFoundError: The file does not exist, or is a folder.
        InputSyntaxError: The file is not UTF-8, or not valid TOML, YAML or JSON.
        SchemaError: The data does not fit the model; :attr:`~gpr_docx.SchemaError.faults`
            lists every fault.
    """
    source = Path(path)
    reader = READERS.get(source.suffix.lower())
    if reader is None:
        hint = "；Word 报告请用 gpr_docx.parse 读回" if source.suffix.lower() == ".docx" else ""
        if source.suffix.lower() in (".xlsx", ".xls"):
            hint = "；工作簿请用 gpr_docx.load 或 gpr_docx.read 读取"
        raise UnsupportedFormatError(
            f"不支持的文件类型「{source.suffix or '无后缀'}」，可用：{'、'.join(SUFFIXES)}{hint}",
            place=str(source),
        )
    raw, name = _read_data(source, str(source))
    return reader(raw, name)


def _read_data(source: Path | bytes, name: str) -> tuple[bytes, str]:
    """A data file's bytes within :data:`MAX_FILE_SIZE` (GPR104 beyond it, unread)."""
    return read_limited(
        source,
        MAX_FILE_SIZE,
        unnamed=name,
        what="年度报告的数据",
        too_large=InputTooLargeError,
        unreadable=InputNotFoundError,
    )


def loads(data: bytes | str, suffix: str, *, source: str = "<string>") -> Report:
    """Read a report from text in the format named by ``suffix`` (``.toml``, ``.yaml``, ``.json``).

    Args:
        data: The text, or its UTF-8 bytes.
        suffix: The format, as a file suffix.
        source: How messages name the input (a file name, a URL).

    Returns:
        The report, with every total that was left out computed.

    Raises:
        UnsupportedFormatError: ``suffix`` is not ``.toml``, ``.yaml``, ``.yml`` or ``.json``.
        InputSyntaxError: The bytes are not UTF-8, or not valid TOML, YAML or JSON.
        SchemaError: The data does not fit the model.
    """
    reader = READERS.get(suffix.lower())
    if reader is None:
        raise UnsupportedFormatError(f"不支持的格式「{suffix}」", place=source)
    raw, _ = _read_data(data.encode("utf-8") if isinstance(data, str) else data, source)
    return reader(raw, source)


def dumps(report: Report, suffix: str = ".json") -> bytes:
    """The report as ``gpr/2021`` text in the format named by ``suffix`` (JSON by default).

    Args:
        report: The report to write.
        suffix: ``.json``, ``.toml``, ``.yaml`` or ``.yml``.

    Returns:
        The text, UTF-8 encoded; reading it back with :func:`loads` gives an equal report.

    Raises:
        UnsupportedFormatError: ``suffix`` names no format gpr_docx writes.
    """
    writer = WRITERS.get(suffix.lower())
    if writer is None:
        raise UnsupportedFormatError(f"不支持的输出格式「{suffix}」，可用：{'、'.join(WRITERS)}")
    return writer(report)


def dump(report: Report, path: str | os.PathLike[str], *, force: bool = False) -> Path:
    """Write the report to ``path`` atomically; the suffix picks JSON, TOML or YAML.

    Args:
        report: The report to write.
        path: The file to write (JSON when it has no suffix).
        force: Overwrite ``path`` if it exists.

    Returns:
        The path written.

    Raises:
        UnsupportedFormatError: The suffix names no format gpr_docx writes.
        OutputExistsError: ``path`` exists and ``force`` is false.
        OutputError: ``path`` is a folder or cannot be written.
    """
    from .._fs import write_atomic

    target = Path(path)
    return write_atomic(target, dumps(report, target.suffix or ".json"), force=force)

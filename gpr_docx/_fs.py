"""Files in and out: atomic output (a temp file beside the target, renamed over it), bounded reads of
untrusted input, and the decoding of a hand-written text file (UTF-8, TOML) with located errors."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from .errors import GprError, InputNotFoundError, InputSyntaxError, OutputError, OutputExistsError

__all__ = [
    "decode_utf8",
    "publish",
    "read_limited",
    "read_toml",
    "stage",
    "writable",
    "write_atomic",
    "write_new",
]


def _file_mode() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


_FILE_MODE = _file_mode()  # read once, at import, before any worker thread exists


def write_atomic(path: str | os.PathLike[str], data: bytes, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` so that readers see the old file, or the whole new one, never a part.

    Raises :class:`OutputExistsError` if ``path`` exists and ``force`` is false.
    """
    target = writable(path, force=force)
    return publish(stage(target, data), target, force=force)


def write_new(
    path: str | os.PathLike[str], make: Callable[[], bytes], *, force: bool = False
) -> Path:
    """Write what ``make()`` returns to ``path`` atomically, checking ``path`` before making it.

    The ``*_to_file`` functions' one way to write a document: a folder, or an existing file
    without ``force``, is refused (:func:`writable`) before the work of ``make`` is done, and the
    write leaves the old file or the whole new one (:func:`write_atomic`).
    """
    target = writable(path, force=force)
    return write_atomic(target, make(), force=force)


def writable(path: str | os.PathLike[str], *, force: bool = False) -> Path:
    """``path``, after making sure a file may be written there: not a folder, not existing unless ``force``.

    Callers check before the work that makes the file, so a refusal costs nothing.
    """
    target = Path(path)
    if target.is_dir():
        raise OutputError("输出路径是一个文件夹，请给出文件名", place=str(target))
    if target.exists() and not force:
        raise OutputExistsError("输出文件已存在", place=str(target))
    return target


def stage(target: Path, data: bytes) -> Path:
    """Write ``data`` to a hidden ``.<name>.*.part`` file beside ``target``, flushed to disk.

    Nothing named like ``target`` appears until :func:`publish` moves the staged file into place.
    """
    directory = target.parent if str(target.parent) else Path()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=directory)
    except OSError as exc:
        raise OutputError(f"无法写入：{exc.strerror or exc}", place=str(target)) from exc
    tmp = Path(tmp_name)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, _FILE_MODE)  # mkstemp makes it owner-only; give it a normal file's mode
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise OutputError(f"无法写入：{exc.strerror or exc}", place=str(target)) from exc
    return tmp


def publish(staged: Path, target: Path, *, force: bool = False) -> Path:
    """Move a file written by :func:`stage` to ``target`` in one step.

    An existing ``target`` is kept (:class:`OutputExistsError`) unless ``force``; the staged file is
    gone afterwards either way.
    """
    try:
        if force:
            staged.replace(target)
        else:
            # link() fails if the target appeared meanwhile, so a concurrent writer is never clobbered.
            try:
                os.link(staged, target)
            except FileExistsError as exc:
                raise OutputExistsError("输出文件已存在", place=str(target)) from exc
            except OSError:
                if target.exists():
                    raise OutputExistsError("输出文件已存在", place=str(target)) from None
                staged.replace(target)
    except OSError as exc:
        raise OutputError(f"无法写入：{exc.strerror or exc}", place=str(target)) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            staged.unlink()
    return target


_MB = 1024 * 1024


def _size_text(size: int) -> str:
    return f"{size // _MB} MB" if size % _MB == 0 else f"{size} 字节"


def read_limited(
    source: str | os.PathLike[str] | bytes,
    limit: int,
    *,
    unnamed: str,
    what: str,
    too_large: type[GprError],
    unreadable: type[GprError],
) -> tuple[bytes, str]:
    """The bytes of an untrusted input (a path, or the bytes themselves) and the name that places errors.

    Over ``limit`` bytes is refused unread (``too_large``), and again if the file grows while it
    is read; a folder or an unreadable file is ``unreadable``, a missing one InputNotFoundError.
    ``unnamed`` places errors about bytes given directly; ``what`` names what the file should be.
    """
    too_big = f"文件超过 {_size_text(limit)}，不会是{what}，已拒绝读取"
    if isinstance(source, bytes):
        if len(source) > limit:
            raise too_large(too_big, place=unnamed)
        return source, unnamed
    path = Path(source)
    name = str(path)
    try:
        if path.is_dir():
            raise unreadable(f"这是一个文件夹，不是{what}", place=name)
        size = path.stat().st_size
        if size > limit:
            raise too_large(
                f"文件有 {size / _MB:.1f} MB，超过上限 {_size_text(limit)}，不会是{what}，已拒绝读取",
                place=name,
            )
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except FileNotFoundError:
        raise InputNotFoundError("文件不存在", place=name) from None
    except OSError as exc:
        raise unreadable(f"无法读取：{exc.strerror or exc}", place=name) from None
    if len(data) > limit:  # it grew while being read
        raise too_large(too_big, place=name)
    return data, name


def decode_utf8(raw: bytes, source: str) -> str:
    """The text of a file a person wrote (a BOM allowed), or GPR103 naming the first bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputSyntaxError(
            f"文件不是 UTF-8 编码（第 {exc.start + 1} 个字节），请另存为 UTF-8", place=source
        ) from None


_TOML_AT: Final = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def read_toml(raw: bytes, source: str, *, what: str) -> tuple[dict[str, Any], str]:
    """The data and text of a TOML file (report data, a rule profile), or GPR103 at its line.

    ``what`` names what the file should be, for a file nested deeper than any such file.
    """
    text = decode_utf8(raw, source)
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        raise InputSyntaxError(
            f"TOML 格式错误：{_toml_problem(str(exc), text)}", place=source
        ) from None
    except RecursionError:
        raise InputSyntaxError(f"数据嵌套层数过多，不是{what}", place=source) from None


def _toml_problem(message: str, text: str) -> str:
    """tomllib's message with its place in front, and the line it is about quoted."""
    at = _TOML_AT.search(message)
    if at is None:
        return message
    line, column = int(at[1]), int(at[2])
    lines = text.splitlines()
    quoted = f"「{lines[line - 1].strip()}」" if 0 < line <= len(lines) else ""
    return f"第 {line} 行第 {column} 列{quoted}：{message[: at.start()]}"

"""Atomic file output: write to a temp file beside the target, then rename over it."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import OutputError, OutputExistsError

__all__ = ["write_atomic"]


def write_atomic(path: str | os.PathLike[str], data: bytes, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` so that readers see the old file, or the whole new one, never a part.

    Raises :class:`OutputExistsError` if ``path`` exists and ``force`` is false.
    """
    target = Path(path)
    if target.is_dir():
        raise OutputError("输出路径是一个文件夹，请给出文件名", place=str(target))
    if target.exists() and not force:
        raise OutputExistsError("输出文件已存在；如需覆盖请加 --force", place=str(target))
    directory = target.parent if str(target.parent) else Path()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=directory)
    except OSError as exc:
        raise OutputError(f"无法写入：{exc.strerror or exc}", place=str(target)) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if force:
            tmp.replace(target)
        else:
            # link() fails if the target appeared meanwhile, so a concurrent writer is never clobbered.
            try:
                os.link(tmp, target)
            except FileExistsError as exc:
                raise OutputExistsError(
                    "输出文件已存在；如需覆盖请加 --force", place=str(target)
                ) from exc
            except OSError:
                if target.exists():
                    raise OutputExistsError(
                        "输出文件已存在；如需覆盖请加 --force", place=str(target)
                    ) from None
                tmp.replace(target)
    except OSError as exc:
        raise OutputError(f"无法写入：{exc.strerror or exc}", place=str(target)) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return target

"""Atomic writes: never a partial file, never an overwrite unless asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from gpr_docx._fs import write_atomic, write_new
from gpr_docx.errors import OutputError, OutputExistsError


def test_writes_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = write_atomic(tmp_path / "sub" / "a.bin", b"data")
    assert target.read_bytes() == b"data"
    assert [p.name for p in target.parent.iterdir()] == ["a.bin"]


def test_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "a.bin"
    path.write_bytes(b"old")
    with pytest.raises(OutputExistsError):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"old"
    write_atomic(path, b"new", force=True)
    assert path.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.bin"]


def test_directory_as_target(tmp_path: Path) -> None:
    with pytest.raises(OutputError):
        write_atomic(tmp_path, b"x")


def test_new_files_get_the_usual_mode(tmp_path: Path) -> None:
    import os

    if not hasattr(os, "fchmod"):
        pytest.skip("no POSIX file modes on this platform")
    mask = os.umask(0o022)
    os.umask(mask)
    target = write_atomic(tmp_path / "a.bin", b"data")
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


def test_read_limited_refuses_what_is_too_large_or_not_a_file(tmp_path: Path) -> None:
    from gpr_docx._fs import read_limited
    from gpr_docx.errors import InputError, InputNotFoundError, InputTooLargeError

    def read(source: Path | bytes) -> tuple[bytes, str]:
        return read_limited(
            source,
            4,
            unnamed="<x>",
            what="测试",
            too_large=InputTooLargeError,
            unreadable=InputError,
        )

    assert read(b"abcd") == (b"abcd", "<x>")
    (tmp_path / "ok").write_bytes(b"abc")
    assert read(tmp_path / "ok") == (b"abc", str(tmp_path / "ok"))
    with pytest.raises(InputTooLargeError, match="文件超过 4 字节"):
        read(b"abcde")
    (tmp_path / "big").write_bytes(b"abcde")
    with pytest.raises(InputTooLargeError, match="超过上限 4 字节"):
        read(tmp_path / "big")
    with pytest.raises(InputError, match="文件夹"):
        read(tmp_path)
    with pytest.raises(InputNotFoundError):
        read(tmp_path / "missing")


def test_write_new_refuses_before_making_the_document(tmp_path: Path) -> None:
    made: list[int] = []

    def make() -> bytes:
        made.append(1)
        return b"new"

    target = tmp_path / "out.docx"
    target.write_bytes(b"old")
    with pytest.raises(OutputExistsError):
        write_new(target, make)
    with pytest.raises(OutputError):
        write_new(tmp_path, make)
    assert made == [] and target.read_bytes() == b"old"
    assert write_new(target, make, force=True) == target
    assert made == [1] and target.read_bytes() == b"new"

"""The inputs and outputs commands take: report files and folders in, checked output paths out."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

from ..parse import DOCUMENT_SUFFIXES
from .base import usage_error

if TYPE_CHECKING:
    from ..inputs import ReportInput

__all__ = [
    "BATCH_SUFFIXES",
    "DATA_SUFFIXES",
    "INPUT_HELP",
    "REPORT_SUFFIXES",
    "WORKBOOK_SUFFIX",
    "expand_inputs",
    "is_folder",
    "output_path",
    "read",
]

INPUT_HELP: Final = "报告数据文件（.toml / .yaml / .yml / .json）、填报表 .xlsx 或年度报告（.docx、网页 .html、.pdf）"
DATA_SUFFIXES: Final = (".toml", ".yaml", ".yml", ".json")
"""The data formats :func:`gpr_docx.dump` writes and :func:`gpr_docx.load` reads (kept here so
that the command line starts without them)."""
WORKBOOK_SUFFIX: Final = ".xlsx"
"""A clerk's workbook (:func:`gpr_docx.workbook`), which :func:`gpr_docx.load` reads too."""
BATCH_SUFFIXES: Final = (*DATA_SUFFIXES, WORKBOOK_SUFFIX)
"""What a batch takes from a folder: the filled-in data, never a published report."""
REPORT_SUFFIXES: Final = (*BATCH_SUFFIXES, *DOCUMENT_SUFFIXES)
"""Every kind of input :func:`gpr_docx.read` takes."""


def read(path: str | os.PathLike[str]) -> ReportInput:
    """:func:`gpr_docx.read`, imported when a command runs (not when the command line starts)."""
    from ..inputs import read as read_input

    return read_input(path)


def expand_inputs(inputs: Iterable[Path], suffixes: Sequence[str]) -> Iterator[Path]:
    """Files as given; each folder's files with one of ``suffixes`` (sorted by name, not recursive).

    A missing file is passed on, to be reported with the other inputs' results.
    """
    for path in inputs:
        if path.is_dir():
            yield from sorted(
                p for p in path.iterdir() if p.is_file() and p.suffix.lower() in suffixes
            )
        else:
            yield path


def is_folder(raw: str) -> bool:
    """Whether an output given as ``raw`` names a folder: it ends with a slash or is one already."""
    return raw.endswith(("/", os.sep)) or Path(raw).is_dir()


def output_path(raw: str, *, suffixes: Sequence[str], inputs: Iterable[Path]) -> Path:
    """The output file ``raw`` names, or a usage error (GPR001, exit 2) before any work.

    Refused: an empty path; a suffix no writer makes (``-o out.txt`` for a .docx); a path that is
    one of the inputs (``render d.json -o d.json`` would replace the data with the document).
    """
    if not raw.strip():
        usage_error("输出路径为空，请用 -o 给出文件名")
    target = Path(raw)
    for source in inputs:
        if _same_file(source, target):
            usage_error("输出文件就是输入文件之一，会覆盖输入；请换一个输出文件名", place=raw)
    if target.suffix.lower() not in suffixes:
        usage_error(
            f"输出文件类型「{target.suffix or '无后缀'}」不支持，可用：{'、'.join(suffixes)}",
            place=raw,
        )
    return target


def _same_file(a: Path, b: Path) -> bool:
    try:
        return (a.exists() and b.exists() and a.samefile(b)) or a.resolve() == b.resolve()
    except OSError:
        return False

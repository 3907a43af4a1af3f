"""The report inputs commands take: data files (TOML/YAML/JSON) and report .docx files (read back)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..inputs import ReportInput

__all__ = ["INPUT_HELP", "read"]

INPUT_HELP = "报告数据文件（.toml / .yaml / .yml / .json）或年度报告 .docx"


def read(path: str | os.PathLike[str]) -> ReportInput:
    """:func:`gpr_docx.read`, imported when a command runs (not when the command line starts)."""
    from ..inputs import read as read_input

    return read_input(path)

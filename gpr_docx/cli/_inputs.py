"""The report inputs commands take: data files (TOML/YAML/JSON) and report .docx files (read back)."""

from __future__ import annotations

from ..inputs import read

__all__ = ["INPUT_HELP", "read"]

INPUT_HELP = "报告数据文件（.toml / .yaml / .yml / .json）或年度报告 .docx"

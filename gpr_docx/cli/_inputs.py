"""The report inputs commands take: data files (TOML/YAML/JSON) and report .docx files (read back)."""

from __future__ import annotations

from ..sources import read_report

__all__ = ["INPUT_HELP", "read_report"]

INPUT_HELP = "报告数据文件（.toml / .yaml / .yml / .json）或年度报告 .docx"

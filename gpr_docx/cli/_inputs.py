"""The report inputs commands take: data files (TOML/YAML/JSON) and report .docx files (read back)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..findings import Finding
    from ..model import Report

INPUT_HELP = "报告数据文件（.toml / .yaml / .yml / .json）或年度报告 .docx"


def read_report(path: Path) -> tuple[Report, list[Finding]]:
    """The report in ``path``, and for a .docx what could not be read in it (GPR511, GPR512).

    Raises the input's :class:`~gpr_docx.errors.GprError` when it cannot be read at all.
    """
    if path.suffix.lower() == ".docx":
        from ..reader import parse_docx

        parsed = parse_docx(path)
        return parsed.report, parsed.findings()
    from .. import formats

    return formats.load(path), []

"""A report from any input the tools take: a data file (TOML/YAML/JSON) or a report .docx, read back."""

from __future__ import annotations

import os
from pathlib import Path

from .findings import Finding
from .model import Report

__all__ = ["read_report"]


def read_report(path: str | os.PathLike[str]) -> tuple[Report, list[Finding]]:
    """The report in ``path``, and for a .docx what could not be read in it (GPR511, GPR512).

    Raises the input's :class:`~gpr_docx.errors.GprError` when it cannot be read at all.
    """
    if Path(path).suffix.lower() == ".docx":
        from .reader import parse_docx

        parsed = parse_docx(path)
        return parsed.report, parsed.findings()
    from . import formats

    return formats.load(path), []

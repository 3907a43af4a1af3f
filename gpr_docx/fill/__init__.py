"""Report → a blank official form made by anyone: ``fill(report, form) -> bytes``.

The form has no template tags: its cells are found by their labels and its texts go where it says
（文字描述）, as :mod:`.docx` describes.

This module stays light: the functions below import the filler (and lxml) on first call.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from ..model import Report
    from ..oxml.package import Limits
    from ..parse import DocxInput

__all__ = ["fill", "fill_to_file"]


def fill(report: Report, form: DocxInput, *, limits: Limits | None = None) -> bytes:
    """``report`` filled into the blank official form ``form`` (a path or its bytes), as .docx bytes.

    ``limits`` bound what the form may make us inflate (``None``:
    :data:`~gpr_docx.oxml.package.DEFAULT_LIMITS`). Raises
    :class:`~gpr_docx.errors.FormMismatchError` when the form lacks a cell, table or heading of the
    official form, and the errors of :func:`gpr_docx.parse` for a file that is not a .docx.
    """
    from ..oxml.package import DEFAULT_LIMITS
    from .docx import fill as fill_form

    return fill_form(report, form, limits=DEFAULT_LIMITS if limits is None else limits)


def fill_to_file(
    report: Report,
    form: DocxInput,
    path: str | os.PathLike[str],
    *,
    force: bool = False,
    limits: Limits | None = None,
) -> Path:
    """Fill ``form`` and write ``path`` atomically; an existing file is kept unless ``force``.

    Raises :class:`~gpr_docx.errors.OutputExistsError` before any work when ``path`` exists.
    """
    from ..oxml.package import DEFAULT_LIMITS
    from .docx import fill_to_file as fill_form_to_file

    return fill_form_to_file(
        report, form, path, force=force, limits=DEFAULT_LIMITS if limits is None else limits
    )

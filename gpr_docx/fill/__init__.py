"""Report → a blank official form made by anyone: ``fill(report, form) -> bytes``.

The form has no template tags: its cells are found by their labels and its texts go where it says
（文字描述）, as :mod:`.docx` describes; a form whose text is already written gets its tables filled
and its text kept (:func:`fill_form` says so in a note).

This module stays light: the functions below import the filler (and lxml) on first call.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Report
    from ..oxml.package import Limits
    from ..parse import DocxInput
    from .docx import FilledForm

__all__ = ["fill", "fill_form", "fill_to_file"]


def fill(report: Report, form: DocxInput, *, limits: Limits | None = None) -> bytes:
    """``report`` filled into the blank official form ``form``, as .docx bytes.

    The form has no template tags: each value goes into the cell its labels name, and the texts
    replace the form's （文字描述） placeholders; only text changes, every other part is kept.

    Args:
        report: The report to put in.
        form: The blank 2021 form, a path or the bytes of a .docx made by anyone.
        limits: Safety limits for opening ``form`` (``None``: the defaults of
            :class:`~gpr_docx.Limits`).

    Returns:
        The bytes of the filled .docx.

    Raises:
        FormMismatchError: The form lacks a table, cell or heading of the official form.
        ParseError: ``form`` is not a readable .docx (the errors of :func:`gpr_docx.parse`).
        InputNotFoundError: ``form`` does not exist.
    """
    from ..model import require_report
    from ..oxml.package import DEFAULT_LIMITS
    from .docx import fill as fill_form

    require_report(report, taker="fill")

    return fill_form(report, form, limits=DEFAULT_LIMITS if limits is None else limits)


def fill_form(report: Report, form: DocxInput, *, limits: Limits | None = None) -> FilledForm:
    """As :func:`fill`, with the notes the filler has for the person filling.

    A form without （文字描述） placeholders whose sections are already written is filled in its
    tables only, its text kept as written; the result's ``notes`` then say so.

    Args:
        report: The report to put in.
        form: As for :func:`fill`.
        limits: As for :func:`fill`.

    Returns:
        The filled .docx (``data``) and the notes (``notes``, in Chinese).

    Raises:
        FormMismatchError: As for :func:`fill`, and its other errors.
    """
    from ..model import require_report
    from ..oxml.package import DEFAULT_LIMITS
    from .docx import fill_form as fill_with_notes

    require_report(report, taker="fill_form")
    return fill_with_notes(report, form, limits=DEFAULT_LIMITS if limits is None else limits)


def fill_to_file(
    report: Report,
    form: DocxInput,
    path: str | os.PathLike[str],
    *,
    force: bool = False,
    limits: Limits | None = None,
) -> Path:
    """Fill ``form`` with ``report`` and write ``path`` atomically.

    Args:
        report: The report to put in.
        form: As for :func:`fill`.
        path: The .docx to write.
        force: Overwrite ``path`` if it exists.
        limits: As for :func:`fill`.

    Returns:
        The path written.

    Raises:
        OutputExistsError: ``path`` exists and ``force`` is false (checked before any work).
        OutputError: ``path`` cannot be written; no partial file is left.
        FormMismatchError: As for :func:`fill`, and its other errors.
    """
    from ..model import require_report
    from ..oxml.package import DEFAULT_LIMITS
    from .docx import fill_to_file as fill_form_to_file

    require_report(report, taker="fill_to_file")

    return fill_form_to_file(
        report, form, path, force=force, limits=DEFAULT_LIMITS if limits is None else limits
    )

"""Report → Word: ``render(report, template=None) -> bytes`` and :func:`render_to_file`.

The official template (or a user's restyled copy of it) is checked and compiled once
(:mod:`.template`, :mod:`.compiled`) and cached by its content, in memory and on disk
(:mod:`.cache`); a render fills the compiled parts.

This module stays light: the functions below import the renderer on first call, so that
``import gpr_docx`` and the command line do not pay for Jinja, docxtpl or lxml until a document
is made.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Report

__all__ = ["TemplateInput", "render", "render_to_file"]

TemplateInput = str | os.PathLike[str] | bytes | None
"""A template: ``None`` for the official one, a path to a .docx, or its bytes."""


def render(report: Report, template: TemplateInput = None) -> bytes:
    """The report as .docx bytes, from the official template or from ``template``.

    The template is compiled on first use and cached by its content (in memory and on disk), so a
    loop or a server pays for it once; the document is equivalent to plain docxtpl's. User text is
    data, never template code, and a template runs in a sandbox that bounds what its tags may make
    and how long a render may take (docs/rendering.md, "What a custom template may do"). The
    report is not checked here: call :func:`gpr_docx.check` first.

    Args:
        report: The report to render.
        template: ``None`` for the official template, or a user's restyled copy of it (a path
            or the bytes of a .docx).

    Returns:
        The bytes of the .docx.

    Raises:
        TemplateError: The template is missing, not a .docx, over a safety limit, has a tag
            syntax error or a tag the sandbox refuses, or its tags do not fit the data format; or
            a tag fails or exceeds the sandbox's limits while rendering (the message names it).
    """
    from ..model import require_report
    from .template import render as render_report

    require_report(report, taker="render")
    return render_report(report, template)


def render_to_file(
    report: Report,
    path: str | os.PathLike[str],
    *,
    template: TemplateInput = None,
    force: bool = False,
) -> Path:
    """Render ``report`` and write it to ``path`` atomically (readers see the old file or the new one).

    Args:
        report: The report to render.
        path: The .docx to write; its folder is made if missing.
        template: As for :func:`render`.
        force: Overwrite ``path`` if it exists.

    Returns:
        The path written.

    Raises:
        OutputExistsError: ``path`` exists and ``force`` is false (checked before rendering).
        OutputError: ``path`` is a folder or cannot be written; no partial file is left.
        TemplateError: As for :func:`render`.
    """
    from ..model import require_report
    from .template import render_to_file as render_report_to_file

    require_report(report, taker="render_to_file")

    return render_report_to_file(report, path, template=template, force=force)

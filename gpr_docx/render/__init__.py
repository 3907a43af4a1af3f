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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from ..model import Report

__all__ = ["TemplateInput", "render", "render_to_file"]

TemplateInput = str | os.PathLike[str] | bytes | None
"""A template: ``None`` for the official one, a path to a .docx, or its bytes."""


def render(report: Report, template: TemplateInput = None) -> bytes:
    """The report as .docx bytes, from the official template or from ``template``.

    The template is compiled on first use and cached by its content, so a loop or a server pays
    for it once; the result is equivalent to :func:`~gpr_docx.render.template.render_docxtpl`'s.
    Raises :class:`~gpr_docx.errors.TemplateError` for a template that cannot be used.
    """
    from .template import render as render_report

    return render_report(report, template)


def render_to_file(
    report: Report,
    path: str | os.PathLike[str],
    *,
    template: TemplateInput = None,
    force: bool = False,
) -> Path:
    """Render and write ``path`` atomically; an existing file is kept unless ``force``."""
    from .template import render_to_file as render_report_to_file

    return render_report_to_file(report, path, template=template, force=force)

"""Report → Word: ``render(report, template=None) -> bytes`` and :func:`render_to_file`.

The official template (or a user's restyled copy of it) is checked and compiled once
(:mod:`.template`, :mod:`.compiled`) and cached by its content; a render fills the compiled parts.
"""

from __future__ import annotations

from .template import TemplateInput, render, render_to_file

__all__ = ["TemplateInput", "render", "render_to_file"]

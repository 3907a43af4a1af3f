"""Report → a blank official form made by anyone: ``fill(report, form) -> bytes``.

The form has no template tags: its cells are found by their labels and its texts go where it says
（文字描述）, as :mod:`.docx` describes.
"""

from __future__ import annotations

from .docx import fill, fill_to_file

__all__ = ["fill", "fill_to_file"]

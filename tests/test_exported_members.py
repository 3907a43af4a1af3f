"""Every public name is exported on purpose, and ``__all__`` is sorted and complete."""

from __future__ import annotations

import gpr_docx


def test_all_is_sorted_and_importable() -> None:
    names = gpr_docx.__all__
    assert names == sorted(names)
    for name in names:
        assert hasattr(gpr_docx, name), name


def test_no_public_name_is_left_out() -> None:
    public = {
        name
        for name, value in vars(gpr_docx).items()
        if not name.startswith("_") and getattr(value, "__module__", "").startswith("gpr_docx")
    }
    assert public <= set(gpr_docx.__all__)

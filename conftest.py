"""Collection for the whole checkout: a module of an optional extra that is not installed is left
out of the doctest run (its tests skip themselves), as the extra's own error says why."""

from __future__ import annotations

import importlib.util

collect_ignore = (
    [] if importlib.util.find_spec("datasketch") else ["gpr_docx/collect/similarity.py"]
) + (
    []
    if all(importlib.util.find_spec(name) for name in ("starlette", "uvicorn", "multipart"))
    else ["gpr_docx/server"]
)

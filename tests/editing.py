"""Test helper: a copy of a report with one value changed at a dotted path (totals kept as they were)."""

from __future__ import annotations

from operator import attrgetter
from typing import Any, TypeVar

import attrs

T = TypeVar("T")


def with_value(obj: T, path: str, value: Any) -> T:
    """``obj`` with the value at dotted ``path`` replaced; every other value, given totals included, kept."""
    name, _, rest = path.partition(".")
    if rest:
        value = with_value(getattr(obj, name), rest, value)
    return attrs.evolve(obj, **{name: value})  # type: ignore[misc]


def bumped(obj: T, path: str, delta: int) -> T:
    """``obj`` with the count at ``path`` changed by ``delta``."""
    return with_value(obj, path, attrgetter(path)(obj) + delta)

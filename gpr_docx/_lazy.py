"""Names a package imports on first use (PEP 562), so that importing it stays cheap.

The package root and the command-named subpackages (``check``, ``parse``) bind their public names
here instead of importing every module up front: ``import gpr_docx`` and ``gpr-docx --help`` then
load neither Jinja nor lxml.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_attributes"]


def lazy_attributes(
    package: str, where: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """A module ``__getattr__`` and ``__dir__`` for ``package``: ``where`` maps each lazy name to the
    submodule that defines it (the empty string: the name is a submodule itself).

    A name is imported once, then kept in the package's namespace like an ordinary attribute.
    """

    def get(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        found = importlib.import_module(f".{module or name}", package)
        value = found if not module else getattr(found, name)
        setattr(sys.modules[package], name, value)
        return value

    def names() -> list[str]:
        namespace = sys.modules[package]
        return sorted({*vars(namespace), *getattr(namespace, "__all__", ())})

    return get, names

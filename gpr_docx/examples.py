"""The example reports that ship with the package (the 大盛镇 2024 report and a district report).

>>> from gpr_docx import examples
>>> sorted(examples.available())
['dasheng-2024', 'example-district-2024']
>>> examples.load("dasheng-2024").agency
'重庆市渝北区大盛镇人民政府'
"""

from __future__ import annotations

from . import _resources
from .data import loads
from .errors import InputNotFoundError
from .model import Report

__all__ = ["available", "load"]

_FOLDER = "examples"


def available() -> dict[str, str]:
    """Names of the built-in examples mapped to their report titles."""
    folder = _resources.templates_dir() / _FOLDER
    names = sorted(
        item.name.removesuffix(".json") for item in folder.iterdir() if item.name.endswith(".json")
    )
    return {name: load(name).document_title for name in names}


def load(name: str) -> Report:
    """The built-in example ``name`` (e.g. ``"dasheng-2024"``) as a report.

    Raises:
        InputNotFoundError: There is no example of that name; the message lists those there are.
    """
    folder = _resources.templates_dir() / _FOLDER
    item = folder / f"{name}.json"
    if not item.is_file():
        known = "、".join(
            sorted(
                i.name.removesuffix(".json") for i in folder.iterdir() if i.name.endswith(".json")
            )
        )
        raise InputNotFoundError(f"没有名为「{name}」的示例；可用：{known}", place=name)
    return loads(item.read_bytes(), ".json", source=f"example:{name}")

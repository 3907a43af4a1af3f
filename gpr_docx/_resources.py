"""Find the templates that ship with the package (in a wheel) or sit in the checkout (editable)."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from .errors import TemplateError

__all__ = ["packaged", "templates_dir"]


def templates_dir() -> Traversable:
    """The folder of packaged templates and examples.

    A wheel has it at ``gpr_docx/templates``; an editable install imports the package from the
    checkout, where the folder is the top-level ``templates/`` beside the package.
    """
    installed = resources.files("gpr_docx") / "templates"
    if installed.is_dir():
        return installed
    checkout = Path(__file__).resolve().parent.parent / "templates"
    if checkout.is_dir():
        return checkout
    raise TemplateError("找不到随软件包安装的模板文件夹 templates/，请重新安装 gpr-docx")


def packaged(name: str) -> bytes:
    """The bytes of the packaged file ``name`` (a path inside ``templates/``)."""
    item = templates_dir().joinpath(*name.split("/"))
    if not item.is_file():
        raise TemplateError("随软件包安装的文件缺失，请重新安装 gpr-docx", place=name)
    return item.read_bytes()

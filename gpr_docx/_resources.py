"""Find the templates that ship with the package (in a wheel) or sit in the checkout (editable)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .errors import TemplateError

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = ["packaged", "templates_dir"]


def templates_dir() -> Traversable:
    """The folder of packaged templates and examples.

    A wheel has it at ``gpr_docx/templates``; an editable install imports the package from the
    checkout, where the folder is the top-level ``templates/`` beside the package. A package on
    the file system is looked at directly (``importlib.resources`` costs a one-report command more
    time than reading the template), one inside a zip through ``importlib.resources``.
    """
    package = Path(__file__).resolve().parent
    for folder in (package / "templates", package.parent / "templates"):
        if folder.is_dir():
            return folder
    from importlib import resources

    installed = resources.files("gpr_docx") / "templates"
    if installed.is_dir():
        return installed
    raise TemplateError("找不到随软件包安装的模板文件夹 templates/，请重新安装 gpr-docx")


def packaged(name: str) -> bytes:
    """The bytes of the packaged file ``name`` (a path inside ``templates/``)."""
    item = templates_dir().joinpath(*name.split("/"))
    if not item.is_file():
        raise TemplateError("随软件包安装的文件缺失，请重新安装 gpr-docx", place=name)
    return item.read_bytes()

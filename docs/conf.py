"""Sphinx configuration of the gpr_docx documentation site.

Build it with ``python -m sphinx -W --keep-going -n -b html docs docs/_build/html`` (as CI does).
The user guide is the Markdown in this folder (read by MyST-Parser), the API reference is made by
autodoc from the docstrings (Google style, read by napoleon). See developing.md for why.
"""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path
from typing import Any

import attrs
from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.ext.napoleon.docstring import GoogleDocstring
from sphinx.pycode import ModuleAnalyzer
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

# Document the source next to this folder, not whatever copy of gpr_docx is installed.
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import gpr_docx  # noqa: E402  (after the path is set)
import gpr_docx.model  # noqa: E402

project = "gpr_docx"
author = "gpr_docx developers"
copyright = "gpr_docx developers"
release = version = gpr_docx.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]

root_doc = "index"
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
language = "en"

# -- MyST: the guide's Markdown as it is on GitHub ------------------------------------------------

myst_heading_anchors = 3

# -- autodoc + napoleon ------------------------------------------------------------------------------

autodoc_typehints = "description"
autodoc_typehints_description_target = "all"
autodoc_typehints_format = "short"
autodoc_member_order = "bysource"
# Signatures name these aliases as such, not spelt out as the unions they stand for.
autodoc_type_aliases = {name: name for name in ("DocxInput", "Edition", "TemplateInput")}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False

# Types from outside gpr_docx that signatures name. Without network access there is no
# intersphinx inventory to link them to, so each is listed here by name (never a pattern).
nitpick_ignore = [
    ("py:class", name)
    for name in (
        "pathlib.Path",
        "Path",  # pathlib.Path, where a module imports the rest of its annotations lazily
        "os.PathLike",
        "decimal.Decimal",
        "datetime.date",
        "collections.abc.Mapping",
        "concurrent.futures.Executor",
        "concurrent.futures._base.Executor",
        "collections.abc.Callable",
        "collections.abc.Iterable",
        "collections.abc.Iterator",
        "collections.abc.Mapping",
        "collections.abc.Sequence",
        "enum.Enum",
        "enum.StrEnum",
    )
]

# -- HTML ----------------------------------------------------------------------------------------

html_theme = "furo"
html_title = f"gpr_docx {release}"
html_show_sourcelink = False

# -- the API reference: every public name, linked under its public name ---------------------------

_logger = logging.getLogger(__name__)


def _model_fields(  # noqa: PLR0917 (Sphinx passes these positionally)
    app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    """Give each field of a model class its official label, read from the field's metadata."""
    if what != "class" or not attrs.has(obj) or obj.__module__ != gpr_docx.model.__name__:
        return
    lines.append("")
    for field in attrs.fields(obj):
        lines.append(f":param {field.name}: {field.metadata[gpr_docx.model.LABEL]}")


def _data_docstring(  # noqa: PLR0917 (Sphinx passes these positionally)
    app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    """A public constant or type alias gets the docstring written under its assignment.

    autodoc looks for it in the package root, where the name is only re-exported; without this a
    type alias would show the docstring of :class:`types.UnionType`, ``__version__`` that of
    :class:`str`.
    """
    if what != "data":
        return
    short = name.rpartition(".")[2]
    for module_name, module in sorted(sys.modules.items()):
        if not module_name.startswith("gpr_docx") or getattr(module, short, None) is not obj:
            continue
        docs = ModuleAnalyzer.for_module(module_name).find_attr_docs()
        if ("", short) in docs:
            lines[:] = list(docs["", short])
            return
    if getattr(obj, "__doc__", None) == getattr(type(obj), "__doc__", None):
        lines[:] = []  # the docstring of the value's type says nothing about this name


_PROSE_KINDS = ("attribute", "property", "data")
_prose: dict[str, list[str]] = {}


def _keep_prose(  # noqa: PLR0917 (Sphinx passes these positionally)
    app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    """Remember an attribute's docstring before napoleon reads it (see :func:`_as_prose`)."""
    if what in _PROSE_KINDS:
        _prose[name] = list(lines)


def _as_prose(  # noqa: PLR0917 (Sphinx passes these positionally)
    app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    """Read an attribute's docstring as prose, not as Google style's ``type: description``.

    This project's attribute docstrings are prose (``For a document: the whole reading``) and the
    types come from the annotations, which autodoc shows; napoleon would take the words before
    the first colon for a type. So the docstring is read again as an ordinary one.
    """
    original = _prose.pop(name, None)
    if what in _PROSE_KINDS and original is not None:
        lines[:] = GoogleDocstring(original, app.config, app, "", name, obj, options).lines()


def _public_name(target: str) -> str | None:
    """``gpr_docx.Report`` for ``gpr_docx.model.Report`` (or ``Report``): the same object's public name."""
    module, _, name = target.rpartition(".")
    if name not in gpr_docx.__all__:
        return None
    if not module:
        return f"gpr_docx.{name}"
    if not module.startswith("gpr_docx."):
        return None
    try:
        same = getattr(importlib.import_module(module), name) is getattr(gpr_docx, name)
    except (ImportError, AttributeError):
        return None
    return f"gpr_docx.{name}" if same else None


def _resolve(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.TextElement
) -> nodes.reference | None:
    """Link a name the API reference documents under its public name (or as another kind).

    Docstrings and signatures name objects where they are defined (``gpr_docx.errors.GprError``,
    ``gpr_docx.parse.docx.ParsedReport``) and aliases are documented as data, not classes; the
    reference shows each once, as ``gpr_docx.<name>``.
    """
    if node.get("refdomain") != "py":
        return None
    target = node["reftarget"]
    objects = env.get_domain("py").objects  # type: ignore[attr-defined]
    public = target if target in objects else _public_name(target)
    if public is None or public not in objects:
        return None
    entry = objects[public]
    return make_refnode(app.builder, node["refdoc"], entry.docname, entry.node_id, contnode, public)


def _check_complete(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn (an error under -W) when a name of ``gpr_docx.__all__`` has no entry in the reference."""
    objects = env.get_domain("py").objects  # type: ignore[attr-defined]
    for name in gpr_docx.__all__:
        if f"gpr_docx.{name}" not in objects:
            _logger.warning("API reference: gpr_docx.%s is public but not documented", name)


_QUALIFIED = re.compile(r"`(gpr_docx(?:\.\w+)+)")


def _exists(dotted: str) -> bool:
    """Whether ``gpr_docx.x.y`` names a module, or an attribute reached from the longest module."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        try:
            for name in parts[cut:]:
                found = getattr(found, name)
        except AttributeError:
            return False
        return True
    return False


def _check_guide_names(app: Sphinx, docname: str, source: list[str]) -> None:
    """Warn about a ``gpr_docx.…`` name in the guide's Markdown that the code does not have.

    The guide names modules and functions in plain code spans, so that it reads the same on GitHub;
    this keeps those names true when the code moves.
    """
    if docname.startswith("api/"):
        return
    for number, line in enumerate(source[0].splitlines(), start=1):
        for dotted in _QUALIFIED.findall(line):
            if not _exists(dotted):
                _logger.warning(
                    "%s names %s, which does not exist", docname, dotted, location=(docname, number)
                )


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("source-read", _check_guide_names)
    app.connect("autodoc-process-docstring", _model_fields)
    app.connect("autodoc-process-docstring", _data_docstring, priority=300)
    # Around napoleon's own handler (priority 500).
    app.connect("autodoc-process-docstring", _keep_prose, priority=400)
    app.connect("autodoc-process-docstring", _as_prose, priority=600)
    app.connect("missing-reference", _resolve)
    app.connect("env-check-consistency", _check_complete)
    return {"parallel_read_safe": True}

"""Report → web page: the report as a portal publishes it, tables with the official grid.

Portals flatten the official tables (merged cells lost, zeros shown as blanks); this page keeps them
exact. The page is a Jinja2 template (``templates/official-2021.html.j2``, or a user's restyled copy
of it) filled with:

* the Word template's own values (``gpr_docx.render.template.build_context``): the texts as lists of
  paragraphs and every cell's text exactly as the Word document prints it (zeros as 0, the fee in
  万元 as given);
* ``sections``: the six sections in the official wording (``gpr_docx.model.SECTION_HEADINGS``,
  the sub-headings of ``gpr_docx.parse.outline.SUBHEADINGS``), each with its paragraphs, its
  parts and its table;
* each table as rows of cells laid out from :data:`gpr_docx.form.FORM_TABLES`, the grid the Word
  template is built from, so the ``rowspan``/``colspan`` of every cell are the Word table's merges;
  a label is a ``<th>`` with the ``scope`` its place gives it, a data cell a ``<td>`` showing
  ``values[cell.field]``; each table's ``<caption>`` is its section's ``<h2>`` heading (so no
  heading is written twice, and the page reads back as the Word document does);
* ``fragment``: true for the article alone (to paste into a CMS), false for the whole page.

The template runs in the same sandbox as a Word template (``gpr_docx.render.sandbox``): every value is
HTML-escaped (user text is never markup; ``|safe`` is refused), it cannot read other files, and a
render is bounded in size and time. The official page has no script and loads nothing: its CSS is
inline, it names only fonts installed on the reader's machine, and a Content-Security-Policy forbids
any load the page could make.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Mapping
from typing import Any, Final

import attrs
import jinja2

from .. import _resources
from .._fs import read_limited
from ..errors import GprError, HtmlTemplateError, InputNotFoundError
from ..form import COLUMN_WIDTHS, FORM_TABLES, FormCell, FormTable
from ..model import LABEL, SECTION_HEADINGS, Report, require_report
from ..parse.outline import SUBHEADINGS
from .compiled import _syntax_message
from .sandbox import RefusedTagError, RenderFailure, environment

__all__ = [
    "DEFAULT_HTML_TEMPLATE",
    "HTML_TEMPLATE_MAX_SIZE",
    "REQUIRED_HTML_NAMES",
    "HtmlTemplateInput",
    "check_html_template",
    "html_context",
    "render_html",
]

DEFAULT_HTML_TEMPLATE: Final = "official-2021.html.j2"
"""The packaged page template, inside ``templates/``."""
HTML_TEMPLATE_MAX_SIZE: Final = 1024 * 1024
"""Largest page template read, in bytes (the official one is a few kilobytes)."""
HtmlTemplateInput = str | os.PathLike[str] | bytes | None
"""A page template: ``None`` for the official one, a path to a copy, or its bytes (UTF-8)."""
REQUIRED_HTML_NAMES: Final = frozenset({"title", "agency", "preface", "sections", "values"})
"""What a page template must print: the title, the preface, the sections with their tables'
cells (``values``) and the signature; without one of them a part of the report would be lost."""


# -- the tables, laid out once from the official grid ---------------------------------------------


def _below(table: FormTable, cell: FormCell) -> list[FormCell]:
    """The cells under ``cell``'s columns, in the rows below it."""
    end = cell.col + cell.colspan
    return [
        c
        for c in table.cells
        if c.row >= cell.row + cell.rowspan and c.col < end and c.col + c.colspan > cell.col
    ]


def _is_label_row(table: FormTable, row: int) -> bool:
    return all(not c.is_data for c in table.row_cells(row))


def _scope(table: FormTable, cell: FormCell) -> str:
    """The ``scope`` of a label cell, from its place in the grid.

    A label in a header row, or in a row of labels, heads what lies below it: a column (``col``),
    or several columns with labels of their own below (``colgroup``). A label as wide as the table
    in the body opens a group of rows (``rowgroup``; it starts a ``<tbody>``). Any other label
    heads the rows it spans (``row``).
    """
    if cell.row < table.header_rows or _is_label_row(table, cell.row):
        if cell.colspan == table.columns and cell.row >= table.header_rows:
            return "rowgroup"
        below = _below(table, cell)
        heads_labels = any(
            not c.is_data and c.row < table.header_rows and c.colspan < cell.colspan for c in below
        )
        return "colgroup" if heads_labels else "col"
    return "row"


def _cell(table: FormTable, cell: FormCell) -> dict[str, Any]:
    if cell.is_data:
        return {
            "tag": "td",
            "scope": None,
            "rowspan": cell.rowspan,
            "colspan": cell.colspan,
            "text": "",
            "field": cell.field,
            "kind": "data",
        }
    return {
        "tag": "th",
        "scope": _scope(table, cell),
        "rowspan": cell.rowspan,
        "colspan": cell.colspan,
        "text": cell.text,
        "field": None,
        "kind": "label",
    }


def _layout(table: FormTable) -> dict[str, Any]:
    """A table as the template lays it out: column widths, header rows and row groups."""
    rows = [[_cell(table, c) for c in table.row_cells(r)] for r in range(table.rows)]
    bodies: list[list[list[dict[str, Any]]]] = []
    for row in rows[table.header_rows :]:
        if not bodies or (row and row[0]["scope"] == "rowgroup"):
            bodies.append([])
        bodies[-1].append(row)
    widths = COLUMN_WIDTHS[table.key]
    total = sum(widths)
    return {
        "key": table.key,
        "heading": table.heading,
        "columns": table.columns,
        "widths": [f"{100 * w / total:.2f}%" for w in widths],
        "head": rows[: table.header_rows],
        "bodies": bodies,
    }


_TABLES: Final = {table.heading: _layout(table) for table in FORM_TABLES}
_SECTION_FIELDS: Final = {
    str(f.metadata[LABEL]): f.name
    for f in attrs.fields(Report)
    if f.metadata.get(LABEL) in SECTION_HEADINGS
}


def _lookup(values: Mapping[str, Any], path: str) -> Any:
    found: Any = values
    for name in path.split("."):
        found = found[name]
    return found


def html_context(report: Report) -> dict[str, Any]:
    """The values a page template is given (see the module documentation).

    ``values`` maps each data cell's dotted path to its text as the Word document prints it.
    """
    from .template import build_context

    context = build_context(report)
    values = {
        cell["field"]: _lookup(context, cell["field"])
        for table in _TABLES.values()
        for group in (table["head"], *table["bodies"])
        for row in group
        for cell in row
        if cell["field"] is not None
    }
    sections = []
    for number, heading in enumerate(SECTION_HEADINGS, 1):
        name = _SECTION_FIELDS.get(heading)
        own = context.get(name) if name else None
        sections.append(
            {
                "number": number,
                "heading": heading,
                "paragraphs": own if isinstance(own, list) else [],
                "parts": [
                    {"heading": sub, "paragraphs": _lookup(context, path)}
                    for path, sub in SUBHEADINGS.get(number, ())
                ],
                "table": _TABLES.get(heading),
            }
        )
    context.update(values=values, sections=sections)
    return context


# -- templates ------------------------------------------------------------------------------------


_environment: jinja2.Environment | None = None
_compiled: dict[str, jinja2.Template] = {}
_lock = threading.Lock()
_CACHE_SIZE: Final = 16


def _template_source(template: HtmlTemplateInput) -> tuple[str, str]:
    if template is None:
        return _resources.packaged(DEFAULT_HTML_TEMPLATE).decode("utf-8"), DEFAULT_HTML_TEMPLATE
    try:
        data, name = read_limited(
            template,
            HTML_TEMPLATE_MAX_SIZE,
            unnamed="<网页模板>",
            what="网页模板",
            too_large=HtmlTemplateError,
            unreadable=HtmlTemplateError,
        )
    except InputNotFoundError as exc:
        raise HtmlTemplateError("模板文件不存在", place=exc.place) from None
    try:
        return data.decode("utf-8-sig"), name
    except UnicodeDecodeError:
        raise HtmlTemplateError("网页模板应为 UTF-8 编码的文本文件", place=name) from None


_KNOWN_NAMES: Final = frozenset(
    {*(f.name for f in attrs.fields(Report)), *REQUIRED_HTML_NAMES, "year", "fragment"}
)


def _check_names(source: str, name: str) -> None:
    """A template names only what the context holds, and prints every part of the report."""
    from .template import template_variables

    try:
        roots = {variable.split(".", 1)[0] for variable in template_variables(source)}
    except GprError as exc:
        raise HtmlTemplateError(exc.message, place=name) from None
    known = _KNOWN_NAMES
    parts = []
    if unknown := sorted(roots - known):
        parts.append(f"模板中有数据格式不认识的名称：{'、'.join(unknown)}")
    if missing := sorted(REQUIRED_HTML_NAMES - roots):
        parts.append(f"模板没有用到以下数据（这些内容将无法输出）：{'、'.join(missing)}")
    if parts:
        raise HtmlTemplateError("；".join(parts), place=name)


def _load(template: HtmlTemplateInput) -> tuple[jinja2.Template, str]:
    global _environment  # noqa: PLW0603 - one sandboxed environment per process, made on first use
    source, name = _template_source(template)
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()
    compiled = _compiled.get(digest)
    if compiled is not None:
        return compiled, name
    with _lock:
        if _environment is None:
            _environment = environment()
        env = _environment
    try:
        compiled = env.from_string(source)
    except RefusedTagError as exc:
        raise HtmlTemplateError(f"第 {exc.lineno} 行：{exc.message}", place=name) from None
    except jinja2.TemplateSyntaxError as exc:
        message = _syntax_message(exc.message or "")
        raise HtmlTemplateError(
            f"第 {exc.lineno} 行：模板标签语法错误：{message}", place=name
        ) from None
    _check_names(source, name)
    with _lock:
        while len(_compiled) >= _CACHE_SIZE:
            del _compiled[next(iter(_compiled))]
        _compiled[digest] = compiled
    return compiled, name


def check_html_template(template: HtmlTemplateInput = None) -> None:
    """Read, compile and check a page template once (a batch does, before its first report).

    Raises:
        HtmlTemplateError: As for :func:`render_html`, for what can be told without a report.
    """
    _load(template)


def render_html(
    report: Report, *, fragment: bool = False, template: HtmlTemplateInput = None
) -> str:
    """The report as a web page (HTML5, UTF-8), or with ``fragment`` its article alone.

    Args:
        report: The report to render. It is not checked here: call :func:`gpr_docx.check` first.
        fragment: Give only the ``<article>`` holding the report (its title, text and tables,
            styled by attributes), to paste into a portal's content system; otherwise a whole
            page with its ``<head>``, inline CSS for screens, phones and A4 print.
        template: A restyled copy of ``templates/official-2021.html.j2`` (its path, or its bytes);
            ``None`` for the official page.

    Returns:
        The page's text.

    Raises:
        HtmlTemplateError: The template is missing, unreadable, over 1 MB, not UTF-8, has a tag
            syntax error or a tag the sandbox refuses, does not use the report's data, or fails
            while rendering (the message gives the line).
    """
    require_report(report, taker="render_html")
    compiled, name = _load(template)
    context = html_context(report)
    context["fragment"] = bool(fragment)
    try:
        return compiled.render(context)
    except RenderFailure as failure:
        where = f"第 {failure.lineno} 行：" if failure.lineno else ""
        raise HtmlTemplateError(f"{where}模板渲染出错：{failure.reason}", place=name) from failure

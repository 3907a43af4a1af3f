"""Report → Word: fill the official template (or a user's restyled copy of it) through docxtpl.

The template's tags are the data format's dotted paths: ``{{ applications.new_requests.total }}`` in a
cell, ``{%p for line in problems %}{{ line }}{%p endfor %}`` around a body paragraph. Every value is
XML-escaped (text from users is data, never template code), and a template is checked against the
model before its first use: a tag the model does not know, or a value the template has no tag for,
is a :class:`~gpr_docx.errors.TemplateError` that lists the names.

A template is checked and compiled once (:mod:`.compiled`) and cached by its content, in memory and
on disk (:mod:`.cache`); :func:`render` fills the compiled form, :func:`render_docxtpl` runs plain
docxtpl, the reference the compiled form is tested against (docs/rendering.md).
"""

from __future__ import annotations

import hashlib
import io
import os
import threading
import zipfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, Final

import attrs
import jinja2
from jinja2 import nodes

from .. import _resources
from .._fs import read_limited, write_new
from .._zh import chinese_date
from ..errors import GprError, InputNotFoundError, TemplateError
from ..form import FORM_TABLES, cell_text
from ..model import Overview, Report
from . import TemplateInput, cache
from .compiled import CompiledTemplate, _syntax_message, environment
from .sandbox import RenderFailure, limited

__all__ = [
    "DEFAULT_TEMPLATE",
    "REPORT",
    "LoadedTemplate",
    "TemplateInput",
    "TemplateKind",
    "build_context",
    "load_template",
    "render",
    "render_docxtpl",
    "render_to_file",
    "template_variables",
]

DEFAULT_TEMPLATE: Final = "official-2021.docx"
"""The packaged official template, inside ``templates/``."""
SAMPLE_REPORT: Final = "example-district-2024"
"""The built-in example a template is rendered with once when compiled (see :func:`_compile`)."""

_TEXT_FIELDS: Final = ("preface", "problems", "improvements", "other_matters")


def _paragraphs(text: str) -> list[str]:
    """One paragraph per non-empty line, without the line's surrounding spaces."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def build_context(report: Report) -> dict[str, Any]:
    """The values the template's tags name: texts as lists of paragraphs, numbers as cell text."""
    context = _values(report)
    context.update(
        title=report.document_title,
        agency=report.agency,
        year=str(report.year),
        date=chinese_date(report.date) if report.date else "",
    )
    return context


def _values(obj: Any) -> dict[str, Any]:
    """A model object as nested dicts, in the shape of its dotted paths (see ``leaf_fields``)."""
    values: dict[str, Any] = {}
    for name in _field_names(type(obj)):
        value = getattr(obj, name)
        if type(value) is int:  # most cells: checked first, this runs for every report
            values[name] = str(value)
        elif isinstance(value, str):
            values[name] = _paragraphs(value)
        elif attrs.has(type(value)):
            values[name] = _values(value)
        else:
            values[name] = cell_text(value)
    return values


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(field.name for field in attrs.fields(cls))
    return names


def _required_names() -> frozenset[str]:
    cells = {cell.field for table in FORM_TABLES for cell in table.data_cells() if cell.field}
    texts = {f"overview.{f.name}" for f in attrs.fields(Overview)}
    return frozenset({*cells, *texts, *_TEXT_FIELDS, "title", "agency"})


REQUIRED_NAMES: Final = _required_names()
"""Every value the report carries: a template that lacks one of these would drop data silently."""
KNOWN_NAMES: Final = REQUIRED_NAMES | {"year", "date"}
"""Every name a template may use: the required ones, ``year``, and ``date`` (the 成文日期 in
Chinese, empty when the data has none; optional, so that templates made before it still fit)."""


# -- templates ----------------------------------------------------------------------------------


@attrs.frozen
class TemplateKind:
    """What a kind of user-restylable template is: its packaged file, its tags and a sample to try.

    :func:`load_template` reads, checks, compiles and caches any kind the same way; a kind says
    only what differs: which names its tags may and must use, the words its refusals use, and the
    context a template is compiled (and, with ``trial_note``, rendered once) with.
    """

    name: str
    """Short identifier; part of the cache keys, so two kinds never share a compiled entry."""
    default: str
    """The packaged template, inside ``templates/``, used when no template is given."""
    what: str
    """What the file should be, in messages (「模板」); its bytes given directly are 「<what>」."""
    known: frozenset[str]
    """Every dotted name a template may read from the context."""
    required: frozenset[str]
    """The names every template must use: without one, the document would drop what it is for."""
    sample: Callable[[], Mapping[str, Any]] = attrs.field(repr=False)
    """A context the template is compiled with (settling docxtpl's table fixes) when loaded."""
    unknown_words: str
    """The refusal's words before the names a template uses but may not."""
    missing_words: str
    """The refusal's words before the required names a template lacks."""
    shown_names: int | None = None
    """How many names a refusal lists before 「等 N 个」 (all when None)."""
    trial_note: str | None = None
    """If set, a template is rendered once with the sample when loaded, and a failure then says
    this in brackets; a tag that cannot fill is found before any real document is made."""


@attrs.frozen
class LoadedTemplate:
    """A template's bytes and what was learnt from checking it once."""

    data: bytes
    name: str
    digest: str
    variables: frozenset[str]
    compiled: CompiledTemplate = attrs.field(repr=False)

    def render(self, context: Mapping[str, Any], *, note: str | None = None) -> bytes:
        """The document filled from ``context``; a failure is a TemplateError placed in this file
        (and ``note`` added to its message in brackets)."""
        try:
            return self.compiled.render(context)
        except TemplateError as exc:
            place = f"{self.name}:{exc.place}" if exc.place else self.name
            message = f"{exc.message}（{note}）" if note else exc.message
            raise TemplateError(message, place=place) from exc.__cause__


def _template_bytes(template: TemplateInput, kind: TemplateKind) -> tuple[bytes, str]:
    if template is None:
        return _resources.packaged(kind.default), kind.default
    if not isinstance(template, bytes | str | os.PathLike):
        raise TypeError(
            f"template must be a path or the bytes of a .docx, not {type(template).__name__}"
        )
    from ..oxml.package import DEFAULT_LIMITS  # here: a render from the disk cache needs no lxml

    try:
        return read_limited(
            template,
            DEFAULT_LIMITS.file_size,
            unnamed=f"<{kind.what}>",
            what=kind.what,
            too_large=TemplateError,
            unreadable=TemplateError,
        )
    except InputNotFoundError as missing:
        raise TemplateError("模板文件不存在", place=missing.place) from None


def _environment() -> jinja2.Environment:
    # Sandboxed, bounded and strict: a template is a user's file too, and a typo must not print
    # a blank.
    return environment()


def _sample() -> dict[str, Any]:
    from .. import examples

    return build_context(examples.load(SAMPLE_REPORT))


def _compile(data: bytes, name: str, kind: TemplateKind) -> CompiledTemplate:
    """The template compiled once (docxtpl's preprocessing, then Jinja), or a TemplateError.

    The file passes the hardened reader first; its refusal (too large, a zip bomb, a DOCTYPE …)
    is the TemplateError's message, as is a tag that cannot be compiled (named by the compiler).
    What is left is a package python-docx cannot use. The kind's sample lets the compiler settle
    now, where the template alone decides it, whether docxtpl's table fixes are needed, so that a
    render from the disk cache needs neither docxtpl nor lxml.
    """
    try:
        return CompiledTemplate.compile(data, name=name, sample=kind.sample())
    except GprError as exc:
        raise TemplateError(exc.message, place=exc.place or name) from None
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise TemplateError(
            "不是有效的 Word（.docx）文件：Word 无法读取其中的文档结构", place=name
        ) from None


def _dotted(node: nodes.Node) -> str | None:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        parent = _dotted(node.node)
        return f"{parent}.{node.attr}" if parent else None
    return None


def template_variables(source: str) -> frozenset[str]:
    """Dotted names a Jinja source reads from the context (loop variables and Jinja's ``loop``
    excluded)."""
    try:
        tree = _environment().parse(source)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"模板标签语法错误：{_syntax_message(exc.message or '')}") from None
    loops = list(tree.find_all(nodes.For))
    bound = (
        {
            target.name
            for loop in loops
            for target in loop.target.find_all(nodes.Name)
            if isinstance(loop.target, nodes.Name | nodes.Tuple)
        }
        | ({"loop"} if loops else set())
        | {
            node.name
            for node in tree.find_all(nodes.Name)
            if node.ctx in ("store", "param") and isinstance(node, nodes.Name)
        }
    )
    found: set[str] = set()
    for node in tree.find_all((nodes.Getattr, nodes.Name)):
        name = _dotted(node)
        if name is None or name.split(".")[0] in bound:
            continue
        found.add(name)
    # Keep only the longest paths: ``a.b.c`` also yields the nodes ``a.b`` and ``a``.
    return frozenset(n for n in found if not any(o.startswith(f"{n}.") for o in found))


def _names_text(names: Iterable[str], shown: int | None) -> str:
    listed = sorted(names)
    if shown is None or len(listed) <= shown:
        return "、".join(listed)
    return f"{'、'.join(listed[:shown])} 等 {len(listed)} 个"


def _checked(digest: str, data: bytes, name: str, kind: TemplateKind) -> LoadedTemplate:
    compiled = _compile(data, name, kind)
    variables: set[str] = set()
    for source in compiled.sources:
        try:
            variables |= template_variables(source)
        except TemplateError as exc:
            raise TemplateError(exc.message, place=name) from None
    if not _fits(variables, kind):
        parts = []
        if unknown := variables - kind.known:
            parts.append(f"{kind.unknown_words}：{_names_text(unknown, kind.shown_names)}")
        if missing := kind.required - variables:
            parts.append(f"{kind.missing_words}：{_names_text(missing, kind.shown_names)}")
        raise TemplateError("；".join(parts), place=name)
    loaded = LoadedTemplate(data, name, digest, frozenset(variables), compiled)
    if kind.trial_note is not None:
        loaded.render(kind.sample(), note=kind.trial_note)
    return loaded


def _fits(variables: frozenset[str] | set[str], kind: TemplateKind) -> bool:
    """True if a template uses only names the kind knows and has one for every required name."""
    return kind.known >= variables >= kind.required


def _from_disk(digest: str, data: bytes, name: str, kind: TemplateKind) -> LoadedTemplate | None:
    """The template from its disk cache entry, if there is a sound one; None otherwise."""
    folder = cache.directory()
    if folder is None:
        return None
    payload = cache.load(folder, cache.entry_key(digest, kind=kind.name))
    match payload:
        case (tuple() as names, dumped) if all(isinstance(n, str) for n in names):
            variables = frozenset(names)
        case _:
            return None
    if not _fits(variables, kind):
        return None
    try:
        compiled = CompiledTemplate.restore(dumped)
    except Exception:  # a damaged entry is rebuilt, whatever it breaks
        return None
    return LoadedTemplate(data, name, digest, variables, compiled)


def _to_disk(loaded: LoadedTemplate, kind: TemplateKind) -> None:
    folder = cache.directory()
    if folder is not None:
        payload = (tuple(sorted(loaded.variables)), loaded.compiled.dump())
        cache.store(folder, cache.entry_key(loaded.digest, kind=kind.name), payload)


REPORT: Final = TemplateKind(
    name="report",
    default=DEFAULT_TEMPLATE,
    what="模板",
    known=KNOWN_NAMES,
    required=REQUIRED_NAMES,
    sample=_sample,
    unknown_words="模板中有数据格式不认识的标签",
    missing_words="模板缺少以下数据的标签（这些内容将无法输出）",
)
"""The report template: the official one, or a user's restyled copy of it."""

_CACHE_SIZE: Final = 32
_cache: dict[tuple[str, str], LoadedTemplate] = {}
_cache_lock = threading.Lock()


def load_template(template: TemplateInput = None, kind: TemplateKind = REPORT) -> LoadedTemplate:
    """Read, check and compile a template once; later calls with the same content reuse the result.

    The file is read through the hardened reader (size limits, then the package's own), its tags
    are checked against ``kind``'s names, and it is compiled with the kind's sample. The cache is
    keyed by the kind and the SHA-256 of the template's bytes, so an edited file is compiled again
    and the same file under two paths is compiled once. Besides this process's cache, a compiled
    template is kept on disk (:mod:`.cache`) for the next process.
    """
    data, name = _template_bytes(template, kind)
    digest = hashlib.sha256(data).hexdigest()
    loaded = _cache.get((kind.name, digest))
    if loaded is None:
        loaded = _from_disk(digest, data, name, kind)
        if loaded is None:
            loaded = _checked(digest, data, name, kind)
            _to_disk(loaded, kind)
        with _cache_lock:
            while len(_cache) >= _CACHE_SIZE:
                del _cache[next(iter(_cache))]
            _cache[kind.name, digest] = loaded
    return loaded


# -- rendering ----------------------------------------------------------------------------------


def render(report: Report, template: TemplateInput = None) -> bytes:
    """The report as .docx bytes, from the official template or from ``template``.

    The template is compiled on first use and cached by its content, so a loop or a server pays
    for it once; the result is equivalent to :func:`render_docxtpl`'s. A template that fails or
    exceeds the sandbox's limits (:mod:`.sandbox`) raises a TemplateError naming the tag.
    """
    return load_template(template).render(build_context(report))


def render_docxtpl(report: Report, template: TemplateInput = None) -> bytes:
    """The report rendered by plain docxtpl (load, render, save): the reference :func:`render` matches."""
    from docxtpl import DocxTemplate

    loaded = load_template(template)
    document = DocxTemplate(io.BytesIO(loaded.data))
    try:
        with limited(template_size=sum(map(len, loaded.compiled.sources))):
            document.render(build_context(report), jinja_env=_environment(), autoescape=True)
    except RenderFailure as failure:
        raise TemplateError(f"模板渲染出错：{failure.reason}", place=loaded.name) from failure
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render_to_file(
    report: Report,
    path: str | os.PathLike[str],
    *,
    template: TemplateInput = None,
    force: bool = False,
) -> Path:
    """Render and write ``path`` atomically; an existing file is kept unless ``force``."""
    return write_new(path, lambda: render(report, template), force=force)

"""A .docx template compiled once and rendered many times, with docxtpl's output and without its cost.

docxtpl re-opens the template, re-runs its regex preprocessing, recompiles Jinja, re-parses the body
and re-serialises every part on each render. :class:`CompiledTemplate` does the template-only work
once, with docxtpl's own code (``patch_xml`` mends tags split across runs and expands ``{%p %}``,
``{%tr %}`` …), and keeps the raw bytes of every part a render does not change. A render fills the
compiled parts, applies docxtpl's text post-processing (``{_{`` escapes, ``resolve_listing``) and
writes the zip. docxtpl's ``fix_tables``/``fix_docpr_ids`` run exactly as docxtpl runs them unless
the template's table structure provably cannot depend on the data and one render showed them to be
no-ops. User text is data, never template code: a sandboxed Jinja environment escapes every value.
"""

from __future__ import annotations

import copy
import io
import re
import threading
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Final, Protocol

import attrs
import jinja2
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

__all__ = ["DEFLATE_LEVEL", "CompiledTemplate", "environment"]

DEFLATE_LEVEL: Final = 1
"""zlib level for regenerated parts: measured in benchmarks/ (level 1 is ~3× faster than 6 on the
official body and the file is a few KB larger)."""

_XML_DECLARATION: Final = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
# Text characters docxtpl's resolve_listing turns into runs, breaks or paragraphs.
_LISTING_CHARACTERS: Final = ("\t", "\a", "\n", "\f")
# Markup whose repetition or removal by a Jinja block would make fix_tables/fix_docpr_ids data-dependent.
_STRUCTURE_MARKUP: Final = (
    "<w:tbl",
    "</w:tbl",
    "<w:tr",
    "</w:tr",
    "<w:tc",
    "</w:tc",
    "<w:gridCol",
    "<w:tblGrid",
    "</w:tblGrid",
    "<w:gridSpan",
    "docPr",
)
_CORE_PROPERTIES: Final = ("author", "comments", "identifier", "language", "subject", "title")
_FOOTNOTES_TYPE: Final = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
)


class _DataEnvironment(SandboxedEnvironment):
    """A sandbox where ``a.b`` on a plain dict reads the key before looking for a dict method.

    Jinja tries the attribute first, so every lookup in a dict context raised and caught an
    AttributeError; reading the key first halves the render time. Results only differ for a key
    named like a dict method, and no name of the data format is one (a test checks).
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


def environment() -> jinja2.Environment:
    """The Jinja environment of every render: sandboxed, XML-escaping, strict about unknown names."""
    return _DataEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)


def _tool() -> Any:
    """A bare docxtpl object: its patch/post-processing methods need no document."""
    from docxtpl import DocxTemplate

    tool = DocxTemplate(io.BytesIO())
    tool.docx_ids_index = 1000
    tool.current_rendering_part = None
    return tool


def _finish_text(xml: str) -> str:
    """What docxtpl's ``render_xml_part`` does to Jinja's output: markers, brace escapes, listings."""
    # docxtpl puts "\n" before each <w:p (for error line numbers) and removes it after rendering.
    xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
    return _finish_unmarked(xml)


def _finish_unmarked(xml: str) -> str:
    # One-character scans first: they are ~40× faster than looking for "{_" in a CJK string.
    if "_" in xml and ("{_" in xml or "_}" in xml):
        xml = (
            xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        )
    if any(character in xml for character in _LISTING_CHARACTERS):
        xml = str(_tool().resolve_listing(xml))
    return xml


def _marked(source: str) -> str:
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", source)


def _paragraph_starts(text: str) -> int:
    return text.count("<w:p ") + text.count("<w:p>")


@attrs.frozen
class _Text:
    """A part's Jinja source compiled twice: as docxtpl compiles it, and without its line markers.

    docxtpl puts a line break before every ``<w:p`` and takes it out after rendering. When the
    output has no line break of its own and every ``<w:p`` of the source is template text (none
    inside a tag), the markers change nothing, so the plain template gives docxtpl's text without
    the two passes over it; otherwise the marked template and docxtpl's whole post-processing run.
    """

    plain: jinja2.Template | None
    marked: jinja2.Template

    @classmethod
    def compile(cls, env: jinja2.Environment, source: str) -> tuple[_Text, nodes.Template]:
        marked = _marked(source)
        tree = env.parse(source)
        in_text = sum(_paragraph_starts(d.data) for d in tree.find_all(nodes.TemplateData))
        plain = env.from_string(source) if in_text == _paragraph_starts(source) else None
        return cls(plain, env.from_string(marked)), tree

    def render(self, context: Mapping[str, Any]) -> str:
        if self.plain is not None:
            xml = self.plain.render(context)
            if "\n" not in xml:
                return _finish_unmarked(xml)
        return _finish_text(self.marked.render(context))


def _fix_body(xml: str) -> str:
    """docxtpl's ``fix_tables`` (a recovering parse) and ``fix_docpr_ids``, serialised again."""
    tool = _tool()
    tree = tool.fix_tables(xml)
    tool.fix_docpr_ids(tree)
    return etree.tostring(tree, encoding="unicode")


def _is_static(tree: nodes.Template) -> bool:
    """True if the source has no tag at all: it renders to its own text."""
    return all(
        isinstance(node, nodes.Output)
        and all(isinstance(child, nodes.TemplateData) for child in node.nodes)
        for node in tree.body
    )


def _structure_is_fixed(tree: nodes.Template) -> bool:
    """True if no value or block can add, drop or resize table cells, grid columns or drawings.

    Values are escaped text, so they can only change structure from inside markup (an attribute),
    through ``safe``, or when autoescape is switched off; blocks can by repeating or dropping markup.
    """
    unsafe = (nodes.MarkSafe, nodes.MarkSafeIfAutoescape, nodes.EvalContextModifier)
    if any(True for _ in tree.find_all(unsafe)):
        return False
    if any(f.name == "safe" for f in tree.find_all(nodes.Filter)):
        return False
    for node in tree.body:
        if isinstance(node, nodes.Output):
            continue
        texts = (data.data for data in node.find_all(nodes.TemplateData))
        if any(marker in text for text in texts for marker in _STRUCTURE_MARKUP):
            return False
    inside_markup = False
    for item in _in_source_order(tree):
        if isinstance(item, nodes.TemplateData):
            opened, closed = item.data.rfind("<"), item.data.rfind(">")
            if opened != closed:
                inside_markup = opened > closed
        elif inside_markup:
            return False
    return True


def _in_source_order(node: nodes.Node) -> Iterator[nodes.Node]:
    """Template text and the tags between them, in the order they appear in the source."""
    for child in node.iter_child_nodes():
        if isinstance(child, nodes.Output):
            yield from child.nodes
        elif isinstance(child, nodes.Stmt):
            yield child  # the tag itself, then what it encloses
            yield from _in_source_order(child)


class _Filler(Protocol):
    def fill(self, context: Mapping[str, Any]) -> bytes: ...


@attrs.define
class _Body:
    """``word/document.xml``: the root element's text around the compiled ``w:body``."""

    text: _Text
    head: str
    tail: str
    # None: not yet known; False: fix_tables/fix_docpr_ids shown to be no-ops; True: always run them.
    fix: bool | None
    lock: threading.Lock = attrs.field(factory=threading.Lock)

    def fill(self, context: Mapping[str, Any]) -> bytes:
        body = self.text.render(context)
        if self.fix is None:
            with self.lock:
                self.fix = _fix_body(body) != _strict_serialisation(body)
        if self.fix:
            body = _fix_body(body)
        return f"{self.head}{body}{self.tail}".encode()


def _strict_serialisation(xml: str) -> str | None:
    try:
        return etree.tostring(etree.fromstring(xml), encoding="unicode")
    except etree.XMLSyntaxError:
        return None


@attrs.frozen
class _Part:
    """A header or footer with tags: python-docx's declaration, then the rendered element."""

    text: _Text

    def fill(self, context: Mapping[str, Any]) -> bytes:
        return (_XML_DECLARATION + self.text.render(context)).encode()


@attrs.frozen
class _Footnotes:
    """Footnotes with tags: the part's own text (declaration included), rendered once.

    docxtpl renders this part once per section, each pass over the last one's output, so with two
    sections a user's text would be read as template code; here it is rendered once, as data.
    """

    text: _Text

    def fill(self, context: Mapping[str, Any]) -> bytes:
        return self.text.render(context).encode()


@attrs.frozen
class _CoreProperties:
    """``docProps/core.xml`` with tags in its text properties, rendered as docxtpl does."""

    xml: bytes
    templates: tuple[tuple[str, jinja2.Template], ...]

    def fill(self, context: Mapping[str, Any]) -> bytes:
        from docx.opc.coreprops import CoreProperties
        from docx.opc.oxml import serialize_part_xml
        from docx.oxml.parser import parse_xml

        element = parse_xml(self.xml)
        properties = CoreProperties(element)  # type: ignore[arg-type]
        for name, template in self.templates:
            setattr(properties, name, template.render(context))
        return bytes(serialize_part_xml(element))


@attrs.frozen
class _Member:
    """One zip member: the template's entry and either its bytes or what regenerates them."""

    info: zipfile.ZipInfo
    content: bytes | _Filler


@attrs.frozen(eq=False)
class CompiledTemplate:
    """A template ready to render: parts compiled once, untouched parts kept as raw bytes."""

    members: tuple[_Member, ...]
    sources: tuple[str, ...]
    """Every Jinja source a render uses (after docxtpl's preprocessing): body, headers, footers,
    footnotes and the text core properties."""

    @classmethod
    def compile(cls, data: bytes) -> CompiledTemplate:
        """Compile the .docx ``data``; raises ``zipfile.BadZipFile``, ``KeyError``, ``ValueError``
        for a file that is not a Word document and ``jinja2.TemplateSyntaxError`` for a bad tag."""
        return _Compiler(data).build()

    def fill(self, context: Mapping[str, Any]) -> list[bytes]:
        """Every member's bytes for ``context``, in the template's order (raw where unchanged)."""
        return [
            m.content if isinstance(m.content, bytes) else m.content.fill(context) for m in self
        ]

    def pack(self, parts: Sequence[bytes], *, level: int = DEFLATE_LEVEL) -> bytes:
        """The .docx holding ``parts``: the template's zip entries (names, order, dates, modes)."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for member, payload in zip(self.members, parts, strict=True):
                archive.writestr(copy.copy(member.info), payload, compresslevel=level)
        return buffer.getvalue()

    def render(self, context: Mapping[str, Any]) -> bytes:
        """The document for ``context``, as .docx bytes."""
        return self.pack(self.fill(context))

    def __iter__(self) -> Iterator[_Member]:
        return iter(self.members)


class _Compiler:
    """The one-time work of :meth:`CompiledTemplate.compile`, done with docxtpl's own methods."""

    def __init__(self, data: bytes) -> None:
        from docxtpl import DocxTemplate

        self.data = data
        self.env = environment()
        self.docxtpl = DocxTemplate(io.BytesIO(data))
        self.docxtpl.init_docx()
        self.document = self.docxtpl.docx
        self.sources: list[str] = []
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self.infos = archive.infolist()
            self.raw = {info.filename: archive.read(info.filename) for info in self.infos}

    def build(self) -> CompiledTemplate:
        fillers: dict[str, _Filler | bytes] = {_name(self.document.part): self._body()}
        for uri in (self.docxtpl.HEADER_URI, self.docxtpl.FOOTER_URI):
            for _key, part in self.docxtpl.get_headers_footers(uri):
                filler = self._header_or_footer(part)
                if filler is not None:
                    fillers[_name(part)] = filler
        fillers.update(self._footnotes())
        fillers.update(self._core_properties())
        members = tuple(
            _Member(info, fillers.get(info.filename, self.raw[info.filename]))
            for info in self.infos
        )
        return CompiledTemplate(members, tuple(self.sources))

    def _compile(self, source: str) -> tuple[_Text, nodes.Template]:
        return _Text.compile(self.env, source)

    def _body(self) -> _Body:
        from docx.opc.oxml import serialize_part_xml

        source = self.docxtpl.patch_xml(self.docxtpl.get_xml())
        self.sources.append(source)
        text, tree = self._compile(source)
        root = copy.deepcopy(self.document.element)
        slot = etree.SubElement(root, "gpr-docx-body")
        root.replace(root.body, slot)
        head, tail = serialize_part_xml(root).decode("utf-8").split("<gpr-docx-body/>")
        return _Body(text, head, tail, None if _structure_is_fixed(tree) else True)

    def _header_or_footer(self, part: Any) -> _Filler | None:
        """The part's filler, or None if docxtpl's render leaves it as it was."""
        source = self.docxtpl.patch_xml(self.docxtpl.get_part_xml(part))
        self.sources.append(source)
        text, tree = self._compile(source)
        raw = self.raw[_name(part)]
        if _is_static(tree) and _canonical(text.render({})) == _canonical(raw):
            return None
        return _Part(text)

    def _footnotes(self) -> dict[str, _Filler | bytes]:
        found: dict[str, _Filler | bytes] = {}
        if not self.document.sections:
            return found  # docxtpl renders footnotes section by section: with none, not at all
        for part in self.document.part.package.parts:
            if part.content_type != _FOOTNOTES_TYPE:
                continue
            source = self.docxtpl.patch_xml(part.blob.decode("utf-8"))
            self.sources.append(source)
            text, tree = self._compile(source)
            if _is_static(tree) and text.render({}).encode() == part.blob:
                continue
            found[_name(part)] = _Footnotes(text)
        return found

    def _core_properties(self) -> dict[str, _Filler | bytes]:
        """docxtpl renders six text properties and sets them, adding the empty ones it finds missing."""
        from docx.opc.constants import RELATIONSHIP_TYPE
        from docx.opc.oxml import serialize_part_xml

        package = self.document.part.package
        try:
            part = package.part_related_by(RELATIONSHIP_TYPE.CORE_PROPERTIES)
        except KeyError:
            return {}  # docxtpl would invent one dated now; a template without one keeps none
        properties = self.document.core_properties
        templates = []
        for name in _CORE_PROPERTIES:
            source = getattr(properties, name)
            self.sources.append(source)
            templates.append((name, self.env.from_string(source), self.env.parse(source)))
        xml = bytes(serialize_part_xml(part.element))
        filler = _CoreProperties(xml, tuple((name, t) for name, t, _tree in templates))
        if all(_is_static(tree) for _name, _t, tree in templates):
            return {_name(part): filler.fill({})}
        return {_name(part): filler}


def _name(part: Any) -> str:
    """A python-docx part's zip member name."""
    return str(part.partname).lstrip("/")


def _canonical(xml: str | bytes) -> bytes:
    data = xml.encode() if isinstance(xml, str) else xml
    return bytes(etree.tostring(etree.fromstring(data), method="c14n"))

"""A .docx template compiled once and rendered many times, with docxtpl's output and without its cost.

docxtpl re-opens the template, re-runs its regex preprocessing, recompiles Jinja, re-parses the body
and re-serialises every part on each render. :class:`CompiledTemplate` does the template-only work
once, with docxtpl's own code (``patch_xml`` mends tags split across runs and expands ``{%p %}``,
``{%tr %}`` …), and keeps the raw bytes of every part a render does not change. docxtpl's brace
escapes (``{_{`` for a literal ``{{``) are applied to the template's own text when it is compiled,
never to the values a render puts in (docxtpl applies them to its whole output, so a user's
``{_{ x }_}`` would print as ``{{ x }}``). A render fills the compiled parts, applies docxtpl's
``resolve_listing`` (tabs and line breaks in values) and writes the zip. docxtpl's
``fix_tables``/``fix_docpr_ids`` run exactly as docxtpl runs them unless the template's table
structure provably cannot depend on the data and one render showed them to be no-ops. User text is
data, never template code: the sandbox (:mod:`.sandbox`) escapes every value and bounds what a
template's tags may make and how long a render may take.

The template is opened through :func:`gpr_docx.oxml.package.open_docx` (size, zip-bomb and DOCTYPE
checks) before docxtpl or python-docx sees it. A compiled template is plain data plus Jinja code
objects, so :meth:`CompiledTemplate.dump` and :meth:`CompiledTemplate.restore` can keep it on disk
(:mod:`.cache`); a restored template renders without importing docxtpl, python-docx or lxml unless
docxtpl's own post-processing is needed for the data at hand.
"""

from __future__ import annotations

import contextlib
import copy
import io
import re
import threading
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from types import CodeType
from typing import TYPE_CHECKING, Any, Final, Protocol

import attrs
import jinja2
from jinja2 import nodes

from ..errors import BrokenDocxError, TemplateError, UnsafeXmlError
from .sandbox import RefusedTagError, RenderFailure, RenderLimits, environment, limited

if TYPE_CHECKING:
    from ..oxml.package import Limits

__all__ = [
    "DEFLATE_LEVEL",
    "MAX_TAGS",
    "MAX_TAG_TEXT",
    "CompiledBody",
    "CompiledTemplate",
    "blocks_are_balanced",
    "environment",
    "structure_is_fixed",
]

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
MAX_TAGS: Final = 5_000
"""Most tags (``{{ … }}``, ``{% … %}``) one template may hold in all its parts; the official one
has 229. Compiling costs about 0.2 ms and 10 KB a tag, so this bounds what loading a template costs."""
MAX_TAG_TEXT: Final = 200_000
"""Most characters of all a template's tags together (the official one has about 13 000)."""
_FOOTNOTES_TYPE: Final = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
)


def _tool() -> Any:
    """A bare docxtpl object: its patch/post-processing methods need no document."""
    from docxtpl import DocxTemplate

    tool = DocxTemplate(io.BytesIO())
    tool.docx_ids_index = 1000
    tool.current_rendering_part = None
    return tool


def _finish_text(xml: str) -> str:
    """What docxtpl's ``render_xml_part`` does to Jinja's output: markers out, listings resolved.

    docxtpl also turns ``{_{`` into ``{{`` (and ``}_}``, ``{_%``, ``%_}``) here, in the whole
    output; those escapes are applied to the template's text when compiling (:func:`_compiled`).
    """
    # docxtpl puts "\n" before each <w:p (for error line numbers) and removes it after rendering.
    xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
    return _finish_unmarked(xml)


def _finish_unmarked(xml: str) -> str:
    if any(character in xml for character in _LISTING_CHARACTERS):
        xml = str(_tool().resolve_listing(xml))
    return xml


def _unescaped_braces(text: str) -> str:
    """docxtpl's brace escapes, for a literal ``{{``, ``}}``, ``{%`` or ``%}`` in template text."""
    if "_" in text and ("{_" in text or "_}" in text):
        text = (
            text.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        )
    return text


def _marked(source: str) -> str:
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", source)


def _paragraph_starts(text: str) -> int:
    return text.count("<w:p ") + text.count("<w:p>")


def _template(env: jinja2.Environment, code: CodeType) -> jinja2.Template:
    """A template from its compiled code, made as Jinja's loaders make one from its bytecode cache."""
    return env.template_class.from_code(env, code, env.make_globals(None), None)


def _compiled(env: jinja2.Environment, marked: str, *, plain: bool) -> CodeType:
    """The Jinja code of ``marked`` (a source with docxtpl's line markers), brace escapes applied
    to its text; for ``plain``, with the markers taken out of the text again.

    Either way the code is compiled from the marked source, so its line numbers are paragraphs
    and an error names the tags of the paragraph it happened in. Taking a marker out of template
    text is exactly what docxtpl does to the output when every ``<w:p`` is template text (which
    is when the plain code is used): the markers are only ever in template text.
    """
    tree = env.parse(marked)
    for data in tree.find_all(nodes.TemplateData):
        text = _unescaped_braces(data.data)
        if plain:
            text = text.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
        data.data = text
    return env.compile(tree)


_TAG_OPENER: Final = re.compile(r"\{[{%#]")
_TAG_CLOSER: Final = {"{{": "}}", "{%": "%}", "{#": "#}"}
_MARKUP: Final = re.compile(r"<[^>]*>")
_NEWLINE: Final = re.compile(r"\r\n|\r|\n")  # what Jinja counts as a new line
_SHOWN_TAGS: Final = 3
_TAG_EXCERPT: Final = 60


def _tags_in(text: str) -> list[str]:
    """The ``{{ … }}``, ``{% … %}`` and ``{# … #}`` tags of ``text``, in one pass (an unclosed
    tag ends it)."""
    tags = []
    position = 0
    while opener := _TAG_OPENER.search(text, position):
        end = text.find(_TAG_CLOSER[opener.group()], opener.end())
        if end < 0:
            break
        position = end + 2
        tags.append(text[opener.start() : position])
    return tags


def _unpaired_tag(text: str) -> str | None:
    """The first tag of ``text`` that is not closed before the next one opens, or None.

    One pass, so that it costs nothing on a large part: docxtpl's preprocessing searches for
    the end of every tag to the end of the part, which takes hours for a part full of tags that
    never end. A tag inside another one's quotes (``{{ '{{' }}``) is refused too; the
    ``{_{ … }_}`` escapes are the way to write such text.
    """
    position = 0
    while opener := _TAG_OPENER.search(text, position):
        end = text.find(_TAG_CLOSER[opener.group()], opener.end())
        following = _TAG_OPENER.search(text, opener.end())
        if end < 0 or (following is not None and following.start() < end):
            return text[opener.start() : opener.start() + _TAG_EXCERPT]
        position = end + 2
    return None


def _tags_at(source: str, lineno: int | None) -> str:
    """The tags on line ``lineno`` of ``source`` (one paragraph, in a marked source), as a message
    quotes them: at most three, each at most 60 characters; empty if there are none."""
    lines = _NEWLINE.split(source)
    if lineno is None or not 1 <= lineno <= len(lines):
        return ""
    tags = [
        tag if len(tag) <= _TAG_EXCERPT else f"{tag[: _TAG_EXCERPT - 1]}…"
        for tag in _tags_in(lines[lineno - 1])
    ]
    shown = "、".join(tags[:_SHOWN_TAGS])
    return f"{shown}…" if len(tags) > _SHOWN_TAGS else shown


@contextlib.contextmanager
def _compile_errors(source: str, place: str, prefix: str = "") -> Iterator[None]:
    """Turn what compiling the Jinja ``source`` can raise into a TemplateError naming the tag."""
    try:
        yield
    except RefusedTagError as exc:
        tags = _tags_at(source, exc.lineno)
        message = f"{exc.message}：{tags}" if tags else str(exc.message)
        raise TemplateError(prefix + message, place=place) from None
    except jinja2.TemplateSyntaxError as exc:
        tags = _tags_at(source, exc.lineno)
        where = f"（{tags}）" if tags else ""
        message = f"{prefix}模板标签语法错误{where}：{_syntax_message(exc.message or '')}"
        raise TemplateError(message, place=place) from None
    except (RecursionError, MemoryError, SyntaxError):
        raise TemplateError(f"{prefix}模板标签嵌套过深或过于复杂", place=place) from None
    except (ValueError, OverflowError):
        message = "模板标签中有无法处理的值（例如位数过多的数字）"
        raise TemplateError(prefix + message, place=place) from None


# Jinja's syntax messages, said in Chinese (the first pattern that matches is used).
_SYNTAX_MESSAGES: Final[tuple[tuple[re.Pattern[str], str], ...]] = tuple(
    (re.compile(pattern, re.DOTALL), message)
    for pattern, message in (
        (
            r"Unexpected end of template\..*block that needs to be closed is '(\w+)'",
            "模板结束时 {{% {0} %}} 还没有结束（缺少 {{% end{0} %}}）",
        ),
        (r"Unexpected end of template", "模板结束时还有标签没有结束"),
        (
            r"Encountered unknown tag '(\w+)'\..*block that needs to be closed is '(\w+)'",
            "{{% {0} %}} 与前面的 {{% {1} %}} 不配对（应为 {{% end{1} %}}）",
        ),
        (r"Encountered unknown tag '(\w+)'", "不认识的标签 {{% {0} %}}"),
        (r"No filter named '([^']+)'", "没有名为 {0} 的过滤器"),
        (r"No test named '([^']+)'", "没有名为 {0} 的测试"),
        (r"Expected an expression, got", "标签中缺少表达式"),
        (r"expected token '[^']+', got '([^']+)'", "标签中有不该出现的 {0}"),
        (r"unexpected char (.+?) at \d+", "标签中有不该出现的字符 {0}"),
        (r"unexpected '([^']+)'", "标签中有不该出现的 {0}"),
    )
)


def _syntax_message(message: str) -> str:
    """Jinja's syntax error in Chinese; Jinja's own words, in brackets, where none fits."""
    for pattern, said in _SYNTAX_MESSAGES:
        if found := pattern.match(message):
            return said.format(*found.groups())
    return f"标签写法有误（{message}）"


def _failure_message(failure: RenderFailure, source: str | None) -> str:
    tags = "" if source is None else _tags_at(source, failure.lineno)
    if tags:
        return f"模板标签 {tags} 出错：{failure.reason}"
    return f"模板渲染出错：{failure.reason}"


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
    source: str
    """docxtpl's source of the part (after its preprocessing), for error messages."""
    code: tuple[CodeType | None, CodeType] = attrs.field(eq=False, repr=False)
    """The Jinja code of ``plain`` and ``marked``, what :meth:`CompiledTemplate.dump` keeps."""

    @classmethod
    def compile(
        cls, env: jinja2.Environment, source: str, *, place: str
    ) -> tuple[_Text, nodes.Template]:
        """The part compiled; a TemplateError (at ``place``) for a tag that cannot be compiled."""
        marked = _marked(source)
        with _compile_errors(marked, place):
            code = _compiled(env, marked, plain=False)
            tree = env.parse(source)
            in_text = sum(_paragraph_starts(d.data) for d in tree.find_all(nodes.TemplateData))
            plain = (
                _compiled(env, marked, plain=True) if in_text == _paragraph_starts(source) else None
            )
        return cls.from_code(env, plain, code, source), tree

    @classmethod
    def from_code(
        cls, env: jinja2.Environment, plain: CodeType | None, marked: CodeType, source: str
    ) -> _Text:
        return cls(
            None if plain is None else _template(env, plain),
            _template(env, marked),
            source,
            (plain, marked),
        )

    def render(self, context: Mapping[str, Any]) -> str:
        """The part's text; a TemplateError naming the tag if the template fails or is stopped."""
        try:
            if self.plain is not None:
                xml = self.plain.render(context)
                if "\n" not in xml:
                    return _finish_unmarked(xml)
            xml = self.marked.render(context)
        except RenderFailure as failure:
            raise TemplateError(_failure_message(failure, _marked(self.source))) from failure
        return _finish_text(xml)


def _fix_body(xml: str) -> str:
    """docxtpl's ``fix_tables`` (a recovering parse) and ``fix_docpr_ids``, serialised again."""
    from lxml import etree

    tool = _tool()
    tree = tool.fix_tables(xml)
    tool.fix_docpr_ids(tree)
    return etree.tostring(tree, encoding="unicode")


def _fixes_change(body: str) -> bool:
    """True if docxtpl's ``fix_tables``/``fix_docpr_ids`` change this rendered body."""
    return _fix_body(body) != _strict_serialisation(body)


def _strict_serialisation(xml: str) -> str | None:
    """The body parsed by the hardened parser and serialised again; None if it is not well-formed."""
    from lxml import etree

    from ..oxml.package import parse_xml

    try:
        return etree.tostring(parse_xml(xml.encode()), encoding="unicode")
    except (BrokenDocxError, UnsafeXmlError):
        return None


def _is_static(tree: nodes.Template) -> bool:
    """True if the source has no tag at all: it renders to its own text."""
    return all(
        isinstance(node, nodes.Output)
        and all(isinstance(child, nodes.TemplateData) for child in node.nodes)
        for node in tree.body
    )


def structure_is_fixed(tree: nodes.Template) -> bool:
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


# Markup that opens or closes nothing: comments, CDATA, processing instructions.
_INERT_MARKUP: Final = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>", re.DOTALL)
# A start, end or empty-element tag; quoted attribute values may hold ">".
_TAG: Final = re.compile(r"""<(/?)([^\s/>]+)(?:[^>"']|"[^"]*"|'[^']*')*?(/?)>""")


def _balanced(markup: str) -> bool:
    """True if every element ``markup`` opens it also closes, in order, and it closes no other."""
    opened: list[str] = []
    for closing, name, empty in _TAG.findall(_INERT_MARKUP.sub("", markup)):
        if empty:
            continue
        if not closing:
            opened.append(name)
        elif not opened or opened.pop() != name:
            return False
    return not opened


def blocks_are_balanced(tree: nodes.Template) -> bool:
    """True if every branch of every block holds whole elements, so no data can unbalance the XML.

    Then repeating, dropping or choosing blocks (``for``/``if``, the only blocks allowed here) keeps
    the document exactly as well-formed as any one rendering of it: whether docxtpl's fixes change
    the body is a property of the template alone, and one render with any data decides it.
    """
    for node in tree.find_all(nodes.Stmt):
        if isinstance(node, nodes.Output):
            continue
        if not isinstance(node, nodes.For | nodes.If):
            return False
        # an If's elif branches are If nodes of their own, checked in their turn
        for branch in (node.body, node.else_):
            if not _balanced("".join(_own_text(branch))):
                return False
    return True


def _own_text(branch: Iterable[nodes.Node]) -> Iterator[str]:
    """The template text of a block's branch, without that of the blocks inside it."""
    for node in branch:
        if isinstance(node, nodes.Output):
            yield from (child.data for child in node.nodes if isinstance(child, nodes.TemplateData))


class _Filler(Protocol):
    def fill(self, context: Mapping[str, Any]) -> bytes: ...


@attrs.define
class CompiledBody:
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
                self.fix = _fixes_change(body)
        if self.fix:
            body = _fix_body(body)
        return f"{self.head}{body}{self.tail}".encode()


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
    code: tuple[tuple[str, CodeType], ...] = attrs.field(eq=False, repr=False)
    """Each property's Jinja code, what :meth:`CompiledTemplate.dump` keeps."""

    @classmethod
    def from_code(
        cls, env: jinja2.Environment, xml: bytes, code: Iterable[tuple[str, CodeType]]
    ) -> _CoreProperties:
        code = tuple(code)
        return cls(xml, tuple((name, _template(env, c)) for name, c in code), code)

    def fill(self, context: Mapping[str, Any]) -> bytes:
        from docx.opc.coreprops import CoreProperties
        from docx.opc.oxml import serialize_part_xml
        from docx.oxml.parser import parse_xml

        element = parse_xml(self.xml)
        properties = CoreProperties(element)  # type: ignore[arg-type]
        for name, template in self.templates:
            try:
                value = template.render(context)
            except RenderFailure as failure:
                message = f"文档属性 {name}：{_failure_message(failure, None)}"
                raise TemplateError(message) from failure
            setattr(properties, name, value)
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
    def compile(
        cls,
        data: bytes,
        *,
        name: str | None = None,
        limits: Limits | None = None,
        sample: Mapping[str, Any] | None = None,
    ) -> CompiledTemplate:
        """Compile the .docx ``data`` (called ``name`` in error messages).

        The file is opened within ``limits`` first (:func:`~gpr_docx.oxml.package.open_docx`): a
        file that is no .docx, too large, a zip bomb or holds a DOCTYPE raises that function's
        :class:`~gpr_docx.errors.ParseError`. Raises ``zipfile.BadZipFile``, ``KeyError`` or
        ``ValueError`` for a package python-docx cannot use, and a
        :class:`~gpr_docx.errors.TemplateError` naming the part and the tag for a tag that cannot
        be compiled (bad syntax, or one the sandbox refuses, such as ``{% include %}``). With a
        ``sample`` context, whether docxtpl's table fixes are needed is decided now where the
        template alone decides it (see :func:`blocks_are_balanced`), else at the first render; a
        template that exceeds the sandbox's limits even for the sample is refused now.
        """
        return _Compiler(data, name=name, limits=limits, sample=sample).build()

    def fill(
        self, context: Mapping[str, Any], *, limits: RenderLimits | None = None
    ) -> list[bytes]:
        """Every member's bytes for ``context``, in the template's order (raw where unchanged).

        All parts are rendered within one budget of ``limits`` (the sandbox's defaults if None);
        a template that fails or exceeds a limit raises a TemplateError at the part and tag.
        """
        parts: list[bytes] = []
        with limited(limits, template_size=sum(map(len, self.sources))):
            for member in self.members:
                content = member.content
                if isinstance(content, bytes):
                    parts.append(content)
                    continue
                try:
                    parts.append(content.fill(context))
                except TemplateError as exc:
                    place = exc.place or member.info.filename
                    raise TemplateError(exc.message, place=place) from exc.__cause__
        return parts

    def pack(self, parts: Sequence[bytes], *, level: int = DEFLATE_LEVEL) -> bytes:
        """The .docx holding ``parts``: the template's zip entries (names, order, dates, modes)."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for member, payload in zip(self.members, parts, strict=True):
                archive.writestr(copy.copy(member.info), payload, compresslevel=level)
        return buffer.getvalue()

    def render(self, context: Mapping[str, Any], *, limits: RenderLimits | None = None) -> bytes:
        """The document for ``context``, as .docx bytes (see :meth:`fill`)."""
        return self.pack(self.fill(context, limits=limits))

    def __iter__(self) -> Iterator[_Member]:
        return iter(self.members)

    def dump(self) -> tuple[Any, ...]:
        """The template as plain data ``marshal`` can store: tuples, dicts, str, bytes, bools and
        Jinja's code objects (which tie it to this Python and this Jinja)."""
        return (tuple((_info_fields(m.info), _content_data(m.content)) for m in self), self.sources)

    @classmethod
    def restore(cls, data: object) -> CompiledTemplate:
        """The template :meth:`dump` gave, with a fresh environment; ValueError for anything else."""
        env = environment()
        match data:
            case (tuple() as members, tuple() as sources) if all(
                isinstance(s, str) for s in sources
            ):
                return cls(
                    tuple(_restored_member(env, member) for member in members),
                    tuple(sources),
                )
        raise ValueError("not a dumped template")


_ZIPINFO_FIELDS: Final[tuple[str, ...]] = tuple(getattr(zipfile.ZipInfo, "__slots__", ()))


def _info_fields(info: zipfile.ZipInfo) -> dict[str, Any]:
    """Every field of a zip entry that is set (all plain values), so that it can be rebuilt as is."""
    return {name: getattr(info, name) for name in _ZIPINFO_FIELDS if hasattr(info, name)}


def _restored_info(fields: object) -> zipfile.ZipInfo:
    if not isinstance(fields, dict) or not isinstance(fields.get("filename"), str):
        raise ValueError("not the fields of a zip entry")
    info = zipfile.ZipInfo.__new__(zipfile.ZipInfo)
    for name, value in fields.items():
        if name not in _ZIPINFO_FIELDS:
            raise ValueError(f"not a field of a zip entry: {name!r}")
        setattr(info, name, value)
    return info


def _content_data(content: bytes | _Filler) -> tuple[Any, ...]:
    match content:
        case bytes():
            return ("raw", content)
        case CompiledBody():
            text = content.text
            return ("body", *text.code, text.source, content.head, content.tail, content.fix)
        case _Part():
            return ("part", *content.text.code, content.text.source)
        case _Footnotes():
            return ("footnotes", *content.text.code, content.text.source)
        case _CoreProperties():
            return ("core", content.xml, content.code)
    raise TypeError(f"no plain form for {type(content).__name__}")


def _restored_member(env: jinja2.Environment, member: object) -> _Member:
    match member:
        case (fields, content):
            return _Member(_restored_info(fields), _restored_content(env, content))
    raise ValueError("not a dumped zip member")


def _restored_content(env: jinja2.Environment, data: object) -> bytes | _Filler:
    match data:
        case ("raw", bytes() as raw):
            return raw
        case (
            "body",
            plain,
            CodeType() as marked,
            str() as source,
            str() as head,
            str() as tail,
            fix,
        ) if fix is None or isinstance(fix, bool):
            return CompiledBody(_Text.from_code(env, _code(plain), marked, source), head, tail, fix)
        case ("part", plain, CodeType() as marked, str() as source):
            return _Part(_Text.from_code(env, _code(plain), marked, source))
        case ("footnotes", plain, CodeType() as marked, str() as source):
            return _Footnotes(_Text.from_code(env, _code(plain), marked, source))
        case ("core", bytes() as xml, tuple() as code) if all(
            isinstance(item, tuple)
            and len(item) == 2
            and isinstance(item[0], str)
            and isinstance(item[1], CodeType)
            for item in code
        ):
            return _CoreProperties.from_code(env, xml, code)
    raise ValueError("not a dumped template part")


def _code(value: object) -> CodeType | None:
    if value is None or isinstance(value, CodeType):
        return value
    raise ValueError("not Jinja code")


class _Compiler:
    """The one-time work of :meth:`CompiledTemplate.compile`, done with docxtpl's own methods."""

    def __init__(
        self,
        data: bytes,
        *,
        name: str | None,
        limits: Limits | None,
        sample: Mapping[str, Any] | None,
    ) -> None:
        from docxtpl import DocxTemplate

        from ..oxml.package import DEFAULT_LIMITS, open_docx, parse_xml

        # The hardened reader first: sizes, zip bombs and DOCTYPEs stop here, before python-docx.
        with open_docx(
            data, limits=DEFAULT_LIMITS if limits is None else limits, name=name
        ) as package:
            self.name = package.name
            self.infos = package.infos
            self.raw = {info.filename: package.read(info.filename) for info in self.infos}
            for part, payload in self.raw.items():
                if part.endswith((".xml", ".rels")):
                    parse_xml(payload, place=f"{package.name}:{part}")
        self.sample = sample
        self.env = environment()
        self.docxtpl = DocxTemplate(io.BytesIO(data))
        self.docxtpl.init_docx()
        self.document = self.docxtpl.docx
        self.sources: list[str] = []
        self.tags = self.tag_text = 0

    def _admit(self, xml: str, place: str) -> str:
        """``xml`` (a part, or a core property's text) if its tags may be compiled: each one
        closed before the next opens, in the text and in any markup, and all the template's
        tags within :data:`MAX_TAGS` and :data:`MAX_TAG_TEXT`. Checked before docxtpl or Jinja
        reads it, in one pass."""
        text = _MARKUP.sub("", xml) if "<" in xml else xml
        pieces = [text, *(markup for markup in _MARKUP.findall(xml) if "{" in markup)]
        for piece in pieces:
            unpaired = _unpaired_tag(piece)
            if unpaired is not None:
                raise TemplateError(
                    f"模板标签没有结束，或在另一个标签结束前开始：{unpaired}", place=place
                )
            tags = _tags_in(piece)
            self.tags += len(tags)
            self.tag_text += sum(map(len, tags))
        if self.tags > MAX_TAGS:
            raise TemplateError(f"模板中的标签过多（上限 {MAX_TAGS:,} 个）", place=place)
        if self.tag_text > MAX_TAG_TEXT:
            raise TemplateError(
                f"模板标签的总长度过长（上限 {MAX_TAG_TEXT:,} 个字符）", place=place
            )
        return xml

    def _patched(self, xml: str, part: str) -> str:
        """docxtpl's preprocessing of an admitted part (see :meth:`_admit`), kept as a source."""
        source = str(self.docxtpl.patch_xml(self._admit(xml, f"{self.name}:{part}")))
        self.sources.append(source)
        return source

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

    def _compile(self, source: str, part: str) -> tuple[_Text, nodes.Template]:
        return _Text.compile(self.env, source, place=f"{self.name}:{part}")

    def _body(self) -> CompiledBody:
        from docx.opc.oxml import serialize_part_xml
        from lxml import etree

        part = _name(self.document.part)
        source = self._patched(self.docxtpl.get_xml(), part)
        text, tree = self._compile(source, part)
        root = copy.deepcopy(self.document.element)
        slot = etree.SubElement(root, "gpr-docx-body")
        root.replace(root.body, slot)
        head, tail = serialize_part_xml(root).decode("utf-8").split("<gpr-docx-body/>")
        fix: bool | None = True
        if structure_is_fixed(tree):
            fix = None
            if self.sample is not None and blocks_are_balanced(tree):
                fix = _decided_by(text, self.sample, place=f"{self.name}:{part}")
        return CompiledBody(text, head, tail, fix)

    def _header_or_footer(self, part: Any) -> _Filler | None:
        """The part's filler, or None if docxtpl's render leaves it as it was."""
        source = self._patched(self.docxtpl.get_part_xml(part), _name(part))
        text, tree = self._compile(source, _name(part))
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
            source = self._patched(part.blob.decode("utf-8"), _name(part))
            text, tree = self._compile(source, _name(part))
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
        code = []
        static = True
        place = f"{self.name}:{_name(part)}"
        for name in _CORE_PROPERTIES:
            source = self._admit(getattr(properties, name), place)
            self.sources.append(source)
            with _compile_errors(source, place, prefix=f"文档属性 {name}："):
                code.append((name, self.env.compile(source)))
                static = static and _is_static(self.env.parse(source))
        xml = bytes(serialize_part_xml(part.element))
        filler = _CoreProperties.from_code(self.env, xml, code)
        if static:
            return {_name(part): filler.fill({})}
        return {_name(part): filler}


def _decided_by(text: _Text, sample: Mapping[str, Any], *, place: str) -> bool | None:
    """Whether docxtpl's fixes change the body rendered from ``sample`` (None if it cannot render).

    A template that exceeds the sandbox's limits even for the sample is refused here (a
    TemplateError at ``place``); any other failure leaves the question to the first real render.
    """
    try:
        body = text.render(sample)
    except TemplateError as exc:
        if isinstance(exc.__cause__, RenderFailure) and exc.__cause__.exceeded:
            raise TemplateError(
                f"{exc.message}（用内置示例数据试渲染时发现）", place=place
            ) from None
        return None
    except Exception:  # any failure leaves the question to the first real render
        return None
    return _fixes_change(body)


def _name(part: Any) -> str:
    """A python-docx part's zip member name."""
    return str(part.partname).lstrip("/")


def _canonical(xml: str | bytes) -> bytes:
    """C14N of a part, parsed by the hardened parser (the parts were checked when opened)."""
    from lxml import etree

    from ..oxml.package import parse_xml

    data = xml.encode() if isinstance(xml, str) else xml
    return bytes(etree.tostring(parse_xml(data), method="c14n"))

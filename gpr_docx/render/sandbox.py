"""The sandbox every template runs in: what a tag may do, and how much it may make.

A custom template is a user's file, so its tags are untrusted code. Jinja's
:class:`~jinja2.sandbox.SandboxedEnvironment` refuses Python internals (``__class__``, ``mro``,
function globals …); :class:`TemplateEnvironment` closes what it leaves open, so that no template
can read other files, exhaust memory or run without end:

* **No other files.** ``{% include %}``, ``{% import %}``, ``{% from … import %}`` and
  ``{% extends %}`` are refused when the template is compiled (:class:`RefusedTagError`).
* **Values always escaped.** ``|safe`` and ``{% autoescape false %}`` are refused too (and the
  ``safe`` filter refuses to run, should ``map('safe')`` name it), so no value becomes markup.
* **Bounded values.** Every operation that can make a value larger than what it was given
  estimates the size of the result *before* making it and refuses one of more than
  :attr:`RenderLimits.value` characters or items (nested lists counted through), or an integer of
  more than :attr:`RenderLimits.int_bits` bits: the operators ``*``, ``**``, ``+``, ``%`` and ``~``;
  list, tuple and dict literals; the filters (``center``, ``indent``, ``wordwrap``, ``format``,
  ``join``, ``batch``, ``slice``, ``replace``, ``tojson`` …); the globals ``range`` and ``lipsum``;
  the methods of strings, lists and dicts, of which only a fixed list may be called at all; and
  ``str.format``. A printed value that is not the caller's data (which is bounded before it is
  rendered) is measured before it is turned into text, so a list holding one long text many
  times is refused before it is printed.
* **A bounded render.** Loop iterations and macro calls are counted (weighted by the pieces of
  output each one makes), every value made and every piece of output is charged to the render's
  budget, and the wall clock is read at each of these points: a render stops at the first of
  :attr:`RenderLimits.steps`, :attr:`RenderLimits.output` and :attr:`RenderLimits.seconds`. The
  output is checked as it streams, a few pieces at a time, and a block whose output is kept (a
  macro, a ``{% set %}`` block) is charged piece by piece. No signal or thread is used, so this
  works in any thread; an operation already running is not interrupted, but the size limits bound
  each one.

Exceeding a limit, like any error raised by a template's expressions (``1/0``, an unknown name, a
type error), ends the render with a :class:`RenderFailure` that says why in Chinese and carries the
template line it happened on. Values are always XML-escaped (``autoescape``) and an unknown name is
an error (``StrictUndefined``).

How: the environment intercepts the binary operators (``call_binop``), wraps every filter, test and
global with a checking function, overrides ``call``, ``concat`` and ``str.format``, and rewrites
each template's syntax tree before generating its code: ``~``, literals and printed values pass
through checks, and a counting step opens every loop body, macro and call block. The checks cost
the official template about 15 µs of a 0.85 ms render: its printed values are all the caller's
data, so only the loop counting and the stream check run. A
render's budget is held in a :class:`contextvars.ContextVar`, opened by :func:`limited` (one
document) or by a template's own ``render``. The unary operators are not intercepted: they cannot
make a value larger.
"""

from __future__ import annotations

import collections
import contextvars
import itertools
import operator
import re
import time
import types
from collections.abc import (
    Callable,
    ItemsView,
    Iterable,
    Iterator,
    KeysView,
    Mapping,
    Sequence,
    ValuesView,
)
from string import Formatter
from typing import Any, Final, NoReturn

import attrs
import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context, Undefined, markup_join, str_join
from jinja2.sandbox import MAX_RANGE, SandboxedEnvironment, SandboxedFormatter
from jinja2.tests import test_lower, test_upper
from jinja2.utils import Namespace, generate_lorem_ipsum
from jinja2.visitor import NodeTransformer
from markupsafe import EscapeFormatter, Markup

__all__ = [
    "DEFAULT_RENDER_LIMITS",
    "RefusedTagError",
    "RenderFailure",
    "RenderLimits",
    "TemplateEnvironment",
    "environment",
    "limited",
]


@attrs.frozen
class RenderLimits:
    """How much one render may make and how long it may take; far above any real report.

    The largest legitimate values are a report's texts (at most 50 000 characters each, six times
    that once XML-escaped) and the whole document (a few million characters).
    """

    value: int = 2**20
    """Characters or items (nested ones included) of any one value an expression makes."""
    int_bits: int = 2**13
    """Bits of any integer an expression makes (about 2 500 decimal digits)."""
    output: int = 2**24
    """Characters a render may make in all, beyond the length of the template's own text."""
    steps: int = 2**19
    """Loop iterations and macro calls, each weighted by the pieces of output it makes."""
    seconds: float = 10.0
    """Wall-clock time of one render (one document, all its parts)."""


DEFAULT_RENDER_LIMITS: Final = RenderLimits()

# Internal filters the syntax-tree rewrite inserts; no template can name them (not identifiers).
_STEP: Final = "gpr-docx:step"
_CONCAT: Final = "gpr-docx:concat"
_VALUE: Final = "gpr-docx:value"
_PRINTED: Final = "gpr-docx:printed"
_BUFFERED: Final = "gpr-docx:buffered"
_CLOCK: Final = "gpr-docx:clock"
# Pieces of a render's output checked at a time as they stream. Values that are not the caller's
# data are charged as they are printed, so the output can overshoot its limit by at most this many
# of the data's values (each at most a text of the report, escaped).
_STREAM_BATCH: Final = 64


# -- failures -----------------------------------------------------------------------------------


class _Stopped(Exception):
    """A template was stopped by the sandbox: ``reason`` says why, in Chinese."""

    exceeded = False

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _LimitExceeded(_Stopped):
    exceeded = True

    def __init__(self, reason: str, *, partial: bool = False) -> None:
        super().__init__(reason)
        self.partial = partial
        """The reason lacks its subject (a filter's or method's estimate): the caller adds it."""


class _NotAllowed(_Stopped):
    pass


class RenderFailure(jinja2.TemplateRuntimeError):
    """A template failed while rendering: a limit was exceeded, or one of its expressions raised.

    ``reason`` says why in Chinese; ``lineno`` is the template line (None if unknown);
    ``exceeded`` is true for a limit (size, steps, output, time), false for an error in the
    template's expressions. The original exception is the ``__cause__``.
    """

    def __init__(self, reason: str, *, lineno: int | None, exceeded: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.lineno = lineno
        self.exceeded = exceeded


class RefusedTagError(jinja2.TemplateSyntaxError):
    """A tag no template may use (``include``, ``import``, ``extends``), found when compiling."""


# Python's exceptions, by what they mean in a template (the first that matches is used).
_REASONS: Final[tuple[tuple[type[BaseException], str], ...]] = (
    (SecurityError, "模板不能访问 Python 内部的属性或调用不安全的函数"),
    (ZeroDivisionError, "除数为零"),
    (OverflowError, "数值超出可以计算的范围"),
    (RecursionError, "宏或循环的递归层数过多"),
    (MemoryError, "内存不足"),
    (TypeError, "值的类型不适合这个运算（例如对文字做算术、调用不能调用的值）"),
    (ValueError, "值无效（例如把不是数字的文字当作数字）"),
    (LookupError, "要取的项不存在"),
    (AttributeError, "没有这个属性"),
)


def _reason(exc: BaseException) -> str:
    """Why a template's expression failed, in Chinese, without Python's own wording."""
    if isinstance(exc, _Stopped):
        return exc.reason
    if isinstance(exc, jinja2.UndefinedError):
        text = str(exc)
        if found := re.search(r"'([^']{1,80})' is undefined", text):
            return f"名称 {found.group(1)} 没有定义（数据中没有这一项）"
        if found := re.search(r"has no (?:attribute|element) '?([^']{1,80}?)'?$", text):
            return f"数据中没有 {found.group(1)} 这一项"
        return "用到了没有定义的值"
    return next((reason for kind, reason in _REASONS if isinstance(exc, kind)), "模板运行出错")


def _template_line(exc: BaseException, template: jinja2.Template) -> int | None:
    """The line of ``template`` the innermost of its frames in ``exc``'s traceback was running."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_globals.get("__jinja_template__") is template:
            line = template.get_corresponding_lineno(tb.tb_lineno)
        tb = tb.tb_next
    return line


# -- the budget of one render -------------------------------------------------------------------


class _Budget:
    """What one render has used so far, against its limits."""

    __slots__ = ("deadline", "limits", "output", "output_cap", "steps")

    def __init__(self, limits: RenderLimits, template_size: int) -> None:
        self.limits = limits
        self.deadline = time.monotonic() + limits.seconds
        self.steps = 0
        self.output = 0
        self.output_cap = limits.output + template_size

    def step(self, weight: int) -> None:
        self.steps += weight
        if self.steps > self.limits.steps:
            raise _LimitExceeded(f"循环次数或宏调用过多（上限 {self.limits.steps:,}）")
        self.clock()

    def overrun(self) -> NoReturn:
        """Raise for the steps or the clock (called once either is past its limit)."""
        self.step(0)
        raise AssertionError("a budget overrun without an exceeded limit")  # pragma: no cover

    def spend(self, characters: int) -> None:
        self.output += characters
        if self.output > self.output_cap:
            raise _LimitExceeded(
                f"生成的内容过多（上限：模板本身的文字另加 {self.limits.output:,} 个字符）"
            )
        self.clock()

    def clock(self) -> None:
        if time.monotonic() > self.deadline:
            raise _LimitExceeded(f"渲染超过 {self.limits.seconds:g} 秒")


_ACTIVE: Final[contextvars.ContextVar[_Budget | None]] = contextvars.ContextVar(
    "gpr_docx_render_budget", default=None
)


class limited:
    """Render within one budget: every template rendered inside shares it (one document).

    Inside another ``limited`` block, the outer budget goes on counting. ``template_size`` (the
    length of the template's own text) is added to :attr:`RenderLimits.output`.
    """

    __slots__ = ("_limits", "_template_size", "_token")

    def __init__(self, limits: RenderLimits | None = None, *, template_size: int = 0) -> None:
        self._limits = limits or DEFAULT_RENDER_LIMITS
        self._template_size = template_size
        self._token: contextvars.Token[_Budget | None] | None = None

    def __enter__(self) -> None:
        if _ACTIVE.get() is None:
            self._token = _ACTIVE.set(_Budget(self._limits, self._template_size))

    def __exit__(self, *_exc: object) -> None:
        if self._token is not None:
            _ACTIVE.reset(self._token)
            self._token = None


def _limits() -> RenderLimits:
    budget = _ACTIVE.get()
    return DEFAULT_RENDER_LIMITS if budget is None else budget.limits


def _spend(characters: int) -> None:
    budget = _ACTIVE.get()
    if budget is not None:
        budget.spend(characters)


# -- measuring values ---------------------------------------------------------------------------


def _too_big(what: str, limit: int) -> NoReturn:
    """``what`` names the value (``运算 * 的结果``); empty, the caller names it."""
    raise _LimitExceeded(f"{what}过大（上限 {limit:,} 个字符或元素）", partial=not what)


_CONTAINERS: Final = (
    list,
    tuple,
    set,
    frozenset,
    collections.deque,
    KeysView,
    ValuesView,
    ItemsView,
)


def _own_size(item: object, nested: bool) -> tuple[int, Iterable[object]]:
    """The characters ``item`` prints besides its contents, and its contents."""
    if isinstance(item, str):
        return len(item) + (2 if nested else 0), ()
    if isinstance(item, bytes | bytearray):
        return 4 * len(item) + 3, ()
    if isinstance(item, Mapping | Namespace):
        entries: Mapping[Any, Any] = (
            item if isinstance(item, Mapping) else getattr(item, "_Namespace__attrs", {})
        )
        return 2 + 4 * len(entries), (part for entry in entries.items() for part in entry)
    if isinstance(item, _CONTAINERS):
        return 2 + 2 * len(item), item
    return _scalar_size(item), ()


def _scalar_size(item: object) -> int:
    if isinstance(item, bool) or item is None:
        return 5
    if isinstance(item, int):
        return item.bit_length() // 3 + 2
    if isinstance(item, float | complex):
        return 48
    if isinstance(item, Undefined):
        return 0
    return 100  # functions, loops, generators, ranges …: short representations


def _shape(value: object, what: str) -> tuple[int, int, int]:
    """About how many characters ``str(value)`` has (never fewer), how many items it holds, and
    how deeply they nest; stops with a limit error as soon as the size is over the value limit.

    Containers are walked, never printed, so a list holding one long text many times is measured
    without being made; a list that holds itself is refused (its walk only grows). A list of only
    texts or only integers is measured at once. (A text inside a list prints as its ``repr``, at
    most ten times longer for control characters: a bounded factor.)
    """
    limit = _limits().value
    size = items = depth = 0
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, level = stack.pop()
        items += 1
        depth = max(depth, level)
        own, contents = _own_size(item, level > 1)
        size += own
        if size > limit:
            _too_big(what, limit)
        flat = _flat_size(contents)
        if flat is None:
            stack.extend((entry, level + 1) for entry in contents)
        else:
            size += flat
            items += len(contents)  # type: ignore[arg-type]
            depth = max(depth, level + 1)
            if size > limit:
                _too_big(what, limit)
    return size, items, depth


def _flat_size(contents: Iterable[object]) -> int | None:
    """The printed size of a list's items if all are texts or all integers, else None."""
    if not isinstance(contents, list | tuple) or len(contents) < 8:
        return None
    kinds = set(map(type, contents))
    if kinds <= {str}:
        return sum(map(len, contents)) + 2 * len(contents)
    if kinds <= {int}:
        # digits ≤ 0.30103 × bits + 1, and a sign
        return sum(map(int.bit_length, contents)) * 302 // 1000 + 2 * len(contents)
    return None


def _size(value: object, what: str) -> int:
    """:func:`_shape`'s size: at most the value limit, else a limit error."""
    if type(value) is str:
        if len(value) > _limits().value:
            _too_big(what, _limits().value)
        return len(value)
    return _shape(value, what)[0]


def _within(estimate: int, what: str) -> None:
    limit = _limits().value
    if estimate > limit:
        _too_big(what, limit)


def _made(value: object, what: str) -> None:
    """Check a value an operation made and charge it to the render's budget (which reads the
    clock: every operation that can take long ends here)."""
    kind = type(value)
    if kind is int:
        _check_int(value.bit_length(), what)  # type: ignore[attr-defined]
    _spend(
        0 if kind is bool or kind is float or kind is int or value is None else _size(value, what)
    )


def _check_int(bits: int, what: str) -> None:
    limit = _limits().int_bits
    if bits > limit:
        raise _LimitExceeded(f"{what}是过大的整数（上限 {limit:,} 位二进制）", partial=not what)


def _int(value: object) -> int:
    """``value`` as an integer for an estimate; 0 if it is none (the call itself will then fail)."""
    try:
        return operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        return 0


def _is_int(value: object) -> bool:
    return isinstance(value, int)


# -- operators ----------------------------------------------------------------------------------

_SEQUENCES: Final = (str, bytes, bytearray, list, tuple)


def _check_binop(op: str, left: Any, right: Any) -> None:
    """Refuse, before computing it, a result of ``left op right`` over the limits."""
    what = f"运算 {op} 的结果"
    if op == "*":
        if _is_int(left) and _is_int(right):
            _check_int(left.bit_length() + right.bit_length(), what)
        elif isinstance(left, _SEQUENCES) and _is_int(right):
            _within(_size(left, what) * max(right, 0), what)
        elif isinstance(right, _SEQUENCES) and _is_int(left):
            _within(_size(right, what) * max(left, 0), what)
    elif op == "**":
        if _is_int(left) and _is_int(right) and right > 0 and abs(left) > 1:
            _check_int(abs(left).bit_length() * right, what)
    elif op == "+":
        if _is_int(left) and _is_int(right):
            _check_int(max(left.bit_length(), right.bit_length()) + 1, what)
        elif isinstance(left, _SEQUENCES) and isinstance(right, _SEQUENCES):
            escaped = 6 if isinstance(left, Markup) or isinstance(right, Markup) else 1
            _within(escaped * (_size(left, what) + _size(right, what)), what)
    elif op == "%" and isinstance(left, str | bytes):
        _within(_printf_size(left, right, what), what)


_PRINTF: Final = re.compile(r"%(?:\([^)]*\))?[#0 +\-]*(\*|\d+)?(?:\.(\*|\d*))?[hlL]?(.)?", re.S)


def _printf_size(template: str | bytes, arguments: object, what: str) -> int:
    """An upper bound of ``len(template % arguments)`` (``%`` formatting, the ``format`` filter)."""
    if isinstance(arguments, Mapping):
        values: list[object] = list(arguments.values())
    elif isinstance(arguments, tuple):
        values = list(arguments)
    else:
        values = [arguments]
    escaped = 6 if isinstance(template, Markup) else 1
    biggest = max((_size(v, what) for v in values), default=0) * escaped
    stars = max((abs(v) for v in values if isinstance(v, int)), default=0)
    pattern = template if isinstance(template, str) else template.decode("latin-1")
    total = len(template)
    for found in _PRINTF.finditer(pattern):
        width, precision = found.group(1), found.group(2)
        total += stars if width == "*" else _int_of(width)
        total += stars if precision == "*" else _int_of(precision)
        total += biggest + 330  # a float's digits
        _within(total, what)
    return total


def _int_of(digits: str | None) -> int:
    if not digits:
        return 0
    if len(digits) > 20:
        return 2**64
    return int(digits)


# -- str.format ---------------------------------------------------------------------------------


class _FieldsWithin(Formatter):
    """A formatter that measures each field before formatting it and the result as it grows."""

    _total = 0

    def vformat(self, format_string: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> str:
        self._total = len(format_string)
        return super().vformat(format_string, args, kwargs)

    def format_field(self, value: Any, format_spec: str) -> Any:
        what = "format() 的结果"
        numbers = re.findall(r"\d+", format_spec)
        widths = sum(2**64 if len(n) > 20 else int(n) for n in numbers)
        _within(_size(value, what) + widths + 330, what)
        result = super().format_field(value, format_spec)
        self._total += len(result)
        _within(self._total, what)
        _spend(len(result))
        return result


class _BoundedFormatter(_FieldsWithin, SandboxedFormatter):
    pass


class _BoundedEscapeFormatter(_FieldsWithin, SandboxedFormatter, EscapeFormatter):
    pass


# -- methods ------------------------------------------------------------------------------------

_STRING_METHODS: Final = frozenset(
    [
        "capitalize",
        "casefold",
        "center",
        "count",
        "encode",
        "endswith",
        "expandtabs",
        "find",
        "format",
        "format_map",
        "index",
        "isalnum",
        "isalpha",
        "isascii",
        "isdecimal",
        "isdigit",
        "isidentifier",
        "islower",
        "isnumeric",
        "isprintable",
        "isspace",
        "istitle",
        "isupper",
        "join",
        "ljust",
        "lower",
        "lstrip",
        "maketrans",
        "partition",
        "removeprefix",
        "removesuffix",
        "replace",
        "rfind",
        "rindex",
        "rjust",
        "rpartition",
        "rsplit",
        "rstrip",
        "split",
        "splitlines",
        "startswith",
        "strip",
        "swapcase",
        "title",
        "translate",
        "upper",
        "zfill",
        "unescape",
        "striptags",
        "escape",
    ]
)
_BYTES_METHODS: Final = frozenset(
    name
    for name in _STRING_METHODS
    if hasattr(bytes, name) and name not in {"translate", "maketrans"}
) | {"decode", "fromhex", "hex"}
"""The string methods bytes share (not ``translate``, whose table may be any size), and bytes' own."""
_METHODS: Final[tuple[tuple[type | tuple[type, ...], frozenset[str]], ...]] = (
    (str, _STRING_METHODS),
    ((bytes, bytearray), _BYTES_METHODS),
    (
        list,
        frozenset(
            [
                "append",
                "clear",
                "copy",
                "count",
                "extend",
                "index",
                "insert",
                "pop",
                "remove",
                "reverse",
                "sort",
            ]
        ),
    ),
    (
        dict,
        frozenset(
            [
                "clear",
                "copy",
                "fromkeys",
                "get",
                "items",
                "keys",
                "pop",
                "popitem",
                "setdefault",
                "update",
                "values",
            ]
        ),
    ),
    (
        (set, frozenset),
        frozenset(
            [
                "add",
                "clear",
                "copy",
                "difference",
                "difference_update",
                "discard",
                "intersection",
                "intersection_update",
                "isdisjoint",
                "issubset",
                "issuperset",
                "pop",
                "remove",
                "symmetric_difference",
                "symmetric_difference_update",
                "union",
                "update",
            ]
        ),
    ),
    (tuple, frozenset({"count", "index"})),
    (
        int,
        frozenset(
            ["as_integer_ratio", "bit_count", "bit_length", "conjugate", "from_bytes", "is_integer"]
        )
        | {"to_bytes"},
    ),
    (float, frozenset(["as_integer_ratio", "conjugate", "fromhex", "hex", "is_integer"])),
    (range, frozenset({"count", "index"})),
    ((KeysView, ValuesView, ItemsView), frozenset({"isdisjoint"})),
)
# Methods that grow the object they are called on: it is measured after the call.
_GROWING: Final = frozenset({"append", "extend", "insert", "update", "setdefault", "add"})


def _allowed_methods(receiver: object) -> frozenset[str] | None:
    """The methods that may be called on ``receiver`` (a value or a class), None if any may."""
    for kinds, names in _METHODS:
        if isinstance(receiver, kinds) or (
            isinstance(receiver, type) and issubclass(receiver, kinds)
        ):
            return names
    return None


def _argument(args: tuple[Any, ...], kwargs: Mapping[str, Any], index: int, name: str) -> Any:
    if len(args) > index:
        return args[index]
    return kwargs.get(name)


_MethodEstimate = Callable[[Any, tuple[Any, ...], Mapping[str, Any]], tuple[int, tuple[Any, ...]]]


def _padded(text: Any, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> tuple[int, tuple[Any, ...]]:  # fmt: skip
    return max(len(text), _int(_argument(args, kwargs, 0, "width"))), args


def _tabs(text: Any, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> tuple[int, tuple[Any, ...]]:  # fmt: skip
    tabsize = _argument(args, kwargs, 0, "tabsize")
    tabs = text.count("\t" if isinstance(text, str) else b"\t")
    return len(text) + tabs * max(_int(8 if tabsize is None else tabsize), 0), args


def _replaced(text: Any, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> tuple[int, tuple[Any, ...]]:  # fmt: skip
    old, new, count = (*args, None, None, None)[:3]
    if not isinstance(old, type(text)) or not isinstance(new, str | bytes | bytearray):
        return len(text), args  # the call fails on its own
    times = text.count(old) if old else len(text) + 1
    if count is not None and _int(count) >= 0:
        times = min(times, _int(count))
    escaped = 6 if isinstance(text, Markup) else 1
    return len(text) + times * escaped * _size(new, ""), args


def _joined(text: Any, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> tuple[int, tuple[Any, ...]]:  # fmt: skip
    if not args:
        return len(text), args
    items = list(args[0])
    escaped = 6 if isinstance(text, Markup) else 1
    total = sum(_size(item, "") for item in items) * escaped
    return total + max(len(items) - 1, 0) * len(text), (items, *args[1:])


def _translated(text: Any, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> tuple[int, tuple[Any, ...]]:  # fmt: skip
    if not args or not isinstance(text, str):
        return len(text), args  # bytes.translate maps a byte to a byte
    table = args[0]
    entries = table.values() if isinstance(table, Mapping) else table
    longest = max((len(e) for e in entries if isinstance(e, str)), default=1)
    return len(text) * max(longest, 1), args


def _encoded(text: Any, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> tuple[int, tuple[Any, ...]]:  # fmt: skip
    return 4 * len(text), args


def _tags_stripped(text: Any, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> tuple[int, tuple[Any, ...]]:  # fmt: skip
    _check_striptags(text, "")
    return len(text), args


def _escaped(_cls: Any, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> tuple[int, tuple[Any, ...]]:  # fmt: skip
    return 6 * _size(_argument(args, kwargs, 0, "s"), ""), args


def _extended(items: Any, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> tuple[int, tuple[Any, ...]]:  # fmt: skip
    if not args:
        return 0, args
    added = list(args[0])
    return _size(items, "") + _size(added, ""), (added,)


def _appended(items: Any, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> tuple[int, tuple[Any, ...]]:  # fmt: skip
    return _size(items, "") + (_size(args[-1], "") if args else 0), args


def _keyed(_cls: Any, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> tuple[int, tuple[Any, ...]]:  # fmt: skip
    if not args:
        return 0, args
    keys = list(args[0])
    value = _argument(args, kwargs, 1, "value")
    return len(keys) * (_size(value, "") + 4), (keys, *args[1:])


def _byte_count(_number: Any, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> tuple[int, tuple[Any, ...]]:  # fmt: skip
    return _int(_argument(args, kwargs, 0, "length") or 1), args


_TEXT_METHOD_ESTIMATES: Final[Mapping[str, _MethodEstimate]] = {
    "center": _padded,
    "ljust": _padded,
    "rjust": _padded,
    "zfill": _padded,
    "expandtabs": _tabs,
    "replace": _replaced,
    "join": _joined,
    "translate": _translated,
    "encode": _encoded,
    "hex": _encoded,
    "striptags": _tags_stripped,
}
_OTHER_METHOD_ESTIMATES: Final[Mapping[str, _MethodEstimate]] = {
    "escape": _escaped,  # Markup.escape, a class method
    "extend": _extended,
    "append": _appended,
    "insert": _appended,
    "fromkeys": _keyed,
    "to_bytes": _byte_count,
}


def _method_call(
    method: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[tuple[Any, ...], object | None]:
    """Check a call of a method of a built-in value before it runs.

    Returns the arguments to call it with (an iterable argument made a list, so that it can be
    measured and still be used) and the object to measure after the call (one the call grows).
    """
    receiver = getattr(method, "__self__", None)
    if receiver is None or not isinstance(method, types.BuiltinMethodType | types.MethodType):
        return args, None
    allowed = _allowed_methods(receiver)
    if allowed is None:
        return args, None
    name = getattr(method, "__name__", "")
    if name not in allowed:
        raise _NotAllowed(f"模板不能调用 {name}()")
    what = f"{name}() 的结果"
    textual = isinstance(receiver, str | bytes | bytearray)
    estimate = (_TEXT_METHOD_ESTIMATES if textual else _OTHER_METHOD_ESTIMATES).get(name)
    if estimate is not None:
        try:
            estimated, args = estimate(receiver, args, kwargs)
        except _LimitExceeded as exc:
            raise _LimitExceeded(what + exc.reason if exc.partial else exc.reason) from None
        _within(estimated, what)
    grown = receiver if name in _GROWING and not isinstance(receiver, type) else None
    return args, grown


def _check_striptags(text: object, what: str) -> None:
    """``striptags`` rebuilds the text once per tag it removes: bound that work too."""
    size = _size(text, what)
    tags = str(text).count("<")
    if tags * size > 64 * _limits().value:
        raise _LimitExceeded("striptags 要去除的标记过多")


# -- filters, tests and globals -----------------------------------------------------------------

_Estimate = Callable[..., int]


def _scaled(factor: int) -> _Estimate:
    def estimate(value: object, *_args: object, **_kwargs: object) -> int:
        return factor * _size(value, "")

    return estimate


def _center(value: object, width: object = 80) -> int:
    return max(_size(value, ""), _int(width))


def _indent(s: object, width: object = 4, first: object = False, blank: object = False) -> int:
    size = _size(s, "")
    indent = len(width) if isinstance(width, str) else max(_int(width), 0)
    return size + (str(s).count("\n") + 1) * indent


def _wordwrap(
    s: object,
    width: object = 79,
    break_long_words: object = True,
    wrapstring: object = None,
    break_on_hyphens: object = True,
) -> int:
    size = _size(s, "")
    separator = len(wrapstring) if isinstance(wrapstring, str) else 2
    return size + (size + 1) * separator  # at worst a line per character


def _replace(s: object, old: object, new: object, count: object = None) -> int:
    text, old_text, new_size = str(_checked(s)), str(_checked(old)), _size(new, "")
    times = text.count(old_text) if old_text else len(text) + 1
    if count is not None and _int(count) >= 0:
        times = min(times, _int(count))
    return 6 * (len(text) + times * new_size)  # 6: both may be XML-escaped


def _checked(value: object) -> object:
    _size(value, "")
    return value


def _truncate(s: object, length: object = 255, killwords: object = False, end: object = "...", leeway: object = None) -> int:  # fmt: skip
    return _size(s, "") + _size(end, "")


def _format(value: object, *args: object, **kwargs: object) -> int:
    return _printf_size(str(_checked(value)), kwargs or args, "")


def _batch(value: object, linecount: object, fill_with: object = None) -> int:
    return _int(linecount) + _size(fill_with, "")


def _slice(value: object, slices: object, fill_with: object = None) -> int:
    return _int(slices) + _size(fill_with, "")


def _urlize(value: object, *args: object, **kwargs: object) -> int:
    size = _size(value, "")
    target = _argument(args, kwargs, 2, "target") or ""
    rel = _argument(args, kwargs, 3, "rel") or ""
    per_link = 60 + _size(target, "") + _size(rel, "")
    return 3 * size + (size // 4 + 1) * per_link  # a link takes at least four characters


def _tojson(value: object, indent: object = None) -> int:
    size, items, depth = _shape(value, "")
    step = len(indent) if isinstance(indent, str) else max(_int(indent), 0)
    return 6 * size + items * (depth * step + 2)


def _pprint(value: object) -> int:
    size, items, depth = _shape(value, "")
    return 2 * size + items * (depth + 2)


def _xmlattr(d: object, autospace: object = True) -> int:
    size, items, _depth = _shape(d, "")
    return 6 * size + 8 * items


def _striptags(value: object) -> int:
    _check_striptags(value, "")
    return _size(value, "")


_FILTER_ESTIMATES: Final[Mapping[str, _Estimate]] = {
    "batch": _batch,
    "capitalize": _scaled(3),
    "center": _center,
    "e": _scaled(6),
    "escape": _scaled(6),
    "forceescape": _scaled(6),
    "format": _format,
    "indent": _indent,
    "lower": _scaled(3),
    "pprint": _pprint,
    "replace": _replace,
    "safe": _scaled(1),
    "slice": _slice,
    "string": _scaled(1),
    "striptags": _striptags,
    "title": _scaled(3),
    "tojson": _tojson,
    "trim": _scaled(1),
    "truncate": _truncate,
    "upper": _scaled(3),
    "urlencode": _scaled(9),
    "urlize": _urlize,
    "wordcount": _scaled(1),
    "wordwrap": _wordwrap,
    "xmlattr": _xmlattr,
}
# Filters that consume an iterable: it is made a list first, to be measured and still be used.
_GATHERING: Final = frozenset({"join", "sum"})


def _join_estimate(items: list[Any], d: object = "", attribute: object = None) -> int:
    escaped = 6 if any(hasattr(item, "__html__") for item in items) or hasattr(d, "__html__") else 1
    total = sum(_size(item, "") for item in items) * escaped
    return total + max(len(items) - 1, 0) * _size(d, "") * escaped


def _sum_estimate(items: list[Any], attribute: object = None, start: object = 0) -> int:
    """Adding lists copies the running total each time: bound the copying, not only the result."""
    if not isinstance(start, _SEQUENCES) and not any(isinstance(i, _SEQUENCES) for i in items):
        return 0
    running = work = _size(start, "")
    for item in items:
        running += _size(item, "")
        work += running
        if work > 16 * _limits().value:
            raise _LimitExceeded("sum 要复制的内容过多")
    return running


def _filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` (a Jinja filter) with its result estimated before and measured after.

    The wrapper takes the context, which also keeps Jinja from running it while compiling.
    """
    passes = getattr(getattr(function, "jinja_pass_arg", None), "name", None)
    estimate = _FILTER_ESTIMATES.get(name)
    what = f"过滤器 {name} 的结果"

    @jinja2.pass_context
    def bounded(context: Context, value: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            if name in _GATHERING and not isinstance(value, Undefined):
                value = list(value)
                gathered = _join_estimate if name == "join" else _sum_estimate
                estimated = gathered(value, *args, **kwargs)
            else:
                estimated = 0 if estimate is None else estimate(value, *args, **kwargs)
        except _LimitExceeded as exc:
            raise _LimitExceeded(what + exc.reason if exc.partial else exc.reason) from None
        _within(estimated, what)
        if passes == "context":
            result = function(context, value, *args, **kwargs)
        elif passes == "eval_context":
            result = function(context.eval_ctx, value, *args, **kwargs)
        elif passes == "environment":
            result = function(context.environment, value, *args, **kwargs)
        else:
            result = function(value, *args, **kwargs)
        _made(result, what)
        return result

    bounded.__name__ = bounded.__qualname__ = getattr(function, "__name__", name)
    return bounded


def _step(context: Context, weight: int) -> str:
    """Counted at the start of every loop iteration, macro call and call block (inlined: this
    runs for every paragraph of a report)."""
    budget = _ACTIVE.get()
    if budget is not None:
        budget.steps += weight
        if budget.steps > budget.limits.steps or time.monotonic() > budget.deadline:
            budget.overrun()
    return ""


def _concat(eval_ctx: nodes.EvalContext, values: tuple[Any, ...]) -> str:
    """``a ~ b ~ …`` as Jinja computes it, once the result is known to be within the limit."""
    escaped = 6 if any(hasattr(v, "__html__") for v in values) else 1
    _within(escaped * sum(_size(v, "~ 拼接的结果") for v in values), "~ 拼接的结果")
    join = markup_join if eval_ctx.volatile or eval_ctx.autoescape else str_join
    result: str = join(values)
    _spend(len(result))
    return result


def _value(value: Any) -> Any:
    """A list, tuple or dict literal, or a slice (a copy), measured."""
    _made(value, "列表、字典或切片")
    return value


def _clocked(value: Any) -> Any:
    """After a comparison or test: Jinja runs them itself, and comparing two large lists takes a
    while, so the clock is read here too."""
    budget = _ACTIVE.get()
    if budget is not None:
        budget.clock()
    return value


def _buffered(value: Any) -> Any:
    """A value printed inside a block whose output is kept rather than streamed (a macro, a
    ``{% set %}`` block, a call or filter block): charged as it is made, as Jinja copies each one
    when it escapes it, and no stream check sees the block's output before it is joined."""
    _spend(len(value) if isinstance(value, str) else _size(value, "要输出的值"))
    return value


def _printed(value: Any) -> Any:
    """A value printed by ``{{ … }}`` that is not the caller's data: charged as it is printed
    (Jinja copies it when it escapes it), and measured before Jinja turns it into text if it is not
    one (a list holding one long text many times is small until printed)."""
    _spend(len(value) if isinstance(value, str) else _size(value, "要输出的值"))
    return value


def _range(*args: Any) -> range:
    numbers = range(*args)
    try:
        too_long = len(numbers) > MAX_RANGE
    except OverflowError:
        too_long = True
    if too_long:
        raise _LimitExceeded(f"range() 最多生成 {MAX_RANGE:,} 个数")
    return numbers


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    _within(_int(n) * _int(max) * 16 + 64, "lipsum() 的结果")
    return generate_lorem_ipsum(n, html, min, max)


def _text_test(test: Callable[..., Any], name: str) -> Callable[[Any], bool]:
    """The ``lower``/``upper`` tests turn their value into text: measure it first."""

    def bounded(value: Any) -> bool:
        _size(value, f"测试 {name} 的值")
        return bool(test(value))

    return bounded


# -- the syntax-tree rewrite --------------------------------------------------------------------

_REFUSED: Final[tuple[tuple[type[nodes.Node], str], ...]] = (
    (nodes.Extends, "{% extends %}"),
    (nodes.Include, "{% include %}"),
    (nodes.FromImport, "{% from … import %}"),
    (nodes.Import, "{% import %}"),
)
_UNESCAPED: Final = (
    "自定义模板不能关闭转义（|safe、{% autoescape false %}）：数据中的文字总是原样显示"
)


def _refused(tree: nodes.Template) -> tuple[str, int] | None:
    """What no template may use, and its line: tags that read other files, or unescaped values."""
    for kind, tag in _REFUSED:
        for node in tree.find_all(kind):
            return f"自定义模板不能使用 {tag} 标签（模板不能读取其他文件）", node.lineno
    for found in tree.find_all((nodes.Filter, nodes.MarkSafe, nodes.MarkSafeIfAutoescape)):
        if not isinstance(found, nodes.Filter) or found.name == "safe":
            return _UNESCAPED, found.lineno
    for modifier in tree.find_all(nodes.EvalContextModifier):
        for option in modifier.options:
            if option.key == "autoescape" and not (
                isinstance(option.value, nodes.Const) and option.value.value is True
            ):
                return _UNESCAPED, modifier.lineno
    return None


def _safe(value: object) -> NoReturn:
    """The ``safe`` filter, should a template name it at run time (``map('safe')``)."""
    raise _NotAllowed(_UNESCAPED)


def _pieces(body: Iterable[nodes.Node]) -> int:
    """The pieces of output one pass through ``body`` can make (inner loops and macros count
    their own)."""
    count = 0
    stack = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, nodes.Output):
            count += len(node.nodes)
        elif isinstance(node, nodes.CallBlock | nodes.Block):
            count += 1  # the call's or block's output; its body counts its own
        if isinstance(node, nodes.For):
            stack.extend(node.else_)
        elif not isinstance(node, nodes.Macro | nodes.CallBlock | nodes.Block):
            stack.extend(node.iter_child_nodes())
    return max(count, 1)


# Names Jinja binds itself inside loops, macros and call blocks.
_RUNTIME_NAMES: Final = frozenset({"loop", "varargs", "kwargs", "caller"})


def _data_reference(node: nodes.Node, data: frozenset[str] | set[str]) -> bool:
    """True if ``node`` is ``name``, ``name.a.b`` or ``name['a']`` for a name in ``data``."""
    while isinstance(node, nodes.Getattr | nodes.Getitem):
        if isinstance(node, nodes.Getitem) and not isinstance(node.arg, nodes.Const):
            return False
        node = node.node
    return isinstance(node, nodes.Name) and node.name in data


def _data_names(tree: nodes.Template) -> frozenset[str]:
    """Names whose value is always the caller's data, or an item of it.

    A name the template never sets is the caller's (or a global function); a loop variable is
    an item of the data if every loop that sets it runs over the data and nothing else sets it.
    Printing such a value needs no check: the data is bounded before it is rendered.
    """
    loaded = {n.name for n in tree.find_all(nodes.Name) if n.ctx == "load"}
    stores = [n for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")]
    macros = {m.name for m in tree.find_all(nodes.Macro)}
    loops = list(tree.find_all(nodes.For))
    by_loop = {id(loop.target) for loop in loops if isinstance(loop.target, nodes.Name)}
    stored_elsewhere = {n.name for n in stores if id(n) not in by_loop} | macros | _RUNTIME_NAMES
    data = {name for name in loaded if name not in {n.name for n in stores}} - stored_elsewhere
    candidates = {n.name for n in stores if id(n) in by_loop} - stored_elsewhere
    changed = True
    while changed:  # a loop over a loop variable that is data gives data too
        changed = False
        for name in candidates - data:
            sources = [loop.iter for loop in loops if getattr(loop.target, "name", None) == name]
            if all(_data_reference(source, data) for source in sources):
                data.add(name)
                changed = True
    return frozenset(data)


class _Guard(NodeTransformer):
    """Rewrites a template's syntax tree so that its code checks itself (see the module doc)."""

    def __init__(self, tree: nodes.Template) -> None:
        self.data = _data_names(tree)
        self.buffered = 0  # inside how many blocks whose output is kept, not streamed

    def visit_Output(self, node: nodes.Output) -> nodes.Node:
        """Values printed in a kept block are charged; elsewhere, a value that is not the data's is
        measured (the streamed output is checked as it goes, see ``concat``)."""
        self.generic_visit(node)
        node.nodes = [
            self._filtered(child, _BUFFERED)
            if self.buffered and not isinstance(child, nodes.TemplateData)
            else child
            if isinstance(child, nodes.TemplateData) or _data_reference(child, self.data)
            else self._filtered(child, _PRINTED)
            for child in node.nodes
        ]
        return node

    def _kept(self, node: nodes.Node) -> nodes.Node:
        self.buffered += 1
        try:
            self.generic_visit(node)
        finally:
            self.buffered -= 1
        return node

    def visit_AssignBlock(self, node: nodes.AssignBlock) -> nodes.Node:
        return self._kept(node)

    def visit_FilterBlock(self, node: nodes.FilterBlock) -> nodes.Node:
        return self._kept(node)

    def _filtered(self, node: nodes.Expr, name: str) -> nodes.Filter:
        return nodes.Filter(node, name, [], [], None, None, lineno=node.lineno)

    def _counted(self, node: nodes.For | nodes.Macro | nodes.CallBlock | nodes.Block) -> None:
        weight = nodes.Const(_pieces(node.body), lineno=node.lineno)
        step = nodes.ExprStmt(self._filtered(weight, _STEP), lineno=node.lineno)
        node.body.insert(0, step)

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        self._counted(node)
        return node

    def visit_Macro(self, node: nodes.Macro) -> nodes.Node:
        self._kept(node)
        self._counted(node)
        return node

    def visit_CallBlock(self, node: nodes.CallBlock) -> nodes.Node:
        self._kept(node)
        self._counted(node)
        return node

    def visit_Block(self, node: nodes.Block) -> nodes.Node:
        self.generic_visit(node)
        self._counted(node)
        return node

    def visit_Compare(self, node: nodes.Compare) -> nodes.Node:
        self.generic_visit(node)
        return self._filtered(node, _CLOCK)

    def visit_Test(self, node: nodes.Test) -> nodes.Node:
        self.generic_visit(node)
        return self._filtered(node, _CLOCK)

    def visit_Getitem(self, node: nodes.Getitem) -> nodes.Node:
        self.generic_visit(node)
        return self._filtered(node, _VALUE) if isinstance(node.arg, nodes.Slice) else node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        values = nodes.Tuple(node.nodes, "load", lineno=node.lineno)
        return self._filtered(values, _CONCAT)

    def visit_List(self, node: nodes.List) -> nodes.Node:
        self.generic_visit(node)
        return self._filtered(node, _VALUE)

    def visit_Dict(self, node: nodes.Dict) -> nodes.Node:
        self.generic_visit(node)
        return self._filtered(node, _VALUE)

    def visit_Tuple(self, node: nodes.Tuple) -> nodes.Node:
        self.generic_visit(node)
        return node if node.ctx != "load" else self._filtered(node, _VALUE)


# -- the environment ----------------------------------------------------------------------------


class _Template(jinja2.Template):
    """A template that renders within a budget and fails with a :class:`RenderFailure`."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        context = self.new_context(dict(*args, **kwargs))
        stream = self.root_render_func(context)
        with limited():
            try:
                return self.environment.concat(stream)
            except RenderFailure:
                raise
            except Exception as exc:
                lineno = _template_line(exc, self)
                frame = getattr(stream, "gi_frame", None)
                if lineno is None and frame is not None:  # stopped between pieces of output
                    lineno = self.get_corresponding_lineno(frame.f_lineno)
                failure = RenderFailure(
                    _reason(exc), lineno=lineno, exceeded=isinstance(exc, _Stopped) and exc.exceeded
                )
                raise failure from exc

    def generate(self, *args: Any, **kwargs: Any) -> Iterator[str]:
        """The whole render as one piece (it is bounded as a whole)."""
        yield self.render(*args, **kwargs)


class TemplateEnvironment(SandboxedEnvironment):
    """Jinja's sandbox with the limits of this module; see the module documentation.

    ``a.b`` on a plain dict reads the key before looking for a dict method: Jinja tries the
    attribute first, so every lookup in a dict context raised and caught an AttributeError, and
    reading the key first halves the render time. Results only differ for a key named like a dict
    method, and no name of the data format is one (a test checks).
    """

    intercepted_binops = frozenset({"+", "-", "*", "/", "//", "%", "**"})
    template_class = _Template

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=jinja2.StrictUndefined)
        self.filters = {name: _filter(name, f) for name, f in self.filters.items()}
        self.filters["safe"] = _safe
        self.filters.update(
            {
                _STEP: jinja2.pass_context(_step),
                _CONCAT: jinja2.pass_eval_context(_concat),
                _VALUE: _value,
                _PRINTED: _printed,
                _BUFFERED: _buffered,
                _CLOCK: _clocked,
            }
        )
        self.tests.update(
            lower=_text_test(test_lower, "lower"), upper=_text_test(test_upper, "upper")
        )
        self.globals.update(range=_range, lipsum=_lipsum)

    def _generate(
        self,
        source: nodes.Template,
        name: str | None,
        filename: str | None,
        defer_init: bool = False,
    ) -> str:
        refused = _refused(source)
        if refused is not None:
            raise RefusedTagError(refused[0], refused[1], name, filename)
        _Guard(source).visit(source)
        return super()._generate(source, name, filename, defer_init)

    def concat(self, pieces: Iterable[str]) -> str:
        """Join output once its length is within the budget: a block's or macro's kept pieces (a
        list) at once, a render's stream a few pieces at a time as they are made."""
        if type(pieces) is list:
            _spend(sum(map(len, pieces)))
            return "".join(pieces)
        chunks: list[str] = []
        stream = iter(pieces)
        while batch := list(itertools.islice(stream, _STREAM_BATCH)):
            chunk = "".join(batch)  # in C: faster than adding up the pieces' lengths
            _spend(len(chunk))
            chunks.append(chunk)
        return "".join(chunks)

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        _check_binop(operator, left, right)
        result = self.binop_table[operator](left, right)
        _made(result, f"运算 {operator} 的结果")
        return result

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        if not self.is_safe_callable(obj):
            raise SecurityError(f"{obj!r} is not safely callable")
        args, grown = _method_call(obj, args, kwargs)
        result = context.call(obj, *args, **kwargs)
        what = f"{getattr(obj, '__name__', '调用')}() 的结果"
        if grown is not None:
            _size(grown, what)
        _made(result, what)
        return result

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """``str.format`` and ``format_map`` with each field measured (see :class:`_FieldsWithin`)."""
        if not isinstance(
            value, types.MethodType | types.BuiltinMethodType
        ) or value.__name__ not in (
            "format",
            "format_map",
        ):
            return None
        text: Any = value.__self__
        if not isinstance(text, str):
            return None
        is_map = value.__name__ == "format_map"
        formatter: _FieldsWithin
        if isinstance(text, Markup):
            formatter = _BoundedEscapeFormatter(self, escape=text.escape)
        else:
            formatter = _BoundedFormatter(self)
        kind = type(text)

        def format(*args: Any, **kwargs: Any) -> str:
            if is_map:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one argument")
                kwargs, args = args[0], ()
            return kind(formatter.vformat(text, args, kwargs))

        format.__name__ = value.__name__
        return format


def environment() -> TemplateEnvironment:
    """The Jinja environment of every render: sandboxed and bounded, XML-escaping, strict about
    unknown names."""
    return TemplateEnvironment()

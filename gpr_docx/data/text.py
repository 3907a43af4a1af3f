"""TOML, YAML and JSON: bytes to plain data to :class:`Report`, and back."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, Final

import tomli_w
import yaml

from .. import schema
from .._fs import decode_utf8, read_toml
from ..errors import InputSyntaxError
from ..model import Report

__all__ = ["READERS", "WRITERS"]


def _read_toml(raw: bytes, source: str) -> Report:
    data, text = read_toml(raw, source, what="年度报告的数据")
    return schema.structure(_as_written(data, text), source=source)


_WRITTEN_INT: Final = re.compile(r"0[xob]|\d_\d")
"""What a TOML integer other than plain decimal digits looks like (0x75, 0o17, 0b11, 1_000)."""
_DECIMAL: Final = re.compile(r"[-+]?\d+")


def _as_written(data: dict[str, Any], text: str) -> dict[str, Any]:
    """``data`` with each integer not written in plain decimal digits put back as the text it was.

    The data format's counts are plain decimals; tomllib reads ``0x75`` as 117, so such a value is
    handed on as ``'0x75'`` for the count check (V-1) to refuse. Only a file with such a literal is
    read a second time, by tomlkit, which keeps each value's source text.
    """
    if not _WRITTEN_INT.search(text):
        return data
    import tomlkit
    from tomlkit.items import Integer

    def walk(kept: Any, written: Any) -> Any:
        if isinstance(kept, dict):
            return {key: walk(value, written[key]) for key, value in kept.items()}
        if isinstance(kept, list):
            return [walk(value, item) for value, item in zip(kept, written, strict=True)]
        if isinstance(written, Integer) and not _DECIMAL.fullmatch(written.as_string()):
            return written.as_string()
        return kept

    result: dict[str, Any] = walk(data, tomlkit.parse(text))
    return result


def _twice(key: object) -> str:
    return f"键「{key}」在同一层出现了两次，只能保留一个"


class _StrictLoader(yaml.SafeLoader):
    """PyYAML's safe loader, stricter where YAML 1.1 surprises people who write a report by hand.

    A key given twice is an error, not "the last one wins"; aliases (``*name``) are refused, since a
    report never needs one and nested aliases expand to gigabytes; only plain decimal digits are a
    number (YAML 1.1 reads ``1:57`` as 117 and ``0x75`` as 117), and only ``true``/``false`` a
    truth value (not ``yes``/``on``).
    """

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None,
                None,
                "不支持 YAML 别名（*引用），请把内容直接写出",
                event.start_mark,
            )
        return super().compose_node(parent, index)

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        return int(str(self.construct_scalar(node)), 10)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[object] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, _twice(key), key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


# Implicit types of the YAML 1.2 core schema, decimal only: the resolvers PyYAML takes from YAML 1.1
# (base 60, octal, hexadecimal, yes/no/on/off, exponents) are replaced, not extended.
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag.endswith((":null", ":merge"))]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", "-+0123456789"),
    ("tag:yaml.org,2002:float", r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)$", "-+.0123456789"),
):
    _StrictLoader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))
_StrictLoader.add_constructor("tag:yaml.org,2002:int", _StrictLoader.construct_yaml_int)


def _too_deep(source: str) -> InputSyntaxError:
    return InputSyntaxError("数据嵌套层数过多，不是年度报告的数据", place=source)


def _read_yaml(raw: bytes, source: str) -> Report:
    try:
        data = yaml.load(decode_utf8(raw, source), Loader=_StrictLoader)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列：" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)  # without PyYAML's quoted source lines
        raise InputSyntaxError(f"YAML 格式错误：{where}{problem}", place=source) from None
    except RecursionError:
        raise _too_deep(source) from None
    return schema.structure(data, source=source)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"不允许的数值 {name}")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise ValueError(_twice(key))
        data[key] = value
    return data


def _read_json(raw: bytes, source: str) -> Report:
    try:
        data = json.loads(
            decode_utf8(raw, source),
            parse_constant=_reject_constant,
            object_pairs_hook=_unique_keys,
        )
    except json.JSONDecodeError as exc:
        raise InputSyntaxError(
            f"JSON 格式错误：第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}", place=source
        ) from None
    except ValueError as exc:
        raise InputSyntaxError(f"JSON 格式错误：{exc}", place=source) from None
    except RecursionError:
        raise _too_deep(source) from None
    return schema.structure(data, source=source)


def _write_json(report: Report) -> bytes:
    text = json.dumps(schema.unstructure(report), ensure_ascii=False, indent=1)
    return (text + "\n").encode("utf-8")


def _write_toml(report: Report) -> bytes:
    return tomli_w.dumps(schema.unstructure(report), multiline_strings=True).encode("utf-8")


def _write_yaml(report: Report) -> bytes:
    text = yaml.safe_dump(
        schema.unstructure(report), allow_unicode=True, sort_keys=False, width=1000
    )
    return text.encode("utf-8")


READERS: Final[dict[str, Callable[[bytes, str], Report]]] = {
    ".toml": _read_toml,
    ".yaml": _read_yaml,
    ".yml": _read_yaml,
    ".json": _read_json,
}
WRITERS: Final[dict[str, Callable[[Report], bytes]]] = {
    ".json": _write_json,
    ".toml": _write_toml,
    ".yaml": _write_yaml,
    ".yml": _write_yaml,
}

"""The unit registry (单位名录): every unit that owes the office a report, keyed by its code.

The office keeps it as a CSV or an ``.xlsx`` sheet with a header row naming the columns
(docs/collect.md): ``代码`` and ``名称`` are required, ``类别``, ``上级`` and ``别名`` optional, and
any other column (联系人, 电话 …) is ignored. ``别名`` holds the other names a unit goes by,
separated by ``；``, ``;`` or ``、``; more ``别名`` columns (别名2 …) add to them. The code is the
key, never the name: names are typed in many ways (区财政局, 某某区财政局), a code only one.

A registry that cannot be read — no header with 代码 and 名称, a row without a code or name, the
same code twice — is refused whole with a :class:`RegistryError` naming the file and row: a
collect against half a registry would report units as missing that are not.
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Final

import attrs

from .._fs import read_limited
from ..errors import InputNotFoundError, InputTooLargeError, RegistryError

__all__ = [
    "ALIAS_SEPARATORS",
    "COLUMNS",
    "MAX_REGISTRY_SIZE",
    "Registry",
    "Unit",
    "load_registry",
]

CODE: Final = "代码"
NAME: Final = "名称"
CATEGORY: Final = "类别"
PARENT: Final = "上级"
ALIAS: Final = "别名"
COLUMNS: Final = (CODE, NAME, CATEGORY, PARENT, ALIAS)
"""The columns a registry may have, by their header; 代码 and 名称 are required."""
ALIAS_SEPARATORS: Final = "；;、"
"""What separates the aliases within one 别名 cell."""
MAX_REGISTRY_SIZE: Final = 16 * 1024 * 1024
"""Largest registry file read: a province's ten thousand units are well under 2 MB."""
MAX_UNITS: Final = 100_000
"""Most units in one registry."""
_SPLIT: Final = re.compile(f"[{ALIAS_SEPARATORS}]")
_CSV_ENCODINGS: Final = ("utf-8-sig", "gb18030")
"""A CSV saved by Excel on a Chinese Windows is GB18030 (GBK); every other tool writes UTF-8."""


@attrs.frozen
class Unit:
    """One unit of the registry."""

    code: str
    """The unit's code: the key every submission is matched to."""
    name: str
    """Its full name (某某区财政局)."""
    category: str = ""
    """The office's grouping (部门, 乡镇街道 …), for ``include``."""
    parent: str = ""
    """The unit (or its code) it reports through, as the office writes it."""
    aliases: tuple[str, ...] = ()
    """Other names it goes by (区财政局, 财政局)."""

    @property
    def label(self) -> str:
        """``<code> <name>``, as messages name a unit."""
        return f"{self.code} {self.name}"


@attrs.frozen
class Registry:
    """The units in the order of the registry file, found by code."""

    units: tuple[Unit, ...]
    source: str = ""
    """The registry file, as messages name it."""
    _by_code: dict[str, Unit] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {code_key(u.code): u for u in self.units})

    def __len__(self) -> int:
        return len(self.units)

    def __iter__(self) -> Iterator[Unit]:
        return iter(self.units)

    def get(self, code: str) -> Unit | None:
        """The unit of ``code`` (compared after width and case folding), or ``None``."""
        return self._by_code.get(code_key(code))

    def categories(self) -> list[str]:
        """Every category the registry uses, in order of first use."""
        return list(dict.fromkeys(u.category for u in self.units if u.category))

    def check_categories(self, wanted: Iterable[str]) -> None:
        """Raise :class:`~gpr_docx.RegistryError` if any of ``wanted`` is not a category of the
        registry (a roll-up of a category no unit is in is a typing error, not an empty region)."""
        unknown = [c for c in wanted if c not in self.categories()]
        if unknown:
            raise RegistryError(
                f"单位名录中没有类别「{'」「'.join(unknown)}」；名录中的类别有："
                f"{'、'.join(self.categories()) or '（无）'}",
                place=self.source,
            )


def code_key(code: str) -> str:
    """A code as it is compared: full width folded to half width, case and spaces ignored, and a
    code of digits alone without its leading zeros (a spreadsheet keeps ``001`` as the number 1)."""
    key = "".join(unicodedata.normalize("NFKC", code).split()).casefold()
    if key.isascii() and key.isdigit():
        key = key.lstrip("0") or "0"
    return key


def load_registry(source: str | os.PathLike[str]) -> Registry:
    """The registry in a ``.csv`` (UTF-8 or GB18030) or ``.xlsx`` file (its first sheet).

    Raises:
        RegistryError: The file is not a registry: see :class:`RegistryError`; the place names
            the row.
        InputNotFoundError: The file does not exist.
        InputTooLargeError: The file is over :data:`MAX_REGISTRY_SIZE`.
        WorkbookError: An ``.xlsx`` that cannot be opened (GPR121–GPR125).
    """
    path = Path(source)
    name = str(path)
    if path.suffix.lower() == ".xlsx":
        rows = _xlsx_rows(path)
    elif path.suffix.lower() in (".csv", ".txt"):
        rows = _csv_rows(path)
    else:
        raise RegistryError(
            f"单位名录应为 .csv 或 .xlsx 文件，而不是「{path.suffix or '无后缀'}」", place=name
        )
    return Registry(tuple(_units(rows, name)), name)


def _csv_rows(path: Path) -> list[tuple[int, list[str]]]:
    data, name = read_limited(
        path,
        MAX_REGISTRY_SIZE,
        unnamed=str(path),
        what="单位名录",
        too_large=InputTooLargeError,
        unreadable=InputNotFoundError,
    )
    for encoding in _CSV_ENCODINGS:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise RegistryError("不是 UTF-8 或 GB18030 编码的文本，不是 CSV 单位名录", place=name)
    if "\x00" in text:
        raise RegistryError("含有二进制内容，不是 CSV 单位名录", place=name)
    try:
        return [
            (number, row)
            for number, row in enumerate(csv.reader(io.StringIO(text, newline="")), start=1)
        ]
    except csv.Error as exc:
        raise RegistryError(f"CSV 格式有误：{exc}", place=name) from None


def _xlsx_rows(path: Path) -> list[tuple[int, list[str]]]:
    from ..workbook.sheets import read_sheets

    _name, sheets = read_sheets(path)
    if not sheets:
        raise RegistryError("工作簿中没有工作表", place=str(path))
    cells = sheets[0].cells
    rows: dict[int, dict[int, str]] = {}
    for (row, col), (text, _cell) in cells.items():
        rows.setdefault(row, {})[col] = text
    width = 1 + max((col for _row, col in cells), default=0)
    return [(row + 1, [rows[row].get(col, "") for col in range(width)]) for row in sorted(rows)]


def _clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _units(rows: Sequence[tuple[int, list[str]]], name: str) -> Iterator[Unit]:
    body = [(number, row) for number, row in rows if any(cell.strip() for cell in row)]
    if not body:
        raise RegistryError("单位名录是空的", place=name)
    header_number, header = body[0]
    columns = [_clean(cell).replace(" ", "") for cell in header]
    where = {column: i for i, column in reversed(list(enumerate(columns)))}
    missing = [column for column in (CODE, NAME) if column not in where]
    if missing:
        raise RegistryError(
            f"表头（第 {header_number} 行）缺少「{'」「'.join(missing)}」列；"
            f"应有 {','.join(COLUMNS)}",
            place=name,
        )
    alias_columns = [i for i, column in enumerate(columns) if column.startswith(ALIAS)]
    if len(body) - 1 > MAX_UNITS:
        raise RegistryError(f"单位超过 {MAX_UNITS} 个，不是一个单位名录", place=name)
    seen: dict[str, int] = {}

    def cell(row: list[str], column: str) -> str:
        index = where.get(column)
        return _clean(row[index]) if index is not None and index < len(row) else ""

    for number, row in body[1:]:
        place = f"{name} 第 {number} 行"
        code, unit_name = cell(row, CODE), cell(row, NAME)
        if not code:
            raise RegistryError("缺少单位代码；代码是匹配报告的依据，每个单位都要有", place=place)
        if not unit_name:
            raise RegistryError(f"单位代码 {code} 缺少名称", place=place)
        key = code_key(code)
        if key in seen:
            raise RegistryError(f"单位代码 {code} 与第 {seen[key]} 行重复；代码应唯一", place=place)
        seen[key] = number
        yield Unit(
            code=code,
            name=unit_name,
            category=cell(row, CATEGORY),
            parent=cell(row, PARENT),
            aliases=tuple(_aliases(row[i] for i in alias_columns if i < len(row))),
        )


def _aliases(cells: Iterable[str]) -> Iterator[str]:
    seen: set[str] = set()
    for text in cells:
        for part in _SPLIT.split(text):
            alias = _clean(part)
            if alias and alias not in seen:
                seen.add(alias)
                yield alias

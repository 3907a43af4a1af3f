"""Which unit sent a submission: by its code first, then by its name; never a guess.

In order (docs/collect.md):

1. A registry code standing alone in the file name (``015-区财政局.docx``, ``财政局_015.json``;
   digits followed by 年 are a year, not a code); two different codes there are ambiguous.
2. A registry code standing alone in the report's agency (报告机关).
3. The report's agency by name: the exact name or an alias, compared after folding full width to
   half width and dropping spaces and punctuation; failing that, the same with the region
   prefixes taken off both sides (重庆市渝北区财政局, 某某区财政局 and 区财政局 all read 财政局)
   and 人民政府 read as 政府.
4. The file name (and the folders it sits in) by name, the same way, after the year and the
   words of the title (政府信息公开工作年度报告) are taken off.

A code in the file name that names one unit while the agency names another is a conflict. A name
that fits several units is ambiguous. Both, and a submission that fits no unit, are reported with
what was tried (:data:`UNKNOWN`, :data:`AMBIGUOUS`, :data:`CONFLICT`) and never assigned.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Final

import attrs

from ..errors import AMBIGUOUS_UNIT, UNIT_CONFLICT, UNKNOWN_UNIT
from .registry import Registry, Unit, code_key

__all__ = [
    "AMBIGUOUS",
    "CONFLICT",
    "UNKNOWN",
    "Match",
    "Matcher",
    "loose_key",
    "name_key",
]

UNKNOWN: Final = UNKNOWN_UNIT
"""Problem code: the submission fits no unit of the registry."""
AMBIGUOUS: Final = AMBIGUOUS_UNIT
"""Problem code: the submission fits more than one unit."""
CONFLICT: Final = UNIT_CONFLICT
"""Problem code: the code in the file name and the agency in the report name different units."""

_TOKEN: Final = re.compile(r"[0-9A-Za-z]+")
_REGION: Final = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,7}?(?:特别行政区|自治区|自治州|自治县|自治旗|地区|省|市|盟|州|区|县|旗))+"
)
"""Leading names of administrative divisions (重庆市渝北区, 某某区): taken off for the loose match."""
_BARE_REGION: Final = re.compile(r"^[省市区县州旗](?=..)")
"""A bare level word in front (区财政局): taken off for the loose match."""
_YEAR: Final = re.compile(r"(?:19|20)\d\d\s*(?:年度?)?")
_TITLE_WORDS: Final = (
    "政府信息公开工作年度报告",
    "政府信息公开年度报告",
    "信息公开工作年度报告",
    "信息公开年度报告",
    "工作年度报告",
    "年度报告",
    "年报",
    "报告",
    "定稿",
    "终稿",
    "修改稿",
    "最终版",
)
_GOVERNMENT: Final = ("人民政府", "政府")


def name_key(name: str) -> str:
    """A name as it is compared exactly: half width, no spaces or punctuation, lower case."""
    folded = unicodedata.normalize("NFKC", name)
    return "".join(
        ch for ch in folded if not unicodedata.category(ch).startswith(("P", "Z", "S", "C"))
    ).casefold()


def loose_key(name: str) -> str:
    """A name with its region prefixes off and 人民政府 read as 政府 (the loose comparison)."""
    key = name_key(name).replace(*_GOVERNMENT)
    stripped = _REGION.sub("", key)
    if len(stripped) >= 2:
        key = stripped
    return _BARE_REGION.sub("", key)


def _file_name_key(text: str) -> str:
    """A file or folder name with years, title words and codes taken off, for a name match."""
    text = _YEAR.sub("", unicodedata.normalize("NFKC", text))
    text = _TOKEN.sub("", text)
    for word in _TITLE_WORDS:
        text = text.replace(word, "")
    return text


@attrs.frozen
class Match:
    """The unit a submission belongs to, or why none could be told."""

    unit: Unit | None
    how: str = ""
    """How it was found (文件名中的代码, 报告机关名称, 别名 …), for the status sheet."""
    problem: str = ""
    """:data:`UNKNOWN`, :data:`AMBIGUOUS` or :data:`CONFLICT` when ``unit`` is ``None``."""
    message: str = ""
    """What was tried and what it fitted, in Chinese."""


class Matcher:
    """Matches submissions to the units of one registry (indexes built once)."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self._exact: dict[str, dict[str, bool]] = {}
        self._loose: dict[str, dict[str, bool]] = {}
        for unit in registry:
            for name, is_alias in ((unit.name, False), *((a, True) for a in unit.aliases)):
                for index, key in ((self._exact, name_key(name)), (self._loose, loose_key(name))):
                    if key:
                        found = index.setdefault(key, {})
                        found[unit.code] = found.get(unit.code, True) and is_alias

    def codes_in(self, text: str) -> list[Unit]:
        """The units whose code stands alone in ``text`` (letters and digits around it break it;
        digits followed by 年 are a year)."""
        found: dict[str, Unit] = {}
        for token in _TOKEN.finditer(unicodedata.normalize("NFKC", text)):
            if token.string.startswith("年", token.end()):
                continue  # 2024年: a year, not a code
            unit = self.registry.get(token.group())
            if unit is not None:
                found[code_key(unit.code)] = unit
        return list(found.values())

    def by_name(self, name: str) -> tuple[list[Unit], str]:
        """The units ``name`` fits exactly, else loosely, and how (名称 or 别名)."""
        for index, key, tag in (
            (self._exact, name_key(name), ""),
            (self._loose, loose_key(name), "（去掉地区前缀）"),
        ):
            found = index.get(key) if key else None
            if found:
                units = [u for u in (self.registry.get(c) for c in found) if u is not None]
                how = "别名" if all(found.values()) else "名称"
                return units, how + tag
        return [], ""

    def match(self, file_names: Sequence[str], agency: str | None, *, shown: str = "") -> Match:
        """The unit of a submission named ``file_names`` (its stem first, then its folders) whose
        report names ``agency`` (``None`` for a file that could not be read)."""
        shown = shown or (file_names[0] if file_names else "")
        by_file = self.codes_in(file_names[0]) if file_names else []
        if len(by_file) > 1:
            return _ambiguous(by_file, f"文件名「{shown}」中有多个单位代码")
        by_data = self.codes_in(agency) if agency else []
        named: list[Unit] = []
        how = ""
        if agency:
            named, how = self.by_name(agency)
        code_unit = by_file[0] if by_file else (by_data[0] if len(by_data) == 1 else None)
        if code_unit is not None:
            where = "文件名中的代码" if by_file else "报告机关中的代码"
            if len(named) == 1 and named[0].code != code_unit.code:
                return Match(
                    None,
                    problem=CONFLICT,
                    message=(
                        f"{where}指向「{code_unit.label}」，报告机关「{agency}」却是"
                        f"「{named[0].label}」；请核对后改正文件名或报告"
                    ),
                )
            return Match(code_unit, where)
        if len(named) == 1:
            return Match(named[0], f"报告机关{how}")
        if named:
            return _ambiguous(named, f"报告机关「{agency}」")
        for file_name in file_names:
            key = _file_name_key(file_name)
            units, how = self.by_name(key) if key else ([], "")
            if len(units) == 1:
                return Match(units[0], f"文件名{how}")
            if units:
                return _ambiguous(units, f"文件名「{file_name}」")
        tried = f"报告机关「{agency}」、" if agency else ""
        return Match(
            None,
            problem=UNKNOWN,
            message=f"{tried}文件名「{shown}」都对不上单位名录中的代码、名称或别名；"
            "请在名录的别名中加上这个名称，或在文件名中写上单位代码",
        )


def _ambiguous(units: Iterable[Unit], what: str) -> Match:
    names = "、".join(f"「{u.label}」" for u in units)
    return Match(
        None,
        problem=AMBIGUOUS,
        message=f"{what}可能是{names}中的任何一个；请在文件名中写上单位代码，或在名录中改用能区分的别名",
    )

"""The list numbers Word shows before paragraphs (``一、``, ``（三）``, ``1.``) that are not in their text.

Reports typed in Word often number their headings with a list (a multilevel list linked to the
heading styles, or a numbered paragraph style): the runs then hold only ``总体情况`` and Word draws
``一、`` from ``word/numbering.xml``. To read such a document as it looks, each numbered paragraph's
label is worked out here the way Word counts: per list, level by level, deeper levels restarting.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Final

import attrs
from lxml import etree

from .._zh import chinese_digits, chinese_number
from .package import w

__all__ = ["ListLevel", "ListNumbering", "format_number"]

_LEVELS: Final = 9
_STEMS: Final = "甲乙丙丁戊己庚辛壬癸"
_ROMAN: Final = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _stem(n: int) -> str:
    return _STEMS[n - 1] if n <= len(_STEMS) else str(n)


def _enclosed(first: int) -> Callable[[int], str]:
    return lambda n: chr(first + n - 1) if n <= 20 else str(n)


_FORMATS: Final[dict[str, Callable[[int], str]]] = {
    **dict.fromkeys(
        ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting"),
        chinese_number,
    ),
    **dict.fromkeys(
        ("chineseLegalSimplified", "ideographLegalTraditional"),
        lambda n: chinese_number(n, legal=True),
    ),
    **dict.fromkeys(
        ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"),
        chinese_digits,
    ),
    "ideographTraditional": _stem,
    **dict.fromkeys(
        ("decimalFullWidth", "decimalFullWidth2"),
        lambda n: "".join(chr(ord(d) + 0xFEE0) for d in str(n)),
    ),
    **dict.fromkeys(("decimalEnclosedCircle", "decimalEnclosedCircleChinese"), _enclosed(0x2460)),
    "decimalEnclosedParen": _enclosed(0x2474),
    "decimalZero": lambda n: f"{n:02d}",
    "upperLetter": _letters,
    "lowerLetter": lambda n: _letters(n).lower(),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
}


def format_number(n: int, fmt: str) -> str:
    """``n`` written in Word's number format ``fmt`` (``chineseCounting`` → 十二); unknown → digits."""
    formatter = _FORMATS.get(fmt)
    return formatter(n) if formatter is not None and n > 0 else str(n)


@attrs.frozen
class ListLevel:
    """One level of a list: where it starts, how its number is written, and its label pattern."""

    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    legal: bool = False
    """``w:isLgl``: numbers of all levels written as plain digits."""
    suffix: str = " "
    style: str | None = None


def _val(element: etree._Element | None, default: str | None = None) -> str | None:
    return default if element is None else element.get(w("val"), default)


def _int(element: etree._Element | None, default: int) -> int:
    try:
        return int(_val(element) or default)
    except ValueError:
        return default


def _level(lvl: etree._Element) -> ListLevel:
    suffix = _val(lvl.find(w("suff")), "tab")
    legal = lvl.find(w("isLgl"))
    return ListLevel(
        start=_int(lvl.find(w("start")), 1),
        fmt=_val(lvl.find(w("numFmt")), "decimal") or "decimal",
        text=_val(lvl.find(w("lvlText")), "") or "",
        legal=legal is not None and _val(legal, "true") not in ("false", "0", "off"),
        suffix="" if suffix == "nothing" else " ",
        style=_val(lvl.find(w("pStyle"))),
    )


def _levels(parent: etree._Element) -> dict[int, ListLevel]:
    return {_int_attr(lvl, "ilvl"): _level(lvl) for lvl in parent.findall(w("lvl"))}


def _int_attr(element: etree._Element, name: str) -> int:
    try:
        return int(element.get(w(name), "0"))
    except ValueError:
        return 0


@attrs.frozen
class _List:
    key: str
    """Lists sharing a definition count on together, unless one restarts with ``w:startOverride``."""
    levels: dict[int, ListLevel]


class ListNumbering:
    """The lists of one document (``numbering.xml``) and the numbering its paragraph styles carry."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None) -> None:
        self._lists: dict[str, _List] = {}
        self._styles: dict[str, tuple[str | None, str | None, str | None]] = {}
        if styles is not None:
            for style in styles.findall(w("style")):
                style_id = style.get(w("styleId"))
                if style_id:
                    num = style.find(f"{w('pPr')}/{w('numPr')}")
                    self._styles[style_id] = (
                        _val(num.find(w("numId"))) if num is not None else None,
                        _val(num.find(w("ilvl"))) if num is not None else None,
                        _val(style.find(w("basedOn"))),
                    )
        if numbering is None:
            return
        abstract = {a.get(w("abstractNumId")): a for a in numbering.findall(w("abstractNum"))}
        for num in numbering.findall(w("num")):
            num_id = num.get(w("numId"))
            base_id = _val(num.find(w("abstractNumId")))
            base = abstract.get(base_id)
            if num_id is None or base is None:
                continue
            levels = _levels(base)
            restarted = False
            for override in num.findall(w("lvlOverride")):
                ilvl = _int_attr(override, "ilvl")
                redefined = override.find(w("lvl"))
                start = override.find(w("startOverride"))
                level = _level(redefined) if redefined is not None else levels.get(ilvl)
                if level is not None and start is not None:
                    level = attrs.evolve(level, start=_int(start, level.start))
                    restarted = True
                if level is not None:
                    levels[ilvl] = level
            key = f"num:{num_id}" if restarted else f"abstract:{base_id}"
            self._lists[num_id] = _List(key, levels)

    def _style_numbering(self, style_id: str | None) -> tuple[str | None, str | None]:
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self._styles:
            seen.add(style_id)
            num_id, ilvl, based_on = self._styles[style_id]
            if num_id is not None:
                return num_id, ilvl
            style_id = based_on
        return None, None

    def labels(self, paragraphs: Iterable[etree._Element]) -> dict[etree._Element, str]:
        """The label Word shows before each numbered paragraph of ``paragraphs`` (in document order)."""
        counters: dict[str, list[int | None]] = {}
        shown: dict[etree._Element, str] = {}
        if not self._lists:
            return shown
        for p in paragraphs:
            props = p.find(w("pPr"))
            direct = props.find(w("numPr")) if props is not None else None
            style_id = _val(props.find(w("pStyle"))) if props is not None else None
            num_id, ilvl = self._style_numbering(style_id)
            if direct is not None:
                num_id = _val(direct.find(w("numId")), num_id)
                ilvl = _val(direct.find(w("ilvl")), ilvl)
            found = self._lists.get(num_id or "")
            if found is None:  # not numbered, or numbering removed with numId 0
                continue
            if ilvl is None:
                ilvl = next((str(i) for i, lv in found.levels.items() if lv.style == style_id), "0")
            level_index = min(max(int(ilvl) if ilvl.isdigit() else 0, 0), _LEVELS - 1)
            level = found.levels.get(level_index)
            if level is None:
                continue
            counts = counters.setdefault(found.key, [None] * _LEVELS)
            for above in range(level_index):
                if counts[above] is None:
                    counts[above] = found.levels.get(above, ListLevel()).start
            current = counts[level_index]
            counts[level_index] = level.start if current is None else current + 1
            for below in range(level_index + 1, _LEVELS):
                counts[below] = None
            if level.fmt in ("bullet", "none") and "%" not in level.text:
                continue  # a bullet or a fixed mark is not a number
            shown[p] = self._label(found, level, counts) + level.suffix
        return shown

    @staticmethod
    def _label(found: _List, level: ListLevel, counts: list[int | None]) -> str:
        text = level.text
        for index in range(_LEVELS):
            placeholder = f"%{index + 1}"
            if placeholder not in text:
                continue
            at = found.levels.get(index, ListLevel())
            value = counts[index] or at.start
            fmt = "decimal" if level.legal else at.fmt
            number = "" if at.fmt == "none" else format_number(value, fmt)
            text = text.replace(placeholder, number)
        return text

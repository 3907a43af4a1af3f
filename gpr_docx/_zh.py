"""Chinese numerals, years and lines of text: one place for everything that reads or writes them.

Reports number their headings 一、 … 六、 and （一）, quote figures as 三件 or 一百零五件, and name
years as 2024年, ２０２４年 or 二〇二四年 — the 〇 often typed as 零, a white circle ○, a Latin or
Greek capital O, or a zero. The reader (year in the title), the rules (R-2 figures, R-3 years) and
the Word list numbering all read and write these the same way through this module.

>>> number_value("一百零五"), year_value("二○二三"), chinese_number(12)
(105, 2023, '十二')
>>> [named.group("year") for named in NAMED_YEAR.finditer("2024年 较二O二三年")]
['2024', '二O二三']
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterator
from typing import Final

__all__ = [
    "DIGITS",
    "NAMED_YEAR",
    "NUMERALS",
    "NUMERAL_CHARS",
    "YEAR_DIGITS",
    "ZEROS",
    "chinese_date",
    "chinese_digits",
    "chinese_number",
    "date_value",
    "lines",
    "number_value",
    "year_value",
    "years",
]

DIGITS: Final = "〇一二三四五六七八九"
"""The Chinese digits, each at the index of its value (二〇二四)."""
ZEROS: Final = "〇零○◯OΟＯ0０"
"""What is written for the 〇 of a year in the wild: 〇, 零, a white circle, a Latin, Greek or
full-width capital O, an ASCII or full-width zero."""
NUMERALS: Final = "一二三四五六七八九十"
"""The numerals of headings and sub-headings, 一 to 十 (``NUMERALS[n - 1]`` numbers item ``n``)."""
NUMERAL_CHARS: Final = "零〇一二两三四五六七八九十百千"
"""Every character :func:`number_value` reads in a Chinese numeral."""

_VALUES: Final = {char: value for value, char in enumerate(DIGITS)} | {"零": 0, "两": 2}
_UNITS: Final = {"十": 10, "百": 100, "千": 1000}
_COUNTING: Final = ("零一二三四五六七八九", "十百千")
_LEGAL: Final = ("零壹贰叁肆伍陆柒捌玖", "拾佰仟")

YEAR_DIGITS: Final = rf"(?:\d{{4}}|[一二][{DIGITS}{ZEROS}]{{3}})"
"""A regular expression for the four digits of a year: ``2024``, ``２０２４``, ``二〇二四``, ``二O二四``."""
NAMED_YEAR: Final = re.compile(rf"(?<![\d{DIGITS}{ZEROS}])(?P<year>{YEAR_DIGITS})(?=\s*年)")
"""A year named in text: its digits (group ``year``) followed by 年, not the tail of a longer number."""


def year_value(digits: str) -> int:
    """The year written by the four ``digits`` of a :data:`NAMED_YEAR` (``二○二三`` → 2023)."""
    value = 0
    for char in digits:
        if char in _VALUES:
            digit = _VALUES[char]
        elif char in ZEROS:
            digit = 0
        else:
            digit = unicodedata.decimal(char)
        value = value * 10 + digit
    return value


def years(text: str) -> Iterator[int]:
    """Every year ``text`` names with 年, in order (``2024年``, ``二〇二三年度`` …)."""
    for found in NAMED_YEAR.finditer(text):
        yield year_value(found.group("year"))


_NAMED_DATE: Final = re.compile(
    rf"(?P<year>{YEAR_DIGITS})年(?P<month>[\d{NUMERALS}]{{1,2}})月(?P<day>[\d{NUMERALS}]{{1,3}})日"
)


def date_value(text: str) -> datetime.date | None:
    """The day ``text`` names as a Chinese date, or ``None``: ``2025年1月20日``, ``２０２５年１月２０日``,
    ``二〇二五年一月二十日`` (spaces between the parts allowed), a day that exists.

    >>> date_value("2025年1月20日"), date_value("二〇二五年十二月三十一日"), date_value("2025年2月30日")
    (datetime.date(2025, 1, 20), datetime.date(2025, 12, 31), None)
    """
    found = _NAMED_DATE.fullmatch(re.sub(r"\s+", "", text))
    if found is None:
        return None
    try:
        return datetime.date(
            year_value(found.group("year")),
            number_value(found.group("month")),
            number_value(found.group("day")),
        )
    except (KeyError, ValueError):  # 二十十, 13月, 2月30日
        return None


def number_value(text: str) -> int:
    """``450``, ``１２``, ``1,234`` or a Chinese numeral up to the thousands (``一百零五`` → 105)."""
    digits = text.replace(",", "")
    if digits.isdecimal():  # ASCII or full-width digits
        return int(digits)
    total, digit = 0, None
    for char in text:
        if char in _UNITS:
            total += (1 if digit is None else digit) * _UNITS[char]
            digit = None
        else:
            digit = _VALUES[char]
    return total + (digit or 0)


def chinese_number(n: int, *, legal: bool = False) -> str:
    """``n`` (1 to 9999) as a Chinese numeral: 十二, 一百零五 (``legal``: 壹佰零伍); else its digits.

    As Word counts lists (``chineseCounting``) and as :func:`number_value` reads: a leading 一十 is
    written 十 (十二, 拾贰), a gap of zeros inside is one 零.
    """
    if not 0 < n < 10_000:
        return str(n)
    digits, units = _LEGAL if legal else _COUNTING
    out: list[str] = []
    zero = False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        digit = n // power % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out.append(digits[0])
            zero = False
        if not (power == 10 and digit == 1 and not out):
            out.append(digits[digit])
        out.append(unit)
    return "".join(out)


def chinese_digits(n: int) -> str:
    """``n`` digit by digit in Chinese, as years are written: 2024 → 二〇二四."""
    return "".join(DIGITS[int(d)] for d in str(n)) if n >= 0 else str(n)


def chinese_date(day: datetime.date) -> str:
    """A date as GB/T 9704—2012 (7.3.5.1) writes the 成文日期: Arabic digits, no leading zeros
    (``2025年1月20日``)."""
    return f"{day.year}年{day.month}月{day.day}日"


def lines(text: str) -> list[str]:
    """The non-empty lines of ``text``, each without its surrounding spaces (one paragraph each)."""
    return [line.strip() for line in text.splitlines() if line.strip()]

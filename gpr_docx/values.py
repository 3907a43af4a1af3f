"""What one value may be — a count (V-1), a fee (V-2), text a .docx can hold, a year — checked once.

The model's validators, the data format's loader and the rules all ask here, so a value is judged
and described the same way wherever it comes from. Each check returns ``None`` for a good value or
the :class:`Rejection` that says why not; the caller raises or reports it at its place.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Final

import attrs

__all__ = [
    "COUNT_RULE",
    "FEE_DECIMALS",
    "FEE_RULE",
    "ILLEGAL_CHARACTER",
    "WRONG_TYPE",
    "Rejection",
    "as_count",
    "as_fee",
    "count_rejection",
    "fee_rejection",
    "text_rejection",
    "year_rejection",
]

COUNT_RULE: Final = "V-1"
"""Rule of docs/rules.md: every count is a whole number ≥ 0."""
FEE_RULE: Final = "V-2"
"""Rule of docs/rules.md: the fee is a decimal ≥ 0 in 万元 with at most :data:`FEE_DECIMALS` places."""
FEE_DECIMALS: Final = 4
"""Most decimal places a fee in 万元 may have (4: down to one yuan)."""
WRONG_TYPE: Final = "GPR113"
"""Fault code: a value of the wrong type (text where a number belongs, a year that is not a year)."""
ILLEGAL_CHARACTER: Final = "GPR114"
"""Fault code: text holds a control character that a Word document cannot store."""

# XML 1.0 allows tab, LF, CR and the ranges below; anything else can never be stored in a .docx.
_XML_ILLEGAL: Final = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_FULL_WIDTH: Final = str.maketrans("０１２３４５６７８９．－＋", "0123456789.-+")
_DIGITS: Final = re.compile(r"\d+", re.ASCII)


@attrs.frozen
class Rejection:
    """Why a value is refused: the rule or fault code, and a Chinese message quoting the value."""

    code: str
    message: str


def _shown(value: object) -> str:
    """A value as a message quotes it: text in quotes, a fee as its exact decimal."""
    if isinstance(value, Decimal):
        return f"{value:f}"
    return repr(value)


def count_rejection(value: object) -> Rejection | None:
    """V-1: ``value`` must be an ``int`` (not a bool) ≥ 0.

    >>> count_rejection(3) is None
    True
    >>> count_rejection(-1)
    Rejection(code='V-1', message='应为非负整数，实为 -1')
    >>> count_rejection(True).message
    '应为非负整数，实为 True'
    """
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return Rejection(COUNT_RULE, f"应为非负整数，实为 {_shown(value)}")
    return None


def fee_rejection(value: object) -> Rejection | None:
    """V-2: ``value`` must be a finite ``Decimal`` ≥ 0 with at most four decimal places.

    >>> fee_rejection(Decimal("12.5")) is None
    True
    >>> print(fee_rejection(Decimal("0.00001")).message)
    收费金额（万元）最多保留 4 位小数，实为 0.00001
    """
    if not isinstance(value, Decimal) or not value.is_finite():
        return Rejection(FEE_RULE, f"应为以万元计的数值（如 12.5），实为 {_shown(value)}")
    if value < 0:
        return Rejection(FEE_RULE, f"收费金额不能为负数，实为 {_shown(value)}")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -FEE_DECIMALS:
        return Rejection(
            FEE_RULE, f"收费金额（万元）最多保留 {FEE_DECIMALS} 位小数，实为 {_shown(value)}"
        )
    return None


def text_rejection(value: object) -> Rejection | None:
    """Text must be a ``str`` without characters that XML 1.0 (and so a .docx) cannot hold."""
    if not isinstance(value, str):
        return Rejection(WRONG_TYPE, f"应为文字，实为 {_shown(value)}")
    bad = _XML_ILLEGAL.search(value)
    if bad:
        return Rejection(
            ILLEGAL_CHARACTER,
            f"含有 Word 文档不能保存的控制字符 U+{ord(bad.group()):04X}"
            f"（第 {bad.start() + 1} 个字符），请删除",
        )
    return None


def year_rejection(value: object) -> Rejection | None:
    """A reporting year is a four-digit ``int``."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1000 <= value <= 9999:
        return Rejection(WRONG_TYPE, f"应为四位数年份（如 2024），实为 {_shown(value)}")
    return None


def as_count(value: object) -> object:
    """A count from a data file: digits in text (also full-width) become an ``int``; the rest is kept."""
    if isinstance(value, str):
        digits = value.translate(_FULL_WIDTH).strip()
        if _DIGITS.fullmatch(digits):
            return int(digits)
    return value


def as_fee(value: object) -> object:
    """A fee as an exact ``Decimal`` when the value says one losslessly; anything else is kept.

    A float becomes the decimal its ``repr`` shows (``0.1`` → ``Decimal('0.1')``), text may use
    full-width digits; a bool is never a number.
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        try:
            return Decimal(value.translate(_FULL_WIDTH).strip())
        except InvalidOperation:
            return value
    return value

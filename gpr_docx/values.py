"""What one value may be — a count (V-1), a fee (V-2), text a .docx can hold, a year — checked once.

The model's validators, the data format's loader and the rules all ask here, so a value is judged
and described the same way wherever it comes from. Each check returns ``None`` for a good value or
the :class:`Rejection` that says why not; the caller raises or reports it at its place. Messages
quote a value through :func:`shown`, which never prints more than a short excerpt of it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Final

import attrs

from .errors import BAD_VALUE, ILLEGAL_CHARACTER, TOO_LONG, WRONG_TYPE

__all__ = [
    "COUNT_MAX",
    "COUNT_RULE",
    "FEE_DECIMALS",
    "FEE_MAX",
    "FEE_RULE",
    "TEXT_MAX_CHARACTERS",
    "TEXT_MAX_PARAGRAPHS",
    "Rejection",
    "as_count",
    "as_date",
    "as_fee",
    "count_rejection",
    "date_rejection",
    "described",
    "fee_rejection",
    "kind_of",
    "shown",
    "text_rejection",
    "unknown_key_message",
    "year_rejection",
]

COUNT_RULE: Final = "V-1"
"""Rule of docs/rules.md: every count is a whole number ≥ 0."""
COUNT_MAX: Final = 10**9
"""V-1: no body handles a billion of anything in a year; a larger count is a typing error."""
FEE_RULE: Final = "V-2"
"""Rule of docs/rules.md: the fee is a decimal ≥ 0 in 万元 with at most :data:`FEE_DECIMALS` places."""
FEE_DECIMALS: Final = 6
"""Most decimal places a fee in 万元 may have: 6, down to the fen (0.01 元), as portals publish it."""
FEE_MAX: Final = Decimal(10) ** 12
"""V-2: an amount of a trillion 万元 or more is not a fee (and would not fit a cell)."""
TEXT_MAX_CHARACTERS: Final = 50_000
"""Longest text of one part of a report; real parts have a few thousand characters."""
TEXT_MAX_PARAGRAPHS: Final = 1_000
"""Most paragraphs (non-empty lines) in one part of a report."""
_EXCERPT: Final = 30
_KINDS: Final = {
    dict: "键值表",
    list: "列表",
    tuple: "列表",
    str: "文字",
    bool: "真假值",
    int: "整数",
    float: "小数",
    Decimal: "小数",
    date: "日期",
    datetime: "日期时间",
    type(None): "空值",
}

# XML 1.0 allows tab, LF, CR and the ranges below; anything else can never be stored in a .docx.
_XML_ILLEGAL: Final = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_FULL_WIDTH: Final = str.maketrans("０１２３４５６７８９．－＋", "0123456789.-+")
_DIGITS: Final = re.compile(r"\d+", re.ASCII)
_PLAIN_DECIMAL: Final = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)", re.ASCII)


@attrs.frozen
class Rejection:
    """Why a value is refused: the rule or fault code, and a Chinese message quoting the value."""

    code: str
    message: str


def kind_of(value: object) -> str:
    """What sort of value this is, in the words a data file's author uses (键值表, 列表, 文字 …)."""
    return next((word for cls, word in _KINDS.items() if type(value) is cls), type(value).__name__)


def shown(value: object) -> str:
    """A value as a message quotes it: short, exact for numbers, never the whole of a long text.

    Text is quoted up to 30 characters; a table or list is named by its kind and size, never
    printed (it may be huge or nested without end); a fee is its decimal unless it is absurdly long;
    ``null``, ``true`` and ``false`` as a data file writes them.
    """
    if isinstance(value, str):
        if len(value) <= _EXCERPT:
            return repr(value)
        return f"{value[:_EXCERPT]!r}…（共 {len(value)} 字）"
    if isinstance(value, dict | list | tuple):
        return f"{kind_of(value)}（{len(value)} 项）"
    if isinstance(value, Decimal):
        return f"{value:f}" if value.is_finite() and abs(value.adjusted()) <= 20 else str(value)
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    if isinstance(value, int) and value.bit_length() > 64:
        return "超过 19 位的整数"
    return repr(value) if isinstance(value, int | float) else kind_of(value)


def described(value: object) -> str:
    """A value with its kind, for "应为…，实为…" messages: ``文字 'x'``, ``键值表（2 项）``, ``空值 null``."""
    if isinstance(value, dict | list | tuple):
        return shown(value)
    return f"{kind_of(value)} {shown(value)}"


def unknown_key_message(key: str, known: Iterable[str]) -> str:
    """The message for an unknown ``key``: the closest of the ``known`` keys, or all of them.

    One wording for every file a person writes by hand (report data, rule profiles):

    >>> unknown_key_message("agnecy", ["year", "agency"])
    '未知的键「agnecy」，是否应为「agency」？'
    """
    names = list(known)
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.5)
    hint = f"，是否应为「{close[0]}」？" if close else f"；可用的键：{'、'.join(names)}"
    return f"未知的键「{key}」{hint}"


_ISO_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def as_date(value: object) -> object:
    """A date as a data file may write it: a TOML date, or ``"2025-01-20"`` (JSON, YAML); else as is."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


def date_rejection(value: object) -> Rejection | None:
    """An optional date (``date``, ``published_on``) is a calendar date, not a time of day, or not given."""
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return None
    if isinstance(value, datetime):
        return Rejection(
            BAD_VALUE, f"应为日期（如 2025-01-20），不含时刻，实为 {value.isoformat()}"
        )
    if isinstance(value, str):  # JSON has no dates: text is how one is written there, in this form
        return Rejection(BAD_VALUE, f"应为日期 YYYY-MM-DD（如 2025-01-20），实为 {shown(value)}")
    return Rejection(WRONG_TYPE, f"应为日期（如 2025-01-20），实为{described(value)}")


def count_rejection(value: object) -> Rejection | None:
    """V-1: ``value`` must be an ``int`` (not a bool) ≥ 0.

    >>> count_rejection(3) is None
    True
    >>> count_rejection(-1)
    Rejection(code='V-1', message='应为非负整数，实为 -1')
    >>> count_rejection(True).message
    '应为非负整数，实为 true'
    """
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return Rejection(COUNT_RULE, f"应为非负整数，实为 {shown(value)}")
    if value > COUNT_MAX:
        return Rejection(COUNT_RULE, f"件数过大（超过 {COUNT_MAX:,}），实为 {shown(value)}")
    return None


def fee_rejection(value: object) -> Rejection | None:
    """V-2: ``value`` must be a finite ``Decimal`` ≥ 0 with at most six decimal places.

    >>> fee_rejection(Decimal("12.5")) is None
    True
    >>> print(fee_rejection(Decimal("0.0000001")).message)
    收费金额（万元）最多保留 6 位小数，实为 0.0000001
    """
    if not isinstance(value, Decimal) or not value.is_finite():
        return Rejection(FEE_RULE, f"应为以万元计的数值（如 12.5），实为 {shown(value)}")
    if value < 0:
        return Rejection(FEE_RULE, f"收费金额不能为负数，实为 {shown(value)}")
    if value >= FEE_MAX:
        return Rejection(FEE_RULE, f"收费金额过大（单位是万元），实为 {shown(value)}")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -FEE_DECIMALS:
        return Rejection(
            FEE_RULE, f"收费金额（万元）最多保留 {FEE_DECIMALS} 位小数，实为 {shown(value)}"
        )
    return None


def text_rejection(value: object) -> Rejection | None:
    """Text must be a ``str`` without characters that XML 1.0 (and so a .docx) cannot hold."""
    if not isinstance(value, str):
        return Rejection(WRONG_TYPE, f"应为文字，实为{described(value)}")
    if len(value) > TEXT_MAX_CHARACTERS:
        return Rejection(TOO_LONG, f"文字过长：{len(value)} 字，最多 {TEXT_MAX_CHARACTERS} 字")
    paragraphs = sum(1 for line in value.splitlines() if line.strip())
    if paragraphs > TEXT_MAX_PARAGRAPHS:
        return Rejection(TOO_LONG, f"段落过多：{paragraphs} 段，最多 {TEXT_MAX_PARAGRAPHS} 段")
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
        return Rejection(WRONG_TYPE, f"应为四位数年份（如 2024），实为 {shown(value)}")
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
    full-width digits but no exponent (``1e9`` is not how an amount is written); a bool is never a
    number; ``-0`` is ``0``.
    """
    amount: object = value
    if isinstance(value, float):
        amount = Decimal(repr(value))
    elif isinstance(value, int) and not isinstance(value, bool):
        amount = Decimal(value)
    elif isinstance(value, str):
        text = value.translate(_FULL_WIDTH).strip()
        if _PLAIN_DECIMAL.fullmatch(text):
            amount = Decimal(text)
    if isinstance(amount, Decimal) and amount.is_zero() and amount.is_signed():
        amount = amount.copy_abs()
    return amount

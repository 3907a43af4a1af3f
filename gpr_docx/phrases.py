"""What the narrative text says about the tables: quoted figures (R-2) and named years (R-3).

The patterns follow the common phrasings of real reports (收到政府信息公开申请450件、上年结转31件、
已办结454件、结转下年度继续办理27件、被申请行政复议3件、未收到政府信息公开申请、
无政府信息公开行政复议和提起行政诉讼情况). A clause that names another year, or speaks of
cumulative or year-on-year figures, is skipped: its numbers are not this year's table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

import attrs

__all__ = ["FIGURES", "Claim", "Figure", "claims", "clauses", "named_years", "number_value"]


@attrs.frozen
class Figure:
    """A figure of the tables that text often quotes: its name and the cells that add up to it."""

    key: str
    paths: tuple[str, ...]


FIGURES: Final = {
    figure.key: figure
    for figure in (
        Figure("new_requests", ("applications.new_requests.total",)),
        Figure("carried_over", ("applications.carried_over.total",)),
        Figure("handled", ("applications.results.total.total",)),
        Figure("carried_forward", ("applications.carried_forward.total",)),
        Figure("review", ("review_litigation.review.total",)),
        Figure("litigation_direct", ("review_litigation.litigation_direct.total",)),
        Figure(
            "litigation",
            (
                "review_litigation.litigation_direct.total",
                "review_litigation.litigation_after_review.total",
            ),
        ),
        Figure(
            "review_and_litigation",
            (
                "review_litigation.review.total",
                "review_litigation.litigation_direct.total",
                "review_litigation.litigation_after_review.total",
            ),
        ),
        Figure("licensing", ("active_disclosure.licensing",)),
    )
}
"""Every figure R-2 compares, by key."""


@attrs.frozen
class Claim:
    """One statement of the text: figure ``key`` is ``value`` (0 for "未收到…"), in the words ``phrase``."""

    key: str
    value: int
    phrase: str
    negative: bool = False
    start: int = 0
    """Where the phrase starts in the text (for listing claims in reading order)."""


_NUM: Final = r"(?P<n>\d{1,3}(?:,\d{3})+(?!\d)|\d+|[零〇一二两三四五六七八九十百千]+)"
_UNIT: Final = r"\s*(?:件|起|宗)"
_GAP = r"[^，。；、：:\d]"  # any char inside one clause that is not a digit


def _gap(size: int, *, stop: str = "") -> str:
    """Up to ``size`` characters of one clause, none of them a digit (nor the start of ``stop``)."""
    if stop:
        return rf"(?:(?!{stop}){_GAP}){{0,{size}}}?"
    return rf"{_GAP}{{0,{size}}}?"


_RECEIVE: Final = r"(?:收到|新收|受理|接收|接到)"
_NOT: Final = r"(?:未(?!经)|没有|无)"

# (figure key, pattern), most specific first; a span matched by one pattern is not matched again.
_PATTERNS: Final = tuple(
    (key, re.compile(pattern))
    for key, pattern in (
        (
            "review_and_litigation",
            rf"行政复议(?:和|及|、|与|或)(?:提起)?行政诉讼(?:案件)?{_gap(6)}{_NUM}{_UNIT}",
        ),
        (
            "new_requests",
            rf"{_RECEIVE}{_gap(20)}申请(?!人){_gap(6, stop='办结|结转|答复|办理|处理')}{_NUM}{_UNIT}",
        ),
        (
            "new_requests",
            rf"{_RECEIVE}(?:了)?(?:各类)?(?:共计|共|合计)?{_NUM}{_UNIT}{_gap(12)}申请",
        ),
        ("carried_over", rf"上一?年度?结转{_gap(12)}{_NUM}{_UNIT}"),
        ("carried_forward", rf"结转(?:至|到|入)?下一?年度?{_gap(10)}{_NUM}{_UNIT}"),
        ("handled", rf"(?:办结|办理完结|办理完毕){_gap(10)}{_NUM}{_UNIT}"),
        ("review", rf"行政复议(?:[^，。；、：:\d行]){{0,10}}?{_NUM}{_UNIT}"),
        (
            "litigation_direct",
            rf"未经(?:行政)?复议(?:直接)?(?:提起)?行政诉讼{_gap(6)}{_NUM}{_UNIT}",
        ),
        ("litigation", rf"行政诉讼(?:[^，。；、：:\d行]){{0,10}}?{_NUM}{_UNIT}"),
        ("licensing", rf"行政许可(?:决定)?{_gap(4)}{_NUM}\s*件"),
    )
)

_NO_REQUESTS: Final = re.compile(rf"{_NOT}(?:收到|接到|受理|新收|发生|产生){_gap(20)}申请(?!人)")
_NO_CASES: Final = re.compile(
    rf"{_NOT}(?:发生|出现|产生|涉及|收到|被)?{_gap(16)}(?:行政复议|行政诉讼)"
    r"(?:(?:和|及|、|与|或)(?:被)?(?:提起)?(?:行政复议|行政诉讼))?"
)

_CLAUSE_END: Final = re.compile(r"[。；;！？!?\n]")
_YEAR: Final = re.compile(r"(?<!\d)(\d{4})(?=\s*年)")
_OTHER_TIME: Final = re.compile(r"累计|同比|环比|较上年|比上年|较去年|比去年")
_BOOK_TITLE: Final = re.compile(r"《[^》]*》|〔[^〕]*〕|\[[^\]]*\]|[（(]\d{4}年(?:修订|修正)[）)]")

_DIGITS: Final = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_DIGITS.update({"五": 5, "六": 6, "七": 7, "八": 8, "九": 9})
_UNITS: Final = {"十": 10, "百": 100, "千": 1000}


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
            digit = _DIGITS[char]
    return total + (digit or 0)


def clauses(text: str) -> Iterator[str]:
    """The sentences and clauses of ``text`` (split at 。；！？ and line ends), stripped, non-empty."""
    for _, clause in _clauses_at(text):
        yield clause


def _clauses_at(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for match in [*_CLAUSE_END.finditer(text), None]:
        end = match.start() if match else len(text)
        clause = text[start:end]
        if clause.strip():
            yield start + len(clause) - len(clause.lstrip()), clause.strip()
        start = match.end() if match else end


def named_years(text: str) -> Iterator[tuple[int, str]]:
    """Each year ``text`` names (2024年), with the clause it is in; years inside 《》 and 〔〕 are titles."""
    for clause in clauses(text):
        bare = _BOOK_TITLE.sub("", clause)
        for match in _YEAR.finditer(bare):
            yield int(match.group(1)), clause


def _is_about_this_year(clause: str, year: int) -> bool:
    if _OTHER_TIME.search(clause):
        return False
    return all(int(y) == year for y in _YEAR.findall(_BOOK_TITLE.sub("", clause)))


def claims(text: str, year: int) -> Iterator[Claim]:
    """Every figure ``text`` states about ``year``'s tables, clause by clause, in reading order."""
    for offset, clause in _clauses_at(text):
        if not _is_about_this_year(clause, year):
            continue
        taken: list[tuple[int, int]] = []
        found: list[tuple[int, Claim]] = []

        def free(span: tuple[int, int], taken: list[tuple[int, int]] = taken) -> bool:
            return all(span[1] <= start or span[0] >= end for start, end in taken)

        for key, pattern in _PATTERNS:
            for match in pattern.finditer(clause):
                if free(match.span()):
                    taken.append(match.span())
                    value = number_value(match.group("n"))
                    found.append(
                        (
                            match.start(),
                            Claim(key, value, match.group(), start=offset + match.start()),
                        )
                    )
        for match in _NO_REQUESTS.finditer(clause):
            if free(match.span()):
                taken.append(match.span())
                found.append(
                    (
                        match.start(),
                        Claim("new_requests", 0, match.group(), True, offset + match.start()),
                    )
                )
        for match in _NO_CASES.finditer(clause):
            if free(match.span()):
                taken.append(match.span())
                words = match.group()
                for key in ("review", "litigation"):
                    if ("复议" if key == "review" else "诉讼") in words:
                        found.append(
                            (match.start(), Claim(key, 0, words, True, offset + match.start()))
                        )
        yield from (claim for _, claim in sorted(found, key=lambda item: item[0]))

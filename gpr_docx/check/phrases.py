"""What the narrative text says about the tables: quoted figures (R-2) and named years (R-3).

The patterns follow the common phrasings of real reports (收到政府信息公开申请450件、上年结转31件、
已办结454件、结转下年度继续办理27件、被申请行政复议3件、未收到政府信息公开申请、
无政府信息公开行政复议和提起行政诉讼情况). A clause that names another year, or speaks of
cumulative or year-on-year figures, is skipped: its numbers are not this year's table.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Final

import attrs

from .._zh import NAMED_YEAR, NUMERAL_CHARS, YEAR_DIGITS, number_value, year_value

__all__ = [
    "FIGURES",
    "Claim",
    "Figure",
    "NamedYear",
    "claims",
    "clauses",
    "named_years",
    "number_value",
]


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


_NUM: Final = rf"(?P<n>\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+|[{NUMERAL_CHARS}]+)"
_UNIT: Final = r"\s*(?:件|起|宗)(?![一档])"  # not 一件一档
_GAP = r"[^，。；、：:\d]"  # any char inside one clause that is not a digit

_OTHER_KIND: Final = (
    "复议|诉讼|许可|信访|投诉|举报|咨询|审批|补正|延期|形式|方式|渠道|途径|信函|当面|网络|互联网"
)
"""Words showing a 申请 is not a disclosure request of the year, or only a part of them (by channel)."""
_CHANGE: Final = "增|减|多|少|下降|上升|持平|降低|提高"
"""Words showing a number is a change against another period, not the figure itself."""
_OUTCOME: Final = (
    "维持|纠正|纠错|撤销|确认|驳回|终止|审结|结果|决定|判决|败诉|胜诉|调解|撤诉|诉|起诉"
)
"""Words showing a 行政复议/行政诉讼 number is one outcome, not the total."""


def _gap(size: int, *, stop: str = "") -> str:
    """Up to ``size`` characters of one clause, none of them a digit (nor the start of ``stop``)."""
    if stop:
        return rf"(?:(?!{stop}){_GAP}){{0,{size}}}?"
    return rf"{_GAP}{{0,{size}}}?"


_RECEIVE: Final = r"(?:收到|新收|受理|接收|接到)"
_NOT: Final = r"(?:未(?!经)|没有|无)"
_CASE_CHAR: Final = r"[^，。；、：:\d行和及与或各]"

# (figure key, pattern), most specific first; a span matched by one pattern is not matched again.
_PATTERNS: Final = tuple(
    (key, re.compile(pattern))
    for key, pattern in (
        (
            "review_and_litigation",
            rf"行政复议(?:和|及|、|与|或)(?:提起)?行政诉讼(?:案件)?{_gap(6, stop='各')}{_NUM}{_UNIT}",
        ),
        (
            "new_requests",
            rf"{_RECEIVE}{_gap(20, stop=_OTHER_KIND)}申请(?!人)"
            rf"{_gap(6, stop=f'办结|结转|答复|办理|处理|{_CHANGE}')}{_NUM}{_UNIT}",
        ),
        (
            "new_requests",
            rf"{_RECEIVE}(?:了)?(?:各类)?(?:共计|共|合计)?{_NUM}{_UNIT}{_gap(12, stop=_OTHER_KIND)}申请",
        ),
        ("carried_over", rf"上一?年度?结转{_gap(12, stop=_CHANGE)}{_NUM}{_UNIT}"),
        (
            "carried_forward",
            rf"结转(?:至|到|入)?(?:下一?年度?|\d{{4}}年度?){_gap(10, stop=_CHANGE)}{_NUM}{_UNIT}",
        ),
        (
            "handled",
            rf"(?<!逾期)(?<!延期)(?:办结|办理完结|办理完毕|已答复)(?:了)?(?:共计|共|合计)?{_NUM}{_UNIT}",
        ),
        (
            "handled",
            rf"(?<!逾期)(?<!延期)(?:办结|答复|回复){_gap(10, stop=_OTHER_KIND)}申请(?!人)"
            rf"{_gap(6, stop=f'率|{_CHANGE}')}{_NUM}{_UNIT}",
        ),
        (
            "review",
            rf"(?<!收到)(?<!受理)(?<!接到)(?<!办理)(?<!审理)(?<!审结)(?<!办结)行政复议"
            rf"(?:(?!{_OUTCOME}|{_CHANGE}|申请){_CASE_CHAR}){{0,10}}?{_NUM}{_UNIT}",
        ),
        (
            "litigation_direct",
            rf"未经(?:行政)?复议(?:直接)?(?:提起)?行政诉讼{_gap(6, stop=_OUTCOME)}{_NUM}{_UNIT}",
        ),
        (
            "litigation",
            rf"行政诉讼(?:(?!{_OUTCOME}|{_CHANGE}){_CASE_CHAR}){{0,10}}?{_NUM}{_UNIT}",
        ),
        ("licensing", rf"行政许可(?:决定)?{_gap(4, stop=f'申请|受理|{_CHANGE}')}{_NUM}\s*件"),
    )
)

_NO_REQUESTS: Final = re.compile(
    rf"(?:{_NOT}(?:收到|接到|受理|新收|发生|产生){_gap(20, stop=_OTHER_KIND)}申请"
    r"|无(?:任何)?(?:政府信息公开|依申请公开)申请)"
    rf"(?!人|[^，。；]{{0,6}}(?:投诉|举报|异议|意见|{_OTHER_KIND}))"
)
_NO_CARRIED_OVER: Final = re.compile(r"上一?年度?(?:无|没有)结转|无上一?年度?结转")
_NO_CASES: Final = re.compile(
    rf"{_NOT}(?:发生|出现|产生|涉及|收到|被)?{_gap(16, stop=_OUTCOME)}(?:行政复议|行政诉讼)"
    r"(?:(?:和|及|、|与|或)(?:被)?(?:提起)?(?:行政复议|行政诉讼))?"
    rf"(?![^，。；]{{0,6}}(?:{_OUTCOME})|申请)"
)

_CLAUSE_END: Final = re.compile(r"[。；;！？!?\n]")
_PART_END: Final = re.compile(r"[，,]")
_OTHER_TIME: Final = re.compile(
    r"累计|同比|环比|上年同期|去年同期|较上年|比上年|较去年|比去年|相比|相较"
)
_COMPARED_YEAR: Final = re.compile(r"(?:较|比|与|同|相较于?|相比于?)\s*$")
_BOOK_TITLE: Final = re.compile(
    rf"《[^》]*》|〔[^〕]*〕|\[[^\]]*\]|[（(]{YEAR_DIGITS}年(?:修订|修正)[）)]"
)
_REPORT_OF: Final = re.compile(r"\s*年度?(?:政府信息公开(?:工作)?)?(?:年度)?(?:工作)?(?:年报|报告)")
_DATE: Final = re.compile(r"\s*年\s*\d{1,2}\s*月")


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


@attrs.frozen
class NamedYear:
    """A year the text names (2024年, ２０２４年, 二〇二四年, 二○二四年 …), in the words ``clause``.

    ``looks_back`` when the year is only a point of reference — the base of a comparison (较2023年)
    or that year's report (2023年度报告中提出的问题); ``dated`` when a month follows (2025年1月).
    """

    year: int
    clause: str
    looks_back: bool = False
    dated: bool = False


def _titles_blanked(clause: str) -> str:
    """``clause`` with titles of laws and documents (《…》, 〔2021〕, （2019年修订）) blanked, same length."""
    return _BOOK_TITLE.sub(lambda match: "□" * len(match.group()), clause)


def named_years(text: str) -> Iterator[NamedYear]:
    """Each year ``text`` names, with the clause it is in; years inside 《》 and 〔〕 are titles."""
    for clause in clauses(text):
        bare = _titles_blanked(clause)
        for match in NAMED_YEAR.finditer(bare):
            before, after = bare[: match.start()], bare[match.end() :]
            yield NamedYear(
                year_value(match.group("year")),
                clause,
                looks_back=bool(_COMPARED_YEAR.search(before) or _REPORT_OF.match(after)),
                dated=bool(_DATE.match(after)),
            )


def _parts(clause: str) -> list[tuple[int, int]]:
    """The comma-separated parts of a clause, as spans."""
    bounds = [0, *(m.end() for m in _PART_END.finditer(clause)), len(clause) + 1]
    return [(start, end - 1) for start, end in itertools.pairwise(bounds)]


def _speaks_of_this_year(clause: str, parts: list[tuple[int, int]], at: int) -> bool:
    """Whether a figure at ``at`` is this year's own: its part is not 累计, 同比, 其中…, nor follows 与上年相比."""
    index = next(i for i, (start, end) in enumerate(parts) if start <= at <= end)
    words = clause[parts[index][0] : parts[index][1]].strip()
    previous = clause[parts[index - 1][0] : parts[index - 1][1]] if index else ""
    if words.startswith("其中") or _OTHER_TIME.search(words):
        return False
    return not re.search(r"(?:相比|相较|比较|同期)\s*[，,]?$", previous)


def _names_only_this_year(clause: str, year: int) -> bool:
    """No year but ``year`` in the clause, except the base of a comparison and 结转至 next year."""
    bare = _titles_blanked(clause)
    for match in NAMED_YEAR.finditer(bare):
        named = year_value(match.group("year"))
        before = bare[: match.start()]
        if named == year:
            continue
        if named == year + 1 and re.search(r"结转(?:至|到|入)?$", before):
            continue
        if _COMPARED_YEAR.search(before):
            continue
        return False
    return True


_NEGATIVES: Final = (
    (("new_requests",), _NO_REQUESTS),
    (("carried_over",), _NO_CARRIED_OVER),
    (("review", "litigation"), _NO_CASES),
)


def _candidates(clause: str) -> Iterator[tuple[re.Match[str], tuple[str, ...], bool]]:
    """Every phrase of a clause that states a figure: the match, its figure keys, whether it says none."""
    for key, pattern in _PATTERNS:
        for match in pattern.finditer(clause):
            yield match, (key,), False
    for keys, pattern in _NEGATIVES:
        for match in pattern.finditer(clause):
            words = match.group()
            named = tuple(k for k in keys if len(keys) == 1 or _CASE_WORD[k] in words)
            yield match, named, True


_CASE_WORD: Final = {"review": "复议", "litigation": "诉讼"}


def _clause_claims(clause: str, offset: int) -> list[Claim]:
    parts = _parts(clause)
    taken: list[tuple[int, int]] = []
    found: list[Claim] = []
    for match, keys, negative in _candidates(clause):
        start, end = match.span()
        if any(start < other_end and end > other_start for other_start, other_end in taken):
            continue
        taken.append((start, end))
        if not _speaks_of_this_year(clause, parts, start):
            continue
        value = 0 if negative else number_value(match.group("n"))
        found.extend(Claim(key, value, match.group(), negative, offset + start) for key in keys)
    return sorted(found, key=lambda claim: claim.start)


def claims(text: str, year: int) -> Iterator[Claim]:
    """Every figure ``text`` states about ``year``'s tables, clause by clause, in reading order.

    In one clause only the first statement of each figure counts: the ones after it are usually
    its breakdown (共收到申请30件，通过互联网收到申请20件).
    """
    for offset, clause in _clauses_at(text):
        if not _names_only_this_year(clause, year):
            continue
        stated: set[str] = set()
        for claim in _clause_claims(clause, offset):
            if claim.key not in stated:
                stated.add(claim.key)
                yield claim

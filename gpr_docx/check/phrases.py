"""What the narrative text says about the tables: quoted figures (R-2) and named years (R-3).

The patterns follow the common phrasings of real reports (收到政府信息公开申请450件、上年结转31件、
已办结454件、结转下年度继续办理27件、被申请行政复议3件、未收到政府信息公开申请、
无政府信息公开行政复议和提起行政诉讼情况). A clause that names another year, or speaks of
cumulative or year-on-year figures, is skipped: its numbers are not this year's table.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Final

import attrs

from .._zh import NAMED_YEAR, NUMERAL_CHARS, NUMERALS, YEAR_DIGITS, lines, number_value, year_value
from ..model import NotProcessed, OtherProcessing, Results, Unable, Withheld, label

__all__ = [
    "FIGURES",
    "Claim",
    "Figure",
    "NamedYear",
    "Share",
    "claims",
    "clauses",
    "named_years",
    "number_value",
    "numbered_items",
    "shares",
]


@attrs.frozen
class Figure:
    """A figure of the tables that text often quotes: its name and the cells that add up to it.

    ``name`` names a figure of many cells in messages (表三「（四）无法提供」各行); ``part`` marks a
    part of the requests or cases (an outcome category, a reason, a result of 复议), which the text
    states after 其中 as well.
    """

    key: str
    paths: tuple[str, ...]
    name: str = ""
    part: bool = False


_RESULTS: Final = "applications.results"
_GROUPS: Final = {"withheld": Withheld, "unable": Unable, "not_processed": NotProcessed}
"""The groups of result rows whose reasons the text names one by one."""
_CASE_GROUPS: Final = {
    "review": ("review",),
    "litigation": ("litigation_direct", "litigation_after_review"),
}
"""行政复议 and 行政诉讼 (both kinds) in table 四, for the outcomes the text names."""


def _group(name: str, cls: type) -> tuple[str, ...]:
    return tuple(f"{_RESULTS}.{name}.{f.name}.total" for f in attrs.fields(cls))


def _category_figures() -> Iterator[Figure]:
    """予以公开, 部分公开 and both, each group of table 三's results, and each named reason."""
    disclosed = f"{_RESULTS}.disclosed.total"
    partially = f"{_RESULTS}.partially_disclosed.total"
    yield Figure("disclosed", (disclosed,), part=True)
    yield Figure("partially_disclosed", (partially,), part=True)
    yield Figure(
        "disclosed_or_partially",
        (disclosed, partially),
        f"{label(Results, 'disclosed')}与{label(Results, 'partially_disclosed')[:5]}",
        part=True,
    )
    for name, cls in (*_GROUPS.items(), ("other", OtherProcessing)):
        group = label(Results, name)
        yield Figure(name, _group(name, cls), f"{group}各行", part=True)
        for field in attrs.fields(cls):
            yield Figure(field.name, (f"{_RESULTS}.{name}.{field.name}.total",), part=True)


def _outcome_figures() -> Iterator[Figure]:
    """The outcomes of 行政复议 and of 行政诉讼 (both kinds added up): 维持, 纠正, 其他, 尚未审结."""
    for case, groups in _CASE_GROUPS.items():
        for outcome in ("upheld", "corrected", "other", "pending"):
            paths = tuple(f"review_litigation.{g}.{outcome}" for g in groups)
            yield Figure(f"{case}.{outcome}", paths, part=True)


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
        *_category_figures(),
        *_outcome_figures(),
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

_RECEIVING: Final = ("收到", "新收", "受理", "接收", "接到")
"""The words of :data:`_RECEIVE`, one of which a clause must hold for it to match."""

# (figure key, pattern, anchors), most specific first; a span matched by one pattern is not
# matched again. The anchors are words of which every match holds at least one: a clause that holds
# none of them is not searched with the pattern (the patterns are the slow part of check()).
_PATTERNS: tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...] = tuple(
    (key, re.compile(pattern), anchors)
    for key, pattern, anchors in (
        (
            "review_and_litigation",
            rf"行政复议(?:和|及|、|与|或)(?:提起)?行政诉讼(?:案件)?{_gap(6, stop='各')}{_NUM}{_UNIT}",
            ("行政诉讼",),
        ),
        (
            "new_requests",
            rf"{_RECEIVE}{_gap(20, stop=_OTHER_KIND)}申请(?!人)"
            rf"{_gap(6, stop=f'办结|结转|答复|办理|处理|{_CHANGE}')}{_NUM}{_UNIT}",
            _RECEIVING,
        ),
        (
            "new_requests",
            rf"{_RECEIVE}(?:了)?(?:各类)?(?:共计|共|合计)?{_NUM}{_UNIT}{_gap(12, stop=_OTHER_KIND)}申请",
            _RECEIVING,
        ),
        ("carried_over", rf"上一?年度?结转{_gap(12, stop=_CHANGE)}{_NUM}{_UNIT}", ("结转",)),
        (
            "carried_forward",
            rf"结转(?:至|到|入)?(?:下一?年度?|\d{{4}}年度?){_gap(10, stop=_CHANGE)}{_NUM}{_UNIT}",
            ("结转",),
        ),
        (
            "handled",
            rf"(?<!逾期)(?<!延期)(?:办结|办理完结|办理完毕|已答复)(?:了)?(?:共计|共|合计)?{_NUM}{_UNIT}",
            ("办结", "办理完", "已答复"),
        ),
        (
            "handled",
            rf"(?<!逾期)(?<!延期)(?:办结|答复|回复){_gap(10, stop=_OTHER_KIND)}申请(?!人)"
            rf"{_gap(6, stop=f'率|{_CHANGE}')}{_NUM}{_UNIT}",
            ("办结", "答复", "回复"),
        ),
        (
            "review",
            rf"(?<!收到)(?<!受理)(?<!接到)(?<!办理)(?<!审理)(?<!审结)(?<!办结)行政复议"
            rf"(?:(?!{_OUTCOME}|{_CHANGE}|申请){_CASE_CHAR}){{0,10}}?{_NUM}{_UNIT}",
            ("行政复议",),
        ),
        (
            "litigation_direct",
            rf"未经(?:行政)?复议(?:直接)?(?:提起)?行政诉讼{_gap(6, stop=_OUTCOME)}{_NUM}{_UNIT}",
            ("行政诉讼",),
        ),
        (
            "litigation",
            rf"行政诉讼(?:(?!{_OUTCOME}|{_CHANGE}){_CASE_CHAR}){{0,10}}?{_NUM}{_UNIT}",
            ("行政诉讼",),
        ),
        (
            "licensing",
            rf"行政许可(?:决定)?{_gap(4, stop=f'申请|受理|{_CHANGE}')}{_NUM}\s*件",
            ("行政许可",),
        ),
    )
)

_CATEGORY_NAMES: Final = {
    "disclosed_or_partially": r"(?<!不)予以公开(?:及|和|与|、|或|以及)部分公开",
    "disclosed": r"(?<!不)(?<!主动)予以公开",
    "partially_disclosed": r"(?<!予以公开及)(?<!予以公开和)(?<!予以公开与)(?<!予以公开、)部分公开",
    "withheld": r"不予(?:以)?公开",
    "unable": r"无法提供",
    "not_processed": r"不予处理",
    "other": r"其他处理",
}
"""How the text names each outcome of table 三 (（一）…（六）), and 予以公开及部分公开 for both."""
_REASON_NAMES: Final = {
    "state_secret": r"国家秘密",
    "prohibited_by_law": r"法律(?:、|和|及)?行政法规禁止公开",
    "three_safeties_one_stability": r"三安全一稳定",
    "third_party_rights": r"第三方合法权益",
    "internal_affairs": r"内部事务信息",
    "process_information": r"过程性信息",
    "enforcement_files": r"行政执法案卷",
    "administrative_query": r"行政查询事项",
    "not_held": r"本机关不掌握(?:相关)?(?:政府)?(?:信息)?",
    "needs_creation": r"没有现成信息(?:需要另行制作)?|需(?:要)?另行制作",
    "unclear_after_correction": r"补正后(?:申请)?内容仍不明确",
    "complaint": r"信访(?:、)?举报(?:、)?投诉类?(?:申请)?",
    "duplicate": r"重复申请",
    "publication": r"(?:提供)?公开出版物",
    "excessive": r"大量(?:、)?反复申请",
    "confirm_or_reissue": r"确认或重新出具(?:已获取(?:的)?信息)?",
    "overdue_correction": r"逾期(?:不|未)补正",
    "overdue_fee": r"逾期未?(?:按收费通知要求)?缴纳(?:信息处理)?费(?:用)?",
}
"""How the text names each reason row of （三）…（六） (本机关不掌握相关政府信息 …)."""
_ANY_NAME: Final = "|".join((*_CATEGORY_NAMES.values(), *_REASON_NAMES.values()))
_NAME_STOP: Final = rf"{_ANY_NAME}|其中|占|率|{_CHANGE}|等"
_AS: Final = r"(?:的|类)?(?:申请|情形|情况)?(?:共计|共|合计|为|有)?"


_NAME_ANCHORS: Final = {
    "disclosed_or_partially": ("部分公开",),
    "disclosed": ("予以公开",),
    "partially_disclosed": ("部分公开",),
    "withheld": ("不予",),
    "unable": ("无法提供",),
    "not_processed": ("不予处理",),
    "other": ("其他处理",),
    "state_secret": ("国家秘密",),
    "prohibited_by_law": ("行政法规禁止公开",),
    "three_safeties_one_stability": ("三安全一稳定",),
    "third_party_rights": ("第三方合法权益",),
    "internal_affairs": ("内部事务信息",),
    "process_information": ("过程性信息",),
    "enforcement_files": ("行政执法案卷",),
    "administrative_query": ("行政查询事项",),
    "not_held": ("本机关不掌握",),
    "needs_creation": ("没有现成信息", "另行制作"),
    "unclear_after_correction": ("内容仍不明确",),
    "complaint": ("信访",),
    "duplicate": ("重复申请",),
    "publication": ("公开出版物",),
    "excessive": ("大量",),
    "confirm_or_reissue": ("确认或重新出具",),
    "overdue_correction": ("逾期",),
    "overdue_fee": ("逾期",),
}
"""Words every phrase of each name in :data:`_CATEGORY_NAMES` and :data:`_REASON_NAMES` holds
(one of them): a clause without them is not searched for that name."""


def _named_patterns(names: dict[str, str]) -> Iterator[tuple[str, str, tuple[str, ...]]]:
    """``予以公开 N 件`` (a few words between) and ``N 件予以公开`` for each name."""
    for key, name in names.items():
        anchors = _NAME_ANCHORS[key]
        yield key, rf"(?:{name}){_AS}{_gap(6, stop=_NAME_STOP)}{_NUM}{_UNIT}", anchors
        yield (
            key,
            rf"{_NUM}{_UNIT}(?:申请)?(?:为|属于|属|因)?(?:{name})(?![^，。；]{{0,4}}\d)",
            anchors,
        )


_OUTCOME_NAMES: Final = {
    "upheld": r"(?:结果)?维持(?:原)?(?:具体)?(?:行政行为|决定|答复)?",
    "corrected": r"(?:被)?(?:结果)?(?:纠错|纠正)",
    "other": r"其他结果",
    "pending": r"(?:尚)?未审结|正在审理(?:中)?|审理中",
}
"""How the text names each outcome of a 行政复议 or 行政诉讼 (which one: the nearest before)."""
_OUTCOME_ANCHORS: Final = {
    "upheld": ("维持",),
    "corrected": ("纠错", "纠正"),
    "other": ("其他结果",),
    "pending": ("审结", "审理"),
}
"""Words every phrase of each name in :data:`_OUTCOME_NAMES` holds (one of them)."""
_CASE_KIND: Final = re.compile(
    r"(?P<decided>办理|审理|审结|办结|收到|受理)?(?:行政)?(?:复议后起诉|复议|诉讼|起诉)(?P<decision>决定)?"
)
"""A 行政复议 or 行政诉讼 the outcomes belong to; one this body decides (办理行政复议, 复议决定) is not table 四's."""

_PATTERNS += tuple(
    (key, re.compile(pattern), anchors)
    for key, pattern, anchors in (
        (
            "carried_forward",
            rf"顺延(?:至|到|入)?(?:下一?年度?|\d{{4}}年度?)?{_gap(6, stop=_CHANGE)}{_NUM}{_UNIT}",
            ("顺延",),
        ),
        (
            "carried_forward",
            rf"{_NUM}{_UNIT}(?:申请)?(?:顺延|结转)(?:至|到|入)?(?:下一?年度?|\d{{4}}年度?)",
            ("顺延", "结转"),
        ),
        (
            "handled",
            rf"(?<!逾期)(?<!延期)(?<!当场)(?<!当面)(?<!电话)(?<!书面)(?<!口头)(?<!网上)答复"
            rf"(?:了)?(?:共计|共|合计)?{_NUM}{_UNIT}",
            ("答复",),
        ),
        *_named_patterns(_CATEGORY_NAMES),
        *_named_patterns(_REASON_NAMES),
        *(
            (
                f"*.{key}",
                rf"(?:{name}){_gap(2, stop=_NAME_STOP)}{_NUM}{_UNIT}",
                _OUTCOME_ANCHORS[key],
            )
            for key, name in _OUTCOME_NAMES.items()
        ),
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

_CLAUSE: Final = re.compile(r"[^。；;！？!?\n]+")
"""A clause: the text between two of 。；！？ and line ends."""
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
    for match in _CLAUSE.finditer(text):
        clause = match.group()
        stripped = clause.strip()
        if stripped:
            yield match.start() + len(clause) - len(clause.lstrip()), stripped


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


_ITEM_START: Final = r"(?:^|(?<=[。；;：:，,！!？?\n]))\s*"
_ITEM_MARKERS: Final = (
    re.compile(rf"{_ITEM_START}(?P<n>[{NUMERALS}]{{1,3}})是"),  # 一是…；二是…
    re.compile(rf"{_ITEM_START}第(?P<n>[{NUMERALS}]{{1,3}})[，,、是：:]"),  # 第一，…
    re.compile(rf"{_ITEM_START}[（(](?P<n>[{NUMERALS}]{{1,3}})[）)]"),  # （一）…
    re.compile(rf"{_ITEM_START}[（(]?(?P<n>\d{{1,2}})[)）.．、]"),  # 1. / 1、 / （1）
)
"""The ways a text numbers its points (一是, 第一, （一）, 1.), each at the start of a clause."""


def numbered_items(text: str) -> int:
    """How many points ``text`` makes: its numbered points, or else its paragraphs.

    Numbered points are counted by the longest run 1, 2, 3 … of one way of numbering (一是…二是…
    三是…, （一）…（二）…, 1.…2.…), so that the 1. 2. inside 一是… do not add up; a text without
    numbering counts one point per paragraph (non-empty line), a blank text none. Section 五 in
    prose is split into its problems and improvements when it is read (gpr_docx.parse), and this
    counts each of them (``P-IMPROVE-1`` of a rule profile: 逐条提出改进措施).

    >>> numbered_items("仍有不足：一是队伍建设有待加强；二是时效性不高；三是内容不全面。")
    3
    >>> numbered_items("（一）加强培训。1.分级培训；2.专题培训。（二）完善制度。")
    2
    """
    best = 0
    for marker in _ITEM_MARKERS:
        seen = {number_value(found.group("n")) for found in marker.finditer(text)}
        run = 0
        while run + 1 in seen:
            run += 1
        best = max(best, run)
    return best or len(lines(text))


def _parts(clause: str) -> list[tuple[int, int]]:
    """The comma-separated parts of a clause, as spans."""
    bounds = [0, *(m.end() for m in _PART_END.finditer(clause)), len(clause) + 1]
    return [(start, end - 1) for start, end in itertools.pairwise(bounds)]


def _speaks_of_this_year(
    clause: str, parts: list[tuple[int, int]], at: int, *, part: bool = False
) -> bool:
    """Whether a figure at ``at`` is this year's own: its part is not 累计, 同比, 其中… (unless the
    figure is itself a ``part`` of the requests or cases), nor follows 与上年相比."""
    index = next(i for i, (start, end) in enumerate(parts) if start <= at <= end)
    words = clause[parts[index][0] : parts[index][1]].strip()
    previous = clause[parts[index - 1][0] : parts[index - 1][1]] if index else ""
    if (words.startswith("其中") and not part) or _OTHER_TIME.search(words):
        return False
    if _ON_BEHALF.search(clause[parts[index][0] : at]):
        return False
    return not re.search(r"(?:相比|相较|比较|同期)\s*[，,]?$", previous)


_ON_BEHALF: Final = re.compile(r"代表[^，。；]{1,15}$")
"""「区政府办代表区政府受理申请17件」: the figure is the acting office's own count, a part of what
the tables count for the whole body, so it is not compared with them."""


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
    (("new_requests",), _NO_REQUESTS, ("申请",)),
    (("carried_over",), _NO_CARRIED_OVER, ("结转",)),
    (("review", "litigation"), _NO_CASES, ("行政复议", "行政诉讼")),
)
"""The phrases that say there was none, with words every one of them holds (as in :data:`_PATTERNS`)."""
_UNIT_WORDS: Final = frozenset(("件", "起", "宗"))
"""The units of :data:`_UNIT`: every pattern of :data:`_PATTERNS` ends its number with one."""
_NEGATION_WORDS: Final = frozenset(("未", "没有", "无"))
"""The words of :data:`_NOT`: every phrase of :data:`_NEGATIVES` holds one."""
_UNIT_OR_NEGATION_WORDS: Final = _UNIT_WORDS | _NEGATION_WORDS
_UNIT_OR_NEGATION: Final = re.compile("|".join(sorted(_UNIT_OR_NEGATION_WORDS)))

prefilter: bool = True
"""Whether a clause is searched only with the patterns whose anchor words it holds. The anchors are
necessary for a match, so this changes nothing but the time; it is a switch only so that the tests
can compare the results with and without it (tests/check/test_phrases_prefilter.py)."""


def _candidates(
    clause: str, present: frozenset[str] | None = None
) -> Iterator[tuple[re.Match[str], tuple[str, ...], bool]]:
    """Every phrase of a clause that states a figure: the match, its figure keys, whether it says none.

    ``present``: the anchor words the clause holds (:func:`_words_in`), when the prefilter is on.
    """
    positives: Sequence[int] = range(len(_PATTERNS))
    negatives: Sequence[int] = range(len(_NEGATIVES))
    if present is not None:
        positives = _chosen(present, _PATTERNS_BY_WORD) if present & _UNIT_WORDS else []
        negatives = _chosen(present, _NEGATIVES_BY_WORD) if present & _NEGATION_WORDS else []
    for index in positives:
        key, pattern, _ = _PATTERNS[index]
        for match in pattern.finditer(clause):
            yield match, (key,), False
    for index in negatives:
        keys, pattern, _ = _NEGATIVES[index]
        for match in pattern.finditer(clause):
            words = match.group()
            named = tuple(k for k in keys if len(keys) == 1 or _CASE_WORD[k] in words)
            yield match, named, True


_CASE_WORD: Final = {"review": "复议", "litigation": "诉讼"}


def _case_of(clause: str, at: int) -> str | None:
    """行政复议 or 行政诉讼, whichever the clause names last before ``at`` (复议后起诉 is a 诉讼)."""
    kinds = list(_CASE_KIND.finditer(clause, 0, at))
    if not kinds or kinds[-1].group("decided") or kinds[-1].group("decision"):
        return None
    return "review" if kinds[-1].group().endswith("复议") else "litigation"


def _clause_claims(clause: str, offset: int, present: frozenset[str] | None) -> list[Claim]:
    parts = _parts(clause)
    taken: list[tuple[int, int]] = []
    found: list[Claim] = []
    for match, named, negative in _candidates(clause, present):
        start, end = match.span()
        if any(start < other_end and end > other_start for other_start, other_end in taken):
            continue
        keys = named
        if named[0].startswith("*."):
            case = _case_of(clause, start)
            if case is None:
                continue
            keys = (f"{case}.{named[0][2:]}",)
        taken.append((start, end))
        if not _speaks_of_this_year(clause, parts, start, part=FIGURES[keys[0]].part):
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
        present = None
        if prefilter:
            if not _UNIT_OR_NEGATION.search(clause):
                continue  # no pattern can match: spare reading its years
            present = _words_in(clause)
        if not _names_only_this_year(clause, year):
            continue
        stated: set[str] = set()
        for claim in _clause_claims(clause, offset, present):
            if claim.key not in stated:
                stated.add(claim.key)
                yield claim


@attrs.frozen
class Share:
    """A percentage the text gives beside a figure (予以公开272件，占33.9%): figure ``key`` is
    ``percent`` % of figure ``base`` (all handled requests unless the words name another)."""

    key: str
    percent: Decimal
    base: str
    phrase: str
    start: int = 0


_PERCENT: Final = r"(?P<pct>\d{1,3}(?:\.\d{1,4})?)\s*[%％]"
_SHARE: Final = (
    rf"\s*[，,（(]?\s*(?:约)?占(?P<base>[^，。；、\d%％]{{0,16}}?)"
    rf"(?:的)?(?:比(?:例|重)?)?(?:为|达|约)?\s*{_PERCENT}"
)
_SHARE_PATTERNS: Final = tuple(
    (key, re.compile(rf"(?:{name}){_AS}(?:{_NUM}{_UNIT})?{_SHARE}"), _NAME_ANCHORS[key])
    for key, name in (*_CATEGORY_NAMES.items(), *_REASON_NAMES.items())
)
_RECEIVED_BASE: Final = re.compile(r"收到|新收|受理|接收|接到")
_HANDLED_BASE: Final = re.compile(r"办结|办理|答复|处理|结果")
_BARE_BASE: Final = re.compile(
    r"^(?:全部|所有|全年|本年度?|年度|政府信息公开|依申请公开|信息公开|申请|总数|总量|件数|数量|总|的|量|数|之)*$"
)


def _base_of(words: str) -> str | None:
    """The figure a share is taken of: 收到… → new requests, 办结…/nothing named → handled."""
    if _RECEIVED_BASE.search(words):
        return "new_requests"
    if _HANDLED_BASE.search(words) or _BARE_BASE.match(words):
        return "handled"
    return None


def shares(text: str, year: int) -> Iterator[Share]:
    """Every percentage ``text`` gives of an outcome of ``year``'s table 三, in reading order."""
    for offset, clause in _clauses_at(text):
        chosen: Sequence[int] = range(len(_SHARE_PATTERNS))
        if prefilter:
            if "占" not in clause or ("%" not in clause and "％" not in clause):
                continue  # no share to read: spare reading its years
            chosen = _chosen(_words_in(clause), _SHARES_BY_WORD)
        if not _names_only_this_year(clause, year):
            continue
        parts = _parts(clause)
        taken: list[tuple[int, int]] = []
        found: list[Share] = []
        for index in chosen:
            key, pattern, _ = _SHARE_PATTERNS[index]
            for match in pattern.finditer(clause):
                start, end = match.span()
                if any(start < e and end > s for s, e in taken):
                    continue
                taken.append((start, end))
                base = _base_of(match.group("base"))
                if base is None or not _speaks_of_this_year(clause, parts, start, part=True):
                    continue
                found.append(
                    Share(key, Decimal(match.group("pct")), base, match.group(), offset + start)
                )
        yield from sorted(found, key=lambda share: share.start)


# -- the prefilter: which anchor words a clause holds, in one pass --------------------------------

_ANCHORED: Final[tuple[tuple[tuple[str, ...], ...], ...]] = (
    tuple(anchors for *_, anchors in _PATTERNS),
    tuple(anchors for *_, anchors in _NEGATIVES),
    tuple(anchors for *_, anchors in _SHARE_PATTERNS),
)
_WORDS: Final = tuple(
    sorted(
        {word for group in _ANCHORED for anchors in group for word in anchors}
        | _UNIT_OR_NEGATION_WORDS
    )
)
"""Every anchor word."""


def _words_in(clause: str) -> frozenset[str]:
    """The anchor words ``clause`` holds (``in`` on each: faster than one regex of them all)."""
    return frozenset(word for word in _WORDS if word in clause)


def _by_word(group: Iterable[tuple[str, ...]]) -> dict[str, tuple[int, ...]]:
    """For each anchor word, the patterns (by index) that one of whose anchors it is."""
    index: dict[str, list[int]] = {}
    for number, anchors in enumerate(group):
        for word in anchors:
            index.setdefault(word, []).append(number)
    return {word: tuple(numbers) for word, numbers in index.items()}


_PATTERNS_BY_WORD: Final = _by_word(_ANCHORED[0])
_NEGATIVES_BY_WORD: Final = _by_word(_ANCHORED[1])
_SHARES_BY_WORD: Final = _by_word(_ANCHORED[2])


def _chosen(present: frozenset[str], by_word: dict[str, tuple[int, ...]]) -> list[int]:
    """The patterns (indices, in their order) that a clause holding the words ``present`` may match."""
    chosen: set[int] = set()
    for word in present:
        chosen.update(by_word.get(word, ()))
    return sorted(chosen)

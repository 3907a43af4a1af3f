"""The outline of a report, for reading and for filling: its headings, sub-headings, leads, placeholders.

A report has six numbered sections (:data:`gpr_docx.model.SECTION_HEADINGS`), written with small
variations (official-format.md §1.2); section 一 has five parts and 五 two, each either under a
numbered sub-heading (（一）主动公开) or led by a run-in phrase (一是政府信息管理情况。…); a blank form
says （文字描述） where text goes. The reader (:mod:`.narrative`) and the filler
(:mod:`gpr_docx.fill`) both find their way through a document with these functions, from the
texts of its paragraphs alone.

>>> is_section_heading("五、存在问题及改进情况", 5)
True
>>> subheading_field("（四）政府信息公开平台建设", 1), lead_field("一是政府信息管理情况。不断完善……")
('overview.platforms', 'management')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Final

import attrs

from .._zh import NUMERALS
from ..grid import Paragraph
from ..model import SECTION_HEADINGS, Overview, Report, label
from .labels import LabelIndex, core, coverage, normalize, numbering, shared_pairs

__all__ = [
    "SUBHEADINGS",
    "TITLE_WORD",
    "is_placeholder",
    "is_section_heading",
    "is_subheading",
    "lead_field",
    "section_starts",
    "subheading_field",
    "title_index",
]

_HEADING_MAX: Final = 40
_HEADING_COVERAGE: Final = 0.6
_SUBHEADING_MAX: Final = 30
_SUBHEADING_NUMBER: Final = re.compile(rf"^(?:\(([{NUMERALS}\d])\)|(\d)\.)")
_PLACEHOLDER: Final = re.compile(r"^\(文字描述.*\)$")
_LEAD: Final = re.compile(
    rf"^(?:[{NUMERALS}]是|\([{NUMERALS}\d]+\)|[{NUMERALS}]+、|\d+\.)"
    r"(?P<lead>[^。:;!?]{2,24})[。:;]"
)
_OVERVIEW_NAMES: Final = {label(Overview, f.name): f.name for f in attrs.fields(Overview)}
_OVERVIEW_LABELS: Final = LabelIndex(tuple(_OVERVIEW_NAMES), numbered=False)
_PART_FIVE: Final = {"一": "problems", "二": "improvements", "1": "problems", "2": "improvements"}

TITLE_WORD: Final = "报告"
"""The word every report's title has (…年度报告): the title is the first line before 一 with it."""

SUBHEADINGS: Final[dict[int, tuple[tuple[str, str], ...]]] = {
    1: tuple(
        (f"overview.{f.name}", f"（{NUMERALS[i]}）{label(Overview, f.name)}")
        for i, f in enumerate(attrs.fields(Overview))
    ),
    5: tuple((name, label(Report, name)) for name in ("problems", "improvements")),
}
"""The official sub-headings of sections 一 and 五, in order: (field path, heading as written)."""


def is_section_heading(text: str, number: int, heading: str | None = None) -> bool:
    """Whether ``text`` is top-level heading ``number`` (1–6), with the wording variants of §1.2.

    ``heading`` is the official wording (by default ``SECTION_HEADINGS[number - 1]``); the text must
    carry the number (``一、``, ``一``, ``1.``) and most of the heading's character pairs.
    """
    value = normalize(text)
    if not value or len(value) > _HEADING_MAX or value.endswith("。"):
        return False
    prefix = re.match(rf"^(?:{NUMERALS[number - 1]}|{number})(?![\d{NUMERALS}])[、.,]?", value)
    if prefix is None:
        return False
    rest = core(value[prefix.end() :])
    target = core(heading if heading is not None else SECTION_HEADINGS[number - 1])
    return rest == target or coverage(rest, target) >= _HEADING_COVERAGE


def section_starts(paragraphs: Sequence[Paragraph[Any]]) -> tuple[int | None, ...]:
    """The index of each of the six section headings among ``paragraphs``, ``None`` if not found.

    Each is looked for after the one before it, by the text a reader sees or the typed text alone.
    """
    starts: list[int | None] = []
    position = 0
    for number, heading in enumerate(SECTION_HEADINGS, start=1):
        found = next(
            (
                i
                for i in range(position, len(paragraphs))
                if is_section_heading(paragraphs[i].text, number, heading)
                or is_section_heading(paragraphs[i].typed, number, heading)
            ),
            None,
        )
        starts.append(found)
        if found is not None:
            position = found + 1
    return tuple(starts)


def title_index(texts: Sequence[str]) -> int | None:
    """The index of the title among ``texts`` (those before section 一): the first naming 报告."""
    return next((i for i, text in enumerate(texts) if TITLE_WORD in normalize(text)), None)


def is_placeholder(text: str) -> bool:
    """Whether ``text`` is a blank form's （文字描述…） placeholder, where narrative text goes."""
    return bool(_PLACEHOLDER.match(normalize(text)))


def is_subheading(text: str) -> bool:
    """Whether ``text`` is short enough, and not a sentence, to be a sub-heading."""
    value = normalize(text)
    return bool(value) and len(value) <= _SUBHEADING_MAX and not value.endswith("。")


def subheading_field(text: str, section: int) -> str | None:
    """The field a sub-heading of section 一 or 五 starts (``overview.on_request``, ``problems``), if any.

    A sub-heading is short, numbered (（一）…) and names its part: one of the five areas of 一, or
    for 五 a word of 存在的主要问题 / 改进情况 (``（二）2025年工作改进措施`` is fine).
    """
    if not is_subheading(text) or not numbering(text):
        return None
    if section == 1:
        hit = _OVERVIEW_LABELS.match(text)
        if len(hit) == 1:
            return f"overview.{_OVERVIEW_NAMES[next(iter(hit))]}"
    if section == 5:
        number = _SUBHEADING_NUMBER.match(normalize(text))
        part = _PART_FIVE.get(number.group(1) or number.group(2)) if number else None
        if part and coverage(core(text), core(label(Report, part))) > 0:
            return part
    return None


def lead_field(text: str) -> str | None:
    """The part of section 一 (an ``Overview`` field name) a paragraph's numbered lead names, if one.

    ``一是政府信息管理情况。…`` and ``（二）平台建设：…`` name one of the five areas; the lead must
    name exactly one, by the label matching or by sharing the most character pairs with it.
    """
    found = _LEAD.match(normalize(text))
    if found is None:
        return None
    lead = found.group("lead")
    hit = _OVERVIEW_LABELS.match(lead)
    if len(hit) == 1:
        return _OVERVIEW_NAMES[next(iter(hit))]
    if hit:
        return None
    # Ranked by the share of the label's pairs the lead has, then by their number: the lead
    # 政府信息公开监督保障情况 has all of 监督保障 but only the common words of 政府信息公开平台建设.
    pairs = {
        name: (coverage(core(lead), core(text)), shared_pairs(core(lead), core(text)))
        for text, name in _OVERVIEW_NAMES.items()
    }
    best = max(pairs.values())
    winners = [name for name, score in pairs.items() if score == best]
    return winners[0] if best[1] >= 2 and len(winners) == 1 else None

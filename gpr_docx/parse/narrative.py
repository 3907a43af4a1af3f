"""The texts of a report from its paragraphs: title, preface, year, agency, the six sections, signature
and date.

The paragraphs come from any front end as :class:`gpr_docx.grid.Paragraph` s, in reading order (body
text only, not the tables' cells). The sections are found by their headings (:mod:`.outline`); the
title is the first line naming 报告 before section 一, with the short lines above it; the year is
the title's (2024年, 二〇二四年 …, see :mod:`gpr_docx._zh`) or the statistics period's in the
preface; the agency is the right-aligned signature at the end, or the title's words before the year
(after it, in a title that puts the year first: 2019年某某局政府信息公开工作年度报告); the 成文日期
is the line under the signature that is only a date (2025年1月20日, 二〇二五年一月二十日).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from typing import Any, Final

import attrs

from .._zh import NAMED_YEAR, NUMERALS, YEAR_DIGITS, chinese_digits, date_value, lines, year_value
from ..errors import ReportTitleError
from ..form import Location, report_location
from ..grid import Paragraph
from ..model import SECTION_HEADINGS, Overview, label
from .labels import normalize
from .outline import lead_field, section_starts, subheading_field, title_index
from .result import Note, NoteKind
from .traditional import TRADITIONAL

__all__ = ["Narrative", "read_narrative", "report_year"]

_EARLIEST: Final = 1900
_LATEST: Final = 2099
_PERIOD: Final = re.compile(rf"(?P<year>{YEAR_DIGITS})年1月1日")
_DATE: Final = re.compile(rf"^{YEAR_DIGITS}年[\d{NUMERALS}]{{1,3}}月[\d{NUMERALS}]{{1,3}}日$")
"""A line written as a date (spaces dropped), whether or not the day exists (2025年2月30日)."""
_SIGNATURE_MAX: Final = 40
_TITLE_LINE_MAX: Final = 30
_TITLE_TAILS: Final = ("政府信息公开", "政务公开", "信息公开")
"""Where the agency's name ends in a title that puts the year first."""
_SIMPLIFIED: Final = str.maketrans(TRADITIONAL)


def report_year(title: str) -> int | None:
    """The report year a title names: its first year (2024年, 二〇二四年, 二○二四年 …) from 1900 to 2099.

    >>> report_year("某某局二○二三年政府信息公开工作年度报告")
    2023
    """
    for found in NAMED_YEAR.finditer(normalize(title)):
        year = year_value(found.group("year"))
        if _EARLIEST <= year <= _LATEST:
            return year
    return None


def _period_year(preface: Iterable[str]) -> int | None:
    """The year of the statistics period the preface gives (自2024年1月1日起……)."""
    for line in preface:
        found = _PERIOD.search(normalize(line))
        if found is not None:
            year = year_value(found.group("year"))
            if _EARLIEST <= year <= _LATEST:
                return year
    return None


@attrs.frozen
class Narrative:
    """What the paragraphs say: the report's text fields (data) and notes on how they were read."""

    data: dict[str, Any]
    """``year``, ``agency``, ``title``, ``preface``, ``overview``, ``problems``, ``improvements``,
    ``other_matters`` and ``date``, as the data format has them."""
    notes: tuple[Note, ...]


def read_narrative(paragraphs: Sequence[Paragraph[Any]], *, name: str = "") -> Narrative:
    """Read the texts of a report from its body ``paragraphs`` (``name`` places errors).

    Raises :class:`~gpr_docx.errors.ReportTitleError` when no report year can be found.
    """
    return _Narrative(name).read(paragraphs)


def _lines(paragraphs: Iterable[Paragraph[Any]]) -> list[str]:
    return [line for p in paragraphs for line in lines(p.text)]


class _Narrative:
    """One reading of one document's paragraphs, collecting its notes."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.notes: list[Note] = []

    def read(self, paragraphs: Sequence[Paragraph[Any]]) -> Narrative:
        starts = section_starts(paragraphs)
        for heading, start in zip(SECTION_HEADINGS, starts, strict=True):
            if start is None:
                self.notes.append(Note(NoteKind.MISSING, f"找不到标题“{heading}”，此部分文字为空"))
        sections: list[Sequence[Paragraph[Any]]] = []
        for index, start in enumerate(starts):
            if start is None:
                sections.append([])
                continue
            end = next((s for s in starts[index + 1 :] if s is not None), len(paragraphs))
            sections.append(paragraphs[start + 1 : end])
        first = next((s for s in starts if s is not None), len(paragraphs))
        sixth, signature, dated = _split_signature(sections[5])
        title, preface = _title(paragraphs[:first])
        year = report_year(title) or _period_year(preface)
        if year is None:
            raise ReportTitleError(
                f"标题中找不到报告年度（标题：{title or '无'}）", place=self.name
            )
        agency = signature or _agency_from_title(title, year)
        if not agency:
            self.notes.append(Note(NoteKind.MISSING, "标题和落款中都找不到报告机关，报告机关为空"))
        default = f"{agency}{year}年政府信息公开工作年度报告"
        for number in (2, 3, 4):
            if _lines(sections[number - 1]):
                self.notes.append(
                    Note(
                        NoteKind.INFO,
                        "此部分表格以外的文字没有对应的数据项，未读入",
                        Location(SECTION_HEADINGS[number - 1]),
                    )
                )
        problems, improvements = self._section_five(_lines(sections[4]), year)
        data = {
            "year": year,
            "agency": agency,
            "title": None if normalize(title) == normalize(default) else title,
            "preface": "\n".join(preface),
            "overview": self._overview(_lines(sections[0])),
            "problems": problems,
            "improvements": improvements,
            "other_matters": "\n".join(sixth),
            "date": self._date(dated),
        }
        return Narrative(data, tuple(self.notes))

    def _date(self, dated: Sequence[str]) -> datetime.date | None:
        """The 成文日期: the last of the ``dated`` lines of the signature block, when it is a day
        that exists; a date that cannot be (2025年2月30日) is noted, never guessed."""
        if not dated:
            return None
        written = dated[-1]
        if len(dated) > 1:
            self.notes.append(
                Note(
                    NoteKind.INFO,
                    f"落款处有 {len(dated)} 个日期，成文日期取最后一个",
                    report_location("date"),
                    "、".join(dated),
                )
            )
        day = date_value(normalize(written))
        if day is None:
            self.notes.append(
                Note(
                    NoteKind.UNREADABLE,
                    "成文日期不是实有的日期，未读入",
                    report_location("date"),
                    written,
                )
            )
        return day

    def _overview(self, lines: list[str]) -> dict[str, str]:
        if not any(subheading_field(line, 1) for line in lines):
            return self._overview_by_leads(lines)
        texts: dict[str, list[str]] = {f.name: [] for f in attrs.fields(Overview)}
        current: str | None = None
        loose: list[str] = []
        for line in lines:
            field = subheading_field(line, 1)
            if field is not None:
                current = field.removeprefix("overview.")
                continue
            (texts[current] if current else loose).append(line)
        return self._overview_texts(texts, loose)

    def _overview_by_leads(self, lines: list[str]) -> dict[str, str]:
        """Section 一 without sub-headings: paragraphs led by ``一是政府信息管理情况。`` start a part."""
        texts: dict[str, list[str]] = {f.name: [] for f in attrs.fields(Overview)}
        current: str | None = None
        loose: list[str] = []
        for line in lines:
            name = lead_field(line)
            if name is not None and not texts[name]:
                current = name
            (texts[current] if current else loose).append(line)
        if current is not None:
            self.notes.append(
                Note(
                    NoteKind.INFO,
                    "一、总体情况没有小标题，按段首（如“一是……情况。”）分入五个方面",
                    Location(SECTION_HEADINGS[0]),
                )
            )
        return self._overview_texts(texts, loose)

    def _overview_texts(self, texts: dict[str, list[str]], loose: list[str]) -> dict[str, str]:
        names = list(texts)
        if loose:
            texts[names[0]] = loose + texts[names[0]]
            self.notes.append(
                Note(
                    NoteKind.INFO,
                    f"一、总体情况中有未按五个方面分小标题的文字，记入“{label(Overview, names[0])}”",
                    Location(SECTION_HEADINGS[0]),
                )
            )
        return {n: "\n".join(v) for n, v in texts.items()}

    def _section_five(self, lines: list[str], year: int) -> tuple[str, str]:
        parts: dict[str, list[str]] = {"problems": [], "improvements": []}
        current: str | None = None
        loose: list[str] = []
        for line in lines:
            field = subheading_field(line, 5) if current != "improvements" else None
            wanted = "problems" if current is None else "improvements"
            if field is not None and field == wanted:
                current = field
                continue
            (parts[current] if current else loose).append(line)
        if current is None and loose:
            return self._section_five_prose(loose, year)
        if loose:
            parts["problems"] = loose + parts["problems"]
        return "\n".join(parts["problems"]), "\n".join(parts["improvements"])

    def _section_five_prose(self, lines: list[str], year: int) -> tuple[str, str]:
        """Section 五 without sub-headings: the improvements start at the first sentence that leads
        into them (针对存在的问题…, 下一步…, 2025年，我们将…); before it are the problems."""
        lead = _improvements_lead(year)
        for index, line in enumerate(lines):
            found = lead.search(line)
            if found is None or (index == 0 and found.start() == 0):
                continue
            before, after = line[: found.start()].rstrip(), line[found.start() :].lstrip()
            problems = [*lines[:index], *([before] if before else [])]
            self.notes.append(
                Note(
                    NoteKind.INFO,
                    f"五、未分（一）（二）两部分，从“{after.lstrip()[:8]}”起记入“改进情况”，"
                    "之前记入“存在的主要问题”",
                    Location(SECTION_HEADINGS[4]),
                )
            )
            return "\n".join(problems), "\n".join([after, *lines[index + 1 :]])
        self.notes.append(
            Note(
                NoteKind.INFO,
                "五、未分（一）存在的主要问题、（二）改进情况两部分，全文记入“存在的主要问题”",
                Location(SECTION_HEADINGS[4]),
            )
        )
        return "\n".join(lines), ""


def _improvements_lead(year: int) -> re.Pattern[str]:
    """Where the improvements start in prose: a paragraph or sentence that opens with 针对…问题,
    下一步, 今后, 改进措施：, or the next year and what will be done (2025年，我们将)."""
    next_year = rf"(?:{year + 1}|{chinese_digits(year + 1)})年度?"
    return re.compile(
        r"(?:^|(?<=[。；！]))\s*(?="
        r"针对[^。；]{0,12}(?:问题|不足|差距)"
        r"|下一步|下一阶段|下阶段|今后|新的一年|下一年度?|明年"
        r"|(?:改进|整改)(?:措施|情况|方向)[：:]"
        rf"|{next_year}[，,]?[^。；，]{{0,12}}?(?:将|要|继续|进一步)"
        r")"
    )


def _title(front: Sequence[Paragraph[Any]]) -> tuple[str, list[str]]:
    """The title (with the short lines above it) and the preface lines after it."""
    found = _lines(front)
    at = title_index(found)
    if at is None:
        return "", found[1:] if found else []
    head = [line for line in found[:at] if len(normalize(line)) <= _TITLE_LINE_MAX]
    return "".join([*head, found[at]]), found[at + 1 :]


def _split_signature(paragraphs: Sequence[Paragraph[Any]]) -> tuple[list[str], str, list[str]]:
    """The last section's lines without the signature block at their end, the signer, and the
    block's lines written as a date (top to bottom), which are no text of the section.

    The block is read line by line, so a signature and its date in one paragraph (a line break
    between them, as web pages write it) are read as in two.
    """
    marked = [(line, p.right_aligned) for p in paragraphs for line in lines(p.text)]
    end = len(marked)
    signer = ""
    dated: list[str] = []
    while end > 0:
        line, right_aligned = marked[end - 1]
        text = normalize(line)
        if not text:  # only invisible characters
            pass
        elif _DATE.match(text):
            dated.insert(0, line)
        elif right_aligned and len(text) <= _SIGNATURE_MAX:
            signer = line
        else:
            break
        end -= 1
    return [line for line, _ in marked[:end]], signer, dated


def _agency_from_title(title: str, year: int) -> str:
    """The agency a title names, as written: 某某局 of 某某局2024年……报告, or of a title that puts
    the year first, 2019年某某局政府信息公开工作年度报告 (the words between the year and
    政府信息公开). ``关于2022年度政府信息公开情况的报告`` names none.
    """
    value = title.strip()
    simple = value.translate(_SIMPLIFIED)  # one character for one: places stay the same
    for found in NAMED_YEAR.finditer(value):
        if year_value(found.group("year")) != year:
            continue
        head = value[: found.start()].rstrip()
        if simple[: len(head)].endswith("关于"):
            head = head[:-2]
        if simple.startswith("关于"):
            head = head[2:]
        if head.strip():
            return head.strip()
        after = re.match(r"\s*年\s*度?", simple[found.end() :])
        start = found.end() + (after.end() if after else 0)
        ends = [i for tail in _TITLE_TAILS if (i := simple.find(tail, start)) >= 0]
        return value[start : min(ends)].strip() if ends else ""
    return ""

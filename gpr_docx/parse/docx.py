"""Word → report: read an official-form .docx made by anyone back into a :class:`~gpr_docx.model.Report`.

Tables are found and read by their labels (:mod:`gpr_docx.locate`), the narrative by its headings
(the variants of official-format.md §1.2 included), the year and agency from the title and the
signature. Nothing is guessed: a blank data cell counts as 0 and a ``/``, ``—`` or ``无`` as not
applicable (also 0 in the report), and both are recorded in :attr:`ParsedReport.notes`, as is every
cell that cannot be read, with its table, row label, column label and raw text (see docs/parsing.md).
"""

from __future__ import annotations

import enum
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, Final, Literal

import attrs
from lxml import etree

from ..errors import (
    MISSING_PART,
    UNREADABLE_CELL,
    BrokenDocxError,
    LegacyFormatError,
    NotAReportError,
    ReportTitleError,
)
from ..findings import Finding, Severity, sort_findings
from ..form import Location, cell_location
from ..model import (
    APPLICANT_COLUMNS,
    SECTION_HEADINGS,
    ApplicantRow,
    Overview,
    Report,
    Results,
    label,
)
from ..oxml import (
    DEFAULT_LIMITS,
    NUMBERING_PART,
    STYLES_PART,
    Limits,
    ListNumbering,
    block_items,
    element_text,
    open_docx,
    w,
)
from ..schema import SCHEMA, structure
from .cells import (
    FORM_INDEX,
    LabelIndex,
    Located,
    LocatedCell,
    StrayCell,
    TableSpec,
    core,
    locate,
    normalize,
    numbering,
    visible,
)

__all__ = [
    "Edition",
    "Note",
    "NoteKind",
    "ParsedReport",
    "is_section_heading",
    "lead_field",
    "parse_docx",
    "subheading_field",
]

Edition = Literal["2021", "2019"]
"""The edition of the official form a document follows."""


class NoteKind(enum.StrEnum):
    """What a note says about a cell or a part of the document."""

    BLANK = "blank"
    """A data cell left empty: counted as 0."""
    NOT_APPLICABLE = "not_applicable"
    """A data cell holding ``/``, ``—``, ``-`` or ``无``: not applicable, counted as 0."""
    UNREADABLE = "unreadable"
    """A value that could not be read (text, a negative number, two different values); counted as 0."""
    MISSING = "missing"
    """A table, cell or part of the form that is not in the document."""
    INFO = "info"
    """How something was read that a reader should know (2019 format, text placed in a section)."""


@attrs.frozen
class Note:
    """One remark about the document: what, where (by the form's official names) and the raw text."""

    kind: NoteKind
    message: str
    location: Location | None = None
    """The cell (named as :func:`gpr_docx.form.cell_location` names it), table or section; for a
    cell that maps to no field, the document's own row and column labels."""
    text: str = ""
    """The document's text at that place."""

    @property
    def field(self) -> str | None:
        """Dotted path of the data field the note is about, when there is one."""
        return self.location.path or None if self.location is not None else None

    def __str__(self) -> str:
        raw = f"（原文：{self.text!r}）" if self.text else ""
        place = f"{self.location}：" if self.location is not None else ""
        return f"{place}{self.message}{raw}"


@attrs.frozen
class ParsedReport:
    """A report read from Word, the form version it used, and every note about how it was read."""

    report: Report
    edition: Edition
    notes: tuple[Note, ...] = ()
    undivided_other: ApplicantRow | None = None
    """2019 format only: the single （六）其他处理 row, which the 2021 form splits in three (not guessed)."""
    source: str = ""

    def fields_noted(self, kind: NoteKind) -> frozenset[str]:
        """Dotted paths of the data fields with a note of ``kind`` (e.g. every blank cell)."""
        return frozenset(n.field for n in self.notes if n.kind is kind and n.field)

    @property
    def blank(self) -> frozenset[str]:
        return self.fields_noted(NoteKind.BLANK)

    @property
    def not_applicable(self) -> frozenset[str]:
        return self.fields_noted(NoteKind.NOT_APPLICABLE)

    @property
    def gaps(self) -> tuple[Note, ...]:
        """Notes about what could not be read or was not found."""
        return tuple(n for n in self.notes if n.kind in (NoteKind.UNREADABLE, NoteKind.MISSING))

    def findings(self) -> list[Finding]:
        """The :attr:`gaps` as error findings (GPR511, GPR512), to list beside the rules' findings."""
        return sort_findings(
            Finding(
                rule=UNREADABLE_CELL if note.kind is NoteKind.UNREADABLE else MISSING_PART,
                severity=Severity.ERROR,
                location=_note_location(note),
                message=f"{note.message}（原文：{note.text}）" if note.text else note.message,
                actual=note.text or None,
            )
            for note in self.gaps
        )


def _note_location(note: Note) -> Location:
    """Where a note's finding is: the note's own place with the raw text quoted, or the document."""
    if note.location is None:
        return Location("文档", phrase=note.text)
    return attrs.evolve(note.location, phrase=note.text)


def parse_docx(
    source: str | os.PathLike[str] | bytes, *, limits: Limits = DEFAULT_LIMITS
) -> ParsedReport:
    """Read a .docx (a path or its bytes) into a :class:`ParsedReport` with its notes."""
    with open_docx(source, limits=limits) as package:
        root = package.document()
        styles = package.xml(STYLES_PART) if package.has(STYLES_PART) else None
        numbering = package.xml(NUMBERING_PART) if package.has(NUMBERING_PART) else None
        name = package.name
    body = root.find(w("body"))
    if body is None:
        raise BrokenDocxError("word/document.xml 中没有正文（w:body）", place=name)
    return _Reader(body, styles, ListNumbering(numbering, styles), name).read()


# -- values -------------------------------------------------------------------------------------

_OTHER_ROWS: Final = "applications.results.other."
_NOT_APPLICABLE: Final = frozenset({"/", "-", "—", "–", "--", "——", "无", "\\"})
_GROUPED: Final = re.compile(r"\d{1,3}(?:,\d{3})+")


def _read_value(text: str, *, fee: bool) -> tuple[NoteKind | None, int | Decimal]:
    """``(None, value)`` for a number, else the note kind and 0."""
    value = re.sub(r"\s+", "", unicodedata.normalize("NFKC", visible(text)))
    if not value:
        return NoteKind.BLANK, 0
    if value in _NOT_APPLICABLE:
        return NoteKind.NOT_APPLICABLE, 0
    value = value.removesuffix("万元") if fee else value.removesuffix("件")
    if _GROUPED.fullmatch(value.split(".")[0]):
        value = value.replace(",", "")
    if value.isascii() and value.isdigit():
        return None, Decimal(value) if fee else int(value)
    if fee and re.fullmatch(r"\d+\.\d{1,4}", value):
        return None, Decimal(value)
    return NoteKind.UNREADABLE, 0


_VALUE_MESSAGES: Final = {
    NoteKind.BLANK: "空白，按 0 计",
    NoteKind.NOT_APPLICABLE: "填写为不适用，按 0 计",
    NoteKind.UNREADABLE: "无法读取为数值，按 0 计，请核对原文",
}

# -- narrative ----------------------------------------------------------------------------------

_CN_DIGITS: Final = "〇一二三四五六七八九"
_CN_ZEROS: Final = "零○◯OΟ0"
"""Written for 〇 in years in the wild: 零, a white circle, a Latin or Greek capital O, a zero."""
_CN_NUMERALS: Final = "一二三四五六七八九十"
_YEAR: Final = re.compile(r"((?:19|20)\d{2})年")
_CN_YEAR: Final = re.compile(rf"(二[{_CN_DIGITS}{_CN_ZEROS}]{{3}})年")
_PERIOD: Final = re.compile(r"((?:19|20)\d{2})年1月1日")
_DATE: Final = re.compile(
    rf"^(?:\d{{4}}|[{_CN_DIGITS}{_CN_ZEROS}]{{4}})年[\d{_CN_NUMERALS}]{{1,3}}月[\d{_CN_NUMERALS}]{{1,3}}日$"
)
_SUBHEADING_NUMBER: Final = re.compile(rf"^(?:\(([{_CN_NUMERALS}\d])\)|(\d)\.)")
_HEADING_MAX: Final = 40
_HEADING_COVERAGE: Final = 0.6


def _year_of(text: str) -> int | None:
    value = normalize(text)
    found = _YEAR.search(value)
    if found:
        return int(found.group(1))
    found = _CN_YEAR.search(value)
    if found:
        digits = "".join("〇" if d in _CN_ZEROS else d for d in found.group(1))
        return int("".join(str(_CN_DIGITS.index(d)) for d in digits))
    return None


def _coverage(text: str, target: str) -> float:
    """Share of ``target``'s character bigrams found in ``text``."""
    grams = {target[i : i + 2] for i in range(len(target) - 1)}
    if not grams:
        return 0.0
    return sum(1 for g in grams if g in text) / len(grams)


def is_section_heading(text: str, number: int, heading: str) -> bool:
    """Whether ``text`` is top-level heading ``number`` (1–6), with the wording variants of §1.2."""
    value = normalize(text)
    if not value or len(value) > _HEADING_MAX or value.endswith("。"):
        return False
    prefix = re.match(
        rf"^(?:{_CN_NUMERALS[number - 1]}|{number})(?![\d{_CN_NUMERALS}])[、.,]?", value
    )
    if prefix is None:
        return False
    rest = core(value[prefix.end() :])
    target = core(heading)
    return rest == target or _coverage(rest, target) >= _HEADING_COVERAGE


def _is_subheading(text: str) -> bool:
    value = normalize(text)
    return bool(value) and len(value) <= 30 and not value.endswith("。")


_OVERVIEW_LABELS: Final = LabelIndex(
    tuple(label(Overview, f.name) for f in attrs.fields(Overview)), numbered=False
)
_PART_FIVE: Final = {"一": "problems", "二": "improvements", "1": "problems", "2": "improvements"}


_LEAD: Final = re.compile(
    rf"^(?:[{_CN_NUMERALS}]是|\([{_CN_NUMERALS}\d]+\)|[{_CN_NUMERALS}]+、|\d+\.)"
    r"(?P<lead>[^。:;!?]{2,24})[。:;]"
)


def lead_field(text: str) -> str | None:
    """The part of section 一 (an ``Overview`` field name) a paragraph's numbered lead names, if one.

    ``一是政府信息管理情况。…`` and ``（二）平台建设：…`` name one of the five areas; the lead must
    name exactly one, by the label matching or by sharing the most character pairs with it.
    """
    found = _LEAD.match(normalize(text))
    if found is None:
        return None
    lead = found.group("lead")
    names = {label(Overview, f.name): f.name for f in attrs.fields(Overview)}
    hit = _OVERVIEW_LABELS.match(lead)
    if len(hit) == 1:
        return names[next(iter(hit))]
    if hit:
        return None
    pairs = {name: _shared_pairs(core(lead), core(text)) for text, name in names.items()}
    best = max(pairs.values())
    winners = [name for name, shared in pairs.items() if shared == best]
    return winners[0] if best >= 2 and len(winners) == 1 else None


def _shared_pairs(a: str, b: str) -> int:
    return len(
        {a[i : i + 2] for i in range(len(a) - 1)} & {b[i : i + 2] for i in range(len(b) - 1)}
    )


def subheading_field(text: str, section: int) -> str | None:
    """The field a sub-heading of section 一 or 五 starts (``overview.on_request``, ``problems``), if any.

    A sub-heading is short, numbered (（一）…) and names its part: one of the five areas of 一, or
    for 五 a word of 存在的主要问题 / 改进情况 (``（二）2025年工作改进措施`` is fine).
    """
    if not _is_subheading(text) or not numbering(text):
        return None
    if section == 1:
        hit = _OVERVIEW_LABELS.match(text)
        if len(hit) == 1:
            name = next(f.name for f in attrs.fields(Overview) if label(Overview, f.name) in hit)
            return f"overview.{name}"
    if section == 5:
        number = _SUBHEADING_NUMBER.match(normalize(text))
        part = _PART_FIVE.get(number.group(1) or number.group(2)) if number else None
        if part and _coverage(core(text), core(label(Report, part))) > 0:
            return part
    return None


@attrs.define
class _Paragraph:
    text: str
    """What the reader sees: the list number Word draws, then the typed text."""
    element: etree._Element
    typed: str = ""
    """The typed text alone (a heading typed 一、… in a style that also numbers it is still found)."""


class _Reader:
    """One reading of one document body."""

    def __init__(
        self,
        body: etree._Element,
        styles: etree._Element | None,
        numbering: ListNumbering,
        name: str,
    ) -> None:
        self.body = body
        self.styles = styles
        self.numbering = numbering
        self.name = name
        self.notes: list[Note] = []

    # -- whole document -----------------------------------------------------------------------

    def read(self) -> ParsedReport:
        items = list(block_items(self.body))
        tables = list(self.body.iter(w("tbl")))
        shown = self.numbering.labels(self.body.iter(w("p")))
        paragraphs = [
            _Paragraph(shown.get(p, "") + typed, p, typed)
            for p in items
            if p.tag == w("p")
            for typed in [element_text(p)]
        ]
        if not tables:
            raise NotAReportError(
                "文档中没有表格，不是年度报告（或表格已转为文字）", place=self.name
            )
        located = locate(tables)
        if not {"active_disclosure", "applications"} & located.tables.keys():
            text = normalize("".join(p.text for p in paragraphs))
            if "政府信息公开" in text and "报告" in text:
                raise LegacyFormatError(
                    "未找到 2019 版或 2021 版格式的表格（第二十条第（一）项、申请人情况），"
                    "可能是 2019 年以前的旧格式年报，不受支持",
                    place=self.name,
                )
            raise NotAReportError("未找到官方表格（二、三、四），不是年度报告", place=self.name)
        edition: Edition = (
            "2019" if located.has_2019_labels and not located.has_2021_labels else "2021"
        )
        values, undivided = self._values(located, edition)
        data: dict[str, Any] = {"schema": SCHEMA, **values, **self._narrative(paragraphs)}
        report = structure(data, source=self.name)
        return ParsedReport(report, edition, tuple(self.notes), undivided, self.name)

    # -- tables ---------------------------------------------------------------------------------

    def _values(
        self, located: Located, edition: Edition
    ) -> tuple[dict[str, Any], ApplicantRow | None]:
        data: dict[str, Any] = {}
        absent: list[str] = []
        for spec in FORM_INDEX:
            if spec.key not in located.tables:
                self.notes.append(
                    Note(NoteKind.MISSING, "文档中没有此表，各项按 0 计", Location(spec.heading))
                )
            for field in spec.fields:
                cells = located.cells.get(field.path, ())
                if not cells:
                    if spec.key in located.tables:
                        absent.append(field.path)
                    value: int | Decimal = 0
                else:
                    value = self._cell_value(spec, field.path, cells)
                _put(data, field.path, value)
        self._note_absent(absent, edition)
        return data, self._stray(located.stray, edition)

    def _cell_value(
        self, spec: TableSpec, path: str, cells: Sequence[LocatedCell]
    ) -> int | Decimal:
        fee = path == "active_disclosure.fees"
        read = [(cell, *_read_value(cell.text, fee=fee)) for cell in cells]
        numbers = {value for _, kind, value in read if kind is None}
        if len(numbers) > 1:
            shown = "、".join(sorted(str(n) for n in numbers))
            self.notes.append(
                Note(
                    NoteKind.UNREADABLE,
                    f"同一栏目出现多个不同数值（{shown}），按 0 计，请核对",
                    cell_location(path),
                    " | ".join(c.text for c in cells),
                )
            )
            return 0
        for _cell, kind, value in read:
            if kind is None:
                return value
        # No number: the first cell that says something decides (an extra blank cell never does).
        cell, kind, value = next(((c, k, v) for c, k, v in read if c.text.strip()), read[0])
        kind = kind or NoteKind.UNREADABLE  # never None here: a number was returned above
        self.notes.append(
            Note(
                kind,
                _VALUE_MESSAGES[kind],
                cell_location(path),
                cell.text,
            )
        )
        return value

    def _note_absent(self, absent: list[str], edition: Edition) -> None:
        if not absent:
            return
        if edition == "2019":
            # The （六） sub-rows are covered by the note on the undivided 2019 row.
            absent = [p for p in absent if not p.startswith(_OTHER_ROWS)]
            self.notes.append(
                Note(
                    NoteKind.INFO,
                    "2019 版格式没有以下 2021 版栏目，按 0 计："
                    + "；".join(str(cell_location(p)) for p in absent),
                )
            )
            return
        for path in absent:
            self.notes.append(
                Note(NoteKind.MISSING, "表中找不到此栏目，按 0 计", cell_location(path))
            )

    def _stray(self, stray: Iterable[StrayCell], edition: Edition) -> ApplicantRow | None:
        other_group = label(Results, "other")
        undivided: dict[str, int] = {}
        for cell in stray:
            heading = next(s.heading for s in FORM_INDEX if s.key == cell.table)
            if cell.group == other_group and cell.column_path and edition == "2019":
                kind, value = _read_value(cell.text, fee=False)
                undivided[cell.column_path] = int(value)
                if kind is not None:
                    self.notes.append(
                        Note(
                            kind,
                            _VALUE_MESSAGES[kind],
                            Location(heading, row=cell.row_label, column=cell.column_label),
                            cell.text,
                        )
                    )
                continue
            if edition == "2019" and cell.table == "active_disclosure":
                self.notes.append(
                    Note(
                        NoteKind.INFO,
                        "2019 版栏目，2021 版没有，未读入",
                        Location(heading, row=cell.row_label, column=cell.column_label),
                        cell.text,
                    )
                )
                continue
            if cell.ambiguous:
                message = "此格对应的栏目不唯一，未读入"
            elif cell.group:
                message = "此行是分组小计，官方表格没有此行，未读入"
            else:
                message = "此格有数值，但对应不到官方表格的栏目，未读入"
            self.notes.append(
                Note(
                    NoteKind.UNREADABLE,
                    message,
                    Location(heading, row=cell.row_label, column=cell.column_label),
                    cell.text,
                )
            )
        if not undivided:
            return None
        self.notes.append(
            Note(
                NoteKind.INFO,
                "2019 版的（六）其他处理只有一行，2021 版分为三行；此行数值单独保存（undivided_other），不拆分",
                Location(
                    next(s.heading for s in FORM_INDEX if s.key == "applications"), row=other_group
                ),
            )
        )
        return ApplicantRow(**{k: undivided.get(k, 0) for k in APPLICANT_COLUMNS})

    # -- narrative ------------------------------------------------------------------------------

    def _narrative(self, paragraphs: list[_Paragraph]) -> dict[str, Any]:
        starts: list[int] = []
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
            if found is None:
                self.notes.append(Note(NoteKind.MISSING, f"找不到标题“{heading}”，此部分文字为空"))
                starts.append(-1)
                continue
            starts.append(found)
            position = found + 1
        sections: list[list[_Paragraph]] = []
        for index, start in enumerate(starts):
            if start < 0:
                sections.append([])
                continue
            end = next((s for s in starts[index + 1 :] if s >= 0), len(paragraphs))
            sections.append(paragraphs[start + 1 : end])
        first = next((s for s in starts if s >= 0), len(paragraphs))
        front = paragraphs[:first]
        sixth, signature = self._split_signature(sections[5])
        title, preface = self._title(front)
        year = _year_of(title) or next(
            (int(m.group(1)) for p in preface if (m := _PERIOD.search(normalize(p))) is not None),
            None,
        )
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
        problems, improvements = self._section_five(sections[4])
        return {
            "year": year,
            "agency": agency,
            "title": None if normalize(title) == normalize(default) else title,
            "preface": "\n".join(preface),
            "overview": self._overview(sections[0]),
            "problems": problems,
            "improvements": improvements,
            "other_matters": "\n".join(_lines(sixth)),
        }

    def _title(self, front: list[_Paragraph]) -> tuple[str, list[str]]:
        lines = _lines(front)
        at = next((i for i, line in enumerate(lines) if "报告" in line), None)
        if at is None:
            return "", lines[1:] if lines else []
        head = [line for line in lines[:at] if len(normalize(line)) <= 30]
        return "".join([*head, lines[at]]), lines[at + 1 :]

    def _overview(self, paragraphs: list[_Paragraph]) -> dict[str, str]:
        names = [f.name for f in attrs.fields(Overview)]
        texts: dict[str, list[str]] = {n: [] for n in names}
        current: str | None = None
        loose: list[str] = []
        lines = _lines(paragraphs)
        if not any(subheading_field(line, 1) for line in lines):
            return self._overview_by_leads(lines)
        for line in lines:
            field = subheading_field(line, 1)
            if field is not None:
                current = field.removeprefix("overview.")
                continue
            (texts[current] if current else loose).append(line)
        return self._overview_texts(texts, loose)

    def _overview_by_leads(self, lines: list[str]) -> dict[str, str]:
        """Section 一 without sub-headings: paragraphs led by ``一是政府信息管理情况。`` start a part."""
        names = [f.name for f in attrs.fields(Overview)]
        texts: dict[str, list[str]] = {n: [] for n in names}
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

    def _section_five(self, paragraphs: list[_Paragraph]) -> tuple[str, str]:
        parts: dict[str, list[str]] = {"problems": [], "improvements": []}
        current: str | None = None
        loose: list[str] = []
        for line in _lines(paragraphs):
            field = subheading_field(line, 5) if current != "improvements" else None
            wanted = "problems" if current is None else "improvements"
            if field is not None and field == wanted:
                current = field
                continue
            (parts[current] if current else loose).append(line)
        if loose:
            parts["problems"] = loose + parts["problems"]
            if current is None:
                self.notes.append(
                    Note(
                        NoteKind.INFO,
                        "五、未分（一）存在的主要问题、（二）改进情况两部分，全文记入“存在的主要问题”",
                        Location(SECTION_HEADINGS[4]),
                    )
                )
        return "\n".join(parts["problems"]), "\n".join(parts["improvements"])

    def _split_signature(self, paragraphs: list[_Paragraph]) -> tuple[list[_Paragraph], str]:
        """The last section without its trailing right-aligned signature and date, and the signer."""
        end = len(paragraphs)
        signer = ""
        while end > 0:
            paragraph = paragraphs[end - 1]
            text = normalize(paragraph.text)
            if not text:
                end -= 1
                continue
            if _DATE.match(text):
                end -= 1
                continue
            if self._right_aligned(paragraph.element) and len(text) <= 40:
                signer = paragraph.text.strip()
                end -= 1
                continue
            break
        return paragraphs[:end], signer

    def _right_aligned(self, p: etree._Element) -> bool:
        jc = p.find(f"{w('pPr')}/{w('jc')}")
        if jc is not None:
            return jc.get(w("val")) in ("right", "end")
        style = p.find(f"{w('pPr')}/{w('pStyle')}")
        seen: set[str] = set()
        style_id = style.get(w("val")) if style is not None else None
        while style_id and self.styles is not None and style_id not in seen:
            seen.add(style_id)
            found = next(
                (s for s in self.styles.iter(w("style")) if s.get(w("styleId")) == style_id), None
            )
            if found is None:
                return False
            jc = found.find(f"{w('pPr')}/{w('jc')}")
            if jc is not None:
                return jc.get(w("val")) in ("right", "end")
            based = found.find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None
        return False


def _lines(paragraphs: Iterable[_Paragraph]) -> list[str]:
    return [line.strip() for p in paragraphs for line in p.text.splitlines() if line.strip()]


def _agency_from_title(title: str, year: int) -> str:
    value = title.strip()
    for marker in (f"{year}年", f"{year} 年"):
        if marker in value:
            head = value.split(marker, 1)[0].strip()
            return head.removesuffix("关于").strip()
    return ""


def _put(data: dict[str, Any], path: str, value: object) -> None:
    *parents, name = path.split(".")
    target = data
    for parent in parents:
        target = target.setdefault(parent, {})
    target[name] = str(value) if isinstance(value, Decimal) else value

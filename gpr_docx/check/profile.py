"""Local rule profiles: the rules a supervising office adds to the national ones in its 年报 notice.

A profile is a TOML file (docs/profiles.md). It can switch any rule off (or a profile rule back
on), change a rule's severity, set R-4's similarity threshold, limit the length of a text
(``P-LEN-…``), require words or stated counts in a text (``P-REQ-…``), require at least one
improvement per problem (``P-IMPROVE-1``), and set the publication and filing deadlines
(``P-DEADLINE-1``/``-2``, against the data's ``published_on``/``filed_on``). The profile's own rules
give ordinary findings, so ``check --format json`` keeps its shape.

Profiles are untrusted input like data files: read within a size limit, validated key by key
(unknown keys are refused with the closest known key suggested, as in data files), and their
patterns are matched with a time limit.

>>> profile = load_profile("national")
>>> profile.name, profile.rules()
('national', ())
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

import attrs
import regex

from .. import _resources
from .._fs import read_limited, read_toml
from ..errors import (
    PROFILE_BAD_VALUE,
    PROFILE_MISSING_KEY,
    PROFILE_PATTERN_TIMEOUT,
    PROFILE_UNKNOWN_KEY,
    PROFILE_WRONG_TYPE,
    Fault,
    InputNotFoundError,
    InputTooLargeError,
    ProfileError,
)
from ..findings import Finding, Severity
from ..form import Location, report_location, text_places
from ..model import Report, label
from ..values import described, shown, unknown_key_message
from .engine import Basis, Rule
from .phrases import numbered_items
from .years import copied_from_last_year

__all__ = [
    "BUILT_IN",
    "IMPROVEMENTS_RULE",
    "MAX_PROFILE_SIZE",
    "PATTERN_SECONDS",
    "SECTIONS",
    "Deadline",
    "LengthLimit",
    "Profile",
    "Requirement",
    "RuleSetting",
    "available_profiles",
    "load_profile",
]

MAX_PROFILE_SIZE: Final = 256 * 1024
"""Largest profile file read (a long profile has a few kilobytes)."""
MAX_PROFILE_RULES: Final = 200
"""Most length limits and requirements one profile may declare."""
MAX_PATTERN_LENGTH: Final = 1000
"""Longest pattern (``pattern``, ``when``) a requirement may have."""
PATTERN_SECONDS: Final = 1.0
"""Longest one pattern may search one text; beyond it the requirement says it could not check."""
BUILT_IN: Final = "profiles"
"""Folder of the packaged profiles (``national``, ``example-district``) beside the examples."""
IMPROVEMENTS_RULE: Final = "P-IMPROVE-1"
"""The rule that asks for at least as many improvements as problems (逐条提出改进措施)."""
DEADLINE_RULES: Final = {"published_on": "P-DEADLINE-1", "filed_on": "P-DEADLINE-2"}
"""The deadline rules, by the date of the data each checks."""
_DEADLINE_KEYS: Final = {"published": "published_on", "filed": "filed_on"}
_PROFILE_ID: Final = re.compile(r"P-[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*")
_RESERVED: Final = (IMPROVEMENTS_RULE, *DEADLINE_RULES.values())
_MONTH_DAY: Final = re.compile(r"(\d{2})-(\d{2})")
_SEVERITIES: Final = {
    **{severity.value: severity for severity in Severity},
    **{severity.label: severity for severity in Severity},
}
_THRESHOLDS: Final[dict[str, Callable[[Rule, Report, Report | None, float], Iterator[Finding]]]] = {
    "R-4": copied_from_last_year
}
"""The national rules with a threshold a profile may set (R-4: similarity, 0 < t ≤ 1)."""


def _sections() -> dict[str, str]:
    overview = label(Report, "overview")
    names = {"preface": label(Report, "preface"), "overview": overview}
    probe = Report(year=2000, agency="", problems="", improvements="", other_matters="")
    for where, _ in text_places(probe):
        if where.path not in ("title", "preface"):
            names[where.path] = f"{where.part} · {where.section}" if where.section else where.part
    return names


SECTIONS: Final = MappingProxyType(_sections())
"""The texts a length limit or requirement may name (``section``), with their names in messages:
``preface``, ``overview`` (all five parts of 一 together), ``overview.active_disclosure`` …,
``problems``, ``improvements``, ``other_matters``."""


@attrs.frozen
class RuleSetting:
    """What a profile changes of one rule (national or its own): on or off, severity, threshold."""

    enabled: bool = True
    severity: Severity | None = None
    """Every finding of the rule at this severity (``None``: the rule's own)."""
    threshold: float | None = None
    """R-4's similarity threshold (``None``: 0.9)."""


@attrs.frozen
class LengthLimit:
    """``P-LEN-…``: a text is at most ``max`` characters long (spaces and line breaks not counted)."""

    id: str
    section: str
    max: int
    message: str
    severity: Severity = Severity.WARNING


@attrs.frozen
class Requirement:
    """``P-REQ-…``: the texts of ``sections`` say something that ``pattern`` finds.

    With ``when``, only texts where ``when`` is found must (a count asked for whatever is named:
    「政策解读」 needs its number of pieces).
    """

    id: str
    sections: tuple[str, ...]
    pattern: str
    message: str
    when: str | None = None
    severity: Severity = Severity.WARNING


@attrs.frozen
class Deadline:
    """``P-DEADLINE-…``: the report's ``field`` date is on or before month-day of the next year."""

    id: str
    field: str
    """``published_on`` or ``filed_on``."""
    month: int
    day: int
    message: str = ""
    severity: Severity = Severity.WARNING

    def due(self, year: int) -> datetime.date:
        """The last good day for a report of ``year`` (the deadline falls in the year after)."""
        return datetime.date(year + 1, self.month, self.day)


def _settings(value: Mapping[str, RuleSetting]) -> dict[str, RuleSetting]:
    return dict(value)


@attrs.frozen
class Profile:
    """A rule profile: changes to the national rules and the profile's own rules.

    Build one with :func:`load_profile` (a file or a built-in name) or :meth:`from_mapping`;
    :func:`gpr_docx.check` takes it as ``profile=``. ``Profile()`` is the national rules unchanged.
    """

    name: str = "national"
    description: str = ""
    settings: Mapping[str, RuleSetting] = attrs.field(factory=dict, converter=_settings, hash=False)
    """Changes by rule ID (national or the profile's own)."""
    lengths: tuple[LengthLimit, ...] = ()
    requirements: tuple[Requirement, ...] = ()
    improvements: Severity | None = None
    """The severity of ``P-IMPROVE-1``, or ``None`` when the profile does not ask for it."""
    deadlines: tuple[Deadline, ...] = ()
    source: str = attrs.field(default="", eq=False)
    """Where it was read from (a file, ``builtin:national``), for messages."""

    @classmethod
    def from_mapping(cls, data: object, *, source: str = "<profile>") -> Profile:
        """A profile from data as its TOML file gives it; every fault at once as a ProfileError."""
        return _Reader(source).profile(data)

    @classmethod
    def from_toml(cls, text: str | bytes, *, source: str = "<string>") -> Profile:
        """A profile from the text of its TOML file (``source`` names it in messages)."""
        raw, _ = read_limited(
            text.encode("utf-8") if isinstance(text, str) else text,
            MAX_PROFILE_SIZE,
            unnamed=source,
            what="规则集",
            too_large=InputTooLargeError,
            unreadable=InputNotFoundError,
        )
        return cls.from_mapping(_parse_toml(raw, source), source=source)

    def setting(self, rule_id: str) -> RuleSetting:
        """The profile's setting of one rule (the default setting when it changes nothing)."""
        return self.settings.get(rule_id, RuleSetting())

    def national(self, rules: Mapping[str, Rule]) -> dict[str, Rule]:
        """The national ``rules`` as this profile runs them: with their thresholds, not the disabled."""
        out: dict[str, Rule] = {}
        for rule_id, rule in rules.items():
            setting = self.setting(rule_id)
            out[rule_id] = (
                rule
                if setting.threshold is None
                else _with_threshold(rule, _THRESHOLDS[rule_id], setting.threshold)
            )
        return out

    def rules(self) -> tuple[Rule, ...]:
        """The profile's own rules that are switched on, in the order of the file."""
        own = [
            *(_length_rule(limit) for limit in self.lengths),
            *(_requirement_rule(requirement) for requirement in self.requirements),
        ]
        if self.improvements is not None:
            own.append(_improvements_rule(self.improvements))
        own.extend(_deadline_rule(deadline) for deadline in self.deadlines)
        return tuple(rule for rule in own if self.setting(rule.id).enabled)

    def adjusted(self, finding: Finding) -> Finding:
        """``finding`` at the severity the profile gives its rule (unchanged when it gives none)."""
        severity = self.setting(finding.rule).severity
        return finding if severity is None else attrs.evolve(finding, severity=severity)


def _with_threshold(
    rule: Rule,
    check: Callable[[Rule, Report, Report | None, float], Iterator[Finding]],
    threshold: float,
) -> Rule:
    def run(this: Rule, report: Report, previous: Report | None) -> Iterator[Finding]:
        return check(this, report, previous, threshold)

    return attrs.evolve(rule, function=run)


# -- the profile's own rules -----------------------------------------------------------------


def _section_texts(report: Report, name: str) -> tuple[Location, str]:
    places = [(where, text) for where, text in text_places(report) if where.path != "title"]
    if name == "overview":
        overview = [(where, text) for where, text in places if where.path.startswith("overview.")]
        part = label(Report, "overview")
        return (
            Location(part, path="overview", order=overview[0][0].order),
            "\n".join(text for _, text in overview),
        )
    return next((where, text) for where, text in places if where.path == name)


def _length(text: str) -> int:
    return len(re.sub(r"\s+", "", text))


def _length_rule(limit: LengthLimit) -> Rule:
    def run(rule: Rule, report: Report, _previous: Report | None) -> Iterator[Finding]:
        where, text = _section_texts(report, limit.section)
        size = _length(text)
        if size > limit.max:
            yield rule.finding(
                where,
                f"「{SECTIONS[limit.section]}」共 {size} 字，超过 {limit.max} 字；{limit.message}",
                expected=f"<= {limit.max}",
                actual=size,
            )

    summary = f"「{SECTIONS[limit.section]}」不超过 {limit.max} 字"
    return Rule(limit.id, limit.severity, Basis.PRACTICE, summary, run)


def _search(pattern: str, text: str) -> bool:
    return regex.search(pattern, text, timeout=PATTERN_SECONDS) is not None


def _requirement_rule(requirement: Requirement) -> Rule:
    def run(rule: Rule, report: Report, _previous: Report | None) -> Iterator[Finding]:
        found = [_section_texts(report, name) for name in requirement.sections]
        text = "\n".join(text for _, text in found)
        where = found[0][0]
        names = "、".join(f"「{SECTIONS[name]}」" for name in requirement.sections)
        try:
            if requirement.when is not None and not _search(requirement.when, text):
                return
            if _search(requirement.pattern, text):
                return
        except TimeoutError:
            yield rule.finding(
                where,
                f"{PROFILE_PATTERN_TIMEOUT} 规则集的模式在{names}中查找超过 {PATTERN_SECONDS:g} 秒，"
                "未能检查；请简化模式",
                severity=Severity.WARNING,
            )
            return
        yield rule.finding(where, f"{requirement.message}（{names}中没有相应的文字）")

    return Rule(requirement.id, requirement.severity, Basis.PRACTICE, requirement.message, run)


def _improvements_rule(severity: Severity) -> Rule:
    def run(rule: Rule, report: Report, _previous: Report | None) -> Iterator[Finding]:
        if not report.problems.strip() or not report.improvements.strip():
            return  # a missing part is R-1's
        problems, improvements = (
            numbered_items(report.problems),
            numbered_items(report.improvements),
        )
        if improvements < problems:
            where = _section_texts(report, "improvements")[0]
            yield rule.finding(
                where,
                f"「{label(Report, 'problems')}」列出 {problems} 条问题，"
                f"「{label(Report, 'improvements')}」只有 {improvements} 条措施；应逐条提出改进措施",
                expected=f">= {problems}",
                actual=improvements,
            )

    return Rule(
        IMPROVEMENTS_RULE, severity, Basis.PRACTICE, "改进措施不少于存在的问题（逐条提出）", run
    )


def _deadline_rule(deadline: Deadline) -> Rule:
    what = label(Report, deadline.field)

    def run(rule: Rule, report: Report, _previous: Report | None) -> Iterator[Finding]:
        day: datetime.date | None = getattr(report, deadline.field)
        if day is None:
            return  # nothing to check against: the data does not say when
        due = deadline.due(report.year)
        if day > due:
            extra = f"；{deadline.message}" if deadline.message else ""
            yield rule.finding(
                report_location(deadline.field),
                f"{what}为 {day:%Y年%m月%d日}，晚于 {due:%Y年%m月%d日} 的期限"
                f"（晚 {(day - due).days} 天）{extra}",
                expected=f"<= {due.isoformat()}",
                actual=day.isoformat(),
            )

    summary = f"{what}不晚于报告年度次年 {deadline.month} 月 {deadline.day} 日"
    return Rule(deadline.id, deadline.severity, Basis.PRACTICE, summary, run)


# -- reading a profile -----------------------------------------------------------------------

_TOP: Final = (
    "name",
    "description",
    "rules",
    "lengths",
    "requirements",
    "improvements",
    "deadlines",
)
_SETTING_KEYS: Final = ("enabled", "severity", "threshold")
_LENGTH_KEYS: Final = ("id", "section", "max", "message", "severity")
_REQUIREMENT_KEYS: Final = ("id", "section", "pattern", "when", "message", "severity")
_IMPROVEMENT_KEYS: Final = ("severity",)
_DEADLINE_KEYS_ALLOWED: Final = ("by", "message", "severity")


class _Reader:
    """One validation of one profile's data, collecting every fault."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.faults: list[Fault] = []

    def fault(self, code: str, path: str, message: str) -> None:
        self.faults.append(Fault(code, path, message))

    def keys(self, data: Mapping[str, Any], known: Sequence[str], path: str) -> None:
        for key in data:
            if key not in known:
                self.fault(PROFILE_UNKNOWN_KEY, f"{path}.{key}", unknown_key_message(key, known))

    def table(self, value: object, path: str) -> Mapping[str, Any] | None:
        if isinstance(value, Mapping):
            return value
        self.fault(PROFILE_WRONG_TYPE, path, f"应为键值表，实为{described(value)}")
        return None

    def text(self, data: Mapping[str, Any], key: str, path: str, *, required: bool) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                self.fault(PROFILE_MISSING_KEY, f"{path}.{key}", "缺少必填项")
            return None
        if not isinstance(value, str) or not value.strip():
            self.fault(PROFILE_WRONG_TYPE, f"{path}.{key}", f"应为非空文字，实为{described(value)}")
            return None
        return value

    def severity(self, data: Mapping[str, Any], path: str) -> Severity | None:
        value = data.get("severity")
        if value is None:
            return None
        if isinstance(value, str) and value in _SEVERITIES:
            return _SEVERITIES[value]
        self.fault(
            PROFILE_BAD_VALUE,
            f"{path}.severity",
            f"应为 error、warning 或 info（错误、警告、提示），实为 {shown(value)}",
        )
        return None

    def own_id(self, data: Mapping[str, Any], path: str, seen: set[str]) -> str | None:
        value = self.text(data, "id", path, required=True)
        if value is None:
            return None
        if not _PROFILE_ID.fullmatch(value):
            self.fault(
                PROFILE_BAD_VALUE,
                f"{path}.id",
                f"规则集自己的规则编号应以 P- 开头、由大写字母、数字和连字符组成（如 P-LEN-1），"
                f"实为 {shown(value)}",
            )
            return None
        if value in _RESERVED or value in seen:
            self.fault(PROFILE_BAD_VALUE, f"{path}.id", f"规则编号 {value} 已被使用")
            return None
        seen.add(value)
        return value

    def sections(self, data: Mapping[str, Any], path: str) -> tuple[str, ...]:
        value = data.get("section")
        if value is None:
            self.fault(PROFILE_MISSING_KEY, f"{path}.section", "缺少必填项")
            return ()
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
            self.fault(
                PROFILE_WRONG_TYPE,
                f"{path}.section",
                f"应为正文部分的名称或其列表，实为{described(value)}",
            )
            return ()
        good = True
        for name in names:
            if name not in SECTIONS:
                close = unknown_key_message(name, list(SECTIONS)).replace(
                    "未知的键", "未知的正文部分"
                )
                self.fault(PROFILE_BAD_VALUE, f"{path}.section", close)
                good = False
        return tuple(names) if good else ()

    def pattern(
        self, data: Mapping[str, Any], key: str, path: str, *, required: bool
    ) -> str | None:
        value = self.text(data, key, path, required=required)
        if value is None:
            return None
        if len(value) > MAX_PATTERN_LENGTH:
            self.fault(PROFILE_BAD_VALUE, f"{path}.{key}", f"模式超过 {MAX_PATTERN_LENGTH} 个字符")
            return None
        try:
            regex.compile(value)
        except regex.error as exc:
            self.fault(PROFILE_BAD_VALUE, f"{path}.{key}", f"不是有效的正则表达式：{exc}")
            return None
        return value

    def entries(self, data: Mapping[str, Any], key: str) -> list[tuple[str, Mapping[str, Any]]]:
        value = data.get(key, [])
        if not isinstance(value, list):
            self.fault(
                PROFILE_WRONG_TYPE, f"$.{key}", f"应为表格数组 [[{key}]]，实为{described(value)}"
            )
            return []
        found = []
        for index, item in enumerate(value):
            table = self.table(item, f"$.{key}[{index}]")
            if table is not None:
                found.append((f"$.{key}[{index}]", table))
        return found

    def profile(self, data: object) -> Profile:
        top = self.table(data, "$")
        if top is None:
            raise ProfileError(self.faults, place=self.source)
        self.keys(top, _TOP, "$")
        name = self.text(top, "name", "$", required=True) or ""
        description = (
            self.text(top, "description", "$", required=False) if "description" in top else None
        )
        seen: set[str] = set()
        entries = len(top.get("lengths", []) or []) + len(top.get("requirements", []) or [])
        if entries > MAX_PROFILE_RULES:
            self.fault(PROFILE_BAD_VALUE, "$", f"规则超过 {MAX_PROFILE_RULES} 条")
            raise ProfileError(self.faults, place=self.source)
        lengths = [self.length(path, item, seen) for path, item in self.entries(top, "lengths")]
        requirements = [
            self.requirement(path, item, seen) for path, item in self.entries(top, "requirements")
        ]
        improvements = self.improvements(top)
        deadlines = self.deadlines(top)
        own = {*seen, *((IMPROVEMENTS_RULE,) if improvements else ())}
        own.update(deadline.id for deadline in deadlines)
        settings = self.settings(top.get("rules", {}), own)
        if self.faults:
            raise ProfileError(self.faults, place=self.source)
        return Profile(
            name=name,
            description=description or "",
            settings=settings,
            lengths=tuple(limit for limit in lengths if limit is not None),
            requirements=tuple(r for r in requirements if r is not None),
            improvements=improvements,
            deadlines=tuple(deadlines),
            source=self.source,
        )

    def length(self, path: str, item: Mapping[str, Any], seen: set[str]) -> LengthLimit | None:
        self.keys(item, _LENGTH_KEYS, path)
        rule_id = self.own_id(item, path, seen)
        sections = self.sections(item, path)
        message = self.text(item, "message", path, required=True)
        severity = self.severity(item, path)
        most = item.get("max")
        if most is None:
            self.fault(PROFILE_MISSING_KEY, f"{path}.max", "缺少必填项")
        elif isinstance(most, bool) or not isinstance(most, int) or most < 1:
            self.fault(
                PROFILE_WRONG_TYPE, f"{path}.max", f"应为正整数（字数），实为{described(most)}"
            )
            most = None
        if len(sections) > 1:
            self.fault(PROFILE_WRONG_TYPE, f"{path}.section", "篇幅限制只能针对一个正文部分")
            return None
        if rule_id is None or not sections or message is None or most is None:
            return None
        return LengthLimit(rule_id, sections[0], most, message, severity or Severity.WARNING)

    def requirement(self, path: str, item: Mapping[str, Any], seen: set[str]) -> Requirement | None:
        self.keys(item, _REQUIREMENT_KEYS, path)
        rule_id = self.own_id(item, path, seen)
        sections = self.sections(item, path)
        pattern = self.pattern(item, "pattern", path, required=True)
        when = self.pattern(item, "when", path, required=False)
        message = self.text(item, "message", path, required=True)
        severity = self.severity(item, path)
        if rule_id is None or not sections or pattern is None or message is None:
            return None
        return Requirement(rule_id, sections, pattern, message, when, severity or Severity.WARNING)

    def improvements(self, top: Mapping[str, Any]) -> Severity | None:
        if "improvements" not in top:
            return None
        table = self.table(top["improvements"], "$.improvements")
        if table is None:
            return None
        self.keys(table, _IMPROVEMENT_KEYS, "$.improvements")
        return self.severity(table, "$.improvements") or Severity.WARNING

    def deadlines(self, top: Mapping[str, Any]) -> list[Deadline]:
        if "deadlines" not in top:
            return []
        table = self.table(top["deadlines"], "$.deadlines")
        if table is None:
            return []
        self.keys(table, tuple(_DEADLINE_KEYS), "$.deadlines")
        found = []
        for key, field in _DEADLINE_KEYS.items():
            if key not in table:
                continue
            path = f"$.deadlines.{key}"
            item = self.table(table[key], path)
            if item is None:
                continue
            self.keys(item, _DEADLINE_KEYS_ALLOWED, path)
            by = self.text(item, "by", path, required=True)
            message = self.text(item, "message", path, required=False) if "message" in item else ""
            severity = self.severity(item, path)
            when = _MONTH_DAY.fullmatch(by) if by is not None else None
            month_day = (int(when[1]), int(when[2])) if when else None
            if month_day is not None and not _real_day(*month_day):
                month_day = None
            if by is not None and month_day is None:
                self.fault(
                    PROFILE_BAD_VALUE,
                    f"{path}.by",
                    f'应为报告年度次年的月-日（如 "01-31"，不能是 02-29），实为 {shown(by)}',
                )
            if month_day is not None:
                found.append(
                    Deadline(
                        DEADLINE_RULES[field],
                        field,
                        *month_day,
                        message or "",
                        severity or Severity.WARNING,
                    )
                )
        return found

    def settings(self, value: object, own: set[str]) -> dict[str, RuleSetting]:
        from .rules import RULES

        table = self.table(value, "$.rules")
        if table is None:
            return {}
        known = [*RULES, *sorted(own)]
        settings: dict[str, RuleSetting] = {}
        for rule_id, entry in table.items():
            path = f"$.rules.{rule_id}"
            if rule_id not in known:
                message = unknown_key_message(rule_id, known).replace("未知的键", "未知的规则")
                self.fault(PROFILE_UNKNOWN_KEY, path, message)
                continue
            item = self.table(entry, path)
            if item is None:
                continue
            self.keys(item, _SETTING_KEYS, path)
            enabled = item.get("enabled", True)
            if not isinstance(enabled, bool):
                self.fault(
                    PROFILE_WRONG_TYPE,
                    f"{path}.enabled",
                    f"应为 true 或 false，实为{described(enabled)}",
                )
                enabled = True
            threshold = self.threshold(item, rule_id, path)
            settings[rule_id] = RuleSetting(enabled, self.severity(item, path), threshold)
        return settings

    def threshold(self, item: Mapping[str, Any], rule_id: str, path: str) -> float | None:
        value = item.get("threshold")
        if value is None:
            return None
        if rule_id not in _THRESHOLDS:
            self.fault(
                PROFILE_UNKNOWN_KEY,
                f"{path}.threshold",
                f"规则 {rule_id} 没有可设置的阈值（可设置阈值的规则：{'、'.join(_THRESHOLDS)}）",
            )
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
            self.fault(
                PROFILE_BAD_VALUE,
                f"{path}.threshold",
                f"应为大于 0、不超过 1 的小数（相似度），实为{described(value)}",
            )
            return None
        return float(value)


def _real_day(month: int, day: int) -> bool:
    try:
        datetime.date(2001, month, day)  # not a leap year: 02-29 is no fixed deadline
    except ValueError:
        return False
    return True


def _parse_toml(raw: bytes, source: str) -> object:
    data, _ = read_toml(raw, source, what="规则集")
    return data


# -- finding a profile -----------------------------------------------------------------------


def available_profiles() -> tuple[str, ...]:
    """The names of the built-in profiles (``national``, ``example-district``)."""
    folder = _resources.templates_dir() / BUILT_IN
    return tuple(
        sorted(
            item.name.removesuffix(".toml")
            for item in folder.iterdir()
            if item.name.endswith(".toml")
        )
    )


def load_profile(source: str | os.PathLike[str] | Mapping[str, Any]) -> Profile:
    """A rule profile: a ``.toml`` file, a built-in one by name (``"national"``), or its data.

    Args:
        source: A path to a profile file (TOML, at most 256 KB), the name of a built-in profile
            (``national``: the national rules unchanged; ``example-district``: the documented
            example of docs/profiles.md), or the profile's data as a mapping.

    Returns:
        The profile, ready for :func:`gpr_docx.check` (``profile=``).

    Raises:
        InputNotFoundError: No such file, nor built-in profile (the message lists those there are).
        InputTooLargeError: The file is over 256 KB.
        InputSyntaxError: The file is not UTF-8 or not valid TOML.
        ProfileError: The profile does not fit the format; :attr:`~gpr_docx.ProfileError.faults`
            lists every fault (an unknown key with the closest known one, a wrong type, a bad
            pattern, a rule ID outside the ``P-`` namespace).
    """
    if isinstance(source, Mapping):
        return Profile.from_mapping(source)
    path = Path(source)
    if path.suffix.lower() != ".toml" and not path.exists():
        return _built_in(str(source))
    raw, name = read_limited(
        path,
        MAX_PROFILE_SIZE,
        unnamed=str(path),
        what="规则集",
        too_large=InputTooLargeError,
        unreadable=InputNotFoundError,
    )
    return Profile.from_mapping(_parse_toml(raw, name), source=name)


def _built_in(name: str) -> Profile:
    names = available_profiles()
    if name not in names:
        raise InputNotFoundError(
            f"没有名为「{name}」的规则集文件或内置规则集；内置的有：{'、'.join(names)}", place=name
        )
    item = _resources.templates_dir() / BUILT_IN / f"{name}.toml"
    source = f"builtin:{name}"
    return Profile.from_mapping(_parse_toml(item.read_bytes(), source), source=source)

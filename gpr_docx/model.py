"""The typed report: frozen attrs classes for the six sections and every cell of the four tables.

Attribute names are the keys of the ``gpr/2021`` data format. The official label of every row, column
and section lives in exactly one place, the field's metadata (see :func:`label`); the template, the
checks, the CLI and the parser all read it from there. Validators reject only values that can never be
valid (a negative count, a fee with five decimals); sums and carry-overs are checked by
:func:`gpr_docx.check`.
"""

import datetime
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any, Final

import attrs

from .errors import BAD_VALUE, WRONG_TYPE, InvalidValueError
from .values import (
    Rejection,
    as_fee,
    count_rejection,
    date_rejection,
    described,
    fee_rejection,
    shown,
    text_rejection,
    year_rejection,
)

__all__ = [
    "APPLICANT_COLUMNS",
    "COLUMN",
    "GROUP",
    "LABEL",
    "LEVELS",
    "PROBLEMS_HEADING",
    "SECTION_HEADINGS",
    "ActiveDisclosure",
    "ApplicantRow",
    "Applications",
    "CaseOutcomes",
    "DocumentCounts",
    "NotProcessed",
    "OtherProcessing",
    "Overview",
    "Report",
    "Results",
    "ReviewLitigation",
    "Unable",
    "Withheld",
    "label",
    "leaf_fields",
    "require_report",
]

LABEL: Final = "gpr_docx.label"
"""Metadata key: the official label of a field (a row, column or section of the form)."""
COLUMN: Final = "gpr_docx.column"
"""Metadata key: for a single-value row of table 2, the official label of its value column."""
GROUP: Final = "gpr_docx.group"
"""Metadata key: the official label of the block a field sits in (e.g. 第二十条第（一）项)."""


def _validator(check: Callable[[object], Rejection | None]) -> Callable[..., None]:
    """An attrs validator that raises the check's rejection, located at the field."""

    def validate(_instance: object, field: "attrs.Attribute[Any]", value: object) -> None:
        rejection = check(value)
        if rejection is not None:
            raise InvalidValueError(
                rejection.message,
                rule=rejection.code,
                field_name=field.name,
                field_label=field.metadata.get(LABEL, ""),
            )

    return validate


_check_count: Final = _validator(count_rejection)
_check_fee: Final = _validator(fee_rejection)
_check_text: Final = _validator(text_rejection)
_check_year: Final = _validator(year_rejection)
_check_optional_text: Final = attrs.validators.optional(_check_text)

LEVELS: Final = ("省级", "市级", "县级", "乡级", "部门")
"""The levels a reporting body may state (``level``): of a government, or a department of one."""


def level_rejection(value: object) -> Rejection | None:
    """``level`` is one of ``LEVELS`` (or not given)."""
    if value is None or value in LEVELS:
        return None
    return Rejection(BAD_VALUE, f"应为{'、'.join(LEVELS)}之一，实为 {shown(value)}")


def flag_rejection(value: object) -> Rejection | None:
    """A yes/no key is ``true`` or ``false`` (or not given), never a word or a number."""
    if value is None or isinstance(value, bool):
        return None
    return Rejection(WRONG_TYPE, f"应为 true 或 false，实为{described(value)}")


def explanations_rejection(value: object) -> Rejection | None:
    """``explanations`` maps a cell path to a reason: text keys and text values."""
    if not isinstance(value, dict):
        return Rejection(WRONG_TYPE, f"应为“单元格路径 = 说明”的键值表，实为{described(value)}")
    for key, reason in value.items():
        rejection = text_rejection(key) or text_rejection(reason)
        if rejection is not None:
            return rejection
    return None


def _as_tuple(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _sum_counts(values: tuple[object, ...]) -> int:
    # Runs before the validators: skip what is not a count and let the validator name that field.
    return sum(v for v in values if isinstance(v, int) and not isinstance(v, bool))


def count(label: str, **extra: str) -> Any:
    """A non-negative whole count (件) with its official label."""
    return attrs.field(default=0, validator=_check_count, metadata={LABEL: label, **extra})


def text(label: str, *, default: str | None = None) -> Any:
    """Narrative text: each non-empty line is one paragraph. Required when no default is given."""
    if default is None:
        return attrs.field(validator=_check_text, metadata={LABEL: label})
    return attrs.field(default=default, validator=_check_text, metadata={LABEL: label})


def part(cls: type, label: str, **extra: str) -> Any:
    """A nested block of the form (a group of rows or a whole table), all zeros when left out."""
    return attrs.field(factory=cls, metadata={LABEL: label, **extra})


def label(cls: type, name: str) -> str:
    """The official label of field ``name`` of model class ``cls``."""
    return str(attrs.fields_dict(cls)[name].metadata[LABEL])


def leaf_fields(obj: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Yield ``(dotted.path, value)`` for every leaf value of a model object, in form order."""
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        path = f"{prefix}{field.name}"
        if attrs.has(type(value)):
            yield from leaf_fields(value, f"{path}.")
        else:
            yield path, value


# -- table 3: 收到和处理政府信息公开申请情况 ---------------------------------------------------


@attrs.frozen(kw_only=True)
class ApplicantRow:
    """One row of table 3: counts per applicant type (自然人 … 其他) and their 总计.

    ``total`` is the sum of the six counts when left out; a given total is kept as it is (rule
    T3-3 checks it).

    Raises:
        InvalidValueError: A count is not a whole number ≥ 0 (V-1).
    """

    natural_person: int = count("自然人")
    commercial_enterprise: int = count("商业企业", **{GROUP: "法人或其他组织"})
    research_institution: int = count("科研机构", **{GROUP: "法人或其他组织"})
    social_welfare_org: int = count("社会公益组织", **{GROUP: "法人或其他组织"})
    legal_service_org: int = count("法律服务机构", **{GROUP: "法人或其他组织"})
    other_org: int = count("其他", **{GROUP: "法人或其他组织"})
    total: int = attrs.field(validator=_check_count, metadata={LABEL: "总计"})

    @total.default
    def _sum_of_applicants(self) -> int:
        return _sum_counts(self.applicants())

    def applicants(self) -> tuple[int, ...]:
        """The six applicant counts, left to right, without the 总计."""
        return (
            self.natural_person,
            self.commercial_enterprise,
            self.research_institution,
            self.social_welfare_org,
            self.legal_service_org,
            self.other_org,
        )

    def values(self) -> tuple[int, ...]:
        """All seven cells of the row, left to right."""
        return (*self.applicants(), self.total)


APPLICANT_COLUMNS: Final = tuple(f.name for f in attrs.fields(ApplicantRow))


def _column_sums(rows: list[ApplicantRow]) -> ApplicantRow:
    sums = [sum(values) for values in zip(*(row.values() for row in rows), strict=True)]
    return ApplicantRow(**dict(zip(APPLICANT_COLUMNS, sums, strict=True)))


def _row(label_text: str) -> Any:
    return part(ApplicantRow, label_text)


@attrs.frozen(kw_only=True)
class Withheld:
    """（三）不予公开: eight reasons."""

    state_secret: ApplicantRow = _row("1.属于国家秘密")
    prohibited_by_law: ApplicantRow = _row("2.其他法律行政法规禁止公开")
    three_safeties_one_stability: ApplicantRow = _row("3.危及“三安全一稳定”")
    third_party_rights: ApplicantRow = _row("4.保护第三方合法权益")
    internal_affairs: ApplicantRow = _row("5.属于三类内部事务信息")
    process_information: ApplicantRow = _row("6.属于四类过程性信息")
    enforcement_files: ApplicantRow = _row("7.属于行政执法案卷")
    administrative_query: ApplicantRow = _row("8.属于行政查询事项")


@attrs.frozen(kw_only=True)
class Unable:
    """（四）无法提供: three reasons."""

    not_held: ApplicantRow = _row("1.本机关不掌握相关政府信息")
    needs_creation: ApplicantRow = _row("2.没有现成信息需要另行制作")
    unclear_after_correction: ApplicantRow = _row("3.补正后申请内容仍不明确")


@attrs.frozen(kw_only=True)
class NotProcessed:
    """（五）不予处理: five reasons."""

    complaint: ApplicantRow = _row("1.信访举报投诉类申请")
    duplicate: ApplicantRow = _row("2.重复申请")
    publication: ApplicantRow = _row("3.要求提供公开出版物")
    excessive: ApplicantRow = _row("4.无正当理由大量反复申请")
    confirm_or_reissue: ApplicantRow = _row("5.要求行政机关确认或重新出具已获取信息")


@attrs.frozen(kw_only=True)
class OtherProcessing:
    """（六）其他处理: three cases (the 2021 form split the 2019 single row)."""

    overdue_correction: ApplicantRow = _row(
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    )
    overdue_fee: ApplicantRow = _row(
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    )
    other: ApplicantRow = _row("3.其他")


@attrs.frozen(kw_only=True)
class Results:
    """三、本年度办理结果: the 21 result rows and their （七）总计 (computed when left out)."""

    disclosed: ApplicantRow = _row("（一）予以公开")
    partially_disclosed: ApplicantRow = _row(
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    )
    withheld: Withheld = part(Withheld, "（三）不予公开")
    unable: Unable = part(Unable, "（四）无法提供")
    not_processed: NotProcessed = part(NotProcessed, "（五）不予处理")
    other: OtherProcessing = part(OtherProcessing, "（六）其他处理")
    total: ApplicantRow = attrs.field(metadata={LABEL: "（七）总计"})

    @total.default
    def _sum_of_results(self) -> ApplicantRow:
        return _column_sums([row for _, row in self.result_rows()])

    def result_rows(self) -> list[tuple[str, ApplicantRow]]:
        """The 21 rows that add up to （七）总计, as ``(dotted path, row)`` in form order."""
        rows: list[tuple[str, ApplicantRow]] = [
            ("disclosed", self.disclosed),
            ("partially_disclosed", self.partially_disclosed),
        ]
        for group_name in ("withheld", "unable", "not_processed", "other"):
            group = getattr(self, group_name)
            rows.extend(
                (f"{group_name}.{f.name}", getattr(group, f.name))
                for f in attrs.fields(type(group))
            )
        return rows


@attrs.frozen(kw_only=True)
class Applications:
    """三、收到和处理政府信息公开申请情况 (table 3)."""

    new_requests: ApplicantRow = _row("一、本年新收政府信息公开申请数量")
    carried_over: ApplicantRow = _row("二、上年结转政府信息公开申请数量")
    results: Results = part(Results, "三、本年度办理结果")
    carried_forward: ApplicantRow = _row("四、结转下年度继续办理")

    def rows(self) -> list[tuple[str, ApplicantRow]]:
        """All 25 data rows of table 3 as ``(dotted path, row)``, top to bottom."""
        return [
            ("new_requests", self.new_requests),
            ("carried_over", self.carried_over),
            *((f"results.{path}", row) for path, row in self.results.result_rows()),
            ("results.total", self.results.total),
            ("carried_forward", self.carried_forward),
        ]


# -- table 2: 主动公开政府信息情况 ---------------------------------------------------------------


@attrs.frozen(kw_only=True)
class DocumentCounts:
    """A row of 第二十条第（一）项: documents made, repealed and in force.

    Raises:
        InvalidValueError: A count is not a whole number ≥ 0 (V-1).
    """

    issued: int = count("本年制发件数")
    repealed: int = count("本年废止件数")
    in_force: int = count("现行有效件数")


@attrs.frozen(kw_only=True)
class ActiveDisclosure:
    """二、主动公开政府信息情况 (table 2).

    ``fees`` is in 万元; an ``int``, ``float`` (by its ``repr``) or text is turned into an exact
    :class:`~decimal.Decimal`.

    Raises:
        InvalidValueError: A count is not a whole number ≥ 0 (V-1), or the fee is not a number
            ≥ 0 with at most six decimal places (V-2).
    """

    regulations: DocumentCounts = part(DocumentCounts, "规章", **{GROUP: "第二十条第（一）项"})
    normative_documents: DocumentCounts = part(
        DocumentCounts, "行政规范性文件", **{GROUP: "第二十条第（一）项"}
    )
    licensing: int = count("行政许可", **{GROUP: "第二十条第（五）项", COLUMN: "本年处理决定数量"})
    punishment: int = count("行政处罚", **{GROUP: "第二十条第（六）项", COLUMN: "本年处理决定数量"})
    coercion: int = count("行政强制", **{GROUP: "第二十条第（六）项", COLUMN: "本年处理决定数量"})
    fees: Decimal = attrs.field(
        default=Decimal(0),
        converter=as_fee,
        validator=_check_fee,
        metadata={
            LABEL: "行政事业性收费",
            GROUP: "第二十条第（八）项",
            COLUMN: "本年收费金额（单位：万元）",
        },
    )


# -- table 4: 政府信息公开行政复议、行政诉讼情况 -----------------------------------------------


@attrs.frozen(kw_only=True)
class CaseOutcomes:
    """One group of table 4: outcomes of reconsiderations or lawsuits and their 总计.

    ``total`` is the sum of the four outcomes when left out; a given total is kept as it is (rules
    T4-1 to T4-3 check it).

    Raises:
        InvalidValueError: A count is not a whole number ≥ 0 (V-1).
    """

    upheld: int = count("结果维持")
    corrected: int = count("结果纠正")
    other: int = count("其他结果")
    pending: int = count("尚未审结")
    total: int = attrs.field(validator=_check_count, metadata={LABEL: "总计"})

    @total.default
    def _sum_of_outcomes(self) -> int:
        return _sum_counts(self.outcomes())

    def outcomes(self) -> tuple[int, ...]:
        """The four outcome counts, without the 总计."""
        return (self.upheld, self.corrected, self.other, self.pending)

    def values(self) -> tuple[int, ...]:
        """All five cells, left to right."""
        return (*self.outcomes(), self.total)


@attrs.frozen(kw_only=True)
class ReviewLitigation:
    """四、政府信息公开行政复议、行政诉讼情况 (table 4)."""

    review: CaseOutcomes = part(CaseOutcomes, "行政复议")
    litigation_direct: CaseOutcomes = part(CaseOutcomes, "未经复议直接起诉", **{GROUP: "行政诉讼"})
    litigation_after_review: CaseOutcomes = part(CaseOutcomes, "复议后起诉", **{GROUP: "行政诉讼"})


# -- the report ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Overview:
    """一、总体情况: the five areas the national format names, in its order.

    Raises:
        InvalidValueError: A text is not a ``str`` or holds a character a .docx cannot store.
    """

    active_disclosure: str = text("主动公开", default="")
    on_request: str = text("依申请公开", default="")
    management: str = text("政府信息管理", default="")
    platforms: str = text("政府信息公开平台建设", default="")
    oversight: str = text("监督保障", default="")


@attrs.frozen(kw_only=True)
class Report:
    """A whole 政府信息公开工作年度报告 in the 2021 national format.

    Texts are plain: each non-empty line is one paragraph. Build one from a data file with
    :func:`gpr_docx.load`, or from a published document with :func:`gpr_docx.parse`.

    Raises:
        InvalidValueError: ``year`` is not a four-digit ``int``, or a text is not a ``str`` or holds
            a character a .docx cannot store.
    """

    year: int = attrs.field(validator=_check_year, metadata={LABEL: "报告年度"})
    agency: str = attrs.field(validator=_check_text, metadata={LABEL: "报告机关"})
    title: str | None = attrs.field(
        default=None, validator=_check_optional_text, metadata={LABEL: "标题"}
    )
    preface: str = text("前言", default="")
    overview: Overview = part(Overview, "一、总体情况")
    active_disclosure: ActiveDisclosure = part(ActiveDisclosure, "二、主动公开政府信息情况")
    applications: Applications = part(Applications, "三、收到和处理政府信息公开申请情况")
    review_litigation: ReviewLitigation = part(
        ReviewLitigation, "四、政府信息公开行政复议、行政诉讼情况"
    )
    problems: str = text("（一）存在的主要问题")
    improvements: str = text("（二）改进情况")
    other_matters: str = text("六、其他需要报告的事项")
    unfilled: tuple[str, ...] = attrs.field(
        default=(),
        converter=_as_tuple,
        validator=attrs.validators.deep_iterable(_check_text),
        metadata={LABEL: "未填写的单元格"},
    )
    """Dotted paths of the table cells the published report left blank (read back by
    :func:`gpr_docx.parse`). A blank cell is not a published 0: a blank 总计 is computed from its
    row or group for the checks, a blank count counts as 0, and the checks say which were blank."""
    level: str | None = attrs.field(
        default=None, validator=_validator(level_rejection), metadata={LABEL: "机关层级"}
    )
    """The body's level, one of 省级, 市级, 县级, 乡级, 部门 (``LEVELS``), when the data states
    it; the checks otherwise guess it from the agency's name (T2-4, V-3)."""
    has_rule_making_power: bool | None = attrs.field(
        default=None, validator=_validator(flag_rejection), metadata={LABEL: "有规章制定权"}
    )
    """Whether the body reports 规章 it (or the government it reports for) may make; when not
    given, it follows from ``level`` or the agency's name (T2-4)."""
    explanations: dict[str, str] = attrs.field(
        factory=dict,
        validator=_validator(explanations_rejection),
        hash=False,
        metadata={LABEL: "跨年度差异说明"},
    )
    """Reasons the report gives for a figure that does not follow from last year's report, by
    cell path (a 现行有效件数 reset after a clean-up): the cross-year finding at that cell becomes
    an info quoting the reason (R-6 reports a reason for a cell without such a finding)."""
    date: datetime.date | None = attrs.field(
        default=None, validator=_validator(date_rejection), metadata={LABEL: "成文日期"}
    )
    """The 成文日期 printed under the agency at the end (``2025年1月20日``), when the data gives it."""
    published_on: datetime.date | None = attrs.field(
        default=None, validator=_validator(date_rejection), metadata={LABEL: "公开发布日期"}
    )
    """The day the report was published (on the portal), when the data states it; a rule profile's
    deadline (``P-DEADLINE-1``) is checked against it, and says nothing without it."""
    filed_on: datetime.date | None = attrs.field(
        default=None, validator=_validator(date_rejection), metadata={LABEL: "报送日期"}
    )
    """The day the report was filed with the supervising office, when the data states it (checked
    by a rule profile's ``P-DEADLINE-2``)."""

    @property
    def document_title(self) -> str:
        """The document title: the given one, or ``{agency}{year}年政府信息公开工作年度报告``."""
        return self.title or f"{self.agency}{self.year}年政府信息公开工作年度报告"


def require_report(value: object, *, taker: str, name: str = "report") -> None:
    """Raise ``TypeError`` unless ``value`` is a :class:`Report`, saying what ``taker`` wanted.

    The library's functions take a typed report, not its data or a path: the message says how to
    get one, instead of an attribute error from deep inside.
    """
    if not isinstance(value, Report):
        raise TypeError(
            f"{taker}() takes a gpr_docx.Report as {name}, not {type(value).__name__}; "
            "read one with gpr_docx.load (data files) or gpr_docx.read (any input)"
        )


PROBLEMS_HEADING: Final = "五、存在的主要问题及改进情况"
"""Heading of section 五, which holds two fields (problems, improvements) and so has no field of its own."""

SECTION_HEADINGS: Final = (
    label(Report, "overview"),
    label(Report, "active_disclosure"),
    label(Report, "applications"),
    label(Report, "review_litigation"),
    PROBLEMS_HEADING,
    label(Report, "other_matters"),
)
"""The six top-level headings of the report, exactly as the national format gives them."""

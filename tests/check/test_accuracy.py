"""R-2 on the sentences real reports write about the outcomes of table 三, 表四's cases and shares.

Each row is a sentence a real report could print in 依申请公开 of the example district (2024), and
either ``None`` — it agrees with the tables and must not be flagged — or the figure it gets wrong:
the cells that add up to the figure, the table's value and the one the text states. The wrong
sentences are the right ones with one number changed, so both halves read the same phrasing.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from gpr_docx import Finding, Report, check, examples
from gpr_docx.check.phrases import FIGURES, claims, shares
from tests.helpers.editing import with_value

YEAR = 2024


@attrs.frozen
class Wrong:
    """The figure a sentence gets wrong: its key in FIGURES, the table's value and the text's."""

    key: str
    expected: int | str
    actual: int | str
    base: str = ""
    """For a percentage: the figure it is a share of."""


# The example district: 予以公开182, 部分公开35, 不予公开53 (国家秘密3 …), 无法提供61 (本机关不掌握34,
# 没有现成信息8, 补正后仍不明确19), 不予处理66 (信访举报投诉51, 重复申请5 …), 其他处理30, （七）总计454,
# 本年新收450, 结转下年度27; 行政复议15 (维持9, 纠正2, 其他3, 尚未审结1), 行政诉讼14 (维持7, 纠正1 …).
SENTENCES: dict[str, Wrong | None] = {
    # 予以公开 / 部分公开 / both.
    "其中予以公开182件，部分公开35件。": None,
    "其中予以公开180件，部分公开35件。": Wrong("disclosed", 182, 180),
    "其中予以公开182件，部分公开36件。": Wrong("partially_disclosed", 35, 36),
    "予以公开及部分公开217件。": None,
    "予以公开及部分公开258件。": Wrong("disclosed_or_partially", 217, 258),
    "予以公开和部分公开共217件。": None,
    "予以公开与部分公开的申请共计210件。": Wrong("disclosed_or_partially", 217, 210),
    "其中182件予以公开，35件部分公开。": None,
    "其中128件予以公开，35件部分公开。": Wrong("disclosed", 182, 128),
    "对182件申请依法予以公开。": None,
    # 不予公开, 无法提供, 不予处理, 其他处理: the sum of their rows.
    "不予公开53件。": None,
    "依法不予公开55件。": Wrong("withheld", 53, 55),
    "因本机关不掌握等原因无法提供61件。": None,
    "因本机关不掌握等原因无法提供34件。": Wrong("unable", 61, 34),
    "不予处理66件，其他处理30件。": None,
    "不予处理66件，其他处理31件。": Wrong("other", 30, 31),
    "不予处理的申请60件。": Wrong("not_processed", 66, 60),
    "其中不予公开53件，无法提供61件，不予处理66件。": None,
    "无法提供的61件申请均已告知理由。": None,
    # The reason rows, when named.
    "无法提供61件（其中本机关不掌握相关政府信息34件，没有现成信息需要另行制作8件）。": None,
    "无法提供61件，其中本机关不掌握相关政府信息43件。": Wrong("not_held", 34, 43),
    "属于本机关不掌握相关政府信息的34件。": None,
    "补正后申请内容仍不明确19件。": None,
    "补正后申请内容仍不明确9件。": Wrong("unclear_after_correction", 19, 9),
    "信访举报投诉类申请51件，重复申请5件。": None,
    "信访举报投诉类申请51件，重复申请6件。": Wrong("duplicate", 5, 6),
    "涉及国家秘密3件，属于四类过程性信息15件。": None,
    "属于国家秘密2件。": Wrong("state_secret", 3, 2),
    "属于行政查询事项13件。": None,
    "申请人无正当理由逾期不补正27件。": None,
    "因申请人逾期不补正而不再处理的20件。": Wrong("overdue_correction", 27, 20),
    "要求提供公开出版物1件，要求行政机关确认或重新出具已获取信息7件。": None,
    # 办结/答复 and 结转/顺延.
    "答复454件（另有27件顺延至下年度办理）。": None,
    "答复445件。": Wrong("handled", 454, 445),
    "另有30件顺延到下年度答复。": Wrong("carried_forward", 27, 30),
    "顺延至下一年度办理27件。": None,
    # 行政复议/行政诉讼 and their outcomes.
    "被申请行政复议15件，其中结果维持9件，结果纠正2件，其他结果3件，尚未审结1件。": None,
    "被申请行政复议15件，其中维持9件，纠错3件。": Wrong("review.corrected", 2, 3),
    "行政复议15件，其中维持8件。": Wrong("review.upheld", 9, 8),
    "行政复议15件，尚未审结2件。": Wrong("review.pending", 1, 2),
    "被提起行政诉讼14件，其中结果维持7件，结果纠正1件，尚未审结4件。": None,
    "被提起行政诉讼14件，其中结果维持9件。": Wrong("litigation.upheld", 7, 9),
    "行政诉讼14件，被纠错2件。": Wrong("litigation.corrected", 1, 2),
    "行政诉讼16件，其中结果维持7件。": Wrong("litigation", 14, 16),
    "办理行政复议案件40件，其中维持30件。": None,
    "行政复议决定维持30件。": None,
    # Percentages: of all handled requests unless the words name another base.
    "予以公开182件，占40.1%。": None,
    "予以公开182件，占40%。": None,
    "予以公开182件，占41.1%。": Wrong("disclosed", "40.1%", "41.1%", base="handled"),
    "予以公开182件，占办结总数的40.1%。": None,
    "予以公开182件，占收到申请总数的40.4%。": None,
    "予以公开182件，占收到申请总数的40.1%。": Wrong(
        "disclosed", "40.4%", "40.1%", base="new_requests"
    ),
    "不予公开53件，占比11.7%。": None,
    "不予公开53件，占比11.6%。": None,
    "不予公开53件，占比12.7%。": Wrong("withheld", "11.7%", "12.7%", base="handled"),
    "不予公开的占全部申请的比例为11.7%。": None,
    "无法提供61件（占13.4%）。": None,
    "无法提供61件（占31.4%）。": Wrong("unable", "13.4%", "31.4%", base="handled"),
    "予以公开及部分公开217件，占47.8%。": None,
    "予以公开及部分公开217件，占74.8%。": Wrong(
        "disclosed_or_partially", "47.8%", "74.8%", base="handled"
    ),
    "本机关不掌握相关政府信息34件，占7.5%。": None,
    "本机关不掌握相关政府信息34件，占5.7%。": Wrong("not_held", "7.5%", "5.7%", base="handled"),
    "予以公开182件，占全省的2.1%。": None,
    # What is not this year's figure, nor a figure of table 三.
    "予以公开182件，同比增加20件。": None,
    "2023年予以公开150件。": None,
    "主动公开政府信息2000条，依申请予以公开182件。": None,
    # An office acting for the body counts only its own share of the requests.
    "区政府办代表区政府受理政府信息公开申请17件，均已按期答复。": None,
    "区政府受理政府信息公开申请17件，均已按期答复。": Wrong("new_requests", 450, 17),
}


@pytest.fixture(scope="module")
def district() -> Report:
    return examples.load("example-district-2024")


def _r2(report: Report, sentence: str) -> list[Finding]:
    edited = with_value(report, "overview.on_request", sentence)
    return [f for f in check(edited) if f.rule == "R-2"]


def test_the_table_is_large_and_half_correct() -> None:
    right = [s for s, wrong in SENTENCES.items() if wrong is None]
    assert len(SENTENCES) >= 60
    assert len(right) * 2 >= len(SENTENCES)


@pytest.mark.parametrize(("sentence", "wrong"), SENTENCES.items())
def test_real_style_sentence(district: Report, sentence: str, wrong: Wrong | None) -> None:
    found = _r2(district, sentence)
    if wrong is None:
        assert found == [], [str(f) for f in found]
        return
    assert len(found) == 1, [str(f) for f in found]
    finding = found[0]
    assert (finding.expected, finding.actual) == (wrong.expected, wrong.actual)
    cells = FIGURES[wrong.key].paths + (FIGURES[wrong.base].paths if wrong.base else ())
    assert tuple(number.path for number in finding.numbers) == cells
    assert finding.location.path == "overview.on_request"


def test_a_group_is_named_by_its_rows_in_the_message(district: Report) -> None:
    (finding,) = _r2(district, "因本机关不掌握等原因无法提供34件。")
    assert str(finding) == (
        "R-2 警告 「一、总体情况 · 依申请公开」“无法提供34件”："
        "文中为 34 件，但表三「（四）无法提供各行」「总计」列合计为 61"
    )


def test_outcomes_belong_to_the_case_named_last() -> None:
    text = "行政复议3件，其中维持2件；行政诉讼4件，其中维持1件，复议后起诉中纠正1件。"
    assert [(c.key, c.value) for c in claims(text, YEAR)] == [
        ("review", 3),
        ("review.upheld", 2),
        ("litigation", 4),
        ("litigation.upheld", 1),
        ("litigation.corrected", 1),
    ]


def test_a_share_names_its_base() -> None:
    found = list(shares("予以公开10件，占受理总数的20%；不予公开5件，占10.5%。", YEAR))
    assert [(s.key, s.percent, s.base) for s in found] == [
        ("disclosed", Decimal(20), "new_requests"),
        ("withheld", Decimal("10.5"), "handled"),
    ]


def test_a_share_of_nothing_is_not_checked(district: Report) -> None:
    empty = with_value(district, "applications.results", type(district.applications.results)())
    empty = attrs.evolve(empty, applications=attrs.evolve(empty.applications))
    text = "不予公开的占全部申请的比例为11.7%。"
    edited = with_value(empty, "overview.on_request", text)
    assert [f for f in check(edited) if f.rule == "R-2" and "%" in str(f.actual)] == []


# -- the real reports: a wrong category in a real provincial report's words --------------------


def test_the_provincial_report_mistakes_are_found(district: Report) -> None:
    text = (
        "全年共办结政府信息公开申请454件，其中予以公开及部分公开258件，"
        "因本机关不掌握等原因无法提供34件。"
    )
    found = _r2(district, text)
    assert [(f.location.phrase, f.expected, f.actual) for f in found] == [
        ("予以公开及部分公开258件", 217, 258),
        ("无法提供34件", 61, 34),
    ]


REALWORLD = Path(__file__).resolve().parents[3] / "shared" / "realworld"


@pytest.mark.parametrize("name", ["hongze-2023", "hongze-2024", "huaian-2024"])
def test_real_reports_get_no_r1_and_no_new_r2(name: str) -> None:
    path = REALWORLD / f"{name}.pdf"
    if not path.exists():
        pytest.skip(f"real report not available at {path}")
    pytest.importorskip("pdfplumber")
    from gpr_docx import parse

    parsed = parse(path)
    found = check(parsed.report)
    assert [str(f) for f in found if f.rule == "R-1"] == []
    assert parsed.report.problems and parsed.report.improvements
    # hongze-2024's text counts the 区政府办's own 17 requests (代表区政府受理), its table the
    # district's 95: not a contradiction.
    assert [str(f) for f in found if f.rule == "R-2"] == []


# -- section 五 written as prose ----------------------------------------------------------------

_PROBLEMS = "对照上级要求，还存在一些不足：一是政策解读质量仍需提升；二是队伍建设还需加强。"
PROSE_FIVE: dict[str, tuple[str, str]] = {
    # two paragraphs, the second leading into the improvements
    f"{_PROBLEMS}\n针对存在问题，下一步，我区将加强政策解读。": (
        _PROBLEMS,
        "针对存在问题，下一步，我区将加强政策解读。",
    ),
    # one paragraph: the improvements start at a sentence
    f"{_PROBLEMS}下一步，将切实抓好以下工作：一是规范流程。二是加强培训。": (
        _PROBLEMS,
        "下一步，将切实抓好以下工作：一是规范流程。二是加强培训。",
    ),
    f"{_PROBLEMS}\n2025年，我们将继续加强培训。": (_PROBLEMS, "2025年，我们将继续加强培训。"),
    f"{_PROBLEMS}\n二〇二五年，我局将进一步规范答复。": (
        _PROBLEMS,
        "二〇二五年，我局将进一步规范答复。",
    ),
    f"{_PROBLEMS}改进措施：加强培训，规范答复。": (_PROBLEMS, "改进措施：加强培训，规范答复。"),
    f"{_PROBLEMS}\n今后，我们将持续改进。": (_PROBLEMS, "今后，我们将持续改进。"),
    # no lead: everything is the problems, and R-1 says the improvements are missing
    f"{_PROBLEMS}\n将加强培训。": (f"{_PROBLEMS}\n将加强培训。", ""),
}


def _five(text: str) -> tuple[str, str]:
    from gpr_docx.grid import Paragraph
    from gpr_docx.parse.narrative import read_narrative

    texts = [
        "某某区人民政府2024年政府信息公开工作年度报告",
        "一、总体情况",
        "工作开展情况。",
        "五、存在的主要问题及改进情况",
        *text.splitlines(),
        "六、其他需要报告的事项",
        "无。",
    ]
    data = read_narrative([Paragraph(t, None) for t in texts]).data
    return data["problems"], data["improvements"]


@pytest.mark.parametrize(("text", "parts"), PROSE_FIVE.items())
def test_prose_five_is_split_into_problems_and_improvements(
    district: Report, text: str, parts: tuple[str, str]
) -> None:
    problems, improvements = _five(text)
    assert (problems, improvements) == parts
    edited = attrs.evolve(district, problems=problems, improvements=improvements)
    r1 = [f.location.path for f in check(edited) if f.rule == "R-1"]
    assert r1 == ([] if improvements else ["improvements"])


def test_sub_headings_still_decide_the_parts() -> None:
    text = "（一）存在的主要问题\n下一步的工作还不够细。\n（二）改进情况\n加强培训。"
    assert _five(text) == ("下一步的工作还不够细。", "加强培训。")


# -- level and rule-making power ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("agency", "level", "power", "hinted"),
    [
        ("上海市人民政府办公厅", None, None, False),
        ("淮安市人民政府办公室", None, None, False),
        ("上海市人民政府", None, None, False),
        ("上海市浦东新区人民政府办公室", None, None, True),
        ("某某县人民政府", None, None, True),
        ("某某市教育局", None, None, True),
        ("某某市教育局", "部门", None, True),
        ("某某县人民政府", "市级", None, False),
        ("上海市人民政府办公厅", "县级", None, True),
        ("某某市教育局", None, True, False),
        ("上海市人民政府", "省级", False, True),
    ],
)
def test_rule_making_power(
    district: Report, agency: str, level: str | None, power: bool | None, hinted: bool
) -> None:
    issued = with_value(district, "active_disclosure.regulations.issued", 2)
    report = attrs.evolve(issued, agency=agency, level=level, has_rule_making_power=power)
    assert any(f.rule == "T2-4" for f in check(report)) is hinted


def test_a_stated_township_level_sets_the_fee_threshold(dasheng: Report) -> None:
    fee = with_value(dasheng, "active_disclosure.fees", Decimal(40000))
    assert [f.rule for f in check(fee) if f.rule == "V-3"] == ["V-3"]
    assert [f.rule for f in check(attrs.evolve(fee, level="县级")) if f.rule == "V-3"] == []
    town_named_otherwise = attrs.evolve(fee, agency="某某中心", level="乡级")
    assert [f.rule for f in check(town_named_otherwise) if f.rule == "V-3"] == ["V-3"]


# -- explanations of cross-year differences -----------------------------------------------------

_IN_FORCE = "active_disclosure.normative_documents.in_force"


def _last_year(report: Report) -> Report:
    """Last year's report of the district: carry-overs agree, 现行有效件数 was 90 (T2-2 fires)."""
    last = attrs.evolve(report, year=report.year - 1, preface="", problems="", other_matters="")
    last = with_value(last, "applications.carried_forward", report.applications.carried_over)
    return with_value(last, _IN_FORCE, 90)


def test_an_explanation_turns_exactly_its_finding_into_an_info(district: Report) -> None:
    last = with_value(_last_year(district), "applications.carried_forward.natural_person", 24)
    plain = check(district, last)
    assert sorted(f.rule for f in plain if f.rule.startswith("T")) == ["T2-2", "T3-4"]
    reason = "2024年开展规范性文件清理，现行有效件数重新统计"
    explained = check(attrs.evolve(district, explanations={_IN_FORCE: reason}), last)
    by_rule = {(f.rule, f.location.path): f for f in explained}
    t22 = by_rule[("T2-2", _IN_FORCE)]
    assert t22.severity.value == "info"
    assert t22.message.endswith(f"；报告已说明：{reason}")
    others = [f for f in explained if (f.rule, f.location.path) != ("T2-2", _IN_FORCE)]
    assert others == [f for f in plain if (f.rule, f.location.path) != ("T2-2", _IN_FORCE)]
    assert not any(f.rule == "R-6" for f in explained)


def test_a_stale_explanation_is_reported(district: Report) -> None:
    last = with_value(_last_year(district), _IN_FORCE, 89)  # 89 + 12 − 5 = 96: nothing to explain
    explaining = attrs.evolve(district, explanations={_IN_FORCE: "文件清理"})
    found = check(explaining, last)
    assert [(f.rule, f.location.path) for f in found if f.rule.startswith(("T", "R-6"))] == [
        ("R-6", _IN_FORCE)
    ]
    assert check(explaining) == [], "without last year's report nothing is compared"


def test_explanations_and_level_travel_through_the_data_format(district: Report) -> None:
    from gpr_docx.schema import structure, unstructure

    report = attrs.evolve(
        district, level="市级", has_rule_making_power=True, explanations={_IN_FORCE: "清理"}
    )
    data = unstructure(report)
    assert (data["level"], data["has_rule_making_power"], data["explanations"]) == (
        "市级",
        True,
        {_IN_FORCE: "清理"},
    )
    assert structure(data) == report
    assert "level" not in unstructure(district)

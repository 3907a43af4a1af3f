"""What gpr_docx.phrases reads from sentences written the way published annual reports write them.

Each row is a sentence and what a careful supervisor takes from it for the report year 2024: the
figures it states about this year's tables (key, value), or nothing. When in doubt a sentence states
nothing — a missed phrasing costs less than a warning on a correct report.
"""

from __future__ import annotations

import pytest

from gpr_docx import Report, check
from gpr_docx.check.phrases import claims, named_years
from tests.helpers.editing import with_value

YEAR = 2024

FIGURES: dict[str, list[tuple[str, int]]] = {
    # 收到/受理/新收: the total, never its breakdown.
    "2024年，共收到政府信息公开申请125件，其中自然人申请118件，法人或其他组织申请7件；上年结转5件。": [
        ("new_requests", 125),
        ("carried_over", 5),
    ],
    "本年度新收政府信息公开申请32件（其中自然人申请30件，法人或其他组织申请2件）。": [
        ("new_requests", 32)
    ],
    "全年共收到申请30件，其中通过互联网收到申请20件，通过信函收到申请10件。": [
        ("new_requests", 30)
    ],
    "全年共办理政府信息公开申请48件，其中本年新收45件，上年结转3件。": [("carried_over", 3)],
    "本年度新收申请45件，加上上年结转3件，共计48件。": [("new_requests", 45), ("carried_over", 3)],
    "受理依申请公开12件。": [("new_requests", 12)],
    "收到12件申请。": [("new_requests", 12)],
    "本年度收到政府信息公开申请三件。": [("new_requests", 3)],
    "共收到并答复政府信息公开申请12件。": [("new_requests", 12)],
    "收到政府信息公开申请7件，均在法定期限内予以答复。": [("new_requests", 7)],
    # Year on year and cumulative: the figure stands, the change is not a figure.
    "全年共受理政府信息公开申请86件，同比增长12.5%。": [("new_requests", 86)],
    "全年共受理政府信息公开申请86件，较上年增加12件。": [("new_requests", 86)],
    "2024年共收到申请86件，比2023年增加12件。": [("new_requests", 86)],
    "与2023年相比，收到申请数量增加了15件。": [],
    "收到政府信息公开申请较上年减少3件。": [],
    "自2019年以来累计收到政府信息公开申请1000件。": [],
    "2023年收到申请30件。": [],
    "收到申请100余件。": [],
    # Requests that are not disclosure requests, or only some of them.
    "收到行政复议申请2件。": [],
    "收到行政许可申请120件。": [],
    "受理的申请实行一件一档管理。": [],
    # 办结/答复: the (七)总计 of table 三, not replies to anything else.
    "已办结118件，结转下年度继续办理12件。": [("handled", 118), ("carried_forward", 12)],
    "本年度共答复政府信息公开申请120件，按时答复率100%。": [("handled", 120)],
    "已答复118件，其中予以公开60件。": [("handled", 118), ("disclosed", 60)],
    "全年办结政府信息公开申请40件。": [("handled", 40)],
    "延期答复申请3件。": [],
    "答复群众咨询200件。": [],
    "回复网民留言300件。": [],
    "办结12345热线工单300件。": [],
    "办结人大代表建议和政协提案25件。": [],
    # 结转.
    "上年度结转的申请3件已全部办结。": [("carried_over", 3)],
    "结转至2025年继续办理2件。": [("carried_forward", 2)],
    # 行政复议/行政诉讼: the total, not an outcome, and not cases this body decides as 复议机关.
    "本年度被申请行政复议5件，其中维持3件，纠错1件，尚未审结1件。": [
        ("review", 5),
        ("review.upheld", 3),
        ("review.corrected", 1),
        ("review.pending", 1),
    ],
    "被申请行政复议3件（维持2件，纠正1件）。": [
        ("review", 3),
        ("review.upheld", 2),
        ("review.corrected", 1),
    ],
    "涉及政府信息公开的行政复议3件，行政诉讼1件。": [("review", 3), ("litigation", 1)],
    "提起行政诉讼2起，一审判决驳回1起。": [("litigation", 2)],
    "共发生行政复议、行政诉讼案件4件。": [("review_and_litigation", 4)],
    "行政复议0件，行政诉讼0件。": [("review", 0), ("litigation", 0)],
    "行政复议决定维持2件。": [],
    "经行政复议后提起诉讼的案件1件。": [],
    "行政复议、行政诉讼各1件。": [],
    "本年度共办理行政复议案件30件。": [],
}

NONE_SAID: dict[str, list[str]] = {
    "本年度未发生政府信息公开行政复议、行政诉讼案件。": ["review", "litigation"],
    "全年未发生因政府信息公开引发的行政复议和行政诉讼。": ["review", "litigation"],
    "没有因政府信息公开工作被申请行政复议或提起行政诉讼的情况。": ["review", "litigation"],
    "全年无政府信息公开申请。": ["new_requests"],
    "本机关2024年度未收到政府信息公开申请，上年无结转申请。": ["new_requests", "carried_over"],
    # Not a statement that there were none.
    "未发生行政复议被纠错和行政诉讼败诉的情况。": [],
    "全年未收到行政复议申请。": [],
    "未收到通过信函方式提出的政府信息公开申请。": [],
    "未收到政府信息公开申请方面的投诉。": [],
    "未收到申请人对答复结果的异议。": [],
}


@pytest.mark.parametrize(("sentence", "expected"), FIGURES.items())
def test_figures_stated(sentence: str, expected: list[tuple[str, int]]) -> None:
    assert [(c.key, c.value) for c in claims(sentence, YEAR) if not c.negative] == expected


@pytest.mark.parametrize(("sentence", "expected"), NONE_SAID.items())
def test_none_stated(sentence: str, expected: list[str]) -> None:
    said = list(claims(sentence, YEAR))
    assert all(c.value == 0 and c.negative for c in said)
    assert [c.key for c in said] == expected


# (part, text, years a careful reader would question in a 2024 report).
YEARS: list[tuple[str, str, list[int]]] = [
    ("title", "二〇二三年政府信息公开工作年度报告", [2023]),
    ("title", "2023年政府信息公开工作年度报告", [2023]),
    ("title", "二○二三年政府信息公开工作年度报告", [2023]),  # a white circle for 〇
    ("title", "二O二三年政府信息公开工作年度报告", [2023]),  # a Latin O
    ("title", "二零二四年政府信息公开工作年度报告", []),
    ("preface", "现将２０２３年度报告公布如下。", [2023]),  # full-width digits
    ("preface", "本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。", []),
    ("preface", "本报告于2025年1月编制完成。", []),
    ("preface", "现将2023年度报告公布如下。", [2023]),
    ("preface", "根据《中华人民共和国政府信息公开条例》（2019年修订）编制。", []),
    ("problems", "针对2023年度报告中提出的问题，我局逐项整改。", []),
    ("problems", "信息公开数量较2023年有所下降。", []),
    ("problems", "截至2025年1月，已完成整改。", []),
    ("problems", "2023年，我镇信息更新时效性不高。", [2023]),
    ("problems", "较2022年有所下降。", [2022]),
    ("problems", "较二○二三年有所下降。", []),
    ("improvements", "对2023年政府信息公开工作年度报告提出的问题已整改到位。", []),
    ("improvements", "2025年1月起将开展培训；2025年将进一步加强队伍建设。", []),
    ("improvements", "2026年将完成平台改版。", [2026]),
]


@pytest.mark.parametrize(("part", "text", "questioned"), YEARS)
def test_years_questioned(dasheng: Report, part: str, text: str, questioned: list[int]) -> None:
    report = with_value(dasheng, part, text)
    found = [f for f in check(report) if f.rule == "R-3"]
    assert [f.actual for f in found] == questioned
    assert all(f.location.path == part for f in found)


def test_a_year_named_as_reference_is_only_last_year() -> None:
    named = list(named_years("较2023年有所提升，2023年度报告中提出的问题已整改，截至2025年1月。"))
    assert [(n.year, n.looks_back, n.dated) for n in named] == [
        (2023, True, False),
        (2023, True, False),
        (2025, False, True),
    ]


def test_a_correct_report_written_in_detail_gets_no_warning(district: Report) -> None:
    """Breakdowns, changes and outcomes next to the right totals are not read as the totals."""
    text = (
        "全年共收到政府信息公开申请450件，同比增长12%，其中自然人申请412件；上年结转31件。"
        "已办结454件，结转下年度继续办理27件。"
        "被申请行政复议15件，其中维持9件；行政复议决定维持9件。"
    )
    detailed = with_value(district, "overview.on_request", text)
    assert check(detailed) == []


@pytest.mark.parametrize(
    ("text", "phrase", "expected", "actual"),
    [
        (
            "全年共收到政府信息公开申请412件，其中自然人申请412件。",
            "收到政府信息公开申请412件",
            450,
            412,
        ),
        ("2024年共收到申请450件，比2023年增加12件；被申请行政复议9件。", "行政复议9件", 15, 9),
        (
            "本年度未发生政府信息公开行政复议、行政诉讼案件。",
            "未发生政府信息公开行政复议、行政诉讼",
            15,
            0,
        ),
    ],
)
def test_the_common_mistakes_are_caught(
    district: Report, text: str, phrase: str, expected: int, actual: int
) -> None:
    found = [f for f in check(with_value(district, "overview.on_request", text)) if f.rule == "R-2"]
    assert [(f.location.phrase, f.expected, f.actual) for f in found][:1] == [
        (phrase, expected, actual)
    ]

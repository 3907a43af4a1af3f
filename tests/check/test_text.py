"""The text rules R-1…R-5 on real sentences (the 大盛镇 2024 report and the district example)."""

from __future__ import annotations

import json

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gpr_docx import Finding, Overview, Report, Severity, check, examples
from gpr_docx.check.phrases import claims, named_years
from gpr_docx.check.years import SIMILARITY_CHARACTER_LIMIT, SIMILARITY_THRESHOLD, similarity
from tests.helpers import SHARED
from tests.helpers.editing import bumped, with_value

ORIGINAL = SHARED / "examples" / "dasheng-2024-original.txt"

# Sentences as published (dasheng-2024-original.txt and the district example).
DASHENG_ON_REQUEST = "2024年我镇未收到政府信息公开申请，无政府信息公开行政复议和提起行政诉讼情况。"
DISTRICT_ON_REQUEST = (
    "全年共收到政府信息公开申请450件，上年结转31件，已办结454件，结转下年度继续办理27件。"
)


def _rules(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


def _only(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def test_the_real_sentences_are_in_the_examples(dasheng: Report, district: Report) -> None:
    assert DASHENG_ON_REQUEST in dasheng.overview.on_request
    assert district.overview.on_request == DISTRICT_ON_REQUEST
    if ORIGINAL.exists():
        assert DASHENG_ON_REQUEST in ORIGINAL.read_text("utf-8")


# -- R-1 --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["problems", "improvements", "other_matters"])
def test_r1_missing_section_is_an_error(dasheng: Report, name: str) -> None:
    found = check(with_value(dasheng, name, " \n "))
    assert _rules(found) == ["R-1"]
    assert found[0].severity is Severity.ERROR
    assert found[0].location.path == name
    assert "应写明“无”" in found[0].message
    # Near miss: saying there is nothing is content.
    assert check(with_value(dasheng, name, "无。")) == []


def test_r1_empty_overview_part_is_a_warning(dasheng: Report) -> None:
    found = check(with_value(dasheng, "overview.platforms", ""))
    assert _rules(found) == ["R-1"]
    assert found[0].severity is Severity.WARNING
    assert str(found[0].location) == "「一、总体情况 · 政府信息公开平台建设」"
    empty = attrs.evolve(dasheng, overview=type(dasheng.overview)())
    found = check(empty)
    assert [(f.rule, f.severity) for f in found] == [("R-1", Severity.ERROR)]
    assert "缺少「一、总体情况」" in found[0].message


# -- R-2 --------------------------------------------------------------------------------------


def test_r2_phrasings_of_real_reports() -> None:
    said = [(c.key, c.value) for c in claims(DISTRICT_ON_REQUEST, 2024)]
    assert said == [
        ("new_requests", 450),
        ("carried_over", 31),
        ("handled", 454),
        ("carried_forward", 27),
    ]
    negated = [(c.key, c.value, c.negative) for c in claims(DASHENG_ON_REQUEST, 2024)]
    assert negated == [
        ("new_requests", 0, True),
        ("review", 0, True),
        ("litigation", 0, True),
    ]
    cases = {
        "共收到12件政府信息公开申请，均已按时办结。": [("new_requests", 12)],
        "本年度新收政府信息公开申请数量为十二件。": [("new_requests", 12)],
        "本年度被申请行政复议3件，提起行政诉讼2起。": [("review", 3), ("litigation", 2)],
        "发生行政复议和行政诉讼共5件。": [("review_and_litigation", 5)],
        "全年办理行政许可117件。": [("licensing", 117)],
        "未经行政复议直接提起行政诉讼的案件3件。": [("litigation_direct", 3)],
        # Other years, cumulative and year-on-year figures are not this year's table.
        "2023年收到申请30件。": [],
        "累计收到申请1000件。": [],
        "较上年收到申请增加5件。": [],
        # Not a figure of the tables.
        "2024年全年主动公开政府信息516条。": [],
        "严格审查公开内容，坚持分级受理和严格法定原则。": [],
    }
    for sentence, expected in cases.items():
        assert [(c.key, c.value) for c in claims(sentence, 2024)] == expected, sentence


def test_r2_text_says_no_requests_but_the_table_has_some(dasheng: Report) -> None:
    received = bumped(dasheng, "applications.new_requests.natural_person", 2)
    received = bumped(received, "applications.new_requests.total", 2)
    received = bumped(received, "applications.results.disclosed.natural_person", 2)
    received = bumped(received, "applications.results.disclosed.total", 2)
    received = bumped(received, "applications.results.total.natural_person", 2)
    received = bumped(received, "applications.results.total.total", 2)
    found = check(received)
    assert _rules(found) == ["R-2"]
    assert found[0].location.phrase == "未收到政府信息公开申请"
    assert str(found[0].location) == "「一、总体情况 · 依申请公开」“未收到政府信息公开申请”"
    assert (found[0].expected, found[0].actual) == (2, 0)
    assert "表三「一、本年新收政府信息公开申请数量」行「总计」列为 2" in found[0].message


def test_r2_text_says_no_reconsideration_but_table_4_has_one(dasheng: Report) -> None:
    reviewed = bumped(dasheng, "review_litigation.review.upheld", 1)
    reviewed = bumped(reviewed, "review_litigation.review.total", 1)
    found = check(reviewed)
    assert _rules(found) == ["R-2"]
    assert found[0].location.phrase == "无政府信息公开行政复议和提起行政诉讼"
    sued = bumped(dasheng, "review_litigation.litigation_after_review.pending", 1)
    sued = bumped(sued, "review_litigation.litigation_after_review.total", 1)
    found = check(sued)
    assert _rules(found) == ["R-2"]
    assert "合计为 1" in found[0].message


def test_r2_figures_of_the_district_text(district: Report) -> None:
    assert check(district) == []
    # The reverse of 未收到: the text quotes a number the table does not have.
    moved = bumped(district, "applications.carried_over.natural_person", 1)
    moved = bumped(moved, "applications.carried_over.total", 1)
    moved = bumped(moved, "applications.new_requests.natural_person", -1)
    moved = bumped(moved, "applications.new_requests.total", -1)
    found = check(moved)
    assert [(f.rule, f.location.phrase, f.expected, f.actual) for f in found] == [
        ("R-2", "收到政府信息公开申请450件", 449, 450),
        ("R-2", "上年结转31件", 32, 31),
    ]
    assert all(f.severity is Severity.WARNING for f in found)


# -- R-3 --------------------------------------------------------------------------------------


def test_r3_years_in_title_preface_and_problems(dasheng: Report) -> None:
    # The 2024 text reused for 2025 without changing its years.
    found = check(attrs.evolve(dasheng, year=2025), None)
    r3 = _only(found, "R-3")
    assert [f.location.path for f in r3] == ["title", "preface", "problems"]
    assert all((f.expected, f.actual) == (2025, 2024) for f in r3)
    assert "2024年政府信息公开工作年度报告" in r3[0].location.phrase


def test_r3_near_misses(dasheng: Report) -> None:
    plans = attrs.evolve(dasheng, improvements="2025年将进一步加强政务公开人员培训。")
    assert check(plans) == [], "the improvement part may name the next year"
    law = attrs.evolve(
        dasheng,
        preface="根据《中华人民共和国政府信息公开条例》（2019年修订）和国办公开办函〔2021〕30号，编制2024年度报告。",
    )
    assert check(law) == []
    assert [named.year for named in named_years(law.preface)] == [2024]


# -- R-4 --------------------------------------------------------------------------------------


def test_r4_copied_text_and_numbers(district: Report) -> None:
    copied = with_value(
        attrs.evolve(district, year=2023),
        "applications.carried_forward",
        district.applications.carried_over,
    )
    copied = with_value(copied, "active_disclosure.normative_documents.in_force", 89)
    found = check(district, copied)
    r4 = _only(found, "R-4")
    assert {f.location.path for f in r4} >= {"overview.on_request", "problems", "other_matters"}
    assert not [f for f in r4 if f.location.path == "title"]
    assert not has_table_finding(r4), "one number differs (现行有效件数 89 → 96)"
    same = attrs.evolve(district, year=2023)
    assert has_table_finding(_only(check(district, same), "R-4"))


def has_table_finding(findings: list[Finding]) -> bool:
    return any(f.location.part == "表二、表三、表四" for f in findings)


def test_r4_near_miss_rewritten_text(district: Report, dasheng: Report) -> None:
    last_year = attrs.evolve(dasheng, year=2023, agency=district.agency)
    assert not _only(check(district, last_year), "R-4")
    text = district.overview.active_disclosure
    assert similarity(text, 2024, text.replace("2024", "2023"), 2023) == 1.0
    assert similarity(text, 2024, dasheng.overview.active_disclosure, 2023) < SIMILARITY_THRESHOLD


def test_r4_long_texts_are_compared_by_clause(district: Report) -> None:
    """Past the character limit, sections are aligned clause by clause: still right, and fast."""
    sentences = [
        f"第{i}项工作按计划推进，完成情况良好，群众满意度为{i % 7}成。" for i in range(400)
    ]
    text = "".join(sentences)
    assert len(text) > SIMILARITY_CHARACTER_LIMIT
    assert similarity(text, 2024, text, 2023) == 1.0
    rewritten = "".join(s.replace("推进", "开展") for s in sentences[::2])
    edited = "".join(sentences[:-10]) + "另有十项工作因故调整。" * 10
    assert similarity(text, 2024, edited, 2023) >= SIMILARITY_THRESHOLD
    assert similarity(text, 2024, rewritten, 2023) < SIMILARITY_THRESHOLD
    copied = attrs.evolve(district, problems=text)
    r4 = _only(check(copied, attrs.evolve(copied, year=2023)), "R-4")
    assert "problems" in {f.location.path for f in r4}


def test_r4_short_sections_may_repeat(dasheng: Report) -> None:
    short = attrs.evolve(dasheng, other_matters="无。")
    assert not [
        f
        for f in check(short, attrs.evolve(short, year=2023))
        if f.location.path == "other_matters"
    ]


# -- R-5 --------------------------------------------------------------------------------------


def test_r5_wrong_year_or_agency_skips_the_other_cross_year_rules(
    district: Report, dasheng: Report
) -> None:
    found = check(district, attrs.evolve(district, year=2022))
    assert _rules(found) == ["R-5"]
    assert (found[0].expected, found[0].actual) == (2023, 2022)
    found = check(district, attrs.evolve(dasheng, year=2023))
    assert _rules(found) == ["R-5"]
    assert str(found[0].location) == "「报告机关」"
    # Near miss: the same body named with or without its city.
    short_name = attrs.evolve(district, year=2023, agency="示例区人民政府")
    assert "R-5" not in _rules(check(district, short_name))


def test_full_width_digits_and_thousands_separators_are_read(district: Report) -> None:
    """Text typed with an input method's full-width digits, or ``1,234``, is read, not a crash."""
    found = list(claims("全年共收到政府信息公开申请４５１件，办理行政许可18,342件。", 2024))
    assert [(c.key, c.value) for c in found] == [("new_requests", 451), ("licensing", 18342)]
    overview = attrs.evolve(district.overview, on_request="全年共收到政府信息公开申请４５１件。")
    flagged = check(attrs.evolve(district, overview=overview))
    assert [f.rule for f in flagged] == ["R-2"]  # the table says 450


# Pieces of the phrases the text rules look for, in any order: the rules must never fail on text.
_fragments = st.sampled_from(
    [
        "收到", "新收", "受理", "政府信息公开申请", "申请", "申请人", "件", "起", "宗", "未", "无", "没有",
        "上年结转", "结转下年度", "办结", "行政复议", "行政诉讼", "和", "未经复议", "行政许可",
        "年", "2024", "2023年", "二〇二四年", "１２", "1,234", ",", "12", "零", "十二", "两千",
        "，", "。", "；", "\n", " ", "（", "）", "累计", "同比",
    ]
)  # fmt: skip
_phrase_text = st.lists(_fragments, max_size=30).map("".join)


@given(st.data())
def test_text_rules_never_fail_on_any_text(data: st.DataObject) -> None:
    district = examples.load("example-district-2024")
    overview = Overview(**{f.name: data.draw(_phrase_text) for f in attrs.fields(Overview)})
    report = attrs.evolve(
        district,
        overview=overview,
        preface=data.draw(_phrase_text),
        problems=data.draw(_phrase_text) or "无",
        improvements=data.draw(_phrase_text) or "无",
    )
    previous = attrs.evolve(report, year=report.year - 1, problems=data.draw(_phrase_text) or "无")
    for found in (check(report), check(report, previous)):
        for finding in found:
            assert finding.message
            json.dumps(finding.as_dict(), ensure_ascii=False)


@pytest.mark.parametrize("agency", ["", "   ", "\n"])
def test_r1_a_blank_agency_is_an_error(dasheng: Report, agency: str) -> None:
    findings = [f for f in check(attrs.evolve(dasheng, agency=agency)) if f.rule == "R-1"]
    assert [(f.severity, str(f.location)) for f in findings] == [(Severity.ERROR, "「报告机关」")]

"""Matching a submission to its unit: code first, then names and aliases; never a guess."""

from __future__ import annotations

import pytest

from gpr_docx.collect.matching import AMBIGUOUS, CONFLICT, UNKNOWN, Matcher, loose_key, name_key
from gpr_docx.collect.registry import Registry, Unit

REGISTRY = Registry(
    (
        Unit("015", "某某区财政局", "部门", aliases=("区财政",)),
        Unit("016", "某某区教育局", "部门"),
        Unit("017", "某某区市场监督管理局", "部门"),
        Unit("101", "某某区大盛镇人民政府", "乡镇街道", aliases=("大盛镇",)),
        Unit("102", "渝北区人民政府", "区县"),
        Unit("103", "江北区人民政府", "区县"),
    )
)
MATCHER = Matcher(REGISTRY)


def test_keys_fold_width_spaces_punctuation_and_region_prefixes() -> None:
    assert name_key("某某区　财政局（ＸＸ）") == "某某区财政局xx"
    assert loose_key("重庆市渝北区财政局") == loose_key("某某区财政局") == loose_key("区财政局")
    assert loose_key("某某区大盛镇人民政府") == loose_key("大盛镇政府") == "大盛镇政府"
    assert loose_key("市场监督管理局") == loose_key("北京市市场监督管理局")


@pytest.mark.parametrize(
    ("stem", "agency", "code", "how"),
    [
        ("015-某某区财政局", "某某区财政局", "015", "文件名中的代码"),
        ("财政局_015_2024年报", None, "015", "文件名中的代码"),
        ("报告", "某某区财政局", "015", "报告机关名称"),
        ("报告", "区财政", "015", "报告机关别名"),
        ("报告", "重庆市某某区 财政局", "015", "报告机关名称（去掉地区前缀）"),
        ("报告", "大盛镇人民政府", "101", "报告机关名称（去掉地区前缀）"),
        ("报告", "教育局（016）", "016", "报告机关中的代码"),
        ("报告", "渝北区人民政府", "102", "报告机关名称"),
        ("某某区教育局2024年政府信息公开工作年度报告", None, "016", "文件名名称"),
        ("市场监管", "北京市市场监督管理局", "017", "报告机关名称（去掉地区前缀）"),
    ],
)
def test_a_submission_is_matched(stem: str, agency: str | None, code: str, how: str) -> None:
    match = MATCHER.match([stem], agency)
    assert match.unit is not None, match.message
    assert (match.unit.code, match.how) == (code, how)


def test_two_codes_in_a_file_name_are_ambiguous() -> None:
    match = MATCHER.match(["015-016"], None)
    assert match.unit is None and match.problem == AMBIGUOUS
    assert "015 某某区财政局" in match.message and "016 某某区教育局" in match.message


def test_a_name_several_units_go_by_is_ambiguous() -> None:
    match = MATCHER.match(["报告"], "区人民政府")
    assert match.unit is None and match.problem == AMBIGUOUS
    assert "102" in match.message and "103" in match.message


def test_a_code_that_names_another_unit_than_the_agency_is_a_conflict() -> None:
    match = MATCHER.match(["016-报告"], "某某区财政局")
    assert match.unit is None and match.problem == CONFLICT
    assert "016 某某区教育局" in match.message and "015 某某区财政局" in match.message


def test_the_code_wins_over_an_agency_that_fits_nothing() -> None:
    match = MATCHER.match(["016"], "教委")
    assert match.unit is not None and match.unit.code == "016"


def test_an_unknown_submission_says_what_was_tried() -> None:
    match = MATCHER.match(["随便"], "某某区卫生健康委员会", shown="随便.docx")
    assert match.unit is None and match.problem == UNKNOWN
    assert "某某区卫生健康委员会" in match.message and "随便.docx" in match.message


def test_the_folder_a_file_sits_in_names_it() -> None:
    match = MATCHER.match(["报告", "教育局"], None)
    assert match.unit is not None and match.unit.code == "016"


def test_a_year_in_the_file_name_is_not_a_code() -> None:
    registry = Registry((Unit("2024", "某某区财政局"), Unit("1", "某某区教育局")))
    match = Matcher(registry).match(["001-2024年报"], None)
    assert match.unit is not None and match.unit.code == "1"  # 001 is the number 1
    match = Matcher(registry).match(["001-2024"], None)
    assert match.unit is None and match.problem == AMBIGUOUS  # said, not guessed

"""The consistency rules: for each, a case built from the examples that triggers it and a near miss that does not."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import attrs
import pytest

from gpr_docx import RULES, Basis, Finding, Location, Report, Severity, check, examples, has_errors
from gpr_docx.check import findings_from_error
from gpr_docx.errors import Fault, InputSyntaxError, SchemaError
from gpr_docx.model import APPLICANT_COLUMNS, Overview
from tests.helpers.editing import bumped, with_value


def check_tables(report: Report, previous: Report | None = None) -> list[Finding]:
    """The findings of every rule but the text rules R-n (which the edits here may also trigger)."""
    return [f for f in check(report, previous) if not f.rule.startswith("R-")]


def _last_year(report: Report) -> Report:
    """``report`` as last year's, with its texts cleared so that R-4 (copied text) stays quiet."""
    return attrs.evolve(
        report,
        year=report.year - 1,
        preface="",
        overview=Overview(),
        problems="",
        improvements="",
        other_matters="",
    )


def _rules(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


def _only(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


# -- the registry ---------------------------------------------------------------------------


def test_every_rule_of_rules_md_is_declared_once_with_its_severity_and_basis() -> None:
    expected = {
        **dict.fromkeys(["V-1", "V-2", "V-4"], (Severity.ERROR, "I")),
        "V-3": (Severity.WARNING, "P"),
        "T2-1": (Severity.WARNING, "P"),
        "T2-2": (Severity.WARNING, "P"),
        "T2-3": (Severity.WARNING, "P"),
        "T2-4": (Severity.INFO, "P"),
        "T3-1": (Severity.ERROR, "F"),
        "T3-2": (Severity.ERROR, "I"),
        "T3-3": (Severity.ERROR, "I"),
        "T3-4": (Severity.WARNING, "P"),
        "T4-1": (Severity.ERROR, "I"),
        "T4-2": (Severity.ERROR, "I"),
        "T4-3": (Severity.ERROR, "I"),
    }
    expected["V-4"] = (Severity.ERROR, "P")
    for rule_id, (severity, basis) in expected.items():
        rule = RULES[rule_id]
        assert rule.id == rule_id
        assert rule.severity is severity, rule_id
        assert rule.basis is Basis(basis), rule_id
        assert rule.summary


def test_the_examples_are_clean() -> None:
    for name in ("dasheng-2024", "example-district-2024"):
        assert check(examples.load(name)) == [], name


def test_has_errors() -> None:
    where = Location("报告年度")
    warning = Finding("T2-1", Severity.WARNING, where, "x")
    error = Finding("T3-1", Severity.ERROR, where, "x")
    assert not has_errors([])
    assert not has_errors([warning])
    assert has_errors([warning, error])


# -- table 3 --------------------------------------------------------------------------------


def test_t3_1_unbalanced_column(district: Report) -> None:
    # Both cells of the row move, so the row total still adds up: only the balance is off.
    broken = bumped(district, "applications.carried_forward.research_institution", 1)
    broken = bumped(broken, "applications.carried_forward.total", 1)
    found = check_tables(broken)
    assert _rules(found) == ["T3-1", "T3-1"]
    first = found[0]
    assert str(first.location) == "表三「科研机构」列"
    assert first.expected == 1
    assert first.actual == 2
    assert first.message == (
        "一、本年新收(1) + 二、上年结转(0) = 1，"
        "但 （七）总计(1) + 四、结转下年度继续办理(1) = 2，相差 1"
    )
    assert str(first) == f"T3-1 错误 表三「科研机构」列：{first.message}"
    assert str(found[1].location) == "表三「总计」列"


def test_t3_1_near_miss_moving_a_request_between_new_and_carried_over(district: Report) -> None:
    moved = bumped(district, "applications.new_requests.natural_person", -1)
    moved = bumped(moved, "applications.new_requests.total", -1)
    moved = bumped(moved, "applications.carried_over.natural_person", 1)
    moved = bumped(moved, "applications.carried_over.total", 1)
    assert check_tables(moved) == []


def test_t3_2_results_total_is_not_the_sum(district: Report) -> None:
    # 区分处理 counted twice: under 部分公开 and under a 不予公开 reason (official-format.md E2).
    broken = bumped(district, "applications.results.withheld.third_party_rights.natural_person", 1)
    broken = bumped(broken, "applications.results.withheld.third_party_rights.total", 1)
    found = _only(check_tables(broken), "T3-2")
    assert [str(f.location) for f in found] == [
        "表三「（七）总计」行「自然人」列",
        "表三「（七）总计」行「总计」列",
    ]
    assert found[0].message == "（一）至（六）各行之和 = 417，但 （七）总计 为 416，相差 1"
    paths = [n.path for n in found[0].numbers]
    assert len(paths) == 22
    assert "applications.results.withheld.third_party_rights.natural_person" in paths


def test_t3_2_near_miss_a_request_moved_between_results(district: Report) -> None:
    moved = bumped(district, "applications.results.disclosed.natural_person", -1)
    moved = bumped(moved, "applications.results.disclosed.total", -1)
    moved = bumped(moved, "applications.results.other.other.natural_person", 1)
    moved = bumped(moved, "applications.results.other.other.total", 1)
    assert check_tables(moved) == []


def test_t3_3_row_total_differs_from_its_applicants(district: Report) -> None:
    broken = bumped(district, "applications.results.unable.not_held.total", 2)
    found = _only(check_tables(broken), "T3-3")
    assert len(found) == 1
    assert (
        str(found[0].location) == "表三「（四）无法提供 · 1.本机关不掌握相关政府信息」行「总计」列"
    )
    expected, actual = found[0].expected, found[0].actual
    assert isinstance(expected, int)
    assert actual == expected + 2
    assert [n.label for n in found[0].numbers][:2] == ["自然人", "商业企业"]
    # The same cell also breaks the column sums of （七）总计.
    assert has_errors(check_tables(broken))


def test_t3_3_near_miss_moving_a_request_between_applicant_columns(district: Report) -> None:
    moved = bumped(district, "applications.new_requests.natural_person", -1)
    moved = bumped(moved, "applications.new_requests.other_org", 1)
    moved = bumped(moved, "applications.results.disclosed.natural_person", -1)
    moved = bumped(moved, "applications.results.disclosed.other_org", 1)
    moved = bumped(moved, "applications.results.total.natural_person", -1)
    moved = bumped(moved, "applications.results.total.other_org", 1)
    assert check_tables(moved) == []


def test_only_the_total_column_filled_is_caught(dasheng: Report) -> None:
    # official-format.md E3: the 总计 column is filled and the applicant columns are left at 0.
    broken = with_value(dasheng, "applications.new_requests.total", 3)
    broken = with_value(broken, "applications.results.disclosed.total", 3)
    found = check_tables(broken)
    assert {f.rule for f in found} == {"T3-1", "T3-2", "T3-3"}
    assert [str(f.location) for f in _only(found, "T3-3")] == [
        "表三「一、本年新收政府信息公开申请数量」行「总计」列",
        "表三「（一）予以公开」行「总计」列",
    ]


def test_t3_4_carried_over_is_last_years_carried_forward(district: Report) -> None:
    last_year = _last_year(district)
    found = check_tables(district, last_year)
    assert _rules(found) == ["T2-2", "T3-4", "T3-4"]
    t34 = _only(found, "T3-4")
    assert str(t34[0].location) == "表三「二、上年结转政府信息公开申请数量」行「自然人」列"
    assert (t34[0].expected, t34[0].actual) == (24, 28)
    assert "2023 年度报告「四、结转下年度继续办理」为 24" in t34[0].message


def test_t3_4_near_miss(district: Report) -> None:
    last_year = with_value(
        _last_year(district),
        "applications.carried_forward",
        district.applications.carried_over,
    )
    last_year = with_value(
        last_year,
        "active_disclosure.normative_documents.in_force",
        district.active_disclosure.normative_documents.in_force - 12 + 5,
    )
    assert check_tables(district, last_year) == []


# -- table 4 --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "group", "where"),
    [
        ("T4-1", "review", "表四「行政复议 · 总计」列"),
        ("T4-2", "litigation_direct", "表四「行政诉讼 · 未经复议直接起诉 · 总计」列"),
        ("T4-3", "litigation_after_review", "表四「行政诉讼 · 复议后起诉 · 总计」列"),
    ],
)
def test_t4_group_total(district: Report, rule: str, group: str, where: str) -> None:
    broken = bumped(district, f"review_litigation.{group}.total", -1)
    found = check_tables(broken)
    assert _rules(found) == [rule]
    assert str(found[0].location) == where
    expected, actual = found[0].expected, found[0].actual
    assert isinstance(expected, int)
    assert actual == expected - 1
    assert found[0].message.startswith("结果维持(")

    moved = bumped(district, f"review_litigation.{group}.pending", 1)
    moved = bumped(moved, f"review_litigation.{group}.upheld", -1)
    assert check_tables(moved) == [], "moving a case between outcomes keeps the total"


# -- table 2 --------------------------------------------------------------------------------


def test_t2_1_in_force_below_issued(district: Report) -> None:
    broken = with_value(district, "active_disclosure.normative_documents.in_force", 11)
    found = check_tables(broken)
    assert _rules(found) == ["T2-1"]
    assert str(found[0].location) == "表二「行政规范性文件」行「现行有效件数」列"
    assert found[0].severity is Severity.WARNING
    assert not has_errors(found)
    assert (
        check_tables(with_value(district, "active_disclosure.normative_documents.in_force", 12))
        == []
    )


def test_t2_2_and_t2_3_with_last_year(district: Report) -> None:
    row = "active_disclosure.normative_documents"
    last_year = with_value(_last_year(district), f"{row}.in_force", 89)
    last_year = with_value(
        last_year, "applications.carried_forward", district.applications.carried_over
    )
    assert check_tables(district, last_year) == [], "89 + 12 − 5 = 96"

    off = with_value(last_year, f"{row}.in_force", 90)
    found = check_tables(district, off)
    assert _rules(found) == ["T2-2"]
    assert found[0].message == (
        "上年现行有效件数(90) + 本年制发件数(12) − 本年废止件数(5) = 97，"
        "但本年现行有效件数 为 96，相差 1"
    )

    too_many = with_value(district, f"{row}.repealed", 102)
    too_many = with_value(too_many, f"{row}.in_force", 0)
    found = check_tables(too_many, last_year)
    assert "T2-3" in _rules(found)
    t23 = _only(found, "T2-3")[0]
    assert str(t23.location) == "表二「行政规范性文件」行「本年废止件数」列"
    assert t23.actual == 102
    at_limit = with_value(too_many, f"{row}.repealed", 101)
    assert "T2-3" not in _rules(check_tables(at_limit, last_year))


def test_t2_4_regulations_at_a_town(dasheng: Report) -> None:
    made = with_value(dasheng, "active_disclosure.regulations.issued", 1)
    made = with_value(made, "active_disclosure.regulations.in_force", 1)
    found = check_tables(made)
    assert _rules(found) == ["T2-4", "T2-4"]
    assert all(f.severity is Severity.INFO for f in found)
    city = attrs.evolve(made, agency="重庆市人民政府")
    assert check_tables(city) == []
    assert check_tables(attrs.evolve(made, agency="镇江市人民政府")) == []
    assert _rules(check_tables(attrs.evolve(made, agency="示例市统计局"))) == ["T2-4", "T2-4"]


# -- field rules ----------------------------------------------------------------------------


def test_v1_and_v2_catch_values_built_around_the_validators(district: Report) -> None:
    with attrs.validators.disabled():
        broken = with_value(district, "applications.new_requests.legal_service_org", -1)
        broken = with_value(broken, "active_disclosure.fees", Decimal("1.2345678"))
    found = check_tables(broken)
    v1 = _only(found, "V-1")
    assert [str(f.location) for f in v1] == [
        "表三「一、本年新收政府信息公开申请数量」行「法律服务机构」列"
    ]
    v2 = _only(found, "V-2")
    assert [str(f.location) for f in v2] == [
        "表二「行政事业性收费」行「本年收费金额（单位：万元）」列"
    ]
    assert "6 位小数" in v2[0].message


def test_v3_fee_in_yuan(dasheng: Report, district: Report) -> None:
    in_yuan = with_value(dasheng, "active_disclosure.fees", Decimal(40000))
    found = check_tables(in_yuan)
    assert _rules(found) == ["V-3"]
    assert "应为 4" in found[0].message
    assert check_tables(with_value(dasheng, "active_disclosure.fees", Decimal("9999"))) == []
    assert check_tables(with_value(dasheng, "active_disclosure.fees", Decimal("12000.5"))) == []
    assert check_tables(with_value(district, "active_disclosure.fees", Decimal(40000))) == []
    assert _rules(
        check_tables(with_value(district, "active_disclosure.fees", Decimal(12_530_000)))
    ) == ["V-3"]


def test_v4_year(dasheng: Report) -> None:
    assert _rules(check_tables(attrs.evolve(dasheng, year=2020))) == ["V-4"]
    future = datetime.date.today().year + 1
    found = check_tables(attrs.evolve(dasheng, year=future))
    assert "V-4" in _rules(found)
    assert str(_only(found, "V-4")[0].location) == "「报告年度」"
    assert "V-4" not in _rules(check_tables(attrs.evolve(dasheng, year=2021)))


# -- loading problems as findings -----------------------------------------------------------


def test_loading_problems_become_findings_with_cells() -> None:
    error = SchemaError(
        [
            Fault("V-1", "$.applications.carried_over.other_org", "应为非负整数，实为 -1", "x"),
            Fault("V-2", "$.active_disclosure.fees", "收费金额不能为负数，实为 '-1'", "y"),
            Fault("GPR111", "$.applications.carried_ovr", "未知的键「carried_ovr」"),
        ],
        place="a.json",
    )
    found = findings_from_error(error)
    assert [(f.rule, str(f.location)) for f in found] == [
        ("V-2", "表二「行政事业性收费」行「本年收费金额（单位：万元）」列"),
        ("GPR111", "表三「carried_ovr」"),
        ("V-1", "表三「二、上年结转政府信息公开申请数量」行「其他」列"),
    ]
    assert all(f.severity is Severity.ERROR for f in found)
    broken = findings_from_error(InputSyntaxError("JSON 格式错误", place="a.json"))
    assert [str(f) for f in broken] == ["GPR103 错误 「a.json」：JSON 格式错误"]


def test_findings_are_json_ready(district: Report) -> None:
    broken = with_value(district, "active_disclosure.fees", Decimal(12_530_000))
    broken = bumped(broken, "review_litigation.review.total", 1)
    found = check_tables(broken)
    assert [f.severity for f in found] == [Severity.ERROR, Severity.WARNING], "errors first"
    data = [f.as_dict() for f in found]
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data[1]["actual"] == "12530000"
    assert {"rule", "severity", "location", "message", "expected", "actual"} <= set(data[0])
    assert data[0]["severity"] == "error"


def test_every_applicant_column_has_its_balance_identity() -> None:
    # 7 columns × (T3-1, T3-2) and 25 rows × T3-3, generated from the model.
    with attrs.validators.disabled():
        report = examples.load("dasheng-2024")
    for column in APPLICANT_COLUMNS:
        broken = bumped(report, f"applications.new_requests.{column}", 1)
        assert "T3-1" in _rules(check_tables(broken)), column

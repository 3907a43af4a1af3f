"""Local rule profiles: validation with suggestions, the national profile changes nothing, each rule
of the example profile fires on a planted case and stays silent on the shipped examples."""

from __future__ import annotations

import datetime
import time
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gpr_docx
from gpr_docx import Profile, ProfileError, Report, Severity, check, examples, load_profile
from gpr_docx.check.phrases import numbered_items
from gpr_docx.check.profile import MAX_PROFILE_SIZE, SECTIONS, RuleSetting, available_profiles
from gpr_docx.errors import InputNotFoundError, InputSyntaxError, InputTooLargeError
from gpr_docx.form import CELL_PATHS
from tests.helpers import EXAMPLE_NAMES
from tests.helpers.editing import bumped
from tests.helpers.strategies import reports

EXAMPLE = load_profile("example-district")
DISTRICT = examples.load("example-district-2024")
DASHENG = examples.load("dasheng-2024")


def _rules(findings: list[gpr_docx.Finding]) -> list[str]:
    return [f.rule for f in findings]


def _profile_findings(report: Report, profile: Profile = EXAMPLE) -> list[gpr_docx.Finding]:
    return [f for f in check(report, profile=profile) if f.rule.startswith("P-")]


# -- the built-in profiles -----------------------------------------------------------------


def test_built_in_profiles_are_listed_and_load_by_name() -> None:
    assert available_profiles() == ("example-district", "national")
    national = load_profile("national")
    assert national.name == "national"
    assert national.rules() == ()
    assert national.settings == {}
    assert national == Profile(name="national", description=national.description)


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_national_profile_gives_the_findings_of_no_profile_on_the_examples(name: str) -> None:
    report = examples.load(name)
    other = examples.load(next(n for n in EXAMPLE_NAMES if n != name))
    for previous in (None, other, attrs.evolve(report, year=report.year - 1)):
        assert check(report, previous, profile="national") == check(report, previous)


@settings(max_examples=25, deadline=None)
@given(reports(), st.sampled_from(CELL_PATHS))
def test_national_profile_gives_the_findings_of_no_profile_on_broken_reports(
    report: Report, path: str
) -> None:
    broken = bumped(report, path, 1)
    national = load_profile("national")
    assert check(broken, profile=national) == check(broken)
    assert check(broken, report, profile=national) == check(broken, report)


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_example_profile_is_silent_on_the_shipped_examples(name: str) -> None:
    report = examples.load(name)
    assert check(report, profile=EXAMPLE) == check(report)
    dated = attrs.evolve(
        report,
        published_on=datetime.date(report.year + 1, 1, 31),
        filed_on=datetime.date(report.year + 1, 1, 20),
    )
    assert _profile_findings(dated) == []


def test_example_profile_has_the_documented_rules() -> None:
    assert [rule.id for rule in EXAMPLE.rules()] == [
        "P-LEN-1",
        "P-REQ-1",
        "P-REQ-2",
        "P-REQ-3",
        "P-REQ-4",
        "P-IMPROVE-1",
        "P-DEADLINE-1",
        "P-DEADLINE-2",
    ]
    assert not EXAMPLE.setting("P-REQ-5").enabled
    assert EXAMPLE.setting("R-4").threshold == 0.8


# -- each rule of the example profile fires on a planted case -------------------------------

_OVERVIEW = DISTRICT.overview


def _overview(**texts: str) -> Report:
    return attrs.evolve(DISTRICT, overview=attrs.evolve(_OVERVIEW, **texts))


PLANTED: dict[str, Report] = {
    "P-LEN-1": _overview(management=_OVERVIEW.management + "持续规范。" * 200),
    "P-REQ-1": _overview(active_disclosure="区政府坚持以公开为常态，及时主动公开政府信息。"),
    "P-REQ-2": _overview(active_disclosure=_OVERVIEW.active_disclosure.replace("78篇", "多篇")),
    "P-REQ-3": _overview(oversight=_OVERVIEW.oversight + "积极回应社会关切，及时澄清不实信息。"),
    "P-REQ-4": attrs.evolve(DISTRICT, other_matters="无其他需要报告的事项。"),
    "P-IMPROVE-1": attrs.evolve(
        DISTRICT, improvements="一是丰富解读形式，提高图解、视频解读占比。"
    ),
    "P-DEADLINE-1": attrs.evolve(DISTRICT, published_on=datetime.date(2025, 2, 8)),
    "P-DEADLINE-2": attrs.evolve(DISTRICT, filed_on=datetime.date(2025, 2, 1)),
}


@pytest.mark.parametrize("rule_id", list(PLANTED))
def test_each_example_rule_fires_on_its_planted_case(rule_id: str) -> None:
    found = _profile_findings(PLANTED[rule_id])
    assert _rules(found) == [rule_id]
    (finding,) = found
    assert finding.severity is Severity.WARNING
    assert finding.message


def test_planted_findings_say_what_was_found() -> None:
    (length,) = _profile_findings(PLANTED["P-LEN-1"])
    assert str(length.location) == "「一、总体情况」"
    assert length.expected == "<= 1000" and isinstance(length.actual, int) and length.actual > 1000
    (improve,) = _profile_findings(PLANTED["P-IMPROVE-1"])
    assert (improve.expected, improve.actual) == (">= 2", 1)
    assert "2 条问题" in improve.message
    (late,) = _profile_findings(PLANTED["P-DEADLINE-1"])
    assert (late.expected, late.actual) == ("<= 2025-01-31", "2025-02-08")
    assert "晚 8 天" in late.message
    assert late.location.path == "published_on"
    (fee,) = _profile_findings(PLANTED["P-REQ-4"])
    assert fee.location.path == "other_matters"
    assert "信息处理费" in fee.message


def test_a_count_named_with_its_number_passes() -> None:
    stated = _overview(oversight=_OVERVIEW.oversight + "全年回应社会关切12次。")
    assert _profile_findings(stated) == []


def test_no_requests_received_answers_the_fee_requirement() -> None:
    # A body without a request cannot have charged a fee: saying so in 依申请公开 is enough.
    assert "未收到政府信息公开申请" in DASHENG.overview.on_request
    assert "信息处理费" not in DASHENG.other_matters
    assert _profile_findings(DASHENG) == []


def test_a_disabled_profile_rule_fires_when_switched_on() -> None:
    switched_on = attrs.evolve(EXAMPLE, settings={**EXAMPLE.settings, "P-REQ-5": RuleSetting()})
    assert _rules(_profile_findings(DISTRICT, switched_on)) == ["P-REQ-5"]
    handled = attrs.evolve(
        DISTRICT,
        other_matters=DISTRICT.other_matters + "全年办理人大代表建议12件、政协委员提案9件。",
    )
    assert _profile_findings(handled, switched_on) == []


def test_missing_dates_are_not_checked() -> None:
    assert DISTRICT.published_on is None and DISTRICT.filed_on is None
    on_time = attrs.evolve(DISTRICT, published_on=datetime.date(2025, 1, 31))
    assert _profile_findings(on_time) == []


def test_r4_threshold_and_severity_come_from_the_profile() -> None:
    last = attrs.evolve(DISTRICT, year=2023)
    words = list(DISTRICT.overview.platforms)
    words[5:13] = "新建移动端政务公开"  # changes about a fifth of the text
    changed = _overview(platforms="".join(words))
    ratio_findings = [f for f in check(changed, last) if f.rule == "R-4"]
    profiled = [f for f in check(changed, last, profile=EXAMPLE) if f.rule == "R-4"]
    platforms = "overview.platforms"
    assert platforms not in {f.location.path for f in ratio_findings}
    flagged = [f for f in profiled if f.location.path == platforms]
    assert flagged and flagged[0].severity is Severity.ERROR
    assert "阈值 80%" in flagged[0].message
    assert all(f.severity is Severity.ERROR for f in profiled)


# -- enabling, disabling, severities ---------------------------------------------------------


def test_disable_and_change_severity_of_national_rules() -> None:
    broken = bumped(DISTRICT, "applications.new_requests.natural_person", 1)
    base = check(broken)
    assert "T3-1" in _rules(base)
    profile = Profile.from_mapping(
        {"name": "t", "rules": {"T3-1": {"enabled": False}, "T3-3": {"severity": "info"}}}
    )
    found = check(broken, profile=profile)
    assert "T3-1" not in _rules(found)
    assert [f for f in base if f.rule not in ("T3-1", "T3-3")] == [
        f for f in found if f.rule not in ("T3-1", "T3-3")
    ]
    t33 = [f for f in found if f.rule == "T3-3"]
    assert t33 and all(f.severity is Severity.INFO for f in t33)
    assert len(t33) == len([f for f in base if f.rule == "T3-3"])


def test_severity_of_a_profile_rule_is_changed_in_rules() -> None:
    profile = Profile.from_mapping(
        {
            "name": "t",
            "improvements": {},
            "rules": {"P-IMPROVE-1": {"severity": "错误"}},
        }
    )
    (finding,) = _profile_findings(PLANTED["P-IMPROVE-1"], profile)
    assert finding.severity is Severity.ERROR
    assert gpr_docx.has_errors(check(PLANTED["P-IMPROVE-1"], profile=profile))


def test_disabling_r5_still_skips_an_incomparable_previous_report() -> None:
    profile = Profile.from_mapping({"name": "t", "rules": {"R-5": {"enabled": False}}})
    other = attrs.evolve(DASHENG, year=DISTRICT.year - 1)
    assert check(DISTRICT, other, profile=profile) == [
        f for f in check(DISTRICT, other) if f.rule != "R-5"
    ]


def test_explained_findings_stay_info_under_a_severity_change() -> None:
    path = "active_disclosure.normative_documents.in_force"
    last = attrs.evolve(DISTRICT, year=2023)
    reset = attrs.evolve(bumped(DISTRICT, path, -10), explanations={path: "2024年开展文件清理"})
    profile = Profile.from_mapping({"name": "t", "rules": {"T2-2": {"severity": "error"}}})
    (finding,) = [f for f in check(reset, last, profile=profile) if f.rule == "T2-2"]
    assert finding.severity is Severity.INFO


# -- reading profiles: strict, with suggestions ----------------------------------------------


def _faults(data: Any) -> list[tuple[str, str, str]]:
    with pytest.raises(ProfileError) as info:
        Profile.from_mapping(data, source="某区2025.toml")
    assert info.value.code == "GPR130"
    assert str(info.value).startswith("GPR130 某区2025.toml：规则集有")
    return [(f.code, f.path, f.message) for f in info.value.faults]


def test_unknown_keys_are_errors_with_suggestions() -> None:
    faults = _faults(
        {
            "name": "x",
            "requirments": [],
            "lengths": [{"id": "P-LEN-1", "section": "overveiw", "max": 10, "mesage": "m"}],
            "rules": {"T3-11": {"enabled": False}, "R-4": {"treshold": 0.5}},
        }
    )
    assert (
        "GPR131",
        "$.requirments",
        "未知的键「requirments」，是否应为「requirements」？",
    ) in faults
    assert ("GPR131", "$.lengths[0].mesage", "未知的键「mesage」，是否应为「message」？") in faults
    assert (
        "GPR134",
        "$.lengths[0].section",
        "未知的正文部分「overveiw」，是否应为「overview」？",
    ) in (faults)
    assert ("GPR131", "$.rules.T3-11", "未知的规则「T3-11」，是否应为「T3-1」？") in faults
    assert (
        "GPR131",
        "$.rules.R-4.treshold",
        "未知的键「treshold」，是否应为「threshold」？",
    ) in faults
    assert ("GPR132", "$.lengths[0].message", "缺少必填项") in faults


def test_the_data_format_and_profiles_word_unknown_keys_alike() -> None:
    from gpr_docx.errors import SchemaError

    data = gpr_docx.dumps(DISTRICT).decode().replace('"agency"', '"agnecy"')
    with pytest.raises(SchemaError) as info:
        gpr_docx.loads(data, ".json")
    (fault,) = [f for f in info.value.faults if f.code == "GPR111"]
    assert fault.message == "未知的键「agnecy」，是否应为「agency」？"


@pytest.mark.parametrize(
    ("data", "fault"),
    [
        ({"name": 3}, ("GPR133", "$.name")),
        ({}, ("GPR132", "$.name")),
        ({"name": "x", "lengths": {"id": "P-LEN-1"}}, ("GPR133", "$.lengths")),
        (
            {
                "name": "x",
                "lengths": [{"id": "P-LEN-1", "section": "overview", "max": 0, "message": "m"}],
            },
            ("GPR133", "$.lengths[0].max"),
        ),
        (
            {
                "name": "x",
                "lengths": [{"id": "LEN-1", "section": "overview", "max": 9, "message": "m"}],
            },
            ("GPR134", "$.lengths[0].id"),
        ),
        (
            {
                "name": "x",
                "lengths": [{"id": "P-IMPROVE-1", "section": "overview", "max": 9, "message": "m"}],
            },
            ("GPR134", "$.lengths[0].id"),
        ),
        (
            {
                "name": "x",
                "requirements": [
                    {"id": "P-REQ-1", "section": "other_matters", "pattern": "(", "message": "m"}
                ],
            },
            ("GPR134", "$.requirements[0].pattern"),
        ),
        (
            {
                "name": "x",
                "requirements": [{"id": "P-REQ-1", "section": 6, "pattern": "a", "message": "m"}],
            },
            ("GPR133", "$.requirements[0].section"),
        ),
        ({"name": "x", "rules": {"T3-1": {"enabled": "no"}}}, ("GPR133", "$.rules.T3-1.enabled")),
        (
            {"name": "x", "rules": {"T3-1": {"severity": "fatal"}}},
            ("GPR134", "$.rules.T3-1.severity"),
        ),
        (
            {"name": "x", "rules": {"T3-1": {"threshold": 0.5}}},
            ("GPR131", "$.rules.T3-1.threshold"),
        ),
        ({"name": "x", "rules": {"R-4": {"threshold": 1.5}}}, ("GPR134", "$.rules.R-4.threshold")),
        ({"name": "x", "rules": {"P-REQ-9": {}}}, ("GPR131", "$.rules.P-REQ-9")),
        (
            {"name": "x", "deadlines": {"published": {"by": "02-29"}}},
            ("GPR134", "$.deadlines.published.by"),
        ),
        (
            {"name": "x", "deadlines": {"published": {"by": "1月31日"}}},
            ("GPR134", "$.deadlines.published.by"),
        ),
        ({"name": "x", "deadlines": {"posted": {"by": "01-31"}}}, ("GPR131", "$.deadlines.posted")),
        ({"name": "x", "improvements": True}, ("GPR133", "$.improvements")),
        ([1, 2], ("GPR133", "$")),
    ],
)
def test_wrong_values_name_their_key(data: Any, fault: tuple[str, str]) -> None:
    assert fault in [(code, path) for code, path, _ in _faults(data)]


def test_a_rule_id_used_twice_is_refused() -> None:
    item = {"id": "P-REQ-1", "section": "overview", "pattern": "a", "message": "m"}
    faults = _faults({"name": "x", "requirements": [item, item]})
    assert ("GPR134", "$.requirements[1].id", "规则编号 P-REQ-1 已被使用") in faults


def test_profile_files_are_read_within_limits(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError, match="GPR101"):
        load_profile(tmp_path / "missing.toml")
    with pytest.raises(InputNotFoundError, match="内置的有：example-district、national"):
        load_profile("某区")
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * (MAX_PROFILE_SIZE + 1))
    with pytest.raises(InputTooLargeError):
        load_profile(big)
    broken = tmp_path / "broken.toml"
    broken.write_text('name = "x"\n[rules\n', "utf-8")
    with pytest.raises(InputSyntaxError, match="TOML 格式错误：第 2 行第 7 列「\\[rules」"):
        load_profile(broken)
    gbk = tmp_path / "gbk.toml"
    gbk.write_bytes('name = "某区"'.encode("gbk"))
    with pytest.raises(InputSyntaxError, match="UTF-8"):
        load_profile(gbk)


def test_a_profile_file_and_its_text_give_the_same_profile(tmp_path: Path) -> None:
    text = 'name = "某区2025"\n[improvements]\nseverity = "error"\n'
    path = tmp_path / "某区2025.toml"
    path.write_text(text, "utf-8")
    assert (
        load_profile(path)
        == Profile.from_toml(text)
        == load_profile({"name": "某区2025", "improvements": {"severity": "error"}})
    )
    assert check(PLANTED["P-IMPROVE-1"], profile=path) == check(
        PLANTED["P-IMPROVE-1"], profile=Profile.from_toml(text)
    )


def test_a_slow_pattern_is_reported_not_hung() -> None:
    profile = Profile.from_mapping(
        {
            "name": "t",
            "requirements": [
                {
                    "id": "P-REQ-1",
                    "section": "other_matters",
                    "pattern": r"(\d+)*[a-z]\1{3}",
                    "message": "m",
                }
            ],
        }
    )
    report = attrs.evolve(DISTRICT, other_matters="1" * 2000)
    started = time.monotonic()
    (finding,) = _profile_findings(report, profile)
    assert time.monotonic() - started < 60  # stopped, not hung (a loaded machine is slow)
    assert finding.message.startswith("GPR135")


def test_sections_name_every_text_but_the_title() -> None:
    assert set(SECTIONS) == {
        "preface",
        "overview",
        *(f"overview.{f.name}" for f in attrs.fields(gpr_docx.Overview)),
        "problems",
        "improvements",
        "other_matters",
    }


# -- counting problems and improvements ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("仍有不足：一是队伍建设有待加强；二是时效性不高；三是内容不全面。", 3),
        ("一是丰富解读形式。\n二是开展评查。", 2),
        ("（一）加强培训。1.分级培训；2.专题培训；3.考核。（二）完善制度。", 3),
        ("第一，加强培训；第二，完善制度。", 2),
        ("（1）加强培训；（2）完善制度；（3）强化监督。", 3),
        ("统一是关键。", 1),  # 统一是 is no 一是
        ("加强培训。\n完善制度。", 2),
        ("", 0),
        ("二是时效性不高；三是内容不全面。", 1),  # no 一是: not a list, one paragraph
    ],
)
def test_numbered_items(text: str, count: int) -> None:
    assert numbered_items(text) == count


def test_improvements_in_prose_are_counted_by_paragraph() -> None:
    report = attrs.evolve(
        DISTRICT,
        problems="政策解读形式较为单一。\n答复文书规范化水平有待提升。",
        improvements="丰富解读形式。\n开展答复文书评查。",
    )
    assert _profile_findings(report) == []
    fewer = attrs.evolve(report, improvements="丰富解读形式，开展答复文书评查。")
    assert _rules(_profile_findings(fewer)) == ["P-IMPROVE-1"]


@settings(max_examples=25, deadline=None)
@given(reports(), st.sampled_from(CELL_PATHS), st.sets(st.sampled_from(list(gpr_docx.RULES))))
def test_disabling_rules_removes_exactly_their_findings(
    report: Report, path: str, disabled: set[str]
) -> None:
    broken = bumped(report, path, 1)
    profile = Profile.from_mapping(
        {"name": "t", "rules": {rule_id: {"enabled": False} for rule_id in disabled}}
    )
    for previous in (None, report):
        expected = [f for f in check(broken, previous) if f.rule not in disabled]
        assert check(broken, previous, profile=profile) == expected

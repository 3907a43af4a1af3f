"""The 审核意见单: exactly the findings of ``check``, grouped by part, counted, restyleable, printable."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs
import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from typer.testing import CliRunner

from gpr_docx import Finding, Report, Severity, check, examples, load
from gpr_docx.cli import app
from gpr_docx.errors import OutputExistsError, TemplateError
from gpr_docx.form import cell_location, location_of_path, report_location
from gpr_docx.review import (
    BLANK_DATE,
    NO_VALUE,
    SHEET,
    review_sheet,
    review_sheet_to_file,
    sheet_context,
    summary_line,
)
from tests.helpers import ROOT
from tests.helpers.libreoffice import flat, pdf_text
from tests.helpers.review import broken_data, edited_template, read_sheet, write_json

TITLE = "政府信息公开工作年度报告审核意见单"


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    return write_json(tmp_path / "broken.json", broken_data())


@pytest.fixture
def district() -> Report:
    return examples.load("example-district-2024")


def _json_findings(runner: CliRunner, *args: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["check", *args, "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    found: list[dict[str, object]] = json.loads(result.stdout)
    return found


def _triples(items: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return sorted((i["rule"], i["location"], i["message"], i["severity"]) for i in items)


_SEVERITY_VALUES = {s.label: s.value for s in Severity}


def test_the_sheet_of_a_broken_report_lists_exactly_the_json_findings(
    runner: CliRunner, broken: Path, tmp_path: Path
) -> None:
    expected = _json_findings(runner, str(broken))
    assert {"T3-1", "T3-3", "R-2"} <= {item["rule"] for item in expected}
    target = tmp_path / "审核意见单.docx"
    result = runner.invoke(
        app, ["check", str(broken), "--format", "docx", "-o", str(target)], catch_exceptions=False
    )
    assert result.exit_code == 1, result.output
    sheet = read_sheet(target.read_bytes())
    listed = [
        (row.rule, row.location, row.message, _SEVERITY_VALUES[row.severity]) for row in sheet.rows
    ]
    assert sorted(listed) == _triples(expected)
    assert [row.number for row in sheet.rows] == [str(n) for n in range(1, len(expected) + 1)]
    assert all(row.answer == "" for row in sheet.rows)  # 整改情况 is the unit's to write
    errors = sum(item["severity"] == "error" for item in expected)
    warnings = sum(item["severity"] == "warning" for item in expected)
    assert sheet.info["审核结果"] == f"{errors} 处错误，{warnings} 处警告"


def test_with_last_years_report_too(runner: CliRunner, broken: Path, tmp_path: Path) -> None:
    """Cross-year findings (T3-4 on the carry-over, R-4 on copied text) are listed like the rest."""
    data = broken_data()
    data["year"] = 2023
    previous = write_json(tmp_path / "previous.json", data)
    expected = _json_findings(runner, str(broken), "--previous", str(previous))
    assert {"T3-4", "R-4"} <= {item["rule"] for item in expected}
    target = tmp_path / "sheet.docx"
    args = [
        "check",
        str(broken),
        "--previous",
        str(previous),
        "--format",
        "docx",
        "-o",
        str(target),
    ]
    assert runner.invoke(app, args, catch_exceptions=False).exit_code == 1
    rows = read_sheet(target.read_bytes()).rows
    assert sorted((r.rule, r.location, r.message) for r in rows) == [
        t[:3] for t in _triples(expected)
    ]


def test_findings_are_grouped_by_part_in_report_order(broken: Path) -> None:
    report = load(broken)
    findings = check(report)
    sheet = read_sheet(review_sheet(report, findings))
    headings = [heading for heading, _ in sheet.groups]
    assert headings == ["一、总体情况", "三、收到和处理政府信息公开申请情况（表三）"]
    for heading, rows in sheet.groups:
        part = heading.removesuffix("（表三）")
        assert all(
            f.location.part == part
            for f in findings
            if (f.rule, str(f.location)) in {(r.rule, r.location) for r in rows}
        )
    table_rows = sheet.groups[1][1]
    assert [r.severity for r in table_rows] == sorted(
        (r.severity for r in table_rows), key=["错误", "警告", "提示"].index
    )
    assert {r.expected for r in table_rows if r.rule == "T3-3"} == {"450", "28"}


def test_an_empty_list_says_nothing_was_found(district: Report) -> None:
    sheet = read_sheet(review_sheet(district, []))
    assert sheet.groups == []
    assert "经审核，未发现问题。" in sheet.paragraphs
    assert sheet.info["审核结果"] == "未发现问题"
    assert sheet.info["报告单位"] == district.agency
    assert sheet.info["报告名称"] == district.document_title
    assert sheet.info["报告年度"] == "2024年度"
    assert sheet.paragraphs[0] == TITLE


def test_reviewer_and_date_fill_the_signature_line_or_stay_blank(district: Report) -> None:
    signed = read_sheet(review_sheet(district, [], reviewer="张三", reviewed_on=date(2025, 2, 3)))
    assert "审核人：张三\t审核日期：2025年2月3日\t" in signed.paragraphs
    blank = read_sheet(review_sheet(district, []))
    assert f"审核人：\t审核日期：{BLANK_DATE}\t" in blank.paragraphs
    ruled = [p for p in blank.paragraphs if p == "\t"]
    assert len(ruled) >= 3  # lines for the unit's 整改情况


def _finding(severity: Severity, n: int) -> Finding:
    return Finding("T3-3", severity, cell_location("applications.new_requests.total"), f"第{n}项")


@given(st.integers(0, 4), st.integers(0, 4), st.integers(0, 4))
def test_summary_line_counts_each_severity(errors: int, warnings: int, infos: int) -> None:
    findings = [
        *(_finding(Severity.ERROR, i) for i in range(errors)),
        *(_finding(Severity.WARNING, i) for i in range(warnings)),
        *(_finding(Severity.INFO, i) for i in range(infos)),
    ]
    line = summary_line(findings)
    if not findings:
        assert line == "未发现问题"
        return
    expected = f"{errors} 处错误，{warnings} 处警告"
    assert line == (f"{expected}，{infos} 处提示" if infos else expected)


def test_every_kind_of_place_and_value_is_printed(district: Report) -> None:
    findings = [
        Finding(
            "V-2",
            Severity.ERROR,
            cell_location("active_disclosure.fees"),
            "收费金额有误",
            expected=Decimal("12.50"),
        ),
        Finding("V-4", Severity.INFO, report_location("year"), "年度提示"),
        Finding("R-1", Severity.WARNING, location_of_path("improvements"), "缺少改进"),
        Finding("GPR511", Severity.WARNING, attrs.evolve(report_location("agency")), "未读出"),
    ]
    sheet = read_sheet(review_sheet(district, findings))
    assert sheet.info["审核结果"] == "1 处错误，2 处警告，1 处提示"
    by_rule = {row.rule: row for row in sheet.rows}
    assert by_rule["V-2"].expected == "12.50"
    assert by_rule["V-2"].location == "表二「行政事业性收费」行「本年收费金额（单位：万元）」列"
    assert by_rule["V-4"].expected == NO_VALUE
    assert by_rule["R-1"].location == str(location_of_path("improvements"))
    headings = [heading for heading, _ in sheet.groups]
    assert headings[-2:] == ["二、主动公开政府信息情况（表二）", "五、存在的主要问题及改进情况"]


def test_user_text_is_data_never_markup_or_template_code(district: Report) -> None:
    report = attrs.evolve(district, agency="示例<区>&{{ agency }}")
    findings = [Finding("R-2", Severity.WARNING, location_of_path("problems"), "文中“{% if %}”<b>")]
    sheet = read_sheet(review_sheet(report, findings, reviewer="{{ reviewer }}"))
    assert sheet.info["报告单位"] == "示例<区>&{{ agency }}"
    assert sheet.rows[0].message == "文中“{% if %}”<b>"
    assert any("{{ reviewer }}" in p for p in sheet.paragraphs)


def test_wrong_arguments_are_type_errors(district: Report) -> None:
    with pytest.raises(TypeError, match="Report"):
        review_sheet({"agency": "x"}, [])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Finding"):
        review_sheet(district, ["T3-1"])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="date"):
        review_sheet(district, [], reviewed_on="2025-01-01")  # type: ignore[arg-type]


def test_the_page_and_fonts_are_the_reports(district: Report) -> None:
    data = review_sheet(district, [])
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    styles = document.styles
    east_asia = {
        name: styles[name].element.rPr.rFonts.get(qn("w:eastAsia"))
        for name in ("Title", "Normal", "Body Text", "Table Text")
    }
    assert east_asia == {
        "Title": "方正小标宋简体",
        "Normal": "仿宋_GB2312",
        "Body Text": "仿宋_GB2312",
        "Table Text": "宋体",
    }
    title_style = document.paragraphs[0].style
    assert title_style is not None and title_style.name == "Title"


def test_to_file_is_atomic_and_keeps_an_existing_file(district: Report, tmp_path: Path) -> None:
    target = tmp_path / "sheet.docx"
    review_sheet_to_file(district, [], target)
    first = target.read_bytes()
    with pytest.raises(OutputExistsError):
        review_sheet_to_file(district, [_finding(Severity.ERROR, 1)], target)
    assert target.read_bytes() == first
    review_sheet_to_file(district, [_finding(Severity.ERROR, 1)], target, force=True)
    assert read_sheet(target.read_bytes()).info["审核结果"] == "1 处错误，0 处警告"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sheet.docx"]


def test_committed_template_is_what_the_build_script_makes() -> None:
    from tools.build_review_template import TARGET, build

    assert TARGET.read_bytes() == build(), "run: python tools/build_review_template.py"


def test_a_restyled_template_keeps_every_edit(broken: Path) -> None:
    report = load(broken)
    findings = check(report)
    data = review_sheet(report, findings, template=edited_template("restyle"))
    sheet = read_sheet(data)
    assert sheet.paragraphs[:2] == ["内部审核 · 请勿外传", "年度报告审核意见书"]
    assert f"共 {len(findings)} 项，其中错误 4 项" in sheet.paragraphs
    assert len(sheet.rows) == len(findings)
    styles = docx.Document(io.BytesIO(data)).styles
    assert styles["Body Text"].element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ("unknown", "不认识的标签：unit_name"),
        ("missing", "缺少以下内容的标签：reviewer"),
        ("typo", "mesage"),
    ],
)
def test_a_template_that_does_not_fit_is_refused_when_loaded(
    district: Report, change: str, words: str
) -> None:
    with pytest.raises(TemplateError, match=re.escape(words)) as caught:
        review_sheet(district, [], template=edited_template(change))
    assert caught.value.code == "GPR200"


def test_the_report_template_is_not_a_sheet_template(district: Report) -> None:
    official = ROOT / "templates" / "official-2021.docx"
    with pytest.raises(TemplateError, match="不认识的标签") as caught:
        review_sheet(district, [], template=official)
    assert "等" in caught.value.message  # a long list is cut short


def test_a_missing_or_broken_template_is_a_template_error(district: Report, tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="模板文件不存在"):
        review_sheet(district, [], template=tmp_path / "none.docx")
    with pytest.raises(TemplateError):
        review_sheet(district, [], template=b"not a zip")
    with pytest.raises(TemplateError):
        review_sheet(district, [], template=tmp_path)


def test_the_sheet_is_a_plain_package_without_leftover_tags(broken: Path) -> None:
    report = load(broken)
    data = review_sheet(report, check(report))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    etree.fromstring(body.encode())
    assert "{{" not in body and "{%" not in body


def test_context_numbers_across_groups(broken: Path) -> None:
    report = load(broken)
    context = sheet_context(report, check(report))
    numbers = [item["number"] for group in context["groups"] for item in group["findings"]]
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]
    assert context["counts"]["total"] == str(len(numbers))


def test_libreoffice_opens_the_sheet(broken: Path, tmp_path: Path) -> None:
    """LibreOffice converts the sheet to PDF; its text has the title, the unit and a finding."""
    report = load(broken)
    findings = check(report)
    source = tmp_path / "sheet.docx"
    review_sheet_to_file(report, findings, source, reviewer="张三")
    text = pdf_text(source, tmp_path)
    r2 = next(f for f in findings if f.rule == "R-2")
    for needle in (TITLE, report.agency, "整改情况", "张三", "R-2", r2.message[:12]):
        assert flat(needle) in text, needle


def test_a_sheet_template_is_kept_in_the_disk_cache_under_its_own_kind(
    district: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sheet's template is compiled once, like the report's: a new process reads it from disk."""
    from gpr_docx.render import cache, template
    from gpr_docx.render.compiled import CompiledTemplate

    monkeypatch.setenv(cache.DIR_VARIABLE, str(tmp_path))
    monkeypatch.delenv(cache.OFF_VARIABLE, raising=False)
    # An earlier test may have compiled the same template in this process: start from none, or
    # the first sheet comes from memory and nothing is written to this test's cache folder.
    monkeypatch.setattr(template, "_cache", {})
    restyled = edited_template("restyle")
    first = review_sheet(district, [_finding(Severity.ERROR, 1)], template=restyled)
    digest = hashlib.sha256(restyled).hexdigest()
    key = cache.entry_key(digest, kind=SHEET.name)
    assert cache.load(tmp_path / "templates", key) is not None
    assert not cache.entry_path(
        tmp_path / "templates", cache.entry_key(digest, kind="report")
    ).exists()

    def not_again(*args: object, **kwargs: object) -> CompiledTemplate:
        raise AssertionError("compiled again")

    monkeypatch.setattr(template, "_cache", {})  # as in a new process
    monkeypatch.setattr(CompiledTemplate, "compile", not_again)
    assert review_sheet(district, [_finding(Severity.ERROR, 1)], template=restyled) == first

"""Reading .docx reports back: round trips, foreign files with real-world quirks, 2019 and older formats."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gpr_docx import ParsedReport, Report, Severity, parse, render
from gpr_docx.errors import LegacyFormatError, NotAReportError, ReportTitleError
from gpr_docx.parse.docx import NoteKind, is_section_heading
from gpr_docx.schema import structure
from tests.helpers import DATA
from tests.helpers.editing import with_cell_texts
from tests.helpers.strategies import reports

FOREIGN = DATA / "foreign"


def test_round_trip_of_the_examples(example_report: Report) -> None:
    parsed = parse(render(example_report))
    assert parsed.report == example_report
    assert parsed.edition == "2021"
    assert parsed.notes == ()


@st.composite
def titled_reports(draw: st.DrawFn) -> Report:
    """Reports whose title names the year, as every real title does (the year is read from it).

    A title spelt exactly like the default heading is the same document as no title, and reads back
    as ``None``; so generated titles are either ``None`` or differ from it.
    """
    report = draw(reports())
    title = draw(
        st.none()
        | st.sampled_from(["", "某某单位"]).map(
            lambda head: f"{head}{report.year}年政府信息公开工作年度报告"
        )
    )
    return attrs.evolve(report, title=title)


@settings(max_examples=12)
@given(titled_reports())
def test_round_trip_of_generated_reports(report: Report) -> None:
    assert parse(render(report)).report == report


def _expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FOREIGN / f"{name}.expected.json").read_text("utf-8"))
    return data


def test_foreign_file_with_quirks_is_read_exactly() -> None:
    expected = _expected("quirks-2021")
    parsed = parse(FOREIGN / "quirks-2021.docx")
    assert parsed.edition == "2021"
    assert parsed.report == structure(expected["report"])
    assert parsed.blank == set(expected["blank"])
    assert parsed.not_applicable == set(expected["not_applicable"])
    assert parsed.gaps == ()
    assert len(expected["blank"]) > 50  # the file really leaves zeros blank
    assert len(expected["not_applicable"]) == 3  # 规章: no rule-making power


def test_2019_file_is_recognised_and_its_table_3_read() -> None:
    expected = _expected("format-2019")
    parsed = parse(FOREIGN / "format-2019.docx")
    assert parsed.edition == "2019"
    report = structure(expected["report"])
    assert parsed.report == report
    assert parsed.report.applications.new_requests.total > 0
    assert parsed.undivided_other is not None
    assert attrs.asdict(parsed.undivided_other) == expected["undivided_other"]
    assert parsed.gaps == ()
    assert any("2019" in n.message for n in parsed.notes if n.kind is NoteKind.INFO)


def test_pre_2019_report_is_rejected() -> None:
    with pytest.raises(LegacyFormatError, match=r"GPR507.*2019 年以前"):
        parse(FOREIGN / "legacy-2012.docx")


def test_docx_without_tables_is_not_a_report(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("某某局2024年政府信息公开工作年度报告")
    path = tmp_path / "plain.docx"
    document.save(str(path))
    with pytest.raises(NotAReportError, match="GPR506"):
        parse(path)


def test_blank_form_has_no_year(blank_form: Path) -> None:
    with pytest.raises(ReportTitleError, match="GPR508"):
        parse(blank_form)


def test_unreadable_cells_are_reported_with_their_place(district: Report) -> None:
    data = with_cell_texts(
        render(district), "一、本年新收政府信息公开申请数量", {1: "十二", 2: "-3", 3: "无"}
    )
    parsed = parse(data)
    unreadable = [n for n in parsed.notes if n.kind is NoteKind.UNREADABLE]
    assert [(str(n.location), n.text) for n in unreadable] == [
        ("表三「一、本年新收政府信息公开申请数量」行「自然人」列", "十二"),
        ("表三「一、本年新收政府信息公开申请数量」行「商业企业」列", "-3"),
    ]
    assert all(
        n.location and n.location.part == "三、收到和处理政府信息公开申请情况" for n in unreadable
    )
    assert parsed.not_applicable == {"applications.new_requests.research_institution"}
    assert parsed.report.applications.new_requests.natural_person == 0
    assert "十二" in str(unreadable[0])


def test_what_cannot_be_read_is_a_finding_at_its_cell(district: Report) -> None:
    data = with_cell_texts(render(district), "一、本年新收政府信息公开申请数量", {1: "十二件"})
    (finding,) = parse(data).findings()
    assert (finding.rule, finding.severity) == ("GPR511", Severity.ERROR)
    assert str(finding.location) == "表三「一、本年新收政府信息公开申请数量」行「自然人」列“十二件”"
    assert "十二件" in finding.message
    assert parse(render(district)).findings() == []


@pytest.mark.parametrize(
    ("text", "fee", "kind", "value"),
    [
        ("１２", False, None, 12),
        (" 12  ", False, None, 12),
        ("1,234", False, None, 1234),
        ("7件", False, None, 7),
        ("", False, NoteKind.BLANK, 0),
        ("\u3000", False, NoteKind.BLANK, 0),
        ("/", False, NoteKind.NOT_APPLICABLE, 0),
        ("—", False, NoteKind.NOT_APPLICABLE, 0),
        ("无", False, NoteKind.NOT_APPLICABLE, 0),
        ("1.5", False, NoteKind.UNREADABLE, 0),
        ("25.10", True, None, Decimal("25.10")),
        ("０．５万元", True, None, Decimal("0.5")),
        ("251000元", True, NoteKind.UNREADABLE, 0),
    ],
)
def test_cell_values(text: str, fee: bool, kind: NoteKind | None, value: object) -> None:
    from gpr_docx.parse.docx import _read_value

    assert _read_value(text, fee=fee) == (kind, value)


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        ("一、总体情况", 1, True),
        ("一总体情况", 1, True),
        ("1.总体情况", 1, True),
        ("五、存在问题及改进情况", 5, True),
        ("五、政府信息公开工作存在的主要问题及改进情况", 5, True),
        ("四、因政府信息公开工作被申请行政复议和提起行政诉讼情况", 4, True),
        ("一是主动公开情况。", 1, False),
        ("十一、总体情况", 1, False),
        ("二、主动公开政府信息情况", 1, False),
    ],
)
def test_heading_variants(text: str, number: int, expected: bool) -> None:
    from gpr_docx.model import SECTION_HEADINGS

    assert is_section_heading(text, number, SECTION_HEADINGS[number - 1]) is expected


def test_parsed_report_is_exported() -> None:
    assert ParsedReport.__module__.startswith("gpr_docx.parse")


def test_committed_foreign_files_match_their_generator() -> None:
    """The expected data beside each foreign file is what tools/make_foreign_docx.py says it wrote."""
    from tools.make_foreign_docx import pages

    for page in pages():
        expected = _expected(page.name)
        assert expected["report"] == page.expected, page.name
        assert expected["blank"] == list(page.blank), page.name
        assert expected["not_applicable"] == list(page.not_applicable), page.name
        assert expected["format"] == page.format
        assert (FOREIGN / f"{page.name}.docx").exists()


def test_body_lines_that_look_like_labels_are_not_sub_headings(district: Report) -> None:
    """Only numbered, short lines naming a part start it: ``政府信息公开`` or ``（二）情况`` is body text."""
    from gpr_docx.model import Overview

    overview = Overview(management="政府信息公开\n主动公开", platforms="（二）abc")
    report = attrs.evolve(district, overview=overview, improvements="（二）情况不明")
    assert parse(render(report)).report == report

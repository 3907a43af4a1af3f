"""Reading .docx reports back: round trips, foreign files with real-world quirks, 2019 and older formats."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from gpr_docx import ParsedReport, Report, Severity, check, dumps, loads, parse, render
from gpr_docx.errors import BrokenDocxError, LegacyFormatError, NotAReportError, ReportTitleError
from gpr_docx.oxml import W, w
from gpr_docx.parse import NoteKind
from gpr_docx.schema import structure
from tests.helpers import DATA
from tests.helpers.docx_signature import document_xml
from tests.helpers.editing import with_document_xml
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
    assert attrs.evolve(parsed.report, unfilled=()) == structure(expected["report"])
    assert parsed.blank == set(expected["blank"]) == set(parsed.report.unfilled)
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


def test_parsed_report_is_exported() -> None:
    assert ParsedReport.__module__.startswith("gpr_docx.parse")


def test_document_without_a_body_is_broken(district: Report) -> None:
    data = render(district)
    root = etree.fromstring(b'<w:document xmlns:w="' + W.encode() + b'"/>')
    with pytest.raises(BrokenDocxError, match=r"GPR503.*w:body"):
        parse(with_document_xml(data, root))


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


def _without_total_column(data: bytes) -> bytes:
    """The document with every cell of table 三's 总计 column left blank, as agencies publish it."""
    root = document_xml(data)
    table = root.findall(f".//{w('tbl')}")[1]
    for row in table.findall(w("tr"))[3:]:
        for text in row.findall(w("tc"))[-1].iter(w("t")):
            text.text = ""
    return with_document_xml(data, root)


def test_a_blank_total_column_is_not_zero_through_json_and_check(district: Report) -> None:
    """Blank 总计 cells are kept apart from published zeros, survive JSON, and give one warning."""
    parsed = parse(_without_total_column(render(district)))
    totals = [p for p in parsed.report.unfilled if p.endswith(".total")]
    assert len(totals) == 25
    assert parsed.report.applications.results.total.total == 454  # computed, not 0
    assert attrs.evolve(parsed.report, unfilled=()) == district
    again = loads(dumps(parsed.report), ".json")
    assert again == parsed.report
    findings = check(again)
    assert [f.rule for f in findings] == ["V-5"]
    assert findings[0].severity is Severity.WARNING
    assert "25 个总计单元格未填写" in findings[0].message

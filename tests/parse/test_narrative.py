"""The texts of a report from plain paragraphs: title, preface, year, agency, sections, signature.

The paragraphs are made by hand, as any front end hands them over; round trips through Word are in
test_docx.py and test_docx_variants.py.
"""

from __future__ import annotations

import datetime

import attrs
import pytest

from gpr_docx import Report, parse, render
from gpr_docx.errors import ReportTitleError
from gpr_docx.grid import Paragraph
from gpr_docx.model import SECTION_HEADINGS, Overview
from gpr_docx.parse import NoteKind
from gpr_docx.parse.narrative import read_narrative, report_year

HEADINGS = [f"{n}、{h}" for n, h in zip("一二三四五六", SECTION_HEADINGS, strict=True)]


def _report(*, title: str = "某某局2024年政府信息公开工作年度报告") -> list[Paragraph[None]]:
    texts = [
        title,
        "本报告根据条例编制。",
        HEADINGS[0],
        "（一）主动公开",
        "全年主动公开信息100条。",
        "（二）依申请公开",
        "全年收到申请5件。\n均按期答复。",
        HEADINGS[1],
        HEADINGS[2],
        HEADINGS[3],
        HEADINGS[4],
        "（一）存在的主要问题",
        "公开不够及时。",
        "（二）改进情况",
        "加强培训。",
        HEADINGS[5],
        "无。",
        "",
    ]
    return [Paragraph(text, None) for text in texts]


def _signed(paragraphs: list[Paragraph[None]], *lines: str) -> list[Paragraph[None]]:
    return [*paragraphs, *(Paragraph(line, None, right_aligned=True) for line in lines)]


def test_every_text_in_its_place() -> None:
    paragraphs = [Paragraph("示例", None), *_report()]
    read = read_narrative(_signed(paragraphs, "某某局", "2025年1月20日"))
    assert read.data == {
        "year": 2024,
        "agency": "某某局",
        "title": "示例某某局2024年政府信息公开工作年度报告",
        "preface": "本报告根据条例编制。",
        "overview": {
            "active_disclosure": "全年主动公开信息100条。",
            "on_request": "全年收到申请5件。\n均按期答复。",
            "management": "",
            "platforms": "",
            "oversight": "",
        },
        "problems": "公开不够及时。",
        "improvements": "加强培训。",
        "other_matters": "无。",
        "date": datetime.date(2025, 1, 20),
    }
    assert read.notes == ()


def test_the_default_title_is_no_title_and_the_agency_comes_from_it() -> None:
    read = read_narrative(_report())
    assert (read.data["agency"], read.data["title"]) == ("某某局", None)
    about = read_narrative(_report(title="某某局关于2024年政府信息公开工作年度报告"))
    assert about.data["agency"] == "某某局"


@pytest.mark.parametrize(
    "written",
    ["2025年1月20日", "2025 年 1 月 20 日", "２０２５年１月２０日", "二〇二五年一月二十日"],
)
def test_the_date_under_the_signature_is_read_and_is_no_text(written: str) -> None:
    read = read_narrative(_signed(_report(), "某某区人民政府办公室", written))
    assert read.data["date"] == datetime.date(2025, 1, 20)
    assert (read.data["agency"], read.data["other_matters"]) == ("某某区人民政府办公室", "无。")
    assert read.notes == ()


def test_a_signature_and_its_date_in_one_paragraph_are_read_as_two_lines() -> None:
    read = read_narrative(_signed(_report(), "某某区人民政府办公室\n2025年1月20日"))
    assert (read.data["agency"], read.data["date"], read.data["other_matters"]) == (
        "某某区人民政府办公室",
        datetime.date(2025, 1, 20),
        "无。",
    )


def test_a_date_line_at_the_end_is_read_right_aligned_or_not() -> None:
    """Web pages often lose the alignment: a last line that is only a date is the 成文日期 still."""
    body = [*_signed(_report(), "某某局"), Paragraph("2025年1月20日", None), Paragraph("", None)]
    read = read_narrative(body)
    assert (read.data["date"], read.data["other_matters"]) == (datetime.date(2025, 1, 20), "无。")


def test_no_date_line_is_no_date() -> None:
    read = read_narrative(_signed(_report(), "某某局"))
    assert (read.data["date"], read.data["agency"], read.notes) == (None, "某某局", ())


def test_a_date_inside_the_text_is_not_the_date() -> None:
    """Only the lines after section 六's text count: a sentence naming a day stays text."""
    body = _report()
    body[-2] = Paragraph("2025年1月20日召开会议。", None)
    read = read_narrative(_signed(body, "某某局"))
    assert (read.data["date"], read.data["other_matters"]) == (None, "2025年1月20日召开会议。")


@pytest.mark.parametrize("written", ["2025年2月30日", "2025年13月1日", "二〇二五年一月三十二日"])
def test_a_date_that_is_no_day_is_noted_not_guessed(written: str) -> None:
    read = read_narrative(_signed(_report(), "某某局", written))
    assert read.data["date"] is None
    assert read.data["other_matters"] == "无。"
    [note] = read.notes
    assert (note.kind, note.field, note.text) == (NoteKind.UNREADABLE, "date", written)
    assert "成文日期" in str(note)


def test_of_two_date_lines_the_last_is_the_date_and_a_note_says_so() -> None:
    read = read_narrative(_signed(_report(), "2025年1月10日", "某某局", "2025年1月20日"))
    assert (read.data["date"], read.data["agency"]) == (datetime.date(2025, 1, 20), "某某局")
    [note] = read.notes
    assert (note.kind, note.field) == (NoteKind.INFO, "date")
    assert note.text == "2025年1月10日、2025年1月20日"


def test_a_signature_is_only_right_aligned_and_short() -> None:
    body = _report()
    left = [*body, Paragraph("某某局", None)]
    assert read_narrative(left).data["other_matters"] == "无。\n某某局"
    long = "很长的一句话" * 8
    assert read_narrative(_signed(body, long)).data["other_matters"] == f"无。\n{long}"


@pytest.mark.parametrize(
    "year",
    ["2023", "２０２３", "二〇二三", "二○二三", "二零二三", "二O二三", "二Ｏ二三", "二0二三"],
)
def test_the_year_in_the_title_however_written(year: str) -> None:
    assert report_year(f"某某局{year}年政府信息公开工作年度报告") == 2023
    read = read_narrative(_report(title=f"某某局{year}年政府信息公开工作年度报告"))
    assert (read.data["year"], read.data["agency"]) == (2023, "某某局")


def test_the_year_from_the_statistics_period_when_the_title_has_none() -> None:
    paragraphs = _report(title="某某局政府信息公开工作年度报告")
    paragraphs[1] = Paragraph(
        "本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。", None
    )
    assert read_narrative(paragraphs).data["year"] == 2024
    paragraphs[1] = Paragraph("本报告根据条例编制。", None)
    with pytest.raises(ReportTitleError, match="GPR508"):
        read_narrative(paragraphs, name="a.docx")
    assert report_year("某某局3024年报告") is None


def test_missing_headings_and_text_outside_the_fields_are_noted() -> None:
    paragraphs = _report()
    paragraphs.insert(8, Paragraph("本年度主动公开情况见下表。", None))
    del paragraphs[16]  # 六、其他需要报告的事项
    read = read_narrative(paragraphs)
    assert [(n.kind, n.location.part if n.location else None) for n in read.notes] == [
        (NoteKind.MISSING, None),
        (NoteKind.INFO, SECTION_HEADINGS[1]),
    ]
    assert SECTION_HEADINGS[5] in read.notes[0].message
    assert read.data["other_matters"] == ""
    unsigned = read_narrative(_report(title="2024年政府信息公开工作年度报告"))
    assert read.data["year"] == 2024
    (note,) = unsigned.notes
    assert (note.kind, unsigned.data["agency"]) == (NoteKind.MISSING, "")
    assert "报告机关" in note.message


def test_section_five_without_its_two_parts() -> None:
    paragraphs = [p for p in _report() if p.text not in ("（一）存在的主要问题", "（二）改进情况")]
    read = read_narrative(paragraphs)
    assert (read.data["problems"], read.data["improvements"]) == ("公开不够及时。\n加强培训。", "")
    assert [n.location.part for n in read.notes if n.location] == [SECTION_HEADINGS[4]]


def test_overview_text_before_its_first_subheading_goes_to_the_first_part() -> None:
    paragraphs = _report()
    paragraphs.insert(3, Paragraph("总的来说，工作有序。", None))
    read = read_narrative(paragraphs)
    assert (
        read.data["overview"]["active_disclosure"]
        == "总的来说，工作有序。\n全年主动公开信息100条。"
    )
    (note,) = read.notes
    assert "未按五个方面分小标题" in note.message


def test_overview_parts_by_their_run_in_leads() -> None:
    paragraphs = [p for p in _report() if not p.text.startswith("（")]
    paragraphs[3:5] = [
        Paragraph("一是主动公开情况。全年主动公开信息100条。", None),
        Paragraph("二是依申请公开情况。全年收到申请5件。", None),
        Paragraph("均按期答复。", None),
    ]
    read = read_narrative(paragraphs)
    overview = read.data["overview"]
    assert overview["on_request"] == "二是依申请公开情况。全年收到申请5件。\n均按期答复。"
    assert overview["active_disclosure"] == "一是主动公开情况。全年主动公开信息100条。"
    assert any("段首" in n.message for n in read.notes)


def test_body_lines_that_look_like_labels_are_not_sub_headings(district: Report) -> None:
    """Only numbered, short lines naming a part start it: ``政府信息公开`` or ``（二）情况`` is body text."""
    overview = Overview(management="政府信息公开\n主动公开", platforms="（二）abc")
    report = attrs.evolve(district, overview=overview, improvements="（二）情况不明")
    assert parse(render(report)).report == report

"""The outline: section headings with their wording variants, sub-headings, run-in leads, placeholders."""

from __future__ import annotations

import attrs
import pytest

from gpr_docx.grid import Paragraph
from gpr_docx.model import SECTION_HEADINGS, Overview, Report, label
from gpr_docx.parse.outline import (
    SUBHEADINGS,
    is_placeholder,
    is_section_heading,
    is_subheading,
    lead_field,
    section_starts,
    subheading_field,
    title_index,
)


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
    assert is_section_heading(text, number, SECTION_HEADINGS[number - 1]) is expected
    assert is_section_heading(text, number) is expected


def _paragraphs(*texts: str | tuple[str, str]) -> list[Paragraph[None]]:
    """Paragraphs from texts; a pair is (what a reader sees, what was typed)."""
    return [
        Paragraph(t, None) if isinstance(t, str) else Paragraph(t[0], None, t[1]) for t in texts
    ]


def test_section_starts_in_order_by_shown_or_typed_text() -> None:
    paragraphs = _paragraphs(
        "某局2024年政府信息公开工作年度报告",
        "一、总体情况",
        "（一）主动公开",
        ("1 主动公开政府信息情况", "二、主动公开政府信息情况"),
        "三、收到和处理政府信息公开申请情况",
        "正文",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    )
    assert section_starts(paragraphs) == (1, 3, 4, None, 6, 7)


def test_a_heading_is_only_looked_for_after_the_one_before() -> None:
    paragraphs = _paragraphs("二、主动公开政府信息情况", "一、总体情况")
    assert section_starts(paragraphs) == (1, None, None, None, None, None)


def test_title_and_placeholders() -> None:
    assert title_index(["示例", "某局2024年政府信息公开工作年度报告", "报告正文"]) == 1
    assert title_index(["前言"]) is None
    assert is_placeholder("（文字描述）")
    assert is_placeholder(" (文字描述，不超过500字) ")
    assert not is_placeholder("文字描述")


@pytest.mark.parametrize(
    ("text", "section", "field"),
    [
        ("（一）主动公开", 1, "overview.active_disclosure"),
        ("（四）政府信息公开平台建设情况", 1, "overview.platforms"),
        ("3.政府信息管理", 1, "overview.management"),
        ("主动公开", 1, None),  # not numbered
        ("（二）abc", 1, None),
        ("（一）主动公开。", 1, None),  # a sentence
        ("（一）存在的主要问题", 5, "problems"),
        ("（二）2025年工作改进措施", 5, "improvements"),
        ("（二）其他", 5, None),
        ("（三）改进情况", 5, None),
    ],
)
def test_subheadings(text: str, section: int, field: str | None) -> None:
    assert subheading_field(text, section) == field


def test_a_subheading_is_short_and_not_a_sentence() -> None:
    assert is_subheading("（一）主动公开")
    assert not is_subheading("")
    assert not is_subheading("（一）" + "很长" * 20)


def test_the_official_subheadings_read_back_as_their_fields() -> None:
    """What the filler writes is what the reader reads: one place for both."""
    assert [path for path, _ in SUBHEADINGS[1]] == [
        f"overview.{f.name}" for f in attrs.fields(Overview)
    ]
    assert SUBHEADINGS[5] == (
        ("problems", label(Report, "problems")),
        ("improvements", label(Report, "improvements")),
    )
    for section, headings in SUBHEADINGS.items():
        for path, heading in headings:
            assert subheading_field(heading, section) == path


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("一是政府信息管理情况。不断完善……", "management"),
        ("二是平台建设情况。目前……", "platforms"),
        ("（三）主动公开：全年……", "active_disclosure"),
        ("4.依申请公开情况。坚持……", "on_request"),
        ("五是监督保障情况。不断……", "oversight"),
        ("一是加强组织领导。成立……", None),
        ("政府信息管理情况。不断……", None),
        ("一是政府信息管理情况", None),
    ],
)
def test_run_in_leads(text: str, field: str | None) -> None:
    assert lead_field(text) == field

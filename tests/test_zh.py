"""Chinese numerals, years and lines: one reading for the reader, the rules and Word's list numbers."""

from __future__ import annotations

import datetime

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gpr_docx import Report, check, parse, render
from gpr_docx._zh import (
    DIGITS,
    NUMERALS,
    chinese_digits,
    chinese_number,
    date_value,
    lines,
    number_value,
    year_value,
    years,
)
from gpr_docx.check.phrases import named_years
from gpr_docx.parse.narrative import report_year
from tests.helpers.editing import with_value

# Every way a report writes the year 2023 (the 〇 typed as 零, a white circle, a Latin O …).
YEARS_2023 = [
    "2023",
    "２０２３",
    "二〇二三",
    "二○二三",
    "二◯二三",
    "二零二三",
    "二O二三",
    "二Ｏ二三",
    "二Ο二三",
    "二0二三",
    "二０二三",
]


def test_tables() -> None:
    assert DIGITS.index("七") == 7
    assert NUMERALS[5] == "六"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("450", 450),
        ("１２", 12),
        ("1,234", 1234),
        ("零", 0),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("一百零五", 105),
        ("两千", 2000),
        ("三千零一十", 3010),
    ],
)
def test_number_values(text: str, value: int) -> None:
    assert number_value(text) == value


@given(st.integers(min_value=1, max_value=9999))
def test_chinese_numbers_read_back(n: int) -> None:
    assert number_value(chinese_number(n)) == n


@pytest.mark.parametrize(
    ("n", "counting", "legal"),
    [
        (1, "一", "壹"),
        (10, "十", "拾"),
        (15, "十五", "拾伍"),
        (21, "二十一", "贰拾壹"),
        (105, "一百零五", "壹佰零伍"),
        (110, "一百一十", "壹佰壹拾"),
        (1050, "一千零五十", "壹仟零伍拾"),
        (0, "0", "0"),
        (10000, "10000", "10000"),
    ],
)
def test_chinese_numbers(n: int, counting: str, legal: str) -> None:
    assert chinese_number(n) == counting
    assert chinese_number(n, legal=True) == legal


def test_chinese_digits() -> None:
    assert chinese_digits(2024) == "二〇二四"
    assert year_value(chinese_digits(2024)) == 2024


@pytest.mark.parametrize("digits", YEARS_2023)
def test_every_way_of_writing_a_year(digits: str) -> None:
    assert year_value(digits) == 2023
    assert list(years(f"较{digits}年有所提升")) == [2023]


def test_years_are_not_read_out_of_longer_numbers() -> None:
    assert list(years("编号12024年")) == []
    assert list(years("第1二〇二三年")) == []
    assert list(years("2024 年、二〇二五年度")) == [2024, 2025]
    assert list(years("三〇〇〇年，十二个月")) == []


@pytest.mark.parametrize("digits", YEARS_2023)
def test_the_reader_and_rule_r3_read_years_alike(digits: str) -> None:
    """The title's year for the reader is the year R-3 sees in the same words."""
    title = f"某某局{digits}年政府信息公开工作年度报告"
    assert report_year(title) == 2023
    assert [named.year for named in named_years(title)] == [2023]


@pytest.mark.parametrize("digits", ["二○二四", "二零二四", "二O二四", "２０２４"])
def test_a_title_read_from_word_with_its_year_however_written(
    district: Report, digits: str
) -> None:
    titled = attrs.evolve(district, title=f"{district.agency}{digits}年政府信息公开工作年度报告")
    parsed = parse(render(titled)).report
    assert parsed.year == 2024
    assert [named.year for named in named_years(parsed.document_title)] == [2024]


@pytest.mark.parametrize("digits", YEARS_2023)
@pytest.mark.parametrize("place", ["title", "preface"])
def test_r3_questions_last_year_however_written(district: Report, digits: str, place: str) -> None:
    """Rule R-3 flags 二○二三年 in a 2024 report as it flags 2023年."""
    text = f"{district.agency}{digits}年政府信息公开工作年度报告"
    report = with_value(district, place, text)
    found = [f for f in check(report) if f.rule == "R-3"]
    assert [(f.location.path, f.expected, f.actual) for f in found] == [(place, 2024, 2023)]


def test_lines() -> None:
    assert lines(" 第一段 \n\n\u3000第二段\u3000\r\n  ") == ["第一段", "第二段"]
    assert lines("") == []


def test_a_date_is_written_as_gb_t_9704_writes_the_date_of_issue() -> None:
    import datetime

    from gpr_docx._zh import chinese_date

    assert chinese_date(datetime.date(2025, 1, 20)) == "2025年1月20日"
    assert chinese_date(datetime.date(2024, 12, 5)) == "2024年12月5日"


@pytest.mark.parametrize(
    "text",
    [
        "2025年1月20日",
        "２０２５年１月２０日",
        "二〇二五年一月二十日",
        "二○二五年一月二十日",
        "2025 年 1 月 20 日",
    ],
)
def test_a_chinese_date_is_read(text: str) -> None:
    assert date_value(text) == datetime.date(2025, 1, 20)


@pytest.mark.parametrize(
    "text",
    ["2025年2月29日", "2025年13月1日", "2025年1月", "2025-01-20", "2025年1月20日前", "一月二十日"],
)
def test_what_is_not_a_day_is_none(text: str) -> None:
    assert date_value(text) is None


@given(st.dates(min_value=datetime.date(1000, 1, 1), max_value=datetime.date(2999, 12, 31)))
def test_every_day_written_in_digits_or_chinese_reads_back(day: datetime.date) -> None:
    digits = f"{day.year}年{day.month}月{day.day}日"
    spelt = f"{chinese_digits(day.year)}年{chinese_number(day.month)}月{chinese_number(day.day)}日"
    assert date_value(digits) == date_value(spelt) == day

"""Single values are judged once: the model, the data loader and the rules give the same verdict and words."""

from __future__ import annotations

import json
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gpr_docx import ActiveDisclosure, InvalidValueError, Report, SchemaError, check, data
from gpr_docx.values import (
    Rejection,
    as_count,
    as_fee,
    count_rejection,
    fee_rejection,
    text_rejection,
    year_rejection,
)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (-1, "应为非负整数，实为 -1"),
        (1.0, "应为非负整数，实为 1.0"),
        (True, "应为非负整数，实为 true"),
        ("三", "应为非负整数，实为 '三'"),
    ],
)
def test_count(value: object, message: str) -> None:
    assert count_rejection(value) == Rejection("V-1", message)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (Decimal("-1"), "收费金额不能为负数，实为 -1"),
        (Decimal("1.2345678"), "收费金额（万元）最多保留 6 位小数，实为 1.2345678"),
        (Decimal("NaN"), "应为以万元计的数值（如 12.5），实为 NaN"),
        ("十元", "应为以万元计的数值（如 12.5），实为 '十元'"),
    ],
)
def test_fee(value: object, message: str) -> None:
    assert fee_rejection(value) == Rejection("V-2", message)


def test_good_values_pass() -> None:
    assert count_rejection(0) is None
    assert fee_rejection(Decimal("12.3456")) is None
    assert text_rejection("第一行\n第二行\t") is None
    assert year_rejection(2024) is None
    assert text_rejection("a\x00b") == Rejection(
        "GPR114", "含有 Word 文档不能保存的控制字符 U+0000（第 2 个字符），请删除"
    )
    assert year_rejection(24) == Rejection("GPR113", "应为四位数年份（如 2024），实为 24")


def test_data_file_conversions() -> None:
    assert as_count("１２") == 12
    assert as_count(" 7 ") == 7
    assert as_count("12件") == "12件"
    assert as_fee(0.1) == Decimal("0.1")
    assert as_fee("１２．５") == Decimal("12.5")
    assert as_fee(True) is True
    assert as_fee("abc") == "abc"


@given(st.one_of(st.integers(-5, 5), st.decimals(allow_nan=True), st.text(max_size=4), st.floats()))
def test_model_loader_and_rule_agree_on_the_fee(value: object) -> None:
    """Whatever the fee, the model, the gpr/2021 loader and rule V-2 accept or refuse it alike."""
    expected = fee_rejection(as_fee(value))
    try:
        ActiveDisclosure(fees=value)
    except InvalidValueError as error:
        assert expected is not None
        assert (error.rule, error.message) == (
            expected.code,
            f"{expected.message}（{expected.code}）",
        )
    else:
        assert expected is None


def test_loader_and_rule_use_the_same_words(district: Report) -> None:
    raw = json.loads(data.dumps(district))
    raw["active_disclosure"]["fees"] = "1.2345678"
    with pytest.raises(SchemaError) as info:
        data.loads(json.dumps(raw), ".json")
    (fault,) = info.value.faults
    built_around = attrs.evolve(district)
    object.__setattr__(built_around.active_disclosure, "fees", Decimal("1.2345678"))
    (finding,) = [f for f in check(built_around) if f.rule == "V-2"]
    assert fault.message == finding.message == "收费金额（万元）最多保留 6 位小数，实为 1.2345678"


def test_the_largest_report_the_limits_allow_reads_back(district: Report) -> None:
    """Texts at their limits render into a .docx that parse accepts (its limits are not smaller)."""
    from gpr_docx import parse, render
    from gpr_docx.values import TEXT_MAX_CHARACTERS, TEXT_MAX_PARAGRAPHS

    line = "很" * (TEXT_MAX_CHARACTERS // TEXT_MAX_PARAGRAPHS - 1)
    longest = "\n".join([line] * TEXT_MAX_PARAGRAPHS)
    assert text_rejection(longest) is None
    big = attrs.evolve(
        district,
        preface=longest,
        problems=longest,
        improvements=longest,
        other_matters=longest,
        overview=attrs.evolve(
            district.overview,
            **dict.fromkeys(
                ("active_disclosure", "on_request", "management", "platforms", "oversight"), longest
            ),
        ),
    )
    parsed = parse(render(big))
    assert parsed.gaps == ()
    assert parsed.report.problems == longest

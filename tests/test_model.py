"""The report model: labels beside fields, computed totals, validators that reject the impossible."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from gpr_docx.errors import InvalidValueError
from gpr_docx.model import (
    LABEL,
    SECTION_HEADINGS,
    ActiveDisclosure,
    ApplicantRow,
    CaseOutcomes,
    Report,
    Results,
    label,
    leaf_fields,
)
from tests.helpers import DATA


def _all_model_classes() -> list[type]:
    seen: list[type] = []
    todo: list[type] = [Report]
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.append(cls)
        todo.extend(
            f.type for f in attrs.fields(cls) if isinstance(f.type, type) and attrs.has(f.type)
        )
    return seen


def test_every_field_has_an_official_label() -> None:
    """Every field of every model class carries its label in metadata."""
    for cls in _all_model_classes():
        for field in attrs.fields(cls):
            assert field.metadata.get(LABEL), f"{cls.__name__}.{field.name}"


def test_classes_are_frozen_and_slotted() -> None:
    for cls in _all_model_classes():
        assert "__slots__" in cls.__dict__, cls
        instance = ApplicantRow()
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            instance.total = 3  # type: ignore[misc]


def test_labels_are_the_official_text() -> None:
    assert (
        label(Results, "partially_disclosed")
        == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    )
    assert SECTION_HEADINGS[3] == "四、政府信息公开行政复议、行政诉讼情况"


def test_total_is_computed_when_absent() -> None:
    row = ApplicantRow(natural_person=3, legal_service_org=4)
    assert row.total == 7
    assert CaseOutcomes(upheld=1, pending=2).total == 3


def test_given_total_is_kept_even_when_it_disagrees() -> None:
    """A wrong total is a finding for the checks, never silently replaced."""
    assert ApplicantRow(natural_person=3, total=5).total == 5


def test_results_total_sums_the_21_rows() -> None:
    one = ApplicantRow(natural_person=1, other_org=1)
    results = Results(disclosed=one, partially_disclosed=one)
    assert results.total == ApplicantRow(natural_person=2, other_org=2)
    assert len(results.result_rows()) == 21


@pytest.mark.parametrize("value", [-1, 1.0, "3", True, None])
def test_count_rejects_what_is_not_a_whole_number(value: object) -> None:
    with pytest.raises(InvalidValueError) as info:
        ApplicantRow(natural_person=value)  # type: ignore[arg-type]
    assert info.value.rule == "V-1"
    assert "自然人" in str(info.value)


@pytest.mark.parametrize("value", ["-1", "1.0000001", "abc", None])
def test_fee_rejects_invalid_amounts(value: object) -> None:
    with pytest.raises(InvalidValueError) as info:
        ActiveDisclosure(fees=value)
    assert info.value.rule == "V-2"


def test_fee_keeps_the_decimals_as_given() -> None:
    assert str(ActiveDisclosure(fees="12.50").fees) == "12.50"
    assert ActiveDisclosure(fees=3.25).fees == Decimal("3.25")


def test_text_rejects_xml_illegal_characters() -> None:
    with pytest.raises(InvalidValueError) as info:
        Report(year=2024, agency="某镇\x0c", problems="", improvements="", other_matters="")
    assert info.value.rule == "GPR114"


def test_heading_defaults_to_agency_and_year(dasheng: Report) -> None:
    assert dasheng.document_title == "2024年政府信息公开工作年度报告"
    untitled = attrs.evolve(dasheng, title=None)
    assert untitled.document_title == "重庆市渝北区大盛镇人民政府2024年政府信息公开工作年度报告"


def test_leaf_fields_walks_every_cell(district: Report) -> None:
    leaves = dict(leaf_fields(district))
    assert leaves["applications.results.total.total"] == 454
    assert leaves["active_disclosure.fees"] == Decimal("1253.47")


@pytest.mark.parametrize("value", [None, {"year": 2024}, "report.toml"])
def test_the_verbs_say_they_take_a_report(value: object, tmp_path: Path) -> None:
    """A dict, a path or nothing where a Report belongs is a TypeError saying how to get one."""
    from gpr_docx import check, fill, fill_to_file, render, render_to_file, workbook

    form = DATA / "foreign" / "blank-form-2021.docx"
    calls: dict[str, Callable[[], object]] = {
        "render": lambda: render(value),  # type: ignore[arg-type]
        "render_to_file": lambda: render_to_file(value, tmp_path / "x.docx"),  # type: ignore[arg-type]
        "fill": lambda: fill(value, form),  # type: ignore[arg-type]
        "fill_to_file": lambda: fill_to_file(value, form, tmp_path / "y.docx"),  # type: ignore[arg-type]
        "check": lambda: check(value),  # type: ignore[arg-type]
    }
    if value is not None:
        calls["workbook"] = lambda: workbook(value)  # type: ignore[arg-type]
    for taker, call in calls.items():
        with pytest.raises(
            TypeError, match=rf"{taker}\(\) takes a gpr_docx\.Report.*gpr_docx\.load"
        ):
            call()
    assert not list(tmp_path.iterdir())

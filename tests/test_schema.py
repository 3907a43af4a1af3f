"""The gpr/2021 format: strict structuring, every problem located and reported together."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given

from gpr_docx import schema
from gpr_docx.errors import SchemaError
from gpr_docx.model import Report
from tests.helpers import EXAMPLE_NAMES, ROOT
from tests.helpers.strategies import reports

SHARED = ROOT / "templates" / "examples"


def _example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SHARED / f"{name}.json").read_text("utf-8"))
    return data


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_json_model_json_round_trip(name: str) -> None:
    data = _example(name)
    assert schema.unstructure(schema.structure(data)) == data


@given(reports())
def test_round_trip_of_generated_reports(report: Report) -> None:
    data = json.loads(json.dumps(schema.unstructure(report), ensure_ascii=False))
    assert schema.structure(data) == report


def _problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(SchemaError) as info:
        schema.structure(data)
    return [(p.code, p.path) for p in info.value.faults]


def test_every_problem_is_reported_at_once() -> None:
    data = copy.deepcopy(_example("example-district-2024"))
    data["applications"]["new_requests"]["natural_person"] = -1
    data["applications"]["carried_over"]["other_org"] = "12件"
    data["active_disclosure"]["fees"] = "abc"
    data["review_litigation"]["review"]["upheld"] = 1.0
    assert _problems(data) == [
        ("V-2", "$.active_disclosure.fees"),
        ("V-1", "$.applications.new_requests.natural_person"),
        ("V-1", "$.applications.carried_over.other_org"),
        ("V-1", "$.review_litigation.review.upheld"),
    ]


def test_problem_names_the_official_label() -> None:
    data = copy.deepcopy(_example("example-district-2024"))
    data["applications"]["results"]["withheld"]["state_secret"]["commercial_enterprise"] = -2
    with pytest.raises(SchemaError) as info:
        schema.structure(data)
    (problem,) = info.value.faults
    assert problem.label == "表三「（三）不予公开 · 1.属于国家秘密」行「商业企业」列"


def test_unknown_key_suggests_the_closest() -> None:
    data = copy.deepcopy(_example("dasheng-2024"))
    data["applications"]["carried_ovr"] = data["applications"].pop("carried_over")
    with pytest.raises(SchemaError) as info:
        schema.structure(data)
    messages = [str(p) for p in info.value.faults]
    assert any("GPR111" in m and "carried_ovr" in m and "carried_over" in m for m in messages)


def test_missing_section_is_an_error() -> None:
    data = copy.deepcopy(_example("dasheng-2024"))
    del data["review_litigation"]
    assert ("GPR112", "$.review_litigation") in _problems(data)


def test_schema_key_is_required() -> None:
    data = copy.deepcopy(_example("dasheng-2024"))
    del data["schema"]
    assert _problems(data) == [("GPR112", "$.schema")]


def test_conveniences() -> None:
    """Rows as lists, zero groups left out, full-width digits."""
    data = copy.deepcopy(_example("dasheng-2024"))
    data["applications"]["new_requests"] = [1, 0, 0, 0, 0, "２"]
    data["applications"]["carried_forward"] = [1, 0, 0, 0, 0, 2, 3]
    del data["applications"]["results"]["withheld"]
    report = schema.structure(data)
    assert report.applications.new_requests.total == 3
    assert report.applications.carried_forward.other_org == 2
    assert report.applications.results.withheld.state_secret.total == 0


def test_row_list_of_wrong_length() -> None:
    data = copy.deepcopy(_example("dasheng-2024"))
    data["applications"]["new_requests"] = [1, 2]
    assert _problems(data) == [("GPR113", "$.applications.new_requests")]


@pytest.mark.parametrize("value", [True, "3.5万", "1e3x", "-0.5", None])
def test_bad_fees(value: object) -> None:
    data = copy.deepcopy(_example("dasheng-2024"))
    data["active_disclosure"]["fees"] = value
    assert _problems(data) == [("V-2", "$.active_disclosure.fees")]


def test_text_where_number_expected_and_number_where_text_expected() -> None:
    data = copy.deepcopy(_example("dasheng-2024"))
    data["problems"] = 12
    data["year"] = "二〇二四"
    assert _problems(data) == [("GPR113", "$.year"), ("GPR113", "$.problems")]


@pytest.mark.parametrize(
    ("value", "code"),
    [("2025-1-20", "GPR115"), ("2025-02-30", "GPR115"), (20250120, "GPR113"), ("明年", "GPR115")],
)
def test_a_date_is_a_calendar_date(value: object, code: str) -> None:
    data = _example("dasheng-2024")
    data["date"] = value
    with pytest.raises(SchemaError) as caught:
        schema.structure(data)
    assert [(f.code, f.path, f.label) for f in caught.value.faults] == [
        (code, "$.date", "「成文日期」")
    ]


def test_a_date_reads_from_text_or_a_date_and_is_written_as_text() -> None:
    import datetime

    data = _example("dasheng-2024")
    for given_date in ("2025-01-20", datetime.date(2025, 1, 20)):
        data["date"] = given_date
        report = schema.structure(data)
        assert report.date == datetime.date(2025, 1, 20)
        assert schema.unstructure(report)["date"] == "2025-01-20"
    assert "date" not in schema.unstructure(schema.structure(_example("dasheng-2024")))

"""The official form: one name per place, whichever part of the library speaks of it."""

from __future__ import annotations

import json
from decimal import Decimal

import attrs
import pytest

from gpr_docx import NoteKind, Report, SchemaError, check, data, parse, render
from gpr_docx.form import (
    CELL_PATHS,
    FORM_TABLES,
    TEXT_PATHS,
    cell_location,
    field_value,
    location_of_path,
    name_of_path,
)
from tests.helpers import DATA
from tests.helpers.editing import with_cell_texts

NAMES = DATA / "golden" / "cell-names.json"
"""Every data cell's dotted path and its one official name, as read off the printed form."""


def test_every_cell_has_its_one_official_name() -> None:
    expected = json.loads(NAMES.read_text("utf-8"))
    assert {path: str(cell_location(path)) for path in CELL_PATHS} == expected
    assert len(set(expected.values())) == len(expected) == 200


def test_cell_paths_are_the_form_grid_in_order() -> None:
    grid = [cell.field for table in FORM_TABLES for cell in table.data_cells()]
    assert list(CELL_PATHS) == grid
    assert sorted(CELL_PATHS, key=lambda p: cell_location(p).order) == list(CELL_PATHS)


def _fee_load_error(district: Report) -> str:
    raw = json.loads(data.dumps(district))
    raw["active_disclosure"]["fees"] = "一百"
    with pytest.raises(SchemaError) as info:
        data.loads(json.dumps(raw, ensure_ascii=False), ".json")
    (fault,) = info.value.faults
    assert (fault.code, fault.path) == ("V-2", "$.active_disclosure.fees")
    return fault.label


def _fee_parse_note(district: Report) -> str:
    document = with_cell_texts(render(district), "行政事业性收费", {1: "一百"})
    parsed = parse(document)
    (note,) = [n for n in parsed.notes if n.kind is NoteKind.UNREADABLE]
    (finding,) = parsed.findings()
    assert str(finding.location).startswith(str(note.location))
    return str(note.location)


def _fee_check_finding(district: Report) -> str:
    township = attrs.evolve(district, agency="某某镇人民政府")
    report = attrs.evolve(
        township,
        active_disclosure=attrs.evolve(township.active_disclosure, fees=Decimal(20000)),
    )
    (finding,) = [f for f in check(report) if f.rule == "V-3"]
    return str(finding.location)


def test_a_load_error_a_parse_note_and_a_finding_name_a_cell_alike(district: Report) -> None:
    name = "表二「行政事业性收费」行「本年收费金额（单位：万元）」列"
    assert str(cell_location("active_disclosure.fees")) == name
    assert _fee_load_error(district) == name
    assert _fee_parse_note(district) == name
    assert _fee_check_finding(district) == name


@pytest.mark.parametrize("path", CELL_PATHS[::17])
def test_a_count_cell_is_named_alike_when_it_cannot_be_loaded_or_read(
    district: Report, path: str
) -> None:
    raw = json.loads(data.dumps(district))
    *parents, leaf = path.split(".")
    target = raw
    for key in parents:
        target = target[key]
    target[leaf] = -1
    with pytest.raises(SchemaError) as info:
        data.loads(json.dumps(raw, ensure_ascii=False), ".json")
    assert [fault.label for fault in info.value.faults] == [str(cell_location(path))]
    assert field_value(district, path) is not None


def test_places_that_are_not_cells() -> None:
    assert [str(location_of_path(p)) for p in TEXT_PATHS] == [
        "「标题」",
        "「前言」",
        "「一、总体情况 · 主动公开」",
        "「一、总体情况 · 依申请公开」",
        "「一、总体情况 · 政府信息管理」",
        "「一、总体情况 · 政府信息公开平台建设」",
        "「一、总体情况 · 监督保障」",
        "「五、存在的主要问题及改进情况 · （一）存在的主要问题」",
        "「五、存在的主要问题及改进情况 · （二）改进情况」",
        "「六、其他需要报告的事项」",
    ]
    assert (
        name_of_path("$.applications.carried_over") == "表三「二、上年结转政府信息公开申请数量」行"
    )
    assert name_of_path("$.review_litigation.review") == "表四「行政复议」列"
    assert name_of_path("$.active_disclosure.regulations") == "表二「规章」行"
    assert name_of_path("$.year") == "「报告年度」"
    assert name_of_path("$.applications.carried_ovr") == ""
    assert name_of_path("$") == ""

"""A whole collect over the inbox of the issue: who sent what, the status workbook, the roll-up."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import attrs
import openpyxl
import pytest

import gpr_docx
from gpr_docx.collect.rollup import cells_of
from gpr_docx.collect.run import DRAFT_NAME, ROLLUP_DATA_NAME, SHEETS_FOLDER, STATUS_NAME
from gpr_docx.collect.status import BREAKDOWN_SHEET, FINDINGS_SHEET, SIMILAR_SHEET, UNITS_SHEET
from gpr_docx.errors import OutputExistsError, RegistryError
from gpr_docx.findings import sort_findings
from gpr_docx.form import CELL_PATHS, field_value
from gpr_docx.model import SECTION_HEADINGS
from tests.collect.conftest import (
    ALIASED,
    BROKEN,
    COPIED,
    COPIER,
    MISSING,
    TWICE,
    Inbox,
    needs_similarity,
)
from tests.helpers import ROOT
from tests.helpers.docx_signature import document_xml, table_signature, tables
from tests.helpers.official import TABLE_KEYS, expected_signature
from tests.helpers.review import read_sheet
from tests.helpers.submissions import office, varied, write


@pytest.fixture(scope="module")
def collected(inbox: Inbox, tmp_path_factory: pytest.TempPathFactory) -> gpr_docx.CollectResult:
    out = tmp_path_factory.mktemp("collect") / "审核结果"
    seen: list[str] = []
    result = gpr_docx.collect(
        inbox.folder, inbox.registry, out, jobs=2, on_result=lambda s: seen.append(s.source)
    )
    assert len(seen) == len(list(inbox.folder.iterdir()))
    return result


def _outcome(result: gpr_docx.CollectResult, code: str) -> gpr_docx.UnitOutcome:
    return next(u for u in result.units if u.unit.code == code)


def test_every_unit_has_a_status_in_registry_order(
    inbox: Inbox, collected: gpr_docx.CollectResult
) -> None:
    assert [u.unit.code for u in collected.units] == [row.code for row in inbox.units]
    assert collected.year == 2024
    counts = collected.counts()
    assert sum(counts.values()) == 32
    assert counts[gpr_docx.UnitStatus.MISSING] == 2
    assert counts[gpr_docx.UnitStatus.UNREADABLE] == 1


def test_the_missing_units_are_listed(collected: gpr_docx.CollectResult) -> None:
    assert [u.code for u in collected.missing] == list(MISSING)
    for code in MISSING:
        outcome = _outcome(collected, code)
        assert [p.rule for p in outcome.problems] == ["GPR610"]
        assert not outcome.included


def test_a_unit_that_sent_two_reports_is_an_error_and_not_counted(
    collected: gpr_docx.CollectResult,
) -> None:
    outcome = _outcome(collected, TWICE)
    assert outcome.status is gpr_docx.UnitStatus.ERRORS
    assert len(outcome.files) == 2
    assert [p.rule for p in outcome.problems] == ["GPR613"]
    assert outcome.excluded_because == "重复报送"
    assert not outcome.included


def test_a_file_named_in_words_is_matched_through_the_alias_of_its_agency(
    collected: gpr_docx.CollectResult,
) -> None:
    outcome = _outcome(collected, ALIASED)
    assert Path(outcome.files[0]).stem == "农业那边的年报"
    assert "别名" in outcome.how
    assert outcome.included


def test_an_unreadable_file_is_reported_and_the_rest_go_on(
    collected: gpr_docx.CollectResult,
) -> None:
    outcome = _outcome(collected, BROKEN)
    assert outcome.status is gpr_docx.UnitStatus.UNREADABLE
    assert outcome.how == "文件名中的代码"
    assert not outcome.included
    assert not collected.unmatched
    readable = [u for u in collected.units if u.status.value in ("通过", "已报送")]
    assert len(readable) == 32 - 2 - 1 - 1


def test_statuses_follow_the_findings(collected: gpr_docx.CollectResult) -> None:
    passed = [u for u in collected.units if u.status is gpr_docx.UnitStatus.PASSED]
    submitted = [u for u in collected.units if u.status is gpr_docx.UnitStatus.SUBMITTED]
    assert passed and submitted  # seed 0 keeps the example's texts true, the others warn
    assert all(u.errors == 0 and u.warnings == 0 for u in passed)
    assert all(u.errors == 0 and u.warnings > 0 for u in submitted)


def test_the_rollup_is_the_sum_of_the_counted_units_cells(
    inbox: Inbox, collected: gpr_docx.CollectResult
) -> None:
    counted = {u.unit.code for u in collected.units if u.included}
    assert counted == set(inbox.reports) - {TWICE}
    rollup = collected.rollup
    assert rollup is not None
    for path in CELL_PATHS:
        expected = sum(
            (field_value(inbox.reports[code], path) for code in counted),
            Decimal(0) if path == "active_disclosure.fees" else 0,
        )
        assert field_value(rollup, path) == expected, path
    assert not rollup.unfilled


def test_the_rollup_passes_the_arithmetic_rules(collected: gpr_docx.CollectResult) -> None:
    assert collected.rollup_findings == ()
    rollup = collected.rollup
    assert rollup is not None
    table_findings = [f for f in gpr_docx.check(rollup) if f.rule.startswith(("T3", "T4"))]
    assert table_findings == []


def test_the_rollup_data_loads_as_the_rollup(collected: gpr_docx.CollectResult) -> None:
    loaded = gpr_docx.load(collected.out_dir / ROLLUP_DATA_NAME)
    assert loaded == collected.rollup
    assert loaded.agency == "本级汇总"


def test_the_draft_renders_and_reads_back_cell_for_cell(collected: gpr_docx.CollectResult) -> None:
    draft = collected.out_dir / DRAFT_NAME
    parsed = gpr_docx.parse(draft)
    assert collected.rollup is not None
    assert cells_of(parsed.report) == cells_of(collected.rollup)
    assert parsed.report.year == 2024
    assert parsed.report.agency == "本级汇总"
    assert parsed.report.overview == gpr_docx.Overview()


def test_the_output_folder_holds_exactly_the_outputs(collected: gpr_docx.CollectResult) -> None:
    names = sorted(p.name for p in collected.out_dir.iterdir())
    assert names == sorted([STATUS_NAME, ROLLUP_DATA_NAME, DRAFT_NAME, SHEETS_FOLDER])
    assert sorted(p.name for p in collected.files) == sorted(set(names) - {SHEETS_FOLDER})
    sheets = sorted((collected.out_dir / SHEETS_FOLDER).iterdir())
    assert sheets == sorted(collected.sheets)
    assert not [p for p in sheets if p.name.startswith(".")]  # every staged sheet was named
    siblings = [p.name for p in collected.out_dir.parent.iterdir()]
    assert siblings == [collected.out_dir.name]  # the staging folder is gone


def _sheet_rows(path: Path, name: str) -> list[tuple[object, ...]]:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return [tuple(row) for row in book[name].iter_rows(values_only=True)]
    finally:
        book.close()


def test_the_status_sheet_has_one_row_per_unit(
    inbox: Inbox, collected: gpr_docx.CollectResult
) -> None:
    book = openpyxl.load_workbook(collected.out_dir / STATUS_NAME)
    sheet = book[UNITS_SHEET]
    assert sheet.freeze_panes == "C2"
    assert sheet.auto_filter.ref.startswith("A1:")
    assert sheet.conditional_formatting
    header, *rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    assert header[:4] == ("代码", "名称", "类别", "状态")
    assert [r[0] for r in rows] == [u.code for u in inbox.units]
    by_code = {r[0]: dict(zip(header, r, strict=True)) for r in rows}
    assert by_code["031"]["状态"] == "未报送"
    assert by_code[TWICE]["状态"] == "有错误"
    report = inbox.reports["001"]
    assert by_code["001"]["新收申请"] == report.applications.new_requests.total
    assert by_code["001"]["办结"] == report.applications.results.total.total
    disclosed = report.applications.results.disclosed.total
    done = report.applications.results.total.total
    assert by_code["001"]["予以公开率"] == pytest.approx(disclosed / done)


def test_the_findings_sheet_names_each_place_by_the_form(
    collected: gpr_docx.CollectResult,
) -> None:
    header, *rows = _sheet_rows(collected.out_dir / STATUS_NAME, FINDINGS_SHEET)
    assert header == ("单位代码", "单位名称", "文件", "规则", "严重程度", "位置", "说明")
    rules = {row[3] for row in rows}
    assert {"GPR610", "GPR613", "R-2"} <= rules
    assert any(row[3] == "GPR503" and row[0] == BROKEN for row in rows)  # a broken .docx
    r2 = next(row for row in rows if row[3] == "R-2")
    assert str(r2[5]).startswith("「一、总体情况")


def test_the_breakdown_traces_every_summed_cell_to_its_units(
    collected: gpr_docx.CollectResult,
) -> None:
    header, total, *units_rows = _sheet_rows(collected.out_dir / STATUS_NAME, BREAKDOWN_SHEET)
    assert header[4] == str(gpr_docx.form.cell_location(CELL_PATHS[0]))
    assert total[0] == "汇总"
    assert len(units_rows) == len(collected.included)
    for column in range(4, len(header)):
        summed: float = sum(float(str(row[column])) for row in units_rows)
        assert total[column] == pytest.approx(summed)


def test_an_existing_output_is_kept_unless_forced(inbox: Inbox, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    with pytest.raises(OutputExistsError):
        gpr_docx.collect(inbox.folder, inbox.registry, out, jobs=1)
    assert (out / "keep.txt").read_text() == "mine"
    result = gpr_docx.collect(inbox.folder, inbox.registry, out, jobs=1, force=True)
    assert not (out / "keep.txt").exists()
    assert (out / STATUS_NAME).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert result.out_dir == out


def test_include_counts_only_those_categories(inbox: Inbox, tmp_path: Path) -> None:
    result = gpr_docx.collect(
        inbox.folder, inbox.registry, tmp_path / "out", jobs=1, include=["乡镇街道"]
    )
    assert result.included
    assert all(u.category == "乡镇街道" for u in result.included)
    outside = next(u for u in result.units if u.unit.category == "部门")
    assert not outside.included and outside.excluded_because == ""
    with pytest.raises(RegistryError, match="没有类别「部委」"):
        gpr_docx.collect(inbox.folder, inbox.registry, tmp_path / "o2", include=["部委"])


def test_a_report_for_another_year_is_an_error_and_not_counted(tmp_path: Path) -> None:
    rows, registry, (folder,) = office(tmp_path, 3, "in")
    write(varied(1, rows[0].name), folder / f"{rows[0].code}.json")
    write(varied(2, rows[1].name), folder / f"{rows[1].code}.json")
    write(varied(3, rows[2].name, year=2023), folder / f"{rows[2].code}.json")
    result = gpr_docx.collect(folder, registry, tmp_path / "out", jobs=1)
    late = result.units[2]
    assert late.status is gpr_docx.UnitStatus.ERRORS
    assert [p.rule for p in late.problems] == ["GPR614"]
    assert not late.included
    assert len(result.included) == 2


def _with_last_year(
    folder: Path, registry: Path, out: Path, last_year: Path
) -> tuple[gpr_docx.CollectResult, dict[str, list[gpr_docx.Finding]]]:
    """A collect of ``folder`` against ``last_year``, and what reading and checking found in each
    unit's report."""
    findings: dict[str, list[gpr_docx.Finding]] = {}
    result = gpr_docx.collect(
        folder,
        registry,
        out,
        previous=last_year,
        jobs=1,
        on_result=lambda s: findings.setdefault(s.unit, []).extend(s.findings),
    )
    return result, findings


def test_previous_year_reports_run_the_cross_year_rules(tmp_path: Path) -> None:
    rows, registry, (this_year, last_year) = office(tmp_path, 2, "2024", "2023")
    for seed, row in enumerate(rows, start=1):
        report = varied(seed, row.name)
        write(report, this_year / f"{row.code}.json")
        # Last year's report carries forward other figures than this year's carry-over (T3-4);
        # the second unit's file has no code, so it is found by its agency.
        before = attrs.evolve(varied(seed + 50, row.name), year=2023)
        write(before, last_year / (f"{row.code}.json" if seed == 1 else "去年的.json"))
    result, findings = _with_last_year(this_year, registry, tmp_path / "out", last_year)
    assert all("T3-4" in {f.rule for f in found} for found in findings.values()), findings
    rows_of_sheet = _sheet_rows(result.out_dir / STATUS_NAME, FINDINGS_SHEET)
    assert {row[0] for row in rows_of_sheet if row[3] == "T3-4"} == {r.code for r in rows}


def test_the_summary_json_is_valid_gpr_data(collected: gpr_docx.CollectResult) -> None:
    data = json.loads((collected.out_dir / ROLLUP_DATA_NAME).read_text("utf-8"))
    assert data["schema"] == "gpr/2021"
    assert data["year"] == 2024


def test_an_empty_inbox_lists_every_unit_as_missing(tmp_path: Path) -> None:
    _rows, registry, (folder,) = office(tmp_path, 2, "in")
    result = gpr_docx.collect(folder, registry, tmp_path / "out", jobs=1)
    assert [u.status for u in result.units] == [gpr_docx.UnitStatus.MISSING] * 2
    assert result.year is None and result.rollup is None
    assert [p.name for p in result.files] == [STATUS_NAME]
    assert (tmp_path / "out" / STATUS_NAME).exists()


def test_each_report_read_has_a_review_sheet_with_its_check_findings(
    inbox: Inbox, collected: gpr_docx.CollectResult
) -> None:
    sheets = {p.name: p for p in collected.sheets}
    readable = [u for u in collected.units if u.files and u.status.value != "无法读取"]
    assert len(sheets) == sum(len(u.files) for u in readable)
    for outcome in readable:
        for number, source in enumerate(outcome.files, start=1):
            suffix = "" if number == 1 else f"-{number}"
            name = f"{outcome.unit.code}-{outcome.unit.name}-审核意见单{suffix}.docx"
            sheet = read_sheet(sheets[name].read_bytes())
            # What `gpr-docx check <file> --format json` lists for the file.
            given = gpr_docx.read(source)
            expected = sort_findings([*given.findings, *gpr_docx.check(given.report)])
            assert sorted((r.rule, r.message) for r in sheet.rows) == sorted(
                (f.rule, f.message) for f in expected
            ), name
            assert sheet.info["报告单位"] == given.report.agency


def test_a_dask_cluster_runs_the_per_unit_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Dask distributed client's executor drops in for the process pool (extra ``dask``)."""
    distributed = pytest.importorskip("distributed")
    # Worker processes must import this checkout's gpr_docx, as a real deployment installs it.
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    rows, registry, (folder,) = office(tmp_path, 4, "in")
    for seed, row in enumerate(rows[:3], start=1):
        write(varied(seed, row.name), folder / f"{row.code}.json")
    (folder / f"{rows[3].code}.docx").write_bytes(b"broken")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        result = gpr_docx.collect(
            folder, registry, tmp_path / "out", executor=client.get_executor()
        )
    assert [u.status.value for u in result.units] == ["已报送", "已报送", "已报送", "无法读取"]
    assert len(result.included) == 3
    assert len(result.sheets) == 3


def test_blank_cells_are_shown_per_unit_and_blank_in_the_sum_only_when_blank_everywhere(
    tmp_path: Path,
) -> None:
    rows, registry, (folder,) = office(tmp_path, 2, "in")
    everywhere, once = "active_disclosure.coercion", "active_disclosure.punishment"
    blanks = {rows[0].code: (everywhere,), rows[1].code: (everywhere, once)}
    for seed, row in enumerate(rows, start=1):
        report = attrs.evolve(varied(seed, row.name), unfilled=blanks[row.code])
        write(report, folder / f"{row.code}.json")
    result = gpr_docx.collect(folder, registry, tmp_path / "out", jobs=1)
    assert result.rollup is not None
    assert result.rollup.unfilled == (everywhere,)
    book = openpyxl.load_workbook(result.out_dir / STATUS_NAME)
    sheet = book[BREAKDOWN_SHEET]
    header = [c.value for c in sheet[1]]
    column = header.index(str(gpr_docx.form.cell_location(once))) + 1
    total, first, second = (sheet.cell(row, column) for row in (2, 3, 4))
    values = [cell.value for cell in (total, first, second)]
    assert all(isinstance(v, int) for v in values)
    assert values[0] == sum(v for v in values[1:] if isinstance(v, int))
    assert total.comment is None
    assert first.comment is None
    assert second.comment is not None and "空白" in second.comment.text
    assert (
        sheet.cell(2, header.index(str(gpr_docx.form.cell_location(everywhere))) + 1).value is None
    )
    units_sheet = book[UNITS_SHEET]
    notes = {c.value: c.comment for c in units_sheet[1]}
    assert notes["纠错率"] is not None and "尚未审结" in notes["纠错率"].text


PROFILE = """
name = "某区2024"

[rules.R-2]
severity = "error"

[[lengths]]
id = "P-LEN-1"
section = "overview"
max = 10
message = "总体情况原则上不超过十个字"
"""


def test_a_rule_profile_checks_every_unit_and_the_rollup(tmp_path: Path) -> None:
    rows, registry, (folder,) = office(tmp_path, 2, "in")
    for seed, row in enumerate(rows, start=1):
        write(varied(seed, row.name), folder / f"{row.code}.json")
    profile = tmp_path / "某区.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    findings: dict[str, list[gpr_docx.Finding]] = {}
    result = gpr_docx.collect(
        folder,
        registry,
        tmp_path / "out",
        jobs=1,
        profile=profile,
        on_result=lambda s: findings.update({s.source: list(s.findings)}),
    )
    for source, found in findings.items():
        report = gpr_docx.read(source).report
        assert found == gpr_docx.check(report, profile=gpr_docx.load_profile(profile))
        assert "P-LEN-1" in {f.rule for f in found}
    assert [u.status for u in result.units] == [gpr_docx.UnitStatus.ERRORS] * 2
    assert len(result.included) == 2  # a unit with errors is still counted
    with pytest.raises(gpr_docx.InputNotFoundError):
        gpr_docx.collect(folder, registry, tmp_path / "o2", profile="no-such-profile")
    assert not (tmp_path / "o2").exists()


@needs_similarity
def test_a_narrative_copied_with_the_name_swapped_is_the_one_lei_tong_pair(
    collected: gpr_docx.CollectResult,
) -> None:
    (pair,) = collected.similar  # the example texts every unit shares are the template, not 雷同
    assert (pair.left, pair.right, pair.cross_year) == (COPIED, COPIER, False)
    assert pair.share > 0.9
    assert pair.passages and len(pair.passages[0].text) > 50
    header, *rows = _sheet_rows(collected.out_dir / STATUS_NAME, SIMILAR_SHEET)
    assert header[:5] == ("单位代码", "单位名称", "对方代码", "对方名称", "比较")
    ((left, left_name, right, _, kind, share, *_rest, passages),) = rows
    assert (left, right, kind) == (COPIED, COPIER, "单位之间")
    assert left_name == _outcome(collected, COPIED).unit.name
    assert share == pytest.approx(pair.share)
    assert pair.passages[0].text in str(passages)
    units_rows = _sheet_rows(collected.out_dir / STATUS_NAME, UNITS_SHEET)
    column = units_rows[0].index("雷同")
    counts = {row[0]: row[column] for row in units_rows[1:]}
    assert counts[COPIED] == counts[COPIER] == 1
    assert counts["001"] == 0 and counts["031"] is None


@needs_similarity
def test_a_unit_that_copied_its_own_last_year(tmp_path: Path) -> None:
    rows, registry, (this_year, last_year) = office(tmp_path, 6, "2024", "2023")
    for seed, row in enumerate(rows, start=1):
        write(varied(seed, row.name), this_year / f"{row.code}.json")
        before = varied(seed if seed == 1 else seed + 50, row.name, year=2023)
        write(before, last_year / f"{row.code}.json")
    result = gpr_docx.collect(this_year, registry, tmp_path / "out", previous=last_year, jobs=1)
    (pair,) = result.similar
    assert (pair.left, pair.right, pair.cross_year) == (rows[0].code, rows[0].code, True)
    _header, *sheet_rows = _sheet_rows(result.out_dir / STATUS_NAME, SIMILAR_SHEET)
    assert [row[4] for row in sheet_rows] == ["本单位上年报告"]


def test_the_draft_tables_are_the_official_grid_holding_the_sums(
    collected: gpr_docx.CollectResult,
) -> None:
    """The fidelity test of the renderer, on the draft: every table cell for cell, merges and all."""
    draft = (collected.out_dir / DRAFT_NAME).read_bytes()
    values = json.loads((collected.out_dir / ROLLUP_DATA_NAME).read_text("utf-8"))
    found = tables(draft)
    assert len(found) == len(TABLE_KEYS)
    for key, table in zip(TABLE_KEYS, found, strict=True):
        assert sorted(table_signature(table)) == expected_signature(key, values), key
    text = "".join(str(piece) for piece in document_xml(draft).itertext())
    for heading in SECTION_HEADINGS:
        assert heading in text


def test_web_pages_are_read_and_matched_like_any_report(tmp_path: Path) -> None:
    pages = ROOT / "tests" / "data" / "foreign" / "html"
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(pages / "lo-dasheng-2024.html", folder / "大盛镇年报.html")
    shutil.copy(pages / "lo-example-district-2024.html", folder / "区政府.htm")
    district = gpr_docx.examples.load("example-district-2024").agency
    registry = tmp_path / "units.csv"
    registry.write_text(
        f"代码,名称,别名\n101,渝北区大盛镇人民政府,\n001,{district},\n", encoding="utf-8"
    )
    result = gpr_docx.collect(folder, registry, tmp_path / "out", jobs=1)
    assert [u.status.value for u in result.units] == ["通过", "通过"]
    assert result.units[0].how == "报告机关名称（去掉地区前缀）"
    assert result.units[1].how == "报告机关名称"
    assert len(result.sheets) == 2


def test_the_output_may_never_be_an_input_or_hold_one(inbox: Inbox, tmp_path: Path) -> None:
    before = sorted(inbox.folder.iterdir())
    for out in (inbox.folder, inbox.folder.parent):
        with pytest.raises(gpr_docx.OutputError, match="不能是输入"):
            gpr_docx.collect(inbox.folder, inbox.registry, out, force=True)
    assert sorted(inbox.folder.iterdir()) == before
    assert inbox.registry.exists()


def test_an_unreadable_last_year_report_is_a_warning_and_no_cross_year_check(
    tmp_path: Path,
) -> None:
    rows, registry, (this_year, last_year) = office(tmp_path, 1, "2024", "2023")
    write(varied(1, rows[0].name), this_year / f"{rows[0].code}.json")
    (last_year / f"{rows[0].code}.docx").write_bytes(b"not a document")
    result, by_unit = _with_last_year(this_year, registry, tmp_path / "out", last_year)
    findings = by_unit[rows[0].code]
    (warning,) = [f for f in findings if f.rule == "GPR616"]
    assert warning.severity is gpr_docx.Severity.WARNING
    assert not [f for f in findings if f.rule in ("T3-4", "T2-2", "R-5")]
    assert result.units[0].status is gpr_docx.UnitStatus.SUBMITTED

"""Reading a workbook back: by labels, after an office's edits, every problem at its cell, bad
files refused with their own codes within seconds."""

from __future__ import annotations

import datetime
import io
import time
import zipfile
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gpr_docx
from gpr_docx import (
    BrokenWorkbookError,
    EncryptedWorkbookError,
    InputTooLargeError,
    LegacyWorkbookError,
    NotAReportError,
    NotWorkbookError,
    Report,
    SchemaError,
    UnsafeXmlError,
    WorkbookLimitError,
    check,
    examples,
    render,
    workbook,
)
from gpr_docx.form import CELL_PATHS, cell_location
from gpr_docx.model import LEVELS
from gpr_docx.workbook.read import read_workbook
from tests.helpers import EXAMPLE_NAMES
from tests.helpers.docx_signature import table_signature, tables
from tests.helpers.official import TABLE_KEYS, example_data, expected_signature
from tests.helpers.strategies import reports, texts
from tests.helpers.workbooks import (
    EXPLANATIONS_SHEET,
    anchor,
    data_cells,
    explanation_rows,
    insert_column,
    load,
    save,
    stated,
    text_cells,
    value_at,
)


def _read(data: bytes, tmp_path: Path, name: str = "r.xlsx") -> Report:
    path = tmp_path / name
    path.write_bytes(data)
    return gpr_docx.load(path)


def _totals(path: str) -> bool:
    return path.endswith(".total") or ".results.total." in path


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_a_written_workbook_reads_back_as_the_report(name: str, tmp_path: Path) -> None:
    report = examples.load(name)
    assert _read(workbook(report), tmp_path) == report
    path = tmp_path / "r.xlsx"
    assert gpr_docx.read(path).report == report


@pytest.mark.parametrize("fee", ["8415.81", "0.1", "123456.123456", "99999999.99"])
def test_a_fee_reads_back_as_written_not_as_its_double(fee: str, tmp_path: Path) -> None:
    # openpyxl writes 8415.81 as 8415.809999999999; a spreadsheet shows 15 significant digits.
    report = gpr_docx.examples.load("dasheng-2024")
    report = attrs.evolve(
        report, active_disclosure=attrs.evolve(report.active_disclosure, fees=Decimal(fee))
    )
    path = tmp_path / "fee.xlsx"
    path.write_bytes(gpr_docx.workbook(report))
    assert gpr_docx.load(path).active_disclosure.fees == Decimal(fee)


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_a_blank_workbook_filled_by_labels_renders_the_example(name: str, tmp_path: Path) -> None:
    """The clerk's way: a blank workbook, the inputs typed (found by labels), the texts, render."""
    report = examples.load(name)
    values = example_data(name)
    book = load(workbook(agency=report.agency, year=report.year))
    for path, cell in data_cells(book):
        if not _totals(path):
            cell.value = value_at(values, path)
    texts = next(s for s in book.worksheets if s.title == "基本信息和正文")
    by_label = {row[0].value: row[1] for row in texts.iter_rows() if row[0].value}
    for label, path in (
        ("前言", "preface"),
        ("一、总体情况 · 主动公开", "overview.active_disclosure"),
        ("一、总体情况 · 依申请公开", "overview.on_request"),
        ("一、总体情况 · 政府信息管理", "overview.management"),
        ("一、总体情况 · 政府信息公开平台建设", "overview.platforms"),
        ("一、总体情况 · 监督保障", "overview.oversight"),
        ("五、存在的主要问题及改进情况 · （一）存在的主要问题", "problems"),
        ("五、存在的主要问题及改进情况 · （二）改进情况", "improvements"),
        ("六、其他需要报告的事项", "other_matters"),
    ):
        by_label[label].value = value_at(values, path) or None
    if report.title:
        by_label["标题"].value = report.title
    read = _read(save(book), tmp_path)
    assert read == report
    document = render(read)
    assert document == render(report)
    for key, tbl in zip(TABLE_KEYS, tables(document), strict=True):
        assert sorted(table_signature(tbl)) == expected_signature(key, values), key


def test_an_office_edited_workbook_still_reads(district: Report, tmp_path: Path) -> None:
    """Column inserted, note row added below a table, sheet renamed, numbers as text, full-width
    digits, a trailing space, a total typed over its formula."""
    book = load(workbook(district))
    sheet, _, left = anchor(book, "applications")
    cells = dict(data_cells(book))
    cells["applications.new_requests.natural_person"].value = "412"
    cells["applications.carried_over.natural_person"].value = "２８"
    cells["applications.results.disclosed.natural_person"].value = "160 "
    cells["applications.new_requests.total"].value = district.applications.new_requests.total
    sheet.title = "依申请公开"
    insert_column(sheet, left + 4)  # between 自然人 and 法人或其他组织
    last = max(row for row in range(1, sheet.max_row + 1) if sheet.cell(row, left).value)
    sheet.cell(last + 1, left, "注：本表由办公室填写")
    sheet.cell(last + 2, left, "小计")
    sheet.cell(last + 2, left + 3, 7)
    anchor(book, "review_litigation")[0].title = "复议诉讼"
    assert _read(save(book), tmp_path) == district


def test_a_table_moved_to_another_sheet_reads(district: Report, tmp_path: Path) -> None:
    book = load(workbook(district))
    four, top, _ = anchor(book, "review_litigation")
    three = anchor(book, "applications")[0]
    offset = three.max_row + 3
    for row in four.iter_rows(min_row=top, max_row=top + 3):
        for cell in row:
            if cell.value is not None:
                three.cell(offset + cell.row - top, cell.column, cell.value)
    for merged in four.merged_cells.ranges:
        three.merge_cells(
            start_row=offset + merged.min_row - top,
            start_column=merged.min_col,
            end_row=offset + merged.max_row - top,
            end_column=merged.max_col,
        )
    book.remove(four)
    assert _read(save(book), tmp_path) == district


def test_a_total_typed_over_its_formula_is_a_given_total_and_checked(
    district: Report, tmp_path: Path
) -> None:
    book = load(workbook(district))
    cells = dict(data_cells(book))
    cells["review_litigation.review.total"].value = 99
    read = _read(save(book), tmp_path)
    assert read.review_litigation.review.total == 99
    assert any(f.location.path == "review_litigation.review.total" for f in check(read))


def test_formulas_without_results_are_computed_not_read_as_zero(
    district: Report, tmp_path: Path
) -> None:
    """openpyxl writes no results: every total is computed from its cells."""
    book = load(workbook(district))
    assert all(str(cell.value).startswith("=") for path, cell in data_cells(book) if _totals(path))
    cells = dict(data_cells(book))
    cells["applications.results.disclosed.natural_person"].value = 161
    cells["applications.carried_forward.natural_person"].value = 23
    read = _read(save(book), tmp_path)
    assert read.applications.results.total.natural_person == 417
    assert read.applications.results.total.total == 455


def test_unreadable_cells_fail_with_their_address_and_label(
    district: Report, tmp_path: Path
) -> None:
    book = load(workbook(district))
    cells = dict(data_cells(book))
    target = cells["applications.new_requests.natural_person"]
    target.value = "十二"
    cells["active_disclosure.fees"].value = "1.23456789"
    cells["review_litigation.review.upheld"].value = "/"
    with pytest.raises(SchemaError) as info:
        _read(save(book), tmp_path)
    faults = {f.path: f for f in info.value.faults}
    fault = faults["$.applications.new_requests.natural_person"]
    assert f"{target.parent.title}!{target.coordinate}" in fault.message
    assert fault.label == "表三「一、本年新收政府信息公开申请数量」行「自然人」列"
    assert fault.code == "V-1"
    assert faults["$.active_disclosure.fees"].code == "V-2"
    assert "没有的请填 0" in faults["$.review_litigation.review.upheld"].message


def test_a_label_an_office_changed_is_named(district: Report, tmp_path: Path) -> None:
    book = load(workbook(district))
    sheet = anchor(book, "applications")[0]
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == "四、结转下年度继续办理":
                cell.value = "备注"
    with pytest.raises(SchemaError) as info:
        _read(save(book), tmp_path)
    paths = {f.path for f in info.value.faults}
    assert "$.applications.carried_forward.natural_person" in paths
    assert all(f.code == "GPR112" for f in info.value.faults)


def test_a_workbook_without_the_form_is_not_a_report(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active["A1"] = "别的表格"  # type: ignore[index]
    with pytest.raises(NotAReportError):
        _read(save(book), tmp_path)


def _timed(action: object) -> None:
    start = time.monotonic()
    try:
        action()  # type: ignore[operator]
    finally:
        assert time.monotonic() - start < 5


def test_bad_files_each_have_their_own_code(tmp_path: Path) -> None:
    cfb = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    cases: list[tuple[str, bytes, type[gpr_docx.GprError]]] = [
        (
            "encrypted.xlsx",
            cfb + "EncryptionInfo".encode("utf-16-le") + b"\0" * 64,
            EncryptedWorkbookError,
        ),
        ("old.xls", cfb + b"Workbook" + b"\0" * 64, LegacyWorkbookError),
        ("table.xlsx", "机关,年度\n某镇,2024\n".encode(), NotWorkbookError),
        ("truncated.xlsx", workbook()[:4000], BrokenWorkbookError),
    ]
    codes = set()
    for name, data, error in cases:
        with pytest.raises(error) as info:
            _timed(lambda d=data, n=name: _read(d, tmp_path, n))
        codes.add(info.value.code)
        assert str(tmp_path / name) in str(info.value)
    assert len(codes) == len(cases)


def test_a_100_mb_workbook_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.xlsx"
    with path.open("wb") as handle:
        handle.write(b"PK")
        handle.truncate(100 * 1024 * 1024)
    with pytest.raises(InputTooLargeError, match=r"100\.0 MB") as info:
        _timed(lambda: gpr_docx.load(path))
    assert info.value.code == "GPR104"


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    source = zipfile.ZipFile(io.BytesIO(workbook()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("xl/media/zeros.bin", bytes(16 * 1024 * 1024))
    with pytest.raises(WorkbookLimitError, match="压缩炸弹") as info:
        _timed(lambda: _read(buffer.getvalue(), tmp_path))
    assert info.value.code == "GPR125"


def test_a_doctype_in_a_sheet_is_refused(tmp_path: Path) -> None:
    source = zipfile.ZipFile(io.BytesIO(workbook()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet3"):
                data = data.replace(b"<worksheet", b'<!DOCTYPE x [<!ENTITY a "a">]><worksheet', 1)
            target.writestr(item, data)
    with pytest.raises(UnsafeXmlError):
        _read(buffer.getvalue(), tmp_path)


def test_data_load_points_to_the_workbook_reader(tmp_path: Path) -> None:
    from gpr_docx import UnsupportedFormatError, data

    path = tmp_path / "r.xlsx"
    path.write_bytes(workbook())
    with pytest.raises(UnsupportedFormatError, match=r"gpr_docx\.load"):
        data.load(path)


def test_inputs_read_passes_limits(tmp_path: Path, district: Report) -> None:
    path = tmp_path / "r.xlsx"
    path.write_bytes(workbook(district))
    with pytest.raises(InputTooLargeError):
        gpr_docx.read(path, limits=gpr_docx.Limits(file_size=1000))
    assert path.stat().st_size > 1000
    assert attrs.has(type(gpr_docx.read(path).report))


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_the_statements_and_explanations_read_back(name: str, tmp_path: Path) -> None:
    report = stated(examples.load(name))
    assert _read(workbook(report), tmp_path) == report


_days = st.none() | st.dates(min_value=datetime.date(1900, 3, 1))


@st.composite
def _stated_reports(draw: st.DrawFn) -> Report:
    """Any report, stating any of the optional keys (or none)."""
    return attrs.evolve(
        draw(reports()),
        level=draw(st.none() | st.sampled_from(LEVELS)),
        has_rule_making_power=draw(st.none() | st.booleans()),
        published_on=draw(_days),
        filed_on=draw(_days),
        explanations=draw(st.dictionaries(st.sampled_from(CELL_PATHS), texts, max_size=4)),
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_stated_reports())
def test_any_report_survives_the_workbook(report: Report) -> None:
    """report → workbook → read is the same report, the optional keys included."""
    assert read_workbook(workbook(report)) == report


def test_what_a_clerk_types_reads(district: Report, tmp_path: Path) -> None:
    """Dates typed as text (ISO, 年月日 in digits or in Chinese), 是 chosen, a cell named with
    half-width brackets or by its data path: all read as the model's values."""
    book = load(workbook(district))
    cells = text_cells(book)
    cells["机关层级"].value = "部门"
    cells["有规章制定权"].value = "是"
    cells["公开发布日期"].value = "2025年1月20日"
    cells["报送日期"].value = "二〇二五年一月十日"
    rows = explanation_rows(book)
    rows[0][0].value = str(cell_location("active_disclosure.regulations.in_force"))
    rows[0][1].value = " 规章清理 "
    rows[3][0].value = "表二「行政规范性文件」行「现行有效件数」列".replace("「", '"').replace(
        "」", '"'
    )
    rows[3][1].value = "文件清理"
    rows[5][0].value = "applications.carried_forward.total"
    rows[5][1].value = "核实"
    read = _read(save(book), tmp_path)
    assert read.level == "部门"
    assert read.has_rule_making_power is True
    assert (read.published_on, read.filed_on) == (
        datetime.date(2025, 1, 20),
        datetime.date(2025, 1, 10),
    )
    assert read.explanations == {
        "active_disclosure.regulations.in_force": "规章清理",
        "active_disclosure.normative_documents.in_force": "文件清理",
        "applications.carried_forward.total": "核实",
    }
    cells["公开发布日期"].value = "2025-01-21"
    assert _read(save(book), tmp_path).published_on == datetime.date(2025, 1, 21)


def test_an_explained_cell_quiets_its_cross_year_finding(district: Report, tmp_path: Path) -> None:
    """The reason given in the workbook reaches the checks: the finding at that cell is an info."""
    path = "active_disclosure.normative_documents.in_force"
    last_year = attrs.evolve(
        district,
        year=district.year - 1,
        active_disclosure=attrs.evolve(
            district.active_disclosure,
            normative_documents=attrs.evolve(
                district.active_disclosure.normative_documents, in_force=500
            ),
        ),
    )
    book = load(workbook(district))
    before = check(_read(save(book), tmp_path), previous=last_year)
    flagged = [f for f in before if f.location.path == path]
    assert flagged
    assert any(f.severity.name != "INFO" for f in flagged)
    name, reason = explanation_rows(book)[0]
    name.value = str(cell_location(path))
    reason.value = "2024年开展文件清理，现行有效件数重新统计"
    after = check(_read(save(book), tmp_path), previous=last_year)
    assert all(f.severity.name == "INFO" for f in after if f.location.path == path)
    assert any("文件清理" in f.message for f in after if f.location.path == path)


_STATEMENTS = ("机关层级", "有规章制定权", "公开发布日期", "报送日期")


def test_an_old_workbook_without_the_new_rows_still_reads(district: Report, tmp_path: Path) -> None:
    """A workbook made before the statements and the explanations: nothing stated, no fault."""
    book = load(workbook(district))
    sheet = book["基本信息和正文"]
    cells = text_cells(book)
    for row in sorted((cells[label].row for label in _STATEMENTS), reverse=True):
        sheet.delete_rows(row)
    book.remove(book[EXPLANATIONS_SHEET])
    book.remove(book["单元格名称"])
    assert _read(save(book), tmp_path) == district


def test_bad_statements_fail_at_their_cell_and_label(district: Report, tmp_path: Path) -> None:
    book = load(workbook(district))
    cells = text_cells(book)
    cells["机关层级"].value = "区级"
    cells["有规章制定权"].value = "有"
    cells["公开发布日期"].value = "下周一"
    cells["报送日期"].value = datetime.datetime(2025, 1, 10, 9, 30)
    with pytest.raises(SchemaError) as info:
        _read(save(book), tmp_path)
    faults = {f.path: f for f in info.value.faults}
    assert set(faults) == {"$.level", "$.has_rule_making_power", "$.published_on", "$.filed_on"}
    for path, label, code in (
        ("level", "机关层级", "GPR115"),
        ("has_rule_making_power", "有规章制定权", "GPR113"),
        ("published_on", "公开发布日期", "GPR115"),
        ("filed_on", "报送日期", "GPR115"),
    ):
        fault = faults[f"$.{path}"]
        assert fault.code == code, path
        assert fault.label == f"「{label}」", path
        assert f"基本信息和正文!{cells[label].coordinate}" in fault.message, path
    assert "省级、市级、县级、乡级、部门" in faults["$.level"].message
    assert "「是」或「否」" in faults["$.has_rule_making_power"].message
    assert "不含时刻" in faults["$.filed_on"].message
    assert "GPR110" in str(info.value)


def test_bad_explanations_fail_at_their_cell(district: Report, tmp_path: Path) -> None:
    book = load(workbook(district))
    rows = explanation_rows(book)
    in_force = str(cell_location("active_disclosure.regulations.in_force"))
    rows[0][0].value = in_force.replace("现行有效件数", "现行有效件")  # a misspelt name
    rows[0][1].value = "清理"
    rows[1][1].value = "只写了原因"
    rows[2][0].value = str(cell_location("active_disclosure.fees"))
    rows[3][0].value = in_force
    rows[3][1].value = "第一个原因"
    rows[4][0].value = in_force
    rows[4][1].value = "另一个原因"
    with pytest.raises(SchemaError) as info:
        _read(save(book), tmp_path)
    faults = info.value.faults
    assert all(f.label == "「跨年度差异说明」" for f in faults)
    by_cell = {f.message.rsplit("单元格 ", 1)[1]: f for f in faults}
    sheet = EXPLANATIONS_SHEET
    misspelt = by_cell[f"{sheet}!{rows[0][0].coordinate}）"]
    assert misspelt.code == "GPR115"
    assert f"是否应为「{in_force}」" in misspelt.message
    assert by_cell[f"{sheet}!{rows[1][1].coordinate}）"].code == "GPR112"
    assert by_cell[f"{sheet}!{rows[2][1].coordinate}）"].code == "GPR112"
    twice = by_cell[f"{sheet}!{rows[3][1].coordinate}、{sheet}!{rows[4][1].coordinate}）"]
    assert twice.code == "GPR511"
    assert len(faults) == 4


def test_dates_of_a_1904_workbook(district: Report, tmp_path: Path) -> None:
    """A workbook counting days from 1904 (old Mac Excel) names the same day."""
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    book = load(workbook(district))
    book.epoch = CALENDAR_MAC_1904
    text_cells(book)["公开发布日期"].value = datetime.date(2025, 1, 20)
    data = save(book)
    assert b'date1904="1"' in zipfile.ZipFile(io.BytesIO(data)).read("xl/workbook.xml")
    assert _read(data, tmp_path).published_on == datetime.date(2025, 1, 20)


def test_a_fee_reads_back_as_typed_not_as_its_binary_double(district: Report) -> None:
    """openpyxl writes 83.21 as 83.20999999999999; a spreadsheet keeps 15 digits, so it is 83.21."""
    for fee in ("83.21", "0.1", "123456.123456"):
        report = attrs.evolve(
            district,
            active_disclosure=attrs.evolve(district.active_disclosure, fees=Decimal(fee)),
        )
        assert read_workbook(workbook(report)) == report

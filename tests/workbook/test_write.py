"""The workbook looks like the official form: the golden grid's labels and merges, live totals,
validation, protection, checks, texts, a cover and A4 print setup."""

from __future__ import annotations

import datetime

import attrs
import pytest
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from gpr_docx import RenderError, Report, examples, workbook
from gpr_docx.form import CELL_PATHS, cell_location
from gpr_docx.model import APPLICANT_COLUMNS, LEVELS
from gpr_docx.schema import SCHEMA
from gpr_docx.workbook.layout import CHECK_HEADER, DATES, TEXTS, cell_names, path_of_name
from tests.helpers import EXAMPLE_NAMES
from tests.helpers.official import GRID, TABLE_KEYS, example_data
from tests.helpers.workbooks import (
    anchor,
    data_cells,
    explanation_rows,
    load,
    merges,
    stated,
    text_cells,
    value_at,
)


def _text_sheet(book: Workbook) -> Worksheet:
    return book["基本信息和正文"]


@pytest.mark.parametrize("key", TABLE_KEYS)
def test_labels_and_merges_are_the_official_grid(key: str) -> None:
    """Labels character for character, and the sheet's merges are exactly the form's."""
    book = load(workbook())
    sheet, top, left = anchor(book, key)
    for r, c, _, _, text in GRID[key]["labels"]:
        assert sheet.cell(top + r, left + c).value == text
    official = {
        (r, c, rs, cs)
        for r, c, rs, cs, _ in [*GRID[key]["labels"], *GRID[key]["data"]]
        if rs > 1 or cs > 1
    }
    assert merges(sheet, top, left) == official


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_inputs_hold_the_values_and_totals_are_live_sums(name: str) -> None:
    book = load(workbook(examples.load(name)))
    values = example_data(name)
    for path, cell in data_cells(book):
        if path.endswith(".total") or ".results.total." in path:
            assert str(cell.value).startswith("=SUM("), path
            assert cell.protection.locked, path
            assert cell.fill.fgColor.rgb.endswith("D9D9D9"), path
        else:
            expected = value_at(values, path)
            assert str(cell.value) == str(expected), path
            assert not cell.protection.locked, path


def test_a_given_total_that_is_not_the_sum_is_kept_as_a_number(district: Report) -> None:
    row = attrs.evolve(district.applications.new_requests, total=999)
    report = attrs.evolve(
        district, applications=attrs.evolve(district.applications, new_requests=row)
    )
    cells = dict(data_cells(load(workbook(report))))
    assert cells["applications.new_requests.total"].value == 999
    assert str(cells["applications.carried_over.total"].value).startswith("=SUM(")


def test_sheets_are_protected_without_a_password_and_labels_locked() -> None:
    book = load(workbook())
    for each in book.worksheets:
        assert each.protection.sheet, each.title
        assert not each.protection.password, each.title
    sheet, top, left = anchor(book, "applications")
    assert sheet.cell(top, left).protection.locked


def test_validation_speaks_chinese_and_covers_every_input() -> None:
    book = load(workbook())
    inputs = {
        (cell.parent.title, cell.coordinate)
        for path, cell in data_cells(book)
        if not (path.endswith(".total") or ".results.total." in path)
    }
    covered: set[tuple[str, str]] = set()
    kinds = set()
    for sheet in book.worksheets:
        assert isinstance(sheet, Worksheet)
        for rule in sheet.data_validations.dataValidation:
            kinds.add(rule.type)
            assert rule.showErrorMessage in (True, False)
            assert rule.prompt and any("\u4e00" <= ch <= "\u9fff" for ch in rule.prompt)
            if rule.type in ("whole", "custom"):
                assert rule.error
                assert "应为" in rule.error
            for cell_range in rule.sqref.ranges:
                for row in sheet.iter_rows(
                    min_row=cell_range.min_row,
                    max_row=cell_range.max_row,
                    min_col=cell_range.min_col,
                    max_col=cell_range.max_col,
                ):
                    covered.update((sheet.title, c.coordinate) for c in row)
    assert inputs <= covered
    assert {"whole", "custom"} <= kinds


def test_check_cells_have_conditional_formats_and_print_on_a4() -> None:
    book = load(workbook())
    for key in ("applications", "review_litigation"):
        sheet, top, _ = anchor(book, key)
        header = [c.value for c in sheet[top]]
        assert CHECK_HEADER in header
        assert len(sheet.conditional_formatting) >= 1
        assert sheet.print_title_rows
    for sheet in book.worksheets:
        assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4  # 9: A4
        assert sheet.page_setup.fitToWidth == 1
        setup = sheet.sheet_properties.pageSetUpPr
        assert setup is not None
        assert setup.fitToPage
        assert sheet.print_area


def test_texts_sheet_has_every_text_with_its_count(district: Report) -> None:
    sheet = _text_sheet(load(workbook(district)))
    rows = {row[0].value: row for row in sheet.iter_rows() if row[0].value}
    for item in TEXTS:
        assert item.label in rows
    assert rows["报告机关"][1].value == district.agency
    assert rows["报告年度"][1].value == district.year
    assert rows["六、其他需要报告的事项"][1].value == district.other_matters
    assert str(rows["前言"][2].value).startswith("=LEN(")
    assert not rows["前言"][1].protection.locked


def test_cover_says_how_and_the_format_edition() -> None:
    cover = load(workbook()).worksheets[0]
    text = "\n".join(str(c.value) for c in cover["A"] if c.value)
    assert SCHEMA in text
    assert "gpr-docx render" in text


def test_previous_year_fills_carry_over_and_documents_in_force(
    district: Report,
) -> None:
    book = load(workbook(previous=district))
    cells = dict(data_cells(book))
    forward = district.applications.carried_forward
    for name in APPLICANT_COLUMNS[:-1]:
        assert cells[f"applications.carried_over.{name}"].value == getattr(forward, name)
        assert cells[f"applications.new_requests.{name}"].value is None
    in_force = cells["active_disclosure.normative_documents.in_force"]
    assert in_force.value == district.active_disclosure.normative_documents.in_force
    row = [c.value for c in in_force.parent[in_force.row]]
    assert district.active_disclosure.normative_documents.in_force in row[in_force.column :]
    texts = {r[0].value: r[1].value for r in _text_sheet(book).iter_rows() if r[0].value}
    assert texts["报告年度"] == district.year + 1
    assert texts["报告机关"] == district.agency


def test_a_text_longer_than_a_cell_holds_is_refused(district: Report) -> None:
    report = attrs.evolve(district, preface="字" * 40_000)
    with pytest.raises(RenderError, match="32767"):
        workbook(report)


def _validation_of(cell: Cell) -> DataValidation:
    """The one data validation that covers ``cell``."""
    sheet = cell.parent
    assert isinstance(sheet, Worksheet)
    rules = [
        rule for rule in sheet.data_validations.dataValidation if cell.coordinate in rule.sqref
    ]
    assert len(rules) == 1, cell.coordinate
    rule: DataValidation = rules[0]
    return rule


def test_statements_have_dropdowns_and_real_dates(district: Report) -> None:
    """机关层级 and 有规章制定权 are chosen from lists (blank allowed), the dates are spreadsheet
    dates shown as yyyy-mm-dd."""
    cells = text_cells(load(workbook(stated(district))))
    level = _validation_of(cells["机关层级"])
    assert (level.type, level.formula1, level.allow_blank) == (
        "list",
        f'"{",".join(LEVELS)}"',
        True,
    )
    assert cells["机关层级"].value == "县级"
    flag = _validation_of(cells["有规章制定权"])
    assert (flag.type, flag.formula1, flag.allow_blank) == ("list", '"是,否"', True)
    assert cells["有规章制定权"].value == "否"
    for label, day in (("公开发布日期", "2025-01-20"), ("报送日期", "2025-01-10")):
        cell = cells[label]
        assert cell.value == datetime.datetime.fromisoformat(day)  # a date, not text
        assert cell.number_format == "yyyy-mm-dd"
        assert cell.data_type == "d"
        assert _validation_of(cell).type == "date"
        assert not cell.protection.locked
    assert [item.path for item in TEXTS if item.kind.value == "date"] == list(DATES)


def test_a_blank_workbook_states_nothing_and_next_year_keeps_level_and_power(
    district: Report,
) -> None:
    blank = text_cells(load(workbook()))
    for label in ("机关层级", "有规章制定权", "公开发布日期", "报送日期"):
        assert blank[label].value is None, label
    assert all(cell.value is None for pair in explanation_rows(load(workbook())) for cell in pair)
    following = text_cells(load(workbook(previous=stated(district))))
    assert following["机关层级"].value == "县级"
    assert following["有规章制定权"].value == "否"
    assert following["公开发布日期"].value is None  # the dates and reasons are the year's own
    assert following["报送日期"].value is None


def test_explanations_name_each_cell_as_the_checks_do(district: Report) -> None:
    """A row per reason: the cell's official name, from a dropdown over a hidden list of every
    cell's name (one per cell), and the reason."""
    book = load(workbook(stated(district)))
    rows = explanation_rows(book)
    written = {str(name.value): reason.value for name, reason in rows if name.value}
    assert written == {
        str(cell_location(path)): reason for path, reason in stated(district).explanations.items()
    }
    assert len(rows) >= 20
    rule = _validation_of(rows[-1][0])
    assert rule.type == "list"
    assert rule.showErrorMessage
    names_sheet, _, cells = str(rule.formula1).partition("!")
    listing = book[names_sheet.strip("'")]
    assert listing.sheet_state == "hidden"
    assert listing.protection.sheet
    listed = [c.value for row in listing[cells.replace("$", "")] for c in row]
    assert listed == [str(cell_location(path)) for path in CELL_PATHS] == list(cell_names())
    assert len(set(listed)) == len(CELL_PATHS)
    assert [path_of_name(name) for name in listed] == list(CELL_PATHS)


def test_a_reason_longer_than_a_cell_holds_is_refused(district: Report) -> None:
    report = attrs.evolve(district, explanations={"active_disclosure.fees": "字" * 40_000})
    with pytest.raises(RenderError, match="32767"):
        workbook(report)


def test_the_same_report_gives_the_same_bytes() -> None:
    """No moment of writing in the file: a hash of a workbook stands for its content."""
    import time

    report = examples.load("dasheng-2024")
    first = workbook(report)
    time.sleep(
        1.1
    )  # a zip entry's time has a resolution of two seconds; cross one boundary at least
    time.sleep(1.1)
    assert workbook(report) == first

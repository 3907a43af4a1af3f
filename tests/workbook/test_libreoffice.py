"""A real spreadsheet program computes the workbook's formulas: LibreOffice Calc, headless.

openpyxl stores no results, so Calc computes every formula on load; the file it saves back has them.
Its totals must be the model's, its check cells ✔ for the examples and a difference for a planted
error — the proof that the formulas are right outside this library — and the file Calc saves must
read back as the same report.
"""

from __future__ import annotations

from pathlib import Path

import gpr_docx
from gpr_docx import Report, workbook
from gpr_docx.form import field_value
from gpr_docx.workbook.layout import CHECK_HEADER
from tests.helpers.libreoffice import convert, unavailable
from tests.helpers.workbooks import anchor, data_cells, load, save, stated, text_cells

CALC = Path("/usr/lib/libreoffice/program/libsclo.so")
"""LibreOffice Calc's own library: soffice without it cannot open a workbook."""


def _recalculated(data: bytes, tmp_path: Path) -> bytes:
    if not CALC.exists():
        unavailable("LibreOffice Calc (apt-get install libreoffice-calc-nogui)")
    source = tmp_path / "in" / "book.xlsx"
    source.parent.mkdir()
    source.write_bytes(data)
    (saved,) = convert([source], "xlsx", tmp_path)
    return saved.read_bytes()


def _checks(book: object) -> list[object]:
    """Every check cell's shown value: the 核对 column of tables 三 and 四 and table 三's check row."""
    values: list[object] = []
    for key in ("applications", "review_litigation"):
        sheet, top, _ = anchor(book, key)  # type: ignore[arg-type]
        column = next(c.column for c in sheet[top] if c.value == CHECK_HEADER)
        values += [
            sheet.cell(row, column).value
            for row in range(top + 3, sheet.max_row + 1)
            if sheet.cell(row, column).value is not None
        ]
        if key == "applications":
            values += [c.value for c in sheet[sheet.max_row][3:] if c.value is not None]
    return values


def test_calc_computes_the_model_totals_and_the_checks_pass(
    example_report: Report, tmp_path: Path
) -> None:
    """…and keeps the statements (its dates as dates) and the explanations as they were written."""
    example_report = stated(example_report)
    saved = _recalculated(workbook(example_report), tmp_path)
    book = load(saved, data_only=True)
    assert text_cells(book)["公开发布日期"].is_date
    for path, cell in data_cells(book):
        assert cell.value == field_value(example_report, path) or (
            str(cell.value) == str(field_value(example_report, path))
        ), path
    checks = _checks(book)
    assert len(checks) == 25 + 1 + 7
    assert set(checks) == {"✔"}
    target = tmp_path / "calc.xlsx"
    target.write_bytes(saved)
    assert gpr_docx.load(target) == example_report


def test_calc_shows_the_difference_of_a_planted_error(district: Report, tmp_path: Path) -> None:
    book = load(workbook(district))
    cells = dict(data_cells(book))
    cells["applications.carried_forward.natural_person"].value = 30  # was 24: six too many
    cells["review_litigation.review.total"].value = 16  # typed over: one more than the outcomes
    recalculated = load(_recalculated(save(book), tmp_path), data_only=True)
    checks = _checks(recalculated)
    assert "相差 -6" in checks
    assert any(str(v).startswith("行政复议相差 1") for v in checks)
    assert checks.count("✔") == len(checks) - 3  # the column, 总计 of the row, table 四

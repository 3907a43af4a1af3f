"""The unit registry: CSV (UTF-8 or GB18030) or .xlsx, code as the key, every problem at its row."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from gpr_docx.collect.registry import MAX_REGISTRY_SIZE, Unit, load_registry
from gpr_docx.errors import InputNotFoundError, InputTooLargeError, RegistryError

CSV = """代码,名称,类别,上级,别名
001,某某区财政局,部门,某某区人民政府,区财政局；财政局;区财政、财政
002, 某某区 大盛镇人民政府 ,乡镇街道,,
"""


def test_a_csv_registry_with_aliases_in_every_separator(tmp_path: Path) -> None:
    path = tmp_path / "单位.csv"
    path.write_text(CSV, encoding="utf-8")
    registry = load_registry(path)
    assert list(registry) == [
        Unit(
            "001",
            "某某区财政局",
            "部门",
            "某某区人民政府",
            ("区财政局", "财政局", "区财政", "财政"),
        ),
        Unit("002", "某某区 大盛镇人民政府", "乡镇街道"),
    ]
    assert registry.get("００１") == registry.units[0]  # full-width digits fold
    assert registry.categories() == ["部门", "乡镇街道"]
    assert len(registry) == 2


def test_a_csv_saved_by_excel_on_chinese_windows(tmp_path: Path) -> None:
    path = tmp_path / "单位.csv"
    path.write_bytes(CSV.encode("gb18030"))
    assert load_registry(path).units[0].name == "某某区财政局"


def test_extra_columns_are_ignored_and_more_alias_columns_add_up(tmp_path: Path) -> None:
    path = tmp_path / "单位.csv"
    path.write_text("名称,联系人,代码,别名,别名2\n某某区教育局,张三,007,区教育局,教育局\n", "utf-8")
    (unit,) = load_registry(path)
    assert unit == Unit("007", "某某区教育局", aliases=("区教育局", "教育局"))


def test_an_xlsx_registry_reads_its_first_sheet(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["代码", "名称", "类别", "上级", "别名"])
    sheet.append([1, "某某区财政局", "部门", None, "区财政局"])
    sheet.append([None, None, None, None, None])
    sheet.append(["A2", "某某区教育局", "部门", None, None])
    path = tmp_path / "单位.xlsx"
    book.save(path)
    registry = load_registry(path)
    assert [u.code for u in registry] == ["1", "A2"]
    assert registry.get("a2") is not None
    assert registry.get("001") == registry.units[0]  # the number 1 of a spreadsheet is code 001
    assert registry.units[0].aliases == ("区财政局",)


@pytest.mark.parametrize(
    ("text", "message", "row"),
    [
        ("名称,别名\n某某区财政局,\n", "缺少「代码」列", ""),
        ("代码,名称\n001,某某区财政局\n001,某某区教育局\n", "与第 2 行重复", "第 3 行"),
        ("代码,名称\n001,某某区财政局\n1,某某区教育局\n", "与第 2 行重复", "第 3 行"),
        ("代码,名称\n001,某某区财政局\n,某某区教育局\n", "缺少单位代码", "第 3 行"),
        ("代码,名称\n001,\n", "缺少名称", "第 2 行"),
        ("\n\n", "是空的", ""),
    ],
)
def test_a_broken_registry_is_refused_at_its_row(
    tmp_path: Path, text: str, message: str, row: str
) -> None:
    path = tmp_path / "单位.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError, match=message) as caught:
        load_registry(path)
    assert caught.value.code == "GPR601"
    assert caught.value.place.startswith(str(path))
    assert row in caught.value.place


def test_what_is_not_a_registry(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match=r"\.csv 或 \.xlsx"):
        load_registry(tmp_path / "单位.docx")
    with pytest.raises(InputNotFoundError):
        load_registry(tmp_path / "none.csv")
    binary = tmp_path / "bin.csv"
    binary.write_bytes(b"\xff\xfe\x00\x00\x81")
    with pytest.raises(RegistryError):
        load_registry(binary)
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as handle:
        handle.truncate(MAX_REGISTRY_SIZE + 1)
    with pytest.raises(InputTooLargeError):
        load_registry(huge)

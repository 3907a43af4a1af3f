"""Reading and writing report files: TOML, YAML, JSON; clear errors for broken or missing files."""

from __future__ import annotations

from pathlib import Path

import pytest

from gpr_docx import Report, dump, dumps, load, loads
from gpr_docx.errors import (
    InputNotFoundError,
    InputSyntaxError,
    OutputExistsError,
    UnsupportedFormatError,
)


@pytest.mark.parametrize("suffix", [".toml", ".yaml", ".yml", ".json"])
def test_every_format_round_trips(example_report: Report, suffix: str, tmp_path: Path) -> None:
    path = tmp_path / f"report{suffix}"
    dump(example_report, path)
    assert load(path) == example_report
    assert loads(dumps(example_report, suffix), suffix) == example_report


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError) as info:
        load(tmp_path / "nope.toml")
    assert str(info.value).startswith("GPR101 ")


def test_unsupported_suffix(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("x", "utf-8")
    with pytest.raises(UnsupportedFormatError, match="GPR102") as raised:
        load(path)
    assert "parse" not in str(raised.value)


def test_a_word_report_points_to_parse(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(b"PK")
    with pytest.raises(UnsupportedFormatError, match=r"gpr_docx\.parse"):
        load(path)


@pytest.mark.parametrize(
    ("suffix", "text"),
    [
        (".toml", 'year = 2024\nagency = "未闭合'),
        (".json", '{"year": 2024,'),
        (".yaml", "a: [1, 2"),
    ],
)
def test_broken_syntax_names_the_file(tmp_path: Path, suffix: str, text: str) -> None:
    path = tmp_path / f"broken{suffix}"
    path.write_text(text, "utf-8")
    with pytest.raises(InputSyntaxError) as info:
        load(path)
    assert info.value.place == str(path)
    assert info.value.code == "GPR103"


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "gbk.toml"
    path.write_bytes("year = 2024 # 年".encode("gbk"))
    with pytest.raises(InputSyntaxError, match="UTF-8"):
        load(path)


def test_dump_does_not_overwrite_unless_forced(dasheng: Report, tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    dump(dasheng, path)
    with pytest.raises(OutputExistsError):
        dump(dasheng, path)
    dump(dasheng, path, force=True)
    assert load(path) == dasheng


@pytest.mark.parametrize(
    ("suffix", "text", "where"),
    [
        (".json", '{"year": 2024, "agency": "甲", "year": 2023}', ""),
        (".yaml", "year: 2024\nagency: 甲\nyear: 2023\n", "第 3 行第 1 列"),
        (
            ".yaml",
            "applications:\n  carried_over: [1, 2, 3, 4, 5, 6]\n  carried_over: 0\n",
            "第 3 行",
        ),
        (".toml", 'year = 2024\nagency = "甲"\nyear = 2023\n', ""),
    ],
)
def test_a_key_given_twice_is_an_error(tmp_path: Path, suffix: str, text: str, where: str) -> None:
    """The last of two values must not silently win: the file is refused, naming the key."""
    path = tmp_path / f"report{suffix}"
    path.write_text(text, "utf-8")
    with pytest.raises(InputSyntaxError, match="GPR103") as raised:
        load(path)
    message = str(raised.value)
    assert "year" in message or "carried_over" in message
    assert where in message
    assert "unicode string" not in message  # PyYAML's own source excerpt is left out


def test_a_byte_order_mark_is_accepted(example_report: Report, tmp_path: Path) -> None:
    """Windows editors save UTF-8 with a BOM."""
    path = tmp_path / "report.json"
    path.write_bytes(b"\xef\xbb\xbf" + dumps(example_report, ".json"))
    assert load(path) == example_report

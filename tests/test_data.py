"""Reading and writing report files: TOML, YAML, JSON; clear errors for broken or missing files."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest
import tomli_w
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from gpr_docx import GprError, Report, SchemaError, dump, dumps, examples, load, loads
from gpr_docx.data import MAX_FILE_SIZE
from gpr_docx.errors import (
    InputNotFoundError,
    InputSyntaxError,
    InputTooLargeError,
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


# -- hostile and careless data files -------------------------------------------------------------


def _faults(text: str, suffix: str) -> list[tuple[str, str]]:
    with pytest.raises(SchemaError) as info:
        loads(text, suffix)
    return [(fault.code, fault.path) for fault in info.value.faults]


def test_yaml_aliases_are_refused_before_they_expand(dasheng: Report) -> None:
    """Nine levels of aliases would expand a few hundred bytes into gigabytes of text."""
    lines = ['a0: &a0 "啊啊啊啊啊啊啊啊啊啊"']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    lines.append("other_matters: *a9")
    started = time.monotonic()
    with pytest.raises(InputSyntaxError, match=r"GPR103.*别名"):
        loads("\n".join(lines), ".yaml")
    assert time.monotonic() - started < 2


@pytest.mark.parametrize("suffix", [".json", ".yaml", ".toml"])
def test_nesting_without_end_is_a_syntax_error(suffix: str) -> None:
    depth = 100_000
    text = {
        ".json": "[" * depth + "]" * depth,
        ".yaml": "a: " + "[" * depth + "]" * depth,
        ".toml": "a = " + "[" * depth + "]" * depth,
    }[suffix]
    with pytest.raises(InputSyntaxError, match=r"GPR103.*嵌套层数过多"):
        loads(text, suffix)


@pytest.mark.parametrize("written", ["1:57", "0x75", "0o17", "0b11", "1_000", "yes", "1e3"])
@pytest.mark.parametrize("suffix", [".yaml", ".toml"])
def test_counts_are_plain_decimal_digits(dasheng: Report, written: str, suffix: str) -> None:
    """YAML 1.1 reads 1:57 and 0x75 as 117, TOML 0x75; the data format takes decimal digits only."""
    sep = ": " if suffix == ".yaml" else " = "
    text = re.sub(
        r"licensing\s*[:=] .*", f"licensing{sep}{written}", dumps(dasheng, suffix).decode()
    )
    if suffix == ".toml" and written in ("1:57", "yes", "1e3"):
        return  # not TOML at all, or a float: refused as a syntax error or a float elsewhere
    assert _faults(text, suffix) == [("V-1", "$.active_disclosure.licensing")]


@pytest.mark.parametrize("fee", ['"1e999999999"', '"1e999999"', "1e300", '"1E3"', "1000000000000"])
def test_absurd_fees_are_refused(dasheng: Report, fee: str) -> None:
    text = re.sub(r'"fees": "[^"]*"', f'"fees": {fee}', dumps(dasheng, ".json").decode())
    assert _faults(text, ".json") == [("V-2", "$.active_disclosure.fees")]


@pytest.mark.parametrize(("fee", "kept"), [('"-0"', "0"), ('"-0.00"', "0.00"), ("-0.0", "0.0")])
def test_a_negative_zero_fee_is_zero(dasheng: Report, fee: str, kept: str) -> None:
    text = re.sub(r'"fees": "[^"]*"', f'"fees": {fee}', dumps(dasheng, ".json").decode())
    assert f"{loads(text, '.json').active_disclosure.fees:f}" == kept


def test_a_huge_text_is_quoted_in_a_few_characters(dasheng: Report) -> None:
    data = json.loads(dumps(dasheng))
    data["other_matters"] = {"x": ["很长" * 100_000]}
    with pytest.raises(SchemaError) as info:
        loads(json.dumps(data, ensure_ascii=False), ".json")
    assert len(str(info.value)) < 300
    assert "应为文字，实为键值表（1 项）" in str(info.value)


def test_texts_have_a_length_limit(dasheng: Report) -> None:
    data = json.loads(dumps(dasheng))
    data["problems"] = "问" * 50_001
    data["improvements"] = "改\n" * 1001
    assert _faults(json.dumps(data, ensure_ascii=False), ".json") == [
        ("GPR116", "$.problems"),
        ("GPR116", "$.improvements"),
    ]


def test_a_data_file_over_the_limit_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_SIZE + 1)
    with pytest.raises(InputTooLargeError, match="GPR104"):
        load(path)
    with pytest.raises(InputTooLargeError):
        loads(b" " * (MAX_FILE_SIZE + 1), ".json")


def test_wrong_kinds_are_named_in_plain_words(dasheng: Report) -> None:
    data = json.loads(dumps(dasheng))
    data["overview"] = "x"
    data["review_litigation"]["review"] = None
    with pytest.raises(SchemaError) as info:
        loads(json.dumps(data), ".json")
    messages = [fault.message for fault in info.value.faults]
    assert messages == ["应为键值表，实为文字 'x'", "应为键值表，实为空值 null"]
    assert not any("object" in m or "NoneType" in m for m in messages)


_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=60, deadline=None)
@given(
    path=st.sampled_from(
        [
            ("year",),
            ("agency",),
            ("overview",),
            ("overview", "on_request"),
            ("active_disclosure", "fees"),
            ("active_disclosure", "regulations"),
            ("applications", "new_requests"),
            ("applications", "results", "withheld"),
            ("review_litigation", "review", "total"),
            ("problems",),
            ("surprise",),
        ]
    ),
    value=_VALUES,
    suffix=st.sampled_from([".json", ".yaml", ".toml"]),
)
def test_any_value_anywhere_gives_a_report_or_a_gpr_error(
    path: tuple[str, ...], value: object, suffix: str
) -> None:
    """Whatever a file holds, loading ends in a Report or a GprError — never another exception."""
    data: dict[str, Any] = json.loads(dumps(examples.load("dasheng-2024")))
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    try:
        text = {
            ".json": lambda: json.dumps(data, ensure_ascii=False),
            ".yaml": lambda: yaml.safe_dump(data, allow_unicode=True),
            ".toml": lambda: tomli_w.dumps(data),
        }[suffix]()
    except (TypeError, ValueError):
        return  # the value cannot be written in this format at all (None in TOML, NaN in JSON …)
    try:
        report = loads(text, suffix)
    except GprError as error:
        assert len(str(error)) < 5000
    else:
        assert isinstance(report, Report)


@settings(max_examples=40, deadline=None)
@given(
    depth=st.integers(0, 6),
    fan_out=st.integers(1, 12),
    size=st.sampled_from([1, 1_000, 60_000, 3_000_000]),
    aliased=st.booleans(),
    nested=st.integers(0, 3_000),
    suffix=st.sampled_from([".json", ".yaml", ".toml"]),
)
def test_aliased_nested_or_oversized_files_give_a_report_or_a_gpr_error(
    *, depth: int, fan_out: int, size: int, aliased: bool, nested: int, suffix: str
) -> None:
    """Whatever mix of aliases, nesting and size a file has: a Report or a GprError, soon."""
    text = dumps(examples.load("dasheng-2024"), suffix).decode()
    if suffix == ".yaml" and aliased:
        lines = [f"x0: &x0 {'啊' * min(size, 1000)!r}"]
        lines += [
            f"x{i}: &x{i} [{', '.join([f'*x{i - 1}'] * fan_out)}]" for i in range(1, depth + 1)
        ]
        text += "\n".join(lines) + f"\nsurprise: *x{depth}\n"
    elif suffix == ".json":
        text = text.rstrip().removesuffix("}") + f', "surprise": {"[" * nested}{"]" * nested}}}'
    else:
        text += f'\nsurprise = "{"很" * size}"\n'
    started = time.monotonic()
    try:
        loads(text, suffix)
    except GprError as error:
        assert len(str(error)) < 5_000
    assert time.monotonic() - started < 5

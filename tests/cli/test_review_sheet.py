"""``gpr-docx check … --format docx``: a sheet per input, outputs checked before any work, no overwrite."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gpr_docx.cli import app
from tests.helpers.review import (
    EXAMPLES,
    broken_data,
    district_data,
    edited_template,
    read_sheet,
    write_json,
)

DASHENG = EXAMPLES / "dasheng-2024.json"


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    return write_json(tmp_path / "broken.json", broken_data())


def _check(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["check", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_one_input_one_sheet(runner: CliRunner, broken: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "审核意见单.docx"
    code, out, _ = _check(
        runner, str(broken), "--format", "docx", "-o", str(target), "--reviewer", "李四"
    )
    assert code == 1  # the report has errors, as with the other formats
    assert f"已生成 {target}" in out
    sheet = read_sheet(target.read_bytes())
    assert sheet.info["审核结果"] == "4 处错误，1 处警告"
    assert any(p.startswith("审核人：李四") for p in sheet.paragraphs)


def test_a_clean_report_exits_0_with_a_sheet_that_says_so(
    runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "sheet.docx"
    code, out, _ = _check(runner, str(DASHENG), "--format", "docx", "-o", str(target))
    assert code == 0
    assert "未发现问题" in out
    assert "经审核，未发现问题。" in read_sheet(target.read_bytes()).paragraphs


def test_an_existing_sheet_is_kept_without_overwrite(
    runner: CliRunner, broken: Path, tmp_path: Path
) -> None:
    target = tmp_path / "sheet.docx"
    target.write_bytes(b"keep me")
    code, _, err = _check(runner, str(broken), "--format", "docx", "-o", str(target))
    assert code == 1
    assert "GPR401" in err and "--overwrite" in err
    assert target.read_bytes() == b"keep me"
    code, _, _ = _check(runner, str(broken), "--format", "docx", "-o", str(target), "--overwrite")
    assert code == 1
    assert read_sheet(target.read_bytes()).rows


def test_several_inputs_go_to_a_folder_named_after_each(
    runner: CliRunner, broken: Path, tmp_path: Path
) -> None:
    clean = write_json(tmp_path / "clean.json", district_data())
    missing = tmp_path / "missing.json"
    folder = tmp_path / "sheets"
    code, out, err = _check(
        runner, str(broken), str(clean), str(missing), "--format", "docx", "-o", f"{folder}/"
    )
    assert code == 2  # one input could not be read
    assert sorted(p.name for p in folder.iterdir()) == [
        "broken-审核意见单.docx",
        "clean-审核意见单.docx",
    ]
    assert "missing.json：无法读取，未生成审核意见单" in err
    assert "GPR101" in err
    assert read_sheet((folder / "clean-审核意见单.docx").read_bytes()).rows == []
    assert out.count("已生成") == 2


def test_an_existing_sheet_in_the_folder_stops_the_batch_before_any_work(
    runner: CliRunner, broken: Path, tmp_path: Path
) -> None:
    clean = write_json(tmp_path / "clean.json", district_data())
    folder = tmp_path / "sheets"
    folder.mkdir()
    (folder / "clean-审核意见单.docx").write_bytes(b"old")
    code, _, err = _check(runner, str(broken), str(clean), "--format", "docx", "-o", str(folder))
    assert code == 1
    assert "GPR401" in err
    assert sorted(p.name for p in folder.iterdir()) == ["clean-审核意见单.docx"]


def test_inputs_sharing_a_name_keep_their_suffix(
    runner: CliRunner, broken: Path, tmp_path: Path
) -> None:
    twin = tmp_path / "broken.toml"
    from gpr_docx import dump, load

    dump(load(broken), twin)
    folder = tmp_path / "sheets"
    _check(runner, str(broken), str(twin), "--format", "docx", "-o", f"{folder}/")
    assert sorted(p.name for p in folder.iterdir()) == [
        "broken.json-审核意见单.docx",
        "broken.toml-审核意见单.docx",
    ]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["-o", "x.docx"], "只用于 --format docx"),
        (["--format", "docx", "-o", "x.txt"], "不支持"),
        (["--format", "docx", "-o", " "], "输出路径为空"),
    ],
)
def test_wrong_calls_are_usage_errors(
    runner: CliRunner, broken: Path, args: list[str], words: str
) -> None:
    code, _, err = _check(runner, str(broken), *args)
    assert code == 2
    assert "GPR001" in err and words in err


def test_several_inputs_need_a_folder(runner: CliRunner, broken: Path, tmp_path: Path) -> None:
    for output in ([], ["-o", str(tmp_path / "one.docx")]):
        code, _, err = _check(runner, str(broken), str(DASHENG), "--format", "docx", *output)
        assert code == 2
        assert "输出文件夹" in err
    assert not (tmp_path / "one.docx").exists()


def test_the_sheet_may_not_replace_an_input(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "report.docx"
    from gpr_docx import examples, render_to_file

    render_to_file(examples.load("dasheng-2024"), source)
    before = source.read_bytes()
    code, _, err = _check(runner, str(source), "--format", "docx", "-o", str(source))
    assert code == 2
    assert "输入文件" in err
    assert source.read_bytes() == before


def test_a_restyled_sheet_template_from_the_command_line(
    runner: CliRunner, broken: Path, tmp_path: Path
) -> None:
    template = tmp_path / "我的意见单.docx"
    template.write_bytes(edited_template("restyle"))
    target = tmp_path / "sheet.docx"
    args = [str(broken), "--format", "docx", "-o", str(target), "--template", str(template)]
    code, _, _ = _check(runner, *args)
    assert code == 1
    assert read_sheet(target.read_bytes()).paragraphs[0] == "内部审核 · 请勿外传"
    bad = tmp_path / "bad.docx"
    bad.write_bytes(edited_template("unknown"))
    code, _, err = _check(runner, str(broken), "--format", "docx", "-o", str(tmp_path / "b.docx"),
                          "--template", str(bad))  # fmt: skip
    assert code == 2
    assert "GPR200" in err and "unit_name" in err
    assert not (tmp_path / "b.docx").exists()


def test_json_and_sheet_agree_for_a_folder_of_inputs(
    runner: CliRunner, broken: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "sheets"
    _check(runner, str(broken), str(DASHENG), "--format", "docx", "-o", f"{folder}/")
    result = runner.invoke(app, ["check", str(broken), str(DASHENG), "--format", "json"])
    by_source: dict[str, list[tuple[str, str, str]]] = {}
    for item in json.loads(result.stdout):
        by_source.setdefault(item["source"], []).append(
            (item["rule"], item["location"], item["message"])
        )
    for source in (broken, DASHENG):
        sheet = read_sheet((folder / f"{source.stem}-审核意见单.docx").read_bytes())
        listed = sorted((r.rule, r.location, r.message) for r in sheet.rows)
        assert listed == sorted(by_source.get(str(source), []))

"""``gpr-docx collect 收到的报告/ --units 单位.csv -o 审核结果/``: the summary and the exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gpr_docx.cli import app
from gpr_docx.collect.run import DRAFT_NAME, ROLLUP_DATA_NAME, SHEETS_FOLDER, STATUS_NAME
from tests.collect.conftest import Inbox, make_inbox, needs_similarity
from tests.helpers import ROOT
from tests.helpers.review import read_sheet
from tests.helpers.submissions import office, registry_csv, units, varied, write
from tests.helpers.workbooks import load

runner = CliRunner()


def _small(tmp_path: Path, count: int) -> tuple[Path, Path]:
    rows, registry, (folder,) = office(tmp_path, count, "in")
    for row in rows:
        write(varied(0, row.name), folder / f"{row.code}.json")
    return folder, registry


def test_every_unit_passing_exits_0(tmp_path: Path) -> None:
    folder, registry = _small(tmp_path, 3)
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["collect", str(folder), "--units", str(registry), "-o", str(out), "-j", "1",
              "--agency", "某某区人民政府"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "通过" in result.output and "计入 3 个单位，勾稽关系无误" in result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [STATUS_NAME, ROLLUP_DATA_NAME, DRAFT_NAME, SHEETS_FOLDER]
    )
    assert len(list((out / SHEETS_FOLDER).iterdir())) == 3
    assert "审核意见单/（3 份审核意见单）" in result.output


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Inbox:
    return make_inbox(tmp_path_factory.mktemp("inbox"))


def test_the_inbox_lists_missing_units_and_unreadable_files(inbox: Inbox, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["collect", str(inbox.folder), "--units", str(inbox.registry), "-o", str(out)]
    )
    assert result.exit_code == 2, result.output  # a file could not be read
    assert "未报送：031 某某区第31街道办事处、032 某某区第32街道办事处" in result.output
    assert "GPR503" in result.output
    assert "GPR613 005 某某区司法局：收到「005 某某区司法局」的 2 份报告" in result.output


def test_missing_units_alone_exit_1(tmp_path: Path) -> None:
    folder, registry = _small(tmp_path, 2)
    registry.write_text(registry_csv(units(3)), encoding="utf-8")
    result = runner.invoke(
        app, ["collect", str(folder), "--units", str(registry), "-o", str(tmp_path / "o")]
    )
    assert result.exit_code == 1, result.output
    assert "未报送：003" in result.output


def test_an_existing_output_needs_overwrite(tmp_path: Path) -> None:
    folder, registry = _small(tmp_path, 1)
    out = tmp_path / "out"
    out.mkdir()
    (out / "x").write_text("x")
    args = ["collect", str(folder), "--units", str(registry), "-o", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "GPR401" in result.output and "--overwrite" in result.output
    assert runner.invoke(app, [*args, "--overwrite"]).exit_code == 0
    assert not (out / "x").exists()


@pytest.mark.parametrize(
    ("args", "code", "text"),
    [
        (["--include", "部委"], "GPR601", "没有类别「部委」"),
        (["--include", " , "], "GPR001", "--include"),
    ],
)
def test_bad_calls_are_refused_before_any_work(
    tmp_path: Path, args: list[str], code: str, text: str
) -> None:
    folder, registry = _small(tmp_path, 1)
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["collect", str(folder), "--units", str(registry), "-o", str(out), *args]
    )
    assert result.exit_code == 2
    assert code in result.output and text in result.output
    assert not out.exists()


def test_a_broken_registry_names_its_row(tmp_path: Path) -> None:
    folder, registry = _small(tmp_path, 1)
    registry.write_text("代码,名称\n001,\n", encoding="utf-8")
    result = runner.invoke(
        app, ["collect", str(folder), "--units", str(registry), "-o", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    assert "GPR601" in result.output and "第 2 行" in result.output


def test_reviewer_on_every_sheet_or_no_sheets(tmp_path: Path) -> None:
    folder, registry = _small(tmp_path, 2)
    base = ["collect", str(folder), "--units", str(registry)]
    result = runner.invoke(app, [*base, "-o", str(tmp_path / "a"), "--reviewer", "李四"])
    assert result.exit_code == 0, result.output
    for sheet in (tmp_path / "a" / SHEETS_FOLDER).iterdir():
        paragraphs = read_sheet(sheet.read_bytes()).paragraphs
        assert any(p.startswith("审核人：李四") for p in paragraphs)
    result = runner.invoke(app, [*base, "-o", str(tmp_path / "b"), "--no-review-sheets"])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "b" / SHEETS_FOLDER).exists()


def test_a_profile_by_name_and_a_missing_one(tmp_path: Path) -> None:
    folder, registry = _small(tmp_path, 1)
    base = ["collect", str(folder), "--units", str(registry)]
    result = runner.invoke(app, [*base, "-o", str(tmp_path / "a"), "--profile", "national"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, [*base, "-o", str(tmp_path / "b"), "--profile", "没有这个"])
    assert result.exit_code == 2
    assert "GPR101" in result.output and "example-district" in result.output
    assert not (tmp_path / "b").exists()


@needs_similarity
def test_the_summary_counts_lei_tong_pairs(inbox: Inbox, tmp_path: Path) -> None:
    base = ["collect", str(inbox.folder), "--units", str(inbox.registry)]
    result = runner.invoke(app, [*base, "-o", str(tmp_path / "a"), "--no-review-sheets"])
    assert "雷同：单位之间 1 对，与本单位上年报告 0 个" in result.output
    result = runner.invoke(app, [*base, "-o", str(tmp_path / "b"), "--similarity", "1.5"])
    assert result.exit_code == 2 and not (tmp_path / "b").exists()


_WITHOUT_EXTRA = """
import sys

sys.modules["numpy"] = None  # as if gpr-docx[collect] were not installed: importing them fails
sys.modules["datasketch"] = None
sys.argv = ["gpr-docx", *sys.argv[1:]]
from gpr_docx.cli import main

main()
"""


def test_without_the_collect_extra_everything_but_lei_tong_is_done(
    inbox: Inbox, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    args = ["collect", str(inbox.folder), "--units", str(inbox.registry), "-o", str(out), "-j", "1"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "300"}
    run = subprocess.run(
        [sys.executable, "-c", _WITHOUT_EXTRA, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 2, run.stderr  # as with the extra: a file could not be read
    assert "Traceback" not in run.stderr
    assert "雷同未比对 GPR630" in run.stderr and "pip install 'gpr-docx[collect]'" in run.stderr
    assert "计入" in run.stderr  # the roll-up was made
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [STATUS_NAME, ROLLUP_DATA_NAME, DRAFT_NAME, SHEETS_FOLDER]
    )
    book = load((out / STATUS_NAME).read_bytes())
    similar = list(book["雷同"].iter_rows(min_row=2, values_only=True))
    assert len(similar) == 1 and similar[0][4] == "未比对"
    assert str(similar[0][-1]).startswith("GPR630")
    units_sheet = list(book["各单位情况"].iter_rows(values_only=True))
    column = units_sheet[0].index("雷同")
    assert all(row[column] is None for row in units_sheet[1:])  # not 0: nothing was compared

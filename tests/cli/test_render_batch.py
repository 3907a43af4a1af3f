"""``gpr-docx render A B … -o DIR/``: every input accounted for, bad ones named, nothing partial."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from gpr_docx.cli import app
from tests.helpers.commands import ENV, command, start

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "templates" / "examples" / "example-district-2024.json"


def _write_inputs(folder: Path, count: int) -> list[Path]:
    """``count`` report files (JSON and TOML), each for its own agency."""
    from gpr_docx import data as data_files

    folder.mkdir(parents=True, exist_ok=True)
    data: dict[str, Any] = json.loads(EXAMPLE.read_text("utf-8"))
    paths = []
    for index in range(count):
        data["agency"] = f"测试区第{index:03}办公室"
        path = folder / f"r{index:03}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        if index % 2:  # half of them as TOML, through the library's own writer
            toml = path.with_suffix(".toml")
            data_files.dump(data_files.load(path), toml)
            path.unlink()
            path = toml
        paths.append(path)
    return paths


def _break(paths: list[Path]) -> dict[str, str]:
    """Break three inputs in three ways; their names and the code each must be reported with."""
    syntax, schema, rules = paths[5], paths[20], paths[33]
    syntax.write_text('schema = "gpr/2021"\nyear = [', "utf-8")
    data: dict[str, Any] = json.loads(EXAMPLE.read_text("utf-8"))
    data["applications"]["new_requests"]["natural_person"] = -3
    schema = schema.with_suffix(".json")
    paths[20].unlink()
    schema.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    paths[20] = schema
    data = json.loads(EXAMPLE.read_text("utf-8"))
    data["agency"] = "坏数据办公室"
    data["review_litigation"]["review"]["total"] += 1
    rules = rules.with_suffix(".json")
    paths[33].unlink()
    rules.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    paths[33] = rules
    return {syntax.name: "GPR103", schema.name: "V-1", rules.name: "T4-1"}


def _assert_only_complete_documents(folder: Path) -> list[Path]:
    documents = []
    for path in folder.iterdir():
        if path.name.startswith(".") and path.name.endswith(".part"):
            continue  # a hidden staging file of a killed run, never a .docx
        assert path.suffix == ".docx", path
        with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
            assert archive.testzip() is None
            assert "word/document.xml" in archive.namelist()
        documents.append(path)
    return documents


def test_fifty_reports_three_broken(runner: CliRunner, tmp_path: Path) -> None:
    paths = _write_inputs(tmp_path / "in", 50)
    broken = _break(paths)
    out = tmp_path / "out"
    args = ["render", str(tmp_path / "in"), "-o", f"{out}/", "--jobs", "2"]
    result = runner.invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 2, result.output  # two inputs cannot be read: the highest code wins
    documents = _assert_only_complete_documents(out)
    assert len(documents) == 47
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
    for name, code in broken.items():
        lines = [line for line in result.stderr.splitlines() if name in line]
        assert lines, name
        assert code in result.stderr
    assert "GPR301" in result.stderr  # the rules error refuses the report
    assert "GPR110" in result.stderr  # the value error makes the file unreadable
    summary = result.stderr[result.stderr.index("批量生成结果") :]
    for label, count in (("已生成", 47), ("有错误，未生成", 1), ("无法读取", 2), ("合计", 50)):
        assert any(label in line and f" {count} " in line for line in summary.splitlines()), label

    # Again without --overwrite: nothing is overwritten.
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in documents}
    again = runner.invoke(app, args, catch_exceptions=False)
    assert again.exit_code == 2
    assert again.stderr.count("GPR401") == 47
    assert again.stderr.count("如需覆盖请加 --overwrite") == 47
    assert {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.iterdir()} == before

    # With --overwrite and --force: overwritten in place (no "-2" copies), and the report with
    # errors rendered too.
    forced = runner.invoke(app, [*args, "--overwrite", "--force"], catch_exceptions=False)
    assert forced.exit_code == 2  # the two unreadable files still fail
    assert len(_assert_only_complete_documents(out)) == 48
    assert "1 份报告有错误，因 --force 仍然生成了文件" in forced.stderr


def test_several_files_and_folders(runner: CliRunner, tmp_path: Path) -> None:
    first = _write_inputs(tmp_path / "a", 2)
    _write_inputs(tmp_path / "b", 3)
    out = tmp_path / "out"
    args = ["render", str(first[0]), str(tmp_path / "b"), "-o", str(out) + "/", "-j", "1"]
    result = runner.invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    # a and b reuse agency names 000…002: the second 000 gets a suffix.
    assert sorted(p.name for p in out.iterdir()) == [
        "测试区第000办公室-2024-2.docx",
        "测试区第000办公室-2024.docx",
        "测试区第001办公室-2024.docx",
        "测试区第002办公室-2024.docx",
    ]
    assert "合计" in result.stderr
    assert "生成中" not in result.stderr  # no progress bar when not on a terminal


def test_one_input_into_a_folder(runner: CliRunner, tmp_path: Path) -> None:
    [source] = _write_inputs(tmp_path / "in", 1)
    out = tmp_path / "out"
    out.mkdir()
    result = runner.invoke(app, ["render", str(source), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert [p.name for p in out.iterdir()] == ["测试区第000办公室-2024.docx"]


def test_empty_folder_and_file_as_output_folder(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, ["render", str(tmp_path / "empty"), "-o", str(tmp_path / "o/")])
    assert result.exit_code == 2
    assert "GPR100" in result.stderr
    paths = _write_inputs(tmp_path / "in", 2)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = runner.invoke(app, ["render", *map(str, paths), "-o", str(blocker)])
    assert result.exit_code == 2
    assert "GPR001" in result.stderr
    assert blocker.read_text() == "x"


@pytest.mark.slow
def test_killing_a_batch_leaves_only_complete_documents(tmp_path: Path) -> None:
    """SIGKILL the command and its workers half-way: every .docx there opens; the rest are hidden."""
    _write_inputs(tmp_path / "in", 400)
    out = tmp_path / "out"
    args = ("render", str(tmp_path / "in"), "-o", f"{out}/")
    process = start(*args, "--jobs", "2")
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            if out.is_dir() and len(list(out.glob("*.docx"))) >= 20:
                break
            time.sleep(0.005)
        assert process.poll() is None, "the batch finished before it could be killed"
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    written = _assert_only_complete_documents(out)
    assert 20 <= len(written) < 400
    # The next run keeps what is there, writes the rest, and still leaves nothing partial.
    rerun = subprocess.run(
        command(*args), check=False, env=ENV, capture_output=True, text=True, timeout=300
    )
    assert rerun.returncode == 1  # the documents of the killed run exist already (GPR401)
    assert len(_assert_only_complete_documents(out)) == 400


def test_progress_bar_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import typer
    from rich.console import Console

    from gpr_docx.cli import render_batch

    screen = io.StringIO()
    terminal = Console(file=screen, force_terminal=True, width=100)
    monkeypatch.setattr(render_batch, "err_console", terminal)
    paths = _write_inputs(tmp_path / "in", 3)
    paths.append(tmp_path / "in" / "missing.toml")
    with pytest.raises(typer.Exit) as info:
        render_batch.run_batch(
            paths, tmp_path / "out", template=None, force=False, overwrite=False, jobs=1
        )
    assert info.value.exit_code == 2  # an input cannot be read
    shown = screen.getvalue()
    assert "生成中" in shown  # the bar was drawn
    assert "GPR101" in shown
    assert "missing.toml" in shown
    assert len(list((tmp_path / "out").glob("*.docx"))) == 3


def _ignored_by_workers(pid: int) -> dict[int, bool]:
    """For each child process of ``pid``: whether it ignores SIGINT (/proc's SigIgn mask)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            status = (entry / "status").read_text()
        except OSError:
            continue  # gone already
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == pid:
            ignored = next(line for line in status.splitlines() if line.startswith("SigIgn"))
            found[int(entry.name)] = bool(int(ignored.split()[1], 16) & (1 << (signal.SIGINT - 1)))
    return found


def test_ctrl_c_stops_a_batch_promptly_and_cleanly(tmp_path: Path) -> None:
    """SIGINT to the whole process group, at moments from the batch's start to its middle, many times.

    Every time: exit 130 with 「已中断」 within seconds, no traceback from the command or a worker,
    and no partial document left behind.
    """
    _write_inputs(tmp_path / "in", 300)
    delays = [i * 0.04 for i in range(12)]
    for attempt, delay in enumerate(delays):
        out = tmp_path / f"out{attempt}"
        process = start(
            "render", str(tmp_path / "in"), "-o", f"{out}/", "--jobs", "2", stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + 60
        while not out.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)  # the batch has begun once its output folder exists
        time.sleep(delay)
        if process.poll() is not None:
            continue  # finished before the interrupt (a fast machine); nothing to see
        workers = _ignored_by_workers(process.pid)
        assert all(workers.values()), f"a worker would die of Ctrl-C mid-report: {workers}"
        os.killpg(process.pid, signal.SIGINT)
        try:
            _, stderr = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise AssertionError(f"the batch hung after Ctrl-C (attempt {attempt})") from None
        assert "Traceback" not in stderr, (attempt, stderr)
        if "批量生成结果" in stderr:
            continue  # the batch had finished when the signal came
        assert process.returncode == 130, (attempt, stderr)
        assert "已中断" in stderr, (attempt, stderr)
        assert "Traceback" not in stderr and "Error" not in stderr, (attempt, stderr)
        if out.exists():
            _assert_only_complete_documents(out)

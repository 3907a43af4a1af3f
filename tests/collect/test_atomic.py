"""No partial output: a collect killed or interrupted half-way leaves nothing in its output folder;
the status workbook opens in a real spreadsheet program (LibreOffice Calc)."""

from __future__ import annotations

import csv
import io
import os
import shutil
import signal
import time
from pathlib import Path

import pytest

import gpr_docx
from gpr_docx.collect.run import STATUS_NAME, Submission
from tests.collect.conftest import Inbox
from tests.helpers.commands import start
from tests.helpers.libreoffice import convert, unavailable
from tests.helpers.submissions import office, varied

CALC = Path("/usr/lib/libreoffice/program/libsclo.so")
"""LibreOffice Calc's own library: soffice without it cannot open a workbook."""


def _documents_inbox(root: Path, count: int) -> tuple[Path, Path]:
    rows, registry, (folder,) = office(root, count, "in")
    document = gpr_docx.render(varied(1, rows[0].name))
    for row in rows:  # .docx are the slowest to read: the collect runs long enough to kill
        (folder / f"{row.code}.docx").write_bytes(document)
    return folder, registry


def _staging(parent: Path) -> list[Path]:
    return [p for p in parent.iterdir() if p.name.startswith(".out.") and p.name.endswith(".part")]


def test_killing_a_collect_half_way_leaves_no_output(tmp_path: Path) -> None:
    folder, registry = _documents_inbox(tmp_path, 400)
    out = tmp_path / "out"
    process = start("collect", str(folder), "--units", str(registry), "-o", str(out), "-j", "2")
    try:
        deadline = time.monotonic() + 60
        while not _staging(tmp_path) and time.monotonic() < deadline:
            assert process.poll() is None, "the collect ended before it could be killed"
            time.sleep(0.05)
        assert _staging(tmp_path), "the collect never started writing"
        time.sleep(1.0)  # well inside the reading of 400 documents
        assert process.poll() is None, "the collect ended before it could be killed"
        os.killpg(process.pid, signal.SIGKILL)  # the collect and its workers, at once
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
    assert not out.exists()
    (leftover,) = _staging(tmp_path)  # hidden, beside the output folder, never inside it
    assert leftover.is_dir()
    # The next collect removes a staging folder once it is old enough to be a dead run's.
    old = time.time() - 3600
    os.utime(leftover, (old, old))
    _rows, small_registry, (small,) = office(tmp_path, 1, "small", name="small.csv")
    shutil.copy(folder / "001.docx", small)
    gpr_docx.collect(small, small_registry, out, jobs=1)
    assert not leftover.exists()
    assert (out / STATUS_NAME).exists()


def test_an_interrupt_in_the_calling_process_writes_nothing(inbox: Inbox, tmp_path: Path) -> None:
    seen: list[Submission] = []

    def interrupt(submission: Submission) -> None:
        seen.append(submission)
        if len(seen) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        gpr_docx.collect(
            inbox.folder, inbox.registry, tmp_path / "out", jobs=2, on_result=interrupt
        )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_the_status_workbook_opens_in_libreoffice(inbox: Inbox, tmp_path: Path) -> None:
    if not CALC.exists():
        unavailable("LibreOffice Calc (apt-get install libreoffice-calc-nogui)")
    result = gpr_docx.collect(inbox.folder, inbox.registry, tmp_path / "out", jobs=2)
    source = tmp_path / "book" / STATUS_NAME
    source.parent.mkdir()
    shutil.copy(result.out_dir / STATUS_NAME, source)
    # CSV of the first sheet (one row per unit), UTF-8, comma-separated.
    (first,) = convert([source], "csv:Text - txt - csv (StarCalc):44,34,76,1", tmp_path / "csv")
    header, *rows = list(csv.reader(io.StringIO(first.read_text("utf-8"))))
    assert header[:4] == ["代码", "名称", "类别", "状态"]
    assert [row[0] for row in rows] == [u.code for u in inbox.units]
    assert {row[3] for row in rows} >= {"通过", "已报送", "有错误", "无法读取", "未报送"}

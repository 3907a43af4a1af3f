"""Workbook speed: writing the clerk's workbook for a report, and reading a filled one back.

Run from a checkout: ``python benchmarks/bench_workbook.py``. Prints medians of 100 runs (after 3
warm-up runs) for the ``example-district-2024`` report: writing (openpyxl), reading back one written
by openpyxl (no formula results) and one saved by LibreOffice Calc (when installed), and, for
comparison, openpyxl's own loader on the same file. Targets: write ≤ 50 ms, read ≤ 50 ms.
"""

from __future__ import annotations

import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import openpyxl

from gpr_docx import examples, workbook
from gpr_docx.workbook.read import read_workbook

RUNS = 100


def median_ms(action: Callable[[], object], runs: int = RUNS, warmup: int = 3) -> float:
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        action()
        samples.append((time.perf_counter_ns() - start) / 1e6)
    return statistics.median(samples)


def calc_saved(data: bytes) -> bytes | None:
    soffice = shutil.which("soffice")
    if soffice is None or not Path("/usr/lib/libreoffice/program/libsclo.so").exists():
        return None
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in" / "book.xlsx"
        source.parent.mkdir()
        source.write_bytes(data)
        subprocess.run(
            [soffice, "--headless", f"-env:UserInstallation=file://{folder}/lo",
             "--convert-to", "xlsx", "--outdir", folder, str(source)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        return (Path(folder) / "book.xlsx").read_bytes()


def main() -> None:
    report = examples.load("example-district-2024")
    data = workbook(report)
    assert read_workbook(data) == report
    rows = [
        ("write: workbook(report) to bytes", median_ms(lambda: workbook(report)), len(data)),
        (
            "read: written by openpyxl (no results)",
            median_ms(lambda: read_workbook(data)),
            len(data),
        ),
        (
            "for comparison: openpyxl.load_workbook",
            median_ms(lambda: openpyxl.load_workbook(io.BytesIO(data)), runs=20),
            len(data),
        ),
    ]
    saved = calc_saved(data)
    if saved is not None:
        assert read_workbook(saved) == report
        rows.append(
            ("read: saved by LibreOffice Calc", median_ms(lambda: read_workbook(saved)), len(saved))
        )
    print(f"{'case':<44} {'median':>10} {'bytes':>8}")
    for name, ms, size in rows:
        print(f"{name:<44} {ms:>7.2f} ms {size:>8,}")


if __name__ == "__main__":
    main()

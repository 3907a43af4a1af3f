"""Reading speed and memory of the PDF front end beside the .docx one: one report read back from each.

Run from a checkout: ``python benchmarks/bench_parse.py`` (``--help`` for options). Each front end
has its own function (:func:`bench_docx`, :func:`bench_pdf`) returning rows of one table:

* the median wall time and the median CPU time of one ``parse`` of a whole report, after warm-up
  runs, in this process;
* the peak memory (RSS, sampled every 2 ms) of a fresh process that imports the reader and
  reads the report once, and its RSS before reading (the interpreter and the imports), so the
  reading's own share shows; and that first read's time (no warm caches).

Inputs: the two example reports rendered by the project, the PDFs LibreOffice makes of them
(``soffice`` needed, else those rows are skipped), and the three real published PDFs of
``../shared/realworld`` when they are there. Everything runs on one core: pdfminer is pure Python.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gpr_docx import examples, render  # noqa: E402

REALWORLD = ROOT.parent / "shared" / "realworld"

# RSS is sampled by a thread (ru_maxrss would also count the parent process, which a child
# inherits across fork and exec on Linux).
_MEASURE = """
import sys, threading, time
import psutil
sys.path.insert(0, {root!r})
from gpr_docx.parse.{module} import {function}
process = psutil.Process()
before = peak = process.memory_info().rss
done = threading.Event()
def sample():
    global peak
    while not done.is_set():
        peak = max(peak, process.memory_info().rss)
        time.sleep(0.002)
sampler = threading.Thread(target=sample)
sampler.start()
started = time.perf_counter()
{function}({path!r})
took = time.perf_counter() - started
done.set()
sampler.join()
print(before, max(peak, process.memory_info().rss), took)
"""


@attrs.frozen
class Row:
    case: str
    median_ms: float
    cpu_ms: float
    cold_ms: float
    rss_before_mb: float
    rss_peak_mb: float
    pages: str = ""


def median_ms(action: Callable[[], object], runs: int, warmup: int = 2) -> tuple[float, float]:
    """Median wall time and median CPU time of ``action()`` in milliseconds (CPU time is what a
    busy machine does not inflate)."""
    for _ in range(warmup):
        action()
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter_ns(), time.process_time_ns()
        action()
        wall.append((time.perf_counter_ns() - start) / 1e6)
        cpu.append((time.process_time_ns() - start_cpu) / 1e6)
    return statistics.median(wall), statistics.median(cpu)


def fresh_process(module: str, function: str, path: Path) -> tuple[float, float, float]:
    """RSS before and after one read in a new process (MB), and that first read's time (ms)."""
    code = _MEASURE.format(root=str(ROOT), module=module, function=function, path=str(path))
    done = subprocess.run(
        ["taskset", "-c", "0", sys.executable, "-c", code]
        if shutil.which("taskset")
        else [sys.executable, "-c", code],
        check=True,
        capture_output=True,
        text=True,
    )
    before, peak, took = done.stdout.split()
    return int(before) / 2**20, int(peak) / 2**20, float(took) * 1000


def _row(case: str, module: str, function: str, path: Path, *, runs: int, pages: str) -> Row:
    from importlib import import_module

    read = getattr(import_module(f"gpr_docx.parse.{module}"), function)
    median, cpu = median_ms(lambda: read(path), runs)
    before, peak, cold = fresh_process(module, function, path)
    return Row(case, median, cpu, cold, before, peak, pages)


def example_docx(folder: Path) -> Iterator[Path]:
    for name in ("dasheng-2024", "example-district-2024"):
        path = folder / f"{name}.docx"
        path.write_bytes(render(examples.load(name)))
        yield path


def libreoffice_pdfs(folder: Path, sources: list[Path]) -> list[Path]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return []
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{folder}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return [source.with_suffix(".pdf") for source in sources]


def _pages(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return str(len(pdf.pages))


def bench_docx(folder: Path, runs: int) -> list[Row]:
    """The .docx front end on the two example reports."""
    return [
        _row(f"docx: {path.stem}", "docx", "parse_docx", path, runs=runs, pages="")
        for path in example_docx(folder)
    ]


def bench_pdf(folder: Path, runs: int) -> list[Row]:
    """The PDF front end on our reports through LibreOffice and on the real published PDFs."""
    paths = libreoffice_pdfs(folder, list(example_docx(folder)))
    paths += sorted(REALWORLD.glob("*.pdf")) if REALWORLD.is_dir() else []
    return [
        _row(f"pdf: {path.stem}", "pdf", "parse_pdf", path, runs=runs, pages=_pages(path))
        for path in paths
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="timed runs per case (median)")
    parser.add_argument("--only", choices=["docx", "pdf"], help="one front end only")
    options = parser.parse_args()
    benches = {"docx": bench_docx, "pdf": bench_pdf}
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, bench in benches.items():
            if options.only in (None, name):
                rows += bench(Path(tmp), options.runs)
    table = Table(title=f"parse: median of {options.runs} runs, one core")
    for column in ("case", "pages", "median", "CPU", "first read", "RSS before", "RSS peak"):
        table.add_column(column, justify="left" if column == "case" else "right")
    for row in rows:
        table.add_row(
            row.case,
            row.pages,
            f"{row.median_ms:.1f} ms",
            f"{row.cpu_ms:.1f} ms",
            f"{row.cold_ms:.0f} ms",
            f"{row.rss_before_mb:.0f} MB",
            f"{row.rss_peak_mb:.0f} MB",
        )
    Console().print(table)


if __name__ == "__main__":
    main()

"""A region's season at full size: ``gpr-docx collect`` over thousands of submissions.

Run from a checkout: ``python benchmarks/bench_collect.py`` (``--help`` for options). It makes an
inbox — a registry of ``--units`` units and one report per unit, the formats taking turns
(JSON, .xlsx workbook, .docx document; tables varied per unit by ``tests/helpers/submissions.py``)
— then runs ``gpr-docx collect`` on it in a fresh process with ``--jobs`` workers and samples the
memory of that process and all its workers: the RSS every 20 ms (pages shared after the fork are
counted once per process, so it overstates) and the PSS every 100 ms (shared pages divided among
the processes sharing them). The making of the inbox is not timed.

Prints the collect's wall time, files per second, and the peaks of the process tree; checks the
outputs are there. Targets (issue 14): 2 000 submissions ≤ 60 s on 2 cores, peak ≤ 500 MB.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gpr_docx.collect.run import STATUS_NAME  # noqa: E402
from tests.helpers.submissions import registry_csv, units, varied, write  # noqa: E402

FORMATS = (".json", ".xlsx", ".docx")


def _make(job: tuple[str, str, str, int]) -> None:
    folder, code, name, number = job
    suffix = FORMATS[number % len(FORMATS)]
    write(varied(number, name), Path(folder) / f"{code}-{name}{suffix}")


def make_inbox(root: Path, count: int, jobs: int) -> tuple[Path, Path]:
    """``count`` units, one report each in the formats by turns."""
    rows = units(count)
    folder = root / "收到的报告"
    folder.mkdir()
    registry = root / "单位.csv"
    registry.write_text(registry_csv(rows), encoding="utf-8")
    work = [(str(folder), row.code, row.name, i) for i, row in enumerate(rows, start=1)]
    with concurrent.futures.ProcessPoolExecutor(jobs) as pool:
        list(pool.map(_make, work, chunksize=16))
    return folder, registry


def _tree_memory(process: psutil.Process, *, proportional: bool) -> int:
    """RSS (or PSS: shared pages divided among the processes sharing them) of ``process`` and
    all its children."""
    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            info = member.memory_full_info() if proportional else member.memory_info()
            total += info.pss if proportional else info.rss
        except (psutil.Error, AttributeError):
            continue
    return total


def run_collect(
    folder: Path, registry: Path, out: Path, jobs: int
) -> tuple[float, int, int, float, int]:
    """The collect's wall time, peak RSS and peak PSS of its process tree, CPU time of the whole
    tree (the collect and its workers, user + system), and exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [
        sys.executable, "-m", "gpr_docx", "collect", str(folder), "--units", str(registry),
        "-o", str(out), "--jobs", str(jobs),
    ]  # fmt: skip
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    watched = psutil.Process(child.pid)
    peak = peak_pss = 0
    samples = 0
    while child.poll() is None:
        with contextlib.suppress(psutil.Error):
            peak = max(peak, _tree_memory(watched, proportional=False))
            if samples % 5 == 0:  # PSS reads /proc/*/smaps: every 100 ms
                peak_pss = max(peak_pss, _tree_memory(watched, proportional=True))
        samples += 1
        time.sleep(0.02)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers were reaped by the collect
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    stderr = child.stderr.read().decode("utf-8", "replace") if child.stderr else ""
    if child.returncode not in (0, 1):
        print(stderr, file=sys.stderr)
    return elapsed, peak, peak_pss, cpu, child.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=2000, help="units and submissions (2000)")
    parser.add_argument("--jobs", type=int, default=2, help="collect workers (2)")
    parser.add_argument("--keep", type=Path, help="make the inbox here and keep it")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-collect-"))
    root.mkdir(parents=True, exist_ok=True)
    console = Console()
    started = time.perf_counter()
    folder, registry = make_inbox(root, args.units, os.cpu_count() or 1)
    console.print(f"inbox of {args.units} made in {time.perf_counter() - started:.1f} s: {root}")
    out = root / "审核结果"
    elapsed, peak, peak_pss, cpu, code = run_collect(folder, registry, out, args.jobs)
    assert (out / STATUS_NAME).exists(), f"no status workbook (exit {code})"
    table = Table(title=f"gpr-docx collect, {args.units} submissions, {args.jobs} workers")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("wall time", f"{elapsed:.1f} s")
    table.add_row("submissions per second", f"{args.units / elapsed:.0f}")
    table.add_row(
        "CPU time, process tree", f"{cpu:.1f} s ({1000 * cpu / args.units:.0f} ms a file)"
    )
    table.add_row("load average at the end", f"{os.getloadavg()[0]:.1f}")
    table.add_row("peak RSS, process tree", f"{peak / 2**20:.0f} MB")
    table.add_row("peak PSS, process tree", f"{peak_pss / 2**20:.0f} MB")
    table.add_row("exit code", str(code))
    console.print(table)


if __name__ == "__main__":
    main()

"""Rendering speed on the project's own template: plain docxtpl, compiled, the zip floor, batches.

Run from a checkout: ``python benchmarks/bench_render.py`` (``--help`` for options). Prints one table:

* (a) plain docxtpl: load the template, render, save, write the file;
* (b) the compiled template: render to bytes, and render + atomic write;
* (c) the zip floor: only writing the already-rendered parts into a .docx, at several deflate levels;
* (d) ``render_many`` over all cores: reports per second and peak memory (RSS of this process plus
  its workers, sampled), at two batch sizes to show memory stays flat.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import attrs
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.timing import median_ms
from gpr_docx import data, examples
from gpr_docx._fs import write_atomic
from gpr_docx.batch import render_many
from gpr_docx.render.compiled import DEFLATE_LEVEL
from gpr_docx.render.template import build_context, load_template, render, render_docxtpl


class PeakMemory:
    """Samples the RSS of this process and all its descendants every few milliseconds."""

    def __init__(self, interval: float = 0.02) -> None:
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for process in [me, *me.children(recursive=True)]:
                try:
                    total += process.memory_info().rss
                except psutil.Error:
                    continue
            self.peak = max(self.peak, total)
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()


def batch(count: int, folder: Path, jobs: int | None) -> tuple[float, float]:
    """Seconds and peak MB to check and render ``count`` report files into a fresh folder."""
    report = examples.load("example-district-2024")
    inputs = folder / f"in-{count}"
    inputs.mkdir()
    for index in range(count):
        data.dump(attrs.evolve(report, agency=f"示例单位{index}"), inputs / f"{index:05}.toml")
    paths = sorted(inputs.iterdir())
    with PeakMemory() as memory:
        start = time.perf_counter()
        summary = render_many(paths, folder / f"out-{count}", jobs=jobs)
        seconds = time.perf_counter() - start
    assert summary.rendered == count, summary
    return seconds, memory.peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200, help="timed runs of (b) and (c)")
    parser.add_argument("--plain-runs", type=int, default=20, help="timed runs of (a)")
    parser.add_argument("--reports", type=int, default=1000, help="reports in the batch (d)")
    parser.add_argument("--jobs", type=int, default=None, help="batch workers (all cores)")
    parser.add_argument("--no-batch", action="store_true", help="skip (d)")
    args = parser.parse_args()

    report = examples.load("example-district-2024")
    compiled = load_template().compiled
    context = build_context(report)
    parts = compiled.fill(context)
    console = Console(width=None if sys.stdout.isatty() else 110)
    rows: list[tuple[str, str, str]] = []

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)

        def plain(i: int) -> None:
            write_atomic(folder / f"a{i}.docx", render_docxtpl(report))

        def compiled_write(i: int) -> None:
            write_atomic(folder / f"b{i}.docx", render(report))

        def floor_write(i: int) -> None:
            write_atomic(folder / f"c{i}.docx", compiled.pack(parts))

        a = median_ms(lambda _i: render_docxtpl(report), args.plain_runs)
        aw = median_ms(plain, args.plain_runs)
        b = median_ms(lambda _i: render(report), args.runs)
        bw = median_ms(compiled_write, args.runs)
        floors = {
            level: median_ms(lambda _i, lv=level: compiled.pack(parts, level=lv), args.runs)
            for level in (0, 1, 6, 9)
        }
        cw = median_ms(floor_write, args.runs)
        sizes = {level: len(compiled.pack(parts, level=level)) for level in floors}
        c = floors[DEFLATE_LEVEL]
        rows += [
            ("(a) plain docxtpl: load + render + save, to bytes", f"{a:.2f} ms", "reference"),
            ("(a) plain docxtpl, + atomic write", f"{aw:.2f} ms", "reference"),
            (
                "(b) compiled: render to bytes",
                f"{b:.2f} ms",
                f"{a / b:.0f}× faster than (a); {b / c:.1f}× the floor (c)",
            ),
            (
                "(b) compiled, + atomic write",
                f"{bw:.2f} ms",
                f"{aw / bw:.0f}× faster than (a); {bw / cw:.1f}× the floor (c)",
            ),
        ]
        for level, ms in floors.items():
            chosen = " (used)" if level == DEFLATE_LEVEL else ""
            rows.append(
                (
                    f"(c) zip floor: pack rendered parts, deflate {level}{chosen}",
                    f"{ms:.2f} ms",
                    f"{sizes[level]:,} bytes",
                )
            )
        rows.append((f"(c) zip floor, deflate {DEFLATE_LEVEL}, + atomic write", f"{cw:.2f} ms", ""))
        if not args.no_batch:
            jobs = args.jobs or os.cpu_count() or 1
            for count in (max(args.reports // 4, 1), args.reports):
                seconds, peak = batch(count, folder, args.jobs)
                rows.append(
                    (
                        f"(d) batch: {count} reports checked + rendered, {jobs} workers",
                        f"{seconds:.2f} s",
                        f"{count / seconds:.0f} reports/s; peak RSS {peak:.0f} MB",
                    )
                )

    table = Table(
        title=f"gpr_docx rendering ({os.cpu_count()} CPUs, Python {sys.version.split()[0]})"
    )
    for column in ("case", "median", "notes"):
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    console.print(table)


if __name__ == "__main__":
    main()

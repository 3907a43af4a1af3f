"""PDF conversion time: LibreOffice headless, cold and warm, alone and side by side.

Run from a checkout: ``python benchmarks/bench_pdf.py`` (``--help`` for options). Prints one table:

* (a) cold: the first conversion of a fresh Python process, which makes its LibreOffice profile
  (LibreOffice starts from disk, or from the page cache when something ran it lately);
* (b) warm: later conversions in the same process, which reuse the profile the first one made
  (each still starts ``soffice``);
* (c) for comparison: :func:`~gpr_docx.render.pdf.docx_to_pdf` with a new profile every call (as
  before profiles were kept): what keeping them saves;
* (d) two and four conversions at once in threads (wall time for all, against one after another);
* (e) ``render_many(..., to="pdf")``: reports per second over the worker processes.

The rendering of the .docx itself (about 1 ms, benchmarks/bench_render.py) is not included in (a)–(d).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gpr_docx import examples
from gpr_docx.batch import render_many
from gpr_docx.render import pdf as pdf_module
from gpr_docx.render.pdf import docx_to_pdf
from gpr_docx.render.template import render

COLD = """
import sys, time
sys.path.insert(0, {root!r})
from gpr_docx.render.pdf import docx_to_pdf
data = open({path!r}, "rb").read()
start = time.perf_counter()
docx_to_pdf(data)
print(time.perf_counter() - start)
"""


def cold_seconds(docx: Path) -> float:
    """The first conversion in a new Python process."""
    script = COLD.format(root=str(Path(__file__).resolve().parents[1]), path=str(docx))
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True)
    return float(out.stdout.strip())


def warm_seconds(docx: bytes, runs: int) -> list[float]:
    docx_to_pdf(docx)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        docx_to_pdf(docx)
        samples.append(time.perf_counter() - start)
    return samples


def fresh_profile_seconds(docx: bytes, runs: int) -> list[float]:
    """``docx_to_pdf`` with the process's profiles forgotten before every call."""
    samples = []
    for _ in range(runs):
        pdf_module._PROFILES = pdf_module._Profiles()
        start = time.perf_counter()
        docx_to_pdf(docx)
        samples.append(time.perf_counter() - start)
    pdf_module._PROFILES = pdf_module._Profiles()
    return samples


def side_by_side(docx: bytes, count: int) -> float:
    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=count) as pool:
        list(pool.map(lambda _: docx_to_pdf(docx), range(count)))
    return time.perf_counter() - start


def batch_seconds(reports: int, jobs: int) -> float:
    report = examples.load("example-district-2024")
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        summary = render_many([report] * reports, folder, to="pdf", jobs=jobs)
        elapsed = time.perf_counter() - start
    assert summary.ok, summary
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="conversions per warm case")
    parser.add_argument("--batch", type=int, default=8, help="reports in the batch case")
    args = parser.parse_args()
    if shutil.which("soffice") is None and not os.environ.get("GPR_DOCX_SOFFICE"):
        raise SystemExit("LibreOffice (soffice) is not installed")
    docx = render(examples.load("example-district-2024"))
    table = Table(title="PDF conversion (example-district-2024, 5 pages)")
    table.add_column("case")
    table.add_column("time", justify="right")
    table.add_column("notes")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "report.docx")
        path.write_bytes(docx)
        cold = cold_seconds(path)
        table.add_row("(a) cold: first conversion of a new process", f"{cold:.2f} s", "")
        warm = statistics.median(warm_seconds(docx, args.runs))
        table.add_row(
            "(b) warm: docx_to_pdf, the kept profile", f"{warm:.2f} s", f"median of {args.runs}"
        )
        fresh = statistics.median(fresh_profile_seconds(docx, args.runs))
        saved = fresh - warm
        table.add_row(
            "(c) docx_to_pdf with a new profile each call",
            f"{fresh:.2f} s",
            f"keeping the profile saves {saved:.2f} s ({saved / fresh:.0%})",
        )
    for count in (2, 4):
        wall = side_by_side(docx, count)
        table.add_row(
            f"(d) {count} conversions at once (threads)",
            f"{wall:.2f} s",
            f"{count * warm / wall:.1f}× one after another; {os.cpu_count()} cores",
        )
    jobs = os.cpu_count() or 1
    elapsed = batch_seconds(args.batch, jobs)
    table.add_row(
        f"(e) render_many to PDF: {args.batch} reports, {jobs} workers",
        f"{elapsed:.2f} s",
        f"{args.batch / elapsed:.2f} reports/s",
    )
    Console(width=120).print(table)


if __name__ == "__main__":
    main()

"""Reading speed per front end: how long :func:`gpr_docx.parse` takes for one report.

Run from a checkout: ``python benchmarks/bench_parse.py`` (``--help`` for options). Each front end
has one function below that lists its cases (a name, the input's bytes, the reader to call); a new
front end adds its function to ``FRONT_ENDS``. Every case is read from bytes already in memory, so
the figures are the reading alone, not the disk:

* ``docx``: the two built-in examples rendered by gpr_docx (the reference);
* ``html``: the committed test pages of ``tests/data/foreign/html/`` — LibreOffice's HTML of both
  examples, a portal page with 100 kB of chrome and layout tables, Word's "save as web page" in
  GBK, a GBK page — each read with :func:`gpr_docx.parse.html.parse_html`.

Prints the median per case over ``--runs`` runs (after 3 warm-up runs) and the peak RSS of the
process at the end.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gpr_docx import examples, render  # noqa: E402
from gpr_docx.parse import parse  # noqa: E402
from gpr_docx.parse.html import parse_html  # noqa: E402

HTML_PAGES = ROOT / "tests" / "data" / "foreign" / "html"
EXAMPLES = ("dasheng-2024", "example-district-2024")


@attrs.frozen
class Case:
    """One input of one front end and the call that reads it."""

    front_end: str
    name: str
    data: bytes
    read: Callable[[bytes], object]


def docx_cases() -> Iterator[Case]:
    for name in EXAMPLES:
        yield Case("docx", name, render(examples.load(name)), parse)


def html_cases() -> Iterator[Case]:
    for name in (*(f"lo-{n}" for n in EXAMPLES), "portal-2021", "word-2021", "gbk-2021"):
        yield Case("html", name, (HTML_PAGES / f"{name}.html").read_bytes(), parse_html)


FRONT_ENDS: dict[str, Callable[[], Iterator[Case]]] = {"docx": docx_cases, "html": html_cases}
"""Each front end's cases; the PDF front end adds ``"pdf": pdf_cases``."""


def median_ms(case: Case, runs: int, warmup: int = 3) -> float:
    """Median wall time of reading ``case`` in milliseconds."""
    for _ in range(warmup):
        case.read(case.data)
    samples = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        case.read(case.data)
        samples.append((time.perf_counter_ns() - start) / 1e6)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50, help="timed runs per case (default 50)")
    parser.add_argument(
        "front_ends",
        nargs="*",
        metavar="FRONT_END",
        help=f"of {', '.join(FRONT_ENDS)} (default: all)",
    )
    args = parser.parse_args()
    unknown = set(args.front_ends) - set(FRONT_ENDS)
    if unknown:
        parser.error(f"unknown front end(s): {', '.join(sorted(unknown))}")
    table = Table(title=f"gpr_docx.parse: median of {args.runs} runs per report")
    for column in ("front end", "report", "size", "median"):
        table.add_column(column, justify="right" if column in ("size", "median") else "left")
    for front_end in args.front_ends or FRONT_ENDS:
        for case in FRONT_ENDS[front_end]():
            ms = median_ms(case, args.runs)
            table.add_row(front_end, case.name, f"{len(case.data) / 1024:.0f} KB", f"{ms:.1f} ms")
    console = Console()
    console.print(table)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    console.print(f"peak RSS of the process: {peak:.0f} MB")


if __name__ == "__main__":
    main()

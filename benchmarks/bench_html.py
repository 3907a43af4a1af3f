"""Web page speed: ``render_html`` on the official page template, page and fragment, and its parts.

Run from a checkout: ``python benchmarks/bench_html.py`` (``--runs N``). Prints one table:

* the page (``render_html(report)``) and the fragment (``fragment=True``), to a string;
* the page + UTF-8 encoding + atomic write of the file (what ``gpr-docx render -o X.html`` does
  after the checks);
* its parts: building the context (``html_context``), and finding the compiled template (reading
  the template file and hashing it).

Target: ≤ 5 ms per report for the page.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.timing import median_ms
from gpr_docx import examples
from gpr_docx._fs import write_atomic
from gpr_docx.render import html

TARGET_MS = 5.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200, help="timed runs per case (default 200)")
    args = parser.parse_args()
    report = examples.load("example-district-2024")
    page = html.render_html(report)
    fragment = html.render_html(report, fragment=True)

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        cases = [
            (
                "page: render_html(report)",
                lambda _i: html.render_html(report),
                f"{len(page.encode()):,} bytes",
            ),
            (
                "fragment: render_html(report, fragment=True)",
                lambda _i: html.render_html(report, fragment=True),
                f"{len(fragment.encode()):,} bytes",
            ),
            (
                "page + encode + atomic write",
                lambda i: write_atomic(
                    out / f"{i}.html", html.render_html(report).encode("utf-8"), force=True
                ),
                "",
            ),
            ("part: html_context(report)", lambda _i: html.html_context(report), ""),
            ("part: find the compiled template", lambda _i: html._load(None), "read + SHA-256"),
        ]
        table = Table(title=f"render_html, medians of {args.runs} runs")
        table.add_column("case")
        table.add_column("median", justify="right")
        table.add_column("notes")
        results = {}
        for name, action, note in cases:
            results[name] = ms = median_ms(action, args.runs)
            table.add_row(name, f"{ms:.2f} ms", note)
    Console().print(table)
    verdict = "met" if results[cases[0][0]] <= TARGET_MS else "MISSED"
    print(f"target ≤ {TARGET_MS} ms per page: {verdict}")


if __name__ == "__main__":
    main()

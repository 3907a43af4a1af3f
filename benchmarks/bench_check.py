"""``gpr_docx.check(report)`` per report: the two examples and a long narrative.

    python benchmarks/bench_check.py [--runs 300]

Cases: ``example-district-2024`` (a short narrative, ~550 characters), ``dasheng-2024`` (a real
report's narrative, ~1 200 characters) and the example district with a long narrative (~11 000
characters: stock sentences of tests/helpers/narratives.py in every part of 总体情况, mixed with the
real-style sentences on figures of tests/check/test_accuracy.py). Each case is timed with R-2's
anchor prefilter (``gpr_docx.check.phrases.prefilter``) on and off (off: every pattern on every
clause, as before it); prints the median and p90 of ``--runs`` runs after 5 warm-up runs, in µs,
and checks that both give the same findings.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gpr_docx import Report, check, examples
from gpr_docx.check import phrases
from tests.check.test_accuracy import SENTENCES
from tests.helpers.editing import with_value
from tests.helpers.narratives import narrative

_OVERVIEW = ("active_disclosure", "on_request", "management", "platforms", "oversight")


def long_narrative(report: Report) -> Report:
    """``report`` with every part of 总体情况 about 2 000 characters, figures quoted among them."""
    rng = random.Random(2024)  # noqa: S311 -- reproducible test data, not secrets
    real = sorted(SENTENCES)
    for index, part in enumerate(_OVERVIEW):
        text = narrative(rng, report.agency, 1600)
        text += "".join(real[index::5][:8])
        report = with_value(report, f"overview.{part}", text)
    return report


def _time(report: Report, runs: int) -> tuple[float, float]:
    for _ in range(5):
        check(report)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        check(report)
        times.append(time.perf_counter() - start)
    times.sort()
    return statistics.median(times) * 1e6, times[int(len(times) * 0.9)] * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    district = examples.load("example-district-2024")
    cases = {
        "example-district-2024": district,
        "dasheng-2024": examples.load("dasheng-2024"),
        "long narrative": long_narrative(district),
    }
    print(f"{'case':<24}{'chars':>7}{'prefilter off':>22}{'prefilter on':>22}{'speed-up':>10}")
    for name, report in cases.items():
        chars = sum(len(getattr(report.overview, part)) for part in _OVERVIEW)
        chars += len(report.preface + report.problems + report.improvements + report.other_matters)
        results = {}
        for on in (False, True):
            phrases.prefilter = on
            results[on] = (_time(report, args.runs), check(report))
        phrases.prefilter = True
        if results[True][1] != results[False][1]:
            raise SystemExit(f"{name}: the findings differ with and without the prefilter")
        (off, off90), (on, on90) = results[False][0], results[True][0]
        print(
            f"{name:<24}{chars:>7}{off:>12.0f} (p90 {off90:>5.0f}){on:>12.0f} (p90 {on90:>5.0f})"
            f"{off / on:>9.1f}×"
        )


if __name__ == "__main__":
    main()

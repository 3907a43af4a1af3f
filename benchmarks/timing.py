"""Timing shared by the benchmark scripts."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_ms(action: Callable[[int], object], runs: int, warmup: int = 3) -> float:
    """Median wall time of ``action(i)`` in milliseconds (warm-up calls get negative ``i``)."""
    for index in range(warmup):
        action(-1 - index)
    samples = []
    for index in range(runs):
        start = time.perf_counter_ns()
        action(index)
        samples.append((time.perf_counter_ns() - start) / 1e6)
    return statistics.median(samples)

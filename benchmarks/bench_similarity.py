"""雷同 over a season's batch: 2 000 reports of about 3 000 characters of narrative, with copies planted.

    python benchmarks/bench_similarity.py [--units 2000] [--runs 3]

Every report opens with the same standard preface and is put together from the stock phrases real
reports share (tests/helpers/narratives.py), with its own places, projects and figures. Planted:
whole copies (another unit's narrative with the name swapped and the figures changed), half copies
(half the paragraphs taken from another unit) and, against last year (every unit has a previous
report), units whose report is last year's with a fifth of the paragraphs rewritten. Prints the time
of ``find_similar`` (normalising, shingling, the boilerplate discount, MinHash LSH and the exact
measures, all in one process), the planted pairs found and any pair found that was not planted.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gpr_docx.collect.similarity import find_similar
from tests.helpers.narratives import PREFACE, agency, narrative


def _refigure(rng: random.Random, text: str) -> str:
    return re.sub(r"\d+", lambda _: str(rng.randint(2, 900)), text)


def _mix(own: str, other: str, every: int) -> str:
    """``own`` with every ``every``-th paragraph replaced by ``other``'s."""
    mine, theirs = own.split("\n"), other.split("\n")
    for index in range(0, min(len(mine), len(theirs)), every):
        mine[index] = theirs[index]
    return "\n".join(mine)


def build(
    units: int, seed: int
) -> tuple[dict[str, str], dict[str, str], dict[str, str], set[tuple[str, str, bool]]]:
    """The batch: texts, last year's texts, names, and the planted pairs."""
    rng = random.Random(seed)  # noqa: S311 -- reproducible test data, not secrets
    keys = [f"{index:05d}" for index in range(units)]
    names = {key: agency(index) for index, key in enumerate(keys)}
    texts = {key: PREFACE + narrative(rng, names[key]) for key in keys}
    previous = {key: PREFACE + narrative(rng, names[key]) for key in keys}
    planted: set[tuple[str, str, bool]] = set()
    chosen = rng.sample(keys, 120)
    for left, right in zip(chosen[0:40:2], chosen[1:40:2], strict=True):  # whole copies
        texts[right] = _refigure(rng, texts[left].replace(names[left], names[right]))
        planted.add((min(left, right), max(left, right), False))
    for left, right in zip(chosen[40:80:2], chosen[41:80:2], strict=True):  # half copies
        texts[right] = _mix(texts[right], texts[left], 2)
        planted.add((min(left, right), max(left, right), False))
    for key in chosen[80:120]:  # last year's, a fifth rewritten
        texts[key] = _refigure(rng, _mix(previous[key], texts[key], 5))
        planted.add((key, key, True))
    return texts, previous, names, planted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    texts, previous, names, planted = build(arguments.units, seed=2025)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS after building the texts: {before:.0f} MB")
    size = statistics.mean(len(t) for t in texts.values())
    print(f"{len(texts)} reports, {size:.0f} characters each on average, {len(planted)} planted")
    times, cpu = [], []
    for _ in range(arguments.runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        pairs = find_similar(texts, previous=previous, names=names)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    found = {(p.left, p.right, p.cross_year) for p in pairs}
    hits = found & planted
    print(
        f"find_similar: median {statistics.median(times):.2f} s over {len(times)} runs"
        f" (CPU {statistics.median(cpu):.2f} s; min {min(times):.2f} s)"
    )
    print(f"planted found: {len(hits)}/{len(planted)} (recall {len(hits) / len(planted):.3f})")
    print(f"pairs found that were not planted: {len(found - planted)}")
    for kind, cross in (("within the year", False), ("against last year", True)):
        shares = [p.share for p in pairs if p.cross_year is cross]
        if shares:
            print(f"  {kind}: {len(shares)} pairs, share {min(shares):.2f}–{max(shares):.2f}")
    longest = max((p for p in pairs if p.passages), key=lambda p: p.passages[0].length)
    print(f"  longest passage quoted: {longest.passages[0].length} characters")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the process (texts included): {peak:.0f} MB")


if __name__ == "__main__":
    main()

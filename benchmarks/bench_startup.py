"""Start-up time of the command line against the bare interpreter's, in the same run.

Run from a checkout: ``python benchmarks/bench_startup.py`` (``--help`` for options). Each case is a
new process, timed from start to exit (wall time); the cases take turns, run after run, so that a
busy moment of the machine touches all of them alike. Prints the median and the fastest run of each
case and its ratio to ``python -c pass``:

* ``python -c pass`` and ``python -c "import gpr_docx"``;
* ``gpr-docx --help``;
* ``gpr-docx render report.toml -o out.docx --overwrite`` for one report, with a warm template cache
  (the compiled template on disk) and with a cold one (an empty cache folder each run).

Targets of issue 8: ``--help`` at most 10×, a one-report render at most 20× the bare interpreter.
The checkout is put first on ``PYTHONPATH``, so an installed (or editable) copy elsewhere is not
what gets measured; ``gpr-docx`` is the console script beside this interpreter when there is one.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGETS = {"gpr-docx --help": 10.0, "gpr-docx render, warm cache": 20.0}
"""Largest ratio to ``python -c pass`` each case may take (issue 8, item 9)."""


def command_line() -> tuple[list[str], str]:
    """How to start ``gpr-docx``: its console script if installed beside this Python, else ``-m``."""
    script = Path(sysconfig.get_path("scripts")) / "gpr-docx"
    if script.is_file():
        return [sys.executable, str(script)], str(script)
    return [sys.executable, "-m", "gpr_docx"], f"{sys.executable} -m gpr_docx"


def timed(command: list[str], env: dict[str, str], cwd: Path) -> float:
    """Seconds from starting ``command`` to its exit; it must succeed."""
    start = time.perf_counter()
    done = subprocess.run(
        command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr.decode(errors='replace')}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs of each case")
    parser.add_argument("--example", default="example-district-2024", help="the report rendered")
    args = parser.parse_args()

    from gpr_docx import data, examples

    gpr_docx, shown = command_line()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        report = work / "report.toml"
        data.dump(examples.load(args.example), report)
        warm_cache = work / "warm-cache"
        path = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(path)}
        env.pop("GPR_DOCX_NO_CACHE", None)
        render = [*gpr_docx, "render", str(report), "-o", str(work / "out.docx"), "--overwrite"]
        cases: dict[str, tuple[list[str], str | None]] = {
            "python -c pass": ([sys.executable, "-c", "pass"], None),
            'python -c "import gpr_docx"': ([sys.executable, "-c", "import gpr_docx"], None),
            "gpr-docx --help": ([*gpr_docx, "--help"], None),
            "gpr-docx render, warm cache": (render, str(warm_cache)),
            "gpr-docx render, cold cache": (render, "cold"),
        }
        samples: dict[str, list[float]] = {name: [] for name in cases}
        for run in range(-1, args.runs):  # run -1 warms the OS caches and fills the warm cache
            for name, (command, cache) in cases.items():
                case_env = dict(env)
                folder = str(work / f"cold-{run}") if cache == "cold" else cache
                if folder is not None:
                    case_env["GPR_DOCX_CACHE_DIR"] = folder
                seconds = timed(command, case_env, work)
                if cache == "cold":
                    shutil.rmtree(str(folder), ignore_errors=True)
                if run >= 0:
                    samples[name].append(seconds)

    base = statistics.median(samples["python -c pass"])
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"Start-up, median and fastest of {args.runs} runs; "
        f"{os.cpu_count()} CPUs, {platform.machine()}, Python {platform.python_version()}, "
        f"load average {load:.2f}; gpr-docx = {shown}\n"
    )
    print(f"| {'case':<34} | {'median':>9} | {'fastest':>9} | {'× python -c pass':>17} |")
    print(f"|{'-' * 36}|{'-' * 11}|{'-' * 11}|{'-' * 19}|")
    failed = []
    for name, values in samples.items():
        median = statistics.median(values)
        ratio = median / base
        target = TARGETS.get(name)
        verdict = "" if target is None else f" (target ≤ {target:.0f}×)"
        if target is not None and ratio > target:
            failed.append(name)
        print(
            f"| {name:<34} | {median:>7.3f} s | {min(values):>7.3f} s | "
            f"{f'{ratio:.1f}×{verdict}':>17} |"
        )
    if failed:
        print(f"\nover target: {', '.join(failed)}")


if __name__ == "__main__":
    main()

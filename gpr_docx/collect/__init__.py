"""The supervising office's season: collect every unit's report, check them, roll up the region.

:func:`collect` runs it over a folder of submissions and a unit registry (:mod:`.registry`):
submissions are matched to units (:mod:`.matching`), read and checked in an executor
(:mod:`.run`), compared for copied text (雷同, :mod:`.similarity`), summed into the roll-up
(:mod:`.rollup`), and written as the status workbook (:mod:`.status`) and the roll-up's data and
draft (:mod:`.outputs`). See docs/collect.md.

This module stays light: :func:`collect` imports the machinery on first call, so that
``import gpr_docx`` (which binds ``gpr_docx.collect`` to the function) stays fast; it is the one
place the collect's steps are put together (the steps themselves are in :mod:`.run`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Final

from .._lazy import lazy_attributes

if TYPE_CHECKING:
    import concurrent.futures

    from ..check.profile import Profile
    from .registry import Registry, Unit, load_registry
    from .run import CollectResult, Submission, UnitOutcome, UnitStatus

__all__ = [
    "CollectResult",
    "Registry",
    "Submission",
    "Unit",
    "UnitOutcome",
    "UnitStatus",
    "collect",
    "load_registry",
]

_LAZY: Final = {
    **dict.fromkeys(("Registry", "Unit", "load_registry"), "registry"),
    **dict.fromkeys(("CollectResult", "Submission", "UnitOutcome", "UnitStatus"), "run"),
}


def collect(
    submissions: str | os.PathLike[str],
    units: Registry | str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    previous: str | os.PathLike[str] | None = None,
    include: Sequence[str] | None = None,
    year: int | None = None,
    agency: str | None = None,
    executor: concurrent.futures.Executor | None = None,
    jobs: int | None = None,
    force: bool = False,
    on_result: Callable[[Submission], None] | None = None,
    review_sheets: bool = True,
    reviewer: str | None = None,
    profile: Profile | str | os.PathLike[str] | None = None,
    similarity: float | None = None,
) -> CollectResult:
    """Collect every unit's report: who sent what, what the checks find, and the roll-up.

    Reads every file in ``submissions`` (data files, workbooks, .docx, web pages, PDFs; files
    that cannot be read are reported, never a reason to stop), matches each to its unit of the
    registry (docs/collect.md: by code, then by name and aliases; never guessed), checks it (with
    last year's report of the same unit when ``previous`` is given), and writes into ``out_dir``:
    ``汇总表.xlsx`` (one row per unit, every finding, the 雷同 pairs — units whose narratives copy
    one another's or their own last year's — and the per-unit breakdown of the roll-up),
    a 审核意见单 for each report read (:func:`gpr_docx.review_sheet`, in the folder ``审核意见单``,
    named ``<代码>-<名称>-审核意见单.docx``), ``汇总数据.json`` and ``汇总报告（草稿）.docx`` (the
    roll-up, its texts left for the office).

    Args:
        submissions: The folder the units' reports were received into (subfolders too).
        units: The unit registry: a :class:`~gpr_docx.collect.registry.Registry` or its ``.csv``/``.xlsx``
            file.
        out_dir: The output folder; it appears whole when the collect is done, or not at all.
        previous: Last year's folder of reports, matched to units the same way, for the
            cross-year rules.
        include: The registry categories (类别) the roll-up counts (``None``: every unit).
        year: The year collected (``None``: the year most units reported, the later one on a
            tie); a report for another year is an error and not counted.
        agency: The agency the roll-up is the report of (``None``: 本级汇总).
        executor: Where the per-unit work runs (default: a process pool of ``jobs`` workers), as
            for :func:`gpr_docx.render_many`; its workers must see the files.
        jobs: Worker processes of the default pool (``None``: one per core).
        force: Replace an ``out_dir`` that exists and is not empty.
        on_result: Called in this process with each submission as soon as it is read, checked
            and matched.
        review_sheets: Write a review sheet for every report read (its reading and check
            findings, as ``gpr-docx check --format docx`` would).
        reviewer: The reviewer's name on every review sheet (``None``: left blank to sign).
        profile: A local rule profile (:class:`~gpr_docx.Profile`, its ``.toml`` file or a
            built-in name; :func:`gpr_docx.load_profile`) every report is checked with, and the
            roll-up's arithmetic rules run as.
        similarity: 雷同: the smallest share of a unit's own wording (boilerplate every unit
            shares left out) found in another unit's report, or in its own last year's, that is
            listed (``None``: :data:`~gpr_docx.collect.narrative.DEFAULT_THRESHOLD`; see
            :func:`~gpr_docx.collect.similarity.find_similar`).

    Returns:
        Every unit's outcome in registry order, the files no unit could be told for, the
        roll-up and its findings, and the files written. Without the optional extra
        ``gpr-docx[collect]`` 雷同 is not compared and ``similarity_skipped`` says so (GPR630);
        all the rest is done.

    Raises:
        gpr_docx.RegistryError: The registry cannot be read, or ``include`` names a category it does not
            have (before any submission is read).
        gpr_docx.ProfileError: The profile does not fit the profile format (before any
            submission is read); a profile that does not exist is InputNotFoundError.
        InputError: ``submissions`` is not a folder.
        OutputExistsError: ``out_dir`` exists and is not empty, and ``force`` is false.
        OutputError: The output cannot be written; nothing is left half-written.
        ValueError: ``jobs`` is less than 1, or ``similarity`` is not in (0, 1].
        KeyboardInterrupt: Ctrl-C stops the collect; nothing is written.
    """
    import shutil
    import tempfile
    from pathlib import Path

    import attrs

    from ..batch import _checked_jobs, _process_pool, _window
    from . import run
    from .registry import Registry, load_registry

    jobs = _checked_jobs(jobs)
    registry = units if isinstance(units, Registry) else load_registry(units)
    if include is not None:
        registry.check_categories(include)
    options = run._Options.of(reviewer=reviewer, profile=profile, similarity=similarity)
    target = Path(out_dir)
    root = Path(submissions)
    given = (submissions, previous, None if isinstance(units, Registry) else units)
    run._check_target(target, force, [Path(p) for p in given if p is not None])
    files = run.submissions_in(root, skip=target)
    staging = run._staging_folder(target)
    own = executor is None
    pool = _process_pool(jobs) if executor is None else executor
    window = _window(jobs)
    sheets = staging / run.SHEETS_FOLDER
    options = attrs.evolve(options, sheets=str(sheets) if review_sheets else "")
    try:
        if review_sheets:
            sheets.mkdir()
        with tempfile.TemporaryFile(dir=staging) as spool:
            state = run._Run(registry, root, spool, on_result, options)
            if previous is not None:
                state.previous_of = run._previous_index(
                    state.matcher, Path(previous), pool, window, own
                )
            tasks = (
                run._Task(i, str(path), state.previous_for(path), options)
                for i, path in enumerate(files)
            )
            state.take_all(run._streamed(pool, run._examine, tasks, window, own))
            state.take_all(
                run._streamed(pool, run._examine, state.redo(), window, False), again=True
            )
            result = state.finish(staging, target, year=year, include=include, agency=agency)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        if own:
            pool.shutdown(wait=True, cancel_futures=True)
    run._publish(staging, target, force)
    return attrs.evolve(
        result,
        files=tuple(target / p.relative_to(staging) for p in result.files),
        sheets=tuple(target / p.relative_to(staging) for p in result.sheets),
    )


__getattr__, __dir__ = lazy_attributes(__name__, _LAZY)

"""Collect a folder of submissions: read and check each in the executor, match it to its unit,
keep a small summary, and write the office's outputs into the output folder in one step.

The per-unit work (read, check, the 审核意见单) runs over the executor interface of
:func:`gpr_docx.render_many`: a process pool by default, or any :class:`concurrent.futures.Executor`
(a Dask client's ``get_executor()``). Only a :class:`Submission` comes back — counts, the agency,
the table cells as one tuple, the narrative for 雷同 — and its findings go straight to a spool
file, so memory stays flat in the number of units; the review sheet is written by the worker into
the staging folder under a provisional name and named after its unit once the report is matched. Everything is written into a hidden staging folder beside the output folder, which takes
the output folder's name only when all is written: a collect killed half-way leaves no part of its
output (the next collect removes the staging folder once it is older than
:data:`~gpr_docx.batch.STALE_AFTER`).
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import enum
import json
import os
import secrets
import shutil
import time
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final

import attrs

from .._fs import write_atomic
from ..batch import STALE_AFTER, UniqueNames, _interrupts_ignored, safe_file_name
from ..check import check, findings_from_error
from ..check.profile import Profile, load_profile
from ..errors import (
    DUPLICATE_SUBMISSION,
    PREVIOUS_UNREADABLE,
    UNIT_MISSING,
    WRONG_YEAR,
    GprError,
    InputError,
    OutputError,
    OutputExistsError,
    ParseError,
    RenderError,
    SimilaritySupportMissingError,
)
from ..findings import Finding, Severity, sort_findings
from ..form import Location, report_location
from ..inputs import read
from ..model import Report
from ..review import review_sheet
from .matching import Match, Matcher
from .narrative import DEFAULT_THRESHOLD, report_text
from .registry import Registry, Unit
from .rollup import UnitCells, cells_of, roll_up, sum_cells

if TYPE_CHECKING:
    from .similarity import SimilarPair

__all__ = [
    "DEFAULT_AGENCY",
    "DRAFT_NAME",
    "ROLLUP_DATA_NAME",
    "SHEETS_FOLDER",
    "STATUS_NAME",
    "CollectResult",
    "Submission",
    "UnitOutcome",
    "UnitStatus",
    "submissions_in",
]

STATUS_NAME: Final = "汇总表.xlsx"
"""The status workbook in the output folder."""
ROLLUP_DATA_NAME: Final = "汇总数据.json"
"""The roll-up as ``gpr/2021`` data."""
DRAFT_NAME: Final = "汇总报告（草稿）.docx"
"""The roll-up rendered as a draft of the government's own report."""
SHEETS_FOLDER: Final = "审核意见单"
"""The folder of the review sheets in the output folder."""
DEFAULT_AGENCY: Final = "本级汇总"
"""The agency of the roll-up when none is given: the office writes its government's name in."""


_SHEET_SUFFIX: Final = ".docx"
_SKIPPED_PREFIXES: Final = (".", "~$")
"""Hidden files and the lock files Word and Excel leave beside an open document."""


class UnitStatus(enum.StrEnum):
    """Where one unit stands, as the status workbook says it."""

    PASSED = "通过"
    """Read and checked: no errors, no warnings."""
    SUBMITTED = "已报送"
    """Read and checked: no errors, but warnings for someone to look at."""
    ERRORS = "有错误"
    """The checks found errors, or the unit sent two reports or one for another year."""
    UNREADABLE = "无法读取"
    """What the unit sent could not be read into a report."""
    MISSING = "未报送"
    """Nothing from the unit was received."""


@attrs.frozen
class Submission:
    """One received file, read and checked: small enough to send back from any worker."""

    index: int
    """Its place in the folder listing."""
    source: str
    """The file."""
    readable: bool
    agency: str = ""
    year: int | None = None
    code: str = ""
    """The error code of a file that could not be read."""
    message: str = ""
    """Why it could not be read (or, for a report read, why its review sheet could not be
    made), in Chinese."""
    errors: int = 0
    warnings: int = 0
    findings: tuple[Finding, ...] = ()
    """What reading and the checks found (dropped once spooled)."""
    cells: UnitCells | None = None
    previous: str = ""
    """Last year's report it was checked against, if any."""
    sheet: str = ""
    """Its review sheet, staged under a provisional name (empty: none was made)."""
    text: str = ""
    """Its narrative as 雷同 compares it (:func:`~gpr_docx.collect.narrative.report_text`)."""
    previous_text: str = ""
    """The narrative of last year's report it was checked against."""
    unit: str = ""
    """The code of the unit it was matched to (set by the collecting process)."""
    how: str = ""
    """How it was matched, or what the matching problem is."""
    problem: str = ""
    """``GPR611`` (no unit), ``GPR612`` (several), ``GPR615`` (code and name disagree), or empty."""


@attrs.frozen
class UnitOutcome:
    """One unit of the registry after the collect."""

    unit: Unit
    status: UnitStatus
    files: tuple[str, ...] = ()
    """What it sent (more than one is an error)."""
    errors: int = 0
    """Errors found: by the checks, and the collect's own (two reports, another year)."""
    warnings: int = 0
    problems: tuple[Finding, ...] = ()
    """The collect's own findings about the unit (未报送, 重复报送, 年度不符)."""
    included: bool = False
    """Counted in the roll-up."""
    excluded_because: str = ""
    """Why a unit in the roll-up's categories is not counted."""
    how: str = ""
    """How its report was matched to it."""
    agency: str = ""
    """The agency its report names."""
    year: int | None = None


@attrs.frozen
class CollectResult:
    """What a collect found and wrote."""

    out_dir: Path
    year: int | None
    """The year collected (given, or the one most units reported)."""
    units: tuple[UnitOutcome, ...]
    """Every unit of the registry, in its order."""
    unmatched: tuple[Submission, ...] = ()
    """Received files that could not be told to belong to one unit."""
    sheets: tuple[Path, ...] = ()
    """The 审核意见单 written, one for each report read (in the folder ``审核意见单``)."""
    similar: tuple[SimilarPair, ...] = ()
    """雷同: units whose narratives copy one another's, or their own last year's (keys are unit
    codes), most copied first."""
    similarity_skipped: str = ""
    """Why 雷同 was not compared (the GPR630 message: the optional extra ``gpr-docx[collect]`` is
    not installed); empty when it was."""
    rollup: Report | None = None
    """The units' tables summed (``None`` when no unit could be counted)."""
    rollup_findings: tuple[Finding, ...] = ()
    """What the arithmetic rules found in the roll-up."""
    files: tuple[Path, ...] = ()
    """Every file written, in the output folder."""

    def counts(self) -> dict[UnitStatus, int]:
        """Units per status, in the order of :class:`UnitStatus`."""
        found = Counter(u.status for u in self.units)
        return {status: found[status] for status in UnitStatus}

    @property
    def missing(self) -> list[Unit]:
        """The units that sent nothing."""
        return [u.unit for u in self.units if u.status is UnitStatus.MISSING]

    @property
    def included(self) -> list[Unit]:
        """The units counted in the roll-up."""
        return [u.unit for u in self.units if u.included]


# -- the work of one submission (runs in a worker) ---------------------------------------------


@attrs.frozen
class _Options:
    """What every task of one collect shares."""

    sheets: str = ""
    """The folder the review sheets are staged in (empty: no sheets)."""
    reviewer: str | None = None
    profile: Profile | None = None
    """The local rule profile every report is checked with."""
    similarity: float = DEFAULT_THRESHOLD
    """The smallest share of copied text reported as 雷同."""

    @classmethod
    def of(
        cls,
        *,
        reviewer: str | None,
        profile: Profile | str | os.PathLike[str] | None,
        similarity: float | None,
    ) -> _Options:
        """The options of :func:`gpr_docx.collect`'s arguments (the profile loaded, the threshold
        checked), without the sheets' folder, which is made later."""
        if profile is not None and not isinstance(profile, Profile):
            profile = load_profile(profile)
        similarity = DEFAULT_THRESHOLD if similarity is None else similarity
        if not 0 < similarity <= 1:
            raise ValueError(f"similarity must be in (0, 1], not {similarity!r}")
        return cls("", reviewer, profile, similarity)


@attrs.frozen
class _Task:
    index: int
    source: str
    previous: str = ""
    options: _Options = _Options()


def _examine(task: _Task) -> Submission:
    """Read and check one submission (with last year's report when given)."""
    try:
        given = read(task.source)
    except (InputError, ParseError) as error:
        place = f"{error.place}：" if error.place and error.place != task.source else ""
        return Submission(
            task.index,
            task.source,
            readable=False,
            code=error.code,
            message=place + error.message,
            errors=1,
            findings=tuple(findings_from_error(error)),
        )
    except Exception as error:  # one broken file must not stop the collect
        return _failed(task, "读取失败", error)
    report = given.report
    previous, notes = _previous_report(task.previous)
    last_text = report_text(previous) if previous is not None else ""
    findings = sort_findings(
        [*given.findings, *notes, *check(report, previous, profile=task.options.profile)]
    )
    sheet, trouble = _review_sheet(task, report, findings)
    return Submission(
        task.index,
        task.source,
        readable=True,
        agency=report.agency,
        year=report.year,
        errors=sum(f.severity is Severity.ERROR for f in findings),
        warnings=sum(f.severity is Severity.WARNING for f in findings),
        findings=tuple(findings),
        cells=cells_of(report),
        previous=task.previous,
        sheet=sheet,
        message=trouble,
        text=report_text(report),
        previous_text=last_text,
    )


def _failed(task: _Task, what: str, error: Exception) -> Submission:
    """The file of ``task``, which failed in a way no reader foresaw (``what``: 读取失败 in the
    worker, 处理中断 when the worker itself died)."""
    message = f"{what}：{type(error).__name__}：{error}"
    return Submission(
        task.index, task.source, readable=False, code=ParseError.code, message=message, errors=1
    )


def _review_sheet(task: _Task, report: Report, findings: list[Finding]) -> tuple[str, str]:
    """Stage the 审核意见单 of one report under a name of its own; the collecting process names it
    after its unit once the report is matched. Returns the staged file, or why there is none."""
    if not task.options.sheets:
        return "", ""
    try:
        data = review_sheet(report, findings, reviewer=task.options.reviewer)
        staged = write_atomic(
            Path(task.options.sheets) / f".{task.index}{_SHEET_SUFFIX}", data, force=True
        )
    except GprError as error:
        return "", f"审核意见单未生成：{error}"
    return str(staged), ""


def _previous_report(path: str) -> tuple[Report | None, list[Finding]]:
    if not path:
        return None, []
    try:
        return read(path).report, []
    except (InputError, ParseError) as error:
        return None, [
            Finding(
                PREVIOUS_UNREADABLE,
                Severity.WARNING,
                Location("上一年度报告", path=path),
                f"上一年度报告「{path}」无法读取（{error.code} {error.message}），未做跨年度核对",
            )
        ]


def _identify(source: str) -> tuple[str, int | None]:
    """The agency and year of last year's report ``source`` (empty when it cannot be read)."""
    try:
        report = read(source).report
    except (InputError, ParseError):
        return "", None
    return report.agency, report.year


def _streamed(
    pool: concurrent.futures.Executor,
    function: Callable[[Any], Any],
    items: Iterable[Any],
    window: int,
    first: bool,
) -> Generator[tuple[Any, concurrent.futures.Future[Any]], None, None]:
    """Submit ``function(item)`` for each item, at most ``window`` in flight; yield each item and
    its finished future in order. Pending work is cancelled if the consumer stops."""
    pending: deque[tuple[Any, concurrent.futures.Future[Any]]] = deque()
    try:
        for number, item in enumerate(items):
            with _interrupts_ignored() if first and number == 0 else contextlib.nullcontext():
                pending.append((item, pool.submit(function, item)))
            if len(pending) >= window:
                item_done, future = pending.popleft()
                concurrent.futures.wait([future])
                yield item_done, future
        while pending:
            item_done, future = pending.popleft()
            concurrent.futures.wait([future])
            yield item_done, future
    finally:
        # Stopped early (an interrupt, an error): nothing more starts, and what runs is waited
        # for, so that no worker writes into the staging folder after it is removed.
        for _item, future in pending:
            future.cancel()
        concurrent.futures.wait([future for _item, future in pending])


# -- listing the folders ------------------------------------------------------------------------


def submissions_in(folder: str | os.PathLike[str], *, skip: Path | None = None) -> list[Path]:
    """Every file in ``folder`` and its subfolders, sorted, but hidden files and folders, Office
    lock files (``~$…``) and anything inside ``skip`` (the output folder)."""
    root = Path(folder)
    if not root.is_dir():
        raise InputError("不是一个文件夹；请给出存放各单位报告的文件夹", place=str(root))
    found: list[Path] = []
    skipped = skip.resolve() if skip is not None else None
    for directory, folders, files in os.walk(root):
        here = Path(directory)
        folders[:] = sorted(
            f
            for f in folders
            if not f.startswith(_SKIPPED_PREFIXES) and (here / f).resolve() != skipped
        )
        found.extend(here / f for f in sorted(files) if not f.startswith(_SKIPPED_PREFIXES))
    return found


def _names_of(path: Path, root: Path) -> list[str]:
    """The stem of ``path``, then the folders it sits in below ``root`` (innermost first)."""
    try:
        parents = path.relative_to(root).parent.parts
    except ValueError:
        parents = ()
    return [path.stem, *reversed(parents)]


# -- the collect (run by gpr_docx.collect) ----------------------------------------------------


def _previous_index(
    matcher: Matcher,
    folder: Path,
    pool: concurrent.futures.Executor,
    window: int,
    first: bool,
) -> dict[str, str]:
    """Last year's report of each unit (by code): matched by file name, else read for its agency.
    A unit with two files last year has none (which one counts is not guessed)."""
    found: dict[str, list[str]] = {}
    unnamed: list[Path] = []
    for path in submissions_in(folder):
        match = matcher.match(_names_of(path, folder), None, shown=path.name)
        if match.unit is not None and match.how.startswith("文件名中的代码"):
            found.setdefault(match.unit.code, []).append(str(path))
        else:
            unnamed.append(path)
    identified = _streamed(pool, _identify, (str(p) for p in unnamed), window, first)
    with contextlib.closing(identified) as stream:
        for path, future in stream:
            agency, _year = future.result()
            names = _names_of(Path(path), folder)
            match = matcher.match(names, agency or None, shown=Path(path).name)
            if match.unit is not None:
                found.setdefault(match.unit.code, []).append(path)
    return {code: paths[0] for code, paths in found.items() if len(paths) == 1}


class _Run:
    """The collecting process's side: matches results, spools findings, keeps the summaries."""

    def __init__(
        self,
        registry: Registry,
        root: Path,
        spool: IO[bytes],
        on_result: Callable[[Submission], None] | None,
        options: _Options,
    ) -> None:
        self.options = options
        self.registry = registry
        self.matcher = Matcher(registry)
        self.root = root
        self.spool = spool
        self.on_result = on_result
        self.previous_of: dict[str, str] = {}
        self.by_unit: dict[str, dict[int, Submission]] = {}
        self.unmatched: list[Submission] = []
        self.superseded: set[int] = set()
        self._redo: list[_Task] = []

    def previous_for(self, path: Path) -> str:
        """Last year's report of the unit the file name names (before the file is read)."""
        if not self.previous_of:
            return ""
        match = self.matcher.match(_names_of(path, self.root), None, shown=path.name)
        return self.previous_of.get(match.unit.code, "") if match.unit is not None else ""

    def take(
        self, task: _Task, future: concurrent.futures.Future[Submission], *, again: bool = False
    ) -> None:
        try:
            submission = future.result()
        except Exception as error:  # a worker that died fails its file only
            submission = _failed(task, "处理中断", error)
        path = Path(submission.source)
        match = self.matcher.match(
            _names_of(path, self.root),
            submission.agency if submission.readable else None,
            shown=path.name,
        )
        submission = _matched(submission, match)
        checked_again = False
        if again:
            self.superseded.add(submission.index)
        elif (
            submission.readable
            and match.unit is not None
            and self.previous_of.get(match.unit.code, "") != submission.previous
        ):
            # Its file name pointed to another unit's last year than its content does (or to
            # none): check it again with its own unit's.
            self._redo.append(
                _Task(
                    submission.index,
                    submission.source,
                    self.previous_of.get(match.unit.code, ""),
                    self.options,
                )
            )
            checked_again = True
        self._spool(submission, again)
        if self.on_result is not None and not checked_again:
            self.on_result(submission)
        kept = attrs.evolve(submission, findings=())
        if match.unit is None:
            kept = attrs.evolve(kept, text="", previous_text="")  # compared only within units
            self.unmatched.append(kept)
        else:
            self.by_unit.setdefault(match.unit.code, {})[kept.index] = kept

    def take_all(
        self,
        stream: Generator[tuple[_Task, concurrent.futures.Future[Submission]], None, None],
        *,
        again: bool = False,
    ) -> None:
        """Take every finished task of ``stream`` (closing it, and so cancelling what is left,
        if taking one fails)."""
        with contextlib.closing(stream):
            for task, future in stream:
                self.take(task, future, again=again)

    def redo(self) -> list[_Task]:
        return self._redo

    def _spool(self, submission: Submission, again: bool) -> None:
        rows = [
            [
                submission.index,
                int(again),
                submission.unit,
                submission.source,
                f.rule,
                f.severity.label,
                str(f.location),
                f.message,
            ]
            for f in submission.findings
        ]
        if submission.readable and submission.message:  # the review sheet could not be made
            rows.append(
                [submission.index, int(again), submission.unit, submission.source,
                 RenderError.code, Severity.WARNING.label, SHEETS_FOLDER, submission.message]
            )  # fmt: skip
        if not submission.readable and not submission.findings:
            rows.append(
                [
                    submission.index,
                    int(again),
                    submission.unit,
                    submission.source,
                    submission.code,
                    Severity.ERROR.label,
                    "文件",
                    submission.message,
                ]
            )
        for row in rows:
            self.spool.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")

    def finding_rows(self) -> Iterator[list[Any]]:
        """Every spooled finding row (a file checked again gives its second rows only)."""
        self.spool.seek(0)
        for line in self.spool:
            index, again, *row = json.loads(line)
            if index in self.superseded and not again:
                continue
            yield row

    def finish(
        self,
        staging: Path,
        target: Path,
        *,
        year: int | None,
        include: Sequence[str] | None,
        agency: str | None,
    ) -> CollectResult:
        from .outputs import write_outputs

        if year is None:
            year = _majority_year(s for subs in self.by_unit.values() for s in subs.values())
        outcomes = [self._outcome(unit, year, include) for unit in self.registry]
        included_cells = [
            next(iter(self.by_unit[o.unit.code].values())).cells for o in outcomes if o.included
        ]
        rollup: Report | None = None
        rollup_findings: list[Finding] = []
        if year is not None and included_cells:
            rollup, rollup_findings = roll_up(
                sum_cells(c for c in included_cells if c is not None),
                year=year,
                agency=agency or DEFAULT_AGENCY,
                profile=self.options.profile,
            )
        similar, skipped = self._similar()
        result = CollectResult(
            out_dir=target,
            year=year,
            units=tuple(outcomes),
            unmatched=tuple(self.unmatched),
            similar=tuple(similar),
            similarity_skipped=skipped,
            rollup=rollup,
            rollup_findings=tuple(rollup_findings),
        )
        sheets = self._name_sheets(staging)
        written = write_outputs(result, staging, self)
        return attrs.evolve(result, files=tuple(written), sheets=tuple(sheets))

    def _name_sheets(self, staging: Path) -> list[Path]:
        """Give each staged review sheet its unit's name: ``<代码>-<名称>-审核意见单.docx`` (a unit
        that sent two reports gets two, numbered), ``未匹配-<文件名>-审核意见单.docx`` for a report
        no unit could be told for."""
        folder = staging / SHEETS_FOLDER
        names = UniqueNames()
        named: list[Path] = []
        staged: list[tuple[str, Submission]] = []
        for unit in self.registry:
            subs = sorted(self.by_unit.get(unit.code, {}).values(), key=lambda s: s.index)
            staged.extend((f"{unit.code}-{unit.name}-{SHEETS_FOLDER}", s) for s in subs)
        staged.extend((f"未匹配-{Path(s.source).stem}-{SHEETS_FOLDER}", s) for s in self.unmatched)
        for stem, submission in staged:
            if not submission.sheet:
                continue
            target = folder / names.claim(safe_file_name(stem))
            Path(submission.sheet).replace(target)
            named.append(target)
        return named

    def _similar(self) -> tuple[list[SimilarPair], str]:
        """雷同 among the units that sent one readable report, and of each against its own last
        year's; the texts are dropped once compared. Without the optional extra that compares
        them, no pairs and the reason (the rest of the collect does not need it)."""
        texts: dict[str, str] = {}
        previous: dict[str, str] = {}
        names: dict[str, tuple[str, ...]] = {}
        for unit in self.registry:
            subs = self.by_unit.get(unit.code, {})
            if len(subs) != 1:
                continue
            (submission,) = subs.values()
            if not submission.readable:
                continue
            texts[unit.code] = submission.text
            names[unit.code] = (unit.name, *unit.aliases)
            if submission.previous_text:
                previous[unit.code] = submission.previous_text
        for code in texts:
            for index, submission in self.by_unit[code].items():
                self.by_unit[code][index] = attrs.evolve(submission, text="", previous_text="")
        try:
            from .similarity import find_similar
        except SimilaritySupportMissingError as missing:
            return [], str(missing)
        if not texts:
            return [], ""
        pairs = find_similar(
            texts, previous=previous, names=names, threshold=self.options.similarity
        )
        return pairs, ""

    def cells_of_unit(self, code: str) -> UnitCells | None:
        """The cells of the one report of unit ``code`` (``None`` if it has not exactly one)."""
        subs = self.by_unit.get(code, {})
        if len(subs) != 1:
            return None
        return next(iter(subs.values())).cells

    def _outcome(self, unit: Unit, year: int | None, include: Sequence[str] | None) -> UnitOutcome:
        subs = sorted(self.by_unit.get(unit.code, {}).values(), key=lambda s: s.index)
        in_scope = include is None or unit.category in include
        if not subs:
            problem = _problem(
                UNIT_MISSING, Location("报送", path=unit.code), f"未收到「{unit.label}」的报告"
            )
            return UnitOutcome(
                unit,
                UnitStatus.MISSING,
                problems=(problem,),
                excluded_because="未报送" if in_scope else "",
            )
        files = tuple(s.source for s in subs)
        first = subs[0]
        base = UnitOutcome(
            unit,
            UnitStatus.ERRORS,
            files=files,
            errors=sum(s.errors for s in subs),
            warnings=sum(s.warnings for s in subs),
            how=first.how,
            agency=first.agency,
            year=first.year,
        )
        if len(subs) > 1:
            names = "、".join(f"「{Path(f).name}」" for f in files)
            problem = _problem(
                DUPLICATE_SUBMISSION,
                Location("报送", path=unit.code),
                f"收到「{unit.label}」的 {len(subs)} 份报告：{names}；请确认哪一份有效，其余移出文件夹",
            )
            return _excluded(base, "重复报送", in_scope, problem)
        if not first.readable:
            return _excluded(attrs.evolve(base, status=UnitStatus.UNREADABLE), "无法读取", in_scope)
        if year is not None and first.year != year:
            problem = _problem(
                WRONG_YEAR,
                report_location("year"),
                f"报告年度是 {first.year} 年，本次汇总的是 {year} 年；请报送 {year} 年度的报告",
            )
            return _excluded(base, "年度不符", in_scope, problem)
        if first.errors:
            status = UnitStatus.ERRORS
        elif first.warnings:
            status = UnitStatus.SUBMITTED
        else:
            status = UnitStatus.PASSED
        return attrs.evolve(base, status=status, included=in_scope)


def _excluded(
    outcome: UnitOutcome, why: str, in_scope: bool, problem: Finding | None = None
) -> UnitOutcome:
    """``outcome`` not counted in the roll-up because of ``why`` (said of a unit of the roll-up's
    categories only); the collect's own ``problem``, if any, is one more error."""
    if problem is not None:
        outcome = attrs.evolve(outcome, errors=outcome.errors + 1, problems=(problem,))
    return attrs.evolve(outcome, excluded_because=why if in_scope else "")


def _problem(code: str, where: Location, message: str) -> Finding:
    return Finding(code, Severity.ERROR, where, message)


def _matched(submission: Submission, match: Match) -> Submission:
    if match.unit is None:
        return attrs.evolve(submission, how=match.message, problem=match.problem)
    return attrs.evolve(submission, unit=match.unit.code, how=match.how)


def _majority_year(submissions: Iterable[Submission]) -> int | None:
    years = Counter(s.year for s in submissions if s.readable and s.year is not None)
    if not years:
        return None
    return max(years, key=lambda y: (years[y], y))


# -- the output folder --------------------------------------------------------------------------


def _check_target(target: Path, force: bool, inputs: Sequence[Path]) -> None:
    """The output folder may be made (or, with ``force``, replaced): it is not a file, not full
    unless ``force``, and never an input or a folder holding one (replacing it would delete them)."""
    where = target.resolve()
    for given in inputs:
        found = given.resolve()
        if found == where or where in found.parents:
            raise OutputError(
                f"输出文件夹不能是输入「{given}」，也不能包含它；请另选一个输出文件夹",
                place=str(target),
            )
    if target.exists() and not target.is_dir():
        raise OutputError("输出路径是一个文件，应为文件夹", place=str(target))
    if target.is_dir() and any(target.iterdir()) and not force:
        raise OutputExistsError("输出文件夹已存在且不是空的", place=str(target))


def _staging_folder(target: Path) -> Path:
    """A hidden ``.<name>.*.part`` folder beside ``target``; old ones of killed runs removed."""
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"无法创建输出文件夹：{exc.strerror or exc}", place=str(target)) from exc
    limit = time.time() - STALE_AFTER
    for leftover in parent.glob(f".{target.name}.*.part"):
        with contextlib.suppress(OSError):
            if leftover.is_dir() and leftover.stat().st_mtime < limit:
                shutil.rmtree(leftover)
    staging = parent / f".{target.name}.{secrets.token_hex(4)}.part"
    try:
        staging.mkdir()
    except OSError as exc:
        raise OutputError(f"无法写入：{exc.strerror or exc}", place=str(target)) from exc
    return staging


def _publish(staging: Path, target: Path, force: bool) -> None:
    """Give ``staging`` the name ``target``: one rename (an old ``target`` moved aside first)."""
    old: Path | None = None
    try:
        if target.is_dir():
            if any(target.iterdir()):
                if not force:
                    raise OutputExistsError("输出文件夹已存在且不是空的", place=str(target))
                old = target.parent / f".{target.name}.{secrets.token_hex(4)}.old"
                target.rename(old)
            else:
                target.rmdir()
        staging.rename(target)
    except OSError as exc:
        if old is not None and not target.exists():
            old.rename(target)
        shutil.rmtree(staging, ignore_errors=True)
        raise OutputError(f"无法写入：{exc.strerror or exc}", place=str(target)) from exc
    except GprError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)

"""Render many reports: check each, render those without errors, write each atomically, keep going.

The work happens in an executor's workers (processes over all cores by default, or any
:class:`concurrent.futures.Executor`, e.g. a Dask client's ``get_executor()``): a worker loads its
input, checks it, renders it and stages the document beside its final name as a hidden
``.<name>.*.part`` file; only a small :class:`BatchResult` comes back. The calling process then gives
each document its final name (agency and year, made safe for every file system, unique within the
batch) with one atomic link or rename, in input order. So a batch killed half-way leaves complete
.docx files and, at most, hidden ``.part`` files, which the next batch into the folder removes once
they are older than :data:`STALE_AFTER` seconds.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import enum
import multiprocessing
import os
import re
import signal
import sys
import threading
import time
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Final

import attrs

from ._fs import publish, stage
from .check import check, findings_from_error
from .errors import (
    GprError,
    InputError,
    OutputError,
    ParseError,
    RenderError,
    ReportHasErrors,
    SchemaError,
)
from .findings import Finding, raise_for_errors, sort_findings
from .inputs import read
from .model import Report
from .render.html import check_html_template, render_html
from .render.pdf import docx_to_pdf, find_soffice
from .render.template import TemplateInput, load_template, render

__all__ = [
    "FORMATS",
    "MAX_NAME_BYTES",
    "STALE_AFTER",
    "BatchResult",
    "BatchStatus",
    "BatchSummary",
    "UniqueNames",
    "max_jobs",
    "output_name",
    "render_many",
    "safe_file_name",
]

MAX_NAME_BYTES: Final = 200
"""Longest output file name in UTF-8 bytes, leaving room for a ``-N`` suffix and the staging name
within the 255 bytes every common file system allows."""
STALE_AFTER: Final = 600.0
"""Seconds after which a ``.part`` file in the output folder is left over from a killed batch."""

_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f-\x9f]')
_WINDOWS_RESERVED = re.compile(r"(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])", re.IGNORECASE)
_SUFFIX = ".docx"
_FALLBACK_STEM = "报告"
FORMATS: Final = ("docx", "pdf", "html")
"""What a batch can write: Word documents, or PDFs converted from them by LibreOffice."""


class BatchStatus(enum.StrEnum):
    """What became of one input."""

    RENDERED = "rendered"
    """Checked without errors, rendered and written."""
    REFUSED = "refused"
    """The checks found errors; nothing was written."""
    UNREADABLE = "unreadable"
    """The input could not be read into a report."""
    FAILED = "failed"
    """Rendering or writing failed (e.g. the output exists and ``force`` was not given)."""


@attrs.frozen
class BatchResult:
    """The outcome of one input: small enough to send back from any worker."""

    source: str
    """The input file, or ``#n <agency>`` for a Report object."""
    status: BatchStatus
    path: str = ""
    """The document written (when rendered)."""
    code: str = ""
    """The error code of an input that was not rendered (``GPR301`` refused, ``GPR401`` exists …)."""
    message: str = ""
    """Why it was not rendered, in Chinese."""
    findings: tuple[Finding, ...] = ()
    """What the checks found (errors first), or each problem of an input that could not be loaded."""


@attrs.frozen
class BatchSummary:
    """Counts per status, and every input that was not rendered (in input order)."""

    rendered: int = 0
    """Inputs checked, rendered and written."""
    refused: int = 0
    """Inputs whose checks found errors."""
    unreadable: int = 0
    """Inputs that could not be read into a report."""
    failed: int = 0
    """Inputs whose rendering or writing failed."""
    not_rendered: tuple[BatchResult, ...] = ()
    """Every input that was not rendered, in input order."""

    @property
    def total(self) -> int:
        """Every input of the batch."""
        return self.rendered + self.refused + self.unreadable + self.failed

    @property
    def ok(self) -> bool:
        """True if every input was rendered."""
        return self.rendered == self.total


def output_name(agency: str, year: int, *, suffix: str = _SUFFIX) -> str:
    """``<agency>-<year>.docx`` (or another ``suffix``), made safe for Windows, macOS and Linux
    file systems.

    A long agency is shortened, never the year: the 2023 and 2024 reports of one body keep apart.
    """
    tail = f"-{year}"
    room = MAX_NAME_BYTES - len(suffix) - len(tail.encode("utf-8"))
    head = safe_file_name(agency.strip(), suffix=suffix).removesuffix(suffix)
    head = head.encode("utf-8")[:room].decode("utf-8", errors="ignore").rstrip(". -")
    return safe_file_name(f"{head}{tail}" if head != _FALLBACK_STEM else str(year), suffix=suffix)


def safe_file_name(stem: str, *, suffix: str = _SUFFIX) -> str:
    """``<stem>.docx`` (or another ``suffix``) with everything some file system refuses taken out.

    Drops ``\\/:*?"<>|``, control characters and invisible format characters (a right-to-left
    override would disguise the extension), leading dots, dashes and spaces, trailing dots and
    spaces; avoids Windows device names (CON, NUL, COM1 …); keeps within :data:`MAX_NAME_BYTES`
    UTF-8 bytes.
    """
    stem = unicodedata.normalize("NFC", stem)
    stem = "".join(ch for ch in stem if unicodedata.category(ch) != "Cf")
    stem = " ".join(_FORBIDDEN.sub("", stem).split()).strip(". ").lstrip("-")
    encoded = stem.encode("utf-8")[: MAX_NAME_BYTES - len(suffix)]
    stem = encoded.decode("utf-8", errors="ignore").rstrip(". ") or _FALLBACK_STEM
    if _WINDOWS_RESERVED.fullmatch(stem.split(".")[0].rstrip()):
        stem = f"_{stem}"
    return f"{stem}{suffix}"


class UniqueNames:
    """Unique names within one batch, compared the way case-insensitive file systems compare them."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def claim(self, name: str) -> str:
        suffix = Path(name).suffix
        stem = name.removesuffix(suffix)
        candidate, number = name, 1
        while candidate.casefold() in self._taken:
            number += 1
            candidate = f"{stem}-{number}{suffix}"
        self._taken.add(candidate.casefold())
        return candidate


@attrs.frozen
class _Outcome:
    """What a worker sends back: the result, and for a rendered report its name and staged file."""

    result: BatchResult
    name: str = ""
    staged: str = ""


def _failure(
    source: str, status: BatchStatus, error: GprError, findings: tuple[Finding, ...] = ()
) -> _Outcome:
    place = f"{error.place}：" if error.place and error.place != source else ""
    return _Outcome(BatchResult(source, status, "", error.code, place + error.message, findings))


@attrs.frozen
class _Settings:
    """What every item of a batch is made with (sent to the workers with each item)."""

    template: TemplateInput
    ignore_errors: bool
    to: str


def _work(item: str | Report, source: str, out_dir: str, settings: _Settings) -> _Outcome:
    """Load, check, render and stage one report (runs in a worker)."""
    try:
        report, reading = (item, ()) if isinstance(item, Report) else _read(item)
    except (InputError, ParseError) as error:
        # A SchemaError's problems become located findings; other errors are their own message.
        located = tuple(findings_from_error(error)) if isinstance(error, SchemaError) else ()
        return _failure(source, BatchStatus.UNREADABLE, error, located)
    try:
        findings = tuple(sort_findings([*reading, *check(report)]))
        if not settings.ignore_errors:
            try:
                raise_for_errors(findings)
            except ReportHasErrors as refused:
                return _failure(source, BatchStatus.REFUSED, refused, findings)
        name = output_name(report.agency, report.year, suffix=f".{settings.to}")
        if settings.to == "html":  # the web page; the template is a page template
            document = render_html(report, template=settings.template).encode("utf-8")
        else:
            document = render(report, settings.template)
        if settings.to == "pdf":  # each worker converts its own, with a LibreOffice of its own
            document = docx_to_pdf(document)
        staged = stage(Path(out_dir) / name, document)
    except GprError as error:
        return _failure(source, BatchStatus.FAILED, error)
    except Exception as error:  # one broken item must not stop the batch
        return _failure(source, BatchStatus.FAILED, RenderError(f"{type(error).__name__}：{error}"))
    return _Outcome(BatchResult(source, BatchStatus.RENDERED, findings=findings), name, str(staged))


def _read(path: str) -> tuple[Report, tuple[Finding, ...]]:
    read_input = read(path)
    return read_input.report, read_input.findings


def _ignore_interrupts() -> None:
    """Worker initializer: ignore Ctrl-C (the main process handles it)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _warm(template: TemplateInput) -> None:
    """Worker initializer: ignore Ctrl-C, compile the template."""
    _ignore_interrupts()
    load_template(template)


def max_jobs() -> int:
    """The most worker processes a batch uses: four per core (rendering is CPU-bound)."""
    return 4 * (os.cpu_count() or 1)


def _checked_item(item: object) -> str | Report:
    if isinstance(item, Report):
        return item
    if isinstance(item, str | os.PathLike):
        return os.fspath(item)
    raise TypeError(
        f"render_many() takes paths of report files or gpr_docx.Report objects, "
        f"not {type(item).__name__}"
    )


@contextlib.contextmanager
def _interrupts_ignored() -> Iterator[None]:
    """SIGINT ignored while the block runs (in the main thread; elsewhere nothing changes)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _process_pool(
    jobs: int | None,
    initializer: Callable[..., object] = _ignore_interrupts,
    initargs: tuple[object, ...] = (),
) -> concurrent.futures.ProcessPoolExecutor:
    """The default executor of a batch: ``jobs`` worker processes (``None``: one per core) that
    ignore Ctrl-C. On Linux, fork: workers start at once, inherit what the caller loaded (the
    compiled template) and need no ``if __name__ == "__main__"`` guard in the caller's script. The
    pool forks all its workers at the first submit, before it starts any thread of its own.
    Elsewhere the platform's default."""
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    return concurrent.futures.ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=initializer, initargs=initargs
    )


def _window(jobs: int | None) -> int:
    """How many items a batch keeps in flight: four per worker."""
    return 4 * (jobs or os.cpu_count() or 1)


def _remove_stale_parts(directory: Path) -> None:
    """Remove ``.<name>.docx.*.part`` (and ``.pdf``) files a killed batch left behind (old ones only)."""
    limit = time.time() - STALE_AFTER
    leftovers = (p for f in FORMATS for p in directory.glob(f".*.{f}.*.part"))
    for leftover in leftovers:
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < limit:
                leftover.unlink()


def _source(index: int, item: str | os.PathLike[str] | Report) -> str:
    if isinstance(item, Report):
        return f"#{index + 1} {item.agency}"
    return str(item)


def render_many(
    reports: Iterable[str | os.PathLike[str] | Report],
    out_dir: str | os.PathLike[str],
    *,
    executor: concurrent.futures.Executor | None = None,
    force: bool = False,
    template: TemplateInput = None,
    on_result: Callable[[BatchResult], None] | None = None,
    jobs: int | None = None,
    ignore_errors: bool = False,
    to: str = "docx",
) -> BatchSummary:
    """Check and render every report (input files and/or Report objects) into ``out_dir``.

    Each report is checked first (:func:`gpr_docx.check`) and refused if it has errors, unless
    ``ignore_errors``. Keeps going past bad inputs: an input that cannot be read, is refused or
    fails is counted, never raised. Each document is named after its agency and year
    (``<agency>-<year>.docx``, unique within the batch) and written atomically.

    Args:
        reports: Data files, report ``.docx`` files and :class:`~gpr_docx.Report` objects, in
            any mix; read lazily, so a generator of a million paths is fine.
        out_dir: The folder to write into; made if missing.
        executor: Where the work runs. By default a process pool of ``jobs`` workers; any
            :class:`concurrent.futures.Executor` works (a Dask client's ``get_executor()``, say),
            as long as its workers can import gpr_docx and see ``out_dir``. At most ``4 × jobs``
            (or 4 × cores) inputs are in flight.
        force: Overwrite existing files; without it they are kept and the input counts as failed.
        template: The template for every report (``None``: the official one).
        on_result: Called in the calling process with each outcome, in input order, as soon as
            it is known.
        jobs: Worker processes of the default pool (``None``: one per core); more than
            :func:`~gpr_docx.batch.max_jobs` is lowered to it, since more processes only cost memory.
        ignore_errors: Render reports whose checks found errors too.
        to: ``"docx"`` (Word documents), ``"pdf"``: each worker converts its document with
            LibreOffice (:func:`gpr_docx.render.pdf.docx_to_pdf`, a profile per conversion, so
            conversions run side by side); the files are named ``<agency>-<year>.pdf``; or
            ``"html"``: web pages (:func:`gpr_docx.render_html`; ``template`` is then a page
            template), named ``<agency>-<year>.html``.

    Returns:
        The counts per status, and each input that was not rendered.

    Raises:
        TemplateError: The template is missing or does not fit the model (before any input is
            read); for ``to="html"`` an HtmlTemplateError.
        OutputError: ``out_dir`` cannot be made (before any input is read).
        PdfConverterMissingError: ``to`` is ``"pdf"`` and LibreOffice is not installed (before
            any input is read).
        ValueError: ``jobs`` is less than 1, or ``to`` is not ``"docx"``, ``"pdf"`` or ``"html"``.
        TypeError: An input is neither a path nor a :class:`~gpr_docx.Report`.
        KeyboardInterrupt: Ctrl-C stops the batch at once: the default pool's workers ignore it
            and finish the report in hand, nothing more is started, and documents not yet given
            their names are removed before the interrupt goes on to the caller.
    """
    jobs = _checked_jobs(jobs)
    word_template = _prepared(to, template)
    settings = _Settings(template, ignore_errors, to)
    target = Path(out_dir)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"无法创建输出文件夹：{exc.strerror or exc}", place=str(target)) from exc
    load_template(word_template)
    _remove_stale_parts(target)
    own = executor is None
    pool = _process_pool(jobs, _warm, (word_template,)) if executor is None else executor
    window = _window(jobs)
    collector = _Collector(target, force, on_result)
    pending: deque[tuple[str, concurrent.futures.Future[_Outcome]]] = deque()
    try:
        for index, item in enumerate(reports):
            source = _source(index, item)
            work = _checked_item(item)
            if isinstance(work, str):
                collector.inputs.add(Path(work).resolve())
            # The default pool forks its workers at the first submit: they must not inherit a
            # Ctrl-C handler, or an interrupt kills them half-way and the pool never finishes.
            with _interrupts_ignored() if own and index == 0 else contextlib.nullcontext():
                future = pool.submit(_work, work, source, str(target), settings)
            pending.append((source, future))
            if len(pending) >= window:
                collector.take(*pending.popleft())
        while pending:
            collector.take(*pending.popleft())
    except BaseException:
        for _source_name, future in pending:
            future.cancel()
        concurrent.futures.wait([future for _name, future in pending])
        for _source_name, future in pending:
            _discard(future)
        raise
    finally:
        if own:
            pool.shutdown(wait=True, cancel_futures=True)
    return collector.summary()


def _prepared(to: str, template: TemplateInput) -> TemplateInput:
    """Check ``to`` and what it needs before any input is read; the Word template workers warm."""
    if to not in FORMATS:
        raise ValueError(f"to must be one of {', '.join(FORMATS)}, not {to!r}")
    if to == "pdf":
        find_soffice()
    if to == "html":
        check_html_template(template)
        return None
    return template


def _checked_jobs(jobs: int | None) -> int | None:
    """``jobs`` lowered to :func:`max_jobs`; a ValueError if it is not a whole number of at least 1."""
    if jobs is None:
        return None
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs must be a whole number of at least 1, not {jobs!r}")
    return min(jobs, max_jobs())


def _discard(future: concurrent.futures.Future[_Outcome]) -> None:
    """Remove the staged file of a finished item that will not be published."""
    if future.cancelled() or future.exception() is not None:
        return
    staged = future.result().staged
    if staged:
        with contextlib.suppress(OSError):
            Path(staged).unlink()


class _Collector:
    """Publishes staged documents in input order and counts the outcomes."""

    def __init__(
        self, directory: Path, force: bool, on_result: Callable[[BatchResult], None] | None
    ) -> None:
        self.directory = directory
        self.force = force
        self.on_result = on_result
        self.names = UniqueNames()
        self.inputs: set[Path] = set()
        """The input files seen so far (resolved): no document is ever written over one."""
        self.counts = dict.fromkeys(BatchStatus, 0)
        self.not_rendered: list[BatchResult] = []

    def take(self, source: str, future: concurrent.futures.Future[_Outcome]) -> None:
        try:
            outcome = future.result()
        except Exception as error:  # a worker that died fails its item only
            detail = f"{type(error).__name__}：{error}"
            outcome = _failure(source, BatchStatus.FAILED, RenderError(f"处理中断：{detail}"))
        result = outcome.result
        if outcome.staged:
            final = self.directory / self.names.claim(outcome.name)
            try:
                if final.resolve() in self.inputs:
                    Path(outcome.staged).unlink(missing_ok=True)
                    raise OutputError("输出文件会覆盖本批的一个输入文件，未写入", place=str(final))
                publish(Path(outcome.staged), final, force=self.force)
                result = attrs.evolve(result, path=str(final))
            except GprError as error:
                result = _failure(source, BatchStatus.FAILED, error).result
        self.counts[result.status] += 1
        if result.status is not BatchStatus.RENDERED:
            self.not_rendered.append(result)
        if self.on_result is not None:
            self.on_result(result)

    def summary(self) -> BatchSummary:
        return BatchSummary(
            rendered=self.counts[BatchStatus.RENDERED],
            refused=self.counts[BatchStatus.REFUSED],
            unreadable=self.counts[BatchStatus.UNREADABLE],
            failed=self.counts[BatchStatus.FAILED],
            not_rendered=tuple(self.not_rendered),
        )

"""The work behind each endpoint, run in the worker pool: plain bytes in, an :class:`Outcome` out.

Each job reads the request's bytes with the library's own readers (with their size, time and
depth limits), checks, and writes; whatever goes wrong becomes the error's JSON answer here, so
only plain data crosses back to the event loop. A job never sees a file system path from the
request: templates are named by the operator (:class:`~gpr_docx.server.settings.Settings`), uploads
stay in memory.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time
import urllib.parse
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Final, ParamSpec

from ..errors import BadRequestError, GprError, InternalServiceError, ReportHasErrors
from ..findings import Finding, Severity, findings_json_by_source, sort_findings
from .problems import Outcome, error_outcome, json_bytes

if TYPE_CHECKING:
    from ..check import Profile
    from ..model import Report

__all__ = [
    "FORMATS",
    "MEDIA_TYPES",
    "check_job",
    "fill_job",
    "parse_job",
    "ping",
    "render_job",
    "warm",
]

_log = logging.getLogger("gpr_docx.server")
P = ParamSpec("P")

DOCX: Final = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MEDIA_TYPES: Final = {
    "docx": DOCX,
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
}
"""The media type of each output format."""
FORMATS: Final = ("docx", "html", "pdf", "xlsx")
"""The formats ``POST /render`` writes: the Word document, the web page, the PDF (LibreOffice) and
the clerk's workbook."""
TEMPLATED: Final = frozenset({"docx", "pdf"})
"""The formats made from a Word template (``?template=``)."""
_UNSAFE_NAME: Final = re.compile(r"[\x00-\x1f\x7f/\\]")


def _exit_with(parent: int) -> None:
    """End this worker when the service that started it is gone (killed, not stopped)."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)


def warm() -> None:
    """Ready a worker: import the readers and writers and compile the official template once.

    A worker also watches the service's process: if that is killed, the worker ends too rather
    than wait for jobs for ever.
    """
    from .. import check, examples, render

    threading.Thread(target=_exit_with, args=(os.getppid(),), daemon=True).start()

    report = examples.load("dasheng-2024")
    check(report)
    render(report)


def _guarded(job: Callable[P, Outcome]) -> Callable[P, Outcome]:
    """A job whose errors become answers: the library's with their code, anything else a GPR719."""

    def run(*args: P.args, **kwargs: P.kwargs) -> Outcome:
        try:
            return job(*args, **kwargs)
        except GprError as error:
            return error_outcome(error)
        except Exception:  # the service answers; the details go to the log, never to the client
            reference = uuid.uuid4().hex[:12]
            _log.exception("request %s failed", reference)
            return error_outcome(
                InternalServiceError(f"服务内部出错，请把编号 {reference} 告知管理员查看日志")
            )

    run.__name__ = job.__name__
    run.__qualname__ = job.__qualname__
    run.__doc__ = job.__doc__
    return run


def _report(body: bytes, source: str) -> Report:
    from ..data import loads

    return loads(body, ".json", source=source)


def _counts(findings: list[Finding]) -> dict[str, str]:
    return {
        "X-GPR-Errors": str(sum(f.severity is Severity.ERROR for f in findings)),
        "X-GPR-Warnings": str(sum(f.severity is Severity.WARNING for f in findings)),
    }


def _refused(
    report: Report, source: str, force: bool, profile: Profile | None
) -> tuple[Outcome | None, list[Finding]]:
    """Check the report; with errors (and without ``force``) the 422 answer that lists them."""
    from ..check import check

    findings = sort_findings(check(report, profile=profile))
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if errors and not force:
        return error_outcome(ReportHasErrors(errors, place=source), findings=findings), findings
    return None, findings


def _attachment(report: Report, suffix: str) -> dict[str, str]:
    """``Content-Disposition`` naming the file after the report's title (RFC 6266, UTF-8)."""
    title = _UNSAFE_NAME.sub("_", report.document_title)[:100] + suffix
    quoted = urllib.parse.quote(title, safe="")
    return {
        "Content-Disposition": f"attachment; filename=\"report{suffix}\"; filename*=UTF-8''{quoted}"
    }


@_guarded
def render_job(
    body: bytes,
    *,
    fmt: str,
    template: str | None,
    force: bool,
    source: str,
    profile: Profile | None = None,
    timeout: float = 60.0,
    fragment: bool = False,
) -> Outcome:
    """``POST /render``: report JSON in, the document in ``fmt`` out (422 with findings on errors).

    A PDF's conversion (LibreOffice) is stopped after ``timeout`` seconds; ``fragment`` gives a web
    page's ``<article>`` alone.
    """
    report = _report(body, source)
    refused, findings = _refused(report, source, force, profile)
    if refused is not None:
        return refused
    if fmt == "docx":
        from ..render import render

        content = render(report, None if template is None else Path(template))
    elif fmt == "html":
        from ..render.html import render_html

        content = render_html(report, fragment=fragment).encode("utf-8")
    elif fmt == "pdf":
        from ..render.pdf import render_pdf

        content = render_pdf(
            report, template=None if template is None else Path(template), timeout=timeout
        )
    elif fmt == "xlsx":
        from ..workbook import workbook

        content = workbook(report)
    else:
        raise BadRequestError(f"不支持的输出格式「{fmt[:20]}」；可用：{'、'.join(FORMATS)}")
    headers = {**_counts(findings), **_attachment(report, f".{fmt}")}
    return Outcome(200, content, MEDIA_TYPES[fmt], headers)


@_guarded
def check_job(
    given: tuple[bytes, str, str],
    previous: tuple[bytes, str, str] | None = None,
    *,
    profile: Profile | None = None,
) -> Outcome:
    """``POST /check``: any readable input (bytes, suffix, name) → its findings, as ``gpr-docx
    check --format json`` prints them; with last year's report (``previous``) the cross-year ones too."""
    from ..check import check
    from ..inputs import read_bytes

    last_year = None
    if previous is not None:
        data, suffix, name = previous
        last_year = read_bytes(data, suffix, source=name).report
    data, suffix, source = given
    read = read_bytes(data, suffix, source=source)
    findings = sort_findings([*read.findings, *check(read.report, last_year, profile=profile)])
    body = findings_json_by_source({source: findings}).encode("utf-8")
    return Outcome(200, body, headers=_counts(findings))


@_guarded
def parse_job(data: bytes, *, suffix: str, source: str) -> Outcome:
    """``POST /parse``: a document or workbook → its report as gpr/2021 JSON, with the reader's notes."""
    import json

    from ..data import dumps
    from ..findings import findings_data
    from ..inputs import read_bytes

    read = read_bytes(data, suffix, source=source)
    parsed = read.parsed
    answer = {
        "source": source,
        "edition": parsed.edition if parsed is not None else None,
        "report": json.loads(dumps(read.report, ".json")),
        "notes": [note.as_dict() for note in parsed.notes] if parsed is not None else [],
        "findings": findings_data(read.findings, source=source),
    }
    return Outcome(200, json_bytes(answer, sort_keys=False))


@_guarded
def fill_job(
    report_body: bytes, form: bytes, *, force: bool, source: str, profile: Profile | None = None
) -> Outcome:
    """``POST /fill``: a blank official form and report JSON → the filled form (.docx)."""
    from ..fill import fill

    report = _report(report_body, source)
    refused, findings = _refused(report, source, force, profile)
    if refused is not None:
        return refused
    headers = {**_counts(findings), **_attachment(report, ".docx")}
    return Outcome(200, fill(report, form), DOCX, headers)


def ping() -> Outcome:
    """A job that does nothing: :meth:`~gpr_docx.server.pool.WorkerPool.start` waits on one per worker."""
    return Outcome(204, b"")

"""Errors as the service answers them: ``{"code": "GPR…", "message": "…", "place": "…"}`` and a status.

Every error a request meets — the library's own (a broken .docx, a report with errors) or the
service's (a body over the limit, an unknown template) — is one of gpr_docx's errors with its stable
code and Chinese message; this module gives it its HTTP status and its JSON body, so a client sees
the same code the command line prints, never a traceback.
"""

from __future__ import annotations

import json
from typing import Any, Final

import attrs

from .. import errors
from ..errors import GprError, ReportHasErrors, SchemaError
from ..findings import Finding, findings_data

__all__ = ["JSON", "Outcome", "error_outcome", "json_bytes", "status_of"]

JSON: Final = "application/json"

# The first class in the error's own ancestry that is listed here gives its status.
_STATUS: Final[tuple[tuple[type[GprError], int], ...]] = (
    (errors.RequestTooLargeError, 413),
    (errors.InputTooLargeError, 413),
    (errors.UnsupportedMediaError, 415),
    (errors.UnsupportedFormatError, 415),
    (errors.BadRequestError, 400),
    (errors.UnknownTemplateError, 400),
    (errors.UnauthorizedError, 401),
    (errors.PdfSupportMissingError, 501),
    (errors.PdfConverterMissingError, 501),
    (errors.PdfTimeoutError, 504),
    (errors.NoSuchEndpointError, 404),
    (errors.InternalServiceError, 500),
    (errors.InputSyntaxError, 400),
    (errors.SchemaError, 422),
    (errors.ReportHasErrors, 422),
    (errors.InputError, 422),
    (errors.ParseError, 422),
    (errors.TemplateError, 500),
    (errors.OutputError, 500),
    (errors.RenderError, 500),
)


def status_of(error: GprError) -> int:
    """The HTTP status of an error: 4xx for what the request got wrong, 5xx for the service's side.

    A request timeout is 408 while the body was arriving and 504 after; the caller decides.
    """
    for cls, status in _STATUS:
        if isinstance(error, cls):
            return status
    return 400


@attrs.frozen
class Outcome:
    """What a job in the worker pool gives back: a status, a body and its type (plain, picklable data)."""

    status: int
    body: bytes
    media_type: str = JSON
    headers: dict[str, str] = attrs.field(factory=dict)


def json_bytes(data: object, *, sort_keys: bool = True) -> bytes:
    """JSON as the service writes it: UTF-8 (Chinese as it is), sorted keys unless the order
    means something (a report's, as :func:`gpr_docx.dumps` writes it), a final newline."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=sort_keys, indent=2)
    return (text + "\n").encode("utf-8")


def error_data(error: GprError, findings: list[Finding] | None = None) -> dict[str, Any]:
    """The JSON body of an error: ``code``, ``message``, ``place`` and, for a report that has
    errors or data that does not fit the format, ``findings`` in the ``check --format json`` shape."""
    data: dict[str, Any] = {"code": error.code, "message": error.message, "place": error.place}
    if findings is None and isinstance(error, SchemaError):
        from ..check import findings_from_error

        findings = findings_from_error(error)
    if findings is None and isinstance(error, ReportHasErrors):
        findings = [f for f in error.findings if isinstance(f, Finding)]
    if findings is not None:
        data["findings"] = findings_data(findings, source=error.place or None)
    return data


def error_outcome(
    error: GprError, *, status: int | None = None, findings: list[Finding] | None = None
) -> Outcome:
    """The service's answer to ``error``: its status (:func:`status_of` unless given) and JSON body."""
    return Outcome(status or status_of(error), json_bytes(error_data(error, findings)))

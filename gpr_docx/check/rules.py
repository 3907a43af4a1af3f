"""Every rule of docs/rules.md in its order, and running them on a report."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from ..errors import GprError, SchemaError
from ..findings import Finding, Severity, sort_findings
from ..form import (
    Location,
    location_of_path,
)
from ..model import Report, require_report
from . import arithmetic, text, years  # noqa: F401  (each declares its rules)
from .engine import Rule, declared

if TYPE_CHECKING:
    from .profile import Profile

__all__ = ["RULES", "check", "findings_from_error"]

# -- running the rules ------------------------------------------------------------------------

_KINDS: Final = ("V", "T2", "T3", "T4", "R")
"""The rule families in the order docs/rules.md lists them."""


def _rule_order(rule_id: str) -> tuple[int, int]:
    kind, _, number = rule_id.rpartition("-")
    return _KINDS.index(kind), int(number)


RULES: Final[Mapping[str, Rule]] = MappingProxyType(
    {rule_id: declared()[rule_id] for rule_id in sorted(declared(), key=_rule_order)}
)
"""Every rule by ID, in the order of docs/rules.md."""


def check(
    report: Report, previous: Report | None = None, *, profile: Profile | None = None
) -> list[Finding]:
    """Run every rule on ``report`` (and the cross-year ones when ``previous`` is given).

    Args:
        report: The report to check.
        previous: Last year's report of the same agency, for the cross-year rules (those with
            ``needs_previous``). When it is not comparable (R-5: another agency, or not the year
            before), R-5 says so and the other cross-year rules are skipped.
        profile: A local rule profile (:mod:`.profile`): rules switched off, severities and
            thresholds changed, and the profile's own rules run after the national ones.

    A cross-year finding at a cell the report explains (``Report.explanations``) is an info that
    quotes the reason; an explanation with no such finding is reported by R-6.

    Returns:
        Every finding, errors first, then warnings, then info, each top to bottom of the report;
        empty for a report with nothing to remark. A problem in the report is a finding, never an
        exception.

    Raises:
        TypeError: ``report`` or ``previous`` is not a :class:`~gpr_docx.model.Report`.
    """
    require_report(report, taker="check")
    if previous is not None:
        require_report(previous, taker="check", name="previous")
    rules = dict(RULES) if profile is None else profile.national(RULES)
    own = () if profile is None else profile.rules()

    def enabled(rule_id: str) -> bool:
        return profile is None or profile.setting(rule_id).enabled

    findings: list[Finding] = []
    # R-5 decides whether last year's report is comparable at all; if not, the other
    # cross-year rules would only add noise (even when a profile does not report R-5 itself).
    mismatch = rules[_PREVIOUS_MATCHES].run(report, previous) if previous is not None else []
    if enabled(_PREVIOUS_MATCHES):
        findings.extend(mismatch)
    for rule in [*rules.values(), *own]:
        if rule.id == _PREVIOUS_MATCHES or not enabled(rule.id):
            continue
        if rule.needs_previous and (previous is None or mismatch):
            continue
        findings.extend(rule.run(report, previous))
    if profile is not None:
        findings = [profile.adjusted(finding) for finding in findings]
    return sort_findings(years.explained(finding, report) for finding in findings)


_PREVIOUS_MATCHES: Final = "R-5"


def findings_from_error(error: GprError) -> list[Finding]:
    """A report that could not be loaded, as findings: one per fault (V-1, V-2, GPR11x), or one for the file.

    A :class:`~gpr_docx.SchemaError`'s faults are each located at their cell or text, named as
    :func:`gpr_docx.form.location_of_path` names it.
    """
    if isinstance(error, SchemaError):
        return sort_findings(
            Finding(
                rule=fault.code,
                severity=Severity.ERROR,
                location=location_of_path(fault.path),
                message=fault.message,
            )
            for fault in error.faults
        )
    return [
        Finding(
            rule=error.code,
            severity=Severity.ERROR,
            location=Location(error.place or "输入", path=error.place),
            message=error.message,
        )
    ]

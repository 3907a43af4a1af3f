"""The consistency rules of docs/rules.md: ``check(report, previous=None) -> list[Finding]``.

:mod:`.engine` says what a rule is; :mod:`.arithmetic`, :mod:`.years` and :mod:`.text` declare the
rules of each kind; :mod:`.rules` lists them in order (:data:`RULES`) and runs them.

This module stays light: :func:`check` imports the rules on first call and the other names are
imported on first use (PEP 562), so that ``import gpr_docx`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from .._lazy import lazy_attributes

if TYPE_CHECKING:
    from ..errors import GprError
    from ..findings import Finding
    from ..model import Report
    from .engine import Basis, Rule
    from .rules import RULES

__all__ = ["RULES", "Basis", "Rule", "check", "findings_from_error"]

_LAZY: Final = {"RULES": "rules", "Basis": "engine", "Rule": "engine"}


def check(report: Report, previous: Report | None = None) -> list[Finding]:
    """Run every rule on ``report`` (and the cross-year ones when ``previous`` is given).

    Findings come errors first, then warnings, then info, each top to bottom of the report.
    """
    from .rules import check as run_rules

    return run_rules(report, previous)


def findings_from_error(error: GprError) -> list[Finding]:
    """A report that could not be loaded, as findings: one per problem (V-1, V-2, GPR11x), or one for the file."""
    from .rules import findings_from_error as as_findings

    return as_findings(error)


__getattr__, __dir__ = lazy_attributes(__name__, _LAZY)

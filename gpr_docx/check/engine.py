"""The rule engine: what a rule is (ID, severity, basis, summary, check) and how rules are declared.

The rules themselves live beside this module, one module per kind (:mod:`.arithmetic`, :mod:`.years`,
:mod:`.text`); :mod:`.rules` collects them in the order of docs/rules.md and runs them.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable

import attrs

from ..findings import Finding, Number, Severity, Value
from ..form import Location
from ..model import (
    Report,
)

__all__ = ["Basis", "Rule", "RuleFunction", "declare", "declared"]


class Basis(enum.Enum):
    """Where a rule comes from (rules.md): the form itself, a label, or the practice of supervisors."""

    FORM = "F"
    IMPLIED = "I"
    PRACTICE = "P"


RuleFunction = Callable[["Rule", Report, Report | None], Iterable[Finding]]
"""A rule's check: given the rule, the report and maybe last year's report, yield findings."""


@attrs.frozen
class Rule:
    """One rule of rules.md: stable ID, severity, basis, a one-line summary, and its check."""

    id: str
    """Stable ID (``T3-1``), never reused for another meaning."""
    severity: Severity
    """The severity of its findings, unless a finding says otherwise."""
    basis: Basis
    summary: str
    """One line saying what the rule checks, in Chinese."""
    function: RuleFunction = attrs.field(eq=False, repr=False)
    """The check itself."""
    needs_previous: bool = False
    """Whether the rule compares with last year's report (and is skipped without one)."""

    def finding(
        self,
        location: Location,
        message: str,
        *,
        expected: Value = None,
        actual: Value = None,
        numbers: Iterable[Number] = (),
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of this rule (at the rule's own severity unless another is given)."""
        return Finding(
            rule=self.id,
            severity=severity or self.severity,
            location=location,
            message=message,
            expected=expected,
            actual=actual,
            numbers=tuple(numbers),
        )

    def run(self, report: Report, previous: Report | None) -> list[Finding]:
        """The findings of this rule alone on ``report`` (``previous``: last year's, or ``None``)."""
        return list(self.function(self, report, previous))


_registry: dict[str, Rule] = {}


def declared() -> dict[str, Rule]:
    """Every rule declared so far, by ID (in declaration order)."""
    return dict(_registry)


def _register(rule: Rule) -> None:
    if rule.id in _registry:  # pragma: no cover - guards the declarations below
        raise ValueError(f"rule {rule.id} declared twice")
    _registry[rule.id] = rule


def declare(
    rule_id: str, severity: Severity, basis: Basis, summary: str, *, needs_previous: bool = False
) -> Callable[[RuleFunction], RuleFunction]:
    """Declare the decorated function as the check of rule ``rule_id``."""

    def add(function: RuleFunction) -> RuleFunction:
        _register(Rule(rule_id, severity, basis, summary, function, needs_previous))
        return function

    return add

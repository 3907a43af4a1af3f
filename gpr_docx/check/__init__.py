"""The consistency rules of docs/rules.md: ``check(report, previous=None) -> list[Finding]``.

:mod:`.engine` says what a rule is; :mod:`.arithmetic`, :mod:`.years` and :mod:`.text` declare the
rules of each kind; :mod:`.rules` lists them in order (:data:`RULES`) and runs them.
"""

from __future__ import annotations

from .engine import Basis, Rule
from .rules import RULES, check, findings_from_error

__all__ = ["RULES", "Basis", "Rule", "check", "findings_from_error"]

"""The consistency rules of docs/rules.md: ``check(report, previous=None) -> list[Finding]``.

:mod:`.engine` says what a rule is; :mod:`.arithmetic`, :mod:`.years` and :mod:`.text` declare the
rules of each kind; :mod:`.rules` lists them in order (:data:`RULES`) and runs them.

This module stays light: :func:`check` imports the rules on first call and the other names are
imported on first use (PEP 562), so that ``import gpr_docx`` stays fast.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Final

from .._lazy import lazy_attributes

if TYPE_CHECKING:
    from ..errors import GprError
    from ..findings import Finding
    from ..model import Report
    from .engine import Basis, Rule
    from .profile import Profile, load_profile
    from .rules import RULES

__all__ = ["RULES", "Basis", "Profile", "Rule", "check", "findings_from_error", "load_profile"]

_LAZY: Final = {
    "RULES": "rules",
    "Basis": "engine",
    "Profile": "profile",
    "Rule": "engine",
    "load_profile": "profile",
}


def check(
    report: Report,
    previous: Report | None = None,
    *,
    profile: Profile | str | os.PathLike[str] | None = None,
) -> list[Finding]:
    """Run every rule on ``report`` (and the cross-year ones when ``previous`` is given).

    ``profile`` is a local rule profile (:class:`~gpr_docx.Profile`, a path to its TOML file, or
    a built-in name such as ``"national"``; see :func:`gpr_docx.load_profile`): it switches rules
    off, changes severities and thresholds, and adds its own rules (``P-…``).

    Findings come errors first, then warnings, then info, each top to bottom of the report.

    Raises:
        TypeError: ``report`` or ``previous`` is not a :class:`~gpr_docx.Report`.
        InputNotFoundError: ``profile`` names no file nor built-in profile.
        ProfileError: The profile file does not fit the profile format.
    """
    from .rules import check as run_rules

    if profile is not None:
        from .profile import Profile, load_profile

        if not isinstance(profile, Profile):
            profile = load_profile(profile)
    return run_rules(report, previous, profile=profile)


def findings_from_error(error: GprError) -> list[Finding]:
    """A report that could not be loaded, as findings: one per problem (V-1, V-2, GPR11x), or one for the file."""
    from .rules import findings_from_error as as_findings

    return as_findings(error)


__getattr__, __dir__ = lazy_attributes(__name__, _LAZY)

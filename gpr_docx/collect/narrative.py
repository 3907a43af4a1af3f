"""The texts 雷同 compares: each report's narrative, normalised, as plain strings.

This is the light half of :mod:`gpr_docx.collect.similarity`: no numpy, no datasketch, so the
collect's worker processes (which each take one report's narrative, :func:`report_text`) and an
installation without the optional extra ``gpr-docx[collect]`` can use it. The comparison itself,
:func:`gpr_docx.collect.similarity.find_similar`, needs the extra.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from ..model import Report

__all__ = [
    "DEFAULT_THRESHOLD",
    "INSTALL_HINT",
    "NARRATIVE_FIELDS",
    "PLACEHOLDER",
    "normalise",
    "report_text",
]

INSTALL_HINT: Final = "pip install 'gpr-docx[collect]'"
"""How to install what the comparison (:mod:`gpr_docx.collect.similarity`) needs."""

PLACEHOLDER: Final = "〔本单位〕"
"""What a unit's own name becomes in its normalised text, so that two units' texts that differ only
in the name each gives itself compare as the same text."""

DEFAULT_THRESHOLD: Final = 0.3
"""The smallest ``share`` (:class:`~gpr_docx.collect.similarity.SimilarPair`) reported by default:
three tenths of a text copied."""

NARRATIVE_FIELDS: Final = (
    "overview.active_disclosure",
    "overview.on_request",
    "overview.management",
    "overview.platforms",
    "overview.oversight",
    "problems",
    "improvements",
    "other_matters",
)
"""The texts of a :class:`~gpr_docx.Report` that are compared, as dotted paths: section 一
(总体情况, its five areas), section 五 (problems and improvements) and section 六. The preface is
left out: it is the part every unit is told to write the same way."""

_NFKC_STABLE: Final = re.compile(
    "([^\u4e00-\u9fff\u3001\u3002\u3008-\u3011\u3014-\u301b\u201c\u201d0-9]+)"
)


@functools.lru_cache(maxsize=4096)
def _nfkc_run(run: str) -> str:
    return unicodedata.normalize("NFKC", run)


def _nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, five times faster on Chinese text: only the runs
    between the characters NFKC leaves alone are normalised (Chinese characters, 、。《》「」“”…
    and digits, which have no decomposition and compose with nothing), and the same runs (「，」)
    once each."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    parts = _NFKC_STABLE.split(text)
    parts[1::2] = [_nfkc_run(run) for run in parts[1::2]]
    return "".join(parts)


def _flat(text: str) -> str:
    """NFKC without whitespace; normalised again, since a mark the whitespace kept apart (``i ́``)
    may now compose."""
    return _nfkc("".join(_nfkc(text).split()))


def normalise(text: str, names: Iterable[str] = ()) -> str:
    """``text`` as it is compared: NFKC (full-width letters, digits and punctuation become their
    half-width forms), every whitespace character removed (line breaks and spacing are layout, not
    text), and each of ``names`` (the unit's own name and its other spellings) replaced by
    :data:`PLACEHOLDER`, longest first. Normalising twice changes nothing.

    >>> normalise("某某区财政局　２０２４年\\n主动公开", ["某某区财政局"])
    '〔本单位〕2024年主动公开'
    """
    flat = _flat(text)
    spellings = {_flat(name) for name in names}
    # A name inside the placeholder would be replaced again on a second pass.
    usable = (name for name in spellings if len(name) >= 2 and name not in PLACEHOLDER)
    for name in sorted(usable, key=lambda n: (-len(n), n)):
        flat = flat.replace(name, PLACEHOLDER)
    return flat


def report_text(report: Report, *, names: Iterable[str] = ()) -> str:
    """The normalised narrative of ``report`` that is compared (:data:`NARRATIVE_FIELDS`), with the
    report's own agency and ``names`` (the unit's other spellings) replaced by
    :data:`PLACEHOLDER`.

    >>> from gpr_docx.model import Overview, Report
    >>> r = Report(year=2024, agency="某某区财政局", problems="人手不足。", improvements="",
    ...            other_matters="无。", overview=Overview(active_disclosure="某某区财政局公开预算。"))
    >>> report_text(r)
    '〔本单位〕公开预算。人手不足。无。'
    """
    parts = []
    for path in NARRATIVE_FIELDS:
        value: object = report
        for name in path.split("."):
            value = getattr(value, name)
        parts.append(str(value))
    return normalise("\n".join(parts), [report.agency, *names])

"""Comparing labels and headings as a person would: normalised text, its distinctive core, near misses.

Labels are compared after :func:`normalize` (official-format.md §6) on their :func:`core`: numbering
and explanatory notes in brackets removed, so small drift still matches; a near miss is accepted
only when it is clearly closer to one label than to nothing. Every front end's text goes through
here, so a label typed in Word, in HTML or in a PDF matches the same way. Traditional characters
of the official texts (a mirror site's ``本年新收政府信息公開申請數量``) are compared as their
Simplified ones (:data:`.traditional.TRADITIONAL`); only the comparison sees that, the text read
stays as published.

>>> core("（二）部分公开（区分处理的，只计这一情形，不计其他情形）")
'部分公开'
>>> sorted(LabelIndex(("法人或其他组织", "自然人")).match("法人或者其他组织"))
['法人或其他组织']
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Final

import attrs

from .._zh import NUMERALS
from .traditional import TRADITIONAL

__all__ = [
    "LabelIndex",
    "core",
    "coverage",
    "normalize",
    "numbering",
    "shared_pairs",
    "similarity",
    "visible",
]

_QUOTES: Final = str.maketrans(
    {"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"', "『": '"', "』": '"'}
)
_SIMPLIFIED: Final = str.maketrans(TRADITIONAL)
_NUMBERING: Final = re.compile(rf"^(?:[{NUMERALS}]+、|\([{NUMERALS}\d]+\)|\d+\.)")
_NOTE: Final = re.compile(rf"\((?![{NUMERALS}\d]+\))[^()]*\)")
_PUNCTUATION: Final = re.compile(r"[\"'、,，。.:;!?·《》<>]")
_SYNONYMS: Final = (("合计", "总计"),)
"""Words some forms use for an official one (``合计`` for ``总计``); no official label has them."""


def visible(text: str) -> str:
    """``text`` without invisible format characters (zero-width space, soft hyphen, BOM, joiners)."""
    if text.isascii():
        return text
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


@functools.lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """Canonical form for comparing labels: half-width, Simplified, no whitespace, straight quotes,
    ``1.``/``一、``.

    >>> normalize("第二十條 第(一)項")
    '第二十条第(一)项'
    """
    value = unicodedata.normalize("NFKC", visible(text)).translate(_QUOTES).translate(_SIMPLIFIED)
    value = re.sub(r"\s+", "", value)
    value = re.sub(rf"^([{NUMERALS}]+)[、.,]", r"\1、", value)
    return re.sub(r"^(\d+)[、.,]", r"\1.", value)


def numbering(text: str) -> str:
    """The leading numbering of a label (``一、``, ``(三)``, ``2.``), normalised, or ``""``."""
    found = _NUMBERING.match(normalize(text))
    return found.group() if found else ""


@functools.lru_cache(maxsize=8192)
def core(text: str) -> str:
    """The distinctive part of a label: no numbering, no bracketed note, no punctuation or quotes."""
    value = _NUMBERING.sub("", normalize(text), count=1)
    value = _NOTE.sub("", value)
    value = _PUNCTUATION.sub("", value)
    for variant, official in _SYNONYMS:
        value = value.replace(variant, official)
    return value


def _pairs(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _bigrams(text: str) -> set[str]:
    return _pairs(text) or {text}


def similarity(a: str, b: str) -> float:
    """Dice coefficient of the character bigrams of two strings (1.0 = same bigrams)."""
    if not a or not b:
        return 0.0
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y))


def coverage(text: str, target: str) -> float:
    """Share of ``target``'s character pairs found in ``text`` (a heading's wording variants)."""
    grams = _pairs(target)
    if not grams:
        return 0.0
    return sum(1 for g in grams if g in text) / len(grams)


def shared_pairs(a: str, b: str) -> int:
    """How many distinct character pairs ``a`` and ``b`` have in common."""
    return len(_pairs(a) & _pairs(b))


_FUZZY: Final = 0.75


@attrs.frozen
class LabelIndex:
    """A set of official labels, matched on their cores: exact, then containment, then near misses."""

    labels: tuple[str, ...]
    numbered: bool = True
    """Whether numbering tells labels apart: a numbered cell ("（七）总计", "3.其他") is then a row
    label and never an unnumbered header ("总计", "其他"). Off for sub-headings the form does not number."""

    def match(self, text: str) -> frozenset[str]:
        """The labels ``text`` names: all equally good matches, or none."""
        return _match(self.labels, text, self.numbered)


@functools.lru_cache(maxsize=65536)
def _match(labels: tuple[str, ...], text: str, numbered: bool) -> frozenset[str]:
    wanted = core(text)
    if not wanted or wanted.isdigit():
        return frozenset()
    mark = numbering(text) if numbered else ""

    def numbered_alike(candidate: str) -> bool:
        return not mark or mark == numbering(candidate)

    pool = [c for c in labels if core(c) and numbered_alike(c)]
    exact = [c for c in pool if core(c) == wanted]
    if exact:
        return frozenset(exact)
    containing = [c for c in pool if core(c) in wanted and 2 * len(core(c)) >= len(wanted)]
    if containing:
        longest = max(len(core(c)) for c in containing)
        return frozenset(c for c in containing if len(core(c)) == longest)
    within = [c for c in pool if wanted in core(c) and 5 * len(wanted) >= 3 * len(core(c))]
    if within:
        shortest = min(len(core(c)) for c in within)
        return frozenset(c for c in within if len(core(c)) == shortest)
    scored = [(similarity(wanted, core(c)), c) for c in pool]
    best = max((s for s, _ in scored), default=0.0)
    if best < _FUZZY:
        return frozenset()
    return frozenset(c for s, c in scored if s == best)

"""The anchor-word prefilter of gpr_docx.check.phrases changes no reading, only its time.

claims() and shares() are compared with and without the prefilter (``phrases.prefilter``) over
narratives put together from the real-style sentences of the other tests, cut and joined anew so
that clauses mix phrasings; and each pattern's matches are checked to hold one of its anchors.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gpr_docx.check import phrases
from gpr_docx.check.phrases import claims, shares
from tests.check.test_accuracy import SENTENCES
from tests.check.test_phrases import FIGURES
from tests.helpers.narratives import narrative, sentence

YEAR = 2024
_REAL = sorted({*SENTENCES, *FIGURES})
_STOCK = [
    sentence(random.Random(seed), ["青石镇", "柳河街道"], ["新华改造工程"]) for seed in range(40)
]
_POOL = [*_REAL, *_STOCK]
_JOINS = ("", "。", "；", "，", "\n", "、", "其中", "2023年", "较上年", "未", "占3.5%")


@contextmanager
def _prefilter(on: bool) -> Iterator[None]:
    saved = phrases.prefilter
    phrases.prefilter = on
    try:
        yield
    finally:
        phrases.prefilter = saved


def _readings(text: str) -> tuple[list[phrases.Claim], list[phrases.Share]]:
    return list(claims(text, YEAR)), list(shares(text, YEAR))


def _same_with_and_without(text: str) -> None:
    with _prefilter(True):
        fast = _readings(text)
    with _prefilter(False):
        reference = _readings(text)
    assert fast == reference, text


def _pieces(draw: st.DrawFn) -> str:
    """A sentence of the pool, whole or a cut of it (so that clauses mix phrasings)."""
    text = draw(st.sampled_from(_POOL))
    if draw(st.booleans()):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        text = text[start:end]
    return text


@st.composite
def _narratives(draw: st.DrawFn) -> str:
    parts = [_pieces(draw) for _ in range(draw(st.integers(1, 12)))]
    joins = [draw(st.sampled_from(_JOINS)) for _ in parts]
    return "".join(part + join for part, join in zip(parts, joins, strict=True))


def test_every_real_style_sentence_reads_the_same() -> None:
    for text in _POOL:
        _same_with_and_without(text)
    with _prefilter(True):
        assert any(_readings(text)[0] for text in _REAL)  # the comparison is not of empty lists
        assert any(_readings(text)[1] for text in _REAL)


def test_long_narratives_read_the_same() -> None:
    rng = random.Random(7)
    for index in range(5):
        text = narrative(rng, f"某某区{index}局", 4000)
        text += "".join(rng.sample(_REAL, 40))
        _same_with_and_without(text)


@settings(max_examples=400, deadline=None)
@given(_narratives())
def test_generated_narratives_read_the_same(text: str) -> None:
    _same_with_and_without(text)


def test_every_match_holds_one_of_its_anchors() -> None:
    text = "。".join(_POOL)
    matched = 0
    for group in (phrases._PATTERNS, phrases._NEGATIVES, phrases._SHARE_PATTERNS):
        for _key, pattern, anchors in group:
            for match in pattern.finditer(text):
                matched += 1
                assert any(word in match.group() for word in anchors), (pattern.pattern, match)
    for _key, pattern, _anchors in phrases._PATTERNS:
        for match in pattern.finditer(text):
            assert any(unit in match.group() for unit in phrases._UNIT_WORDS), match
    for _keys, pattern, _anchors in phrases._NEGATIVES:
        for match in pattern.finditer(text):
            assert any(word in match.group() for word in phrases._NEGATION_WORDS), match
    assert matched > 100


def test_a_wrong_anchor_would_be_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """The comparison has teeth: an anchor a phrase does not hold changes the reading."""
    index = list(phrases._PATTERNS).index(
        next(entry for entry in phrases._PATTERNS if entry[0] == "disclosed")
    )
    wrong = {
        word: tuple(number for number in numbers if number != index)
        for word, numbers in phrases._PATTERNS_BY_WORD.items()
    }
    monkeypatch.setattr(phrases, "_PATTERNS_BY_WORD", wrong)
    with pytest.raises(AssertionError):
        _same_with_and_without("其中予以公开182件，部分公开35件。")


def _reference_clauses(text: str) -> list[tuple[int, str]]:
    """Clauses the plain way: split at each end mark, stripped, where each one starts."""
    found, start = [], 0
    for piece in re.split(r"([。；;！？!?\n])", text):
        if piece.strip() and not re.fullmatch(r"[。；;！？!?\n]", piece):
            found.append((start + len(piece) - len(piece.lstrip()), piece.strip()))
        start += len(piece)
    return found


@settings(max_examples=300, deadline=None)
@given(st.one_of(_narratives(), st.text(alphabet="。；;！？!?\n \u3000，件a1")))
def test_clauses_are_split_as_plainly(text: str) -> None:
    assert list(phrases._clauses_at(text)) == _reference_clauses(text)

"""雷同: find reports whose narrative was copied from another unit's, or from the unit's own last year.

Evaluators deduct points for a report copied from another unit or from last year's. Comparing
every pair of a batch's texts character by character would cost the square of the batch times the
square of the text length, so the comparison runs in three steps:

1. **Shingles.** Each text is normalised (:func:`~gpr_docx.collect.narrative.normalise`) and cut into overlapping character
   shingles of :data:`SHINGLE` characters (Chinese has no spaces, so characters, not words), each
   hashed to 64 bits. Each run of digits counts as one and the same character in the shingles, so
   a copy whose figures were updated is still a copy.
2. **Boilerplate discount.** A shingle found in many texts of the batch is the template every unit
   shares (the standard preface 「本报告根据《中华人民共和国政府信息公开条例》…编制」, the stock phrases of
   the national format), not copying: a shingle found in more than ``boilerplate`` of the batch's
   texts (and in at least ``boilerplate_min`` of them) is left out of every measure below. The
   frequency is counted in this year's texts and, separately, in last year's, so last year's
   template is not copying either.
3. **Candidates, then exact measures.** The remaining (distinctive) shingles of each text go into
   a MinHash, and a locality-sensitive hash (datasketch's ``MinHashLSH``) yields the pairs whose
   sets may overlap enough; only those are measured exactly, each in time linear in the lengths
   of its two texts. A unit against its own last year is one pair per unit and is measured
   exactly without the index.

The measure (:class:`SimilarPair`): ``left_share`` is the fraction of the left text's distinctive
shingles (its different shingles, boilerplate left out) that are also in the right text,
``right_share`` the same the other way; ``share``, the larger of the two, is symmetric and is what
``threshold`` is compared with, so a short report copied whole into a longer one is found. A
passage of *n* characters copied word for word brings *n* − 8 shingles, so a share is close to the
fraction of the text's own wording (boilerplate aside) found in the other text. ``left_copied`` and
``right_copied`` count the characters inside shared distinctive shingles, and the longest shared
passages are quoted from the left text, figures as written.

This module needs numpy and datasketch, the optional extra ``gpr-docx[collect]``: without them,
importing it raises :class:`~gpr_docx.SimilaritySupportMissingError` (GPR630). The texts it
compares are made by :mod:`gpr_docx.collect.narrative`, which needs neither.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final

import attrs

from ..errors import SimilaritySupportMissingError
from .narrative import DEFAULT_THRESHOLD, INSTALL_HINT, normalise

try:
    import numpy as np
    from datasketch import MinHash, MinHashLSH
except ImportError as missing:  # the optional extra gpr-docx[collect]
    raise SimilaritySupportMissingError(
        f"雷同比对需要安装可选依赖 datasketch（及 numpy）：{INSTALL_HINT}（缺少 {missing.name}）"
    ) from None

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = [
    "DEFAULT_BOILERPLATE",
    "DEFAULT_BOILERPLATE_MIN",
    "DEFAULT_MIN_COPIED",
    "MAX_PASSAGES",
    "NUM_PERM",
    "SHINGLE",
    "Passage",
    "SimilarPair",
    "find_similar",
]

SHINGLE: Final = 9
"""Characters per shingle: long enough that two unrelated texts rarely share one (a Chinese phrase
of nine characters is specific), short enough that a copy with a few words changed still shares
most of its shingles."""

DEFAULT_MIN_COPIED: Final = 40
"""The fewest copied characters (on each side) that make a pair, so that two short texts sharing
one sentence are not reported as copies of each other."""

DEFAULT_BOILERPLATE: Final = 0.05
"""A shingle found in more than this fraction of the batch's texts is boilerplate."""

DEFAULT_BOILERPLATE_MIN: Final = 5
"""…and in at least this many texts: in a small batch, two or three units sharing a passage is
copying, not a template."""

MAX_PASSAGES: Final = 3
"""How many of the longest shared passages a pair quotes."""

NUM_PERM: Final = 128
"""MinHash permutations: the candidate search's accuracy against its cost."""

_MAX_SPLITS: Final = 64
_BITMAP_BITS: Final = 24
_MULTIPLIER: Final = np.uint64(1_000_003)
_MIX_1: Final = np.uint64(0xBF58476D1CE4E5B9)
_MIX_2: Final = np.uint64(0x94D049BB133111EB)
_LOW_32: Final = np.uint64(0xFFFFFFFF)


@attrs.frozen
class Passage:
    """A passage of the left text that is also in the right text (normalised, figures as written
    in the left text)."""

    text: str
    """The passage."""

    @property
    def length(self) -> int:
        """Its length in characters."""
        return len(self.text)


@attrs.frozen(kw_only=True)
class SimilarPair:
    """Two texts that share more than boilerplate.

    Within a year, ``left`` is the smaller of the two keys; across years ``left`` and ``right``
    are the same unit's key, ``left`` this year's text and ``right`` last year's.
    """

    left: str
    """The key of the left text."""
    right: str
    """The key of the right text."""
    left_share: float
    """The fraction of the left text's distinctive shingles that are also in the right text."""
    right_share: float
    """The fraction of the right text's distinctive shingles that are also in the left text."""
    left_copied: int
    """How many characters of the left text lie inside distinctive shingles shared with the right
    (a run of digits counts as one character)."""
    right_copied: int
    """How many characters of the right text lie inside distinctive shingles shared with the
    left."""
    passages: tuple[Passage, ...]
    """The longest shared passages (at most :data:`MAX_PASSAGES`), longest first, quoted from the
    left text."""
    cross_year: bool = False
    """Whether this is a unit against its own last year."""

    @property
    def share(self) -> float:
        """The larger of the two shares, ``shared / min(|left|, |right|)`` over the distinctive
        shingles: how much of one text is found in the other. Symmetric."""
        return max(self.left_share, self.right_share)


@attrs.define(eq=False)
class _Text:
    """A normalised text and its distinctive shingles: all that is kept of each text (the
    per-position detail is made again for the few pairs that are measured)."""

    text: str
    distinct: NDArray[np.uint64]  # sorted, once each; every shingle until discount()

    @classmethod
    def of(cls, text: str) -> _Text:
        return cls(text, _distinct(_Detail.of(text).hashes))

    def discount(self, boilerplate: _Boilerplate) -> None:
        """Leave the boilerplate shingles out of the measures."""
        self.distinct = self.distinct[~boilerplate.among(self.distinct)]


@attrs.frozen(eq=False)
class _Detail:
    """A normalised text shingle by shingle."""

    text: str
    masked: str  # each run of digits as one '#'
    origin: NDArray[np.intp]  # where each character of masked starts in text
    hashes: NDArray[np.uint64]  # of the shingle of masked starting at each position

    @classmethod
    def of(cls, text: str) -> _Detail:
        points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        digit = (points >= ord("0")) & (points <= ord("9"))
        origin = np.flatnonzero(~(digit & np.concatenate(([False], digit[:-1]))))
        kept = points[origin].copy()
        kept[digit[origin]] = ord("#")
        return cls(text, kept.tobytes().decode("utf-32-le"), origin, _shingle_hashes(kept))

    def quote(self, start: int, end: int) -> str:
        """The text of ``masked[start:end]``, figures as written."""
        stop = int(self.origin[end]) if end < len(self.origin) else len(self.text)
        return self.text[int(self.origin[start]) : stop]


def _shingle_hashes(code_points: NDArray[np.uint32]) -> NDArray[np.uint64]:
    """A 64-bit hash of the :data:`SHINGLE` characters starting at each position (none when the
    text is shorter): a polynomial over the code points, then a bit mixer, all vectorised."""
    points = code_points.astype(np.uint64)
    count = len(points) - SHINGLE + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    hashes = np.zeros(count, dtype=np.uint64)
    for offset in range(SHINGLE):
        hashes = hashes * _MULTIPLIER + points[offset : offset + count]
    hashes ^= hashes >> np.uint64(30)
    hashes *= _MIX_1
    hashes ^= hashes >> np.uint64(27)
    hashes *= _MIX_2
    hashes ^= hashes >> np.uint64(31)
    return hashes


def _distinct(values: NDArray[np.uint64]) -> NDArray[np.uint64]:
    """``values`` sorted, each once (``np.unique`` without its hash table, faster here)."""
    ordered = np.sort(values)
    if len(ordered) < 2:
        return ordered
    keep = np.concatenate(([True], ordered[1:] != ordered[:-1]))
    distinct: NDArray[np.uint64] = ordered[keep]
    return distinct


def _among(values: NDArray[np.uint64], sorted_set: NDArray[np.uint64]) -> NDArray[np.bool_]:
    """Which of ``values`` are in ``sorted_set`` (sorted and unique), by binary search."""
    if not len(sorted_set):
        return np.zeros(len(values), dtype=np.bool_)
    found = np.searchsorted(sorted_set, values).clip(max=len(sorted_set) - 1)
    among: NDArray[np.bool_] = sorted_set[found] == values
    return among


class _Boilerplate:
    """The batch's common shingles, known by the high 32 bits of their hashes, as a two-probe
    Bloom filter over 2**24 bits: one look-up per probe instead of a binary search, and a quarter
    of the memory of counting full hashes. A shingle that is not common is taken for common with
    probability under 10⁻⁵ for 10 000 common shingles; such a shingle only drops out of the
    measures, as boilerplate does."""

    def __init__(self, common: NDArray[np.uint32]) -> None:
        self.bitmap = np.zeros(1 << _BITMAP_BITS, dtype=np.bool_)
        for probe in self._probes(common.astype(np.uint64) << np.uint64(32)):
            self.bitmap[probe] = True

    @staticmethod
    def _probes(values: NDArray[np.uint64]) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
        mask = np.uint64((1 << _BITMAP_BITS) - 1)
        return (
            ((values >> np.uint64(32)) & mask).astype(np.intp),
            ((values >> np.uint64(64 - _BITMAP_BITS)) & mask).astype(np.intp),
        )

    def among(self, values: NDArray[np.uint64]) -> NDArray[np.bool_]:
        """Which of ``values`` are common."""
        first, second = self._probes(values)
        found: NDArray[np.bool_] = self.bitmap[first] & self.bitmap[second]
        return found


def _common(texts: Sequence[NDArray[np.uint64]], share: float, least: int) -> NDArray[np.uint32]:
    """The shingles (high 32 bits) found in more than ``share`` of ``texts`` (each its distinct
    shingles) and in at least ``least`` of them, sorted."""
    if not texts:
        return np.zeros(0, dtype=np.uint32)
    every = np.sort(np.concatenate([(t >> np.uint64(32)).astype(np.uint32) for t in texts]))
    if not len(every):
        return every
    starts = np.flatnonzero(np.concatenate(([True], every[1:] != every[:-1])))
    counts = np.diff(np.append(starts, len(every)))
    bar = max(least, int(share * len(texts)) + 1)
    common: NDArray[np.uint32] = every[starts[counts >= bar]]
    return common


def _cover(starts: NDArray[np.bool_], length: int) -> NDArray[np.bool_]:
    """Which characters of a text of ``length`` lie inside a shingle starting where ``starts``."""
    if length < SHINGLE:
        return np.zeros(length, dtype=np.bool_)
    covered: NDArray[np.bool_] = (
        np.convolve(starts.astype(np.int32), np.ones(SHINGLE, dtype=np.int32)) > 0
    )
    return covered


def _runs(mask: NDArray[np.bool_]) -> list[tuple[int, int]]:
    """The ``(start, end)`` of every run of true values."""
    edges = np.diff(np.concatenate(([0], mask.astype(np.int8), [0])))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


def _passages(left: _Detail, right: _Detail, copied: NDArray[np.bool_]) -> tuple[Passage, ...]:
    """The longest passages of the left text also in the right text that hold copied (distinctive)
    characters, longest first; boilerplate inside or around a copied passage is part of it.

    A run of overlapping shared shingles is almost always one passage of the right text; where it
    is not (shingles shared from different places), it is split into the longest prefixes that are.
    """
    shared = _cover(_among(left.hashes, _distinct(right.hashes)), len(left.masked))
    heap = [
        (-(end - start), start, end, False)
        for start, end in _runs(shared)
        if copied[start:end].any()
    ]
    heapq.heapify(heap)
    found: list[Passage] = []
    splits = 0
    while heap and len(found) < MAX_PASSAGES:
        _, start, end, verified = heapq.heappop(heap)
        if verified or left.masked[start:end] in right.masked:
            found.append(Passage(left.quote(start, end)))
            continue
        splits += 1
        if splits > _MAX_SPLITS:
            break
        low, high = 0, end - start  # the longest prefix in the right text, by bisection
        while low < high:
            middle = (low + high + 1) // 2
            if left.masked[start : start + middle] in right.masked:
                low = middle
            else:
                high = middle - 1
        if low >= SHINGLE:
            heapq.heappush(heap, (-low, start, start + low, True))
        rest = start + max(low, 1)
        if end - rest >= SHINGLE:
            heapq.heappush(heap, (-(end - rest), rest, end, False))
    return tuple(found)


def _measure(
    left: _Text,
    right: _Text,
    keys: tuple[str, str],
    threshold: float,
    boilerplate: _Boilerplate,
    *,
    cross_year: bool,
) -> SimilarPair | None:
    """The exact measures of one pair, or ``None`` when its share is below ``threshold``."""
    shared = len(np.intersect1d(left.distinct, right.distinct, assume_unique=True))
    if not shared:
        return None
    left_share = shared / len(left.distinct)
    right_share = shared / len(right.distinct)
    if max(left_share, right_share) < threshold:
        return None
    one, other = _Detail.of(left.text), _Detail.of(right.text)
    one_copied = ~boilerplate.among(one.hashes) & _among(one.hashes, right.distinct)
    other_copied = ~boilerplate.among(other.hashes) & _among(other.hashes, left.distinct)
    left_covered = _cover(one_copied, len(one.masked))
    right_covered = _cover(other_copied, len(other.masked))
    return SimilarPair(
        left=keys[0],
        right=keys[1],
        left_share=left_share,
        right_share=right_share,
        left_copied=int(left_covered.sum()),
        right_copied=int(right_covered.sum()),
        passages=_passages(one, other, left_covered),
        cross_year=cross_year,
    )


def _candidates(texts: Mapping[str, _Text], threshold: float) -> list[tuple[str, str]]:
    """The pairs whose distinctive shingles may overlap by ``threshold``, by MinHash LSH.

    Two texts of equal size sharing a fraction *s* of their shingles have a Jaccard similarity of
    *s* / (2 − *s*); the index looks for that, weighing a missed pair four times a false
    candidate (measured exactly and dropped). At the default threshold (Jaccard 0.18) it uses 64
    bands of 2 rows: a pair at the threshold is found with probability 0.87, a pair sharing half
    its shingles (Jaccard 0.33) with 0.999, two unrelated reports (Jaccard about 0.01) become a
    candidate with probability 0.006.
    """
    jaccard = threshold / (2 - threshold)
    index = MinHashLSH(threshold=jaccard, num_perm=NUM_PERM, weights=(0.2, 0.8))
    keys = [key for key, text in texts.items() if len(text.distinct)]
    shingles = ((texts[key].distinct & _LOW_32).tolist() for key in keys)
    signatures = dict(
        zip(keys, MinHash.generator(shingles, num_perm=NUM_PERM, hashfunc=int), strict=True)
    )
    with index.insertion_session() as session:
        for key, signature in signatures.items():
            session.insert(key, signature)
    pairs: set[tuple[str, str]] = set()
    for key, signature in signatures.items():
        for other in index.query(signature):
            if other != key:
                pairs.add((min(key, other), max(key, other)))
    return sorted(pairs)


def _names(names: Mapping[str, str | Sequence[str]] | None, key: str) -> Sequence[str]:
    spelled = (names or {}).get(key, ())
    return [spelled] if isinstance(spelled, str) else spelled


def find_similar(
    texts: Mapping[str, str],
    *,
    previous: Mapping[str, str] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    names: Mapping[str, str | Sequence[str]] | None = None,
    min_copied: int = DEFAULT_MIN_COPIED,
    boilerplate: float = DEFAULT_BOILERPLATE,
    boilerplate_min: int = DEFAULT_BOILERPLATE_MIN,
) -> list[SimilarPair]:
    """The pairs of ``texts`` (unit key → narrative) that copy one another, and each unit's text
    that copies its own last year's (``previous``, by the same keys), most copied first.

    Texts are normalised here (:func:`~gpr_docx.collect.narrative.normalise`, with ``names[key]``:
    the unit's name or its spellings), so raw narratives and
    :func:`~gpr_docx.collect.narrative.report_text` results may both be given. A pair is
    reported when its ``share`` is at least ``threshold`` and each side has at least
    ``min_copied`` characters in shared passages; boilerplate (see the module's description) does
    not count. Keys of ``previous`` that are not in ``texts`` are not compared.

    Raises:
        ValueError: ``threshold`` or ``boilerplate`` is not in (0, 1].
    """
    if not 0 < threshold <= 1 or not 0 < boilerplate <= 1:
        raise ValueError("threshold and boilerplate must be in (0, 1]")
    current = {key: _Text.of(normalise(texts[key], _names(names, key))) for key in sorted(texts)}
    last = {
        key: _Text.of(normalise(text, _names(names, key)))
        for key, text in sorted((previous or {}).items())
        if key in current
    }
    # Last year's texts of units not compared still tell last year's boilerplate.
    last_year = [text.distinct for text in last.values()] + [
        _Text.of(normalise(text, _names(names, key))).distinct
        for key, text in (previous or {}).items()
        if key not in last
    ]
    common = _Boilerplate(
        np.union1d(
            _common([text.distinct for text in current.values()], boilerplate, boilerplate_min),
            _common(last_year, boilerplate, boilerplate_min),
        )
    )
    del last_year
    for text in (*current.values(), *last.values()):
        text.discount(common)

    measured = [
        _measure(current[left], current[right], (left, right), threshold, common, cross_year=False)
        for left, right in _candidates(current, threshold)
    ]
    measured += [
        _measure(current[key], text, (key, key), threshold, common, cross_year=True)
        for key, text in last.items()
    ]
    found = [
        pair
        for pair in measured
        if pair is not None and min(pair.left_copied, pair.right_copied) >= min_copied
    ]
    return sorted(found, key=lambda p: (-p.share, p.left, p.right, p.cross_year))

"""雷同: copies between units and against last year are found; boilerplate alone is not a copy."""

from __future__ import annotations

import random
import re
import unicodedata

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gpr_docx.collect.narrative import NARRATIVE_FIELDS, PLACEHOLDER, normalise, report_text

pytest.importorskip("datasketch")  # the optional extra gpr-docx[collect]

from gpr_docx.collect.similarity import MAX_PASSAGES, SimilarPair, find_similar
from gpr_docx.model import Overview, Report
from tests.helpers.narratives import PREFACE, agency, narrative

OVERVIEW = (
    "{name}坚持以习近平新时代中国特色社会主义思想为指导，把政务公开作为建设法治政府的重要抓手。"
    "年初，{name}制定了政务公开工作要点，将柳河片区老旧小区改造、城东学校扩建等十二项民生实事"
    "纳入重点公开清单，逐月通报进展。{name}办公室牵头建立“一事一档”工作台账，由分管负责同志每季度"
    "听取汇报，对发布滞后的事项挂牌督办。全年在门户网站开设“民生实事进行时”专栏，发布项目进度、"
    "资金使用和验收结果等信息，并邀请人大代表、政协委员和居民代表参加现场开放活动。"
)


def _report(name: str, overview: str, rng: random.Random, *, seed: int | None = None) -> Report:
    """A unit's report: 总体情况 (``overview`` and text made from ``seed``, by default its own)
    and its own sections 五 and 六."""
    on_request = narrative(rng if seed is None else random.Random(seed), name, 400)
    return Report(
        year=2024,
        agency=name,
        preface=PREFACE,
        overview=Overview(active_disclosure=overview, on_request=on_request),
        problems=narrative(rng, name, 300),
        improvements=narrative(rng, name, 300),
        other_matters="无。",
    )


def _batch(units: int, seed: int, length: int = 1500) -> dict[str, str]:
    rng = random.Random(seed)
    return {f"u{i:03d}": PREFACE + narrative(rng, agency(i), length) for i in range(units)}


def test_name_swapped_overview_is_a_pair_with_the_passage_quoted() -> None:
    rng = random.Random(1)
    finance, education = "某某区财政局", "某某区教育局"
    reports = {
        f"u{i:03d}": _report(agency(i), narrative(rng, agency(i), 600), rng) for i in range(30)
    }
    # The same 总体情况, each with its own name in it; sections 五 and 六 their own.
    reports["fin"] = _report(finance, OVERVIEW.format(name=finance), rng, seed=99)
    reports["edu"] = _report(education, OVERVIEW.format(name=education), rng, seed=99)

    pairs = find_similar({key: report_text(r) for key, r in reports.items()})

    assert [(p.left, p.right, p.cross_year) for p in pairs] == [("edu", "fin", False)]
    (pair,) = pairs
    assert pair.share >= 0.3
    quoted = pair.passages[0].text
    assert pair.passages[0].length == len(quoted) > 100
    assert PLACEHOLDER in quoted
    assert "柳河片区老旧小区改造" in "".join(p.text for p in pair.passages)
    # The passage is in both normalised texts, word for word.
    for key in ("fin", "edu"):
        assert quoted in report_text(reports[key])


def test_names_given_to_find_similar_are_replaced_as_report_text_does() -> None:
    texts = _batch(20, seed=2)
    texts["fin"] = OVERVIEW.format(name="某某区财政局")
    texts["edu"] = OVERVIEW.format(name="区教育局")  # the short spelling of the same name
    names = {"fin": "某某区财政局", "edu": ["某某区教育局", "区教育局"]}

    with_names = find_similar(texts, names=names)
    assert [(p.left, p.right) for p in with_names] == [("edu", "fin")]
    assert with_names[0].share == pytest.approx(1.0)
    without = find_similar(texts)
    assert without[0].share < with_names[0].share


def test_the_common_preface_alone_makes_no_pair() -> None:
    texts = _batch(50, seed=3, length=250)  # short narratives: the preface is a third of each

    assert find_similar(texts) == []
    # The preface is what would pair them if it were not discounted (the test can fail).
    undiscounted = find_similar(texts, boilerplate=1.0)
    assert len(undiscounted) > 100
    assert all(normalise(PREFACE)[20:60] in p.passages[0].text for p in undiscounted[:5])


def test_a_copy_among_many_sharing_the_preface_is_found_and_quoted_without_it() -> None:
    texts = _batch(50, seed=4)
    texts["u007"] = PREFACE + texts["u003"][len(PREFACE) :].replace(agency(3), agency(7))
    names = {f"u{i:03d}": agency(i) for i in range(50)}

    pairs = find_similar(texts, names=names)

    assert [(p.left, p.right) for p in pairs] == [("u003", "u007")]
    assert pairs[0].share == pytest.approx(1.0)
    assert len(pairs[0].passages) <= MAX_PASSAGES


def test_a_unit_against_its_own_last_year() -> None:
    texts = _batch(30, seed=5)
    rng = random.Random(6)
    previous = {key: PREFACE + narrative(rng, agency(i), 1500) for i, key in enumerate(texts)}
    # u004 sent last year's report with the figures updated.
    texts["u004"] = re.sub(r"\d+", lambda m: str(int(m.group()) + 7), previous["u004"])
    previous["gone"] = texts["u010"]  # a unit that did not report this year is not compared

    pairs = find_similar(texts, previous=previous)

    assert [(p.left, p.right, p.cross_year) for p in pairs] == [("u004", "u004", True)]
    pair = pairs[0]
    assert pair.share == pytest.approx(1.0)
    # Figures are quoted as this year's report writes them.
    assert pair.passages[0].text in normalise(texts["u004"])


def test_report_text_is_the_narrative_sections_normalised() -> None:
    rng = random.Random(7)
    report = _report("某某区财政局", OVERVIEW.format(name="某某区财政局"), rng)
    report = attrs.evolve(report, other_matters="本年度无其他需要报告的事项。")

    text = report_text(report)

    assert "某某区财政局" not in text
    assert PREFACE[:20] not in text
    for path in NARRATIVE_FIELDS:
        value: object = report
        for name in path.split("."):
            value = getattr(value, name)
        assert normalise(str(value), [report.agency]) in text
    assert not re.search(r"\s", text)


def test_normalise() -> None:
    assert normalise("　某某区财政局（２０２４年）\n 主动公开", ["区财政局", "某某区财政局"]) == (
        f"{PLACEHOLDER}(2024年)主动公开"
    )
    assert normalise("区财政局", ["区财政局"]) == PLACEHOLDER


def test_bad_thresholds() -> None:
    with pytest.raises(ValueError, match="threshold"):
        find_similar({}, threshold=0)
    with pytest.raises(ValueError, match="threshold"):
        find_similar({}, boilerplate=1.5)
    assert find_similar({}) == []
    assert find_similar({"a": "短"}, previous={"a": "短"}) == []


# -- properties --------------------------------------------------------------------------------

_mixed = st.text(
    st.sampled_from(
        [
            *"政府信息公开年报告（）、，。：；！？“”《》〔〕 \n0123456789０１２ＡＢａｂabcé<=>",
            *("\u0301", "\u0338", "\ufb01", "\u2460", "\uf900", "\u3000", "\uff5e"),
        ]
    ),
    max_size=60,
)


@given(_mixed, st.lists(st.sampled_from(["信息公开", "政府", "年报告", "本单位"]), max_size=3))
def test_normalise_is_nfkc_without_whitespace_and_idempotent(text: str, names: list[str]) -> None:
    plain = unicodedata.normalize("NFKC", "".join(unicodedata.normalize("NFKC", text).split()))
    assert normalise(text) == plain
    once = normalise(text, names)
    assert normalise(once, names) == once


_seeds = st.integers(min_value=0, max_value=10_000)


@given(_seeds, st.integers(min_value=80, max_value=2000))
def test_identical_texts_share_everything(seed: int, length: int) -> None:
    text = narrative(random.Random(seed), "某某区民政局", length)

    (pair,) = find_similar({"a": text, "b": text})

    assert (pair.left, pair.right, pair.cross_year) == ("a", "b", False)
    assert pair.left_share == pair.right_share == pair.share == 1.0
    assert pair.left_copied == pair.right_copied == len(re.sub(r"\d+", "#", normalise(text)))
    assert pair.passages[0].text == normalise(text)


_first_half = "政府信息公开工作年度报告主动依申请办理结果复议诉讼"
_second_half = "财政预算决算教育卫生住房交通民政规划环保应急市场"


@given(
    st.text(st.sampled_from(_first_half), min_size=50, max_size=400),
    st.text(st.sampled_from(_second_half), min_size=50, max_size=400),
)
def test_texts_with_no_character_in_common_make_no_pair(left: str, right: str) -> None:
    assert find_similar({"a": left, "b": right}, threshold=0.01, min_copied=0) == []


def _swap(pair: SimilarPair) -> tuple[float, float, int, int]:
    return (pair.right_share, pair.left_share, pair.right_copied, pair.left_copied)


@given(_seeds, st.integers(min_value=1, max_value=4))
def test_the_measure_is_symmetric(seed: int, shared_paragraphs: int) -> None:
    rng = random.Random(seed)
    one = narrative(rng, "某某区财政局", 1200).split("\n")
    two = narrative(rng, "某某区教育局", 1200).split("\n")
    two[:shared_paragraphs] = one[:shared_paragraphs]
    x, y = "\n".join(one), "\n".join(two)

    forward = find_similar({"a": x, "b": y}, threshold=0.01)
    backward = find_similar({"a": y, "b": x}, threshold=0.01)

    assert len(forward) == len(backward)
    for there, back in zip(forward, backward, strict=True):
        assert there.share == back.share
        assert (there.left_share, there.right_share, there.left_copied, there.right_copied) == (
            _swap(back)
        )

"""Label normalisation and matching: drift in spacing, numbering, quotes and notes still matches."""

from __future__ import annotations

import pytest

from gpr_docx.model import ApplicantRow, Withheld, label
from gpr_docx.parse.labels import (
    LabelIndex,
    core,
    coverage,
    normalize,
    numbering,
    shared_pairs,
    similarity,
    visible,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("商业\n企业", "商业企业"),
        (" （一）予以公开 ", "(一)予以公开"),
        ("１２３", "123"),
        ("1、属于国家秘密", "1.属于国家秘密"),
        ("一.总体情况", "一、总体情况"),
        ("危及“三安全一稳定”", '危及"三安全一稳定"'),
        ("本年收费金额（单位：万元）", "本年收费金额(单位:万元)"),
        ("\u3000\u3000", ""),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_invisible_characters_are_dropped() -> None:
    assert visible("自\u200b然\u00ad人\ufeff") == "自然人"
    assert visible("plain") == "plain"


def test_core_drops_numbering_notes_and_quotes_but_keeps_item_numbers() -> None:
    assert core(label(ApplicantRow, "total")) == "总计"
    assert core("（二）部分公开（区分处理的，只计这一情形，不计其他情形）") == "部分公开"
    assert core(label(Withheld, "three_safeties_one_stability")) == "危及三安全一稳定"
    assert core("第二十条第（五）项") != core("第二十条第（六）项")
    assert core("合计") == core("总计")
    assert numbering("（七）总计") == "(七)"
    assert numbering("3、其他") == "3."
    assert numbering("总计") == ""


def test_similarity_measures() -> None:
    assert similarity("政府信息管理", "政府信息管理") == 1.0
    assert similarity("", "政府") == 0.0
    assert coverage("存在问题及改进情况", "存在的主要问题及改进情况") >= 0.6
    assert coverage("任何文字", "") == 0.0
    assert shared_pairs("政府信息管理", "信息管理工作") == 3


def test_label_index_matches_exactly_then_by_containment_then_nearly() -> None:
    index = LabelIndex(("主动公开", "政府信息管理", "政府信息公开平台建设"), numbered=False)
    assert index.match("主动公开") == {"主动公开"}
    assert index.match("政府信息管理工作情况") == {"政府信息管理"}
    assert index.match("信息管理") == {"政府信息管理"}
    assert index.match("政府信息公开平台的建设") == {"政府信息公开平台建设"}
    assert index.match("政府信息化管理") == frozenset()
    assert index.match("监督保障") == frozenset()
    assert index.match("１２") == frozenset()


def test_numbered_labels_never_match_labels_numbered_otherwise() -> None:
    index = LabelIndex(("（七）总计", "总计"))
    assert index.match("（七）总计") == {"（七）总计"}
    assert index.match("（六）总计") == frozenset()
    assert LabelIndex(("主动公开",), numbered=False).match("（一）主动公开情况") == {"主动公开"}

"""Hypothesis strategies for reports (shared by the tests of every module)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import attrs
from hypothesis import strategies as st

from gpr_docx.model import (
    ActiveDisclosure,
    ApplicantRow,
    Applications,
    CaseOutcomes,
    DocumentCounts,
    NotProcessed,
    OtherProcessing,
    Overview,
    Report,
    Results,
    ReviewLitigation,
    Unable,
    Withheld,
)

counts = st.integers(min_value=0, max_value=60)

# Text that exercises escaping: CJK, full-width punctuation, XML specials and template-like braces.
_alphabet = st.sampled_from(
    list("政府信息公开年报告一二三四五六七八九十件（）、，。“”《》：；abcXYZ0123456789 <>&'\"{}%#")
)
paragraph = st.text(_alphabet, min_size=1, max_size=40).map(str.strip).filter(bool)
texts = st.lists(paragraph, min_size=1, max_size=3).map("\n".join)


@st.composite
def applicant_rows(draw: st.DrawFn) -> ApplicantRow:
    return ApplicantRow(
        natural_person=draw(counts),
        commercial_enterprise=draw(counts),
        research_institution=draw(counts),
        social_welfare_org=draw(counts),
        legal_service_org=draw(counts),
        other_org=draw(counts),
    )


def _rows_of(cls: type) -> st.SearchStrategy[Any]:
    return st.builds(cls, **{f.name: applicant_rows() for f in attrs.fields(cls)})


@st.composite
def applications(draw: st.DrawFn) -> Applications:
    """Table 3 balanced by construction: new + carried over = results total + carried forward."""
    results = Results(
        disclosed=draw(applicant_rows()),
        partially_disclosed=draw(applicant_rows()),
        withheld=draw(_rows_of(Withheld)),
        unable=draw(_rows_of(Unable)),
        not_processed=draw(_rows_of(NotProcessed)),
        other=draw(_rows_of(OtherProcessing)),
    )
    forward = draw(applicant_rows())
    return balanced(results, forward, lambda handled: draw(st.integers(0, handled)))


def balanced(
    results: Results, forward: ApplicantRow, carried_of: Callable[[int], int]
) -> Applications:
    """Table 3 with these results and carried forward, balanced (T3-1): each applicant column's
    requests handled (results + carried forward) split into carried over (``carried_of(handled)``,
    0 to ``handled``) and new."""
    new: dict[str, int] = {}
    carried: dict[str, int] = {}
    for name, done, left in zip(
        [f.name for f in attrs.fields(ApplicantRow)][:6],
        results.total.applicants(),
        forward.applicants(),
        strict=True,
    ):
        handled = done + left
        carried[name] = carried_of(handled)
        new[name] = handled - carried[name]
    return Applications(
        new_requests=ApplicantRow(**new),
        carried_over=ApplicantRow(**carried),
        results=results,
        carried_forward=forward,
    )


outcomes = st.builds(CaseOutcomes, upheld=counts, corrected=counts, other=counts, pending=counts)
fees = st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def document_counts(draw: st.DrawFn) -> DocumentCounts:
    issued = draw(counts)
    return DocumentCounts(issued=issued, repealed=draw(counts), in_force=issued + draw(counts))


active_disclosures = st.builds(
    ActiveDisclosure,
    regulations=document_counts(),
    normative_documents=document_counts(),
    licensing=st.integers(0, 100000),
    punishment=counts,
    coercion=counts,
    fees=fees,
)


@st.composite
def reports(draw: st.DrawFn) -> Report:
    """Any report whose totals are computed by the model and whose table 3 balances."""
    year = draw(st.integers(min_value=2021, max_value=2025))
    return Report(
        year=year,
        agency=draw(st.sampled_from(["某某市某某区人民政府", "某某镇人民政府", "某某县教育局"])),
        title=draw(st.none() | paragraph),
        preface=draw(st.just("") | texts),
        overview=Overview(
            active_disclosure=draw(texts),
            on_request=draw(texts),
            management=draw(texts),
            platforms=draw(texts),
            oversight=draw(texts),
        ),
        active_disclosure=draw(active_disclosures),
        applications=draw(applications()),
        review_litigation=ReviewLitigation(
            review=draw(outcomes),
            litigation_direct=draw(outcomes),
            litigation_after_review=draw(outcomes),
        ),
        problems=draw(texts),
        improvements=draw(texts),
        other_matters=draw(texts),
        date=draw(st.none() | st.dates(datetime.date(year, 1, 1), datetime.date(year + 1, 12, 31))),
    )

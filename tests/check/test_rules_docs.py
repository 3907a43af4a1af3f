"""docs/rules.md documents every rule of the registry; docs/check-json.md every key of a finding."""

from __future__ import annotations

import re
from decimal import Decimal

import attrs

from gpr_docx import RULES, Report, check, examples
from gpr_docx.model import Overview
from tests.helpers import ROOT
from tests.helpers.editing import bumped, with_value

DOCS = ROOT / "docs"
ROW = re.compile(
    r"^\| (?P<id>[A-Z]\d?-\d) \| (?P<sev>\w+) \| (?P<basis>[FIP]) \| .* \| `(?P<example>[^`]+)` \|$"
)


def _documented() -> dict[str, re.Match[str]]:
    rows = {}
    for line in (DOCS / "rules.md").read_text("utf-8").splitlines():
        match = ROW.match(line)
        if match:
            assert match["id"] not in rows, f"{match['id']} documented twice"
            rows[match["id"]] = match
    return rows


def test_every_rule_is_documented_with_its_severity_basis_and_an_example() -> None:
    rows = _documented()
    assert list(rows) == list(RULES)
    for rule_id, rule in RULES.items():
        row = rows[rule_id]
        assert row["sev"] == rule.severity.value, rule_id
        assert row["basis"] == rule.basis.value, rule_id
        assert row["example"].startswith(f"{rule_id} {rule.severity.label} "), rule_id


def _scenarios() -> dict[str, tuple[Report, Report | None]]:
    """For each rule, the report (and last year's) its documented example message comes from."""
    town = examples.load("dasheng-2024")
    district = examples.load("example-district-2024")
    last = attrs.evolve(
        district,
        year=2023,
        preface="",
        overview=Overview(),
        problems="",
        improvements="",
        other_matters="",
    )
    docs = "active_disclosure.normative_documents"
    with attrs.validators.disabled():
        negative = with_value(district, "applications.new_requests.legal_service_org", -1)
        long_fee = with_value(district, "active_disclosure.fees", Decimal("1.2345678"))
    received = town
    for path in ("natural_person", "total"):
        received = bumped(received, f"applications.new_requests.{path}", 2)
        received = bumped(received, f"applications.carried_forward.{path}", 2)
    unbalanced = bumped(district, "applications.carried_forward.research_institution", 1)
    twice = bumped(district, "applications.results.withheld.third_party_rights.natural_person", 1)
    return {
        "V-1": (negative, None),
        "V-2": (long_fee, None),
        "V-3": (with_value(town, "active_disclosure.fees", Decimal(40000)), None),
        "V-4": (attrs.evolve(town, year=2020), None),
        "V-5": (
            attrs.evolve(
                district,
                unfilled=("applications.new_requests.total", "applications.carried_over.total"),
            ),
            None,
        ),
        "V-6": (
            attrs.evolve(
                district, unfilled=("review_litigation.litigation_after_review.corrected",)
            ),
            None,
        ),
        "T2-1": (with_value(district, f"{docs}.in_force", 11), None),
        "T2-2": (district, with_value(last, f"{docs}.in_force", 90)),
        "T2-3": (
            with_value(with_value(district, f"{docs}.repealed", 102), f"{docs}.in_force", 0),
            with_value(last, f"{docs}.in_force", 89),
        ),
        "T2-4": (with_value(town, "active_disclosure.regulations.issued", 1), None),
        "T3-1": (bumped(unbalanced, "applications.carried_forward.total", 1), None),
        "T3-2": (
            bumped(twice, "applications.results.withheld.third_party_rights.total", 1),
            None,
        ),
        "T3-3": (bumped(district, "applications.results.unable.not_held.total", 2), None),
        "T3-4": (district, last),
        "T4-1": (bumped(district, "review_litigation.review.total", -1), None),
        "T4-2": (bumped(district, "review_litigation.litigation_direct.total", -1), None),
        "T4-3": (bumped(district, "review_litigation.litigation_after_review.total", -1), None),
        "R-1": (attrs.evolve(town, improvements=""), None),
        "R-2": (received, None),
        "R-3": (attrs.evolve(town, year=2025), None),
        "R-4": (district, attrs.evolve(district, year=2023)),
        "R-5": (district, attrs.evolve(district, year=2022)),
        "R-6": (
            attrs.evolve(
                district,
                explanations={"active_disclosure.regulations.in_force": "规章清理后重新统计"},
            ),
            last,
        ),
    }


def test_documented_examples_are_what_check_prints() -> None:
    rows = _documented()
    scenarios = _scenarios()
    assert set(scenarios) == set(RULES)
    for rule_id, (report, previous) in scenarios.items():
        printed = [str(f) for f in check(report, previous) if f.rule == rule_id]
        assert rows[rule_id]["example"] == printed[0], rule_id


def test_json_doc_lists_every_key() -> None:
    text = (DOCS / "check-json.md").read_text("utf-8")
    keys = set(re.findall(r"^\| `(\w+)` \|", text, flags=re.MULTILINE))
    finding = check(bumped(examples.load("dasheng-2024"), "review_litigation.review.total", 1))[0]
    data = finding.as_dict()
    assert set(data) | {"source"} | set(data["place"]) <= keys

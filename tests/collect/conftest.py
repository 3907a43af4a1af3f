"""The office's inbox of the issue: 32 units, 30 of them sent reports in four formats; one sent two,
one sent a broken file, one named its file in words and its agency by an alias."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import attrs
import pytest

from gpr_docx.model import Report
from tests.helpers.submissions import FORMATS, UnitRow, registry_csv, units, varied, write

needs_similarity = pytest.mark.skipif(
    importlib.util.find_spec("datasketch") is None,
    reason="雷同 needs the optional extra gpr-docx[collect]",
)
"""For a test of the 雷同 pairs themselves (without the extra, collect lists none: GPR630)."""

UNITS = 32
MISSING = ("031", "032")
TWICE = "005"
BROKEN = "030"
ALIASED = "012"
ALIAS = "区农业"
"""The agency unit 012 writes in its report: an alias in the registry, not its name."""
PASSING = "007"
"""The unit whose report is the example itself: it passes without a warning."""
COPIER, COPIED = "021", "020"
"""Unit 021's 「政府信息管理」 is unit 020's with the name swapped."""


@attrs.frozen
class Inbox:
    folder: Path
    registry: Path
    units: tuple[UnitRow, ...]
    reports: dict[str, Report]
    """The report each unit sent, by code (the ground truth; not the duplicate or broken ones)."""


def make_inbox(root: Path) -> Inbox:
    rows = list(units(UNITS))
    rows[int(ALIASED) - 1] = attrs.evolve(rows[int(ALIASED) - 1], aliases=(ALIAS, "农业局"))
    folder = root / "收到的报告"
    folder.mkdir()
    registry = root / "单位.csv"
    registry.write_text(registry_csv(rows), encoding="utf-8")
    reports: dict[str, Report] = {}
    for number, row in enumerate(rows, start=1):
        if row.code in MISSING:
            continue
        if row.code == BROKEN:
            (folder / f"{row.code}-{row.name}.docx").write_bytes(b"PK\x03\x04 not really a docx")
            continue
        seed = 0 if row.code == PASSING else number
        suffix = FORMATS[number % len(FORMATS)]
        if row.code == ALIASED:
            report = varied(seed, ALIAS)
            write(report, folder / f"农业那边的年报{suffix}")
        elif row.code == COPIER:
            source = rows[int(COPIED) - 1]
            report = varied(seed, row.name, copied=(int(COPIED), source.name))
            write(report, folder / f"{row.code}-{row.name}{suffix}")
        else:
            report = varied(seed, row.name)
            write(report, folder / f"{row.code}-{row.name}{suffix}")
        reports[row.code] = report
        if row.code == TWICE:
            write(varied(seed + 100, row.name), folder / f"{row.name}（修改稿）.docx")
    return Inbox(folder, registry, tuple(rows), reports)


@pytest.fixture(scope="session")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Inbox:
    return make_inbox(tmp_path_factory.mktemp("inbox"))

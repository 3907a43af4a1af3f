"""A supervising office's inbox, made up: a unit registry and units' reports in every format.

Shared by tests/collect and benchmarks/bench_collect.py. Each unit's report is a built-in example
with the unit's agency and tables varied by a seeded generator: table 三 balances and table 四's
totals add up by construction, so a unit's checks find no errors, only the warnings of texts that
no longer quote the varied figures.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import attrs

import gpr_docx
from gpr_docx.model import (
    APPLICANT_COLUMNS,
    ActiveDisclosure,
    ApplicantRow,
    CaseOutcomes,
    DocumentCounts,
    NotProcessed,
    OtherProcessing,
    Report,
    Results,
    ReviewLitigation,
    Unable,
    Withheld,
)
from tests.helpers.narratives import narrative
from tests.helpers.strategies import balanced

DEPARTMENTS = (
    "财政局", "教育局", "公安分局", "民政局", "司法局", "人力资源和社会保障局", "自然资源局",
    "生态环境局", "住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局",
    "文化和旅游局", "卫生健康委员会", "应急管理局", "审计局", "市场监督管理局", "统计局",
    "医疗保障局", "退役军人事务局", "城市管理局", "发展和改革委员会", "科学技术局",
)  # fmt: skip
REGION = "某某区"
HEADER = ("代码", "名称", "类别", "上级", "别名")
FORMATS = (".json", ".toml", ".xlsx", ".docx")


@attrs.frozen
class UnitRow:
    code: str
    name: str
    category: str
    aliases: tuple[str, ...] = ()


def units(count: int) -> list[UnitRow]:
    """``count`` units: departments (部门) first, then towns and streets (乡镇街道)."""
    rows: list[UnitRow] = []
    for i in range(count):
        code = f"{i + 1:03d}" if count < 1000 else f"{i + 1:05d}"
        if i < min(len(DEPARTMENTS), count // 2):
            dept = DEPARTMENTS[i]
            rows.append(UnitRow(code, f"{REGION}{dept}", "部门", (f"区{dept}",)))
        else:
            rows.append(
                UnitRow(code, f"{REGION}第{i + 1}街道办事处", "乡镇街道", (f"第{i + 1}街道",))
            )
    return rows


def registry_csv(rows: Sequence[UnitRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow((row.code, row.name, row.category, REGION, "；".join(row.aliases)))
    return buffer.getvalue()


def office(
    root: Path, count: int, *folders: str, name: str = "units.csv"
) -> tuple[list[UnitRow], Path, list[Path]]:
    """A supervising office's desk under ``root``: ``count`` units (:func:`units`), their registry
    ``root/<name>``, and the empty ``folders`` (``"in"``; ``"2024", "2023"``) made below ``root``."""
    rows = units(count)
    registry = root / name
    registry.write_text(registry_csv(rows), encoding="utf-8")
    made = [root / folder for folder in folders]
    for folder in made:
        folder.mkdir()
    return rows, registry, made


def _row(rng: random.Random, high: int) -> ApplicantRow:
    return ApplicantRow(**{c: rng.randint(0, high) for c in APPLICANT_COLUMNS[:6]})


def _rows_of(cls: type, rng: random.Random, high: int) -> object:
    return cls(**{f.name: _row(rng, high) for f in attrs.fields(cls)})


def _outcomes(rng: random.Random) -> CaseOutcomes:
    return CaseOutcomes(
        upheld=rng.randint(0, 6), corrected=rng.randint(0, 2), other=rng.randint(0, 2),
        pending=rng.randint(0, 2),
    )  # fmt: skip


def varied(
    seed: int, agency: str, *, year: int = 2024, copied: tuple[int, str] | None = None
) -> Report:
    """A report of ``agency`` for ``year`` whose tables are drawn from ``seed``, and whose
    「政府信息管理」 is a narrative of its own (the other texts are the example's, which every unit
    shares like a template). Seed 0 is the example itself (a report that passes without a
    warning). ``copied``: the narrative is that of ``(seed, agency)`` with that agency's name
    swapped for this one's — a copy, as 雷同 finds them."""
    base = gpr_docx.examples.load("dasheng-2024")
    if seed == 0:
        return attrs.evolve(base, agency=agency, year=year)
    source_seed, source_agency = copied or (seed, agency)
    text = narrative(random.Random(source_seed), source_agency, 800).replace(source_agency, agency)
    base = attrs.evolve(base, overview=attrs.evolve(base.overview, management=text))
    rng = random.Random(seed)
    results = Results(
        disclosed=_row(rng, 9),
        partially_disclosed=_row(rng, 3),
        withheld=_rows_of(Withheld, rng, 1),  # type: ignore[arg-type]
        unable=_rows_of(Unable, rng, 2),  # type: ignore[arg-type]
        not_processed=_rows_of(NotProcessed, rng, 1),  # type: ignore[arg-type]
        other=_rows_of(OtherProcessing, rng, 1),  # type: ignore[arg-type]
    )
    applications = balanced(results, _row(rng, 3), lambda handled: rng.randint(0, handled))
    issued = rng.randint(0, 9)
    return attrs.evolve(
        base,
        agency=agency,
        year=year,
        active_disclosure=ActiveDisclosure(
            normative_documents=DocumentCounts(
                issued=issued, repealed=rng.randint(0, 3), in_force=issued + rng.randint(0, 40)
            ),
            licensing=rng.randint(0, 5000),
            punishment=rng.randint(0, 300),
            coercion=rng.randint(0, 20),
            fees=Decimal(rng.randint(0, 999_999)) / 100,
        ),
        applications=applications,
        review_litigation=ReviewLitigation(
            review=_outcomes(rng),
            litigation_direct=_outcomes(rng),
            litigation_after_review=_outcomes(rng),
        ),
    )


def write(report: Report, path: Path) -> Path:
    """``report`` written to ``path`` in the format its suffix names (data, workbook or .docx)."""
    suffix = path.suffix.lower()
    if suffix in (".json", ".toml", ".yaml"):
        gpr_docx.dump(report, path)
    elif suffix == ".xlsx":
        path.write_bytes(gpr_docx.workbook(report))
    elif suffix == ".docx":
        path.write_bytes(gpr_docx.render(report))
    else:  # pragma: no cover - the callers' own formats
        raise ValueError(suffix)
    return path

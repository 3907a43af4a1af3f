"""Batches: every input accounted for, names safe and unique, nothing overwritten, nothing partial."""

from __future__ import annotations

import concurrent.futures
import io
import os
import time
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import attrs
import pytest

from gpr_docx import Report, check, data, render
from gpr_docx.batch import (
    MAX_NAME_BYTES,
    STALE_AFTER,
    BatchResult,
    BatchStatus,
    UniqueNames,
    max_jobs,
    output_name,
    render_many,
    safe_file_name,
)
from gpr_docx.errors import TemplateError
from tests.helpers import ROOT
from tests.helpers.docx_signature import W, document_xml
from tests.helpers.editing import bumped


def _agency(docx_path: Path) -> str:
    body = document_xml(docx_path.read_bytes())
    for p in body.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(f"{W}val") == "Signature":
            return "".join(t.text or "" for t in p.iter(f"{W}t"))
    raise AssertionError("no signature paragraph")


@pytest.mark.parametrize(
    ("agency", "expected"),
    [
        ("示例市人民政府办公室", "示例市人民政府办公室-2024.docx"),
        ('a\\b/c:d*e?f"g<h>i|j', "abcdefghij-2024.docx"),
        ("控制\x00字符\x1f\x7f", "控制字符-2024.docx"),
        ("  多个   空格  ", "多个 空格-2024.docx"),
        ("...", "2024.docx"),
    ],
)
def test_output_names_are_safe(agency: str, expected: str) -> None:
    assert output_name(agency, 2024) == expected


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("nul", "_nul.docx"),
        ("COM1", "_COM1.docx"),
        ("lpt9.txt", "_lpt9.txt.docx"),
        ("CON-2024", "CON-2024.docx"),
        ("console", "console.docx"),
        (".hidden. ", "hidden.docx"),
        ("", "报告.docx"),
        ("\x01\x02", "报告.docx"),
    ],
)
def test_device_names_dots_and_empty_stems(stem: str, expected: str) -> None:
    assert safe_file_name(stem) == expected


def test_long_names_are_cut_on_a_character_boundary() -> None:
    name = output_name("政" * 200, 2024)
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert name.endswith(".docx")
    name.encode("utf-8").decode("utf-8")  # whole characters only
    assert not name.removesuffix(".docx").endswith((".", " "))


def test_names_are_unique_ignoring_case() -> None:
    names = UniqueNames()
    assert [names.claim(n) for n in ("A.docx", "a.docx", "A.docx", "a-2.docx")] == [
        "A.docx",
        "a-2.docx",
        "A-3.docx",
        "a-2-2.docx",
    ]


def _inputs(folder: Path, report: Report, count: int, broken: int = 0) -> list[Path]:
    paths = []
    for index in range(count):
        path = folder / f"r{index:03}.toml"
        data.dump(attrs.evolve(report, agency=f"单位{index % 7}"), path)
        paths.append(path)
    for index in range(broken):
        path = folder / f"broken{index}.json"
        path.write_text('{"schema": "gpr/2021", "year": 2024', "utf-8")
        paths.append(path)
    return paths


def test_threads_mixed_inputs_duplicates_and_bad_files(dasheng: Report, tmp_path: Path) -> None:
    paths = _inputs(tmp_path / "in", dasheng, 9, broken=1)
    seen: list[BatchResult] = []
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        summary = render_many(
            [*paths, dasheng], tmp_path / "out", executor=pool, on_result=seen.append
        )
    assert (summary.rendered, summary.unreadable, summary.refused, summary.failed) == (10, 1, 0, 0)
    assert not summary.ok
    assert [r.source for r in seen] == [*map(str, paths), f"#11 {dasheng.agency}"]
    [bad] = summary.not_rendered
    assert bad.status is BatchStatus.UNREADABLE
    assert bad.code == "GPR103"
    assert bad.source.endswith("broken0.json")
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == sorted(
        [
            "单位0-2024.docx",
            "单位0-2024-2.docx",
            "单位1-2024.docx",
            "单位1-2024-2.docx",
            *(f"单位{i}-2024.docx" for i in range(2, 7)),
            output_name(dasheng.agency, dasheng.year),
        ]
    )
    # Names follow input order: r000 and r007 are both 单位0; the first keeps the plain name.
    assert seen[0].path.endswith("单位0-2024.docx")
    assert seen[7].path.endswith("单位0-2024-2.docx")
    for result in seen:
        if result.status is BatchStatus.RENDERED:
            assert _agency(Path(result.path)) in {f"单位{i}" for i in range(7)} | {dasheng.agency}


def test_existing_outputs_are_kept_unless_forced(dasheng: Report, tmp_path: Path) -> None:
    paths = _inputs(tmp_path / "in", dasheng, 2)
    out = tmp_path / "out"
    out.mkdir()
    keep = out / "单位0-2024.docx"
    keep.write_bytes(b"keep me")
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        summary = render_many(paths, out, executor=pool)
        assert (summary.rendered, summary.failed) == (1, 1)
        assert summary.not_rendered[0].code == "GPR401"
        assert keep.read_bytes() == b"keep me"
        forced = render_many(paths, out, executor=pool, force=True)
    assert forced.ok
    assert keep.read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in out.iterdir()) == ["单位0-2024.docx", "单位1-2024.docx"]


def test_stale_part_files_are_removed_fresh_ones_kept(dasheng: Report, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    stale, fresh = out / ".甲-2024.docx.abc123.part", out / ".乙-2024.docx.def456.part"
    for part in (stale, fresh):
        part.write_bytes(b"PK partial")
    old = time.time() - STALE_AFTER - 5
    os.utime(stale, (old, old))
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        assert render_many([dasheng], out, executor=pool).ok
    names = {p.name for p in out.iterdir()}
    assert stale.name not in names
    assert fresh.name in names


def test_default_executor_uses_processes(dasheng: Report, tmp_path: Path) -> None:
    paths = _inputs(tmp_path / "in", dasheng, 6, broken=1)
    summary = render_many(paths, tmp_path / "out", jobs=2)
    assert (summary.rendered, summary.unreadable) == (6, 1)
    for docx in (tmp_path / "out").glob("*.docx"):
        with zipfile.ZipFile(io.BytesIO(docx.read_bytes())) as archive:
            assert archive.testzip() is None


def test_a_bad_template_stops_the_batch_before_any_output(dasheng: Report, tmp_path: Path) -> None:
    template = tmp_path / "t.docx"
    template.write_bytes(b"not a docx")
    with pytest.raises(TemplateError):
        render_many([dasheng], tmp_path / "out", template=template)
    assert list((tmp_path / "out").iterdir()) == []


def test_dask_distributed_executor(
    dasheng: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Dask cluster's executor drops in for the process pool (optional extra ``dask``)."""
    distributed = pytest.importorskip("distributed")
    # Worker processes must import this checkout's gpr_docx, as a real deployment installs it.
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    paths = _inputs(tmp_path / "in", dasheng, 4, broken=1)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        summary = render_many(paths, tmp_path / "out", executor=client.get_executor())
    assert (summary.rendered, summary.unreadable) == (4, 1)
    assert len(list((tmp_path / "out").glob("*.docx"))) == 4


def test_reports_with_errors_are_refused_with_their_findings(
    district: Report, tmp_path: Path
) -> None:
    broken = bumped(district, "review_litigation.review.total", 1)
    values = tmp_path / "v1.json"
    values.write_text(
        data.dumps(district).decode().replace('"upheld": ', '"upheld": -', 1), "utf-8"
    )
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        summary = render_many([district, broken, values], tmp_path / "out", executor=pool)
        assert (summary.rendered, summary.refused, summary.unreadable) == (1, 1, 1)
        refused, unreadable = summary.not_rendered
        assert refused.status is BatchStatus.REFUSED
        assert refused.code == "GPR301"
        assert "T4-1" in {f.rule for f in refused.findings}
        assert unreadable.code == "GPR110"
        assert [f.rule for f in unreadable.findings] == ["V-1"]
        assert unreadable.findings[0].location.path.endswith("upheld")
        anyway = render_many([broken], tmp_path / "anyway", executor=pool, ignore_errors=True)
    assert anyway.ok
    assert len(list((tmp_path / "anyway").glob("*.docx"))) == 1


def test_inputs_are_streamed_with_a_bounded_number_in_flight(
    dasheng: Report, tmp_path: Path
) -> None:
    submitted: list[int] = []
    seen: list[BatchResult] = []

    class Counting(concurrent.futures.ThreadPoolExecutor):
        def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Any:
            submitted.append(len(submitted) - len(seen))  # in flight before this one
            return super().submit(fn, *args, **kwargs)

    reports = (attrs.evolve(dasheng, agency=f"单位{i}") for i in range(30))
    with Counting(2) as pool:
        summary = render_many(reports, tmp_path, executor=pool, jobs=1, on_result=seen.append)
    assert summary.rendered == 30
    assert len(submitted) == 30
    assert max(submitted) < 4  # jobs=1: at most four inputs in flight


def test_report_docx_inputs_are_read_back_and_checked(district: Report, tmp_path: Path) -> None:
    """Reports received as Word files go through the batch like data files."""
    from gpr_docx import parse, render
    from tests.helpers.editing import with_cell_texts

    inputs = tmp_path / "in"
    inputs.mkdir()
    good = inputs / "good.docx"
    good.write_bytes(render(district))
    typed = inputs / "typed.docx"
    typed.write_bytes(
        with_cell_texts(render(district), "一、本年新收政府信息公开申请数量", {1: "约四百件"})
    )
    garbage = inputs / "garbage.docx"
    garbage.write_bytes(b"not a zip at all")
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        summary = render_many([good, typed, garbage], tmp_path / "out", executor=pool)
    assert (summary.rendered, summary.refused, summary.unreadable) == (1, 1, 1)
    refused, unreadable = sorted(summary.not_rendered, key=lambda r: r.status.value)
    assert refused.status is BatchStatus.REFUSED
    assert "GPR511" in {f.rule for f in refused.findings}
    assert unreadable.status is BatchStatus.UNREADABLE
    assert unreadable.code == "GPR501"
    (written,) = (tmp_path / "out").iterdir()
    assert parse(written).report == district


def test_a_long_agency_is_shortened_and_the_year_kept() -> None:
    names = {output_name("很" * 300, year) for year in (2023, 2024)}
    assert len(names) == 2
    assert sorted(name[-10:] for name in names) == ["-2023.docx", "-2024.docx"]
    assert all(len(name.encode("utf-8")) <= MAX_NAME_BYTES for name in names)


@pytest.mark.parametrize(
    "agency", ["abc\u202egpj.exe", "示例\u200b局", "\ufeff示例局", "示例\u2066局\u2069"]
)
def test_invisible_format_characters_leave_names(agency: str) -> None:
    name = output_name(agency, 2024)
    assert not any(unicodedata.category(ch) == "Cf" for ch in name)
    assert name.endswith("-2024.docx")


@pytest.mark.parametrize("jobs", [0, -1, True, 1.5])
def test_jobs_must_be_a_whole_number_of_at_least_one(tmp_path: Path, jobs: object) -> None:
    with pytest.raises(ValueError, match="jobs must be"):
        render_many([], tmp_path, jobs=jobs)  # type: ignore[arg-type]


def test_too_many_jobs_are_lowered(tmp_path: Path, district: Report) -> None:
    summary = render_many([district], tmp_path, jobs=10_000)
    assert summary.rendered == 1
    assert max_jobs() == 4 * (os.cpu_count() or 1)


@pytest.mark.parametrize("item", [None, 3, {"year": 2024}])
def test_an_input_of_the_wrong_kind_is_a_type_error(tmp_path: Path, item: object) -> None:
    with pytest.raises(TypeError, match=r"paths of report files or gpr_docx\.Report"):
        render_many([item], tmp_path)  # type: ignore[list-item]


@pytest.mark.parametrize("value", [None, {"year": 2024}, "report.toml"])
def test_check_says_what_it_takes(district: Report, value: object) -> None:
    with pytest.raises(TypeError, match=r"gpr_docx\.Report"):
        check(value)  # type: ignore[arg-type]
    if value is not None:  # no previous report is fine
        with pytest.raises(TypeError, match="as previous"):
            check(district, value)  # type: ignore[arg-type]


def test_a_document_is_never_written_over_an_input(tmp_path: Path, district: Report) -> None:
    """Received .docx reports re-rendered into their own folder, with overwriting allowed."""
    folder = tmp_path / "received"
    folder.mkdir()
    received = folder / output_name(district.agency, district.year)
    received.write_bytes(render(district))
    before = received.read_bytes()
    summary = render_many([received], folder, force=True)
    assert (summary.rendered, summary.failed) == (0, 1)
    assert "覆盖本批的一个输入文件" in summary.not_rendered[0].message
    assert received.read_bytes() == before
    assert [p.name for p in folder.iterdir()] == [received.name]

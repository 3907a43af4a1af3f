"""A bounded load: concurrent renders over loopback all succeed (the figures are benchmarks/bench_server.py's)."""

from __future__ import annotations

import asyncio
import importlib.util

import gpr_docx
from tests.helpers import ROOT

from .conftest import Service


def test_concurrent_renders_all_succeed(service: Service) -> None:
    spec = importlib.util.spec_from_file_location(
        "bench_server", ROOT / "benchmarks" / "bench_server.py"
    )
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    report = gpr_docx.examples.load("example-district-2024")
    body, expected = gpr_docx.dumps(report, ".json"), gpr_docx.render(report)
    figures = asyncio.run(bench.load(service.url, 200, 16, body, expected))
    assert figures["requests"] == 200
    assert figures["errors"] == 0

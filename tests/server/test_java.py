"""The Java example of docs/integration.md compiles and, run against the service, gets the library's document."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

import gpr_docx
from tests.helpers import ROOT

from .conftest import Service

pytestmark = pytest.mark.skipif(
    shutil.which("javac") is None or shutil.which("java") is None, reason="no JDK"
)


def _java_example() -> str:
    text = (ROOT / "docs" / "integration.md").read_text("utf-8")
    blocks = re.findall(r"```java\n(.*?)```", text, re.DOTALL)
    assert len(blocks) == 1
    return str(blocks[0])


def test_the_java_example_renders_and_checks(service: Service, tmp_path: Path) -> None:
    source = tmp_path / "GprClient.java"
    source.write_text(_java_example(), "utf-8")
    subprocess.run(["javac", "-d", str(tmp_path), str(source)], check=True, timeout=120)
    report = gpr_docx.examples.load("dasheng-2024")
    data = tmp_path / "report.json"
    data.write_bytes(gpr_docx.dumps(report, ".json"))
    output = tmp_path / "report.docx"
    done = subprocess.run(
        ["java", "-cp", str(tmp_path), "GprClient", service.url, str(data), str(output)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert output.read_bytes() == gpr_docx.render(report)
    assert done.stdout.strip() == "[]"

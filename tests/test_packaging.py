"""The wheel carries the templates and the type marker; the version is one number everywhere."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

import gpr_docx

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_contains_templates_and_py_typed(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("gpr_docx-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "gpr_docx/templates/official-2021.docx" in names
    assert "gpr_docx/templates/official-2021.html.j2" in names
    assert "gpr_docx/templates/examples/dasheng-2024.json" in names
    assert "gpr_docx/templates/examples/example-district-2024.json" in names
    assert "gpr_docx/templates/profiles/national.toml" in names
    assert "gpr_docx/templates/profiles/example-district.toml" in names
    assert "gpr_docx/py.typed" in names
    assert not any(n.startswith("tests/") for n in names)


def test_version_matches_metadata() -> None:
    assert metadata.version("gpr-docx") == gpr_docx.__version__

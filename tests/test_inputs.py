"""Reading any input: a file, or its bytes with the suffix of its name (read_bytes), alike."""

from __future__ import annotations

from pathlib import Path

import pytest

import gpr_docx
from gpr_docx.errors import InputSyntaxError, NotDocxError, UnsupportedFormatError
from gpr_docx.inputs import read_bytes
from tests.helpers import EXAMPLE_NAMES


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
@pytest.mark.parametrize("suffix", [".json", ".toml", ".yaml", ".xlsx", ".docx"])
def test_bytes_read_as_the_file_reads(name: str, suffix: str, tmp_path: Path) -> None:
    report = gpr_docx.examples.load(name)
    if suffix == ".xlsx":
        content = gpr_docx.workbook(report)
    elif suffix == ".docx":
        content = gpr_docx.render(report)
    else:
        content = gpr_docx.dumps(report, suffix)
    path = tmp_path / f"report{suffix}"
    path.write_bytes(content)
    from_file = gpr_docx.read(path)
    from_bytes = read_bytes(content, suffix, source="upload")
    assert from_bytes.report == from_file.report
    assert from_bytes.findings == from_file.findings
    assert from_bytes.source == "upload"
    assert (from_bytes.parsed is None) == (suffix != ".docx")


def test_a_document_is_known_by_its_content() -> None:
    document = gpr_docx.render(gpr_docx.examples.load("dasheng-2024"))
    assert read_bytes(document).parsed is not None


def test_bytes_that_are_no_input() -> None:
    with pytest.raises(UnsupportedFormatError):
        read_bytes(b"just text")
    with pytest.raises(InputSyntaxError):
        read_bytes(b"{", ".json")
    with pytest.raises(NotDocxError):
        read_bytes(b"not a zip", ".docx")

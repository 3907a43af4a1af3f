"""LibreOffice, headless, for the tests that open our files where users open them.

A test that needs it (or pdftotext) fails in CI, where it must be installed, and is skipped
elsewhere. Each conversion runs with its own user profile inside the output folder, so that tests
running at once do not share LibreOffice's lock.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

import pytest

__all__ = ["convert", "flat", "pdf_text", "soffice", "unavailable"]


def unavailable(what: str) -> NoReturn:
    """Fail in CI, where ``what`` must be installed; skip the test elsewhere."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} must be installed in CI")
    pytest.skip(f"{what} is not installed")


def soffice() -> str:
    """LibreOffice's command (``soffice`` or ``libreoffice``)."""
    command = shutil.which("soffice") or shutil.which("libreoffice")
    if command is None:
        unavailable("LibreOffice (soffice)")
    return command


def convert(sources: Sequence[Path], to: str, folder: Path, *, timeout: float = 180) -> list[Path]:
    """Each of ``sources`` converted by LibreOffice (``--convert-to to``) into ``folder``."""
    subprocess.run(
        [
            soffice(),
            "--headless",
            f"-env:UserInstallation=file://{folder}/lo",
            "--convert-to",
            to,
            "--outdir",
            str(folder),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=timeout,
    )
    extension = to.split(":", 1)[0]
    return [folder / f"{source.stem}.{extension}" for source in sources]


def flat(text: str) -> str:
    """``text`` without white space: a PDF's text layer breaks lines where the page does."""
    return re.sub(r"\s+", "", text)


def pdf_text(document: Path, folder: Path) -> str:
    """The text of ``document`` as LibreOffice prints it to PDF (read by pdftotext), flattened."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        unavailable("pdftotext (poppler-utils)")
    (pdf,) = convert([document], "pdf", folder)
    text = subprocess.run(
        [pdftotext, str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return flat(text)

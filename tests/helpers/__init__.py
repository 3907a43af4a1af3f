"""Helpers shared by the tests: paths of test data and reference material, and the example names."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
"""Golden files and foreign test documents."""

ROOT = Path(__file__).resolve().parents[2]
"""The checkout."""

SHARED = ROOT.parent / "shared"
"""Reference material beside the checkout (spec, examples, forms); tests that read it skip without it."""

OFFICIAL_BLANK_FORM = SHARED / "forms" / "official-2021-blank.docx"
"""The blank form as offices circulate it: someone else's file, read where it lies, never copied in."""

BLANK_FORMS = {
    "official": OFFICIAL_BLANK_FORM,
    "libreoffice": DATA / "foreign" / "blank-form-2021.docx",  # tools/make_foreign_docx.py
}

EXAMPLE_NAMES = ("dasheng-2024", "example-district-2024")

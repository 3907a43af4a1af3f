"""The texts 雷同 compares are made without numpy; the comparison without it says which extra to
install (GPR630)."""

from __future__ import annotations

import importlib
import importlib.util
import os
import subprocess
import sys

import pytest

from gpr_docx.collect.narrative import PLACEHOLDER
from gpr_docx.errors import SimilaritySupportMissingError
from tests.helpers import ROOT


def test_without_numpy_or_datasketch_the_comparison_says_which_extra_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    numpy_installed = importlib.util.find_spec("numpy") is not None
    for module in ("numpy", "datasketch"):
        missing = module if numpy_installed else "numpy"  # the first import that fails is named
        monkeypatch.setitem(sys.modules, module, None)
        monkeypatch.delitem(sys.modules, "gpr_docx.collect.similarity", raising=False)
        with pytest.raises(SimilaritySupportMissingError) as raised:
            importlib.import_module("gpr_docx.collect.similarity")
        assert raised.value.code == "GPR630"
        assert f"缺少 {missing}" in raised.value.message
        assert "pip install 'gpr-docx[collect]'" in raised.value.message
        monkeypatch.undo()


def test_the_texts_are_made_without_numpy() -> None:
    code = (
        "import sys; sys.modules['numpy'] = None; sys.modules['datasketch'] = None\n"
        "from gpr_docx.collect import narrative, run\n"
        "print(narrative.normalise('某某区财政局　２０２４年', ['某某区财政局']))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == f"{PLACEHOLDER}2024年"

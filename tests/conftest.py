"""Shared fixtures: example reports, a CLI runner that lets no exception escape, Hypothesis profiles."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from gpr_docx import Report, examples
from tests.helpers import BLANK_FORMS, EXAMPLE_NAMES

settings.register_profile(
    "ci", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=50
)
settings.register_profile("fast", deadline=None, max_examples=10)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

_CACHE_VARIABLE = "GPR_DOCX_CACHE_DIR"
_previous_cache = pytest.StashKey[str | None]()


def pytest_configure(config: pytest.Config) -> None:
    """Compiled templates go to a fresh folder for the run (subprocesses inherit it), never to the
    user's cache directory."""
    config.stash[_previous_cache] = os.environ.get(_CACHE_VARIABLE)
    os.environ[_CACHE_VARIABLE] = tempfile.mkdtemp(prefix="gpr-docx-test-cache-")


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = os.environ.pop(_CACHE_VARIABLE, "")
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
    previous = config.stash.get(_previous_cache, None)
    if previous is not None:
        os.environ[_CACHE_VARIABLE] = previous


@pytest.fixture(params=sorted(BLANK_FORMS))
def blank_form(request: pytest.FixtureRequest) -> Path:
    """Each blank 2021 form without tags: the official one (where present) and one LibreOffice made."""
    path = BLANK_FORMS[request.param]
    if not path.exists():
        pytest.skip(f"blank form not available at {path}")
    return path


@pytest.fixture(params=EXAMPLE_NAMES)
def example_report(request: pytest.FixtureRequest) -> Report:
    """Each built-in example report in turn."""
    return examples.load(request.param)


@pytest.fixture
def dasheng() -> Report:
    return examples.load("dasheng-2024")


@pytest.fixture
def district() -> Report:
    return examples.load("example-district-2024")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()

"""The command line run as users run it: ``python -m gpr_docx`` in a process of its own."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.helpers import ROOT

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
"""The environment that runs this checkout's gpr_docx."""


def command(*args: str) -> list[str]:
    """``python -m gpr_docx <args>`` as an argument list."""
    return [sys.executable, "-m", "gpr_docx", *args]


def start(*args: str, stderr: int = subprocess.DEVNULL) -> subprocess.Popen[str]:
    """``gpr-docx <args>`` started in a session of its own, so that a test can signal it and its
    workers at once (``os.killpg(process.pid, …)``); standard output is discarded."""
    return subprocess.Popen(
        command(*args),
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=stderr,
        text=True,
        start_new_session=True,
    )

"""The batch commands' shared progress bar: drawn on a terminal only, from the result callback."""

from __future__ import annotations

import io

from rich.console import Console

from gpr_docx.cli.options import BatchProgress


def test_a_terminal_gets_the_bar_and_its_count() -> None:
    output = io.StringIO()
    console = Console(file=output, force_terminal=True, width=80)
    with BatchProgress(console, "审核中", 2) as progress:
        progress.advance()
        progress.advance()
    assert "审核中" in output.getvalue() and "2/2" in output.getvalue()


def test_elsewhere_no_bar_is_drawn() -> None:
    output = io.StringIO()
    console = Console(file=output, force_terminal=False, width=80)
    with BatchProgress(console, "审核中", 2) as progress:
        assert progress.progress is None
        progress.advance()
    assert output.getvalue() == ""

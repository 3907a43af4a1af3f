"""The files a collect writes, all into its staging folder (which becomes the output folder)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .._fs import write_atomic
from ..data import dumps
from ..render import render
from .rollup import cells_of
from .status import status_workbook

if TYPE_CHECKING:
    from .run import CollectResult, _Run

__all__ = ["write_outputs"]


def write_outputs(result: CollectResult, staging: Path, run: _Run) -> list[Path]:
    """Write the status workbook and the roll-up (data and draft) into ``staging``."""
    from .run import DRAFT_NAME, ROLLUP_DATA_NAME, STATUS_NAME

    rollup_cells = cells_of(result.rollup) if result.rollup is not None else None
    written = [
        write_atomic(
            staging / STATUS_NAME,
            status_workbook(result, run.cells_of_unit, run.finding_rows(), rollup_cells),
        )
    ]
    if result.rollup is not None:
        written.append(write_atomic(staging / ROLLUP_DATA_NAME, dumps(result.rollup, ".json")))
        written.append(write_atomic(staging / DRAFT_NAME, render(result.rollup)))
    return written

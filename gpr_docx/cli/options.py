"""What the batch commands share: the ``--profile`` option and the progress bar of a batch.

``check`` and ``collect`` take the same ``--profile``; ``render A B … -o DIR/`` and ``collect``
show the same bar, moved from their result callbacks.
"""

from __future__ import annotations

import time
from types import TracebackType
from typing import Annotated, Final

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

__all__ = ["BatchProgress", "ProfileOption"]

ProfileOption = Annotated[
    str | None,
    typer.Option(
        "--profile",
        help="本地审核规则集：.toml 文件，或内置规则集名称（national、example-district）",
    ),
]
"""``--profile``: a local rule profile's ``.toml`` file or a built-in profile's name."""

_REFRESH_EVERY: Final = 0.1


class BatchProgress:
    """A batch's progress bar on a terminal, none elsewhere; ``with`` starts and stops it.

    No refresh thread: the bar is redrawn from the result callback (:meth:`advance`, at most every
    tenth of a second), so worker processes are never forked while a thread of ours holds a lock.
    """

    def __init__(self, console: Console, description: str, total: int) -> None:
        self.progress = (
            Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=console,
                auto_refresh=False,
                transient=True,
            )
            if console.is_terminal
            else None
        )
        self.task = self.progress.add_task(description, total=total) if self.progress else None
        self.last_refresh = 0.0

    def __enter__(self) -> BatchProgress:
        if self.progress is not None:
            self.progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.progress is not None:
            self.progress.stop()

    def advance(self) -> None:
        """One more item done."""
        if self.progress is None or self.task is None:
            return
        self.progress.advance(self.task)
        now = time.monotonic()
        if now - self.last_refresh >= _REFRESH_EVERY:
            self.progress.refresh()
            self.last_refresh = now

"""The worker processes that do the reading, checking and writing, off the event loop.

A render takes about a millisecond, reading a PDF seconds: in worker processes neither holds up the
event loop, so ``GET /health`` answers while every worker is busy. The pool is started (and each
worker made ready, :func:`~gpr_docx.server.jobs.warm`) before the service takes requests; a worker
that dies is replaced with the whole pool, and the request that met it is answered GPR719.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ..errors import InternalServiceError
from . import jobs
from .problems import Outcome

__all__ = ["WorkerPool"]

_log = logging.getLogger("gpr_docx.server")


class WorkerPool:
    """``workers`` processes (started with *spawn*: a clean interpreter, no inherited event loop)."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._executor: ProcessPoolExecutor | None = None

    def _new_executor(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=jobs.warm,
        )

    async def start(self) -> None:
        """Start the workers and wait until each has readied itself."""
        self._executor = self._new_executor()
        await asyncio.gather(*(self.run(jobs.ping) for _ in range(self.workers)))

    def close(self) -> None:
        """Stop the workers; queued jobs are dropped."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    async def run(self, job: Callable[..., Outcome], *args: Any, **kwargs: Any) -> Outcome:
        """Run ``job`` in a worker and return its outcome (cancelled if the request is given up)."""
        if self._executor is None:
            raise InternalServiceError("服务尚未就绪（工作进程未启动）")
        loop = asyncio.get_running_loop()
        executor = self._executor
        try:
            return await loop.run_in_executor(executor, functools.partial(job, *args, **kwargs))
        except BrokenProcessPool:
            _log.error("a worker process died; the pool is restarted")
            if self._executor is executor:
                executor.shutdown(wait=False, cancel_futures=True)
                self._executor = self._new_executor()
            raise InternalServiceError("工作进程意外退出，已重新启动，请重试") from None

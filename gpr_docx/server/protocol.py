"""uvicorn's HTTP/1.1 protocol with a deadline for a request's headers (slow clients are dropped).

uvicorn closes idle keep-alive connections but waits for a request's headers as long as the client
keeps dribbling them; a client that sends one header line every few seconds ("slowloris") would hold
its connection for ever. Here a connection has ``header_timeout`` seconds from its start (or the end
of its last response) to send a whole request head; then it gets a 408 JSON answer (GPR705) and is
closed. Other connections are served meanwhile: each is its own task on the event loop.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

from ..errors import RequestTimeoutError
from .problems import error_outcome

__all__ = ["protocol_with_deadline"]


class _DeadlineH11(H11Protocol):
    header_timeout: float = 10.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None

    def _arm(self) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(self.header_timeout, self._too_slow)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def handle_events(self) -> None:
        before = self.cycle
        super().handle_events()
        if self.cycle is not before:  # a request's head arrived whole: its endpoint takes over
            self._disarm()

    def on_response_complete(self) -> None:
        self._arm()  # before super(): a pipelined request it handles disarms it again
        super().on_response_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _too_slow(self) -> None:
        self._deadline = None
        if self.transport.is_closing() or (
            self.cycle is not None and not self.cycle.response_complete
        ):
            return
        seconds = f"{self.header_timeout:g}"
        outcome = error_outcome(
            RequestTimeoutError(f"请求头在 {seconds} 秒内没有传完，已断开"), status=408
        )
        head = (
            "HTTP/1.1 408 Request Timeout\r\n"
            f"content-type: {outcome.media_type}\r\n"
            f"content-length: {len(outcome.body)}\r\n"
            "connection: close\r\n\r\n"
        )
        self.transport.write(head.encode("latin-1") + outcome.body)
        self.transport.close()


def protocol_with_deadline(header_timeout: float) -> type[H11Protocol]:
    """uvicorn's h11 protocol class, dropping a connection whose request head takes over ``header_timeout`` s."""
    return type("DeadlineH11Protocol", (_DeadlineH11,), {"header_timeout": header_timeout})

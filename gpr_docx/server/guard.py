"""What every request passes before an endpoint sees it: the token, the body limit, the time limit.

:class:`RequestGuard` is plain ASGI middleware, outermost, so that a refused request costs nothing:
a body announced larger than the limit is refused before a byte of it is read, one that grows past
the limit while it streams is refused at that point (GPR701); a request that takes longer than the
time limit to arrive (408) or to be served (504) is answered GPR705; without the operator's bearer
token, only ``GET /health`` answers (GPR706).
"""

from __future__ import annotations

import asyncio
import hmac
from typing import Final

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import GprError, RequestTimeoutError, RequestTooLargeError, UnauthorizedError
from .problems import error_outcome
from .settings import Settings

__all__ = ["OPEN_PATHS", "RequestGuard", "send_error"]

OPEN_PATHS: Final = frozenset({"/health"})
"""What answers without the token: a load balancer's health check learns nothing else."""
_MB: Final = 1024 * 1024


async def send_error(send: Send, error: GprError, *, status: int | None = None) -> None:
    """Answer ``error`` as JSON directly over ASGI (outside the app, whose handlers did not run)."""
    outcome = error_outcome(error, status=status)
    headers = [
        (b"content-type", outcome.media_type.encode("latin-1")),
        (b"content-length", str(len(outcome.body)).encode("latin-1")),
    ]
    if isinstance(error, UnauthorizedError):
        headers.append((b"www-authenticate", b"Bearer"))
    await send({"type": "http.response.start", "status": outcome.status, "headers": headers})
    await send({"type": "http.response.body", "body": outcome.body})


def _size(limit: int) -> str:
    return f"{limit / _MB:g} MB" if limit >= _MB else f"{limit} 字节"


class RequestGuard:
    """ASGI middleware: token, body limit (while streaming) and time limit of every HTTP request."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self._token = None if settings.token is None else f"Bearer {settings.token}".encode()

    def _header(self, scope: Scope, name: bytes) -> bytes | None:
        for key, value in scope["headers"]:
            if key.lower() == name:
                return bytes(value)
        return None

    def _refusal(self, scope: Scope) -> GprError | None:
        if self._token is not None and scope["path"] not in OPEN_PATHS:
            given = self._header(scope, b"authorization") or b""
            if not hmac.compare_digest(given, self._token):
                return UnauthorizedError("需要有效的访问令牌（请求头 Authorization: Bearer …）")
        declared = self._header(scope, b"content-length")
        if (
            declared is not None
            and declared.strip().isdigit()
            and int(declared) > self.settings.max_body
        ):
            return self._too_large()
        return None

    def _too_large(self) -> RequestTooLargeError:
        return RequestTooLargeError(
            f"请求体超过 {_size(self.settings.max_body)}，已拒绝（不会是年报或表格）"
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self._refusal(scope)
        if refusal is not None:
            await send_error(send, refusal)
            return
        received = 0
        body_done = scope["method"] in ("GET", "HEAD")
        started = False

        async def receiving() -> Message:
            nonlocal received, body_done
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.settings.max_body:
                    raise self._too_large()
                body_done = not message.get("more_body", False)
            return message

        async def sending(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            async with asyncio.timeout(self.settings.timeout):
                await self.app(scope, receiving, sending)
        except TimeoutError:
            if started:
                raise
            seconds = f"{self.settings.timeout:g}"
            if body_done:
                error = RequestTimeoutError(f"处理超过 {seconds} 秒，已停止等待")
                await send_error(send, error, status=504)
            else:
                error = RequestTimeoutError(f"请求体在 {seconds} 秒内没有传完，已断开")
                await send_error(send, error, status=408)

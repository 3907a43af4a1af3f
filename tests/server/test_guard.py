"""The request guard on its own: time limits (408, 504), the body limit while streaming, the token."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from starlette.types import Message, Receive, Scope, Send

from gpr_docx.errors import RequestTooLargeError
from gpr_docx.server.guard import RequestGuard
from gpr_docx.server.settings import Settings


def _scope(
    method: str = "POST", path: str = "/render", headers: list[tuple[bytes, bytes]] | None = None
) -> Scope:
    return {"type": "http", "method": method, "path": path, "headers": headers or []}


def _run(guard: RequestGuard, scope: Scope, chunks: list[bytes], delay: float = 0) -> list[Message]:
    sent: list[Message] = []

    async def receive() -> Message:
        await asyncio.sleep(delay)
        if chunks:
            body = chunks.pop(0)
            return {"type": "http.request", "body": body, "more_body": bool(chunks)}
        await asyncio.sleep(3600)
        return {"type": "http.disconnect"}  # pragma: no cover

    async def send(message: Message) -> None:
        sent.append(message)

    asyncio.run(guard(scope, receive, send))
    return sent


def _answer(sent: list[Message]) -> tuple[int, dict[str, Any]]:
    return int(sent[0]["status"]), json.loads(sent[1]["body"])


async def _reads_then_sleeps(scope: Scope, receive: Receive, send: Send) -> None:
    while (await receive()).get("more_body"):
        pass
    await asyncio.sleep(3600)


def test_work_over_the_time_limit_is_504() -> None:
    guard = RequestGuard(_reads_then_sleeps, Settings(timeout=0.2))
    status, body = _answer(_run(guard, _scope(), [b"{}"]))
    assert (status, body["code"]) == (504, "GPR705")


def test_a_body_arriving_too_slowly_is_408() -> None:
    guard = RequestGuard(_reads_then_sleeps, Settings(timeout=0.3))
    status, body = _answer(_run(guard, _scope(), [b"{", b"}"] * 10, delay=0.1))
    assert (status, body["code"]) == (408, "GPR705")


def test_a_streamed_body_is_refused_as_soon_as_it_passes_the_limit() -> None:
    read: list[int] = []

    async def counting(scope: Scope, receive: Receive, send: Send) -> None:
        try:
            while True:
                message = await receive()
                read.append(len(message["body"]))
        except RequestTooLargeError as error:
            assert error.code == "GPR701"
            read.append(-1)

    guard = RequestGuard(counting, Settings(max_body=1000))
    _run(guard, _scope(), [b"x" * 400] * 100)
    assert read == [400, 400, -1]  # the third chunk passes 1000 bytes: nothing more is read


def test_a_declared_length_over_the_limit_is_refused_before_the_app() -> None:
    async def never(scope: Scope, receive: Receive, send: Send) -> None:  # pragma: no cover
        raise AssertionError("the app must not run")

    guard = RequestGuard(never, Settings(max_body=1000))
    status, body = _answer(_run(guard, _scope(headers=[(b"content-length", b"1001")]), []))
    assert (status, body["code"]) == (413, "GPR701")


def test_the_token_is_asked_everywhere_but_health() -> None:
    async def ok(scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    token = "t0ken"  # noqa: S105 - a test's token
    guard = RequestGuard(ok, Settings(token=token))
    assert _run(guard, _scope("GET", "/health"), [])[0]["status"] == 200
    status, body = _answer(_run(guard, _scope("GET", "/version"), []))
    assert (status, body["code"]) == (401, "GPR706")
    good = [(b"authorization", b"Bearer t0ken")]
    assert _run(guard, _scope("GET", "/version", good), [])[0]["status"] == 200

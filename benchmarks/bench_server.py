"""Load on the HTTP service: many ``POST /render`` from concurrent clients over loopback.

Run from a checkout with the ``server`` and ``dev`` extras::

    python benchmarks/bench_server.py                      # 2 000 requests, 32 clients
    python benchmarks/bench_server.py --requests 200 --clients 8

Starts ``gpr-docx serve`` on a free loopback port (``--workers``, default 2), waits until it is
ready, then sends ``--requests`` renders of the ``example-district-2024`` report from ``--clients``
concurrent connections (httpx, asyncio) and prints p50/p90/p99 latency, throughput and the number
of errors (any answer but 200 with the library's own bytes). Targets on 2 cores: p99 ≤ 50 ms,
≥ 300 renders/s, zero errors. The client runs on the same cores as the service, so the figures
are a floor. Exit code 1 when any request failed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import gpr_docx  # noqa: E402


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start(workers: int, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """``gpr-docx serve`` on a free loopback port, once ``GET /health`` answers."""
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "gpr_docx", "serve", "--port", str(port)]
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*command, "--workers", str(workers)], env=env, stdout=out, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return process, url
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"the service did not start:\n{log.read_text('utf-8', 'replace')}")


async def _exchange(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> tuple[int, bytes]:
    """One request on a kept-alive connection: its status and body."""
    writer.write(request)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    fields = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
    length = int({k.lower(): v for k, v in fields.items()}.get("content-length", "0"))
    return status, await reader.readexactly(length)


async def load(
    url: str,
    requests: int,
    clients: int,
    body: bytes,
    expected: bytes,
    *,
    rate: float | None = None,
) -> dict[str, float]:
    """Send ``requests`` renders from ``clients`` concurrent connections; latencies and errors.

    Without ``rate`` each connection sends its next request as soon as it has the answer (a closed
    loop: latency is then about ``clients`` / throughput). With ``rate`` the requests are due at
    that many per second and each latency counts from when its request was due, waiting for a
    free connection included (an open loop, without coordinated omission).
    The client is plain asyncio streams with a prepared request, so that it takes as little as
    possible of the cores it shares with the service.
    """
    host, port = url.removeprefix("http://").rstrip("/").split(":")
    request = (
        f"POST /render HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode("latin-1") + body
    latencies: list[float] = []
    errors = 0
    queue = iter(range(requests))

    async def client() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(host, int(port))
        try:
            await _exchange(reader, writer, request)  # warm the connection and a worker
            await ready.wait()
            for index in queue:
                begin = time.perf_counter()
                if rate is not None:
                    due = started + index / rate
                    if due > begin:
                        await asyncio.sleep(due - begin)
                    begin = due
                try:
                    status, content = await _exchange(reader, writer, request)
                    ok = status == 200 and content == expected
                except (OSError, asyncio.IncompleteReadError, ValueError):
                    ok = False
                    writer.close()
                    reader, writer = await asyncio.open_connection(host, int(port))
                latencies.append(time.perf_counter() - begin)
                errors += not ok
        finally:
            writer.close()

    ready = asyncio.Event()
    started = 0.0
    tasks = [asyncio.create_task(client()) for _ in range(clients)]
    await asyncio.sleep(1)  # every connection made and warmed
    started = time.perf_counter()
    ready.set()
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000

    return {
        "requests": len(latencies),
        "errors": errors,
        "seconds": elapsed,
        "throughput": len(latencies) / elapsed,
        "p50": pct(50),
        "p90": pct(90),
        "p99": pct(99),
        "max": ordered[-1] * 1000,
        "mean": statistics.fmean(ordered) * 1000,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--url", help="an already running service (else one is started)")
    parser.add_argument(
        "--rate", type=float, help="requests due per second (open loop); default: closed loop"
    )
    args = parser.parse_args()
    report = gpr_docx.examples.load("example-district-2024")
    body, expected = gpr_docx.dumps(report, ".json"), gpr_docx.render(report)
    process = None
    with tempfile.TemporaryDirectory() as folder:
        url = args.url
        if url is None:
            process, url = start(args.workers, Path(folder) / "service.log")
        try:
            figures = asyncio.run(
                load(url, args.requests, args.clients, body, expected, rate=args.rate)
            )
        finally:
            if process is not None:
                process.send_signal(signal.SIGINT)
                process.wait(timeout=30)
    mode = f"due at {args.rate:g}/s" if args.rate else "closed loop"
    print(
        f"{figures['requests']:.0f} POST /render, {args.clients} clients ({mode}), "
        f"{args.workers} workers: "
        f"{figures['throughput']:.0f} renders/s; latency p50 {figures['p50']:.1f} ms, "
        f"p90 {figures['p90']:.1f} ms, p99 {figures['p99']:.1f} ms, max {figures['max']:.1f} ms; "
        f"errors {figures['errors']:.0f}"
    )
    return 1 if figures["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
